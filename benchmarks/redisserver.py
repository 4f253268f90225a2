"""A throwaway redis-server on loopback, for the Redis state manager's tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import redis

from benchmarks.appserver import STOP_TIMEOUT_S, free_port

REDIS_SERVER = os.environ.get("FOOTQUIZ_REDIS_SERVER", "/usr/bin/redis-server")
START_TIMEOUT_S = 30


@dataclass
class RedisServer:
    """One running redis-server."""

    url: str
    process: subprocess.Popen[bytes]

    def memory_bytes(self) -> int:
        """Resident memory of the redis-server process."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0


@contextmanager
def running_redis(work_dir: Path) -> Iterator[RedisServer]:
    """Run redis-server on a free loopback port, with no persistence, until the block ends."""
    if not Path(REDIS_SERVER).exists():
        raise FileNotFoundError(f"no redis-server at {REDIS_SERVER} (apt-get install redis-server)")
    work_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    args = ["--port", str(port), "--bind", "127.0.0.1", "--dir", str(work_dir)]
    args += ["--save", "", "--appendonly", "no", "--logfile", str(work_dir / "redis.log")]
    process = subprocess.Popen([REDIS_SERVER, *args], start_new_session=True)
    server = RedisServer(url=f"redis://127.0.0.1:{port}", process=process)
    try:
        client = redis.Redis.from_url(server.url)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        client.close()
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)
