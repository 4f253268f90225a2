"""Past one machine: two backends share Redis, and a patient's backend goes away mid-quiz.

The patient is a websocket client speaking the app's real event protocol (benchmarks/patient.py)
and reconnecting as the browser does: same tab token, its local-storage copy of the answers in
the hydrate event.
"""

from __future__ import annotations

import asyncio
import random
import secrets
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from benchmarks.appserver import AppServer, running_app
from benchmarks.patient import Patient, choose, shared_http_session
from benchmarks.redisserver import RedisServer
from footquiz.sharing import LINK_PREFIX

pytestmark = pytest.mark.scale

ANSWERED_BEFORE_FAILURE = 7


@pytest.fixture
def backends(redis_server: RedisServer, tmp_path: Path) -> Iterator[tuple[AppServer, AppServer]]:
    """Two backend processes of the app (one worker each) sharing the Redis state manager."""
    # The same secret on both, as on every machine of a clinic network (result links).
    secret = secrets.token_urlsafe(32)
    env = {"REFLEX_REDIS_URL": redis_server.url, "WEB_CONCURRENCY": "1", "FOOTQUIZ_SECRET": secret}
    with ExitStack() as stack:
        first = stack.enter_context(running_app(tmp_path / "a", env=env, backend_only=True))
        second = stack.enter_context(running_app(tmp_path / "b", env=env, backend_only=True))
        yield first, second


def run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine on its own loop (the session's Playwright already runs one here)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, coroutine).result()


async def _finish(patient: Patient, rng: random.Random) -> None:
    while patient.current:
        await patient.answer(choose(patient.current, rng))
    await patient.open_result()


async def _fail_over(first: AppServer, second: AppServer, *, crash: bool) -> None:
    rng = random.Random(7)
    async with shared_http_session() as http:
        patient = Patient(first.url, http=http)
        await patient.connect()
        for _ in range(ANSWERED_BEFORE_FAILURE):
            await patient.answer(choose(patient.current, rng))
        answers, question, saved = patient.answers, patient.current, patient.quiz["saved"]
        assert len(answers) == ANSWERED_BEFORE_FAILURE

        if crash:
            first.kill()
        else:
            first.stop()  # a rolling restart: the backend shuts down cleanly
        assert first.pids() == []

        # The tab reconnects, through the proxy, to the backend that is left. After a clean
        # stop it sends nothing but its token: the answers can only come from Redis.
        reconnected = Patient(second.url, token=patient.token, http=http)
        await reconnected.connect(saved=saved if crash else None)
        assert reconnected.current == question
        assert reconnected.answers == answers
        if not crash:
            assert reconnected.token == patient.token

        await _finish(reconnected, rng)
        final = reconnected.answers
        assert {q: final[q] for q in answers} == answers
        assert reconnected.quiz["share_path"].startswith(LINK_PREFIX)
        await reconnected.close()
        await patient.close()


def test_a_patient_whose_backend_crashes_continues_on_the_other_with_every_answer(
    backends: tuple[AppServer, AppServer],
) -> None:
    run(_fail_over(*backends, crash=True))


def test_a_rolling_restart_hands_the_session_over_through_redis(
    backends: tuple[AppServer, AppServer],
) -> None:
    run(_fail_over(*backends, crash=False))
