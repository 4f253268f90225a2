"""End-to-end fixtures: the app in prod mode (started once) and a phone in real Chromium.

The kiosk idle tests get a second app with short idle times (``idle_app_url``), started only
when one of them runs, so no other test can meet the idle prompt.

In CI (CI=true) a missing Chromium or a failed app start is an error; elsewhere the browser
tests skip with a loud message so the unit tests still run on a bare machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from phones import APP_ENV, IDLE_ENV, PHONE

from benchmarks.appserver import AppServer, AppUnavailableError, running_app

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
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """Start ``reflex run --env prod`` on a free port once per test session."""
    try:
        with running_app(tmp_path_factory.mktemp("app"), env=APP_ENV) as server:
            yield server
    except AppUnavailableError as error:
        _unavailable(str(error))


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    """The session app's address."""
    return app_server.url


@pytest.fixture(scope="session")
def idle_app_url(tmp_path_factory: pytest.TempPathFactory, app_url: str) -> Iterator[str]:
    """A second app whose kiosk prompts come after 3 s; ``app_url`` first, to fail the same way.

    It has its own frontend build folder: a build bakes in its port, and the session app's
    build must keep pointing at the session app.
    """
    work_dir = tmp_path_factory.mktemp("idle-app")
    env = {**IDLE_ENV, "REFLEX_WEB_WORKDIR": str(work_dir / "web")}
    try:
        with running_app(work_dir, env=env) as server:
            yield server.url
    except AppUnavailableError as error:
        pytest.fail(f"the app with short kiosk idle times did not start: {error}")


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
