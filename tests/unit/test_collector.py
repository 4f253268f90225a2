"""The backend's collector leaves its start-up objects alone (footquiz/collector.py)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from footquiz.collector import freeze_after_start
from footquiz.footquiz import app


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give the other tests a collector as they found it."""
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_a_full_collection_after_start_walks_only_what_was_made_since() -> None:
    """The app's objects (here the whole test process, app imported) are left out."""
    walked_before = len(gc.get_objects())

    async def start_then_make_a_session() -> int:
        async with freeze_after_start():
            session = [{"answer": str(i)} for i in range(1000)]
            return len(gc.get_objects()) - len(session)

    # A thread of its own: the browser tests' Playwright may already run a loop in this one.
    with ThreadPoolExecutor(1) as pool:
        walked_after = pool.submit(asyncio.run, start_then_make_a_session()).result()
    assert walked_after < walked_before // 10


def test_the_app_freezes_on_start() -> None:
    """The lifespan task is registered with the app, so every worker runs it on start."""
    assert freeze_after_start in app._lifespan_tasks
