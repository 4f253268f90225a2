"""The websocket's door (footquiz/guard.py), on a stand-in app: what a connection may send and
cost, connections per address, and the busy page."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.types import Message, Receive, Scope, Send

from footquiz import guard
from footquiz.content import get_content
from footquiz.guard import COST, DROP, EVENT_BURST, EVENTS_PER_S, PASS, Door, verdict
from footquiz.headers import with_headers
from footquiz.state import QuizState

QUIZ = QuizState.get_full_name()
ON_LOAD = "reflex___state____state.reflex___state____on_load_internal_state.on_load_internal"


def event(name: str, payload: object = None) -> str:
    """A Socket.IO EVENT packet as the browser sends it."""
    return "42/_event," + json.dumps(["event", {"name": name, "payload": payload or {}}])


@pytest.fixture(autouse=True)
def fresh_door(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets a door of its own, with small limits."""
    monkeypatch.setenv("FOOTQUIZ_MAX_PER_ADDRESS", "3")
    monkeypatch.setenv("FOOTQUIZ_MAX_SESSIONS", "5")
    guard.door.cache_clear()
    yield
    guard.door.cache_clear()


def test_answers_pass_pages_cost_and_what_no_browser_sends_is_dropped() -> None:
    assert verdict(event(f"{QUIZ}.submit", {"form_data": {}})) == PASS
    assert verdict(event(f"{QUIZ}.back", {"shown": ""})) == PASS
    assert verdict(event(f"{QUIZ}.change", {"question_id": "age"})) == PASS
    assert verdict(event(ON_LOAD)) == COST  # re-opening the result, or any page
    assert verdict(event(f"{QUIZ}.choose_language", {"code": "es"})) == COST
    assert verdict(event(f"{QUIZ}.exit_kiosk", {"form_data": {"pin": "1"}})) == COST
    assert verdict('40/_event,{"event": {}}') == COST  # CONNECT carries the hydrate event
    assert verdict("3") == PASS and verdict("41/_event,") == PASS  # pong, disconnect
    for junk in [
        event(f"{QUIZ}.no_such_handler"),
        event("x." * 2000),
        '42/_event,["event","hello"]',
        '42/_event,["event",{"name":5}]',
        '42/_event,["other",{}]',
        "42/_event,[not json",
        "42/_event,",
    ]:
        assert verdict(junk) == DROP, junk[:40]


def run_socket(frames: list[str | bytes], scope: Scope | None = None) -> tuple[list, list, list]:
    """Feed frames to a guarded stand-in socket app; what it read, sent, and the timings."""
    seen: list[Message] = []
    sent: list[Message] = []
    times: list[float] = []
    queue = [{"type": "websocket.connect"}]
    for frame in frames:
        kind = "bytes" if isinstance(frame, bytes) else "text"
        queue.append({"type": "websocket.receive", kind: frame})
    queue.append({"type": "websocket.disconnect", "code": 1000})

    async def receive() -> Message:
        return queue.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        started = time.monotonic()
        while True:
            message = await receive()
            seen.append(message)
            times.append(time.monotonic() - started)
            if message["type"] == "websocket.connect":
                await send({"type": "websocket.accept"})
            elif message["type"] == "websocket.disconnect":
                await send({"type": "websocket.close", "code": 1000})  # suppressed if closed
                return

    socket_scope = scope or {"type": "websocket", "path": "/_event/", "client": ("10.0.0.1", 1)}
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, guard.guard_socket(app)(socket_scope, receive, send)).result()
    return seen, sent, times


def test_a_binary_frame_closes_the_connection_before_anything_is_buffered() -> None:
    """The red-team announced 2,500 attachments and sent 60 KiB binary frames (finding 1)."""
    header = '451-/_event,["event",{"_placeholder":true,"num":0}]'
    for first in [b"\x00" * 60 * 1024, header]:
        seen, sent, _ = run_socket([first, b"\x00" * 60 * 1024, event(ON_LOAD)])
        assert [m["type"] for m in seen] == ["websocket.connect", "websocket.disconnect"]
        assert {"type": "websocket.close", "code": 1003} in sent
        assert sent[-1] == {"type": "websocket.close", "code": 1003}  # nothing after it


def test_page_events_over_the_budget_wait_and_answers_never_do() -> None:
    extra = 2
    frames = [event(ON_LOAD)] * (EVENT_BURST + extra) + [event(f"{QUIZ}.submit")]
    seen, _, times = run_socket(frames)
    texts = [m for m in seen if m["type"] == "websocket.receive"]
    assert len(texts) == len(frames)  # nothing lost: held back, not dropped
    burst_end = times[EVENT_BURST]  # the connect message is seen first
    assert burst_end < 0.2
    assert times[-2] - burst_end >= (extra - 0.5) / EVENTS_PER_S
    # The unknown event is dropped, and the answer behind the queue is not charged.
    seen, _, _ = run_socket([event(f"{QUIZ}.nothing"), event(f"{QUIZ}.submit")])
    assert [json.loads(m["text"][10:])[1]["name"] for m in seen[1:-1]] == [f"{QUIZ}.submit"]


def test_an_address_gets_so_many_connections_and_the_process_so_many_sessions() -> None:
    door = Door(per_address=2, total=3)
    assert door.enter("a") and door.enter("a")
    assert not door.enter("a") and door.busy("a")  # two open at once
    door.leave("a")
    assert not door.enter("a")  # a place again, but no more than two new ones a minute
    assert door.enter("b")
    assert door.enter("b")
    assert not door.enter("c") and door.busy("c")  # three open in the process
    door.leave("b")
    assert door.enter("c")
    sessions = Door(per_address=10, total=3, sessions=lambda: 3)
    assert not sessions.enter("d")  # a full memory manager refuses newcomers


def test_a_refused_connection_is_closed_before_it_is_accepted() -> None:
    scope = {"type": "websocket", "path": "/_event/", "client": ("10.0.0.9", 1)}
    for _ in range(3):
        run_socket([], scope)
    seen, sent, _ = run_socket([], scope)  # the 4th this minute
    assert seen == [] and sent == [{"type": "websocket.close", "code": 1013}]


def test_the_busy_page_instead_of_a_crash(tmp_path: Path) -> None:
    """Over a limit, a page load gets a page that says so, in every language, and retries."""

    async def shell(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"the page"})

    def get(path: str) -> tuple[int, dict[bytes, bytes], bytes]:
        messages: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async def send(message: Message) -> None:
            messages.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "headers": [],
                 "client": ("10.0.0.1", 1)}  # fmt: skip
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, with_headers(shell, tmp_path)(scope, receive, send)).result()
        return messages[0]["status"], dict(messages[0]["headers"]), messages[1]["body"]

    assert get("/quiz")[0] == 200
    for _ in range(3):
        assert guard.door().enter("10.0.0.1")
    status, headers, body = get("/quiz")
    assert status == 503 and headers[b"retry-after"] == b"30"
    assert b"content-security-policy" in headers
    for code in ("en", "es"):
        assert get_content(code).ui["busy_heading"].encode() in body
    assert get("/ping")[0] == 200 and get("/footquiz.css")[0] == 200  # only pages
