"""A patient that speaks the app's real websocket event protocol, as the browser does.

The browser opens a Socket.IO connection at ``/_event`` (namespace ``/_event``, websocket
transport, its tab token in the query string) and puts its first event, ``hydrate_and_load``,
in the CONNECT packet. Each later event is ``emit("event", {name, payload, router_data})``
with ``name`` = "<state path>.<handler>"; the backend answers with ``event`` messages that
carry a ``delta`` (changed vars per state) and/or ``events`` for the browser to run.
See Reflex's ``.web/utils/state.js`` (``connect``, ``applyEvent``) and ``EventNamespace``.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Callable
from typing import Any

import aiohttp
import socketio
from reflex.state import OnLoadInternalState, State
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.utils.form import FORM_DATA_ENTRIES_KEY

from benchmarks.bareapp import FORM_STATE
from footquiz.content import get_content
from footquiz.engine import flow
from footquiz.state import ANSWER_FIELD, QUESTION_FIELD, QuizState

EVENT_PATH = "/_event"
ROOT = State.get_full_name()
QUIZ = QuizState.get_full_name()
ON_LOAD = OnLoadInternalState.get_full_name()
BARE = f"{ROOT}.{FORM_STATE}"
REPLY_TIMEOUT_S = 15.0
CONTENT = get_content()


class ProtocolError(RuntimeError):
    """The backend did not answer as the browser expects."""


def shared_http_session(address: str | None = None) -> aiohttp.ClientSession:
    """One HTTP session for many patients, without aiohttp's default cap of 100 sockets.

    ``address`` is the loopback address to connect from (e.g. 127.0.0.3), so the app sees
    these patients as another client address than the rest of a test run.
    """
    local = (address, 0) if address else None
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, local_addr=local))


def choose(question_id: str, rng: random.Random) -> list[str]:
    """A plausible answer: no warning signs, then random answers like a real mix of patients."""
    question = CONTENT.question(question_id)
    if question is None:
        raise ProtocolError(f"the app asked an unknown question {question_id!r}")
    ids = [o.id for o in question.options]
    if question.section == "safety":
        return [next(i for i in ("no", "none") if i in ids)]
    if question.kind == "single":
        return [rng.choice(ids)]
    plain = [o.id for o in question.options if not o.exclusive]
    exclusive = [o.id for o in question.options if o.exclusive]
    if exclusive and rng.random() < 0.3:
        return [rng.choice(exclusive)]
    excludes = {o.id: set(o.excludes) for o in question.options}
    chosen: list[str] = []
    for option_id in rng.sample(plain, rng.randint(1, min(3, len(plain)))):
        # A patient cannot tick two options that exclude each other (data-excludes).
        if not any(option_id in excludes[c] or c in excludes[option_id] for c in chosen):
            chosen.append(option_id)
    return chosen


class Patient:
    """One browser tab: a token, a Socket.IO connection and the quiz state it was sent."""

    state = QUIZ
    """The state whose vars the tab keeps (in ``quiz``) and whose ``submit`` answers."""
    page = "/quiz/"
    """The page a patient opens first."""

    def __init__(
        self, url: str, *, token: str | None = None, http: aiohttp.ClientSession | None = None
    ) -> None:
        """Prepare a tab for the app (or backend) at ``url``; nothing is connected yet."""
        self.url = url
        self.token = token or str(uuid.uuid4())
        self.quiz: dict[str, Any] = {}
        self.hydrated = False
        self.path = self.page
        self._http = http
        self._client: socketio.AsyncClient | None = None
        self._updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.reply: dict[str, Any] = {}
        """The message that answered the last form: its delta and the events it carried."""

    # ----- the connection --------------------------------------------------------------------

    def _event(self, name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        path = self.path
        return {
            "name": name,
            "payload": payload or {},
            "router_data": {"pathname": path, "asPath": path},
        }

    async def _on_update(self, update: dict[str, Any]) -> None:
        delta = update.get("delta") or {}
        for name, value in (delta.get(self.state) or {}).items():
            self.quiz[name.removesuffix(FIELD_MARKER)] = value
        hydrated = (delta.get(ROOT) or {}).get("is_hydrated" + FIELD_MARKER)
        if hydrated is not None:
            self.hydrated = bool(hydrated)
        await self._updates.put(update)

    async def _on_new_token(self, token: str) -> None:
        # The backend saw this token on another connection and gave the tab a new one.
        self.token = token

    async def connect(
        self, path: str | None = None, *, saved: str | None = None, kiosk: bool = False
    ) -> float:
        """Open the page at ``path`` (``page``): connect, hydrate, run its on_load; seconds taken.

        ``saved`` is the answers the browser keeps in local storage, and ``kiosk`` its kiosk
        flag, sent as the browser does.
        """
        self.path = path or self.page
        self.hydrated = False
        client = socketio.AsyncClient(reconnection=False, http_session=self._http)
        client.on("event", self._on_update, namespace=EVENT_PATH)
        client.on("new_token", self._on_new_token, namespace=EVENT_PATH)
        storage = {f"{QUIZ}.saved{FIELD_MARKER}": saved} if saved else {}
        storage |= {f"{QUIZ}.kiosk{FIELD_MARKER}": "1"} if kiosk else {}
        payload = {"vars": storage} if storage else {}
        start = time.perf_counter()
        await client.connect(
            f"{self.url}?token={self.token}",
            transports=["websocket"],
            namespaces=[EVENT_PATH],
            socketio_path=EVENT_PATH,
            auth={"event": self._event(f"{ROOT}.hydrate_and_load", payload)},
            wait_timeout=REPLY_TIMEOUT_S,
        )
        self._client = client
        await self._wait_for(lambda _: self.hydrated)
        return time.perf_counter() - start

    async def close(self) -> None:
        """Close the tab's connection."""
        if self._client is not None:
            await self._client.disconnect()
            self._client = None

    async def _wait_for(self, done: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Wait for the first update for which ``done(update)`` holds."""
        try:
            async with asyncio.timeout(REPLY_TIMEOUT_S):
                while True:
                    update = await self._updates.get()
                    if done(update):
                        return update
        except TimeoutError:
            raise ProtocolError(f"no reply in {REPLY_TIMEOUT_S} s on {self.path}") from None

    async def _send(self, name: str, payload: dict[str, Any] | None = None) -> None:
        if self._client is None or not self._client.connected:
            raise ProtocolError("the connection is closed")
        self._updates = asyncio.Queue()
        await self._client.emit("event", self._event(name, payload), namespace=EVENT_PATH)

    async def _submit(self, entries: list[list[str]]) -> float:
        """Submit a form with these ``[name, value]`` entries; seconds to the state's update."""
        start = time.perf_counter()
        await self._send(f"{self.state}.submit", {"form_data": {FORM_DATA_ENTRIES_KEY: entries}})
        self.reply = await self._wait_for(lambda update: self.state in (update.get("delta") or {}))
        return time.perf_counter() - start

    async def _open(self, path: str, done: Callable[[dict[str, Any]], bool]) -> float:
        """Go to ``path`` as the browser does (its on_load); seconds to the update ``done``."""
        self.path = path
        start = time.perf_counter()
        await self._send(f"{ON_LOAD}.on_load_internal")
        await self._wait_for(done)
        return time.perf_counter() - start

    # ----- what a patient does ---------------------------------------------------------------

    async def answer(self, chosen: list[str]) -> float:
        """Tick ``chosen`` on the current question and press Continue; seconds to the update."""
        fields = {o["id"]: o["field"] for o in self.quiz.get("options", [])}
        entries = [[QUESTION_FIELD, self.current]] + [[fields[o], o] for o in chosen]
        elapsed = await self._submit(entries)
        if self.quiz.get("problem"):
            raise ProtocolError(f"the app refused an answer: {self.quiz['problem']}")
        return elapsed

    async def open_result(self) -> float:
        """Go to /result as the browser does after the last answer; seconds to the result."""
        return await self._open("/result/", lambda _: bool(self.quiz.get("share_path")))

    @property
    def current(self) -> str:
        """The question on screen ("" once the check is done)."""
        return "" if self.quiz.get("done") else str(self.quiz.get("current", ""))

    @property
    def answers(self) -> dict[str, list[str]]:
        """The answers the server holds for this tab."""
        return dict(self.quiz.get("answers", {}))


class BarePatient(Patient):
    """The same patient on a bare Reflex app (``benchmarks.bareapp.FORM_APP``): the baseline.

    It takes footquiz's path through the questions itself (with footquiz's engine), so it
    sends as many forms of the same shape at the same pace as a patient of footquiz would,
    each to the bare app's one handler, which only counts them.
    """

    state = BARE
    page = "/"

    def __init__(
        self, url: str, *, token: str | None = None, http: aiohttp.ClientSession | None = None
    ) -> None:
        """Prepare a tab for the bare app at ``url``, at the first question."""
        super().__init__(url, token=token, http=http)
        self._position = flow.start(CONTENT)

    async def answer(self, chosen: list[str]) -> float:
        """Submit ``chosen`` for the current question; seconds to the update."""
        question = self.current
        elapsed = await self._submit(
            [[QUESTION_FIELD, question]] + [[f"{ANSWER_FIELD}:{o}", o] for o in chosen]
        )
        self._position = flow.answer(CONTENT, self._position, question, chosen)
        return elapsed

    async def open_result(self) -> float:
        """Reload the page as the browser does (its on_load); seconds to the first update."""
        return await self._open(self.page, lambda _: True)

    @property
    def current(self) -> str:
        """The question footquiz would ask next ("" once the check would be done)."""
        return self._position.current or ""
