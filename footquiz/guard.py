"""Limits at the door: what one connection, one client address and the whole server may cost.

The browser talks to the backend over one Socket.IO websocket per tab (``/_event``). It sends
text frames only, and a few events a minute: a page opened, an answer, a language chosen.
This ASGI layer, in front of Reflex, holds every client to that:

- **Binary frames, and Socket.IO's binary packets, close the connection** (1003). The browser
  never sends them, and python-socketio buffers every announced attachment without a limit.
- **Events other than answering cost from a budget per connection**: ``EVENT_BURST`` at once,
  then ``EVENTS_PER_S``. Opening a page, re-opening the result, choosing a language and the
  kiosk PIN all cost (answers, back and change do not: a patient waits on each). Every frame
  costs from a larger budget, ``FRAMES_PER_S``. Over budget the socket is simply not read
  until the budget allows: TCP holds the client back, the server does no work for it and
  buffers nothing, and a client that still does not keep up misses its pings and is closed.
- **Events that name no handler of the app are dropped** (Reflex would log them whole).
- **Connections per client address**: at most ``FOOTQUIZ_MAX_PER_ADDRESS`` open at once, and
  as many new ones per minute. The address is the peer's, or the one the trusted proxies name
  (Reflex's ``trusted_proxy_hops``).
- **Sessions and connections in this process**: at most ``FOOTQUIZ_MAX_SESSIONS``.

Over a limit a new websocket is refused (its page shows "reconnecting" and retries), and a
page load gets the "busy, try again" page (HTTP 503), never a crash.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from footquiz.config import limits

log = logging.getLogger("footquiz")

EVENT_BURST = 8
EVENTS_PER_S = 3.0
FRAME_BURST = 300
FRAMES_PER_S = 300.0
FREE_HANDLERS = ("submit", "back", "change")
"""QuizState's answering events: never limited (a patient waits on each)."""
SOCKET_EVENTS = ("ping", "client_error")
"""Socket.IO events the Reflex client sends besides "event"."""
BINARY_PACKETS = ("45", "46")
"""Socket.IO BINARY_EVENT and BINARY_ACK headers, inside an Engine.IO message."""
CLOSE_UNSUPPORTED = 1003
CLOSE_TRY_AGAIN = 1013
RETRY_AFTER_S = 30
NOT_PAGES = ("/_event", "/ping", "/_health", "/_upload", "/assets/")


@dataclass
class Bucket:
    """A token bucket: ``capacity`` at once, refilled at ``rate`` per second."""

    capacity: float
    rate: float
    tokens: float = -1.0
    at: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        """Start full."""
        if self.tokens < 0:
            self.tokens = self.capacity

    def _refill(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now

    def take(self) -> bool:
        """Spend one token if there is one."""
        self._refill()
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    def short(self) -> float:
        """Seconds until a token is there (0: now)."""
        self._refill()
        return max(0.0, (1 - self.tokens) / self.rate)

    def has(self) -> bool:
        """Whether a token is left (spends nothing)."""
        self._refill()
        return self.tokens >= 1

    @property
    def full(self) -> bool:
        """Whether the bucket is back to full (its owner can be forgotten)."""
        self._refill()
        return self.tokens >= self.capacity


@dataclass
class Door:
    """Open connections and arrivals per client address, and in this whole process."""

    per_address: int
    total: int
    sessions: Callable[[], int] = lambda: 0
    open: dict[str, int] = field(default_factory=dict)
    open_total: int = 0
    arrivals: dict[str, Bucket] = field(default_factory=dict)

    def _arrivals(self, address: str) -> Bucket:
        bucket = self.arrivals.get(address)
        if bucket is None:
            if len(self.arrivals) > 10_000:  # forget addresses that are quiet again
                for quiet in [a for a, b in self.arrivals.items() if b.full and a not in self.open]:
                    del self.arrivals[quiet]
            bucket = self.arrivals[address] = Bucket(self.per_address, self.per_address / 60)
        return bucket

    def busy(self, address: str) -> bool:
        """Whether a new connection from this address would be refused now."""
        return (
            self.open.get(address, 0) >= self.per_address
            or not self._arrivals(address).has()
            or self.open_total >= self.total
            or self.sessions() >= self.total
        )

    def enter(self, address: str) -> bool:
        """Let a new connection in (and count it) unless a limit is reached."""
        if self.busy(address) or not self._arrivals(address).take():
            return False
        self.open[address] = self.open.get(address, 0) + 1
        self.open_total += 1
        return True

    def leave(self, address: str) -> None:
        """A connection closed."""
        self.open_total -= 1
        left = self.open.get(address, 1) - 1
        if left > 0:
            self.open[address] = left
        else:
            self.open.pop(address, None)


def client_address(scope: Scope) -> str:
    """The client's address: the peer's, or the one the trusted reverse proxies name."""
    from reflex_base.config import get_config

    client = scope.get("client") or ("", 0)
    hops = get_config().trusted_proxy_hops
    if hops:
        forwarded = [
            part.strip()
            for key, value in scope.get("headers", [])
            if key.lower() == b"x-forwarded-for"
            for part in value.decode("latin-1").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(client[0])


def _memory_sessions() -> int:
    """Sessions held by Reflex's memory state manager (0 with Redis: Redis bounds its own)."""
    from reflex.istate.manager.memory import StateManagerMemory

    from footquiz.footquiz import app

    try:
        manager = app.state_manager
    except ValueError:  # not started yet
        return 0
    return len(manager.states) if isinstance(manager, StateManagerMemory) else 0


@lru_cache(maxsize=1)
def door() -> Door:
    """The door of this backend process, with the limits from the environment."""
    per_address, total = limits()
    return Door(per_address, total, _memory_sessions)


@lru_cache(maxsize=1)
def _handlers() -> tuple[frozenset[str], frozenset[str]]:
    """Every event handler of the app's states, and the free ones among them."""
    from reflex.state import State

    from footquiz.state import QuizState

    names: set[str] = set()

    def walk(state: type[State]) -> None:
        names.update(f"{state.get_full_name()}.{handler}" for handler in state.event_handlers)
        for substate in state.get_substates():
            walk(substate)

    walk(State)
    free = {f"{QuizState.get_full_name()}.{name}" for name in FREE_HANDLERS}
    return frozenset(names), frozenset(free)


PASS, COST, DROP = "pass", "cost", "drop"


def verdict(text: str) -> str:
    """What to do with one text frame from a client: pass, spend from the budget, or drop.

    Socket.IO messages (Engine.IO type 4) are the only frames with a payload.

    An event that names no handler of this app is dropped here: Reflex would log it whole,
    with the tab's token and address, and no browser sends one.
    """
    if not text.startswith("4") or text.startswith("41"):  # pong, noop; disconnect
        return PASS
    if not text.startswith("42"):  # CONNECT (it carries the hydrate event), acks
        return COST
    body = text[2:]
    if body.startswith("/"):  # the namespace, then a comma
        body = body[body.find(",") + 1 :] if "," in body else ""
    body = body.lstrip("0123456789")  # an acknowledgement id
    try:
        data = json.loads(body)
    except ValueError:
        return DROP
    if not isinstance(data, list) or not data:
        return DROP
    if data[0] in SOCKET_EVENTS:
        return COST
    if data[0] != "event" or len(data) != 2 or not isinstance(data[1], dict):
        return DROP
    known, free = _handlers()
    name = data[1].get("name")
    if name in free:
        return PASS
    return COST if name in known else DROP


def guard_socket(app: ASGIApp) -> ASGIApp:
    """Wrap the websocket endpoint: refuse what no browser sends, and keep to the budgets."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        address = client_address(scope)
        if not door().enter(address):
            await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN})
            return
        events = Bucket(EVENT_BURST, EVENTS_PER_S)
        frames = Bucket(FRAME_BURST, FRAMES_PER_S)
        closed = throttled = False

        async def spend(bucket: Bucket) -> None:
            """Wait for a token; the socket is not read meanwhile.

            A client that sends too fast is held back by TCP, and nothing of it piles up here.
            """
            nonlocal throttled
            if wait := bucket.short():
                if not throttled:
                    throttled = True
                    log.warning("a client sends faster than a patient: it is slowed down")
                await asyncio.sleep(wait)
            bucket.take()

        async def checked_receive() -> Message:
            nonlocal closed
            while True:
                message = await receive()
                if message["type"] != "websocket.receive":
                    return message
                text = message.get("text")
                if text is None or text.startswith(BINARY_PACKETS):
                    log.warning("a client sent binary data on the websocket: connection closed")
                    closed = True
                    await send({"type": "websocket.close", "code": CLOSE_UNSUPPORTED})
                    return {"type": "websocket.disconnect", "code": CLOSE_UNSUPPORTED}
                await spend(frames)
                what = verdict(text)
                if what == DROP:
                    continue
                if what == COST:
                    await spend(events)
                return message

        async def checked_send(message: Message) -> None:
            if closed:
                return  # the socket is already closed: nothing more goes out
            await send(message)

        try:
            await app(scope, checked_receive, checked_send)
        finally:
            door().leave(address)

    return guarded


def is_page(scope: Scope) -> bool:
    """Whether an HTTP request loads a page (not a script, an image, /ping or the socket)."""
    path = scope.get("path", "")
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return (
        scope.get("method") in ("GET", "HEAD")
        and not path.startswith(NOT_PAGES)
        and "." not in last
    )


@lru_cache(maxsize=1)
def busy_page() -> bytes:
    """The "busy, try again" page in every language; it reloads itself after a while."""
    from footquiz.content import LANGUAGES, get_content

    parts = [
        f'<section lang="{code}"><h1>{escape(ui["busy_heading"])}</h1>'
        f"<p>{escape(ui['busy_text'])}</p></section>"
        for code, ui in ((code, get_content(code).ui) for code in LANGUAGES)
    ]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="refresh" content="{RETRY_AFTER_S}">'
        '<title>footquiz</title><link rel="stylesheet" href="/footquiz.css"></head>'
        f'<body><main class="main" id="main">{"".join(parts)}</main></body></html>'
    ).encode()


def page_while_busy(scope: Scope) -> bool:
    """Whether this request is a page load that should get the busy page instead."""
    return scope["type"] == "http" and is_page(scope) and door().busy(client_address(scope))
