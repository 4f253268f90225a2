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


def link_secret() -> bytes:
    """The key that signs result links: FOOTQUIZ_SECRET, or a development default."""
    value = os.environ.get(SECRET_ENV, "")
    if value:
        return value.encode("utf-8")
    if is_prod():
        log.warning(
            "\n%s\n%s is not set: result links are signed with the public development key,"
            " so anyone could forge one. Set it to a long random value.\n%s",
            "!" * 78,
            SECRET_ENV,
            "!" * 78,
        )
    return DEV_SECRET


KIOSK_PIN_ENV = "FOOTQUIZ_KIOSK_PIN"
DEV_KIOSK_PIN = "0000"


def kiosk_pin() -> str | None:
    """The staff PIN that ends kiosk mode; in prod there is no default (exit is refused)."""
    value = os.environ.get(KIOSK_PIN_ENV, "").strip()
    if value:
        return value
    return None if is_prod() else DEV_KIOSK_PIN


def _seconds(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        log.warning("%s must be a whole number of seconds; using %d", name, default)
        return default


def kiosk_times() -> dict[str, int]:
    """Kiosk idle times in seconds: on a question, on the result, and the countdown."""
    return {
        "quiz": _seconds("FOOTQUIZ_KIOSK_IDLE_QUIZ", 90),
        "result": _seconds("FOOTQUIZ_KIOSK_IDLE_RESULT", 60),
        "countdown": _seconds("FOOTQUIZ_KIOSK_COUNTDOWN", 20),
    }


ORIGIN_ENV = "FOOTQUIZ_ORIGIN"


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
