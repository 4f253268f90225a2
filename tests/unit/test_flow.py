"""The quiz state machine: moving forward and back, jumping, invalid moves, resuming."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from footquiz.engine import flow
from footquiz.engine.assess import assess
from footquiz.engine.flow import Position, QuizError
from footquiz.engine.model import Answers, Content

EMERGENCY_QUESTIONS = ["saddle_numbness", "bladder_bowel", "both_legs"]


def play(content: Content, answers: Mapping[str, tuple[str, ...]], limit: int = 40) -> Position:
    """Answer whatever question is on screen from ``answers`` until done (or a gap)."""
    position = flow.start(content)
    for _ in range(limit):
        if position.done or position.current not in answers:
            return position
        position = flow.answer(content, position, position.current, answers[position.current])
    raise AssertionError("the quiz did not end")


def play_until(content: Content, answers: Answers, stop: str) -> Position:
    """Answer from ``answers`` until ``stop`` is the question on screen."""
    position = flow.start(content)
    while position.current != stop:
        assert position.current is not None, f"never reached {stop}"
        position = flow.answer(content, position, position.current, answers[position.current])
    return position


def on_path(content: Content, position: Position) -> list[str]:
    """The ids of the questions on this position's path."""
    return [q.id for q in flow.path(content, position.answers)]


# ----- the happy path ---------------------------------------------------------------------


def test_start_is_the_first_safety_question(content: Content) -> None:
    """A new quiz opens on the first question with no answers."""
    position = flow.start(content)
    assert position.current == "saddle_numbness"
    assert position.answers == {}
    assert not position.done


def test_typical_path_reaches_done(content: Content, calm_answers: Answers) -> None:
    """Answering a typical path ends with done, and progress counts up one step at a time."""
    position = flow.start(content)
    steps: list[int] = []
    while not position.done:
        progress = flow.progress(content, position)
        steps.append(progress.step)
        assert 14 <= progress.total <= 17, progress
        assert progress.answered == progress.step - 1
        assert position.current is not None
        position = flow.answer(content, position, position.current, calm_answers[position.current])
    final = flow.progress(content, position)
    assert steps == list(range(1, len(steps) + 1))
    assert final.step == final.total == final.answered == len(steps)
    assert 14 <= len(steps) <= 17
    assert position.current is None


def test_both_sides_path_is_longer_by_one(content: Content, calm_answers: Answers) -> None:
    """Choosing both sides shows the toes-first question, still within 14-17 questions."""
    position = play(content, {**calm_answers, "side": ("both",), "toes_first": ("no",)})
    assert position.done
    ids = on_path(content, position)
    assert "toes_first" in ids
    assert len(ids) == len(on_path(content, play(content, calm_answers))) + 1
    assert 14 <= len(ids) <= 17


# ----- back, next and jumping -------------------------------------------------------------


def test_back_three_times_keeps_answers(content: Content, calm_answers: Answers) -> None:
    """Going back never loses answers, and answering again moves forward."""
    position = play_until(content, calm_answers, "side")
    before = dict(position.answers)
    ids = on_path(content, position)
    for _ in range(3):
        position = flow.back(content, position)
    assert position.current == ids[ids.index("side") - 3] == "foot_drop"
    assert position.answers == before
    position = flow.answer(content, position, "foot_drop", calm_answers["foot_drop"])
    assert position.current == "serious_signs"
    assert position.answers == before


def test_back_at_first_question_stays(content: Content) -> None:
    """Back on the first question stays there."""
    position = flow.start(content)
    assert flow.back(content, position) == position


def test_back_from_done_goes_to_last_question(content: Content, calm_answers: Answers) -> None:
    """Back from the result returns to the last question on the path."""
    position = play(content, calm_answers)
    assert position.done
    assert flow.back(content, position).current == on_path(content, position)[-1]


def test_go_to_an_earlier_answered_question(content: Content, calm_answers: Answers) -> None:
    """A jump back lands on an earlier answered question, answers intact."""
    position = play(content, calm_answers)
    jumped = flow.go_to(content, position, "pain_travels")
    assert jumped.current == "pain_travels"
    assert jumped.answers == position.answers


@pytest.mark.parametrize("target", ["age", "no_such_question", "knee_pressure"])
def test_go_to_unreached_or_unknown_fails(
    content: Content, calm_answers: Answers, target: str
) -> None:
    """Jumping to an unreached, unknown or hidden question fails and changes nothing."""
    position = play_until(content, calm_answers, "side")
    with pytest.raises(QuizError):
        flow.go_to(content, position, target)
    assert position.current == "side"


# ----- invalid moves ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "options"),
    [
        pytest.param("no_such_question", ["yes"], id="unknown-question"),
        pytest.param("knee_pressure", ["yes"], id="hidden-no-weakness"),
        pytest.param("toes_first", ["yes"], id="hidden-one-side-no-diabetes"),
        pytest.param("side", ["middle"], id="unknown-option"),
        pytest.param("side", ["left", "right"], id="two-on-single"),
        pytest.param("serious_signs", ["none", "fever"], id="exclusive-with-other"),
        pytest.param("pain_regions", ["not_sure", "heel"], id="unsure-with-other"),
        pytest.param("serious_signs", [], id="empty"),
    ],
)
def test_invalid_moves_change_nothing(
    content: Content, calm_answers: Answers, question_id: str, options: list[str]
) -> None:
    """An invalid answer raises QuizError and leaves the position as it was."""
    position = play(content, calm_answers)
    assert position.done
    before = position.model_copy(deep=True)
    with pytest.raises(QuizError):
        flow.answer(content, position, question_id, options)
    assert position == before


def test_multiple_choice_keeps_content_order(content: Content, calm_answers: Answers) -> None:
    """A valid multiple choice is stored once per option, in the content's order."""
    position = play_until(content, calm_answers, "pain_regions")
    position = flow.answer(content, position, "pain_regions", ["heel", "knee", "heel"])
    assert position.answers["pain_regions"] == ("knee", "heel")


# ----- hidden questions -------------------------------------------------------------------


def test_hidden_answers_never_count(content: Content, calm_answers: Answers) -> None:
    """An answer to a question that becomes hidden stays aside and stops counting."""
    both = {**calm_answers, "side": ("both",), "toes_first": ("yes",)}
    position = play(content, both)
    assert position.done
    assert "neuropathy" in {a.id for a in assess(content, position.answers).look_alikes}
    total_both = flow.progress(content, position).total

    position = flow.go_to(content, position, "side")
    position = flow.answer(content, position, "side", ["left"])
    assert position.answers["toes_first"] == ("yes",)  # kept, in case side changes back
    assert position.answers["diabetes"] == ("no",)
    assert "toes_first" not in on_path(content, position)
    assert "neuropathy" not in {a.id for a in assess(content, position.answers).look_alikes}
    assert flow.progress(content, position).total == total_both - 1


def test_knee_question_appears_only_with_weakness_and_no_back_pain(
    content: Content, calm_answers: Answers
) -> None:
    """The peroneal knee question is on the path only for weakness without back pain."""
    assert "knee_pressure" not in on_path(content, play(content, calm_answers))
    weak = {**calm_answers, "foot_drop": ("steady",), "leg_vs_back": ("no_back",)}
    position = play(content, {**weak, "knee_pressure": ("no",)})
    assert position.done
    assert "knee_pressure" in on_path(content, position)


# ----- emergencies ------------------------------------------------------------------------


@pytest.mark.parametrize("question_id", EMERGENCY_QUESTIONS)
def test_emergency_answer_ends_the_quiz(
    content: Content, calm_answers: Answers, question_id: str
) -> None:
    """A red-flag "yes" ends the questions at once; back returns to that question."""
    position = play_until(content, calm_answers, question_id)
    position = flow.answer(content, position, question_id, ["yes"])
    assert position.done
    assert position.current is None
    assert on_path(content, position)[-1] == question_id
    progress = flow.progress(content, position)
    assert progress.step == progress.total == EMERGENCY_QUESTIONS.index(question_id) + 1
    assert flow.back(content, position).current == question_id


@pytest.mark.parametrize("question_id", EMERGENCY_QUESTIONS)
def test_emergency_on_revisit_ends_the_quiz(
    content: Content, calm_answers: Answers, question_id: str
) -> None:
    """Changing a red-flag answer to "yes" after finishing ends the quiz there too."""
    position = flow.go_to(content, play(content, calm_answers), question_id)
    position = flow.answer(content, position, question_id, ["yes"])
    assert position.done
    assert flow.back(content, position).current == question_id


def test_not_sure_on_a_red_flag_does_not_end_the_quiz(content: Content) -> None:
    """Only "yes" ends the quiz; "not sure" moves on to the next question."""
    position = flow.answer(content, flow.start(content), "saddle_numbness", ["not_sure"])
    assert position.current == "bladder_bowel"


# ----- resuming saved data ----------------------------------------------------------------


def test_resume_round_trip(content: Content, calm_answers: Answers) -> None:
    """Valid saved data comes back exactly."""
    position = play_until(content, calm_answers, "onset")
    saved = {q: list(o) for q, o in position.answers.items()}
    assert flow.resume(content, saved, "onset") == position


@pytest.mark.parametrize(
    ("saved", "kept"),
    [
        pytest.param({"nope": ["yes"]}, {}, id="unknown-question"),
        pytest.param({"side": ["middle"]}, {}, id="unknown-option"),
        pytest.param({"side": "left"}, {}, id="string-not-list"),
        pytest.param({"side": ["left", "right"]}, {}, id="two-on-single"),
        pytest.param({"serious_signs": ["none", "fever"]}, {}, id="exclusive-mix"),
        pytest.param({"side": []}, {}, id="empty"),
        pytest.param({"side": [1]}, {}, id="number-in-list"),
        pytest.param({"side": None}, {}, id="null"),
        pytest.param(
            {"saddle_numbness": ["no"], "side": ["sideways"], "age": ["over_70"]},
            {"saddle_numbness": ("no",), "age": ("over_70",)},
            id="keeps-the-good",
        ),
    ],
)
def test_resume_drops_bad_answers(content: Content, saved: dict[str, Any], kept: Answers) -> None:
    """Forged or stale answers are dropped, good ones kept, and nothing raises."""
    position = flow.resume(content, saved, None)
    assert position.answers == kept
    first_open = next(q for q in on_path(content, position) if q not in kept)
    assert position.current == first_open


@pytest.mark.parametrize("current", ["no_such_question", "knee_pressure", None, ""])
def test_resume_wrong_current_lands_on_first_unanswered(
    content: Content, current: str | None
) -> None:
    """An unknown, hidden or missing saved question lands on the first unanswered one."""
    position = flow.resume(content, {"saddle_numbness": ["no"]}, current)
    assert position.current == "bladder_bowel"


def test_resume_unreached_current_does_not_skip_safety_questions(content: Content) -> None:
    """A saved question that was never reached is not trusted."""
    position = flow.resume(content, {}, "age")
    assert position.current == "saddle_numbness"


@pytest.mark.parametrize("value", [5, 2.5, True])
def test_resume_non_list_values_are_dropped(content: Content, value: object) -> None:
    """A saved answer that is not a list (e.g. a number) is dropped, not an error."""
    position = flow.resume(content, {"side": value, "age": ["over_70"]}, None)  # type: ignore[dict-item]
    assert position.answers == {"age": ("over_70",)}


def test_resume_emergency_is_done(content: Content) -> None:
    """Saved answers with a red flag resume on the result, whatever the saved question."""
    position = flow.resume(content, {"bladder_bowel": ["yes"]}, "age")
    assert position.done


def test_answering_ahead_of_the_path_is_refused(content: Content) -> None:
    position = flow.start(content)
    with pytest.raises(QuizError):
        flow.answer(content, position, "age", ["over_70"])
    assert position.answers == {}
