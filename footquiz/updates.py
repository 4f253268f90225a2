"""One message per answer: a state update and the browser events after it, sent together.

Reflex 0.10 sends what an event changed (the delta) and then, in a message of its own, the
events the browser is to run next (``chain_updates`` in ``reflex_base``): every answer, the
move to the next question's address, was two websocket messages. The browser treats one
message that carries both exactly as it treats the two in turn (Reflex's ``state.js`` applies
the delta, then queues the events), and Reflex's ``StateUpdate`` has carried both fields all
along. Each message costs the server a Socket.IO packet, a websocket frame and a write (about
0.2 ms of CPU in py-spy's profile at 1000 patients), so :func:`install` has an event's delta
and its browser events sent as one. It replaces a function of Reflex's own (Reflex is pinned
below 0.11); ``tests/e2e/test_wire.py`` fails if an update of Reflex undoes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reflex.state import StateUpdate
from reflex_base.event import Event
from reflex_base.event.context import EventContext
from reflex_base.event.processor import base_state_processor

if TYPE_CHECKING:
    import reflex as rx
    from reflex.state import BaseState

_reflex_chain_updates = base_state_processor.chain_updates


def install(app: rx.App) -> None:
    """Have ``app`` send an event's delta and its browser events in one message."""

    async def chain_updates(
        events: Any, handler_name: str, root_state: BaseState | None = None
    ) -> None:
        """Reflex's ``chain_updates``, with the delta and the browser's events sent together."""
        namespace = app.event_namespace
        if root_state is None or events is None or namespace is None:
            await _reflex_chain_updates(events, handler_name, root_state)
            return
        ctx = EventContext.get()
        try:
            delta = await root_state._get_resolved_delta()
        finally:
            root_state._clean()
        try:
            checked = base_state_processor._check_valid_yield(events, handler_name=handler_name)
            fixed = Event.from_event_type(checked)
        except BaseException:
            if delta:  # as Reflex does: the changes are sent before a bad event is reported
                await ctx.emit_delta(delta)
            raise
        browser = [e for e in fixed if e.name.startswith("_")]
        if delta or browser:
            await namespace.emit_update(StateUpdate(delta=delta, events=browser), ctx.token)
        if backend := [e for e in fixed if not e.name.startswith("_")]:
            await ctx.enqueue(*backend)

    base_state_processor.chain_updates = chain_updates
