"""The server comparison behind footquiz/server.py (benchmarks/servers.py), on a small scale."""

from __future__ import annotations

import pytest

from benchmarks.servers import run

pytestmark = pytest.mark.scale


def test_uvicorn_as_footquiz_runs_it_holds_far_less_per_open_websocket_than_granian() -> None:
    """What made footquiz leave Reflex's default server: with 1000 sockets open, granian
    2.8.7 held 164 KiB per socket before any app code, uvicorn 33."""
    granian, _ = run("granian", "echo_app", connections=300, rounds=2)
    uvicorn, _ = run("uvicorn", "echo_app", connections=300, rounds=2)
    assert uvicorn < 80 < granian
