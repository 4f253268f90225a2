"""Sessions in a real Redis kept by footquiz/sessions.py: two round trips an event, same rules.

Each test drives the manager the app uses, on the session fixture's redis-server, the way
Reflex's event processor does (``modify_state``): what a patient would lose if it went wrong
is an answer (a save dropped, or two events overwriting each other) or a session stuck
behind a lock nobody holds.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

import pytest
from redis.asyncio import Redis
from reflex.istate.manager.token import BaseStateToken
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext
from reflex_base.utils.exceptions import LockExpiredError

from benchmarks.redisserver import RedisServer
from footquiz.footquiz import app
from footquiz.sessions import Sessions
from footquiz.state import QuizState

SUBMIT = f"{QuizState.get_full_name()}.submit"

pytestmark = pytest.mark.scale


@asynccontextmanager
async def sessions(url: str) -> AsyncIterator[Sessions]:
    """The app's manager on ``url``, as ``rxconfig.py`` sets it up (a 30 s lock)."""
    manager = Sessions(
        redis=Redis.from_url(url),
        token_expiration=60,
        lock_expiration=30_000,
        lock_warning_threshold=1_000,
    )
    try:
        yield manager
    finally:
        await manager.close()


def run(scenario: Callable[[Sessions, Redis], Awaitable[Any]], url: str) -> Any:
    """Run ``scenario`` with a manager and a plain client of the same Redis.

    In a thread of its own: an earlier browser test's Playwright may hold this thread's loop.
    """

    async def main() -> Any:
        async with sessions(url) as manager:
            return await scenario(manager, Redis.from_url(url))

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main()).result()


def token(name: str) -> BaseStateToken:
    """A patient's session (a tab's token), addressed at the quiz's state."""
    return BaseStateToken(ident=f"test-sessions-{name}", cls=QuizState)


async def answer(manager: Sessions, tab: BaseStateToken, question: str) -> None:
    """One event: add an answer to the session, as ``QuizState.submit`` would."""
    async with manager.modify_state(tab) as root:
        quiz = await root.get_state(QuizState)
        answers = dict(quiz.answers)
        await asyncio.sleep(0)  # another event may come in meanwhile
        quiz.answers = {**answers, question: ["yes"]}


async def answers(manager: Sessions, tab: BaseStateToken) -> dict[str, list[str]]:
    """The session's answers as a new event would read them."""
    async with manager.modify_state(tab) as root:
        return dict((await root.get_state(QuizState)).answers)


def test_an_answer_is_saved_and_read_back_and_the_lock_is_free_after(
    redis_server: RedisServer,
) -> None:
    async def scenario(manager: Sessions, client: Redis) -> tuple[Any, Any]:
        tab = token("saved")
        await answer(manager, tab, "q1")
        await client.script_flush()  # as a restarted Redis: the manager's scripts are gone
        await answer(manager, tab, "q2")
        return await answers(manager, tab), await client.get(manager._lock_key(tab))

    saved, lock = run(scenario, redis_server.url)
    assert saved == {"q1": ["yes"], "q2": ["yes"]}
    assert lock is None


def test_events_of_one_session_at_once_each_keep_their_answer(redis_server: RedisServer) -> None:
    async def scenario(manager: Sessions, client: Redis) -> dict[str, list[str]]:
        tab = token("at-once")
        # Two managers, as two backend workers: the lock is taken in Redis, not in a process.
        async with sessions(redis_server.url) as other:
            await asyncio.gather(
                *(answer(m, tab, f"q{i}") for i in range(6) for m in (manager, other))
            )
        return await answers(manager, tab)

    saved = run(scenario, redis_server.url)
    assert saved == {f"q{i}": ["yes"] for i in range(6)}


def test_an_event_that_lost_its_lock_writes_nothing(redis_server: RedisServer) -> None:
    async def scenario(manager: Sessions, client: Redis) -> dict[str, list[str]]:
        tab = token("lost-lock")
        await answer(manager, tab, "q1")
        with pytest.raises(LockExpiredError):
            async with manager.modify_state(tab) as root:
                (await root.get_state(QuizState)).answers = {"q1": ["no"], "q2": ["no"]}
                # The lock ran out (a stalled worker) and another event took it.
                await client.set(manager._lock_key(tab), b"someone else")
        await client.delete(manager._lock_key(tab))
        return await answers(manager, tab)

    assert run(scenario, redis_server.url) == {"q1": ["yes"]}


def test_an_event_that_failed_frees_the_lock_and_writes_nothing(
    redis_server: RedisServer,
) -> None:
    async def scenario(manager: Sessions, client: Redis) -> tuple[Any, Any]:
        tab = token("failed")
        await answer(manager, tab, "q1")
        with pytest.raises(RuntimeError):
            async with manager.modify_state(tab) as root:
                (await root.get_state(QuizState)).answers = {}
                raise RuntimeError("the handler failed")
        lock = await client.get(manager._lock_key(tab))
        return lock, await answers(manager, tab)

    lock, saved = run(scenario, redis_server.url)
    assert lock is None
    assert saved == {"q1": ["yes"]}


def test_a_saved_session_is_freed_as_its_event_ends_not_by_the_collector(
    redis_server: RedisServer,
) -> None:
    """Each event's session goes the moment it is saved: nothing piles up for the collector.

    (With 1000 patients the collector's pauses were the backend's to pay: footquiz/collector.py.)
    """

    async def scenario(manager: Sessions, client: Redis) -> tuple[bool, bool]:
        RegistrationContext.set(app._registration_context)  # as in the app's own events
        tab = token("freed")
        await answer(manager, tab, "q1")
        gone = []
        for event in (Event(name=SUBMIT), None):  # an answer, then no event
            async with manager.modify_state(tab, event=event) as root:
                quiz = weakref.ref(await root.get_state(QuizState))
                del root
            gone.append(quiz() is None)
        return gone[0], gone[1]

    collecting = gc.isenabled()
    gc.disable()
    try:
        freed, kept = run(scenario, redis_server.url)
    finally:
        if collecting:
            gc.enable()
    assert freed  # an answer's session: freed without a collection
    assert not kept  # not known to be the app's event: left to the collector, as Reflex does
