"""Scale fixtures: a real redis-server on loopback and backends of the app that share it.

In CI (CI=true) a missing redis-server is an error; elsewhere these tests skip loudly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.appserver import AppUnavailableError, reflex_command
from benchmarks.redisserver import REDIS_SERVER, RedisServer, running_redis

IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    """Fail in CI, skip loudly elsewhere."""
    if IN_CI:
        pytest.fail(f"scale tests cannot run in CI: {reason}")
    print(f"\n*** SKIPPING SCALE TESTS: {reason} ***\n", file=sys.stderr)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """Debian's redis-server on a free loopback port, for this test session only."""
    if not Path(REDIS_SERVER).exists():
        _unavailable(f"no redis-server at {REDIS_SERVER} (apt-get install -y redis-server)")
    try:
        reflex_command()
    except AppUnavailableError as error:
        _unavailable(str(error))
    with running_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server
