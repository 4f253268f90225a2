"""Settings that come from the environment. Secrets are read here and never logged."""

from __future__ import annotations

import logging
import os

from footquiz.content import get_regions

SECRET_ENV = "FOOTQUIZ_SECRET"
DEV_SECRET = b"footquiz-development-secret-do-not-use-in-production"

log = logging.getLogger("footquiz")


def is_prod() -> bool:
    """Whether the app runs with ``reflex run --env prod``."""
    return os.environ.get("REFLEX_ENV_MODE", "dev").lower() == "prod"


MIN_SECRET_CHARS = 32


def link_secret() -> bytes:
    """The key that seals result links: FOOTQUIZ_SECRET, or a development key outside prod.

    Prod refuses to start without one of at least 32 characters: with the public development
    key anyone could read and forge links, and a short secret can be guessed from one link.
    """
    value = os.environ.get(SECRET_ENV, "")
    if not is_prod():
        return value.encode("utf-8") if value else DEV_SECRET
    if len(value) < MIN_SECRET_CHARS:
        raise SystemExit(
            f"{SECRET_ENV} must be set to a random value of at least {MIN_SECRET_CHARS}"
            " characters in prod (it seals the result links); make one with:"
            ' python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
    return value.encode("utf-8")


KIOSK_PIN_ENV = "FOOTQUIZ_KIOSK_PIN"
DEV_KIOSK_PIN = "0000"


def kiosk_pin() -> str | None:
    """The staff PIN that ends kiosk mode; in prod there is no default (exit is refused)."""
    value = os.environ.get(KIOSK_PIN_ENV, "").strip()
    if value:
        return value
    return None if is_prod() else DEV_KIOSK_PIN


KIOSK_DESK_ENV = "FOOTQUIZ_KIOSK_DESK"


def kiosk_desk() -> bool:
    """Whether a kiosk's result shows a "send to the desk" QR code of the clinician's view."""
    return os.environ.get(KIOSK_DESK_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _whole(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        log.warning("%s must be a whole number; using %d", name, default)
        return default


def kiosk_times() -> dict[str, int]:
    """Kiosk idle times in seconds: on a question, on the result, and the countdown."""
    return {
        "quiz": _whole("FOOTQUIZ_KIOSK_IDLE_QUIZ", 90),
        "result": _whole("FOOTQUIZ_KIOSK_IDLE_RESULT", 60),
        "countdown": _whole("FOOTQUIZ_KIOSK_COUNTDOWN", 20),
    }


def limits() -> tuple[int, int]:
    """Connections per client address, and sessions or connections per backend process.

    FOOTQUIZ_MAX_PER_ADDRESS: connections open at once from one address, and new ones per
    minute. FOOTQUIZ_MAX_SESSIONS: sessions (memory manager) or connections in one process.
    """
    return _whole("FOOTQUIZ_MAX_PER_ADDRESS", 200), _whole("FOOTQUIZ_MAX_SESSIONS", 5000)


SESSION_MINUTES = 5
"""How long the server keeps a tab's session after its last event (the browser keeps the
answers, and an open tab sends a keep-alive well within it): rxconfig.py sets it."""


ORIGIN_ENV = "FOOTQUIZ_ORIGIN"
PUBLIC_URL_ENV = "FOOTQUIZ_PUBLIC_URL"


def allowed_origins() -> tuple[str, ...]:
    """The origins the app is served from in prod (FOOTQUIZ_ORIGIN, comma-separated).

    Empty when unset: then only the address a request came to counts as the app's own.
    """
    value = os.environ.get(ORIGIN_ENV, "")
    return tuple(o.strip().rstrip("/") for o in value.split(",") if o.strip())


REGION_ENV = "FOOTQUIZ_REGION"


def fixed_region() -> str:
    """The care region a deployment chose (FOOTQUIZ_REGION), or "" to follow each browser.

    An unknown region stops start-up: a clinic must never hand out another country's numbers.
    """
    value = os.environ.get(REGION_ENV, "").strip().lower()
    if value and value not in get_regions():
        known = ", ".join(sorted(get_regions()))
        raise SystemExit(f"{REGION_ENV}={value!r} is not a region this app has ({known})")
    return value


def require_origin() -> None:
    """Prod refuses to start without FOOTQUIZ_ORIGIN, the address patients use.

    With it fixed, a page on a look-alike or rebound host name is another origin, and
    redirects and result links never come from a Host header a client chose.
    """
    if is_prod() and not allowed_origins():
        raise SystemExit(
            f"{ORIGIN_ENV} must be set in prod to the address patients use,"
            " e.g. https://check.example-clinic.org (several: comma-separated)"
        )


def public_url() -> str:
    """The address patients use (FOOTQUIZ_PUBLIC_URL, else the first FOOTQUIZ_ORIGIN), or ""."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    return configured or next(iter(allowed_origins()), "")
