"""The quiz as a state machine: start, answer, back, jump back, progress, done.

Every move returns a new :class:`Position`; an invalid move raises :class:`QuizError` and
leaves the old position untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from footquiz.engine.answers import QuizError, checked_choice, visible_questions
from footquiz.engine.assess import emergency_questions, emergency_rules_on, is_emergency
from footquiz.engine.memo import per_answers
from footquiz.engine.model import Answers, Content, Question

__all__ = ["Position", "Progress", "QuizError", "answer", "back", "go_to", "path", "progress"]


class Position(BaseModel):
    """Where a patient is: every answer given so far, and the question on screen.

    ``current`` is None once the quiz is done. Answers to questions that are now hidden are
    kept (so going back and changing an answer loses nothing) but never count.
    """

    model_config = ConfigDict(frozen=True)

    answers: Answers = {}
    current: str | None

    @property
    def done(self) -> bool:
        """True when the result can be shown."""
        return self.current is None


class Progress(BaseModel):
    """How far along the current path the patient is."""

    step: int
    total: int
    answered: int


def start(content: Content) -> Position:
    """A fresh quiz on its first question."""
    return Position(answers={}, current=content.questions[0].id)


@per_answers
def path(content: Content, answers: Answers) -> tuple[Question, ...]:
    """The questions on this patient's path: the visible ones, cut short by an emergency."""
    shown = visible_questions(content, answers)
    read = emergency_questions(content)
    cut = _emergency_cut(
        content, {q.id: answers[q.id] for q in shown if q.id in read and q.id in answers}
    )
    if cut is None:
        return shown
    return shown[: next((i for i, q in enumerate(shown) if q.id == cut), 0) + 1]


@per_answers
def _emergency_cut(content: Content, read: Answers) -> str | None:
    """The question after which an emergency ends the questions, or None for no emergency.

    That is the first answer, in question order, after which an emergency rule holds on the
    answers up to it ("" for a rule that holds before any answer).

    ``read`` holds the shown questions' answers that emergency rules read. A prefix of the shown
    questions is shown whatever comes after, so its answers are already effective, and only
    those answers can change the rules that hold. Patients who answered the warning signs alike
    share one result.
    """
    # The first question is shown for any answers: an emergency before it is answered ends
    # the questions after it.
    if visible_questions(content, {})[0].id not in read and emergency_rules_on(content, {}):
        return ""
    earlier: Answers = {}
    for question in content.questions:
        if question.id in read:
            earlier[question.id] = read[question.id]
            if emergency_rules_on(content, earlier):
                return question.id
    return None


def _next(content: Content, answers: Answers, after: str, checking: bool = False) -> str | None:
    """The question after ``after`` on the path, else the first unanswered one, else None.

    ``checking`` (a change made from the result): the first unanswered question on the path,
    so the patient goes straight back to the result unless the change brought new questions.
    """
    if is_emergency(content, answers):
        return None
    questions = path(content, answers)
    ids = [q.id for q in questions]
    later = ids[ids.index(after) + 1 :] if after in ids and not checking else []
    if later:
        return later[0]
    return next((q for q in ids if q not in answers), None)


def _reached(questions: Sequence[Question], answers: Answers, question_id: str) -> bool:
    """Whether every question before this one on the path is answered."""
    ids = [q.id for q in questions]
    return question_id in ids and all(q in answers for q in ids[: ids.index(question_id)])


def answer(
    content: Content,
    position: Position,
    question_id: str,
    option_ids: Iterable[str],
    checking: bool = False,
) -> Position:
    """Record an answer and move on. An emergency answer ends the questions at once.

    ``checking``: the answer was changed from the result (GOV.UK "check your answers"), so
    move on to the first unanswered question on the path, or to the result.
    """
    question = content.question(question_id)
    if question is None:
        raise QuizError(f"question {question_id!r} is unknown")
    answers = {**position.answers, question_id: checked_choice(question, option_ids)}
    # Whether a question is shown and reached rests only on the answers before it on the
    # path, so the new answers tell it as the old ones would: the path is worked out once.
    questions = path(content, answers)
    if all(q.id != question_id for q in questions):
        raise QuizError(f"question {question_id!r} is not shown on this path")
    if not _reached(questions, answers, question_id):
        raise QuizError(f"question {question_id!r} has not been reached yet")
    return Position(answers=answers, current=_next(content, answers, question_id, checking))


def back(content: Content, position: Position) -> Position:
    """The previous question on the path, keeping every answer. At the first, stays put."""
    ids = [q.id for q in path(content, position.answers)]
    if position.current is None:
        return Position(answers=position.answers, current=ids[-1])
    index = ids.index(position.current) if position.current in ids else 0
    return Position(answers=position.answers, current=ids[max(index - 1, 0)])


def go_to(content: Content, position: Position, question_id: str) -> Position:
    """Jump back to an earlier question (e.g. "change" on the result page)."""
    questions = path(content, position.answers)
    if question_id not in [q.id for q in questions]:
        raise QuizError(f"question {question_id!r} is not on this path")
    if not _reached(questions, position.answers, question_id):
        raise QuizError(f"question {question_id!r} has not been reached yet")
    return Position(answers=position.answers, current=question_id)


def progress(content: Content, position: Position) -> Progress:
    """Step number, expected total on this path, and how many are answered."""
    questions = path(content, position.answers)
    ids = [q.id for q in questions]
    answered = sum(1 for q in ids if q in position.answers)
    step = ids.index(position.current) + 1 if position.current in ids else len(ids)
    return Progress(step=step, total=len(ids), answered=answered)


def resume(content: Content, answers: Mapping[str, Sequence[str]], current: str | None) -> Position:
    """Rebuild a position from saved data, dropping anything that no longer fits the content.

    Saved data may be stale (older content) or forged; only valid answers are kept and the
    patient lands on the saved question if it is still reachable, else the first unanswered.
    """
    kept: Answers = {}
    for question in content.questions:
        raw = answers.get(question.id)
        if not isinstance(raw, list | tuple):
            continue
        try:
            kept[question.id] = checked_choice(question, [str(o) for o in raw])
        except QuizError:
            continue
    questions = path(content, kept)
    ids = [q.id for q in questions]
    if current is not None and _reached(questions, kept, current):
        return Position(answers=kept, current=current)
    if is_emergency(content, kept):
        return Position(answers=kept, current=None)
    return Position(answers=kept, current=next((q for q in ids if q not in kept), None))
