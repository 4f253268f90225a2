"""The spine diagram: what it highlights for given answers, and what it costs in bytes."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from footquiz.components import spine
from footquiz.engine.assess import assess
from footquiz.engine.diagram import DiagramView, diagram_view, region_ids, root_regions
from footquiz.engine.model import Answers, Content

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "assets" / "footquiz.css").read_text(encoding="utf-8")
JS = (ROOT / "assets" / "footquiz.js").read_text(encoding="utf-8")
BUDGET_BYTES = 15_000
"""Issue 4: the diagram adds at most 15 KB gzipped to any page."""

REGIONS = [
    "buttock",
    "back_thigh",
    "front_thigh",
    "knee",
    "inner_shin",
    "outer_calf",
    "back_calf",
    "inner_ankle",
    "outer_ankle",
    "top_of_foot",
    "big_toe",
    "all_toes",
    "ball_of_foot",
    "heel",
    "sole",
    "outer_edge",
]
"""The places on the drawing: every body-map option but "all over the foot", "only weakness"
and "not sure"."""
BACK_VIEW = {"buttock", "back_thigh", "back_calf", "ball_of_foot", "heel", "sole", "outer_edge"}
SAFE: Answers = {
    "saddle_numbness": ("no",),
    "bladder_bowel": ("no",),
    "sex_problems": ("no",),
    "both_legs_pain": ("no",),
    "both_legs_weak": ("no",),
    "cold_foot": ("no",),
    "calf_swelling": ("no",),
    "foot_skin": ("no",),
    "foot_drop": ("no",),
    "serious_signs": ("none",),
    "injury": ("no",),
}
SPINE_LIKE: Answers = {
    "pain_travels": ("yes",),
    "leg_vs_back": ("leg",),
    "leg_nerve": ("yes",),
    "self_tests": ("none",),
    "ankle_tap": ("no",),
    "worse_with": ("cough_sneeze", "sitting_worse"),
    "onset": ("sudden_lift",),
    "duration": ("under_6_weeks",),
    "diabetes": ("no",),
    "age": ("age_40_49",),
}
# One full answer set per root: the places on its path, and its best self-test where it has one.
ROOT_CASES = {
    "L3": ({"pain_regions": ("front_thigh", "knee"), "pain_travels": ("no",)}, "L2-L3"),
    "L4": ({"pain_regions": ("knee", "inner_shin", "inner_ankle")}, "L3-L4"),
    "L5": ({"pain_regions": ("outer_calf", "top_of_foot", "big_toe"), "self_tests": ("big_toe",)},
           "L4-L5"),
    "S1": ({"pain_regions": ("back_calf", "heel", "sole", "outer_edge"),
            "self_tests": ("toe_walk",)}, "L5-S1"),
}  # fmt: skip


def full(**changes: tuple[str, ...]) -> Answers:
    """A complete, spine-like answer set on the left side, with ``changes``."""
    return {**SAFE, "side": ("left",), **SPINE_LIKE, **changes}


def final(content: Content, answers: Answers) -> DiagramView:
    """The diagram on the result page."""
    return diagram_view(content, answers, assess(content, answers))


# ----- regions and paths come from the content ------------------------------------------------


def test_regions_are_the_location_questions_options_and_all_are_drawn(content: Content) -> None:
    assert region_ids(content) == REGIONS
    assert sorted(spine.all_region_ids()) == sorted(REGIONS)
    assert {r for r, region in spine.REGIONS.items() if region.view == "back"} == BACK_VIEW
    question = content.question("pain_regions")
    assert question is not None
    not_drawn = [o.id for o in question.options if o.id not in REGIONS]
    assert not_drawn == ["whole_foot", "weakness_only", "not_sure"]


def test_each_roots_path_runs_through_its_places(content: Content) -> None:
    assert root_regions(content) == {
        "L3": ["front_thigh", "knee"],
        "L4": ["knee", "inner_shin", "inner_ankle"],
        "L5": ["outer_calf", "top_of_foot", "big_toe"],
        "S1": ["back_calf", "outer_ankle", "heel", "sole", "outer_edge"],
    }
    # A root is drawn on the leg view that shows most of its places: S1 on the back view,
    # though its outer ankle is on the front one. The line starts at the hip and visits
    # each of its places on that view, top to bottom, and no place of the other view.
    views = {"L3": "front", "L4": "front", "L5": "front", "S1": "back"}
    for root, places in root_regions(content).items():
        drawn = spine.leg_path(root)
        assert drawn.startswith(f"M{spine.HIP[0]} {spine.HIP[1]}"), root
        on_view = [p for p in places if (p in BACK_VIEW) == (views[root] == "back")]
        assert len(on_view) > len(places) / 2, root
        anchors = [spine.REGIONS[p].anchor for p in on_view]
        assert [y for _, y in anchors] == sorted(y for _, y in anchors), root
        for place in places:
            x, y = spine.REGIONS[place].anchor
            assert (f"{x} {y}" in drawn) == (place in on_view), (root, place)
        # The spine's part of the path crosses to the hip of that view.
        hip = (spine.BACK_X if views[root] == "back" else spine.FRONT_X) + spine.HIP[0]
        assert spine.spine_path(root).endswith(f" {hip} {spine.LEG_TOP}"), root


# ----- the result page ------------------------------------------------------------------------


@pytest.mark.parametrize("root", list(ROOT_CASES))
def test_result_highlights_the_engines_root_and_its_disc(content: Content, root: str) -> None:
    changes, disc = ROOT_CASES[root]
    answers = full(**changes)
    view = final(content, answers)
    assert [r.root for r in view.roots] == [root]
    assert view.discs == [disc]
    assert view.roots[0].regions == root_regions(content)[root]
    assert view.regions == list(changes["pain_regions"])
    assert view.side == "left" and view.final and view.animate
    assert not view.local and not view.emergency and not view.stenosis
    names = spine.classes(view).split()
    assert {f"r-{root}", f"d-{disc}", "dg-left", "dg-animate"} <= set(names)
    assert {f"m-{place}" for place in changes["pain_regions"]} <= set(names)
    assert f"{root} nerve root" in view.label and f"{disc} disc" in view.label
    assert any(f"{disc} disc" in fact for fact in view.facts)


def test_two_named_roots_both_glow_most_likely_first(content: Content) -> None:
    answers = full(pain_regions=("outer_calf", "back_calf", "big_toe", "heel"))
    expected = [r.root for r in assess(content, answers).roots]
    assert len(expected) == 2, "the engine should name two roots for these answers"
    view = final(content, answers)
    assert [r.root for r in view.roots] == expected
    assert set(view.discs) == {"L4-L5", "L5-S1"}
    names = spine.classes(view).split()
    assert {"r-L5", "r-S1", "d-L4-L5", "d-L5-S1"} <= set(names)


def test_the_diagram_never_rederives_the_root(content: Content) -> None:
    """Whatever the engine names is what glows, for every single place and side."""
    for place in REGIONS:
        for side in ("left", "right", "both"):
            answers = full(pain_regions=(place,), side=(side,))
            result = assess(content, answers)
            view = diagram_view(content, answers, result)
            assert [r.root for r in view.roots] == [r.root for r in result.roots]
            assert view.discs == [r.disc for r in result.roots]


def test_sides_follow_the_answer(content: Content) -> None:
    right = final(content, full(side=("right",), pain_regions=("heel",)))
    assert right.side == "right"
    assert "dg-left" not in spine.classes(right) and "dg-both" not in spine.classes(right)
    assert spine.view_box(right).startswith("0 ")
    both = final(content, full(side=("both",), pain_regions=("heel",)))
    assert both.side == "both" and "dg-both" in spine.classes(both)
    assert spine.view_box(both).startswith("-130 0 620")
    assert "Both legs are shown." in both.facts


def test_local_result_shows_the_foot_not_the_spine(content: Content) -> None:
    answers = {
        **full(pain_regions=("heel", "sole"), side=("right",)),
        "pain_travels": ("no",),
        "leg_vs_back": ("no_back",),
        "leg_nerve": ("no",),
        "worse_with": ("first_steps",),
    }
    assert assess(content, answers).spine.band == "local"
    view = final(content, answers)
    assert view.local and view.roots == [] and not view.animate
    assert view.regions == ["heel", "sole"]
    names = spine.classes(view).split()
    assert "dg-local" in names and "m-heel" in names and "m-sole" in names
    assert not [n for n in names if n.startswith(("r-", "d-"))]
    assert spine.view_box(view) == "0 180 360 534"  # the spine is cropped away
    assert content.ui["fact_local"] in view.facts
    assert "spine is not highlighted" in view.label


def test_stenosis_pattern_narrows_the_canal(content: Content) -> None:
    answers = full(
        side=("both",),
        toes_first=("no",),
        pain_regions=("back_calf", "outer_calf"),
        worse_with=("walk_eased_by_sitting",),
    )
    assert "stenosis" in [a.id for a in assess(content, answers).look_alikes]
    view = final(content, answers)
    assert view.stenosis and "dg-stenosis" in spine.classes(view)
    assert any("narrow" in fact for fact in view.facts)
    assert not final(content, full(pain_regions=("heel",))).stenosis


def test_stenosis_root_glows_without_a_disc(content: Content) -> None:
    """With the stenosis pattern the narrow canal is drawn, not one disc, and the words say so."""
    answers = full(
        side=("both",),
        toes_first=("no",),
        pain_regions=("outer_calf", "top_of_foot", "big_toe"),
        worse_with=("walk_eased_by_sitting",),
        duration=("over_3_months",),
    )
    result = assess(content, answers)
    assert [(r.root, r.disc) for r in result.roots] == [("L5", None)]
    view = final(content, answers)
    assert [(r.root, r.disc) for r in view.roots] == [("L5", None)]
    assert view.discs == [] and view.stenosis and view.animate
    names = spine.classes(view).split()
    assert {"r-L5", "dg-stenosis"} <= set(names)
    assert not [n for n in names if n.startswith("d-")], names
    assert "disc" not in " ".join(view.facts)
    assert "The L5 nerve root (possible) is highlighted." in view.label
    assert content.ui["fact_stenosis"] in view.facts


def test_stenosis_is_not_drawn_when_the_result_points_away_from_the_spine(
    content: Content,
) -> None:
    """A walking pattern outweighed by foot causes: a local result, and no narrow canal."""
    answers = full(
        pain_regions=("back_calf", "heel"),
        pain_travels=("no",),
        leg_nerve=("no",),
        leg_vs_back=("no_back",),
        worse_with=("first_steps", "walk_eased_by_sitting"),
        onset=("foot_injury",),
        age=("age_60_69",),
    )
    result = assess(content, answers)
    assert "stenosis" in [a.id for a in result.look_alikes]
    assert result.spine is not None and result.spine.band == "local"
    view = final(content, answers)
    assert view.local and not view.stenosis
    assert "dg-stenosis" not in spine.classes(view)
    assert content.ui["fact_stenosis"] not in view.facts
    # Nor while answering: the picture never draws what the answers point away from.
    assert not diagram_view(content, answers).stenosis


def test_emergency_has_no_drawing_and_no_animation(content: Content) -> None:
    answers = {**full(pain_regions=("outer_calf", "big_toe")), "saddle_numbness": ("yes",)}
    view = final(content, answers)
    assert view.emergency and not view.animate
    assert view.roots == [] and view.facts == [] and view.label == ""
    assert "dg-animate" not in spine.classes(view)


# ----- during the quiz --------------------------------------------------------------------------


def test_marked_places_light_up_before_any_root(content: Content) -> None:
    view = diagram_view(content, {**SAFE, "pain_regions": ("heel",)})
    assert not view.final and view.side is None
    assert view.regions == ["heel"] and view.roots == [] and not view.animate
    # A foot-only answer is no result yet: the spine stays in the picture.
    assert not view.local and "dg-local" not in spine.classes(view)


def test_leading_root_appears_as_soon_as_the_engine_names_one(content: Content) -> None:
    # Places alone do not point to the back yet, so no root is named and nothing pulses.
    marked = {**SAFE, "pain_regions": ("outer_calf", "big_toe"), "side": ("right",)}
    before = diagram_view(content, marked)
    assert assess(content, marked).roots == []
    assert before.roots == [] and not before.animate and before.regions == ["outer_calf", "big_toe"]
    # Pain running down from the back: the engine names L5, and the drawing shows it at once.
    answers = {**marked, "pain_travels": ("yes",)}
    view = diagram_view(content, answers)
    assert [r.root for r in view.roots] == [r.root for r in assess(content, answers).roots]
    assert [r.root for r in view.roots] == ["L5"] and view.discs == ["L4-L5"]
    assert view.roots[0].confidence == "possible"
    assert view.animate and {"r-L5", "d-L4-L5", "dg-animate"} <= set(spine.classes(view).split())
    later = diagram_view(content, {**answers, "self_tests": ("big_toe",)})
    assert later.side == "right" and later.roots[0].confidence == "fairly likely"


@pytest.mark.parametrize("answer", [("not_sure",), ("weakness_only",), ("whole_foot",)])
def test_answers_that_are_not_places_mark_no_place(
    content: Content, answer: tuple[str, ...]
) -> None:
    view = diagram_view(content, {**SAFE, "pain_regions": answer})
    assert view.regions == [] and "No places marked." in view.facts
    assert not [n for n in spine.classes(view).split() if n.startswith("m-")]


def test_places_marked_with_not_sure_still_light_up(content: Content) -> None:
    view = diagram_view(content, {**SAFE, "pain_regions": ("heel", "whole_foot", "not_sure")})
    assert view.regions == ["heel"]
    assert "m-heel" in spine.classes(view).split()


# ----- styles, motion and weight --------------------------------------------------------------


def test_every_switch_has_a_style(content: Content) -> None:
    for place in REGIONS:
        assert f".m-{place} .rg-{place}" in CSS, place
    for root in content.roots.roots:
        assert f".r-{root.id} :is(.np-{root.id}, .pulse-{root.id}" in CSS, root.id
        assert f".d-{root.disc} .dk-{root.disc}" in CSS, root.disc


def diagram_css() -> str:
    start = CSS.index("/* ===== Spine diagram")
    return CSS[start : CSS.index("/* ===== end of spine diagram ===== */")]


def test_motion_is_cheap_calm_and_stops_when_hidden() -> None:
    section = diagram_css()
    keyframes = re.findall(r"@keyframes [\w-]+ \{(.*?)\}\s*\}", section, re.S)
    assert len(keyframes) == 3  # the disc's glow, the pulse in the spine and in the leg
    for frames in keyframes:
        properties = set(re.findall(r"([\w-]+)\s*:", frames))
        assert properties <= {"transform", "opacity", "stroke-dashoffset"}, properties
    assert "prefers-reduced-motion: reduce" in section
    assert ".dg-paused .dg * { animation-play-state: paused; }" in section
    assert "visibilitychange" in JS and "dg-paused" in JS


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9))


def test_the_diagram_stays_within_its_byte_budget() -> None:
    """Markup (as compiled JSX) + its CSS + its script, gzipped, on the heaviest page."""
    from footquiz.state import QuizState as S

    drawing = spine.diagram(
        S.diagram_class, S.diagram_view_box, S.diagram_label, S.diagram_side, S.diagram_facts,
        S.diagram_words, size="small",
    )  # fmt: skip
    question_page = str(drawing) + str(spine.body_map(S.marked_regions, S.diagram_words))
    script = JS[JS.index("// ----- Spine diagram") :]
    total = gzipped(question_page) + gzipped(diagram_css()) + gzipped(script)
    print(f"diagram on the question page: {total} bytes gzipped (budget {BUDGET_BYTES})")
    assert total <= BUDGET_BYTES


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def schemes() -> dict[str, dict[str, str]]:
    """The colour variables of the light scheme and of the dark one (light plus overrides)."""
    light_block = CSS[CSS.index(":root {") : CSS.index("}", CSS.index(":root {"))]
    dark_start = CSS.index("@media (prefers-color-scheme: dark)")
    dark_block = CSS[dark_start : CSS.index("}\n}", dark_start)]
    light = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", light_block))
    dark = light | dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", dark_block))
    return {"light": light, "dark": dark}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_meet_wcag_aa(scheme: str) -> None:
    """Text 4.5:1, lines and shapes that carry meaning 3:1 (WCAG 1.4.3 and 1.4.11)."""
    colours = schemes()[scheme]
    section = diagram_css()

    def colour(name: str) -> str:
        if name.startswith("#"):
            assert name in section, f"{name} is no longer used by the diagram's styles"
            return name
        return colours[name]

    pairs = [
        ("ink", "paper", 4.5),  # labels
        ("muted", "paper", 4.5),  # which leg
        ("link", "paper", 4.5),  # the root's name in the key
        ("alert-ink", "paper", 4.5),  # "Narrow space"
        ("#6b7784", "wash", 3),  # outline of a place
        ("mark-line", "wash", 3),  # outline of a marked place
        ("same-day", "#fde7cf", 3),  # hatching of a marked place
        ("link", "wash", 3),  # the root's path
        ("focus", "brand", 3),  # the pulse on the path
        ("ink", "focus", 3) if scheme == "light" else ("paper", "focus", 3),  # map focus
    ]
    for fore, back, minimum in pairs:
        assert contrast(colour(fore), colour(back)) >= minimum, (scheme, fore, back)


def test_the_state_feeds_the_drawing_as_answers_arrive() -> None:
    from footquiz.state import QUESTION_FIELD, QuizState

    state = QuizState(_reflex_internal_init=True)
    state.start()
    while state.current != "serious_signs":
        state.submit({QUESTION_FIELD: state.current, "answer": "no"})
    state.submit({QUESTION_FIELD: state.current, "answer:none": "none"})
    state.submit({QUESTION_FIELD: state.current, "answer": "no"})  # no injury
    assert state.on_body_map and not state.diagram_shown
    state.submit(
        {
            QUESTION_FIELD: state.current,
            "answer:outer_calf": "outer_calf",
            "answer:big_toe": "big_toe",
        }
    )
    assert state.current == "side" and state.diagram_shown and not state.on_body_map
    assert state.marked_regions == ["outer_calf", "big_toe"]
    names = set(state.diagram_class.split())
    assert {"m-outer_calf", "m-big_toe"} <= names and "r-L5" not in names
    state.submit({QUESTION_FIELD: state.current, "answer": "both"})
    assert "dg-both" in state.diagram_class.split() and state.diagram_view_box.startswith("-130")
    assert state.diagram_side == "left leg"
    assert state.current == "pain_travels"
    state.submit({QUESTION_FIELD: state.current, "answer": "yes"})
    assert {"m-outer_calf", "r-L5", "d-L4-L5", "dg-animate"} <= set(state.diagram_class.split())
    assert "L5 nerve root" in state.diagram_label
