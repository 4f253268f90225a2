"""The backend's web server: uvicorn workers under gunicorn, set up for footquiz.

Reflex 0.10 serves with granian unless told otherwise, and granian 2.8.7 holds about 164 KiB
of memory per open websocket (a read buffer per connection) where uvicorn's websockets holds
about 33: with 1000 patients connected that is most of the backend's memory (README,
"Performance"). ``rxconfig.py`` calls :func:`use_uvicorn`; Reflex then starts gunicorn with
this module's :class:`Worker`.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from reflex.utils.processes import MAX_BACKEND_WORKERS
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn_worker import UvicornWorker

# The largest websocket message a browser sends (the hydrate event with the saved answers) is
# about 2 KB; Reflex's default of 1 MB, and uvicorn's 16 MiB, only help a hostile client.
MESSAGE_LIMIT_BYTES = 64 * 1024


class Socket(WebSocketsSansIOProtocol):
    """uvicorn's websocket (the websockets library's parser), ended as soon as the app ends it.

    uvicorn would keep reading, for up to 10 s, until the client answers the close: a client
    that footquiz/guard.py shuts out for sending binary data could go on sending meanwhile.
    The close frame is still sent first (the transport flushes it before closing).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.close_timeout = 0.0


class Worker(UvicornWorker):
    """A gunicorn worker running uvicorn with the fast parts and nothing footquiz must not do."""

    CONFIG_KWARGS: ClassVar[dict[str, Any]] = {
        "loop": "uvloop",
        "http": "httptools",
        "ws": Socket,
        "ws_max_size": MESSAGE_LIMIT_BYTES,
        # A compressor per socket costs far more memory than the few KB an update saves.
        "ws_per_message_deflate": False,
        # Socket.IO already pings every socket (Reflex: every 25 s) and drops one that stops
        # answering; uvicorn's own ping every 20 s on top of it was a second wake-up, frame
        # and reply per socket for nothing.
        "ws_ping_interval": None,
        # footquiz/guard.py reads X-Forwarded-For itself, and only from the proxies that
        # trusted_proxy_hops counts; uvicorn would otherwise take it from any loopback peer.
        "proxy_headers": False,
        # No "server: uvicorn" header: nothing says what the server runs.
        "server_header": False,
    }


def use_uvicorn() -> None:
    """Have ``reflex run`` serve with uvicorn: this module's worker under gunicorn.

    Workers: ``WEB_CONCURRENCY`` (gunicorn's own setting). With sessions in Redis it defaults
    to Reflex's own choice for granian (2 x cores + 1, at most ``MAX_BACKEND_WORKERS``). With
    sessions in memory there is one, and asking for more stops the start: each would keep
    sessions of its own.
    Anything in ``GUNICORN_CMD_ARGS`` comes after this worker class, so it wins.
    """
    os.environ.setdefault("REFLEX_USE_GRANIAN", "false")
    os.environ.setdefault("REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE", str(MESSAGE_LIMIT_BYTES))
    ours = f"--worker-class {Worker.__module__}.{Worker.__name__}"
    theirs = os.environ.get("GUNICORN_CMD_ARGS", "")
    if not theirs.startswith(ours):
        os.environ["GUNICORN_CMD_ARGS"] = f"{ours} {theirs}".strip()
    if os.environ.get("REFLEX_REDIS_URL"):
        workers = min(2 * (os.cpu_count() or 1) + 1, MAX_BACKEND_WORKERS)
        os.environ.setdefault("WEB_CONCURRENCY", str(workers))
    elif os.environ.get("WEB_CONCURRENCY", "1").strip() != "1":
        raise SystemExit(
            "WEB_CONCURRENCY asks for several backend workers, but sessions are kept in memory:"
            " each worker would have sessions of its own. Set REFLEX_REDIS_URL to share them."
        )
