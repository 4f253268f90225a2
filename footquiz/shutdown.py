"""A clean stop (a rolling restart) hands every session over to the other backends.

Two things went wrong when a backend got SIGTERM with a patient connected:

- granian's worker is told of the signal by a handler on the event loop, and at once tears
  down its open websockets. With one open it can abort the whole process (a Rust panic,
  "Cannot drop pointer into Python heap without the thread being attached", in a build with
  panic=abort; granian issues #799 and #884) before Reflex's own shutdown has run. Reflex's
  shutdown is what deletes the tab's socket record in Redis
  (``token_manager_socket_record_<token>``); left there, the backend the tab reconnects to
  takes it for a duplicate tab, gives it a new token and an empty session, and the patient
  starts again at the first question.
- Reflex sends an event's update to the browser before it writes the new state to Redis,
  and its event processor cancels the events still running at once on shutdown, so an answer
  whose next question was already on screen could be missing from Redis.

So on SIGTERM or SIGINT this backend first finishes the events in progress (state written)
and deletes its socket records, and only then passes the signal on to granian's handler.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import reflex as rx

log = logging.getLogger("footquiz")

# An event takes milliseconds; a stop waits at most this long for the ones in progress.
EVENT_DRAIN_S = 5.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def hand_over(app: rx.App) -> None:
    """Finish the events in progress and drop this backend's socket records from Redis.

    The same steps as Reflex's own shutdown (``EventProcessor._stop_tasks`` drains its
    running tasks the same way; its lifespan then finds nothing left to do), taken before
    the server starts closing connections. The processor itself is stopped by Reflex, in
    the context that started it.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + EVENT_DRAIN_S
    running: dict[str, asyncio.Task[Any]] = getattr(app.event_processor, "_tasks", {})
    # An event can chain another: wait until none is left (or the time is up).
    while running and (remaining := deadline - loop.time()) > 0:
        await asyncio.wait(tuple(running.values()), timeout=remaining)
    namespace = app.event_namespace
    if namespace is not None:
        await namespace._token_manager.disconnect_all()


def _server_handlers(loop: asyncio.AbstractEventLoop) -> dict[int, asyncio.Handle]:
    """The server's own stop handlers on this loop (granian adds them before the lifespan)."""
    handlers: Any = getattr(loop, "_signal_handlers", None)  # asyncio's Unix event loop
    if not isinstance(handlers, dict):
        return {}
    return {
        sig: handlers[sig] for sig in STOP_SIGNALS if isinstance(handlers.get(sig), asyncio.Handle)
    }


@asynccontextmanager
async def hand_over_on_stop(app: rx.App) -> AsyncIterator[None]:
    """Lifespan task: put the hand-over in front of the server's stop-signal handlers.

    Registered after Reflex's own event-processor task, so the processor exists here. Where
    the loop has no handler to wrap (another server, or no signal handling), the events in
    progress still finish when Reflex stops its processor.
    """
    app.event_processor.graceful_shutdown_timeout = EVENT_DRAIN_S
    loop = asyncio.get_running_loop()
    originals = _server_handlers(loop)
    stopping: list[asyncio.Task[None]] = []

    def pass_on(original: asyncio.Handle) -> None:
        if not original.cancelled():
            original._run()  # the server's handler, with its own arguments

    def on_stop_signal(original: asyncio.Handle) -> None:
        if stopping:
            # Already handing over (granian's main process passes the signal on as well):
            # the hand-over is bounded by EVENT_DRAIN_S, then the server stops.
            return
        task = loop.create_task(hand_over(app), name="footquiz_hand_over")
        stopping.append(task)

        def done(finished: asyncio.Task[None]) -> None:
            if not finished.cancelled() and (error := finished.exception()) is not None:
                log.error("handing the sessions over on stop failed: %r", error)
            pass_on(original)

        task.add_done_callback(done)

    for sig, original in originals.items():
        loop.add_signal_handler(sig, on_stop_signal, original)
    yield
