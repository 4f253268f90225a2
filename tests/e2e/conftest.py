"""End-to-end fixtures: the app in prod mode (started once) and a phone in real Chromium.

In CI (CI=true) a missing Chromium or a failed app start is an error; elsewhere the browser
tests skip with a loud message so the unit tests still run on a bare machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from phones import KIOSK_ENV, PHONE

from benchmarks.appserver import AppUnavailableError, running_app

CHROMIUM = os.environ.get("FOOTQUIZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    """Fail in CI, skip loudly elsewhere."""
    if IN_CI:
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    print(f"\n*** SKIPPING BROWSER TESTS: {reason} ***\n", file=sys.stderr)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``reflex run --env prod`` on a free port once per test session."""
    try:
        with running_app(tmp_path_factory.mktemp("app"), env=KIOSK_ENV) as server:
            yield server.url
    except AppUnavailableError as error:
        _unavailable(str(error))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -r requirements-test.txt)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: object, app_url: str) -> Iterator[object]:
    """A fresh phone-sized, touch-enabled browser context with its own storage."""
    context = browser.new_context(base_url=app_url, **PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
