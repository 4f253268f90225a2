"""Properties over 30,000 seeded random walks through the quiz.

Every result is checked for the safety invariants (red flags, weakness, serious signs), for
treatments that do not fit the patient or the tier, and for sentences that claim something the
answers deny or do not say. A second property adds one symptom at a time to 1,000 finished
checks and asserts the urgency never drops, and that "I'm not sure" is never less urgent than
"No".
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable

from footquiz.content import get_content
from footquiz.engine import flow
from footquiz.engine.answers import base_findings, effective_answers, holds, visible_questions
from footquiz.engine.assess import assess, emergency_rules_on
from footquiz.engine.diagram import diagram_view
from footquiz.engine.model import Answers, Assessment, Content, Question, Tier

WALKS = 30_000
REPLAYED = 300
MONOTONE_SETS = 1_000
SEED = 20261126

CES = ["saddle_numbness", "bladder_bowel", "sex_problems", "both_legs_pain", "both_legs_weak"]
FOOT = {"inner_ankle", "outer_ankle", "top_of_foot", "big_toe", "all_toes", "ball_of_foot",
        "heel", "sole", "outer_edge", "whole_foot"}  # fmt: skip
LEG = {"buttock", "back_thigh", "front_thigh", "knee", "inner_shin", "outer_calf", "back_calf"}
MOTOR_TESTS = ("heel_walk", "toe_walk", "big_toe", "chair_rise")
SERIOUS = ("fever", "cancer", "weight_loss", "immune", "night_pain")
SAME_DAY_TREATMENTS = {"safe_wait", "pain_relief", "diabetic_foot_care"}
DIAGNOSIS = re.compile(
    r"\b(you have|you've got|you suffer from|it is|it's|this is)\s+(an? |the |your )?"
    r"([\w'-]+\s+){0,2}?(stenosis|neuropathy|neuroma|fasciitis|tarsal tunnel|sciatica|"
    r"thrombosis|gout|fracture|herniat\w*|pinched nerve|cauda equina|L[345]|S1)\b",
    re.IGNORECASE,
)


# ----- walking the quiz --------------------------------------------------------------------


def choose(question: Question, rng: random.Random, calm: float) -> tuple[str, ...]:
    """A random valid answer; safety questions lean to "no" so later questions are reached."""
    ids = [o.id for o in question.options]
    if question.section == "safety" and rng.random() < calm:
        calm_id = "none" if "none" in ids else "no"
        if calm_id in ids:
            return (calm_id,)
    if question.kind == "single":
        return (rng.choice(ids),)
    exclusive = [o.id for o in question.options if o.exclusive]
    if exclusive and rng.random() < 0.2:
        return (rng.choice(exclusive),)
    chosen: set[str] = set()
    plain = [o for o in question.options if not o.exclusive]
    for option in rng.sample(plain, min(len(plain), 1 + int(rng.expovariate(0.7)))):
        if not chosen & set(option.excludes):
            chosen.add(option.id)
    return tuple(i for i in ids if i in chosen)


def walk(content: Content, rng: random.Random) -> Answers:
    """One patient: each shown question in order, until the end or an emergency answer."""
    calm = rng.choice([0.6, 0.85, 0.95])
    answers: Answers = {}
    for question in content.questions:
        if question.show_if is not None and not holds(
            question.show_if, answers, base_findings(content, answers)
        ):
            continue
        answers[question.id] = choose(question, rng, calm)
        if emergency_rules_on(content, answers):
            break
    return answers


def walks(content: Content, count: int, seed: int = SEED) -> list[Answers]:
    """``count`` seeded random walks."""
    rng = random.Random(seed)
    return [walk(content, rng) for _ in range(count)]


def test_walks_follow_the_real_flow(content: Content) -> None:
    """The walker asks exactly what the app's state machine asks, in the same order."""
    for answers in walks(content, REPLAYED, seed=SEED + 1):
        position = flow.start(content)
        for question_id, chosen in answers.items():
            assert position.current == question_id, (position, answers)
            position = flow.answer(content, position, question_id, chosen)
        assert position.done, answers


# ----- what a result may claim ---------------------------------------------------------------


def has(a: Answers, question: str, *options: str) -> bool:
    """Whether the answer to ``question`` includes any of ``options``."""
    return any(o in a.get(question, ()) for o in options)


def places(a: Answers) -> set[str]:
    """The places marked."""
    return set(a.get("pain_regions", ()))


def motor(a: Answers) -> bool:
    """A weak muscle: the weakness question or a failed muscle test."""
    return has(a, "foot_drop", "new_or_worse", "steady") or has(a, "self_tests", *MOTOR_TESTS)


def weak_or_unsteady(a: Answers) -> bool:
    """Weakness of any kind, unsteadiness on the self-tests included."""
    return motor(a) or has(a, "self_tests", "unsteady")


def look(result: Assessment, *ids: str) -> bool:
    """Whether the result names any of these look-alikes."""
    return any(x.id in ids for x in result.look_alikes)


Claim = Callable[[Answers, Assessment], bool]
REGION_WORDS = {
    "front of the thigh": "front_thigh", "front of the knee": "knee",
    "inner side of the shin": "inner_shin", "outer side of the calf": "outer_calf",
    "back of the calf": "back_calf", "inner ankle": "inner_ankle",
    "outer ankle": "outer_ankle", "top of the foot": "top_of_foot", "in the big toe": "big_toe",
    "in the heel": "heel", "in the sole": "sole", "outer edge of the foot": "outer_edge",
}  # fmt: skip
CLAIM_TEXTS: list[tuple[str, Claim]] = [
    (r"as well as your foot", lambda a, r: bool(places(a) & FOOT)),
    (
        r"only in your foot",
        lambda a, r: bool(places(a) & FOOT)
        and not places(a) & LEG
        and has(a, "pain_travels", "no")
        and has(a, "leg_nerve", "no", "foot_only")
        and "not_sure" not in places(a),
    ),
    (r"feel it in your buttock or leg", lambda a, r: bool(places(a) & LEG)),
    (r"buttock or the back of the thigh", lambda a, r: bool(places(a) & {"buttock", "back_thigh"})),
    (r"thigh or knee", lambda a, r: bool(places(a) & {"front_thigh", "knee"})),
    (r"leg bothers you more", lambda a, r: has(a, "leg_vs_back", "leg")),
    (r"no back pain", lambda a, r: has(a, "leg_vs_back", "no_back")),
    (r"you have back pain|your back pain", lambda a, r: has(a, "leg_vs_back", "leg", "foot",
                                                             "same", "back")),
    (r"\bweak\b(?! at fighting)", lambda a, r: weak_or_unsteady(a)),
    (r"(a muscle in|part of) your foot or leg is weak,? and", lambda a, r: motor(a)),
    (r"big toe up is weak", lambda a, r: has(a, "self_tests", "big_toe")),
    (r"on your heels is weak", lambda a, r: has(a, "self_tests", "heel_walk")),
    (r"on your toes is weak", lambda a, r: has(a, "self_tests", "toe_walk")),
    (r"chair on one leg is weak", lambda a, r: has(a, "self_tests", "chair_rise")),
    (r"weak foot lift|front of your foot or your big toe is weak",
     lambda a, r: has(a, "self_tests", "heel_walk", "big_toe")),
    (r"felt unsteady", lambda a, r: weak_or_unsteady(a)),
    (r"could not do the self-tests", lambda a, r: has(a, "self_tests", "unsteady")),
    (r"new or getting worse", lambda a, r: has(a, "foot_drop", "new_or_worse")
     or has(a, "weakness_new", "yes")),
    (r"not sure when it began", lambda a, r: has(a, "weakness_new", "not_sure")),
    (r"fever", lambda a, r: has(a, "serious_signs", "fever")),
    (r"had cancer", lambda a, r: has(a, "serious_signs", "cancer")),
    (r"losing weight", lambda a, r: has(a, "serious_signs", "weight_loss")),
    (r"fighting germs|inject drugs", lambda a, r: has(a, "serious_signs", "immune")),
    (r"thin bones|steroid", lambda a, r: has(a, "serious_signs", "thin_bones")),
    (r"not ease .*at night", lambda a, r: has(a, "serious_signs", "night_pain")),
    (r"both sides|both of your legs|both legs|both feet",
     lambda a, r: has(a, "side", "both") or has(a, "toes_first", "yes")
     or has(a, "both_legs_pain", "yes") or has(a, "both_legs_weak", "yes")),
    (r"in the foot or ankle itself", lambda a, r: look(r, "plantar_fasciitis",
                                                       "mortons_neuroma", "tarsal_tunnel")
     or (r.spine is not None and r.spine.band == "local" and not look(
         r, "circulation", "peroneal", "neuropathy", "clot", "hot_foot", "hip_or_knee"))),
    (r"narrow space|drawn narrow", lambda a, r: look(r, "stenosis")),
    (r"walking or standing brings on|walking brings", lambda a, r: has(
        a, "worse_with", "walk_eased_by_sitting")),
    (r"first steps", lambda a, r: has(a, "worse_with", "first_steps")),
    (r"tight shoes", lambda a, r: has(a, "worse_with", "tight_shoes")),
    (r"coughing or sneezing", lambda a, r: has(a, "worse_with", "cough_sneeze")),
    (r"sitting makes it worse", lambda a, r: has(a, "worse_with", "sitting_worse")),
    (r"stand still", lambda a, r: has(a, "worse_with", "calf_eased_by_standing")),
    (r"heel or sole burns", lambda a, r: has(a, "worse_with", "burning_night")
     or has(a, "ankle_tap", "yes")),
    (r"lifted, bent or twisted|began suddenly", lambda a, r: has(a, "onset", "sudden_lift")),
    (r"knock, a sprain, new shoes", lambda a, r: has(a, "onset", "foot_injury")),
    (r"you have diabetes", lambda a, r: has(a, "diabetes", "yes")),
    (r"toes of both feet", lambda a, r: has(a, "toes_first", "yes")),
    (r"pressure on the knee", lambda a, r: has(a, "knee_pressure", "yes")),
    (r"70 or older", lambda a, r: has(a, "age", "age_70_plus")),
    (r"50 or older", lambda a, r: has(a, "age", "age_50_59", "age_60_69", "age_70_plus")),
    (r"fall or injury|big injury|since the injury", lambda a, r: has(a, "injury", "big", "minor")),
    (r"you had a big injury", lambda a, r: has(a, "injury", "big")),
    (r"you cannot take 4 steps", lambda a, r: has(a, "four_steps", "no")),
    (r"not sure you can take 4 steps", lambda a, r: has(a, "four_steps", "not_sure")),
    (r"hurts a lot when you press", lambda a, r: has(a, "bone_tender", "yes")),
    (r"not sure if pressing on a bone", lambda a, r: has(a, "bone_tender", "not_sure")),
    (r"^one calf is swollen|your calf is swollen", lambda a, r: has(a, "calf_swelling", "yes")),
    (r"not sure if one calf", lambda a, r: has(a, "calf_swelling", "not_sure")),
    (r"^your foot is hot", lambda a, r: has(a, "foot_skin", "yes")),
    (r"foot is hot, red or swollen, or has a wound", lambda a, r: has(a, "foot_skin", "yes")),
    (r"not sure if your foot is hot", lambda a, r: has(a, "foot_skin", "not_sure")),
    (r"cold, pale", lambda a, r: has(a, "cold_foot", "yes", "not_sure")),
    (r"numb, tingles or burns|pins and needles or burning in your leg",
     lambda a, r: has(a, "leg_nerve", "yes")),
    (r"pain runs|runs from your back or buttock", lambda a, r: has(a, "pain_travels", "yes")),
    (r"more than 6 weeks", lambda a, r: has(a, "duration", "up_to_3_months", "over_3_months")),
    (r"more than 3 months", lambda a, r: has(a, "duration", "over_3_months")),
    (r"should be seen today", lambda a, r: r.urgency.tier == Tier.SAME_DAY),
    (r"may come from your back", lambda a, r: r.spine is not None
     and r.spine.band != "local"),
    (r"most likely comes from a nerve", lambda a, r: r.spine is not None
     and r.spine.band == "likely"),
    (r"none of the warning signs", lambda a, r: all(
        set(chosen) <= {"no", "none"} or (q == "injury" and chosen == ("minor",))
        or (q == "four_steps" and chosen == ("yes",))
        for q, chosen in a.items() if q in SAFETY)),
]  # fmt: skip
CLAIMS = [(re.compile(p, re.IGNORECASE), claim) for p, claim in CLAIM_TEXTS]
SAFETY = {q.id for q in get_content().questions if q.section == "safety"}


def claims_made(answers: Answers, result: Assessment, view_facts: list[str]) -> list[str]:
    """The sentences of this result that claim what the answers deny or do not say."""
    texts = [r.text for r in result.why if r.conclusion != "look_alike"]
    texts += [result.urgency.action] + [t.fits_because for t in result.treatments]
    texts += view_facts
    # "If it turns cold, call..." is advice for later, not a claim about the patient.
    sentences = [s for t in texts for s in re.split(r"(?<=\.) ", t) if not s.startswith("If ")]
    wrong = []
    for text in sentences:
        for pattern, holds_for in CLAIMS:
            if pattern.search(text) and not holds_for(answers, result):
                wrong.append(f"{pattern.pattern!r} in {text!r}")
        if text.startswith("You feel it"):
            for words, region in REGION_WORDS.items():
                if words in text and region not in places(answers):
                    wrong.append(f"{region} not marked: {text!r}")
    return wrong


# ----- the invariants ------------------------------------------------------------------------


def problems(content: Content, answers: Answers) -> tuple[Assessment, list[str]]:
    """The result for these answers, and everything wrong with it (empty when it is sound)."""
    a = effective_answers(content, answers)
    r = assess(content, a)
    tier, treat = r.urgency.tier, {t.id for t in r.treatments}
    found: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            found.append(what)

    red_flag = any(has(a, q, "yes") for q in [*CES, "cold_foot"])
    new_weak = has(a, "foot_drop", "new_or_worse") or has(a, "weakness_new", "yes")
    fever_weak = has(a, "serious_signs", "fever") and new_weak
    diabetic_foot_fever = has(a, "foot_skin", "yes") and has(a, "diabetes", "yes")
    diabetic_foot_fever = diabetic_foot_fever and has(a, "serious_signs", "fever")
    check(
        r.is_emergency == (red_flag or fever_weak or diabetic_foot_fever),
        "emergency iff a red flag",
    )
    view = diagram_view(content, a, r)
    if r.is_emergency:
        check(not (r.treatments or r.spine or r.roots or r.look_alikes), "emergency extras")
        check(view.emergency and not view.facts, "emergency drawing")
        return r, found
    check(bool(r.get_help_sooner), "no safety net")
    check(bool(r.treatments), "no treatment")
    if any(has(a, q, "not_sure") for q in CES):
        check(tier.rank <= Tier.SAME_DAY.rank, "unsure cauda equina below same day")
        check("emergency department" in r.urgency.action, "unsure cauda equina: GP route")
    if (
        new_weak
        or has(a, "calf_swelling", "yes")
        or has(a, "four_steps", "no", "not_sure")
        or has(a, "bone_tender", "yes")
    ):
        check(tier.rank <= Tier.SAME_DAY.rank, "new weakness, clot or broken bone below same day")
    if has(a, "four_steps", "no", "not_sure") or has(a, "bone_tender", "yes"):
        check(look(r, "broken_bone") and not look(r, "foot_strain"), "Ottawa positive: no bone")
    if has(a, "bone_tender", "not_sure"):
        check(tier.rank <= Tier.WITHIN_DAYS.rank, "unsure bone tenderness below 1-2 days")
    if has(a, "foot_skin", "yes") and (
        has(a, "diabetes", "yes") or has(a, "serious_signs", "fever")
    ):
        check(tier.rank <= Tier.SAME_DAY.rank, "hot foot with diabetes or fever below same day")
    if has(a, "serious_signs", "cancer") and (
        weak_or_unsteady(a)
        or has(a, "leg_nerve", "yes")
        or has(a, "pain_travels", "yes")
        or has(a, "worse_with", "cough_sneeze")
    ):
        check(tier.rank <= Tier.SAME_DAY.rank, "cancer with nerve signs below same day")
        check("had cancer" in r.urgency.action, "cancer not named in the action")
    if has(a, "serious_signs", "fever") and (
        has(a, "serious_signs", "immune") or has(a, "side", "both")
    ):
        check(tier.rank <= Tier.SAME_DAY.rank, "fever combination below same day")
    if has(a, "injury", "big") and has(a, "leg_vs_back", "leg", "foot", "same", "back"):
        check(tier.rank <= Tier.SAME_DAY.rank, "big injury with back pain below same day")
    if (
        has(a, "serious_signs", *SERIOUS)
        or has(a, "injury", "big")
        or has(a, "foot_skin", "yes", "not_sure")
    ):
        check(tier.rank <= Tier.WITHIN_DAYS.rank, "serious sign below 1-2 days")
    if weak_or_unsteady(a):
        check(tier.rank <= Tier.SOON.rank, "weakness below 1-2 weeks")
    if has(a, "diabetes", "yes"):
        check(tier != Tier.SELF_CARE, "diabetes given self-care")
    band = r.spine.band if r.spine else None
    leg = bool(places(a) & LEG) or has(a, "pain_travels", "yes") or has(a, "leg_nerve", "yes")
    if not leg and not motor(a):
        check(band != "likely", "foot-only picture called likely spine")
    check(band != "local" or not r.roots, "root named with a local band")
    check(all(x.confidence == "possible" for x in r.roots) or motor(a), "skin-only root sure")
    if look(r, "stenosis"):
        check(leg and has(a, "worse_with", "walk_eased_by_sitting"), "stenosis without legs")
        check(not has(a, "age", "under_40"), "stenosis under 40")
        check(all(x.disc is None for x in r.roots), "disc blamed on a stenosis result")
    check(not (view.stenosis and view.local), "narrow canal drawn on a local result")
    if look(r, "spine_infection"):
        check(has(a, "serious_signs", "fever") and has(a, "serious_signs", "immune"), "infection")
    if look(r, "spine_cancer"):
        check(has(a, "serious_signs", "cancer"), "spine cancer without cancer")
    if look(r, "spine_infection", "spine_cancer"):
        check(tier.rank <= Tier.SAME_DAY.rank, "a serious spine cause below same day")
    if look(r, "broken_bone"):
        check(
            has(a, "four_steps", "no", "not_sure") or has(a, "bone_tender", "yes", "not_sure"),
            "broken bone without an Ottawa answer",
        )
    if look(r, "peroneal"):
        check(has(a, "self_tests", "heel_walk", "big_toe"), "peroneal without foot-lift weakness")
    if tier == Tier.SAME_DAY:
        check(treat <= SAME_DAY_TREATMENTS, f"elective treatments today: {treat}")
    if "specialist_options" in treat:
        check(
            tier in (Tier.ROUTINE, Tier.SOON)
            and not look(r, "stenosis")
            and not has(a, "serious_signs", *SERIOUS, "thin_bones"),
            "epidural misfit",
        )
    if "stay_active" in treat:
        check(not has(a, "injury", "big", "minor"), "keep moving after an injury")
    if "heat_or_ice" in treat:
        check(
            not (
                has(a, "diabetes", "yes")
                or has(a, "leg_nerve", "yes", "foot_only")
                or look(r, "circulation", "neuropathy", "clot", "hot_foot")
            ),
            "heat misfit",
        )
    if "foot_drop_support" in treat:
        check(has(a, "self_tests", "heel_walk", "big_toe"), "brace without foot-lift weakness")
    if "stenosis_care" in treat:
        check(band != "local", "stenosis care on a local result")
    for text in [r.urgency.action, *(x.text for x in r.why), *r.get_help_sooner]:
        check(DIAGNOSIS.search(text) is None, f"diagnosis wording: {text}")
    found += claims_made(a, r, [f.text for f in view.facts])
    return r, found


def test_no_result_breaks_a_safety_rule_or_contradicts_its_answers(content: Content) -> None:
    """30,000 random patients: every invariant holds and no sentence contradicts the answers.

    Every urgency rule, look-alike and treatment also holds at least once, so none is dead.
    """
    failures: Counter[str] = Counter()
    examples: dict[str, Answers] = {}
    fired: set[str] = set()
    for answers in walks(content, WALKS):
        result, found = problems(content, answers)
        for problem in found:
            failures[problem] += 1
            examples.setdefault(problem, answers)
        fired |= {f"look_alike.{x.id}" for x in result.look_alikes}
        fired |= {f"treatment.{t.id}" for t in result.treatments}
        facts = set(result.findings)  # an emergency result lists its rules as "urgency.ID"
        fired |= {f"rule.{u.id}" for u in content.urgency if holds(u.when, answers, facts)}
        fired |= {f"rule.{f.removeprefix('urgency.')}" for f in facts if f.startswith("urgency.")}
    report = "\n".join(f"{n} x {p}\n   e.g. {examples[p]}" for p, n in failures.most_common(8))
    assert not failures, report
    expected = {f"look_alike.{x.id}" for x in content.look_alikes}
    expected |= {f"treatment.{t.id}" for t in content.treatments}
    expected |= {f"rule.{u.id}" for u in content.urgency}
    assert expected <= fired, sorted(expected - fired)


def test_the_checker_catches_a_contradiction(content: Content) -> None:
    """Control: a sentence that claims an unchosen sign is reported."""
    answers = walks(content, 1)[0]
    result = assess(content, answers)
    assert claims_made({**answers, "serious_signs": ("none",)}, result, ["You have a fever."])


# ----- monotonicity: a new symptom never makes the result less urgent ------------------------

MORE: dict[str, dict[str, list[str]]] = {
    "foot_drop": {"no": ["steady", "new_or_worse", "not_sure"], "steady": ["new_or_worse"],
                  "not_sure": ["steady", "new_or_worse"]},
    "injury": {"no": ["minor", "big"], "minor": ["big"]},
    "side": {"left": ["both"], "right": ["both"]},
    "leg_nerve": {"no": ["foot_only", "yes", "not_sure"], "foot_only": ["yes"],
                  "not_sure": ["yes"]},
    "four_steps": {"yes": ["no", "not_sure"]},
}  # fmt: skip
YES_NO = {"no": ["yes", "not_sure"], "not_sure": ["yes"]}


def more_symptoms(question: Question, chosen: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Answers that say everything ``chosen`` says and one symptom more (or "not sure")."""
    if question.kind == "multiple":
        if any(question.option(c).unsure for c in chosen):  # type: ignore[union-attr]
            return []
        base = () if any(question.option(c).exclusive for c in chosen) else chosen  # type: ignore[union-attr]
        out = []
        for option in question.options:
            if option.exclusive or option.unsure or option.id in base:
                continue
            if set(option.excludes) & set(base):
                continue
            out.append(tuple(o.id for o in question.options if o.id in {*base, option.id}))
        return out
    ids = {o.id for o in question.options}
    table = MORE.get(question.id, YES_NO if {"yes", "no", "not_sure"} <= ids else {})
    return [(x,) for x in table.get(chosen[0], [])]


def completions(content: Content, answers: Answers) -> list[Answers]:
    """Every way to answer the questions a change has newly shown (at most 64)."""
    done = [dict(answers)]
    for _ in range(6):
        grown = []
        for a in done:
            missing = [q for q in visible_questions(content, a) if q.id not in a]
            if not missing:
                grown.append(a)
                continue
            question = missing[0]
            grown += [{**a, question.id: (o.id,)} for o in question.options][
                : 64 // max(1, len(done))
            ]
        if grown == done:
            break
        done = grown
    return done


def test_a_new_symptom_never_lowers_the_urgency(content: Content) -> None:
    """Adding a place, sign or "not sure" to 1,000 finished checks never lowers the tier."""
    drops: list[str] = []
    checked = 0
    finished = walks(content, 4 * MONOTONE_SETS, SEED + 2)
    finished = [a for a in finished if not assess(content, a).is_emergency][:MONOTONE_SETS]
    assert len(finished) == MONOTONE_SETS
    for answers in finished:
        before = assess(content, answers).urgency.tier
        for question in visible_questions(content, answers):
            for more in more_symptoms(question, answers[question.id]):
                changed = {**answers, question.id: more}
                for after_answers in completions(content, effective_answers(content, changed)):
                    after = assess(content, after_answers).urgency.tier
                    checked += 1
                    if after.rank > before.rank and len(drops) < 5:
                        drops.append(
                            f"{question.id}: {answers[question.id]} -> {more}:"
                            f" {before.value} -> {after.value} in {after_answers}"
                        )
    assert checked > 20_000
    assert not drops, "\n".join(drops)


def test_a_more_urgent_flip_is_detected(content: Content) -> None:
    """Control: "no" -> "yes" on a red flag is among the changes tried."""
    question = content.question("saddle_numbness")
    assert question is not None
    assert ("yes",) in more_symptoms(question, ("no",))
    worse_with = content.question("worse_with")
    assert worse_with is not None
    grown = more_symptoms(worse_with, ("sitting_worse",))
    assert ("sitting_worse", "walk_eased_by_sitting") not in grown
    assert any("cough_sneeze" in g for g in grown)
