"""The backend's collector leaves its start-up objects alone (footquiz/collector.py)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from footquiz.collector import FULL_EVERY, freeze_after_start
from footquiz.footquiz import app

T = TypeVar("T")


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give the other tests a collector as they found it."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def _started(work: Callable[[], T]) -> T:
    """``work()`` inside the lifespan task, on a loop in a thread of its own (the browser
    tests' Playwright may already run a loop in this one)."""

    async def run() -> T:
        async with freeze_after_start():
            return work()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


@pytest.mark.usefixtures("unfrozen")
def test_a_full_collection_after_start_walks_only_what_was_made_since() -> None:
    """The app's objects (here the whole test process, app imported) are left out."""
    walked_before = len(gc.get_objects())

    def make_a_session() -> int:
        session = [{"answer": str(i)} for i in range(1000)]
        return len(gc.get_objects()) - len(session)

    assert _started(make_a_session) < walked_before // 10


@pytest.mark.usefixtures("unfrozen")
def test_young_collections_are_rarer_and_full_ones_a_tenth_as_often() -> None:
    """Events that leave cycles behind, some kept: few of the collections walk everything."""
    collections: list[int] = []
    events = 2_000_000
    made_per_event = 10  # a state tree: the root and its list, four substates and theirs

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    def serve_events() -> None:
        kept = []
        gc.callbacks.append(count)  # after the start's own full collection
        try:
            for event in range(events):
                state: dict[str, object] = {"event": event}
                state["substates"] = [{"of": state, "answers": []} for _ in range(4)]
                if event % 10 == 0:
                    kept.append(state)  # sessions that live on
        finally:
            gc.callbacks.remove(count)

    _started(serve_events)
    young, middle, full = (collections.count(g) for g in range(3))
    pythons = events * made_per_event // 700  # about 28,000 at Python's default threshold
    assert young <= pythons // 10
    assert middle >= FULL_EVERY  # enough to tell a tenth from Python's default
    assert full <= middle // FULL_EVERY


def test_the_app_freezes_on_start() -> None:
    """The lifespan task is registered with the app, so every worker runs it on start."""
    assert freeze_after_start in app._lifespan_tasks
