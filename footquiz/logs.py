"""What the server logs about failures: short, escaped lines, never a token or an address.

Reflex's own handlers log a browser's error report verbatim (newlines and all, so a client
could forge log lines) and a failed event with everything about the tab. These replace them:
client text becomes one escaped line of at most ``MAX_CHARS``, browser reports are capped per
minute, and a failed event is logged with its type, message and our code's stack only. The
patient gets the app's own notice instead of Reflex's blocking ``alert()``.
"""

from __future__ import annotations

import logging
import time
import traceback

from reflex.event import EventSpec

log = logging.getLogger("footquiz")

MAX_CHARS = 300
MAX_LINE = 1000
"""Any log record's message, Reflex's own included (some quote a client's value whole)."""
REPORTS_PER_MINUTE = 30
NOTICE_EVERY_S = 1.0
"""At most one trouble notice a second: if the notice itself fails, it cannot loop fast."""


def clean(text: object, limit: int = MAX_CHARS) -> str:
    """Client text for one log line: control characters and non-ASCII escaped, cut short."""
    whole = str(text)
    line = whole[:limit].encode("unicode_escape").decode("ascii")
    return line + (f"... ({len(whole)} characters)" if len(whole) > limit else "")


class _Capped(logging.Filter):
    """Cuts a record's message to ``MAX_LINE`` characters."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Cut, never drop."""
        message = record.getMessage()
        if len(message) > MAX_LINE:
            record.msg = f"{message[:MAX_LINE]}... ({len(message)} characters)"
            record.args = None
        return True


def cap_log_lines() -> None:
    """Cap every log line of this process: the handlers Reflex attached, and the last resort."""
    handlers = [logging.lastResort, *logging.getLogger().handlers]
    handlers += logging.getLogger("reflex").handlers
    for handler in handlers:
        if handler is not None and not any(isinstance(f, _Capped) for f in handler.filters):
            handler.addFilter(_Capped())


class _Window:
    """How many browser reports were logged in the current minute."""

    started = 0.0
    count = 0


def browser_error(exception: Exception) -> None:
    """A browser's error report: one escaped line, at most 30 a minute for the whole server."""
    now = time.monotonic()
    if now - _Window.started > 60:
        if _Window.count > REPORTS_PER_MINUTE:
            skipped = _Window.count - REPORTS_PER_MINUTE
            log.warning("%d more browser error reports were not logged", skipped)
        _Window.started, _Window.count = now, 0
    _Window.count += 1
    if _Window.count <= REPORTS_PER_MINUTE:
        log.warning("a browser reported an error: %s", clean(exception))


class _Notice:
    """When the last trouble notice went out."""

    at = 0.0


def server_error(exception: Exception) -> EventSpec | None:
    """A failed event: logged without the tab's data; the patient sees the app's notice."""
    from footquiz.state import QuizState

    stack = "".join(traceback.format_tb(exception.__traceback__))
    log.error("an event failed: %s: %s\n%s", type(exception).__name__, clean(exception), stack)
    now = time.monotonic()
    if now - _Notice.at < NOTICE_EVERY_S:
        return None
    _Notice.at = now
    return QuizState.note_trouble()
