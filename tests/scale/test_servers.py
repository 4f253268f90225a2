"""The server comparison behind footquiz/server.py (benchmarks/servers.py), on a small scale."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.servers import run

pytestmark = pytest.mark.scale


def test_uvicorn_as_footquiz_runs_it_holds_far_less_per_open_websocket_than_granian() -> None:
    """What made footquiz leave Reflex's default server: with 1000 sockets open, granian
    2.8.7 held 164 KiB per socket before any app code, uvicorn 33."""
    # In a thread of its own: the session's Playwright already runs an event loop here.
    with ThreadPoolExecutor(max_workers=1) as thread:
        granian, _ = thread.submit(run, "granian", "echo_app", 300, 2).result()
        uvicorn, _ = thread.submit(run, "uvicorn", "echo_app", 300, 2).result()
    assert uvicorn < 80 < granian
