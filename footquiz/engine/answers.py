"""Answers: checking them, evaluating conditions on them, and which questions are shown."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Collection, Iterable, Iterator

from footquiz.engine.memo import per_answers
from footquiz.engine.model import Answers, Condition, Content, Question


class QuizError(ValueError):
    """An invalid move: an unknown or hidden question, or options that do not fit it."""


Test = Callable[[Answers, Collection[str]], bool]
"""A condition made into a function of the answers and findings (see :func:`holds`)."""

_TESTS: dict[int, Test] = {}
"""Per live condition (by id, dropped with it): the function it was made into."""


def holds(condition: Condition, answers: Answers, findings: Collection[str] = frozenset()) -> bool:
    """Whether ``condition`` is true for these answers and findings (best passed as a set)."""
    return _test(condition)(answers, findings)


def _test(condition: Condition) -> Test:
    """The function ``condition`` is made into, made once: a patient's answer checks hundreds."""
    test = _TESTS.get(id(condition))
    if test is None:
        test = _TESTS[id(condition)] = _make_test(condition)
        weakref.finalize(condition, _TESTS.pop, id(condition), None)
    return test


def _make_test(condition: Condition) -> Test:
    """``condition`` as a function of the answers and findings.

    An answer includes any of the options, a finding is present, or all / any / not of the
    conditions nested in it.
    """
    if condition.answer is not None:
        question, options = condition.answer, frozenset(condition.is_ or ())
        return lambda answers, findings: not options.isdisjoint(answers.get(question, ()))
    if condition.finding is not None:
        finding = condition.finding
        return lambda answers, findings: finding in findings
    if condition.all_ is not None or condition.any_ is not None:
        every = condition.all_ is not None
        tests = tuple(_test(c) for c in condition.all_ or condition.any_ or ())

        def combined(answers: Answers, findings: Collection[str]) -> bool:
            for test in tests:
                if test(answers, findings) is not every:
                    return not every
            return every

        return combined
    assert condition.not_ is not None  # the model allows exactly one form
    inner = _test(condition.not_)
    return lambda answers, findings: not inner(answers, findings)


def walk(condition: Condition) -> Iterator[Condition]:
    """Yield a condition and every condition nested in it."""
    yield condition
    for child in (condition.all_ or []) + (condition.any_ or []):
        yield from walk(child)
    if condition.not_ is not None:
        yield from walk(condition.not_)


@per_answers
def base_findings(content: Content, answers: Answers) -> frozenset[str]:
    """The named findings (e.g. ``weakness``) that hold for these answers."""
    found: set[str] = set()
    for finding in content.findings:
        if holds(finding.when, answers, found):
            found.add(finding.id)
    return frozenset(found)


@per_answers
def visible_questions(content: Content, answers: Answers) -> tuple[Question, ...]:
    """The questions shown for these answers, in order. Hidden ones never count."""
    shown: list[Question] = []
    effective: Answers = {}
    found: frozenset[str] | None = None  # the findings of ``effective``, worked out when needed
    for question in content.questions:
        if question.show_if is not None:
            if found is None:
                found = base_findings(content, effective)
            if not holds(question.show_if, effective, found):
                continue
        shown.append(question)
        if question.id in answers:
            effective[question.id] = answers[question.id]
            found = None
    return tuple(shown)


@per_answers
def effective_answers(content: Content, answers: Answers) -> Answers:
    """Only the answers to questions that are shown; answers to hidden ones are kept aside.

    Shared by every caller with these answers: read it, never change it.
    """
    return {q.id: answers[q.id] for q in visible_questions(content, answers) if q.id in answers}


def checked_choice(question: Question, option_ids: Iterable[str]) -> tuple[str, ...]:
    """The options in content order, or :class:`QuizError` if they do not fit the question."""
    chosen = set(option_ids)
    if not chosen:
        raise QuizError(f"choose at least one answer for {question.id!r}")
    unknown = chosen - {o.id for o in question.options}
    if unknown:
        raise QuizError(f"question {question.id!r} has no option {sorted(unknown)[0]!r}")
    if question.kind == "single" and len(chosen) != 1:
        raise QuizError(f"question {question.id!r} takes one answer")
    exclusive = [o.id for o in question.options if o.exclusive and o.id in chosen]
    if exclusive and len(chosen) > 1:
        raise QuizError(f"{exclusive[0]!r} cannot be chosen with other answers")
    for option in question.options:
        clash = set(option.excludes) & chosen if option.id in chosen else set()
        if clash:
            raise QuizError(f"{option.id!r} cannot be chosen with {sorted(clash)[0]!r}")
    return tuple(o.id for o in question.options if o.id in chosen)
