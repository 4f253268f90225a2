"""One message per answer and per page: a state update and the browser events after it, together.

Reflex 0.10 sends what an event changed (the delta) and then, in a message of its own, the
events the browser is to run next (``chain_updates`` in ``reflex_base``): every answer, the
move to the next question's address, was two websocket messages. The browser treats one
message that carries both exactly as it treats the two in turn (Reflex's ``state.js`` applies
the delta, then queues the events), and Reflex's ``StateUpdate`` has carried both fields all
along. Each message costs the server a Socket.IO packet, a websocket frame and a write (about
0.2 ms of CPU in py-spy's profile at 1000 patients), so :func:`install` has an event's delta
and its browser events sent as one.

A page load is three events in Reflex: ``on_load_internal`` names the page's load handler
(``QuizState.load_question``, ...) and ``set_is_hydrated``, and each is then queued as an
event of its own: each takes the session's lock, reads and writes the session (in Redis, with
several workers) and sends a message. :func:`install` runs those two at once, in order, under
``on_load_internal``'s lock, and sends what they changed and the moves they made in its one
message. A handler that is not a plain function (a background task, a coroutine, a
generator), and whatever the handlers themselves queue, still go through Reflex's queue.

It replaces a function of Reflex's own (Reflex is pinned below 0.11); ``tests/e2e/test_wire.py``
fails if an update of Reflex undoes it.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from reflex.state import OnLoadInternalState, StateUpdate
from reflex_base.event import Event, EventHandler
from reflex_base.event.context import EventContext
from reflex_base.event.processor import base_state_processor
from reflex_base.registry import RegistrationContext

if TYPE_CHECKING:
    import reflex as rx
    from reflex.state import BaseState

_reflex_chain_updates = base_state_processor.chain_updates
_PAGE_LOAD = OnLoadInternalState.on_load_internal.fn.__qualname__
"""The handler that names a page's load events (``handler_name`` in ``chain_updates``)."""


def _plain(handler: EventHandler) -> bool:
    """Whether ``handler`` runs to its end in one call: no background task, no awaits, no yields."""
    return not (
        handler.is_background
        or handler._is_coroutine_function
        or inspect.isgeneratorfunction(handler.fn)
        or inspect.isasyncgenfunction(handler.fn)
    )


async def _load_now(events: list[Event], root_state: BaseState) -> tuple[list[Event], list[Event]]:
    """Run a page's load events now, in order, under the lock already held.

    Returns the events for the browser, and those left for Reflex's queue: from the first that
    cannot run here on, then whatever the handlers run here queued themselves.
    """
    registered = RegistrationContext.get().event_handlers
    browser: list[Event] = []
    queued: list[Event] = []
    for index, event in enumerate(events):
        if event.name.startswith("_"):
            browser.append(event)
            continue
        found = registered.get(event.name)
        if found is None or not _plain(found.handler):  # as Reflex routes them (_route_events)
            rest = events[index:]
            browser += [e for e in rest if e.name.startswith("_")]
            return browser, [e for e in rest if not e.name.startswith("_")] + queued
        handler = found.handler
        state = await root_state.get_state(found.states[0])
        payload = base_state_processor._prepare_event_payload(handler, event.payload)
        result = handler.fn(state, **payload)
        for later in _events(result, handler.fn.__qualname__):
            (browser if later.name.startswith("_") else queued).append(later)
    return browser, queued


def _events(events: Any, handler_name: str) -> list[Event]:
    """What a handler returned, as Reflex's events (checked as Reflex checks them)."""
    if events is None:
        return []
    return Event.from_event_type(base_state_processor._check_valid_yield(events, handler_name))


def install(app: rx.App) -> None:
    """Have ``app`` send an event's delta and its browser events in one message.

    A page's load events are run with ``on_load_internal``, under its lock (see above).
    """

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
            fixed = _events(events, handler_name)
            if handler_name == _PAGE_LOAD:
                browser, backend = await _load_now(fixed, root_state)
            else:
                browser = [e for e in fixed if e.name.startswith("_")]
                backend = [e for e in fixed if not e.name.startswith("_")]
        except BaseException:
            # As Reflex does: the changes made so far are sent before the error is reported.
            try:
                if delta := await root_state._get_resolved_delta():
                    await ctx.emit_delta(delta)
            finally:
                root_state._clean()
            raise
        try:
            delta = await root_state._get_resolved_delta()
        finally:
            root_state._clean()
        if delta or browser:
            await namespace.emit_update(StateUpdate(delta=delta, events=browser), ctx.token)
        if backend:
            await ctx.enqueue(*backend)

    base_state_processor.chain_updates = chain_updates
