"""Start and stop the app in prod mode: one helper for the browser tests and the benchmarks.

``reflex run --env prod`` serves the built frontend and the backend on one port; with
``backend_only`` it serves only the backend (websocket events and /ping). Each server gets
its own folder for the disk state manager, because Reflex empties that folder on start-up.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 600
STOP_TIMEOUT_S = 20


class AppUnavailableError(RuntimeError):
    """The app cannot be started here (no reflex command) or did not come up."""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def reflex_command() -> str:
    """The ``reflex`` executable of this Python environment."""
    bin_dir = str(Path(sys.executable).parent)
    reflex = shutil.which("reflex", path=bin_dir) or shutil.which("reflex")
    if reflex is None:
        raise AppUnavailableError("the reflex command is not installed")
    return reflex


def _answers(url: str, timeout: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class AppServer:
    """One running ``reflex run --env prod`` process group."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def wait_until_up(self, paths: tuple[str, ...]) -> None:
        """Poll ``paths`` (e.g. the backend's /ping and the first page) until all answer."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AppUnavailableError(f"the app exited early:\n{self.log_tail()}")
            if all(_answers(self.url + path, timeout=5) for path in paths):
                return
            time.sleep(0.5)
        raise AppUnavailableError(
            f"the app did not start in {START_TIMEOUT_S} s:\n{self.log_tail()}"
        )

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's log."""
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def pids(self) -> list[int]:
        """Every live process of this server (the CLI, gunicorn and its workers)."""
        group = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # After the command name in parentheses: state, parent, process group, ...
            state, _, pgrp = stat.rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == self.process.pid and state != "Z":
                group.append(int(entry.name))
        return group

    def memory_bytes(self) -> int:
        """Proportional set size of the whole server (shared pages counted once)."""
        total = 0
        for pid in self.pids():
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            for line in rollup.splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        return total

    def send_signal(self, signum: int) -> None:
        """Send a signal to every process of the server."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def stop(self) -> None:
        """Stop the server gracefully, or kill it after a grace period; back once all are gone.

        The CLI may exit before gunicorn's workers have finished shutting down.
        """
        self.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.pids():
            self.kill()
        self.process.wait(timeout=STOP_TIMEOUT_S)

    def kill(self) -> None:
        """Kill the server at once, as a crash or a pulled plug would; back once all are gone.

        A killed worker is still tearing down its memory for a moment after the CLI has gone.
        """
        self.send_signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT_S)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.05)


@contextmanager
def running_app(
    work_dir: Path,
    *,
    env: Mapping[str, str] | None = None,
    backend_only: bool = False,
    port: int | None = None,
    app_dir: Path = ROOT,
) -> Iterator[AppServer]:
    """Run the app in prod mode on a free loopback port until the block ends.

    ``work_dir`` holds the log and the disk state manager's folder; ``env`` adds or overrides
    environment variables (e.g. ``REFLEX_REDIS_URL``, ``FOOTQUIZ_SECRET``). Prod refuses to
    start without ``FOOTQUIZ_SECRET`` and ``FOOTQUIZ_ORIGIN``: when neither ``env`` nor this
    process names them, the app gets a random secret of its own (its links then open only on
    this run) and its loopback address as its origin. ``app_dir`` is the app to run (footquiz
    unless told, e.g. a bare Reflex app for a baseline).
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    bin_dir = str(Path(sys.executable).parent)
    full_env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "REFLEX_STATES_WORKDIR": str(work_dir / "states"),
        **(env or {}),
    }
    full_env.setdefault("FOOTQUIZ_SECRET", secrets.token_urlsafe(32))
    full_env.setdefault("FOOTQUIZ_ORIGIN", f"http://127.0.0.1:{port}")
    mode = ["--backend-only"] if backend_only else ["--frontend-port", str(port)]
    log = work_dir / "reflex.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [reflex_command(), "run", "--env", "prod", *mode, "--backend-port", str(port)],
            cwd=app_dir,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = AppServer(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        server.wait_until_up(("/ping",) if backend_only else ("/ping", "/"))
        yield server
    finally:
        server.stop()
