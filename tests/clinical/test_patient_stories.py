"""An independent audit: noisy textbook patients, played tap by tap through the real flow.

Each story is what a typical patient with that condition would tap, including the noise real
patients add ("not sure" answers, a second place marked, a little back ache, both feet for
neuropathy or stenosis). The expected urgency tier, "is it the spine" band, top nerve root and
look-alikes come from the clinical brief; each story names the source tags it rests on.
Played with `patients.play`, as tests/clinical/test_vignettes.py is: an unmentioned question
gets the calm answer, and a story the quiz never lets the patient tell fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from patients import play

from footquiz.engine.assess import assess
from footquiz.engine.diagram import diagram_view
from footquiz.engine.model import Answers, Content, Tier

E, SD, WD, SOON, ROUT, SELF = (
    Tier.EMERGENCY,
    Tier.SAME_DAY,
    Tier.WITHIN_DAYS,
    Tier.SOON,
    Tier.ROUTINE,
    Tier.SELF_CARE,
)
SPINE = "spine"
"""Band "possible" or "likely": the result points at the back."""
ANY = "any"


@dataclass(frozen=True)
class Story:
    """A patient, their taps, and what the brief says a careful clinician would conclude."""

    story: str
    answers: dict[str, list[str]]
    tiers: tuple[Tier, ...]
    band: str | None = ANY
    root: str | None = ANY
    look_alikes: set[str] = field(default_factory=set)
    not_look_alikes: set[str] = field(default_factory=set)
    sources: tuple[str, ...] = ()


SCI = {"pain_travels": ["yes"], "leg_vs_back": ["leg"], "leg_nerve": ["yes"]}

STORIES: dict[str, Story] = {
    # ----- nerve roots ------------------------------------------------------------------------
    "L5 sciatica, weak big toe for weeks": Story(
        "41, lifted a sofa 7 weeks ago; buttock to outer calf to top of foot and big toe; big-toe "
        "lift weak for a month, unchanged; coughing jolts it.",
        {
            **SCI,
            "pain_regions": ["buttock", "outer_calf", "top_of_foot", "big_toe"],
            "self_tests": ["big_toe"],
            "weakness_new": ["no"],
            "worse_with": ["cough_sneeze"],
            "onset": ["sudden_lift"],
            "duration": ["up_to_3_months"],
        },
        (SOON,),
        "likely",
        "L5",
        sources=("HAR", "MRCS", "TAWA", "STY", "MED"),
    ),
    "L5 sciatica, new foot drop": Story(
        "47, sciatica for 3 weeks; since two days the toes catch on the stairs.",
        {
            **SCI,
            "foot_drop": ["new_or_worse"],
            "pain_regions": ["back_thigh", "outer_calf", "top_of_foot"],
            "self_tests": ["heel_walk", "big_toe"],
            "onset": ["sudden_lift"],
        },
        (SD,),
        "likely",
        "L5",
        sources=("CKS", "NHSW", "SH", "MRCS"),
    ),
    "L5 with noise: heel too, self-tests not tried": Story(
        "36, pain from the back down the outer calf to the big toe, also a sore heel; did not "
        "try the tests; back and leg about the same.",
        {
            "pain_travels": ["yes"],
            "leg_vs_back": ["same"],
            "leg_nerve": ["yes"],
            "pain_regions": ["outer_calf", "top_of_foot", "big_toe", "heel"],
            "ankle_tap": ["no"],
            "self_tests": ["skipped"],
            "age": ["under_40"],
        },
        (ROUT,),
        SPINE,
        "L5",
        sources=("HAR", "STY", "TAWA"),
    ),
    "S1 sciatica, weak tip-toe, steady": Story(
        "39, back of thigh and calf to the heel and little toe; cannot rise on tip-toe on that "
        "side for 3 weeks; sitting worse.",
        {
            **SCI,
            "pain_regions": ["back_thigh", "back_calf", "heel", "outer_edge"],
            "ankle_tap": ["no"],
            "self_tests": ["toe_walk"],
            "weakness_new": ["no"],
            "worse_with": ["sitting_worse", "cough_sneeze"],
            "age": ["under_40"],
        },
        (SOON,),
        "likely",
        "S1",
        sources=("HAR", "MRCS", "TAWA"),
    ),
    "S1 sensory only, unsure if sole tingles in the leg": Story(
        "44, pain from the buttock down the back of the leg to the sole; numb outer foot; "
        "strength fine; not sure whether the tingling is in the leg.",
        {
            "pain_travels": ["yes"],
            "leg_vs_back": ["leg"],
            "leg_nerve": ["not_sure"],
            "pain_regions": ["buttock", "back_calf", "sole", "outer_edge"],
            "ankle_tap": ["no"],
        },
        (ROUT, SOON),
        SPINE,
        "S1",
        sources=("HAR", "STY"),
    ),
    "L4 to the inner shin": Story(
        "55, pain from the back over the knee down the inner shin to the inner ankle; heel "
        "walking weak for weeks.",
        {
            **SCI,
            "pain_regions": ["knee", "inner_shin", "inner_ankle"],
            "ankle_tap": ["no"],
            "self_tests": ["heel_walk"],
            "weakness_new": ["no"],
            "age": ["age_50_59"],
            "duration": ["up_to_3_months"],
        },
        (SOON,),
        "likely",
        "L4",
        sources=("HAR", "MRCS", "SH34"),
    ),
    "L4 without weakness": Story(
        "52, inner shin and inner ankle tingle, pain from the back past the knee, strong.",
        {
            **SCI,
            "pain_regions": ["knee", "inner_shin", "inner_ankle"],
            "ankle_tap": ["no"],
            "age": ["age_50_59"],
            "duration": ["up_to_3_months"],
        },
        (SOON,),
        SPINE,
        "L4",
        sources=("HAR", "SH34"),
    ),
    "L3 to the front of the thigh": Story(
        "63, burning front of the thigh to the knee, back ache as bad; getting up from a chair "
        "on that leg weak for a month.",
        {
            "pain_travels": ["no"],
            "leg_vs_back": ["same"],
            "leg_nerve": ["yes"],
            "pain_regions": ["front_thigh", "knee"],
            "self_tests": ["chair_rise"],
            "weakness_new": ["no"],
            "age": ["age_60_69"],
            "duration": ["up_to_3_months"],
        },
        (SOON,),
        SPINE,
        "L3",
        sources=("HAR", "SH34", "MRCS"),
    ),
    "L3 numb thigh, no weakness": Story(
        "58, numb burning front of the thigh, back pain the same; strength normal.",
        {
            "leg_vs_back": ["same"],
            "leg_nerve": ["yes"],
            "pain_regions": ["front_thigh"],
            "age": ["age_50_59"],
            "duration": ["up_to_3_months"],
        },
        (SOON,),
        SPINE,
        "L3",
        sources=("HAR", "SH34"),
    ),
    # ----- emergencies ------------------------------------------------------------------------
    "cauda equina: saddle numbness": Story(
        "50, sciatica, now cannot feel the toilet paper.",
        {"saddle_numbness": ["yes"]},
        (E,),
        None,
        None,
        sources=("GIRFT", "NHSW", "CKS"),
    ),
    "cauda equina: cannot pee": Story(
        "44, back pain and cannot start to pee since this morning.",
        {"bladder_bowel": ["yes"]},
        (E,),
        None,
        None,
        sources=("GIRFT", "CKS"),
    ),
    "bilateral sciatica, new": Story(
        "38, nerve pain started down both legs this week.",
        {"both_legs_pain": ["yes"]},
        (E,),
        None,
        None,
        sources=("GIRFT", "CKS"),
    ),
    "both legs getting weaker": Story(
        "60, both legs numb and weaker day by day.",
        {"both_legs_weak": ["yes"]},
        (E,),
        None,
        None,
        sources=("GIRFT", "CKS", "NHSW"),
    ),
    "unsure about bladder": Story(
        "52, sciatica, not sure if peeing is different.",
        {"bladder_bowel": ["not_sure"], **SCI, "pain_regions": ["back_calf", "sole"]},
        (SD,),
        sources=("GIRFT", "CKS"),
    ),
    "cold pale foot": Story(
        "78, foot suddenly cold, white and numb an hour ago.",
        {"cold_foot": ["yes"]},
        (E,),
        None,
        None,
        sources=("CG147",),
    ),
    "fever and new weakness": Story(
        "35, injects drugs, fever, back pain, leg weak since yesterday.",
        {"foot_drop": ["new_or_worse"], "serious_signs": ["fever", "immune"]},
        (E,),
        None,
        None,
        sources=("CKS",),
    ),
    # ----- same day ---------------------------------------------------------------------------
    "one swollen calf": Story(
        "58, after a long flight one calf swollen, warm and sore.",
        {"calf_swelling": ["yes"], "pain_regions": ["back_calf"], "age": ["age_50_59"]},
        (SD,),
        "local",
        None,
        {"clot"},
        sources=("NG158",),
    ),
    "hot red swollen diabetic foot (Charcot)": Story(
        "61, diabetes, numb feet, now the right foot is hot, red and swollen, hardly hurts.",
        {
            "foot_skin": ["yes"],
            "diabetes": ["yes"],
            "pain_regions": ["top_of_foot", "whole_foot"],
            "leg_nerve": ["foot_only"],
            "toes_first": ["yes"],
            "age": ["age_60_69"],
            "duration": ["up_to_3_months"],
        },
        (SD,),
        "local",
        None,
        {"hot_foot", "neuropathy"},
        sources=("NG19", "MAYO"),
    ),
    "diabetic foot ulcer, not sure about toes": Story(
        "70, diabetes, a sore on the sole that will not heal.",
        {
            "foot_skin": ["yes"],
            "diabetes": ["yes"],
            "pain_regions": ["sole"],
            "ankle_tap": ["not_sure"],
            "toes_first": ["not_sure"],
            "age": ["age_70_plus"],
        },
        (SD,),
        "local",
        None,
        {"hot_foot"},
        sources=("NG19",),
    ),
    "injured ankle, cannot take 4 steps": Story(
        "24, twisted the ankle playing football; cannot take 4 steps.",
        {
            "injury": ["minor"],
            "four_steps": ["no"],
            "pain_regions": ["outer_ankle", "outer_edge"],
            "onset": ["foot_injury"],
            "self_tests": ["skipped"],
            "age": ["under_40"],
        },
        (SD,),
        "local",
        None,
        {"broken_bone"},
        sources=("OTT",),
    ),
    "cancer, new back pain, weak foot": Story(
        "67, breast cancer 4 years ago; new back pain and the foot has felt weak for 3 weeks.",
        {
            "serious_signs": ["cancer"],
            "foot_drop": ["steady"],
            "leg_vs_back": ["back"],
            "pain_regions": ["outer_calf", "top_of_foot"],
            "leg_nerve": ["yes"],
            "self_tests": ["heel_walk"],
            "weakness_new": ["no"],
            "age": ["age_60_69"],
        },
        (SD,),
        sources=("NG234", "CKS"),
    ),
    "fever, injects drugs, back pain": Story(
        "33, injects drugs, fever and shivers, back pain with pain into the leg.",
        {
            "serious_signs": ["fever", "immune"],
            "leg_vs_back": ["back"],
            "pain_travels": ["yes"],
            "pain_regions": ["back_thigh", "back_calf"],
            "age": ["under_40"],
        },
        (SD,),
        sources=("CKS",),
    ),
    "elderly fall, back pain": Story(
        "79, tripped on a rug; back pain since, ache into the heel.",
        {
            "injury": ["minor"],
            "four_steps": ["yes"],
            "leg_vs_back": ["back"],
            "pain_regions": ["heel"],
            "ankle_tap": ["no"],
            "age": ["age_70_plus"],
        },
        (SD,),
        sources=("OTT", "CKS"),
    ),
    # ----- within days / soon -----------------------------------------------------------------
    "gout: hot red big toe": Story(
        "52, big toe joint suddenly red, hot and swollen overnight.",
        {
            "foot_skin": ["yes"],
            "pain_regions": ["big_toe"],
            "onset": ["not_sure"],
            "age": ["age_50_59"],
        },
        (WD,),
        "local",
        None,
        {"hot_foot"},
        sources=("NG19",),
    ),
    "vascular claudication": Story(
        "71, smoker; calf cramps after 100 m, goes when he stands still.",
        {
            "pain_regions": ["back_calf"],
            "worse_with": ["calf_eased_by_standing"],
            "duration": ["over_3_months"],
            "age": ["age_70_plus"],
        },
        (SOON,),
        "local",
        None,
        {"circulation"},
        {"stenosis"},
        sources=("NAD", "CG147"),
    ),
    "peroneal palsy, no knee pressure recalled": Story(
        "29, foot slaps for 3 weeks, numb top of the foot, no back pain, no leg pain, cannot "
        "recall pressing on the knee.",
        {
            "foot_drop": ["steady"],
            "pain_regions": ["top_of_foot"],
            "self_tests": ["heel_walk", "big_toe"],
            "weakness_new": ["no"],
            "knee_pressure": ["not_sure"],
            "age": ["under_40"],
        },
        (SOON,),
        "local",
        None,
        {"peroneal"},
        sources=("PER", "PER2", "SH"),
    ),
    "peroneal palsy after a cast": Story(
        "45, below-knee cast removed 2 weeks ago; foot drop since, no back pain.",
        {
            "foot_drop": ["steady"],
            "pain_regions": ["weakness_only"],
            "self_tests": ["heel_walk", "big_toe"],
            "weakness_new": ["no"],
            "knee_pressure": ["yes"],
        },
        (SOON,),
        "local",
        None,
        {"peroneal"},
        sources=("PER", "PER2"),
    ),
    "peroneal palsy, new, weight loss and leg crossing": Story(
        "34, lost 20 kg, crosses legs; since last week the toes catch; numb outer calf.",
        {
            "foot_drop": ["new_or_worse"],
            "pain_regions": ["outer_calf", "top_of_foot"],
            "self_tests": ["heel_walk", "big_toe"],
            "knee_pressure": ["yes"],
            "age": ["under_40"],
        },
        (SD,),
        "local",
        None,
        {"peroneal"},
        sources=("PER", "PER2", "CKS"),
    ),
    "spinal stenosis, 74, both legs": Story(
        "74, both legs heavy on walking, must sit after 5 minutes, better leaning on a trolley; "
        "not sure if it runs past the knee; 2 years.",
        {
            "side": ["both"],
            "pain_regions": ["buttock", "back_thigh", "back_calf"],
            "pain_travels": ["not_sure"],
            "leg_vs_back": ["same"],
            "leg_nerve": ["no"],
            "worse_with": ["walk_eased_by_sitting"],
            "toes_first": ["no"],
            "duration": ["over_3_months"],
            "age": ["age_70_plus"],
        },
        (ROUT, SOON),
        "likely",
        ANY,
        {"stenosis"},
        {"circulation"},
        ("SURI", "MSD", "NAD"),
    ),
    "spinal stenosis with diabetes, 68": Story(
        "68, diabetes; tingling legs and feet on walking, eased by sitting; both sides; "
        "toes did not start first.",
        {
            "side": ["both"],
            "pain_regions": ["back_calf", "sole", "all_toes"],
            "pain_travels": ["yes"],
            "leg_vs_back": ["same"],
            "leg_nerve": ["yes"],
            "ankle_tap": ["no"],
            "worse_with": ["walk_eased_by_sitting"],
            "diabetes": ["yes"],
            "toes_first": ["no"],
            "duration": ["over_3_months"],
            "age": ["age_60_69"],
        },
        (SOON,),
        "likely",
        ANY,
        {"stenosis"},
        sources=("SURI", "MSD", "NG19"),
    ),
    "diabetic neuropathy reaching the shins": Story(
        "66, diabetes 15 years; burning numb toes of both feet for 2 years, now up to the shins.",
        {
            "side": ["both"],
            "pain_regions": ["all_toes", "sole", "whole_foot"],
            "leg_nerve": ["yes"],
            "ankle_tap": ["no"],
            "worse_with": ["burning_night"],
            "diabetes": ["yes"],
            "toes_first": ["yes"],
            "duration": ["over_3_months"],
            "age": ["age_60_69"],
        },
        (SOON,),
        ANY,
        None,
        {"neuropathy"},
        sources=("MAYO", "NG19"),
    ),
    "diabetic neuropathy, not sure how it started": Story(
        "72, diabetes; both feet numb and burning at the toes and soles for years.",
        {
            "side": ["both"],
            "pain_regions": ["all_toes", "sole"],
            "leg_nerve": ["foot_only"],
            "ankle_tap": ["no"],
            "diabetes": ["yes"],
            "toes_first": ["not_sure"],
            "duration": ["over_3_months"],
            "age": ["age_70_plus"],
        },
        (ROUT, SOON),
        "local",
        None,
        {"neuropathy"},
        sources=("MAYO", "NG19"),
    ),
    "neuropathy without diabetes": Story(
        "64, drinks heavily; toes of both feet tingle, creeping up for a year.",
        {
            "side": ["both"],
            "pain_regions": ["all_toes"],
            "leg_nerve": ["foot_only"],
            "toes_first": ["yes"],
            "duration": ["over_3_months"],
            "age": ["age_60_69"],
        },
        (ROUT,),
        "local",
        None,
        {"neuropathy"},
        sources=("MAYO",),
    ),
    # ----- the foot itself --------------------------------------------------------------------
    "plantar fasciitis": Story(
        "45, sharp heel pain on the first steps each morning for 2 months.",
        {
            "pain_regions": ["heel"],
            "ankle_tap": ["no"],
            "worse_with": ["first_steps"],
            "duration": ["up_to_3_months"],
        },
        (SELF, ROUT),
        "local",
        None,
        {"plantar_fasciitis"},
        {"stenosis"},
        ("PF",),
    ),
    "plantar fasciitis, 56, some back ache": Story(
        "56, heel and sole pain on first steps for 3 weeks; an old mild back ache, not sure if "
        "anything runs down the leg.",
        {
            "pain_regions": ["heel", "sole"],
            "ankle_tap": ["no"],
            "worse_with": ["first_steps"],
            "pain_travels": ["not_sure"],
            "leg_vs_back": ["foot"],
            "age": ["age_50_59"],
        },
        (SELF, ROUT),
        "local",
        None,
        {"plantar_fasciitis"},
        sources=("PF", "SH"),
    ),
    "Morton's neuroma": Story(
        "48, burning between the 3rd and 4th toes, pebble in the shoe, better with shoes off.",
        {
            "pain_regions": ["ball_of_foot"],
            "leg_nerve": ["foot_only"],
            "worse_with": ["tight_shoes"],
        },
        (SELF, ROUT),
        "local",
        None,
        {"mortons_neuroma"},
        sources=("NHSMN",),
    ),
    "Morton's neuroma, also worse walking": Story(
        "53, forefoot burning worse in heels and on long walks, better sitting.",
        {
            "pain_regions": ["ball_of_foot", "all_toes"],
            "leg_nerve": ["foot_only"],
            "worse_with": ["tight_shoes", "walk_eased_by_sitting"],
            "age": ["age_50_59"],
        },
        (SELF, ROUT),
        "local",
        None,
        {"mortons_neuroma"},
        {"stenosis"},
        ("NHSMN", "SURI"),
    ),
    "tarsal tunnel": Story(
        "50, burning heel and sole from the inner ankle, worse at night; tapping tingles.",
        {
            "pain_regions": ["inner_ankle", "heel", "sole"],
            "leg_nerve": ["foot_only"],
            "ankle_tap": ["yes"],
            "worse_with": ["burning_night"],
            "age": ["age_50_59"],
        },
        (ROUT,),
        "local",
        None,
        {"tarsal_tunnel"},
        sources=("TT",),
    ),
    "sprain, can walk": Story(
        "27, rolled the ankle yesterday, can walk with a limp.",
        {
            "injury": ["minor"],
            "four_steps": ["yes"],
            "pain_regions": ["outer_ankle"],
            "onset": ["foot_injury"],
            "age": ["under_40"],
        },
        (SELF, ROUT),
        "local",
        None,
        {"foot_strain"},
        {"broken_bone"},
        ("OTT",),
    ),
    "foot pain alone with back ache": Story(
        "46, top of the foot and big toe ache, a bit of back pain, nothing in the leg.",
        {"pain_regions": ["top_of_foot", "big_toe"], "leg_vs_back": ["back"]},
        (SELF, ROUT),
        "local",
        None,
        sources=("SH",),
    ),
    # ----- more noise -------------------------------------------------------------------------
    "S1 sciatica, stiff on first steps too": Story(
        "43, sciatica down the back of the leg to the heel and sole, also stiff on the first "
        "steps in the morning; tingling in the calf.",
        {
            **SCI,
            "pain_regions": ["buttock", "back_calf", "heel", "sole"],
            "ankle_tap": ["no"],
            "worse_with": ["first_steps", "cough_sneeze"],
            "onset": ["sudden_lift"],
        },
        (ROUT,),
        SPINE,
        "S1",
        sources=("HAR", "STY", "PF"),
    ),
    "peroneal palsy, numb outer calf, no pressure recalled": Story(
        "52, foot drop for a month after an operation, numb outer calf and top of the foot, no "
        "back pain and nothing running down from the back.",
        {
            "foot_drop": ["steady"],
            "pain_regions": ["outer_calf", "top_of_foot"],
            "leg_nerve": ["yes"],
            "self_tests": ["heel_walk", "big_toe"],
            "weakness_new": ["no"],
            "knee_pressure": ["no"],
            "age": ["age_50_59"],
        },
        (SOON,),
        ANY,
        ANY,
        {"peroneal"},
        sources=("PER", "PER2"),
    ),
    "L5 sciatica with no back pain": Story(
        "37, pain from the buttock down the outer calf to the big toe, no back pain; big toe "
        "weak for 3 weeks; never pressed on the knee.",
        {
            "pain_travels": ["yes"],
            "leg_vs_back": ["no_back"],
            "leg_nerve": ["yes"],
            "pain_regions": ["buttock", "outer_calf", "big_toe"],
            "self_tests": ["big_toe"],
            "weakness_new": ["no"],
            "knee_pressure": ["no"],
            "age": ["under_40"],
        },
        (SOON,),
        "likely",
        "L5",
        set(),
        {"peroneal"},
        ("HAR", "MRCS", "PER"),
    ),
    "vascular claudication that sitting also eases": Story(
        "69, smoker, calf pain on walking that goes when he stops; he usually sits down too.",
        {
            "pain_regions": ["back_calf"],
            "worse_with": ["calf_eased_by_standing", "walk_eased_by_sitting"],
            "duration": ["over_3_months"],
            "age": ["age_60_69"],
        },
        (SOON,),
        "local",
        None,
        {"circulation"},
        {"stenosis"},
        ("NAD", "CG147", "SURI"),
    ),
    "stenosis, one leg, 66": Story(
        "66, tingling down one leg to the foot when walking, eased by sitting, 5 months.",
        {
            "pain_regions": ["buttock", "back_thigh", "outer_calf", "top_of_foot"],
            "pain_travels": ["yes"],
            "leg_vs_back": ["same"],
            "leg_nerve": ["yes"],
            "worse_with": ["walk_eased_by_sitting"],
            "duration": ["over_3_months"],
            "age": ["age_60_69"],
        },
        (SOON,),
        "likely",
        ANY,
        {"stenosis"},
        sources=("SURI", "MSD"),
    ),
    "calf swelling, not sure": Story(
        "62, one calf feels a bit tight, not sure if it is swollen.",
        {"calf_swelling": ["not_sure"], "pain_regions": ["back_calf"], "age": ["age_60_69"]},
        (WD,),
        "local",
        None,
        sources=("NG158",),
    ),
    "cellulitis with fever": Story(
        "48, red hot swollen foot spreading from a cut, fever and shivers.",
        {"foot_skin": ["yes"], "serious_signs": ["fever"], "pain_regions": ["top_of_foot"]},
        (SD,),
        "local",
        None,
        {"hot_foot"},
        sources=("NG19", "CKS"),
    ),
    "sprain, not sure about 4 steps": Story(
        "31, twisted the foot an hour ago, not sure it can take weight.",
        {
            "injury": ["minor"],
            "four_steps": ["not_sure"],
            "pain_regions": ["top_of_foot", "outer_edge"],
            "onset": ["foot_injury"],
            "age": ["under_40"],
        },
        (SD,),
        "local",
        None,
        {"broken_bone"},
        sources=("OTT",),
    ),
    "hip fracture after a fall at 82": Story(
        "82, fell in the garden, front of thigh and knee hurt, can walk a little.",
        {
            "injury": ["minor"],
            "four_steps": ["yes"],
            "pain_regions": ["front_thigh", "knee"],
            "age": ["age_70_plus"],
        },
        (SD,),
        sources=("OTT",),
    ),
    "bilateral sciatica, unsure if new": Story(
        "45, pain down both legs, not sure whether it counts as new.",
        {
            "both_legs_pain": ["not_sure"],
            "side": ["both"],
            **SCI,
            "pain_regions": ["back_thigh", "back_calf"],
        },
        (SD,),
        sources=("GIRFT", "CKS"),
    ),
    "new sciatica over 50 with little back pain": Story(
        "57, new pain down the back of the leg to the sole for 2 weeks, leg worse than back.",
        {
            **SCI,
            "pain_regions": ["back_thigh", "back_calf", "sole"],
            "ankle_tap": ["no"],
            "age": ["age_50_59"],
        },
        (SOON,),
        "likely",
        "S1",
        sources=("CKS", "RF", "HAR"),
    ),
    # ----- content version 4: Ottawa bone tenderness, the spine's serious causes ----------------
    "sprain, can walk, tender tip of the outer ankle bone": Story(
        "29, rolled the ankle at basketball an hour ago; walks with a limp; pressing the tip of "
        "the outer ankle bone hurts a lot.",
        {
            "injury": ["minor"],
            "four_steps": ["yes"],
            "bone_tender": ["yes"],
            "pain_regions": ["outer_ankle"],
            "onset": ["foot_injury"],
            "age": ["under_40"],
        },
        (SD,),
        "local",
        None,
        {"broken_bone"},
        {"foot_strain"},
        sources=("OTT",),
    ),
    "went over on the foot, tender base of the fifth metatarsal": Story(
        "52, turned the foot stepping off a kerb; can walk; the bump halfway along the outer "
        "edge of the foot is very sore to press; a little back ache as always.",
        {
            "injury": ["minor"],
            "four_steps": ["yes"],
            "bone_tender": ["yes"],
            "pain_regions": ["outer_edge", "top_of_foot"],
            "leg_vs_back": ["foot"],
            "onset": ["foot_injury"],
            "age": ["age_50_59"],
        },
        (SD,),
        "local",
        None,
        {"broken_bone"},
        {"foot_strain"},
        sources=("OTT",),
    ),
    "sprain, can walk, not sure about the bone": Story(
        "34, twisted the ankle yesterday, can walk; the whole ankle is swollen and it is hard "
        "to tell if the bone itself hurts.",
        {
            "injury": ["minor"],
            "four_steps": ["yes"],
            "bone_tender": ["not_sure"],
            "pain_regions": ["outer_ankle", "inner_ankle"],
            "ankle_tap": ["no"],
            "onset": ["foot_injury"],
            "age": ["under_40"],
        },
        (WD, SD),
        "local",
        None,
        {"broken_bone"},
        sources=("OTT",),
    ),
    "ankle sprain, can walk, no bone tenderness": Story(
        "38, rolled the ankle on a run two days ago; swollen and sore at the outer ankle, walks "
        "on it; pressing the bones does not hurt much.",
        {
            "injury": ["minor"],
            "four_steps": ["yes"],
            "bone_tender": ["no"],
            "pain_regions": ["outer_ankle", "top_of_foot"],
            "onset": ["foot_injury"],
            "age": ["under_40"],
        },
        (SELF, ROUT),
        "local",
        None,
        {"foot_strain"},
        {"broken_bone", "spine_infection", "spine_cancer"},
        sources=("OTT",),
    ),
    "kidney transplant, fever, back pain into the buttock": Story(
        "56, takes drugs against transplant rejection; fever and shivers for 2 days, back pain "
        "worse than the ache in the buttock and thigh.",
        {
            "serious_signs": ["fever", "immune"],
            "leg_vs_back": ["back"],
            "pain_regions": ["buttock", "back_thigh"],
            "age": ["age_50_59"],
        },
        (SD,),
        look_alikes={"spine_infection"},
        not_look_alikes={"spine_cancer"},
        sources=("CKS",),
    ),
    "on chemotherapy, fever, red swollen toe, no back pain": Story(
        "44, on chemotherapy; fever; the big toe is red, hot and swollen; no back pain.",
        {
            "foot_skin": ["yes"],
            "serious_signs": ["fever", "immune", "cancer"],
            "pain_regions": ["big_toe"],
            "age": ["age_40_49"],
        },
        (SD,),
        "local",
        None,
        {"hot_foot"},
        {"spine_infection", "spine_cancer"},
        sources=("NG19", "CKS"),
    ),
    "past prostate cancer, new back pain running down the leg": Story(
        "66, prostate cancer treated 3 years ago; new back pain for 3 weeks that runs down the "
        "back of the leg to the heel; no numbness, no weakness.",
        {
            "serious_signs": ["cancer"],
            "pain_travels": ["yes"],
            "leg_vs_back": ["same"],
            "pain_regions": ["back_thigh", "back_calf", "heel"],
            "ankle_tap": ["no"],
            "age": ["age_60_69"],
        },
        (SD,),
        SPINE,
        look_alikes={"spine_cancer"},
        sources=("NG234",),
    ),
    "past breast cancer, back pain, numb shin": Story(
        "58, breast cancer 6 years ago; back pain for a month, now the inner shin is numb; "
        "coughing jolts it.",
        {
            "serious_signs": ["cancer"],
            "leg_vs_back": ["back"],
            "leg_nerve": ["yes"],
            "pain_regions": ["inner_shin", "knee"],
            "worse_with": ["cough_sneeze"],
            "age": ["age_50_59"],
        },
        (SD,),
        SPINE,
        look_alikes={"spine_cancer"},
        sources=("NG234", "HAR"),
    ),
    "past cancer, heel pain on first steps, no nerve signs": Story(
        "61, bowel cancer 8 years ago, all clear; heel pain worst on the first steps of the "
        "morning for 2 months; the usual mild back ache.",
        {
            "serious_signs": ["cancer"],
            "leg_vs_back": ["foot"],
            "pain_regions": ["heel"],
            "ankle_tap": ["no"],
            "worse_with": ["first_steps"],
            "duration": ["up_to_3_months"],
            "age": ["age_60_69"],
        },
        (WD,),
        "local",
        None,
        {"plantar_fasciitis"},
        {"spine_cancer"},
        sources=("NG234", "CKS", "PF"),
    ),
    "diabetic foot ulcer with a fever": Story(
        "68, diabetes; a sore on the ball of the foot for weeks, now the foot is red and hot "
        "and there is a fever with shivers.",
        {
            "foot_skin": ["yes"],
            "serious_signs": ["fever"],
            "pain_regions": ["ball_of_foot", "top_of_foot"],
            "diabetes": ["yes"],
        },
        (E,),
        None,
        None,
        sources=("NG19",),
    ),
}


def _top_root(content: Content, answers: Answers) -> str | None:
    result = assess(content, answers)
    return result.roots[0].root if result.roots else None


@pytest.mark.parametrize("name", STORIES)
def test_patient_story(content: Content, name: str) -> None:
    """The tier, band, root and look-alikes a careful clinician would give this patient."""
    case = STORIES[name]
    answers = play(content, case.answers)
    result = assess(content, answers)
    view = diagram_view(content, answers, result)
    assert result.urgency.tier in case.tiers, (result.urgency.tier, [w.text for w in result.why])
    band = result.spine.band if result.spine else None
    if case.band == SPINE:
        assert band in ("possible", "likely"), band
    elif case.band != ANY:
        assert band == case.band, (band, result.workings)
    if case.root != ANY:
        assert _top_root(content, answers) == case.root, result.workings.roots
        assert [r.root for r in view.roots][:1] == ([case.root] if case.root else [])
    found = {a.id for a in result.look_alikes}
    assert case.look_alikes <= found, found
    assert not case.not_look_alikes & found, found


def test_every_story_names_known_sources(content: Content) -> None:
    """Each story rests on tags the clinical brief lists."""
    tags = {s.tag for s in content.sources}
    for name, case in STORIES.items():
        assert case.sources and set(case.sources) <= tags, name
