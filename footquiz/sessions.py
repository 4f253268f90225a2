"""Sessions in Redis in two round trips an event, where Reflex's manager takes four.

Reflex 0.10's Redis manager (``StateManagerRedis``, without its opportunistic lock) takes the
session's lock, reads the session, writes it while it still holds the lock, then releases
the lock: four commands, each a round trip of its own. Each costs the backend a write, a read
and a wake-up of the event loop, and with 1000 patients the Redis client was a fifth of the
backend's CPU. :class:`Sessions` does the same in two scripts, run on the Redis server as one
command each: take the lock and read (only if the lock was free), then write and release
(only while the lock is still this event's). Everything else (waiting for a taken lock, the
expiry, what is written) is Reflex's, unchanged: when the lock is taken, the event waits for
it as Reflex's does and then reads as Reflex does. Once saved, the event's session is taken
apart (:func:`_let_go`), so it is freed at once rather than left to the garbage collector.

It replaces the manager Reflex made (:func:`install`); Reflex is pinned below 0.11, and the
scale tests (``tests/scale``, a real Redis and several backends) fail if an update of Reflex
undoes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

from redis.exceptions import NoScriptError
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex.state import BaseState
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext
from reflex_base.utils.exceptions import LockExpiredError, StateSchemaMismatchError

if TYPE_CHECKING:
    import reflex as rx

logger = logging.getLogger(__name__)

# KEYS: the lock, then the session's states. ARGV: the lock id, its expiry (ms). The states
# as stored (nil for one never stored), or nil if another event holds the lock.
_LOCK_AND_READ = """
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
    return nil
end
return redis.call('MGET', unpack(KEYS, 2))
"""

# KEYS: the lock, then the states to write. ARGV: the lock id, the states' expiry (s), then the
# pickled states. Writes and releases only while the lock is this event's; returns what was
# left of the lock (ms), or nil if it had expired or changed hands and nothing was written.
_SAVE_AND_RELEASE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return nil
end
for i = 2, #KEYS do
    redis.call('SET', KEYS[i], ARGV[i + 1], 'EX', ARGV[2])
end
local left = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
return left
"""


_SHAS = {
    script: hashlib.sha1(script.encode()).hexdigest()
    for script in (_LOCK_AND_READ, _SAVE_AND_RELEASE)
}
"""Each script by its SHA-1, the name Redis keeps it under (``EVALSHA``)."""


class Sessions(StateManagerRedis):
    """Reflex's Redis state manager, with the lock taken with the read and freed with the write."""

    def __post_init__(self) -> None:
        """Reflex's set-up, and a table of the states each kind of event reads."""
        super().__post_init__()
        self._read_with: dict[type[BaseState], tuple[type[BaseState], ...]] = {}

    def _states_read_with(self, cls: type[BaseState]) -> tuple[type[BaseState], ...]:
        """The states read for an event of ``cls`` (as Reflex reads them), parents first."""
        if (found := self._read_with.get(cls)) is None:
            required = self._get_required_state_classes(cls, subclasses=True)
            found = self._read_with[cls] = tuple(sorted(required, key=lambda c: c.get_full_name()))
        return found

    @contextlib.asynccontextmanager
    async def _try_modify_state(
        self, token: Any, **context: Any
    ) -> AsyncIterator[BaseState | None]:
        """Hold the session's lock while an event changes it, then save it and let go."""
        if self._oplock_enabled or not isinstance(token, BaseStateToken):
            async with super()._try_modify_state(token, **context) as state:
                yield state
            return
        event = context.get("event")
        lock_key = self._lock_key(token)
        lock_id = (f"{event.name}:{uuid.uuid4().hex}" if event else uuid.uuid4().hex).encode()
        classes = self._states_read_with(token.cls)
        stored = None
        if not self._n_lock_waiters(lock_key):  # nobody in this process is waiting for it first
            keys = [lock_key, *(token._state_key(c) for c in classes)]
            stored = await self._run(_LOCK_AND_READ, keys, [lock_id, self.lock_expiration])
        if stored is None:
            await self._wait_lock(lock_key, lock_id)  # Reflex's wait, then its read
            state = await self.get_state(token)
        else:
            state = _tree(classes, stored)
        try:
            yield state
        except BaseException:
            # As Reflex does: an event that failed lets go of the lock unsaved.
            await self.redis.getdel(lock_key)
            self._notify_next_waiter(lock_key)
            raise
        await self._save(token, state, lock_key, lock_id, event)
        if event is not None and not _in_background(event):
            _let_go(state)

    async def _run(self, script: str, keys: list[Any], args: list[Any]) -> Any:
        """Run one of the scripts on the Redis server: by its hash, sent whole the first time."""
        sha = _SHAS[script]
        try:
            return await self.redis.execute_command("EVALSHA", sha, len(keys), *keys, *args)
        except NoScriptError:  # a new or restarted Redis
            await self.redis.script_load(script)
            return await self.redis.execute_command("EVALSHA", sha, len(keys), *keys, *args)

    async def _save(
        self, token: BaseStateToken, state: BaseState, lock_key: bytes, lock_id: bytes, event: Any
    ) -> None:
        """Write the states the event touched and release the lock, if it is still ours."""
        writes = self._collect_state_writes(token, state)
        left = await self._run(
            _SAVE_AND_RELEASE,
            [lock_key, *(key for key, _ in writes)],
            [lock_id, self.token_expiration, *(pickled for _, pickled in writes)],
        )
        self._notify_next_waiter(lock_key)
        during = f" Happened in event: {event.name}" if event is not None else ""
        if left is None:
            raise LockExpiredError(
                f"Lock expired for token {token} while processing. Consider increasing "
                f"`app.state_manager.lock_expiration` (currently {self.lock_expiration})." + during
            )
        held_s = (self.lock_expiration - left) / 1000
        if held_s > self.lock_warning_threshold / 1000:
            logger.warning("Lock for token %s was held too long %.3fs.%s", token, held_s, during)


def _in_background(event: Event) -> bool:
    """Whether ``event`` runs as a background task, which goes on using its state after the lock.

    An event whose handler cannot be found counts as one.
    """
    try:
        found = RegistrationContext.get().event_handlers.get(event.name)
    except LookupError:  # not in one of the app's events
        return True
    return found is None or found.handler.is_background


def _let_go(root: BaseState) -> None:
    """Undo a saved session's tree (parent and substates point at each other).

    Freed as soon as the event lets go of it instead of by the garbage collector: with 1000
    patients, about 60 objects an event, a million in a run, were left for it to find.
    """
    states = [root]
    while states:
        state = states.pop()
        states.extend(state.substates.values())
        state.substates = {}
        state.parent_state = None


def _tree(classes: Sequence[type[BaseState]], stored: Sequence[bytes | None]) -> BaseState:
    """The session's state tree from its states as stored (Reflex's ``get_state``)."""
    states: dict[str, BaseState] = {}
    for cls, data in zip(classes, stored, strict=True):
        state = None
        if data is not None:
            with contextlib.suppress(StateSchemaMismatchError):
                state = BaseState._deserialize(data=data)
        if state is None:  # never stored, or by another version of the app
            state = cls(init_substates=False, _reflex_internal_init=True)
        name = state.get_full_name()
        states[name] = state
        if state.get_parent_state() is not None:
            parent_name, _, own_name = name.rpartition(".")
            parent = states[parent_name]
            parent.substates[own_name] = state
            state.parent_state = parent
    return states[classes[0].get_root_state().get_full_name()]


def install(app: rx.App) -> None:
    """Have ``app`` keep its sessions with :class:`Sessions` when they are kept in Redis."""
    made = app._state_manager
    if type(made) is StateManagerRedis:
        app._state_manager = Sessions(
            redis=made.redis,
            token_expiration=made.token_expiration,
            lock_expiration=made.lock_expiration,
            lock_warning_threshold=made.lock_warning_threshold,
        )
