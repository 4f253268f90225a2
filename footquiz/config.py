"""Settings that come from the environment. Secrets are read here and never logged."""

from __future__ import annotations

import logging
import os

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
