"""Settings from the environment: what prod refuses to start without."""

from __future__ import annotations

import pytest

from footquiz.config import DEV_SECRET, MIN_SECRET_CHARS, SECRET_ENV, link_secret


def test_prod_refuses_to_start_without_a_long_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLEX_ENV_MODE", "prod")
    monkeypatch.delenv(SECRET_ENV, raising=False)
    with pytest.raises(SystemExit, match=SECRET_ENV):
        link_secret()
    monkeypatch.setenv(SECRET_ENV, "s3cret-for-test")  # the red-team guessed this one
    with pytest.raises(SystemExit, match=SECRET_ENV):
        link_secret()
    monkeypatch.setenv(SECRET_ENV, "k" * MIN_SECRET_CHARS)
    assert link_secret() == b"k" * MIN_SECRET_CHARS


def test_dev_keeps_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLEX_ENV_MODE", "dev")
    monkeypatch.delenv(SECRET_ENV, raising=False)
    assert link_secret() == DEV_SECRET
    monkeypatch.setenv(SECRET_ENV, "short is fine in dev")
    assert link_secret() == b"short is fine in dev"
