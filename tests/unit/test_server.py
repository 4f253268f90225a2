"""The backend's server set-up (footquiz/server.py): what ``reflex run`` is told to start."""

from __future__ import annotations

import os

import pytest

from footquiz.server import Worker, use_uvicorn

OURS = f"--worker-class {Worker.__module__}.{Worker.__name__}"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """None of these set, and each put back as it was afterwards (use_uvicorn sets them)."""
    for name in (
        "REFLEX_USE_GRANIAN",
        "GUNICORN_CMD_ARGS",
        "WEB_CONCURRENCY",
        "REFLEX_REDIS_URL",
        "REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE",
    ):
        monkeypatch.setenv(name, "")  # recorded, so the test's own value is undone too
        monkeypatch.delenv(name)


def test_reflex_is_told_to_run_footquizs_worker_once_and_the_operators_options_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--timeout 60")
    use_uvicorn()
    use_uvicorn()  # rxconfig.py is read more than once in a process
    assert os.environ["REFLEX_USE_GRANIAN"] == "false"
    assert os.environ["GUNICORN_CMD_ARGS"] == f"{OURS} --timeout 60"
    assert os.environ["REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE"] == str(64 * 1024)


def test_with_redis_there_are_reflexs_workers_unless_the_operator_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379")
    use_uvicorn()
    assert os.environ["WEB_CONCURRENCY"] == "5"
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    monkeypatch.delenv("WEB_CONCURRENCY")
    use_uvicorn()
    assert os.environ["WEB_CONCURRENCY"] == "8"
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    use_uvicorn()
    assert os.environ["WEB_CONCURRENCY"] == "3"


def test_several_workers_with_sessions_in_memory_stop_the_start_with_a_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_uvicorn()
    assert "WEB_CONCURRENCY" not in os.environ  # gunicorn's default: one worker
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    with pytest.raises(SystemExit, match="REFLEX_REDIS_URL"):
        use_uvicorn()
