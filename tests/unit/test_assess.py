"""The assessment: urgency tiers, spine likelihood, nerve roots, look-alikes, treatments."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from walks import EMERGENCY_QUESTIONS, random_choice

from footquiz.engine.answers import checked_choice
from footquiz.engine.assess import assess
from footquiz.engine.model import Answers, Assessment, Content, Question, Tier, UrgencyRule

# Serious signs that on their own mean a doctor within 1 to 2 days. Thin bones count only
# with a sudden start or a fall (tested on their own below).
SERIOUS_SIGNS = ["fever", "cancer", "weight_loss", "immune", "night_pain"]
WEAK_ON_TESTS = ["heel_walk", "toe_walk", "big_toe", "chair_rise", "unsteady"]

# "You have / it is" followed by a named condition would read as a diagnosis.
DIAGNOSIS = re.compile(
    r"\b(you have|you've got|you suffer from|it is|it's|this is)\s+(an? |the |your )?"
    r"([\w'-]+\s+){0,2}?"
    r"(stenosis|neuropathy|neuroma|fasciitis|tarsal tunnel|sciatica|radiculopathy|"
    r"herniat\w*|slipped disc|pinched nerve|nerve damage|poor blood flow|peroneal|"
    r"cauda equina|blood clot|thrombosis|gout|broken bone|fracture\w*|osteoporosis|"
    r"L[345]|S1)\b",
    re.IGNORECASE,
)

HYPOTHESIS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----- generating answers -----------------------------------------------------------------


def choice(question: Question, without: tuple[str, ...] = ()) -> st.SearchStrategy[tuple[str, ...]]:
    """A valid answer to ``question``: one option, or a subset obeying exclusive options and
    options that exclude each other. ``without`` leaves some options out."""
    ids = [o.id for o in question.options if o.id not in without]
    if question.kind == "single":
        return st.sampled_from(ids).map(lambda option: (option,))
    exclusive = [o.id for o in question.options if o.exclusive and o.id in ids]
    others = [o.id for o in question.options if not o.exclusive and o.id in ids]
    clashes = [(o.id, x) for o in question.options for x in o.excludes]
    subsets = (
        st.sets(st.sampled_from(others), min_size=1)
        .filter(lambda chosen: not any(a in chosen and b in chosen for a, b in clashes))
        .map(lambda chosen: tuple(i for i in ids if i in chosen))
    )
    if not exclusive:
        return subsets
    return st.one_of(st.sampled_from(exclusive).map(lambda option: (option,)), subsets)


Fixed = list[str] | st.SearchStrategy[tuple[str, ...]]


def any_answers(content: Content, **fixed: Fixed) -> st.SearchStrategy[Answers]:
    """Random valid answers to every question; ``fixed`` limits some to the single options
    given, or draws them from a strategy of its own."""

    def strategy(question: Question) -> st.SearchStrategy[tuple[str, ...]]:
        given_ = fixed.get(question.id)
        if given_ is None:
            return choice(question)
        if isinstance(given_, list):
            return st.sampled_from(given_).map(lambda option: (option,))
        return given_

    return st.fixed_dictionaries({q.id: strategy(q) for q in content.questions})


def fever_with_new_weakness(answers: Answers) -> bool:
    """A fever with a weakness said to be new: the emergency that needs two answers.

    Checked on the raw answers (hidden questions included), so it errs on the safe side.
    """
    return "fever" in answers.get("serious_signs", ()) and (
        "new_or_worse" in answers.get("foot_drop", ()) or "yes" in answers.get("weakness_new", ())
    )


def diabetic_foot_with_fever(answers: Answers) -> bool:
    """Diabetes, a hot or wounded foot and a fever: limb-threatening, an emergency [NG19]."""
    return (
        "fever" in answers.get("serious_signs", ())
        and "yes" in answers.get("foot_skin", ())
        and "yes" in answers.get("diabetes", ())
    )


def no_combined_emergency(answers: Answers) -> bool:
    """Neither of the emergencies that need two or three answers together."""
    return not fever_with_new_weakness(answers) and not diabetic_foot_with_fever(answers)


def no_red_flags(content: Content, **fixed: Fixed) -> st.SearchStrategy[Answers]:
    """Random answers with "no" to every emergency question, and no combined emergency."""
    flags: dict[str, Fixed] = {q: ["no"] for q in EMERGENCY_QUESTIONS}
    return any_answers(content, **{**flags, **fixed}).filter(no_combined_emergency)


def without_fever(content: Content) -> st.SearchStrategy[tuple[str, ...]]:
    """An answer to the serious-signs question that does not include a fever."""
    question = content.question("serious_signs")
    assert question is not None
    return choice(question, without=("fever",))


def texts(result: Assessment) -> list[str]:
    """Every patient-facing string in an assessment."""
    found = [result.urgency.title, result.urgency.action, result.disclaimer]
    if result.spine:
        found += [result.spine.title, result.spine.explanation]
    found += [r.text for r in result.why]
    found += [f"{a.name} {a.what_it_is}" for a in result.look_alikes]
    found += [f"{t.title} {t.summary} {t.fits_because}" for t in result.treatments]
    found += [r.path for r in result.roots] + result.get_help_sooner
    return found


def with_answers(calm: Answers, **overrides: list[str]) -> Answers:
    """The calm baseline with some answers replaced."""
    return {**calm, **{q: tuple(options) for q, options in overrides.items()}}


def urgency_rule(content: Content, rule_id: str) -> UrgencyRule:
    """The urgency rule with this id."""
    return next(u for u in content.urgency if u.id == rule_id)


# ----- the answer strategies ----------------------------------------------------------------


@HYPOTHESIS
@given(data=st.data())
def test_drawn_answers_are_answers_a_patient_could_give(
    content: Content, data: st.DataObject
) -> None:
    """Control: every drawn answer passes the quiz's own check (exclusive and excluded options)."""
    answers = data.draw(any_answers(content))
    for question in content.questions:
        assert checked_choice(question, answers[question.id]) == answers[question.id]


# ----- urgency ----------------------------------------------------------------------------


@HYPOTHESIS
@given(data=st.data())
def test_red_flag_always_means_emergency(content: Content, data: st.DataObject) -> None:
    """Any red-flag "yes", whatever else is answered, gives the emergency tier alone."""
    answers = data.draw(any_answers(content))
    flag = data.draw(st.sampled_from(EMERGENCY_QUESTIONS))
    answers[flag] = ("yes",)
    result = assess(content, answers)
    assert result.urgency.tier == Tier.EMERGENCY
    assert result.is_emergency
    assert result.spine is None
    assert result.treatments == []
    assert result.roots == []
    assert result.look_alikes == []
    rule = urgency_rule(content, flag)
    assert any(r.text == rule.why and flag in r.question_ids for r in result.why), result.why
    assert result.get_help_sooner == []


@HYPOTHESIS
@given(data=st.data())
def test_fever_with_new_weakness_is_an_emergency(content: Content, data: st.DataObject) -> None:
    """A fever with a new weakness (foot drop, or a self-test weakness said to be new) is an
    emergency, whatever else is answered."""
    question = content.question("serious_signs")
    assert question is not None
    signs = data.draw(st.sets(st.sampled_from([o.id for o in question.options if not o.exclusive])))
    fever = tuple(o.id for o in question.options if o.id in signs | {"fever"})
    if data.draw(st.booleans()):
        answers = data.draw(any_answers(content, foot_drop=["new_or_worse"]))
    else:
        weak = st.sets(st.sampled_from(WEAK_ON_TESTS), min_size=1).map(
            lambda chosen: tuple(t for t in WEAK_ON_TESTS if t in chosen)
        )
        answers = data.draw(
            any_answers(
                content,
                foot_drop=["steady", "no", "not_sure"],
                self_tests=weak,
                weakness_new=["yes"],
            )
        )
    answers["serious_signs"] = fever
    result = assess(content, answers)
    assert result.is_emergency
    assert result.spine is None and result.treatments == [] and result.roots == []
    rule = urgency_rule(content, "fever_new_weakness")
    reason = next(r for r in result.why if r.text == rule.why)
    assert "serious_signs" in reason.question_ids
    assert {"foot_drop", "weakness_new"} <= set(reason.question_ids)


@HYPOTHESIS
@given(data=st.data())
def test_without_red_flags_never_emergency(content: Content, data: st.DataObject) -> None:
    """With no red-flag "yes", no fever with a new weakness and no diabetic hot foot with a
    fever, the result is never an emergency and always has a spine band."""
    answers = data.draw(
        any_answers(content, **{q: ["no", "not_sure"] for q in EMERGENCY_QUESTIONS}).filter(
            no_combined_emergency
        )
    )
    result = assess(content, answers)
    assert result.urgency.tier != Tier.EMERGENCY
    assert result.spine is not None


@HYPOTHESIS
@given(data=st.data())
def test_diabetes_with_a_hot_foot_and_a_fever_is_an_emergency(
    content: Content, data: st.DataObject
) -> None:
    """NG19: a limb-threatening diabetic foot goes to acute services at once. Without the
    diabetes (or without the fever) the same foot is a same-day problem, not an emergency."""
    answers = data.draw(no_red_flags(content, foot_skin=["yes"], diabetes=["yes"]))
    question = content.question("serious_signs")
    assert question is not None
    others = data.draw(
        st.sets(st.sampled_from([o.id for o in question.options if not o.exclusive]))
    )
    answers["serious_signs"] = tuple(o.id for o in question.options if o.id in others | {"fever"})
    result = assess(content, answers)
    assert result.is_emergency
    assert "infection in the foot" in result.urgency.action
    answers["diabetes"] = ("no",)
    if fever_with_new_weakness(answers):
        return
    without = assess(content, answers)
    assert not without.is_emergency and without.urgency.tier == Tier.SAME_DAY


@HYPOTHESIS
@given(data=st.data())
def test_fever_with_a_steady_weakness_is_not_an_emergency(
    content: Content, data: st.DataObject
) -> None:
    """Control for the rule above: a fever with a weakness that is not new is not enough."""
    answers = data.draw(
        no_red_flags(
            content,
            serious_signs=st.just(("fever",)),
            foot_drop=["steady"],
            weakness_new=["no", "not_sure"],
        )
    )
    result = assess(content, answers)
    assert not result.is_emergency
    assert result.urgency.tier.rank <= Tier.WITHIN_DAYS.rank


@HYPOTHESIS
@given(data=st.data())
def test_new_foot_drop_is_same_day(content: Content, data: st.DataObject) -> None:
    """New or worsening foot drop, with no red flags, means getting help today."""
    answers = data.draw(
        no_red_flags(content, foot_drop=["new_or_worse"], serious_signs=without_fever(content))
    )
    assert assess(content, answers).urgency.tier == Tier.SAME_DAY


@HYPOTHESIS
@given(data=st.data())
def test_new_weakness_on_a_self_test_is_same_day(content: Content, data: st.DataObject) -> None:
    """A weakness a self-test finds, said to be new or getting worse, means help today too."""
    weak = st.sets(st.sampled_from(WEAK_ON_TESTS), min_size=1).map(
        lambda chosen: tuple(t for t in WEAK_ON_TESTS if t in chosen)
    )
    answers = data.draw(
        no_red_flags(
            content,
            foot_drop=["steady", "no", "not_sure"],
            self_tests=weak,
            weakness_new=["yes"],
            serious_signs=without_fever(content),
        )
    )
    assert assess(content, answers).urgency.tier == Tier.SAME_DAY


@HYPOTHESIS
@given(data=st.data())
def test_serious_sign_is_within_days(content: Content, data: st.DataObject) -> None:
    """Any serious sign (fever, cancer, ...) means a doctor within 1-2 days at least."""
    answers = data.draw(no_red_flags(content, foot_drop=["no", "steady", "not_sure"]))
    signs = data.draw(st.sets(st.sampled_from(SERIOUS_SIGNS), min_size=1))
    answers["serious_signs"] = tuple(s for s in SERIOUS_SIGNS if s in signs)
    tier = assess(content, answers).urgency.tier
    assert tier.rank <= Tier.WITHIN_DAYS.rank, tier


@pytest.mark.parametrize(
    ("extra", "tier"),
    [
        pytest.param({}, Tier.SELF_CARE, id="alone"),
        pytest.param({"onset": ["sudden_lift"]}, Tier.WITHIN_DAYS, id="sudden"),
        pytest.param(
            {"injury": ["minor"], "four_steps": ["yes"], "leg_vs_back": ["no_back"]},
            Tier.WITHIN_DAYS,
            id="fall",
        ),
        pytest.param(
            {"injury": ["minor"], "four_steps": ["yes"], "leg_vs_back": ["back"]},
            Tier.SAME_DAY,
            id="fall-back-pain",
        ),
    ],
)
def test_thin_bones_count_with_a_sudden_start_or_a_fall(
    content: Content, calm_answers: Answers, extra: dict[str, list[str]], tier: Tier
) -> None:
    """Thin bones or steroids raise the urgency only with a sudden start or a fall."""
    answers = with_answers(calm_answers, serious_signs=["thin_bones"], **extra)
    assert assess(content, answers).urgency.tier == tier


@pytest.mark.parametrize(
    ("extra", "tier"),
    [
        pytest.param({"injury": ["big"], "leg_vs_back": ["no_back"]}, Tier.WITHIN_DAYS, id="big"),
        pytest.param({"injury": ["big"], "leg_vs_back": ["leg"]}, Tier.SAME_DAY, id="big-back"),
        pytest.param({"injury": ["minor"], "leg_vs_back": ["no_back"]}, Tier.SELF_CARE, id="minor"),
        pytest.param(
            {"injury": ["minor"], "age": ["age_70_plus"], "leg_vs_back": ["no_back"]},
            Tier.WITHIN_DAYS,
            id="minor-70",
        ),
        pytest.param(
            {"injury": ["minor"], "age": ["age_70_plus"], "leg_vs_back": ["foot"]},
            Tier.SAME_DAY,
            id="minor-70-back",
        ),
        pytest.param(
            {
                "injury": ["minor"],
                "age": ["age_70_plus"],
                "pain_regions": ["knee"],
                "leg_vs_back": ["no_back"],
            },
            Tier.SAME_DAY,
            id="minor-70-hip",
        ),
        pytest.param(
            {"injury": ["minor"], "age": ["age_40_49"], "leg_vs_back": ["foot"]},
            Tier.SELF_CARE,
            id="minor-40s-back",
        ),
    ],
)
def test_injuries_by_size_age_and_back_pain(
    content: Content, calm_answers: Answers, extra: dict[str, list[str]], tier: Tier
) -> None:
    """A big injury needs a doctor within days; a small one at 70 or older counts as big, and
    back pain (or a thigh or knee pain at 70) after a fall means today."""
    answers = with_answers(calm_answers, four_steps=["yes"], **extra)
    assert assess(content, answers).urgency.tier == tier


@pytest.mark.parametrize("injury", ["big", "minor"])
@pytest.mark.parametrize("steps", ["no", "not_sure"])
def test_not_taking_four_steps_after_an_injury_is_same_day_with_an_x_ray(
    content: Content, calm_answers: Answers, injury: str, steps: str
) -> None:
    """Not able (or not sure) to take 4 steps after an injury: today, where an X-ray can be
    done, and a broken bone is named."""
    result = assess(
        content,
        with_answers(
            calm_answers, injury=[injury], four_steps=[steps], pain_regions=["outer_ankle"]
        ),
    )
    assert result.urgency.tier == Tier.SAME_DAY
    action = urgency_rule(content, "cannot_bear_weight").action
    assert action and result.urgency.action.startswith(action)
    assert "X-ray" in result.urgency.action
    assert "broken_bone" in {a.id for a in result.look_alikes}
    assert "four_steps" in {q for r in result.why for q in r.question_ids}
    # Hidden when there was no injury, the same answer counts for nothing.
    calm = assess(content, with_answers(calm_answers, injury=["no"], four_steps=[steps]))
    assert calm.urgency.tier == Tier.SELF_CARE


@pytest.mark.parametrize(
    ("tender", "tier", "broken"),
    [
        ("yes", Tier.SAME_DAY, True),
        ("not_sure", Tier.WITHIN_DAYS, True),
        ("no", Tier.SELF_CARE, False),
    ],
)
def test_a_tender_bone_after_an_injury_needs_an_x_ray_even_when_walking(
    content: Content, calm_answers: Answers, tender: str, tier: Tier, broken: bool
) -> None:
    """Ottawa: bony tenderness at the ankle or midfoot means an X-ray today even for a patient
    who can take 4 steps; unsure is 1-2 days; no tender bone is a sprain for self-care."""
    answers = with_answers(
        calm_answers,
        injury=["minor"],
        four_steps=["yes"],
        bone_tender=[tender],
        pain_regions=["outer_ankle"],
        onset=["foot_injury"],
    )
    result = assess(content, answers)
    named = {a.id for a in result.look_alikes}
    assert result.urgency.tier == tier
    assert ("broken_bone" in named, "foot_strain" in named) == (broken, not broken)
    if tender == "yes":
        action = urgency_rule(content, "bone_tender").action
        assert action and result.urgency.action.startswith(action) and "X-ray" in action
        assert "bone_tender" in {q for r in result.why for q in r.question_ids}


@HYPOTHESIS
@given(data=st.data())
def test_unsure_red_flag_is_same_day(content: Content, data: st.DataObject) -> None:
    """ "Not sure" on a red-flag question means same day or more urgent."""
    answers = data.draw(any_answers(content, **{q: ["no"] for q in EMERGENCY_QUESTIONS}))
    flag = data.draw(st.sampled_from(EMERGENCY_QUESTIONS))
    answers[flag] = ("not_sure",)
    tier = assess(content, answers).urgency.tier
    assert tier.rank <= Tier.SAME_DAY.rank, tier


def test_calm_answers_are_self_care(content: Content, calm_answers: Answers) -> None:
    """Nothing worrying and nothing pointing anywhere: start with self-care."""
    result = assess(content, calm_answers)
    assert result.urgency.tier == Tier.SELF_CARE
    assert result.urgency.action == content.tier_text(Tier.SELF_CARE).action
    assert result.spine is not None and result.spine.band == "local"
    assert result.get_help_sooner == [h.text for h in content.get_help_sooner]


# ----- what the urgency says to do ----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "rule_id"),
    [
        pytest.param({"calf_swelling": ["yes"]}, "clot", id="clot"),
        pytest.param({"injury": ["big"], "four_steps": ["no"]}, "cannot_bear_weight", id="steps"),
        pytest.param({"diabetes": ["yes"], "foot_skin": ["yes"]}, "hot_foot_diabetes", id="hot"),
        pytest.param({"bladder_bowel": ["not_sure"]}, "warning_sign_unsure", id="unsure-flag"),
        pytest.param(
            {"calf_swelling": ["yes"], "injury": ["minor"], "four_steps": ["no"]},
            "cannot_bear_weight",
            id="first-in-order-wins",
        ),
    ],
)
def test_a_rule_with_its_own_action_replaces_the_tiers(
    content: Content, calm_answers: Answers, answers: dict[str, list[str]], rule_id: str
) -> None:
    """When a rule of the result's tier says what to do, that replaces the tier's general
    advice; with two such rules, the first in the content's order is shown."""
    rule = urgency_rule(content, rule_id)
    assert rule.action
    result = assess(content, with_answers(calm_answers, **answers))
    assert result.urgency.tier == rule.tier
    assert result.urgency.action.startswith(rule.action)
    assert content.tier_text(rule.tier).action not in result.urgency.action


def test_cold_foot_adds_a_warning_to_the_emergency_advice(
    content: Content, calm_answers: Answers
) -> None:
    """The emergency advice stays, and the cold-foot warning is added after it."""
    result = assess(content, with_answers(calm_answers, cold_foot=["yes"]))
    also = urgency_rule(content, "cold_foot").also
    assert also
    assert result.urgency.action == f"{content.tier_text(Tier.EMERGENCY).action} {also}"


def test_an_added_sentence_is_said_once(content: Content, calm_answers: Answers) -> None:
    """Two rules that add the same sentence ("tell them you have had cancer") add it once."""
    answers = with_answers(
        calm_answers, serious_signs=["cancer"], self_tests=["heel_walk"], leg_nerve=["yes"]
    )
    result = assess(content, answers)
    also = urgency_rule(content, "cancer_weakness").also
    assert also and also == urgency_rule(content, "cancer_numbness").also
    assert result.urgency.tier == Tier.SAME_DAY
    assert result.urgency.action == f"{content.tier_text(Tier.SAME_DAY).action} {also}"


def test_only_the_deciding_tier_adds_its_sentences(content: Content, calm_answers: Answers) -> None:
    """A less urgent rule's added sentence is not shown under a more urgent tier."""
    within_days = assess(content, with_answers(calm_answers, calf_swelling=["not_sure"]))
    also = urgency_rule(content, "calf_unsure").also
    assert also
    assert within_days.urgency.tier == Tier.WITHIN_DAYS
    assert within_days.urgency.action.endswith(also)
    same_day = assess(
        content,
        with_answers(calm_answers, calf_swelling=["not_sure"], injury=["big"], four_steps=["no"]),
    )
    assert same_day.urgency.tier == Tier.SAME_DAY
    assert also not in same_day.urgency.action


# ----- nerve roots ------------------------------------------------------------------------

# A textbook pattern: the places on the root's skin map and its weak muscle.
ROOT_CASES = {
    "L3": {
        "pain_regions": ["front_thigh", "knee"],
        "self_tests": ["chair_rise"],
    },
    "L4": {
        "pain_regions": ["knee", "inner_shin", "inner_ankle"],
        "self_tests": ["heel_walk"],
    },
    "L5": {
        "pain_regions": ["outer_calf", "top_of_foot", "big_toe"],
        "self_tests": ["big_toe"],
    },
    "S1": {
        "pain_regions": ["back_calf", "heel", "sole", "outer_edge"],
        "self_tests": ["toe_walk"],
    },
}
DISCS = {"L3": "L2-L3", "L4": "L3-L4", "L5": "L4-L5", "S1": "L5-S1"}


@pytest.mark.parametrize("root", ROOT_CASES)
def test_classic_root_comes_first(content: Content, calm_answers: Answers, root: str) -> None:
    """A textbook pattern for a root names that root first, with the disc above it, as
    "fairly likely", and says which weak muscle points to it."""
    result = assess(content, with_answers(calm_answers, **ROOT_CASES[root]))
    assert result.spine is not None
    assert result.spine.band in {"likely", "possible"}, result.spine
    assert result.roots, "no root named"
    top = result.roots[0]
    assert top.root == root, result.roots
    assert top.disc == DISCS[root]
    assert top.confidence == "fairly likely"
    assert all(other.points < top.points for other in result.roots[1:]), result.roots
    muscle = next(
        e.why
        for r in content.roots.roots
        if r.id == root
        for e in r.evidence
        if e.motor and ROOT_CASES[root]["self_tests"][0] in (e.when.is_ or [])
    )
    assert any(
        r.conclusion == "root" and r.text == muscle and "self_tests" in r.question_ids
        for r in result.why
    ), result.why


@pytest.mark.parametrize("root", ROOT_CASES)
def test_the_weak_muscle_is_the_first_reason_for_the_root(
    content: Content, calm_answers: Answers, root: str
) -> None:
    """The best clue leads: the result shows only its first few reasons."""
    result = assess(content, with_answers(calm_answers, **ROOT_CASES[root]))
    first = next(r for r in result.why if r.conclusion == "root")
    assert "self_tests" in first.question_ids, [r.text for r in result.why]


def test_skin_areas_alone_name_a_root_only_as_possible(
    content: Content, calm_answers: Answers
) -> None:
    """Every place on the S1 map, with no weak muscle, is at most a "possible" S1."""
    places = ["back_calf", "outer_ankle", "heel", "sole", "outer_edge"]
    answers = with_answers(
        calm_answers, pain_regions=places, pain_travels=["yes"], leg_nerve=["yes"]
    )
    result = assess(content, answers)
    assert result.spine is not None and result.spine.band == "likely"
    assert [r.root for r in result.roots] == ["S1"]
    assert result.roots[0].points >= content.roots.confident_points
    assert result.roots[0].confidence == "possible"
    # The same places with the S1 muscle weak: now "fairly likely".
    weak = assess(content, {**answers, "self_tests": ("toe_walk",)})
    assert [(r.root, r.confidence) for r in weak.roots] == [("S1", "fairly likely")]


def test_a_weak_muscle_outranks_the_skin_map(content: Content, calm_answers: Answers) -> None:
    """Places on the S1 map but a weak big toe (L5's muscle): L5 leads, and S1 is not named."""
    answers = with_answers(
        calm_answers,
        pain_regions=["back_calf", "outer_ankle", "heel", "sole", "outer_edge"],
        pain_travels=["yes"],
        self_tests=["big_toe"],
    )
    result = assess(content, answers)
    assert [r.root for r in result.roots] == ["L5"]
    assert result.roots[0].confidence == "possible"


def test_a_shared_muscle_is_split_by_the_skin_map(content: Content, calm_answers: Answers) -> None:
    """Weak heel walking is L4 or L5; the places decide, and close places name both."""
    weak = with_answers(calm_answers, self_tests=["heel_walk"], pain_travels=["yes"])
    outer = assess(content, {**weak, "pain_regions": ("inner_shin", "outer_calf", "big_toe")})
    assert [r.root for r in outer.roots] == ["L5"]
    both = assess(content, {**weak, "pain_regions": ("inner_shin", "outer_calf")})
    assert sorted(r.root for r in both.roots) == ["L4", "L5"]
    assert all(r.confidence == "possible" for r in both.roots)
    # Root reasons are listed once each, even where two roots share the muscle test.
    texts = [r.text for r in both.why]
    assert len(texts) == len(set(texts))


def test_pain_travelling_below_knee_is_likely(content: Content, calm_answers: Answers) -> None:
    """Sciatica-like answers (travels, leg worse, leg tingling) give the "likely" band."""
    result = assess(content, with_answers(calm_answers, **ROOT_CASES["L5"], pain_travels=["yes"]))
    assert result.spine is not None and result.spine.band == "likely"
    assert result.roots[0].confidence == "fairly likely"


# ----- look-alikes ------------------------------------------------------------------------

LOOK_ALIKE_CASES = {
    "plantar_fasciitis": {"pain_regions": ["heel"], "worse_with": ["first_steps"]},
    "mortons_neuroma": {"pain_regions": ["ball_of_foot"], "worse_with": ["tight_shoes"]},
    "tarsal_tunnel": {
        "pain_regions": ["inner_ankle", "sole"],
        "leg_nerve": ["foot_only"],
        "ankle_tap": ["yes"],
    },
    "neuropathy": {
        "side": ["both"],
        "diabetes": ["yes"],
        "toes_first": ["yes"],
        "pain_regions": ["ball_of_foot", "sole"],
    },
    "peroneal": {
        "foot_drop": ["steady"],
        "leg_vs_back": ["no_back"],
        "self_tests": ["heel_walk"],
        "weakness_new": ["no"],
        "knee_pressure": ["yes"],
        "pain_regions": ["outer_calf", "top_of_foot"],
    },
    "circulation": {"pain_regions": ["back_calf"], "worse_with": ["calf_eased_by_standing"]},
    "clot": {"pain_regions": ["back_calf"], "calf_swelling": ["yes"]},
    "hot_foot": {"pain_regions": ["top_of_foot"], "foot_skin": ["yes"]},
    "broken_bone": {"pain_regions": ["outer_ankle"], "injury": ["minor"], "four_steps": ["no"]},
    "foot_strain": {"pain_regions": ["outer_ankle"], "onset": ["foot_injury"]},
    "hip_or_knee": {"pain_regions": ["knee"], "leg_vs_back": ["no_back"]},
}


@pytest.mark.parametrize("look_alike", LOOK_ALIKE_CASES)
def test_classic_look_alike_is_local(
    content: Content, calm_answers: Answers, look_alike: str
) -> None:
    """A textbook look-alike gives the "local" band, no nerve root, and names it."""
    result = assess(content, with_answers(calm_answers, **LOOK_ALIKE_CASES[look_alike]))
    assert result.spine is not None
    assert result.spine.band == "local", result.spine
    assert result.roots == []
    assert look_alike in {a.id for a in result.look_alikes}
    assert any(r.conclusion == "look_alike" for r in result.why)


def test_tarsal_tunnel_needs_a_tingling_tap_or_night_burning(
    content: Content, calm_answers: Answers
) -> None:
    """Inner ankle and sole pain alone is not named as tarsal tunnel; a tap test that tingles
    or burning at night is what names it."""
    case = {**LOOK_ALIKE_CASES["tarsal_tunnel"], "ankle_tap": ["no"]}
    plain = assess(content, with_answers(calm_answers, **case))
    assert "tarsal_tunnel" not in {a.id for a in plain.look_alikes}
    night = assess(content, with_answers(calm_answers, **case, worse_with=["burning_night"]))
    assert "tarsal_tunnel" in {a.id for a in night.look_alikes}


def test_knee_pressure_without_a_weak_foot_lift_counts_for_nothing(
    content: Content, calm_answers: Answers
) -> None:
    """The knee answer is kept aside when no self-test found a weak foot lift."""
    case = {**LOOK_ALIKE_CASES["peroneal"], "self_tests": ["toe_walk"]}
    result = assess(content, with_answers(calm_answers, **case))
    assert "peroneal" not in {a.id for a in result.look_alikes}


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({}, id="feet-only"),
        pytest.param({"leg_nerve": ["yes"], "pain_regions": ["sole", "back_calf"]}, id="shins"),
        pytest.param({"self_tests": ["toe_walk"], "leg_vs_back": ["leg"]}, id="weak"),
        pytest.param({"duration": ["over_3_months"], "age": ["age_70_plus"]}, id="long-old"),
    ],
)
def test_diabetic_stocking_pattern_is_not_likely_spine(
    content: Content, calm_answers: Answers, extra: dict[str, list[str]]
) -> None:
    """Both feet, toes first, with diabetes: never "most likely from your back"."""
    case = {**LOOK_ALIKE_CASES["neuropathy"], **extra}
    result = assess(content, with_answers(calm_answers, **case))
    assert result.spine is not None
    assert result.spine.band != "likely", result.spine
    assert "neuropathy" in {a.id for a in result.look_alikes}


def test_stenosis_pattern_points_to_the_back(content: Content, calm_answers: Answers) -> None:
    """Two-sided leg pain on walking, eased by sitting, is a spine pattern, not local."""
    answers = with_answers(
        calm_answers,
        side=["both"],
        pain_regions=["back_calf", "front_thigh"],
        age=["age_70_plus"],
        pain_travels=["yes"],
        worse_with=["walk_eased_by_sitting"],
        toes_first=["no"],
        duration=["over_3_months"],
    )
    result = assess(content, answers)
    assert result.spine is not None
    assert result.spine.band in {"likely", "possible"}, result.spine
    assert "stenosis" in {a.id for a in result.look_alikes}
    assert "stenosis_care" in {t.id for t in result.treatments}
    # The walking pattern itself points to the back: without it the score is lower.
    plain = assess(content, {**answers, "worse_with": ("none",)})
    assert plain.spine is not None and plain.spine.score < result.spine.score
    # Under 40 the pattern is not named, and its points do not count.
    young = assess(content, {**answers, "age": ("under_40",)})
    assert "stenosis" not in {a.id for a in young.look_alikes}
    assert young.spine is not None and young.spine.score < result.spine.score


def test_stenosis_blames_no_single_disc(content: Content, calm_answers: Answers) -> None:
    """A root named with the stenosis pattern comes with no disc: the canal is narrow."""
    answers = with_answers(
        calm_answers,
        side=["both"],
        pain_regions=["outer_calf", "top_of_foot", "big_toe"],
        age=["age_60_69"],
        pain_travels=["yes"],
        worse_with=["walk_eased_by_sitting"],
        toes_first=["no"],
        duration=["over_3_months"],
    )
    result = assess(content, answers)
    assert "stenosis" in {a.id for a in result.look_alikes}
    assert [(r.root, r.disc) for r in result.roots] == [("L5", None)]
    disc = assess(content, {**answers, "worse_with": ("cough_sneeze",)})
    assert [(r.root, r.disc) for r in disc.roots] == [("L5", "L4-L5")]
    # The patient's doctor will say "stenosis" here, and "sciatica" once a disc fits better.
    assert not result.sciatica and disc.sciatica
    assert not assess(
        content, with_answers(calm_answers, **LOOK_ALIKE_CASES["plantar_fasciitis"])
    ).sciatica


def test_recent_pain_down_both_legs_is_same_day(content: Content, calm_answers: Answers) -> None:
    """Pain running down both sides that is recent (or of unknown start) means today, with
    the reminder that worse signs are an emergency; once it has lasted, it is not urgent."""
    both = with_answers(calm_answers, side=["both"], pain_travels=["yes"], toes_first=["no"])
    rule = urgency_rule(content, "both_sides_recent")
    for duration in ("under_6_weeks", "not_sure"):
        result = assess(content, {**both, "duration": (duration,)})
        assert result.urgency.tier == Tier.SAME_DAY, duration
        assert rule.also and result.urgency.action.endswith(rule.also)
        assert "safe_wait" in {t.id for t in result.treatments}
    lasting = assess(content, {**both, "duration": ("over_3_months",)})
    assert lasting.urgency.tier == Tier.SOON


# ----- wording and treatments -------------------------------------------------------------


def test_band_titles_hedge(content: Content) -> None:
    """Every band title says "likely" or "Possibly", never a flat statement."""
    for band in content.spine.bands:
        assert "likely" in band.title or "Possibly" in band.title, band.title


def test_diagnosis_pattern_catches_a_diagnosis() -> None:
    """Control: the pattern used below does flag diagnostic phrasing."""
    assert DIAGNOSIS.search("You have plantar fasciitis.")
    assert DIAGNOSIS.search("It is your L5 nerve root.")
    assert DIAGNOSIS.search("This is spinal stenosis.")
    assert DIAGNOSIS.search("You have a blood clot in the leg.")
    assert not DIAGNOSIS.search("This fits spinal stenosis.")
    assert not DIAGNOSIS.search("You have a fever.")


@HYPOTHESIS
@given(data=st.data())
def test_results_never_state_a_diagnosis(content: Content, data: st.DataObject) -> None:
    """No result text says "you have" or "it is" a named condition."""
    result = assess(content, data.draw(any_answers(content)))
    for text in texts(result):
        match = DIAGNOSIS.search(text)
        assert match is None, f"diagnostic phrasing {match.group(0)!r} in: {text}"
    if result.spine:
        assert "likely" in result.spine.title or "Possibly" in result.spine.title


EMERGENCY_CASES = [
    *(pytest.param({flag: ["yes"]}, id=flag) for flag in EMERGENCY_QUESTIONS),
    pytest.param({"serious_signs": ["fever"], "foot_drop": ["new_or_worse"]}, id="fever-weak"),
]


@pytest.mark.parametrize("case", EMERGENCY_CASES)
def test_emergency_gives_no_treatments(
    content: Content, calm_answers: Answers, case: dict[str, list[str]]
) -> None:
    """An emergency result offers no home treatments."""
    result = assess(content, with_answers(calm_answers, **case))
    assert result.is_emergency
    assert result.treatments == []


@HYPOTHESIS
@given(data=st.data())
def test_other_results_give_treatments(content: Content, data: st.DataObject) -> None:
    """Every non-emergency result offers at least one treatment with an https link."""
    result = assess(content, data.draw(no_red_flags(content)))
    assert result.treatments
    for treatment in result.treatments:
        assert treatment.url.startswith("https://"), treatment.url


def test_treatment_reasons_are_about_the_patients_own_answers(
    content: Content, calm_answers: Answers
) -> None:
    """A typical sciatica path (L5 pattern, pain down the leg, a weak big toe) gets reasons that
    name what the patient said, not the same line everyone gets."""
    sciatica = with_answers(
        calm_answers,
        **ROOT_CASES["L5"],
        pain_travels=["yes"],
        leg_vs_back=["leg"],
        leg_nerve=["yes"],
        worse_with=["cough_sneeze"],
        duration=["up_to_3_months"],
    )
    reasons = {t.id: t.fits_because for t in assess(content, sciatica).treatments}
    generic = {t.id: t.fits_because for t in content.treatments}
    assert "cough" in reasons["stay_active"].lower(), reasons
    assert "self-tests felt weak" in reasons["physical_therapy"], reasons
    assert "big toe" in reasons["foot_drop_support"].lower(), reasons
    # The heel-pain patient hears about their heel; the same treatment, another reason.
    heel = with_answers(calm_answers, **LOOK_ALIKE_CASES["plantar_fasciitis"])
    heel_reasons = {t.id: t.fits_because for t in assess(content, heel).treatments}
    assert "first steps" in heel_reasons["footwear"], heel_reasons
    assert heel_reasons["footwear"] != generic["footwear"]
    # Without a matching answer, the treatment's general reason stands.
    calm = {t.id: t.fits_because for t in assess(content, calm_answers).treatments}
    assert calm["pain_relief"] == generic["pain_relief"]
    older = with_answers(calm_answers, age=["age_70_plus"])
    older_reasons = {t.id: t.fits_because for t in assess(content, older).treatments}
    assert "70" in older_reasons["pain_relief"]


def test_every_treatment_reason_is_shown_to_someone(
    content: Content, calm_answers: Answers
) -> None:
    """No reason is dead text: across calm checks with a few answers changed at random, each
    reason tied to answers is shown at least once (it can hold with the treatment's own rule)."""
    rng = random.Random(5)
    safety = set(EMERGENCY_QUESTIONS)
    free = [q for q in content.questions if q.id not in safety]
    shown: set[str] = set()
    for _ in range(3000):
        answers = dict(calm_answers)
        for question in rng.sample(free, rng.randint(1, 6)):
            answers[question.id] = tuple(random_choice(question, rng))
        shown |= {t.fits_because for t in assess(content, answers).treatments}
    never = [f"{t.id}.{f.id}" for t in content.treatments for f in t.fits if f.text not in shown]
    assert not never, never


# Treatments that are for home care, never offered to someone who should be seen today.
HOME_CARE = {
    "stay_active",
    "physical_therapy",
    "stenosis_care",
    "heat_or_ice",
    "footwear",
    "heel_care",
    "neuroma_care",
    "sprain_care",
    "foot_drop_support",
    "walking_plan",
}


@HYPOTHESIS
@given(data=st.data())
def test_same_day_results_say_how_to_stay_safe_until_seen(
    content: Content, data: st.DataObject
) -> None:
    """Whoever should be seen today gets "until you are seen", and no home-care plan; no one
    else gets it."""
    result = assess(content, data.draw(no_red_flags(content)))
    ids = {t.id for t in result.treatments}
    assert f"tier.{result.urgency.tier.value}" in result.findings
    if result.urgency.tier == Tier.SAME_DAY:
        assert "safe_wait" in ids
        assert not ids & HOME_CARE, ids & HOME_CARE
    else:
        assert "safe_wait" not in ids


@HYPOTHESIS
@given(data=st.data())
def test_toes_first_in_both_feet_is_never_likely_spine(
    content: Content, data: st.DataObject
) -> None:
    """Whatever else is answered, the neuropathy pattern caps the band at "possible"."""
    answers = data.draw(no_red_flags(content, side=["both"], toes_first=["yes"]))
    result = assess(content, answers)
    assert result.spine is not None
    assert result.spine.band != "likely"
