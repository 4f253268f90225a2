"""A hostile or broken client that speaks the app's websocket event protocol.

It connects like a browser tab (benchmarks/patient.py: Socket.IO at ``/_event``, the tab token
in the query string, ``hydrate_and_load`` in the CONNECT packet) and then sends whatever it
likes: unknown event names, wrong types, other tabs' tokens, huge payloads, floods. It only
ever talks to the loopback address it is given, and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from reflex_base.constants.state import FIELD_MARKER

from benchmarks.patient import EVENT_PATH, ON_LOAD, QUIZ, ROOT, Patient, choose

__all__ = [
    "EVENT_PATH",
    "QUIZ",
    "ROOT",
    "Hostile",
    "answer_some",
    "errors_in",
    "finish",
    "quiz_delta",
    "run",
]


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine in a thread of its own (Playwright may hold this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def answer_some(patient: Patient, count: int, rng: random.Random) -> None:
    """Answer ``count`` questions as a well-behaved patient would."""
    for _ in range(count):
        await patient.answer(choose(patient.current, rng))


async def finish(patient: Patient, rng: random.Random) -> None:
    """Answer the rest of the questions and open the result."""
    while patient.current:
        await patient.answer(choose(patient.current, rng))
    await patient.open_result()


def quiz_delta(update: dict[str, Any]) -> dict[str, Any]:
    """The quiz state's changed vars (by their Python names) in one update from the server."""
    delta = (update.get("delta") or {}).get(QUIZ) or {}
    return {name.removesuffix(FIELD_MARKER): value for name, value in delta.items()}


def errors_in(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The error notices among the server's updates (Reflex's "An error occurred")."""
    return [
        event
        for update in updates
        for event in update.get("events") or []
        if "An error occurred" in str(event.get("payload"))
    ]


class Hostile(Patient):
    """A tab that sends anything, and records everything the server sends back."""

    def __init__(self, url: str, *, token: str | None = None, **options: Any) -> None:
        """Prepare a tab for the app at ``url`` (a loopback address); nothing is connected."""
        if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
            raise ValueError(f"hostile clients only talk to loopback, not {url}")
        super().__init__(url, token=token, **options)
        self.received: list[dict[str, Any]] = []

    async def _on_update(self, update: dict[str, Any]) -> None:
        self.received.append(update)
        await super()._on_update(update)

    @property
    def connected(self) -> bool:
        """Whether the server still holds this tab's connection."""
        return self._client is not None and self._client.connected

    async def emit_raw(self, data: Any) -> None:
        """Send one ``event`` message with any data at all, as a broken client might."""
        if self._client is None:
            raise RuntimeError("not connected")
        await self._client.emit("event", data, namespace=EVENT_PATH)

    async def send(
        self, name: str, payload: Any = None, router_data: dict[str, Any] | None = None
    ) -> None:
        """Send one event by name, with the page's router data unless told otherwise."""
        event = self._event(name)
        event["payload"] = {} if payload is None else payload
        if router_data is not None:
            event["router_data"] = router_data
        await self.emit_raw(event)

    async def replies(self, quiet_s: float = 0.5, limit_s: float = 10.0) -> list[dict[str, Any]]:
        """What the server sends until it has been quiet for ``quiet_s`` (at most ``limit_s``)."""
        start = len(self.received)
        deadline = time.monotonic() + limit_s
        seen, last_change = start, time.monotonic()
        while time.monotonic() < deadline and self.connected:
            await asyncio.sleep(0.05)
            if len(self.received) != seen:
                seen, last_change = len(self.received), time.monotonic()
            elif time.monotonic() - last_change >= quiet_s:
                break
        return self.received[start:]

    async def ping(self) -> bool:
        """Whether this tab's events are still served: reopening the page always answers."""
        if not self.connected:
            return False
        await self.send(f"{ON_LOAD}.on_load_internal")
        return bool(await self.replies(quiet_s=0.3))
