"""Sessions in Redis expire too (red-team finding 4): a closed tab's answers leave Redis minutes
after its last event, while an open tab's keep-alive renews its session. The expiry is the
shipped 5 minutes shortened to 6 s so the test need not wait.
"""

from __future__ import annotations

import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from benchmarks.appserver import running_app
from benchmarks.patient import QUIZ, Patient, choose, shared_http_session
from benchmarks.redisserver import RedisServer

pytestmark = pytest.mark.scale

EXPIRY_S = 6


class Tab(Patient):
    """A patient whose open page sends the keep-alive, as assets/footquiz.js does."""

    async def keep_alive(self) -> None:
        """Press the page's hidden keep-alive button."""
        assert self._client is not None
        await self._client.emit("event", self._event(f"{QUIZ}.keep_alive"), namespace="/_event")


def test_a_closed_tabs_session_leaves_redis_and_an_open_tabs_stays(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    env = {"REFLEX_REDIS_URL": redis_server.url, "REFLEX_REDIS_TOKEN_EXPIRATION": str(EXPIRY_S)}

    async def scenario(url: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        async with shared_http_session() as http:
            closed, kept = Tab(url, http=http), Tab(url, http=http)
            for tab in (closed, kept):
                await tab.connect()
                rng = random.Random(2)
                for _ in range(3):
                    await tab.answer(choose(tab.current, rng))
            await closed.close()
            deadline = time.monotonic() + 3 * EXPIRY_S
            while time.monotonic() < deadline:
                await kept.keep_alive()
                await asyncio.sleep(EXPIRY_S / 3)
            await kept.close()
            back = []
            for token in (closed.token, kept.token):
                tab = Patient(url, token=token, http=http)
                await tab.connect("/nope/")  # no on_load, no browser storage: Redis's copy
                await tab.close()
                back.append(tab.answers)
            return kept.answers, back[0], back[1]

    with (
        running_app(tmp_path, env=env, backend_only=True) as server,
        ThreadPoolExecutor(max_workers=1) as thread,
    ):
        answers, closed, kept = thread.submit(asyncio.run, scenario(server.url)).result()
    assert closed == {}
    assert kept == answers
