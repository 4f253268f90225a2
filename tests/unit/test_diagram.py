"""The spine diagram: what it highlights for given answers, and what it costs in bytes."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from walks import NO_WARNING_SIGNS

from footquiz.components import spine
from footquiz.engine.assess import assess
from footquiz.engine.diagram import (
    ANATOMY,
    DERMATOME_MAP,
    DERMATOME_SOURCES,
    FOOT_PLACES,
    DiagramView,
    diagram_view,
    region_ids,
    root_regions,
)
from footquiz.engine.model import Answers, Condition, Content

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "assets" / "footquiz.css").read_text(encoding="utf-8")
JS = (ROOT / "assets" / "footquiz.js").read_text(encoding="utf-8")
PRINT_CSS = (ROOT / "assets" / "print.css").read_text(encoding="utf-8")
BUDGET_BYTES = 20_000
"""Issue 15: the diagram adds at most 20 KB gzipped to any page."""

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
SAFE: Answers = NO_WARNING_SIGNS
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


def points(d: str) -> list[tuple[float, float]]:
    """Every point a path names (ends and control points), for paths of absolute commands."""
    sizes = {"M": 2, "L": 2, "C": 6, "S": 4, "Q": 4, "H": 1, "V": 1}
    found: list[tuple[float, float]] = []
    x = y = 0.0
    command, numbers = "M", []
    for token in re.findall(r"[A-Za-z]|-?\d*\.?\d+", d):
        if token.isalpha():
            assert token in sizes or token == "Z", f"relative command {token} in {d}"
            command, numbers = token, []
            continue
        numbers.append(float(token))
        if len(numbers) < sizes[command]:
            continue
        if command == "H":
            x = numbers[0]
        elif command == "V":
            y = numbers[0]
        else:
            found += list(zip(numbers[0:-2:2], numbers[1:-2:2], strict=True))
            x, y = numbers[-2], numbers[-1]
        found.append((x, y))
        numbers = []
    return found


def end(d: str) -> tuple[float, float]:
    return points(d)[-1]


def inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    x, y = point
    left, top, width, height = box
    return left <= x <= left + width and top <= y <= top + height


def bbox(d: str) -> tuple[float, float, float, float]:
    xs, ys = zip(*points(d), strict=True)
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


# ----- the places come from the content -------------------------------------------------------


def test_regions_are_the_location_questions_options_and_all_are_drawn(content: Content) -> None:
    assert region_ids(content) == REGIONS
    assert sorted(spine.all_region_ids()) == sorted(REGIONS)
    assert {r for r, region in spine.REGIONS.items() if region.view == "back"} == BACK_VIEW
    question = content.question("pain_regions")
    assert question is not None
    not_drawn = [o.id for o in question.options if o.id not in REGIONS]
    assert not_drawn == ["whole_foot", "weakness_only", "not_sure"]
    # The places a local result shows the feet for are the ones drawn on the feet.
    assert set(REGIONS) > FOOT_PLACES
    for place, region in spine.REGIONS.items():
        top = region.hit[1]
        assert (top >= 410) == (place in FOOT_PLACES), place


def test_tap_targets_never_overlap() -> None:
    """On the body map only the targets take taps, so each tap ticks exactly one place."""
    boxes = list(spine.REGIONS.items())
    for n, (place, region) in enumerate(boxes):
        x, y, width, height = region.hit
        assert width >= 30 and height >= 30, place
        for other, second in boxes[n + 1 :]:
            x2, y2, w2, h2 = second.hit
            apart = x + width <= x2 or x2 + w2 <= x or y + height <= y2 or y2 + h2 <= y
            assert apart, (place, other)


# ----- the anatomy matches the words ----------------------------------------------------------


def test_each_root_leaves_the_spine_at_its_level_from_the_disc_that_presses_on_it(
    content: Content,
) -> None:
    below = {"L3": "L3-L4", "L4": "L4-L5", "L5": "L5-S1"}
    for root in content.roots.roots:
        parts = spine.PATHS[root.id]
        assert len(parts) == 3, root.id
        # It starts beside the canal at the disc the content says most often presses on it...
        assert points(parts[0])[0] == (5, spine.DISCS[root.disc]), root.id
        # ...and leaves below its own vertebra (S1 through the first sacral foramen).
        way_out = (38, spine.DISCS[below[root.id]] + 8) if root.id in below else (30, 176)
        assert way_out in points(parts[0]), root.id
        # The three parts are one line.
        assert end(parts[0]) == points(parts[1])[0] and end(parts[1]) == points(parts[2])[0]


def test_each_root_runs_its_real_course(content: Content) -> None:
    """L5 and S1 through the buttock and the back of the thigh; L3 and L4 down the front."""
    assert {r: a.route for r, a in ANATOMY.items()} == {
        "L3": "femoral",
        "L4": "femoral",
        "L5": "sciatic",
        "S1": "sciatic",
    }
    hits = {place: region.hit for place, region in spine.REGIONS.items()}
    for root, anatomy in ANATOMY.items():
        leg = points(spine.PATHS[root][1]) + points(spine.PATHS[root][2])
        if anatomy.route == "sciatic":
            assert any(inside(p, hits["buttock"]) for p in leg), root
            assert any(inside(p, hits["back_thigh"]) for p in leg), root
        else:
            assert any(inside(p, hits["front_thigh"]) for p in leg), root
            assert not any(inside(p, hits["back_thigh"]) for p in leg), root
    # S1 stays behind, down the calf into the sole; L5 winds round the outer side of the knee
    # from the back view (x below 90) to the front view (x from 100).
    assert all(x < 90 for x, _ in points(spine.PATHS["S1"][2]))
    assert any(inside(p, hits["back_calf"]) for p in points(spine.PATHS["S1"][2]))
    assert points(spine.PATHS["L5"][1])[0][0] < 90 and all(
        x >= 100 for x, _ in points(spine.PATHS["L5"][2])
    )
    assert any(inside(p, hits["outer_calf"]) for p in points(spine.PATHS["L5"][2]))
    assert any(inside(p, hits["inner_shin"]) for p in points(spine.PATHS["L4"][2]))


def test_each_path_ends_in_its_skin_area() -> None:
    ends_on = {"L3": "front", "L4": "front", "L5": "front", "S1": "sole"}
    for root, view in ends_on.items():
        assert inside(end(spine.PATHS[root][-1]), bbox(spine.SKIN[root][view])), root


def test_skin_areas_follow_the_named_map(content: Content) -> None:
    """Each skin area holds its key sensory point (ISNCSCI) and the places the words name."""
    assert "Lee" in DERMATOME_MAP and "ISNCSCI" in DERMATOME_MAP
    assert set(DERMATOME_SOURCES) <= {s.tag for s in content.sources}
    assert set(spine.SKIN) == set(ANATOMY) == {r.id for r in content.roots.roots}

    def centre(place: str) -> tuple[float, float]:
        x, y, width, height = spine.REGIONS[place].hit
        return x + width / 2, y + height / 2

    key_points = {
        "L3": ("front", (156, 322)),  # the inner side of the knee
        "L4": ("front", centre("inner_ankle")),
        "L5": ("front", (140, 466)),  # the top of the foot at the third toe joint
        "S1": ("sole", (56, 462)),  # the outer side of the heel
    }
    for root, (view, point) in key_points.items():
        assert inside(point, bbox(spine.SKIN[root][view])), root
    assert inside(centre("big_toe"), bbox(spine.SKIN["L5"]["front"]))
    assert inside(centre("outer_edge"), bbox(spine.SKIN["S1"]["sole"]))
    assert not inside(centre("big_toe"), bbox(spine.SKIN["S1"]["front"]))


def test_the_review_sheet_names_the_map_and_each_roots_picture(content: Content) -> None:
    from footquiz.content.__main__ import review_sheet

    sheet = review_sheet(content)
    assert DERMATOME_MAP in sheet
    for root, anatomy in ANATOMY.items():
        assert anatomy.skin_area in sheet and anatomy.course in sheet, root


# ----- the result page ------------------------------------------------------------------------


@pytest.mark.parametrize("root", list(ROOT_CASES))
def test_result_highlights_the_engines_root_and_its_disc(content: Content, root: str) -> None:
    changes, disc = ROOT_CASES[root]
    answers = full(**changes)
    view = final(content, answers)
    assert [r.root for r in view.roots] == [root]
    assert view.discs == [disc]
    assert view.roots[0].regions == root_regions(content)[root]
    assert view.roots[0].route == ANATOMY[root].route
    assert view.regions == list(changes["pain_regions"])
    assert view.side == "left" and view.legs == ["left"] and view.final and view.animate
    assert view.scope == "spine"
    assert not view.local and not view.emergency and not view.stenosis
    names = spine.classes(view).split()
    assert {f"r-{root}", f"d-{disc}", "dg-L", "dg-spine", "dg-animate"} <= set(names)
    assert "dg-R" not in names  # no drawing of a leg that is not the patient's
    assert {f"m-{place}" for place in changes["pain_regions"]} <= set(names)
    assert f"{root} nerve root" in view.label and f"{disc} disc" in view.label
    assert "your left leg" in view.label
    kinds = [f.kind for f in view.facts]
    assert kinds == ["side", "marked", "root", "skin"]
    assert f"{disc} disc" in view.facts[2].text and root in view.facts[3].text


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


def test_only_the_patients_legs_are_drawn(content: Content) -> None:
    right = final(content, full(side=("right",), pain_regions=("heel",)))
    assert right.legs == ["right"]
    names = spine.classes(right).split()
    assert "dg-R" in names and "dg-L" not in names and "dg-anon" not in names
    assert "Shown: your right leg." in [f.text for f in right.facts]
    both = final(content, full(side=("both",), pain_regions=("heel",)))
    assert both.legs == ["right", "left"]
    assert {"dg-R", "dg-L"} <= set(spine.classes(both).split())
    assert "Shown: both your legs." in [f.text for f in both.facts]
    # With the spine the picture keeps one width, so its words keep one size.
    assert spine.view_box(right) == spine.view_box(both) == "-190 -8 380 614"
    # Without the spine only the patient's side is kept.
    quiz_left = diagram_view(content, {**SAFE, "pain_regions": ("heel",), "side": ("left",)})
    assert spine.view_box(quiz_left).startswith("-190 ")
    quiz_right = diagram_view(content, {**SAFE, "pain_regions": ("heel",), "side": ("right",)})
    assert spine.view_box(quiz_right).startswith("-4 ")
    # Before the side is known: a leg, with no side named.
    unknown = diagram_view(content, {**SAFE, "pain_regions": ("heel",)})
    assert unknown.legs == [] and "dg-anon" in spine.classes(unknown).split()
    assert "a leg" in unknown.label and not [f for f in unknown.facts if f.kind == "side"]


def test_the_drawing_leaves_out_an_answer_that_the_other_answers_hide(content: Content) -> None:
    """Today the side and the places are asked of everyone; were the side asked only after
    some answers, a side answered and then hidden by a changed answer is not drawn."""
    asked_if = Condition.model_validate({"answer": "pain_regions", "is": ["not_sure"]})
    questions = [
        q.model_copy(update={"show_if": asked_if}) if q.id == "side" else q
        for q in content.questions
    ]
    changed = content.model_copy(update={"questions": questions})
    answers = {**SAFE, "pain_regions": ("heel",), "side": ("left",)}
    assert diagram_view(content, answers).side == "left"
    hidden = diagram_view(changed, answers)
    assert hidden.side is None and hidden.legs == [] and hidden.regions == ["heel"]


def local_answers(**changes: tuple[str, ...]) -> Answers:
    return {
        **full(pain_regions=("heel", "sole"), side=("right",)),
        "pain_travels": ("no",),
        "leg_vs_back": ("no_back",),
        "leg_nerve": ("no",),
        "worse_with": ("first_steps",),
        **changes,
    }


def test_local_result_shows_the_foot_and_no_spine(content: Content) -> None:
    answers = local_answers()
    assert assess(content, answers).spine.band == "local"
    view = final(content, answers)
    assert view.local and view.scope == "foot" and view.roots == [] and not view.animate
    assert view.regions == ["heel", "sole"]
    names = spine.classes(view).split()
    assert {"dg-foot", "m-heel", "m-sole"} <= set(names) and "dg-spine" not in names
    assert not [n for n in names if n.startswith(("r-", "d-"))]
    assert spine.view_box(view) == "-4 410 194 196"  # the right foot only
    assert content.ui["fact_local"] in [f.text for f in view.facts]
    assert "spine is not highlighted" in view.label and "your right foot" in view.label


def test_local_result_with_places_above_the_ankle_shows_the_legs(content: Content) -> None:
    answers = local_answers(pain_regions=("back_calf", "heel"))
    assert assess(content, answers).spine.band == "local"
    view = final(content, answers)
    assert view.local and view.scope == "legs" and "dg-legs" in spine.classes(view).split()


def test_stenosis_pattern_narrows_the_canal(content: Content) -> None:
    answers = full(
        side=("both",),
        toes_first=("no",),
        pain_regions=("back_calf", "outer_calf"),
        worse_with=("walk_eased_by_sitting",),
    )
    assert "stenosis" in [a.id for a in assess(content, answers).look_alikes]
    view = final(content, answers)
    assert view.stenosis and view.animate and "dg-stenosis" in spine.classes(view)
    assert any(f.kind == "stenosis" and "narrow" in f.text for f in view.facts)
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
    assert {"r-L5", "dg-stenosis", "dg-R", "dg-L"} <= set(names)
    assert not [n for n in names if n.startswith("d-")], names
    assert "disc" not in " ".join(f.text for f in view.facts)
    assert "The L5 nerve root (possible) is highlighted." in view.label
    assert content.ui["fact_stenosis"] in [f.text for f in view.facts]


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
    assert content.ui["fact_stenosis"] not in [f.text for f in view.facts]
    # Nor while answering: the picture never draws what the answers point away from.
    assert not diagram_view(content, answers).stenosis


def test_emergency_has_no_drawing_and_no_animation(content: Content) -> None:
    answers = {**full(pain_regions=("outer_calf", "big_toe")), "saddle_numbness": ("yes",)}
    view = final(content, answers)
    assert view.emergency and not view.animate
    assert view.roots == [] and view.facts == [] and view.label == ""
    assert "dg-animate" not in spine.classes(view)


# ----- during the quiz --------------------------------------------------------------------------


def test_while_answering_only_the_places_marked_show(content: Content) -> None:
    """No root, disc or canal before the result (issue 14), even once the engine names one."""
    answers = {**full(**ROOT_CASES["L5"][0]), "side": ("right",)}
    assert [r.root for r in assess(content, answers).roots] == ["L5"]
    view = diagram_view(content, answers)
    assert not view.final and view.scope == "legs" and view.legs == ["right"]
    assert view.roots == [] and view.discs == [] and not view.stenosis and not view.animate
    assert view.regions == ["outer_calf", "top_of_foot", "big_toe"]
    names = spine.classes(view).split()
    assert not [n for n in names if n.startswith(("r-", "d-"))] and "dg-animate" not in names
    assert [f.kind for f in view.facts] == ["side", "marked"]
    assert "nerve root" not in view.label


@pytest.mark.parametrize("answer", [("not_sure",), ("weakness_only",), ("whole_foot",)])
def test_answers_that_are_not_places_mark_no_place(
    content: Content, answer: tuple[str, ...]
) -> None:
    view = diagram_view(content, {**SAFE, "pain_regions": answer})
    assert view.regions == [] and "No places marked." in [f.text for f in view.facts]
    assert not [n for n in spine.classes(view).split() if n.startswith("m-")]


def test_places_marked_with_not_sure_still_light_up(content: Content) -> None:
    view = diagram_view(content, {**SAFE, "pain_regions": ("heel", "whole_foot", "not_sure")})
    assert view.regions == ["heel"]
    assert "m-heel" in spine.classes(view).split()


def test_every_word_in_the_picture_is_translated() -> None:
    from footquiz.content import get_content

    english, spanish = spine.words(get_content("en")), spine.words(get_content("es"))
    assert set(english) == set(spanish)
    assert english["leg_right"] == "Your right leg" and spanish["leg_right"] == "Su pierna derecha"
    assert spanish["root_L5"] == "Raíz L5" and spanish["disc_L4-L5"] == "Disco L4-L5"
    same = {k for k in english if english[k] == spanish[k]}
    assert not same, same


# ----- styles, motion and weight --------------------------------------------------------------


def diagram_css() -> str:
    start = CSS.index("/* ===== Spine diagram")
    return CSS[start : CSS.index("/* ===== end of spine diagram ===== */")]


def test_every_switch_has_a_style(content: Content) -> None:
    section = diagram_css()
    for place in REGIONS:
        assert f".m-{place} .rg-{place}" in section, place
    for root in content.roots.roots:
        assert f".r-{root.id} :is(.nv-{root.id}, .skin-{root.id}, .rl-{root.id})" in section
        assert f".d-{root.disc} .dk-{root.disc}" in section, root.disc
        assert f".d-{root.disc} :is(.bk-{root.disc}, .hl-{root.disc}, .dl-{root.disc})" in section
    for switch in (".dg-R .wing-R", ".dg-L .wing-L", ".dg:not(.dg-spine) .spine", ".dg-anon .side"):
        assert switch in section, switch


def test_motion_is_cheap_plays_once_or_twice_and_stops_when_hidden() -> None:
    section = diagram_css()
    keyframes = re.findall(r"@keyframes ([\w-]+) \{(.*?)\}\s*\}", section, re.S)
    assert {name for name, _ in keyframes} == {"dg-pulse", "dg-draw", "dg-fill", "dg-lit"}
    for _, frames in keyframes:
        properties = set(re.findall(r"([\w-]+)\s*:", frames))
        assert properties <= {"transform", "opacity", "stroke-dashoffset"}, properties
    # No endless motion: every animation runs once, the disc's pulse twice.
    assert "infinite" not in section
    shorthands = [v.split() for v in re.findall(r"animation: (dg-[^;]+);", section)]
    counts = [int(t) for tokens in shorthands for t in tokens if t.isdigit()]
    assert len(shorthands) == 4 and counts == [2]
    # It plays when seen (data-play, set once by the script), and the final picture is the
    # resting one: what the animation hides before it plays is shown without it.
    assert "[data-dg-motion] .dg-figure:not([data-play])" in section
    assert "prefers-reduced-motion: no-preference" in JS and "data-play" in JS
    assert ".dg-paused .dg * { animation-play-state: paused !important; }" in section
    assert "visibilitychange" in JS and "dg-paused" in JS
    # Reduced motion: the app's rule stops every animation, and the script marks nothing.
    assert "@media (prefers-reduced-motion: reduce)" in CSS
    assert "animation: none !important" in CSS


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9))


@pytest.mark.parametrize("screen", ["question", "result"])
def test_the_diagram_stays_within_its_byte_budget(screen: str) -> None:
    """Markup (as compiled JSX) + its CSS + its script + print rules, gzipped, on each page."""
    from footquiz.state import QuizState as S

    size = "small" if screen == "question" else "large"
    drawing = spine.diagram(
        S.diagram_class, S.diagram_view_box, S.diagram_label, S.diagram_facts, S.diagram_words,
        size=size,
    )  # fmt: skip
    markup = str(drawing)
    if screen == "question":
        markup += str(spine.body_map(S.marked_regions, S.diagram_words))
    script = JS[JS.index("// ----- Spine diagram") : JS.index("// ----- Sharing")]
    print_css = PRINT_CSS[PRINT_CSS.index("/* The picture") :]
    total = gzipped(markup) + gzipped(diagram_css()) + gzipped(script) + gzipped(print_css)
    print(f"diagram on the {screen} page: {total} bytes gzipped (budget {BUDGET_BYTES})")
    assert total <= BUDGET_BYTES


def test_a_shared_results_script_leaves_out_the_drawing_its_page_brings() -> None:
    """The drawing travels once: in a shared result's page as sent, not also in its script."""
    from footquiz.pages.result import where_from
    from footquiz.state import QuizState, SharedState

    assert spine.BACK_LEG in str(where_from(QuizState))  # the patient's own result draws it
    shared = str(where_from(SharedState))
    assert spine.BACK_LEG not in shared
    assert '"data-drawing":"sent"' in shared.replace(" ", "")
    assert "data-drawing" in JS  # assets/footquiz.js moves the sent drawing in


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def schemes() -> dict[str, dict[str, str]]:
    """The colour variables of the light, dark and print schemes (each over the light one)."""
    light_block = CSS[CSS.index(":root {") : CSS.index("}", CSS.index(":root {"))]
    dark_start = CSS.index("@media (prefers-color-scheme: dark)")
    dark_block = CSS[dark_start : CSS.index("}\n}", dark_start)]
    print_start = PRINT_CSS.index(":root {")
    print_block = PRINT_CSS[print_start : PRINT_CSS.index("}", print_start)]
    pattern = r"--([\w-]+):\s*(#[0-9a-f]{6})"
    light = dict(re.findall(pattern, light_block))
    dark = light | dict(re.findall(pattern, dark_block))
    printed = (
        light | {"ink": "#000000", "paper": "#ffffff"} | dict(re.findall(pattern, print_block))
    )
    return {"light": light, "dark": dark, "print": printed}


@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
def test_colours_meet_wcag_aa(scheme: str) -> None:
    """Text 4.5:1, lines and shapes that carry meaning 3:1 (WCAG 1.4.3 and 1.4.11)."""
    colours = schemes()[scheme]
    pairs = [
        ("ink", "paper", 4.5),  # labels
        ("dg-nerve-text", "paper", 4.5),  # the root's name
        ("dg-narrow", "paper", 4.5),  # "Narrow space"
        ("dg-line", "paper", 3),  # the body's outline
        ("dg-nerve", "dg-nerve-case", 3),  # the path, on its casing
        ("dg-mark-line", "dg-body", 3),  # outline of a marked place
        ("dg-skin-dot", "dg-body", 3),  # the skin area's dots
        ("dg-hot", "dg-body", 3),  # the disc that presses on the root, and its bulge
        ("dg-hot", "dg-disc", 3),  # ... against the other discs
        ("dg-bone-line", "dg-bone", 3),  # the vertebrae's outlines
        ("dg-bone-line", "dg-body", 3),
    ]
    for fore, back, minimum in pairs:
        assert contrast(colours[fore], colours[back]) >= minimum, (scheme, fore, back)
    # The path stands out from all it crosses: by its own colour or by its casing.
    for under in ("dg-body", "dg-mark-bg", "dg-mark", "dg-skin", "dg-bone"):
        stands_out = max(
            contrast(colours[k], colours[under]) for k in ("dg-nerve", "dg-nerve-case")
        )
        assert stands_out >= 3, (scheme, under)
    if scheme == "dark":
        # A real dark palette: the body in mid tones, the marked places brightest.
        body, marked = luminance(colours["dg-body"]), luminance(colours["dg-mark-bg"])
        assert luminance(colours["paper"]) < body < marked
        others = [k for k in colours if k.startswith("dg-") and k != "dg-mark-line"]
        assert marked == max(luminance(colours[k]) for k in others)


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
    # On the side question there is no drawing yet: it would have to guess the leg.
    assert state.current == "side" and not state.diagram_shown and not state.on_body_map
    assert state.marked_regions == ["outer_calf", "big_toe"]
    state.submit({QUESTION_FIELD: state.current, "answer": "both"})
    assert state.diagram_shown
    names = set(state.diagram_class.split())
    assert {"m-outer_calf", "m-big_toe", "dg-R", "dg-L", "dg-legs"} <= names
    assert state.diagram_view_box.startswith("-190 ")
    assert state.current == "pain_travels"
    state.submit({QUESTION_FIELD: state.current, "answer": "yes"})
    # The engine now names L5, but while answering the drawing shows only the places.
    names = set(state.diagram_class.split())
    assert "m-outer_calf" in names and not {"r-L5", "d-L4-L5", "dg-animate"} & names
    assert "nerve root" not in state.diagram_label
    assert [f["kind"] for f in state.diagram_facts] == ["side", "marked"]
