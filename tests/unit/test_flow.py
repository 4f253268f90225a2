"""The quiz state machine: moving forward and back, jumping, invalid moves, resuming."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import pytest
from walks import EMERGENCY_QUESTIONS, random_choice

from footquiz.engine import flow
from footquiz.engine.answers import visible_questions
from footquiz.engine.assess import assess, emergency_rules_on
from footquiz.engine.flow import Position, QuizError
from footquiz.engine.model import Answers, Content

ALWAYS_SHOWN = 22
"""Questions on every path: the safety questions, where, the self-tests, how and about you."""


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


def test_calm_answers_cover_every_question_on_every_path(
    content: Content, calm_answers: Answers
) -> None:
    """Control for the fixture: it answers each always-shown question with a real option."""
    always = [q for q in content.questions if q.show_if is None]
    assert len(always) == ALWAYS_SHOWN
    for question in always:
        assert question.id in calm_answers, question.id
    for question_id, options in calm_answers.items():
        question = content.question(question_id)
        assert question is not None, question_id
        assert all(question.option(o) for o in options), (question_id, options)


def test_typical_path_reaches_done(content: Content, calm_answers: Answers) -> None:
    """Answering a typical path ends with done, and progress counts up one step at a time.

    Heel pain brings up the ankle-tap question once the place is marked, so the expected
    total grows by one there and never moves otherwise.
    """
    position = flow.start(content)
    steps: list[int] = []
    totals: list[int] = []
    while not position.done:
        progress = flow.progress(content, position)
        steps.append(progress.step)
        totals.append(progress.total)
        assert ALWAYS_SHOWN <= progress.total <= ALWAYS_SHOWN + 1, progress
        assert progress.answered == progress.step - 1
        assert position.current is not None
        position = flow.answer(content, position, position.current, calm_answers[position.current])
    final = flow.progress(content, position)
    assert steps == list(range(1, len(steps) + 1))
    assert final.step == final.total == final.answered == len(steps) == ALWAYS_SHOWN + 1
    assert totals == sorted(totals)
    assert "ankle_tap" in on_path(content, position)
    assert position.current is None


def test_both_sides_path_is_longer_by_one(content: Content, calm_answers: Answers) -> None:
    """Choosing both sides shows the toes-first question: one more than the typical path."""
    position = play(content, {**calm_answers, "side": ("both",), "toes_first": ("no",)})
    assert position.done
    ids = on_path(content, position)
    assert "toes_first" in ids
    assert len(ids) == len(on_path(content, play(content, calm_answers))) + 1
    assert len(ids) == ALWAYS_SHOWN + 2


# ----- back, next and jumping -------------------------------------------------------------


def test_back_three_times_keeps_answers(content: Content, calm_answers: Answers) -> None:
    """Going back never loses answers, and answering again moves forward."""
    position = play_until(content, calm_answers, "side")
    before = dict(position.answers)
    ids = on_path(content, position)
    for _ in range(3):
        position = flow.back(content, position)
    assert position.current == ids[ids.index("side") - 3] == "serious_signs"
    assert position.answers == before
    position = flow.answer(content, position, "serious_signs", calm_answers["serious_signs"])
    assert position.current == "injury"
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


@pytest.mark.parametrize(
    "target", ["age", "no_such_question", "knee_pressure", "four_steps", "weakness_new"]
)
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
        pytest.param("four_steps", ["no"], id="hidden-no-injury"),
        pytest.param("weakness_new", ["yes"], id="hidden-no-weak-test"),
        pytest.param("side", ["middle"], id="unknown-option"),
        pytest.param("age", ["age_40_59"], id="version-1-option"),
        pytest.param("both_legs", ["no"], id="version-1-question"),
        pytest.param("side", ["left", "right"], id="two-on-single"),
        pytest.param("serious_signs", ["none", "fever"], id="exclusive-with-other"),
        pytest.param("serious_signs", ["not_sure", "cancer"], id="unsure-with-other"),
        pytest.param("pain_regions", ["weakness_only", "heel"], id="weakness-only-with-place"),
        pytest.param("self_tests", ["skipped", "heel_walk"], id="skipped-with-a-weak-test"),
        pytest.param("worse_with", ["sitting_worse", "walk_eased_by_sitting"], id="excluded-pair"),
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


def test_not_sure_where_can_go_with_marked_places(content: Content, calm_answers: Answers) -> None:
    """On the body map "I'm not sure where" can be ticked with places (it is not exclusive)."""
    position = play_until(content, calm_answers, "pain_regions")
    position = flow.answer(content, position, "pain_regions", ["not_sure", "whole_foot", "heel"])
    assert position.answers["pain_regions"] == ("heel", "whole_foot", "not_sure")
    assert position.current == "side"


def test_an_option_excludes_only_its_partner(content: Content, calm_answers: Answers) -> None:
    """Each of the two clashing options goes with any other, just not with each other."""
    position = play_until(content, calm_answers, "worse_with")
    for options in (
        ["sitting_worse", "cough_sneeze", "first_steps"],
        ["walk_eased_by_sitting", "calf_eased_by_standing", "burning_night"],
    ):
        moved = flow.answer(content, position, "worse_with", options)
        assert moved.answers["worse_with"] == tuple(
            o.id for o in content.question("worse_with").options if o.id in options
        )
        assert moved.current == "onset"


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
    """The knee question is on the path only for a weak foot lift without back pain."""
    assert "knee_pressure" not in on_path(content, play(content, calm_answers))
    weak = {
        **calm_answers,
        "self_tests": ("heel_walk",),
        "weakness_new": ("no",),
        "leg_vs_back": ("no_back",),
        "knee_pressure": ("no",),
    }
    for lift in (("heel_walk",), ("big_toe",), ("heel_walk", "toe_walk")):
        position = play(content, {**weak, "self_tests": lift})
        assert position.done
        assert "knee_pressure" in on_path(content, position), lift
    for not_shown in (
        {"leg_vs_back": ("leg",)},  # back pain
        {"self_tests": ("toe_walk",)},  # weak, but not lifting the foot
        {"self_tests": ("unsteady",)},
        {"self_tests": ("none",), "foot_drop": ("steady",)},  # no self-test found it
    ):
        position = play(content, {**weak, **not_shown})
        assert position.done
        assert "knee_pressure" not in on_path(content, position), not_shown


def test_weakness_onset_question_follows_a_weak_self_test(
    content: Content, calm_answers: Answers
) -> None:
    """Weakness found on a self-test asks whether it is new, unless foot drop already said so."""
    weak = {**calm_answers, "self_tests": ("toe_walk",), "weakness_new": ("no",)}
    ids = on_path(content, play(content, weak))
    assert ids.index("weakness_new") == ids.index("self_tests") + 1
    for foot_drop in ("steady", "no", "not_sure"):
        assert "weakness_new" in on_path(
            content, play(content, {**weak, "foot_drop": (foot_drop,)})
        )
    assert "weakness_new" not in on_path(
        content, play(content, {**weak, "foot_drop": ("new_or_worse",)})
    )
    for no_weakness in ("none", "skipped"):
        position = play(content, {**weak, "self_tests": (no_weakness,)})
        assert "weakness_new" not in on_path(content, position)


@pytest.mark.parametrize("place", ["inner_ankle", "heel", "sole"])
def test_ankle_tap_question_follows_inner_ankle_heel_or_sole(
    content: Content, calm_answers: Answers, place: str
) -> None:
    """The tap test is asked for pain at the inner ankle, heel or sole, and only then."""
    position = play(content, {**calm_answers, "pain_regions": (place, "knee")})
    assert position.done
    assert "ankle_tap" in on_path(content, position)
    tapped = {"inner_ankle", "heel", "sole"}
    for option in content.question("pain_regions").options:
        if option.id not in tapped:
            ids = on_path(content, play(content, {**calm_answers, "pain_regions": (option.id,)}))
            assert "ankle_tap" not in ids, option.id


@pytest.mark.parametrize("injury", ["big", "minor"])
def test_four_steps_question_follows_an_injury(
    content: Content, calm_answers: Answers, injury: str
) -> None:
    """After a fall or injury the quiz asks about taking 4 steps, straight after, and then
    (for a patient who can) whether a bone hurts when pressed (Ottawa)."""
    story = {**calm_answers, "injury": (injury,), "four_steps": ("yes",), "bone_tender": ("no",)}
    position = play(content, story)
    assert position.done
    ids = on_path(content, position)
    assert ids.index("four_steps") == ids.index("injury") + 1
    assert ids.index("bone_tender") == ids.index("four_steps") + 1
    calm = on_path(content, play(content, calm_answers))
    assert "four_steps" not in calm and "bone_tender" not in calm


@pytest.mark.parametrize("steps", ["no", "not_sure"])
def test_bone_question_is_not_asked_when_an_x_ray_is_already_advised(
    content: Content, calm_answers: Answers, steps: str
) -> None:
    """Not taking 4 steps, or not being sure, already means an X-ray today: no bone question."""
    position = play(content, {**calm_answers, "injury": ("minor",), "four_steps": (steps,)})
    assert position.done
    assert "bone_tender" not in on_path(content, position)


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


def test_the_path_ends_at_the_first_shown_answers_that_make_an_emergency(
    content: Content,
) -> None:
    """``flow.path`` checks only the answers an emergency rule reads; it ends where checking
    the answers of every first-so-many shown questions would end it (random answer sets,
    answers to hidden questions among them)."""
    rng = random.Random(11)
    ended_early = 0
    for _ in range(400):
        answers: Answers = {}
        for question in content.questions:
            calm = [o.id for o in question.options if o.id in ("no", "none")]
            if question.section == "safety" and calm and rng.random() < 0.9:
                answers[question.id] = (calm[0],)
            elif rng.random() < 0.9:
                answers[question.id] = tuple(random_choice(question, rng))
        shown = visible_questions(content, answers)
        expected = shown
        for n in range(1, len(shown) + 1):
            first = {q.id: answers[q.id] for q in shown[:n] if q.id in answers}
            if emergency_rules_on(content, first):
                expected = shown[:n]
                break
        assert flow.path(content, answers) == expected
        ended_early += expected != shown
    assert 40 < ended_early < 360  # both kinds of path were tried


@pytest.mark.parametrize("question_id", EMERGENCY_QUESTIONS)
def test_not_sure_on_an_emergency_question_moves_on(
    content: Content, calm_answers: Answers, question_id: str
) -> None:
    """Only "yes" ends the quiz; "not sure" on any emergency question goes to the next one."""
    ids = [q.id for q in content.questions]
    position = play_until(content, calm_answers, question_id)
    position = flow.answer(content, position, question_id, ["not_sure"])
    assert not position.done
    assert position.current == ids[ids.index(question_id) + 1]


def test_fever_with_new_foot_drop_ends_the_quiz_at_the_fever(
    content: Content, calm_answers: Answers
) -> None:
    """Fever and a new weakness together are an emergency: the quiz ends on the second one."""
    answers = {**calm_answers, "foot_drop": ("new_or_worse",)}
    position = play_until(content, answers, "serious_signs")
    assert not position.done
    position = flow.answer(content, position, "serious_signs", ["fever", "cancer"])
    assert position.done
    assert on_path(content, position)[-1] == "serious_signs"
    assert flow.back(content, position).current == "serious_signs"
    # A steady weakness with a fever is not an emergency: the quiz goes on.
    steady = play_until(content, {**answers, "foot_drop": ("steady",)}, "serious_signs")
    assert flow.answer(content, steady, "serious_signs", ["fever"]).current == "injury"


def test_fever_then_a_new_weakness_on_the_self_tests_ends_the_quiz(
    content: Content, calm_answers: Answers
) -> None:
    """The fever comes first; saying a weakness found on the self-tests is new ends it there."""
    answers = {
        **calm_answers,
        "serious_signs": ("fever",),
        "self_tests": ("heel_walk",),
        "weakness_new": ("yes",),
    }
    position = play(content, answers)
    assert position.done
    assert on_path(content, position)[-1] == "weakness_new"
    calm_again = play(content, {**answers, "weakness_new": ("no",)})
    assert calm_again.done
    assert on_path(content, calm_again)[-1] == "age"


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
            {"worse_with": ["sitting_worse", "walk_eased_by_sitting"]}, {}, id="excluded-pair"
        ),
        pytest.param(
            {"both_legs": ["no"], "age": ["age_40_59"], "serious_signs": ["injury"]},
            {},
            id="version-1-answers",
        ),
        pytest.param(
            {"saddle_numbness": ["no"], "side": ["sideways"], "age": ["age_70_plus"]},
            {"saddle_numbness": ("no",), "age": ("age_70_plus",)},
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
    position = flow.resume(content, {"side": value, "age": ["age_70_plus"]}, None)  # type: ignore[dict-item]
    assert position.answers == {"age": ("age_70_plus",)}


@pytest.mark.parametrize("question_id", EMERGENCY_QUESTIONS)
def test_resume_emergency_is_done(content: Content, question_id: str) -> None:
    """Saved answers with a red flag resume on the result, whatever the saved question."""
    position = flow.resume(content, {question_id: ["yes"]}, "age")
    assert position.done


def test_answering_ahead_of_the_path_is_refused(content: Content) -> None:
    position = flow.start(content)
    with pytest.raises(QuizError, match="not been reached"):
        flow.answer(content, position, "age", ["age_70_plus"])
    assert position.answers == {}
