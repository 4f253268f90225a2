"""What a web server costs per open websocket, before any app: granian against uvicorn.

Each server runs, in one worker, a bare ASGI websocket echo and then a Socket.IO echo (the
protocol Reflex speaks); ``--connections`` clients connect, and each sends ``--rounds``
messages of 3 KB (about an answer's update) and waits for the echo. Printed per server and
app: the memory held per open connection (the server's resident memory after, less before,
over the connections) and the server's CPU per message. uvicorn runs as footquiz runs it
(``footquiz/server.py``); granian as Reflex 0.10 runs it by default.

    python -m benchmarks.servers [--connections 1000] [--rounds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import socketio

from benchmarks.appserver import ROOT, free_port

MESSAGE = "x" * 3000
KIB = 1024


async def echo_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A bare ASGI app: websocket messages come back as they are; HTTP gets "ok"."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
    elif scope["type"] == "websocket":
        await receive()
        await send({"type": "websocket.accept"})
        while (message := await receive())["type"] == "websocket.receive":
            await send({"type": "websocket.send", "text": message.get("text") or ""})
    else:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


sio = socketio.AsyncServer(async_mode="asgi")
sio_app = socketio.ASGIApp(sio)


@sio.on("echo")
async def _echo(sid: str, data: str) -> None:
    await sio.emit("echo", data, to=sid)


def server_command(server: str, app: str, port: int) -> list[str]:
    """The command that serves ``app`` (``module:attribute``) with ``server`` on ``port``."""
    if server == "granian":
        host = ["--host", "127.0.0.1", "--port", str(port)]
        return [sys.executable, "-m", "granian", "--interface", "asgi", *host, app]
    code = (
        "import uvicorn; from footquiz.server import Worker; "
        f"uvicorn.run({app!r}, host='127.0.0.1', port={port}, log_level='warning', "
        "**Worker.CONFIG_KWARGS)"
    )
    return [sys.executable, "-c", code]


def tree(pid: int) -> list[int]:
    """The process and its children."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *map(int, children)]


def resident_bytes(pid: int) -> int:
    """Resident memory of the process and its children."""
    total = 0
    for each in tree(pid):
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * KIB
    return total


def cpu_seconds(pid: int) -> float:
    """User and system CPU of the process and its children."""
    ticks = 0
    for each in tree(pid):
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


async def connect(http: aiohttp.ClientSession, url: str, socket_io: bool) -> Any:
    """One open websocket, joined to Socket.IO's default namespace when ``socket_io``."""
    if not socket_io:
        return await http.ws_connect(url)
    joined = await http.ws_connect(url + "/socket.io/?EIO=4&transport=websocket")
    await joined.receive()  # engine.io's open packet
    await joined.send_str("40")
    await joined.receive()  # the namespace's connect packet
    return joined


async def echo_rounds(open_socket: Any, rounds: int, socket_io: bool) -> None:
    """Send a message and wait for its echo, ``rounds`` times (answering engine.io's pings)."""
    for _ in range(rounds):
        await open_socket.send_str(f'42["echo","{MESSAGE}"]' if socket_io else MESSAGE)
        if not socket_io:
            await open_socket.receive()
        while socket_io and not (reply := (await open_socket.receive()).data).startswith("42"):
            if reply == "2":
                await open_socket.send_str("3")


async def measure(
    pid: int, url: str, connections: int, rounds: int, socket_io: bool
) -> tuple[float, float]:
    """KiB held per open connection, and ms of server CPU per message."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        before = resident_bytes(pid)
        sockets = []
        for start in range(0, connections, 100):
            batch = min(100, connections - start)
            sockets += await asyncio.gather(*(connect(http, url, socket_io) for _ in range(batch)))
        cpu = cpu_seconds(pid)
        await asyncio.gather(*(echo_rounds(each, rounds, socket_io) for each in sockets))
        cpu = cpu_seconds(pid) - cpu
        await asyncio.sleep(1)
        held = (resident_bytes(pid) - before) / connections / KIB
        for each in sockets:
            await each.close()
    return held, 1000 * cpu / (connections * rounds)


def run(server: str, app: str, connections: int, rounds: int) -> tuple[float, float]:
    """Start the server with the app, measure, stop it."""
    port = free_port()
    process = subprocess.Popen(
        server_command(server, f"benchmarks.servers:{app}", port),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"ws://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{server} did not start") from None
                time.sleep(0.2)
        time.sleep(1)  # its workers settle
        return asyncio.run(measure(process.pid, url, connections, rounds, app == "sio_app"))
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    """Print both servers' figures for both apps."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    print(f"{'server':8} {'app':16} {'KiB per connection':>18} {'CPU ms per message':>18}")
    for app, label in (("echo_app", "ASGI echo"), ("sio_app", "Socket.IO echo")):
        for server in ("granian", "uvicorn"):
            held, cpu = run(server, app, options.connections, options.rounds)
            print(f"{server:8} {label:16} {held:18.1f} {cpu:18.3f}")


if __name__ == "__main__":
    main()
