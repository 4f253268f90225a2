"""Results worked out once per answer set.

The engine is pure: the same content and answers always give the same path, findings and
assessment. A patient's screen asks for them many times per answer, and each answer shares its
earlier questions with the answer before it, so each content object keeps small tables of what
it has worked out (bounded: the oldest entries go first).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

if TYPE_CHECKING:  # the models use remember(): no import at run time
    from footquiz.engine.model import Answers, Content

MEMO_SIZE = 128
"""Entries kept at most per function and content object: enough for one answer's path and its
earlier questions (an answer set each) several times over. Among many patients at once an entry
is rarely asked for again by the next event, so more would only hold memory: at 512 the tables
held 12+ MiB per backend process, no faster."""

P = ParamSpec("P")
R = TypeVar("R")


class _Table:
    """Recent results, in two generations.

    A result asked for again moves to the newer one, and when that is full the older one is
    dropped: nearly least-recently-used, and a result found costs one lookup (an ordered
    table's move to the end compared the answer set twice).
    """

    __slots__ = ("new", "old")

    def __init__(self) -> None:
        self.new: dict[Hashable, Any] = {}
        self.old: dict[Hashable, Any] = {}


_TABLES: dict[int, dict[str, _Table]] = {}
"""Per live content object (by id, dropped with it): per function, its recent results.
Kept outside the models, so two contents loaded from the same files still compare equal."""


_MISSING = object()


def _table(content: Content, name: str) -> _Table:
    """The table ``name`` of this content object."""
    tables = _TABLES.get(id(content))
    if tables is None:
        tables = _TABLES[id(content)] = {}
        weakref.finalize(content, _TABLES.pop, id(content), None)
    table = tables.get(name)
    if table is None:
        table = tables[name] = _Table()
    return table


def entries(content: Content, name: str) -> int:
    """How many results the table ``name`` of this content object holds."""
    table = _table(content, name)
    return len(table.new) + len(table.old)


def remember(content: Content, name: str, key: Hashable, work: Callable[[], R]) -> R:
    """``work()``, kept in ``content``'s table ``name`` under ``key`` (worked out once)."""
    table = _table(content, name)
    # Comparing keys (answer sets) is the cost: a recent result costs one comparison.
    value = table.new.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = table.old.get(key, _MISSING)
    if value is _MISSING:
        value = work()
    table.new[key] = value
    if len(table.new) >= MEMO_SIZE // 2:
        table.old, table.new = table.new, {}
    return value


def per_answers(
    function: Callable[Concatenate[Content, Answers, P], R],
) -> Callable[Concatenate[Content, Answers, P], R]:
    """Cache ``function(content, answers, *rest)`` per content object, answer set and rest.

    What it returns is shared between callers, so it must not be changed (tuples, frozen
    models). The rest of the arguments must be hashable.
    """
    name = function.__qualname__

    @wraps(function)
    def cached(content: Content, answers: Answers, *rest: P.args, **named: P.kwargs) -> R:
        key: Hashable = frozenset(answers.items())
        if rest or named:
            key = (key, *rest, *sorted(named.items()))
        return remember(content, name, key, lambda: function(content, answers, *rest, **named))

    return cached
