"""What the server logs about clients (footquiz/logs.py) and how wrong PINs back off
(footquiz/attempts.py): no forged lines, no flood, no tokens, no brute force."""

from __future__ import annotations

import logging

import pytest

from footquiz import logs
from footquiz.attempts import Backoff, wait_after
from footquiz.logs import MAX_CHARS, MAX_LINE, browser_error, cap_log_lines, clean, server_error

FORGED = 'FQSEC\nINFO:     127.0.0.1 - "GET /admin HTTP/1.1" 200 OK\r\n\x1b[31m[red]x[/red]'


def test_client_text_is_one_escaped_line_and_capped() -> None:
    """Red-team finding 9: a browser's error report landed verbatim, newlines and all."""
    line = clean(FORGED)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert line.startswith("FQSEC\\nINFO:")
    long = clean("x" * 60_000)
    assert len(long) < MAX_CHARS + 40 and long.endswith("(60000 characters)")
    assert clean("peque\u00f1o") == "peque\\xf1o"


def test_every_log_line_is_capped_reflexs_own_too(capsys: pytest.CaptureFixture[str]) -> None:
    """Reflex quotes a client's value whole in some warnings (64 KB at most)."""
    handler = logging.StreamHandler()
    logging.getLogger("reflex").addHandler(handler)
    try:
        cap_log_lines()
        logging.getLogger("reflex.state").warning("got %r", "v" * 60_000)
    finally:
        logging.getLogger("reflex").removeHandler(handler)
    line = capsys.readouterr().err.strip()
    assert len(line) < MAX_LINE + 40 and line.endswith("(60006 characters)")


def test_browser_reports_are_logged_as_one_line_and_at_most_30_a_minute(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs._Window, "started", 0.0)
    monkeypatch.setattr(logs._Window, "count", 0)
    with caplog.at_level(logging.WARNING, logger="footquiz"):
        for _ in range(300):
            browser_error(Exception(FORGED + "y" * 60_000))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 30
    assert all("\n" not in line and len(line) < 500 for line in lines)


def test_a_failed_event_is_logged_without_the_tabs_data_and_shows_the_apps_notice(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs._Notice, "at", 0.0)
    try:
        raise ValueError(FORGED)
    except ValueError as error:
        with caplog.at_level(logging.ERROR, logger="footquiz"):
            notice = server_error(error)
            again = server_error(error)
    assert notice is not None and notice.handler.fn.__name__ == "note_trouble"
    assert again is None  # at most one notice a second: a failing notice cannot loop fast
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "ValueError: FQSEC\\nINFO" in text and "\nINFO:" not in text


def test_wrong_pins_count_per_device_and_per_address() -> None:
    now = [0.0]
    tries = Backoff(clock=lambda: now[0])
    phone, tablet = ("device A", "address 1"), ("device B", "address 1")
    for _ in range(3):
        tries.failed(phone)
    assert tries.wait(phone) == 30
    assert tries.wait(tablet) == 30  # another tab from that address waits as well
    assert tries.wait(("device A", "address 2")) == 30  # and that device from elsewhere
    assert tries.wait(("device C", "address 2")) == 0
    tries.succeeded(tablet)
    assert tries.wait(phone) == 30  # device A still waits
    assert [wait_after(n) for n in range(1, 12)] == [
        0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]  # fmt: skip
