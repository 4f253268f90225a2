"""Restarts, dropped connections, reconnect storms, the configured origin, and secret hygiene.

These tests kill the backend, so they run their own app (prod mode, its own frontend build
folder, so the session's app keeps its build) with known secrets and FOOTQUIZ_ORIGIN set.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from hostile import QUIZ, Hostile, answer_some, errors_in, finish, run
from phones import PHONE
from reliability import record

from benchmarks.appserver import AppServer, AppUnavailableError, free_port, running_app
from benchmarks.patient import Patient, shared_http_session
from footquiz.config import DEV_SECRET
from footquiz.engine.share import ShareLinkError, read_header
from footquiz.state import CONTENT

pytestmark = pytest.mark.e2e

Page = Any  # playwright.sync_api.Page, imported lazily so a bare machine can skip
SECRET = "test-link-key-7c1e9a4f-do-not-log"
PIN = "864213"
OFFLINE_S = 30
STORM = 300
SAFE_OPTIONS = ("no", "none")
HEADING = "document.getElementById('screen-heading')?.innerText"


class RestartableApp:
    """The app on one fixed port that can be killed and started again, keeping every log."""

    def __init__(self, work_dir: Path) -> None:
        """Prepare (not start) the app in ``work_dir``."""
        self.work_dir = work_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "FOOTQUIZ_SECRET": SECRET,
            "FOOTQUIZ_KIOSK_PIN": PIN,
            "FOOTQUIZ_ORIGIN": self.url,
            # The reconnect storm's 300 tabs all come from 127.0.0.1, as a big clinic's wifi
            # behind one address would: more than the default 200 connections per address.
            "FOOTQUIZ_MAX_PER_ADDRESS": "1000",
            # Its own frontend build: a build bakes in the port, and the session app's
            # build must keep pointing at the session app.
            "REFLEX_WEB_WORKDIR": str(work_dir / "web"),
        }
        self.logs: list[Path] = []
        self._stack = ExitStack()
        self.server: AppServer | None = None

    def start(self) -> float:
        """Start the app; seconds until it answers."""
        started = time.perf_counter()
        run_dir = self.work_dir / f"run{len(self.logs)}"
        self.server = self._stack.enter_context(running_app(run_dir, env=self.env, port=self.port))
        self.logs.append(self.server.log)
        return time.perf_counter() - started

    def kill(self) -> None:
        """Kill every process of the app at once, as a crash would."""
        assert self.server is not None
        self.server.kill()
        self._stack.close()
        self.server = None

    def stop(self) -> None:
        """Stop the app if it runs."""
        self._stack.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, app_url: str) -> Iterator[RestartableApp]:
    """This module's own app; ``app_url`` first, so a missing app fails or skips the same way."""
    server = RestartableApp(tmp_path_factory.mktemp("restartable"))
    try:
        server.start()
    except AppUnavailableError as error:
        pytest.fail(f"the restartable app did not start: {error}")
    yield server
    server.stop()


@pytest.fixture
def own_phone(browser: Any, app: RestartableApp) -> Iterator[Page]:
    """A phone on this module's app."""
    context = browser.new_context(base_url=app.url, **PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def heading(page: Page) -> str:
    return page.locator("#screen-heading").inner_text()


def answer_safely(page: Page) -> None:
    """Tick a harmless answer (no warning sign, else the first option) and press Continue."""
    before = heading(page)
    boxes = page.locator("input[id^=option-]")
    ids = [boxes.nth(i).get_attribute("id").removeprefix("option-") for i in range(boxes.count())]
    choice = next((i for i in SAFE_OPTIONS if i in ids), ids[0])
    page.locator(f"#option-{choice}").check()
    page.locator("#continue").click()
    page.wait_for_function(
        f"b => location.pathname.startsWith('/result') || {HEADING} !== b",
        arg=before,
    )


def finish_in_browser(page: Page) -> None:
    for _ in range(len(CONTENT.questions) + 1):
        page.wait_for_function(
            "() => location.pathname.startsWith('/result')"
            " || !!document.querySelector('input[id^=option-]')"
        )
        if "/result" in page.url:
            break
        answer_safely(page)
    page.wait_for_url("**/result")
    page.locator("#urgency").wait_for()


def back_shows_no_ticked(page: Page) -> None:
    """Back from the current question shows the previous answer still ticked, then returns."""
    here = heading(page)
    page.locator("#back").click()
    page.wait_for_function(
        "h => document.getElementById('screen-heading')?.innerText !== h", arg=here
    )
    assert page.locator("#option-no").is_checked()
    page.locator("#continue").click()
    page.wait_for_function(
        "h => document.getElementById('screen-heading')?.innerText === h", arg=here
    )


def start_quiz(page: Page, answered: int) -> str:
    page.goto("/quiz")
    page.locator("#option-no").wait_for()
    for _ in range(answered):
        answer_safely(page)
    return heading(page)


def test_a_backend_crash_and_restart_mid_quiz_keeps_every_answer(
    own_phone: Page, app: RestartableApp
) -> None:
    phone = own_phone
    question = start_quiz(phone, 3)
    app.kill()
    phone.locator("#reconnecting").wait_for()  # the friendly banner, not an error page
    restart_s = app.start()
    # The phone reconnects by itself to the new server, which knows nothing of this patient:
    # the answers come back from the phone's own storage.
    phone.locator("#reconnecting").wait_for(state="hidden")
    phone.wait_for_function(f"h => {HEADING} === h", arg=question)
    reconnected = time.perf_counter()
    phone.locator("#continue").wait_for()
    back_shows_no_ticked(phone)
    finish_in_browser(phone)
    record(
        "backend killed mid-quiz",
        {"restart s": round(restart_s, 1), "quiz went on": True, "answers kept": 3},
    )
    assert time.perf_counter() - reconnected < 60


def test_thirty_seconds_offline_mid_quiz_keeps_every_answer(
    own_phone: Page, app: RestartableApp
) -> None:
    phone = own_phone
    question = start_quiz(phone, 3)
    phone.context.set_offline(True)
    went_offline = time.perf_counter()
    phone.locator("#reconnecting").wait_for(timeout=OFFLINE_S * 1000)  # the link is down
    noticed_s = time.perf_counter() - went_offline
    phone.wait_for_timeout(max(0, OFFLINE_S - noticed_s) * 1000)
    phone.context.set_offline(False)
    phone.locator("#reconnecting").wait_for(state="hidden")
    phone.wait_for_function(f"h => {HEADING} === h", arg=question)
    back_shows_no_ticked(phone)
    finish_in_browser(phone)
    record(
        "phone offline mid-quiz",
        {"offline s": OFFLINE_S, "banner after s": round(noticed_s, 1), "quiz went on": True},
    )


async def _storm(app: RestartableApp, *, restart: bool) -> dict[str, Any]:
    rng = random.Random(11)
    async with shared_http_session() as http:
        patients = [Patient(app.url, http=http) for _ in range(STORM)]
        await asyncio.gather(*(p.connect() for p in patients))
        for patient in patients:
            await answer_some(patient, 2, rng)
        before = [(p.token, p.answers, p.current, p.quiz["saved"]) for p in patients]
        await asyncio.gather(*(p.close() for p in patients))
        restart_s = 0.0
        if restart:
            app.kill()
            restart_s = app.start()
        again = [Patient(app.url, token=token, http=http) for token, *_ in before]
        started = time.perf_counter()
        # Everyone at once, as after a restart or a network blip: same tab token, and the
        # answers the browser keeps, in the hydrate event.
        results = await asyncio.gather(
            *(p.connect(saved=saved) for p, (*_, saved) in zip(again, before, strict=True)),
            return_exceptions=True,
        )
        took = time.perf_counter() - started
        failed = [r for r in results if isinstance(r, BaseException)]
        restored = sum(
            (p.answers, p.current) == (answers, current)
            for p, (_, answers, current, _) in zip(again, before, strict=True)
        )
        await finish(again[0], rng)  # and the quiz goes on
        await asyncio.gather(*(p.close() for p in again))
        return {
            "clients": STORM,
            "errors": len(failed),
            "restored": restored,
            "all reconnected in s": round(took, 2),
            "restart s": round(restart_s, 1),
        }


@pytest.mark.parametrize("restart", [False, True], ids=["blip", "after a crash"])
def test_a_reconnect_storm_completes_without_errors(app: RestartableApp, restart: bool) -> None:
    figures = run(_storm(app, restart=restart))
    record(f"reconnect storm ({'after a crash' if restart else 'blip'})", figures)
    assert figures["errors"] == 0
    assert figures["restored"] == STORM


def test_only_the_configured_origin_may_call_the_backend(app: RestartableApp) -> None:
    async def scenario() -> None:
        socket_url = app.url.replace("http", "ws", 1) + "/_event/?EIO=4&transport=websocket"
        other = app.url.replace("127.0.0.1", "localhost")  # same server, not the configured name
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(socket_url, headers={"Origin": app.url}) as socket:
                assert not socket.closed
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(socket_url, headers={"Origin": other})
            assert refused.value.status == 403
            async with http.get(app.url + "/ping", headers={"Origin": app.url}) as response:
                assert response.status == 200
                assert response.headers["access-control-allow-origin"] == app.url
            async with http.get(app.url + "/ping", headers={"Origin": other}) as response:
                assert response.status == 403
                assert "access-control-allow-origin" not in response.headers

    run(scenario())


def test_secrets_come_from_the_environment_and_are_never_logged(app: RestartableApp) -> None:
    async def scenario() -> str:
        async with shared_http_session() as http:
            staff = Hostile(app.url, http=http)
            await staff.connect("/kiosk/")
            for pin, works in [("0000", False), (PIN + "0", False), (PIN, True)]:
                await staff.send(f"{QUIZ}.start_kiosk", {"form_data": {"pin": pin}})
                assert not errors_in(await staff.replies())
                assert bool(staff.quiz["kiosk_problem"]) is not works, pin
            assert staff.quiz["kiosk"] == "1"
            await staff.send(f"{QUIZ}.exit_kiosk", {"form_data": {"pin": PIN}})
            assert not errors_in(await staff.replies())
            assert staff.quiz["kiosk"] == ""
            await staff.close()
            patient = Patient(app.url, http=http)
            await patient.connect()
            await finish(patient, random.Random(2))
            await patient.close()
            return patient.quiz["share_path"].rsplit("/", 1)[-1]

    token = run(scenario())
    read_header(token, SECRET.encode())  # sealed with the key from the environment
    with pytest.raises(ShareLinkError):
        read_header(token, DEV_SECRET)
    logs = "\n".join(log.read_text(errors="replace") for log in app.logs)
    assert logs, "the app wrote no log"
    assert SECRET not in logs
    assert PIN not in logs
    record("secrets in server logs", {"log bytes read": len(logs), "secret found": False})


@pytest.mark.parametrize(
    ("missing", "env"),
    [
        ("FOOTQUIZ_SECRET", {"FOOTQUIZ_SECRET": ""}),
        ("FOOTQUIZ_SECRET", {"FOOTQUIZ_SECRET": "s3cret-for-test"}),  # guessed from one link
        ("FOOTQUIZ_ORIGIN", {"FOOTQUIZ_ORIGIN": ""}),
    ],
)
def test_prod_refuses_to_start_without_its_secret_or_origin(
    tmp_path: Path, app_url: str, missing: str, env: dict[str, str]
) -> None:
    """Red-team finding 5: with no secret, prod started and took links signed with the public
    development key (a warning at the top of the build log was all)."""
    with (
        pytest.raises(AppUnavailableError, match=missing),
        running_app(tmp_path, env=env, backend_only=True),
    ):
        pass
