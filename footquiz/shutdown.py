"""A clean stop (a rolling restart) hands every session over to the other backends.

Reflex sends an event's update to the browser before it writes the new state to Redis, and
its event processor cancels the events still running at once on shutdown, so an answer whose
next question was already on screen could be missing from Redis. Here the processor is given
``EVENT_DRAIN_S`` to finish them instead.

On SIGTERM uvicorn (``footquiz/server.py``) closes the open websockets, then runs the lifespan
shutdown: Reflex drains its events and deletes this backend's socket records
(``token_manager_socket_record_<token>``). Left in Redis, a record makes the backend the tab
reconnects to take it for a duplicate tab and start the patient again at the first question.
granian, Reflex's default server, could abort the whole process before that shutdown ran, with
a websocket open (a Rust panic, granian issues #799 and #884).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import reflex as rx

# An event takes milliseconds; a stop waits at most this long for the ones in progress.
EVENT_DRAIN_S = 5.0


@asynccontextmanager
async def hand_over_on_stop(app: rx.App) -> AsyncIterator[None]:
    """Lifespan task: on stop, the events in progress finish (their state written) first.

    Registered after Reflex's own event-processor task, so the processor exists here.
    """
    app.event_processor.graceful_shutdown_timeout = EVENT_DRAIN_S
    yield
