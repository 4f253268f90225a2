"""Bounded sessions (red-team finding 4): a flood of short connections, and how long the server
keeps a closed tab's session. Each test runs its own backend with the shipped limits, and the
flood comes from an address of its own (127.0.0.2), as an attacker's would.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from hostile import QUIZ, ROOT, Hostile, answer_some, finish, run
from reliability import record

from benchmarks.appserver import AppServer, AppUnavailableError, running_app
from benchmarks.patient import Patient, shared_http_session
from footquiz.config import limits

pytestmark = pytest.mark.e2e

MIB = 1024 * 1024
FLOOD = 3000
AT_ONCE = 16
SESSION_KIB = 100  # measured: about 75 KiB per connection let in (session, socket, allocator)
EXPIRY_S = 6


def backend(tmp_path: Path, env: dict[str, str] | None = None) -> Iterator[AppServer]:
    """The app's backend alone (no page build), with the shipped limits unless ``env`` says."""
    try:
        with running_app(tmp_path, env=env, backend_only=True) as server:
            yield server
    except AppUnavailableError as error:
        pytest.fail(f"the backend did not start: {error}")


@pytest.fixture
def server(tmp_path: Path, app_url: str) -> Iterator[AppServer]:
    """A backend with the shipped limits; ``app_url`` first, to fail or skip the same way."""
    yield from backend(tmp_path)


async def short_connection(http: aiohttp.ClientSession, url: str) -> bool:
    """Connect, hydrate at /quiz/ (a new check), wait for the state, close; whether let in."""
    socket_url = url.replace("http", "ws", 1)
    socket_url += f"/_event/?token={uuid.uuid4()}&EIO=4&transport=websocket"
    hydrate = {"event": {"name": f"{ROOT}.hydrate_and_load", "payload": {},
                         "router_data": {"pathname": "/quiz/", "asPath": "/quiz/"}}}  # fmt: skip
    try:
        async with http.ws_connect(socket_url, headers={"Origin": url}) as socket:
            await socket.receive(timeout=10)
            await socket.send_str("40/_event," + json.dumps(hydrate))
            while "current" not in str((await socket.receive(timeout=10)).data):
                pass
        return True
    except aiohttp.WSServerHandshakeError:
        return False


def test_a_flood_of_short_connections_is_bounded_and_other_patients_carry_on(
    server: AppServer,
) -> None:
    """The red-team made 145 sessions a second from one client, each kept for an hour."""
    per_address, _ = limits()

    async def flood(results: list[bool], count: int) -> None:
        async with shared_http_session("127.0.0.2") as http:
            for _ in range(count):
                results.append(await short_connection(http, server.url))

    async def patient() -> float:
        async with shared_http_session() as http:
            started = time.perf_counter()
            tab = Patient(server.url, http=http)
            await tab.connect()
            await finish(tab, random.Random(8))
            await tab.close()
            return time.perf_counter() - started

    async def scenario() -> dict[str, Any]:
        async with shared_http_session() as http:  # warm: imports and caches
            warm = Patient(server.url, http=http)
            await warm.connect()
            await warm.close()
        before = server.memory_bytes()
        results: list[bool] = []
        started = time.perf_counter()
        async with asyncio.timeout(240):
            floods = [flood(results, FLOOD // AT_ONCE) for _ in range(AT_ONCE)]
            _, patient_s = await asyncio.gather(asyncio.gather(*floods), patient())
        seconds = time.perf_counter() - started
        grew = server.memory_bytes() - before
        return {
            "connections tried": len(results),
            "let in": sum(results),
            "refused": len(results) - sum(results),
            "seconds": round(seconds, 1),
            "memory growth MiB": round(grew / MIB, 1),
            "other patient's whole check s": round(patient_s, 2),
        }

    figures = run(scenario())
    # One address gets its limit at once, then that many a minute.
    allowed = per_address + per_address * figures["seconds"] / 60
    assert figures["let in"] <= allowed + AT_ONCE
    assert figures["refused"] > 0
    assert figures["memory growth MiB"] < allowed * SESSION_KIB / 1024 + 10
    assert figures["other patient's whole check s"] < 30
    record("session flood", figures)


@pytest.fixture
def quick_expiry(tmp_path: Path, app_url: str) -> Iterator[AppServer]:
    """A backend whose sessions expire 6 s after their last event (the shipped 5 minutes,
    shortened so the test need not wait)."""
    yield from backend(tmp_path, {"REFLEX_REDIS_TOKEN_EXPIRATION": str(EXPIRY_S)})


def test_a_closed_tabs_session_expires_and_an_open_tabs_is_kept(
    quick_expiry: AppServer,
) -> None:
    """The red-team got a closed tab's answers back 30 s later with nothing but its token.
    An open tab says it is there (assets/footquiz.js presses #keep-alive every minute)."""

    async def come_back(http: aiohttp.ClientSession, token: str) -> dict[str, list[str]]:
        tab = Patient(quick_expiry.url, token=token, http=http)
        await tab.connect("/nope/")  # no on_load and no browser storage: the server's copy
        await tab.close()
        return tab.answers

    async def scenario() -> None:
        async with shared_http_session() as http:
            closed, kept = (
                Patient(quick_expiry.url, http=http),
                Hostile(quick_expiry.url, http=http),
            )
            for tab in (closed, kept):
                await tab.connect()
                await answer_some(tab, 3, random.Random(3))
            answers = kept.answers
            await closed.close()
            deadline = time.monotonic() + 3 * EXPIRY_S
            while time.monotonic() < deadline:  # the open tab's keep-alives, as the page sends
                await kept.send(f"{QUIZ}.keep_alive")
                await asyncio.sleep(EXPIRY_S / 3)
            await kept.close()
            assert await come_back(http, closed.token) == {}
            assert await come_back(http, kept.token) == answers

    run(scenario())


def test_the_shipped_session_expiry_is_minutes_and_an_open_tab_renews_it_well_within() -> None:
    from reflex_base.config import get_config

    expiry_s = get_config().redis_token_expiration
    assert expiry_s <= 10 * 60  # Reflex's default is an hour
    script = (Path(__file__).parents[2] / "assets" / "footquiz.js").read_text()
    every = script.split('getElementById("keep-alive")?.click(), ')[1].split(")")[0]
    assert int(every.replace("_", "")) <= expiry_s * 1000 / 3


FEW = 5


def event_socket(url: str) -> str:
    """The app's websocket address, as a browser opens it."""
    return url.replace("http", "ws", 1) + "/_event/?EIO=4&transport=websocket"


@pytest.fixture
def few_per_address(tmp_path: Path, app_url: str) -> Iterator[AppServer]:
    """A backend that lets in only FEW connections per address (a minute)."""
    yield from backend(tmp_path, {"FOOTQUIZ_MAX_PER_ADDRESS": str(FEW)})


def test_a_made_up_forwarded_address_does_not_get_past_the_per_address_limit(
    few_per_address: AppServer,
) -> None:
    """No proxy is trusted unless REFLEX_TRUSTED_PROXY_HOPS says so: a client naming another
    address in X-Forwarded-For on each connection is still one address (uvicorn would take
    the header from a loopback peer unless told not to)."""
    url = few_per_address.url

    async def scenario() -> list[bool]:
        let_in = []
        async with shared_http_session() as http:  # from 127.0.0.1, the server's own host
            for n in range(2 * FEW):
                headers = {"Origin": url, "X-Forwarded-For": f"10.0.0.{n + 1}"}
                try:
                    async with http.ws_connect(event_socket(url), headers=headers) as socket:
                        let_in.append((await socket.receive(timeout=10)).data.startswith("0{"))
                except aiohttp.WSServerHandshakeError:
                    let_in.append(False)
        return let_in

    let_in = run(scenario())
    assert sum(let_in) == FEW, let_in


def test_a_socket_that_offers_compression_is_served_without_it(app_url: str) -> None:
    """Browsers offer permessage-deflate on every websocket; a compressor per open socket would
    hold more memory than a patient's whole session, for a few KB saved per update."""

    async def scenario() -> None:
        headers = {"Origin": app_url}
        async with (
            shared_http_session() as http,
            http.ws_connect(event_socket(app_url), headers=headers, compress=15) as socket,
        ):
            assert socket.compress == 0  # declined
            assert (await socket.receive(timeout=10)).data.startswith("0{")  # and it works

    run(scenario())
