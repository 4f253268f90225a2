"""End-to-end fixtures: the app in prod mode (started once) and a phone in real Chromium.

In CI (CI=true) a missing Chromium or a failed app start is an error; elsewhere the browser
tests skip with a loud message so the unit tests still run on a bare machine.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from phones import PHONE

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("FOOTQUIZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 600
IN_CI = os.environ.get("CI", "").lower() == "true"
# Short kiosk idle times, so the kiosk tests need not wait 90 s; other tests never use kiosk mode.
KIOSK_ENV = {
    "FOOTQUIZ_KIOSK_IDLE_QUIZ": "3",
    "FOOTQUIZ_KIOSK_IDLE_RESULT": "3",
    "FOOTQUIZ_KIOSK_COUNTDOWN": "2",
    "FOOTQUIZ_KIOSK_PIN": "2468",
}


def _unavailable(reason: str) -> None:
    """Fail in CI, skip loudly elsewhere."""
    if IN_CI:
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    print(f"\n*** SKIPPING BROWSER TESTS: {reason} ***\n", file=sys.stderr)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the backend's /ping and the first page until both answer."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text()[-3000:]}")
        try:
            with (
                urllib.request.urlopen(url + "/ping", timeout=2) as ping,
                urllib.request.urlopen(url + "/", timeout=5) as page,
            ):
                if ping.status == 200 and page.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not start in {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``reflex run --env prod`` on a free port once per test session."""
    reflex = shutil.which("reflex", path=str(Path(sys.executable).parent)) or shutil.which("reflex")
    if reflex is None:
        _unavailable("the reflex command is not installed")
    port = free_port()
    log = tmp_path_factory.mktemp("app") / "reflex.log"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **KIOSK_ENV,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [reflex, "run", "--env", "prod", "--frontend-port", str(port)]
            + ["--backend-port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


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
