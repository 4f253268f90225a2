"""The spine diagram and the body map in real Chromium at 390x844.

Results are opened straight from browser storage (as after a reload), so each screenshot costs
one page load instead of a walk through every question. Screenshots go to ``screenshots/``
(their names are listed in the README's "Diagram screenshots" section).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from phones import SAFE, SCREENSHOTS, STORAGE_KEY, open_saved
from test_share_browser import pages

from footquiz.content import get_content
from footquiz.engine import flow
from footquiz.engine.assess import assess
from footquiz.state import CONTENT

pytestmark = pytest.mark.e2e

Page = Any  # playwright.sync_api.Page, imported lazily so a bare machine can skip

SPINE_LIKE = {
    "pain_travels": ["yes"],
    "leg_vs_back": ["leg"],
    "leg_nerve": ["yes"],
    "self_tests": ["none"],
    "worse_with": ["cough_sneeze", "sitting_worse"],
    "onset": ["sudden_lift"],
    "duration": ["under_6_weeks"],
    "diabetes": ["no"],
    "age": ["age_40_49"],
}
# The textbook patterns of tests/clinical/test_vignettes.py: the weak muscle of each root (a
# weakness that has not changed for weeks) and its skin areas; heel or sole pain brings the
# ankle tap, which does not tingle. The side is added per test.
# name: (answers, root, disc); root None is the local (foot) result.
RESULTS: dict[str, tuple[dict[str, list[str]], str | None, str | None]] = {
    "L3": (
        {**SAFE, "pain_regions": ["front_thigh", "knee"], **SPINE_LIKE,
         "pain_travels": ["no"], "self_tests": ["chair_rise"], "weakness_new": ["no"]},
        "L3", "L2-L3",
    ),
    "L4": (
        {**SAFE, "pain_regions": ["knee", "inner_shin", "inner_ankle"],
         **SPINE_LIKE, "self_tests": ["heel_walk", "chair_rise"], "weakness_new": ["no"],
         "ankle_tap": ["no"]},
        "L4", "L3-L4",
    ),
    "L5": (
        {**SAFE, "pain_regions": ["buttock", "back_thigh", "outer_calf", "top_of_foot", "big_toe"],
         **SPINE_LIKE, "self_tests": ["big_toe"], "weakness_new": ["no"]},
        "L5", "L4-L5",
    ),
    "S1": (
        {**SAFE, "pain_regions": ["buttock", "back_thigh", "back_calf", "heel", "sole",
                                  "outer_edge"],
         **SPINE_LIKE, "self_tests": ["toe_walk"], "weakness_new": ["no"], "ankle_tap": ["no"]},
        "S1", "L5-S1",
    ),
    "local": (
        {**SAFE, "pain_regions": ["heel", "sole"], **SPINE_LIKE,
         "pain_travels": ["no"], "leg_vs_back": ["no_back"], "leg_nerve": ["no"],
         "ankle_tap": ["no"], "worse_with": ["first_steps"], "onset": ["gradual"]},
        None, None,
    ),
    "stenosis": (
        {**SAFE, "pain_regions": ["outer_calf", "top_of_foot", "big_toe"], **SPINE_LIKE,
         "toes_first": ["no"], "worse_with": ["walk_eased_by_sitting"],
         "duration": ["over_3_months"], "age": ["age_70_plus"]},
        "L5", None,
    ),
}  # fmt: skip
WING = {"right": "R", "left": "L"}


def answers_for(name: str, side: str) -> dict[str, list[str]]:
    """A finished check for a scenario on one side (both sides also asks "toes first?")."""
    answers, root, _ = RESULTS[name]
    answers = {**answers, "side": [side]}
    if side == "both":
        answers["toes_first"] = ["no"]
    given = {q: tuple(o) for q, o in answers.items()}
    assert flow.resume(CONTENT, answers, None).done  # a finished check
    assert {q.id for q in flow.path(CONTENT, given)} == set(answers)  # every answer was asked
    assert [r.root for r in assess(CONTENT, given).roots] == ([root] if root else [])
    return answers


def drawn(page: Page, selector: str = "#diagram-large svg") -> Any:
    """The diagram's <svg>, once the saved answers have reached it (a place is marked)."""
    page.wait_for_function(
        "s => / m-/.test(document.querySelector(s)?.getAttribute('class') || '')", arg=selector
    )
    return page.locator(selector)


def see_picture(page: Page) -> None:
    """Scroll the picture to the top of the screen, once the result has its focus."""
    page.wait_for_function("() => document.activeElement?.id === 'screen-heading'")
    page.evaluate("document.getElementById('picture').scrollIntoView()")


def story_told(page: Page) -> None:
    """Bring the picture into view and wait until its story has played (at once if still)."""
    see_picture(page)
    page.wait_for_function(
        """() => (!document.documentElement.hasAttribute('data-dg-motion')
                  || document.getElementById('diagram-large').hasAttribute('data-play'))
                 && document.getAnimations().every(a => a.playState === 'finished')"""
    )


def shoot(page: Page, name: str, anchor: str = "picture") -> None:
    """Keep a 390x844 screenshot with ``anchor`` at the top of the screen."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate("id => document.getElementById(id).scrollIntoView()", anchor)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def style(page: Page, selector: str, prop: str) -> str:
    return page.evaluate(
        "([s, p]) => getComputedStyle(document.querySelector(s)).getPropertyValue(p)",
        [selector, prop],
    )


# Where the drawing puts things, in screen pixels: the spine's midline, each visible path's end,
# and the boxes of the visible skin areas, per wing.
GEOMETRY = """svg => {
  const shown = el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  const box = el => { const b = el.getBoundingClientRect();
                      return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  const at = (el, length) => {
    const p = el.getPointAtLength(length), m = el.getScreenCTM();
    return {x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f};
  };
  const canal = box(svg.querySelector('.spine rect')), wings = {};
  for (const wing of svg.querySelectorAll('.wing')) {
    if (!shown(wing)) continue;
    const paths = [...wing.querySelectorAll('path.nv')].filter(shown);
    wings[wing.classList.contains('wing-R') ? 'right' : 'left'] = {
      starts: paths.filter(p => p.classList.contains('p1')).map(p => at(p, 0)),
      ends: paths.filter(p => p.classList.contains('p3'))
                 .map(p => ({root: [...p.classList].find(c => c.startsWith('nv-')).slice(3),
                             end: at(p, p.getTotalLength())})),
      skin: [...wing.querySelectorAll('.skin')].filter(shown)
                 .map(s => ({root: [...s.classList].find(c => c.startsWith('skin-')).slice(5),
                             box: box(s)})),
      marks: [...wing.querySelectorAll('.rg')].filter(shown).map(box),
      side: [...wing.querySelectorAll('.side')].filter(shown).map(t => t.textContent),
      sideBox: [...wing.querySelectorAll('.side')].filter(shown).map(box),
    };
  }
  const discs = [...svg.querySelectorAll('.bulge')].filter(shown).map(box);
  return {midline: (canal.left + canal.right) / 2, wings, discs};
}"""


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("name", ["L3", "L4", "L5", "S1"])
def test_the_root_is_drawn_on_the_patients_side_down_to_its_skin_area(
    browser: Any, app_url: str, name: str, side: str
) -> None:
    answers = answers_for(name, side)
    _, root, disc = RESULTS[name]
    context, page = open_saved(browser, app_url, answers, None)
    try:
        picture = drawn(page)
        names = picture.get_attribute("class").split()
        assert {f"r-{root}", f"d-{disc}", f"dg-{WING[side]}", "dg-spine"} <= set(names)
        label = picture.get_attribute("aria-label")
        facts = page.locator("#diagram-large .dg-facts").inner_text()
        for text in (label, facts):
            assert f"{root} nerve root" in text and f"{disc} disc" in text
            assert f"your {side} leg" in text
        story_told(page)
        shape = picture.evaluate(GEOMETRY)
        # Only the patient's leg is drawn, on the patient's side of the spine (seen from
        # behind, the patient's right is on the right), with its words under it.
        assert list(shape["wings"]) == [side]
        wing = shape["wings"][side]
        assert wing["side"] == [f"Your {side} leg"]
        on_side = (
            (lambda x: x > shape["midline"])
            if side == "right"
            else (lambda x: x < shape["midline"])
        )
        for item in [*wing["marks"], *[s["box"] for s in wing["skin"]], *wing["sideBox"]]:
            assert on_side((item["left"] + item["right"]) / 2), item
        for end in wing["ends"]:
            assert on_side(end["end"]["x"])
        # The path leaves the spine at the highlighted disc (its bulge on that side)...
        assert len(shape["discs"]) == 1 and len(wing["starts"]) == 1
        start, bulge = wing["starts"][0], shape["discs"][0]
        assert bulge["top"] - 2 <= start["y"] <= bulge["bottom"] + 2
        assert on_side((bulge["left"] + bulge["right"]) / 2)
        # ...and its end lies in its skin area.
        assert [e["root"] for e in wing["ends"]] == [root]
        x, y = wing["ends"][0]["end"]["x"], wing["ends"][0]["end"]["y"]
        assert any(
            s["root"] == root
            and s["box"]["left"] - 1 <= x <= s["box"]["right"] + 1
            and s["box"]["top"] - 1 <= y <= s["box"]["bottom"] + 1
            for s in wing["skin"]
        ), wing
        for place in answers["pain_regions"]:
            assert f"m-{place}" in names
            assert style(page, f"#diagram-large .wing-{WING[side]} .rg-{place}", "fill").startswith(
                "url("
            )
        shoot(page, f"result-{name}-{side}")
    finally:
        context.close()


def test_both_legs_are_drawn_when_both_are_affected(browser: Any, app_url: str) -> None:
    context, page = open_saved(browser, app_url, answers_for("L5", "both"), None)
    try:
        picture = drawn(page)
        assert {"dg-R", "dg-L", "r-L5", "d-L4-L5"} <= set(picture.get_attribute("class").split())
        story_told(page)
        shape = picture.evaluate(GEOMETRY)
        assert sorted(shape["wings"]) == ["left", "right"]
        assert shape["wings"]["left"]["side"] == ["Your left leg"]
        assert shape["wings"]["right"]["side"] == ["Your right leg"]
        for side, wing in shape["wings"].items():
            x = wing["ends"][0]["end"]["x"]
            assert (x > shape["midline"]) == (side == "right")
        assert "both your legs" in picture.get_attribute("aria-label")
        shoot(page, "result-both-legs")
    finally:
        context.close()


def test_stenosis_narrows_the_canal_and_no_disc_glows(browser: Any, app_url: str) -> None:
    context, page = open_saved(browser, app_url, answers_for("stenosis", "both"), None)
    try:
        picture = drawn(page)
        names = picture.get_attribute("class").split()
        assert {"dg-stenosis", "r-L5"} <= set(names)
        assert not [n for n in names if n.startswith("d-")]
        story_told(page)
        assert page.locator("#diagram-large .narrow").is_visible()
        assert not page.locator("#diagram-large .canal").is_visible()
        assert page.locator("#diagram-large .nl").text_content() == CONTENT.ui["narrow_space"]
        assert picture.evaluate(GEOMETRY)["discs"] == []
        shoot(page, "result-stenosis")
    finally:
        context.close()


def test_a_local_result_shows_the_foot_and_no_spine(browser: Any, app_url: str) -> None:
    context, page = open_saved(browser, app_url, answers_for("local", "right"), None)
    try:
        picture = drawn(page)
        names = picture.get_attribute("class").split()
        assert {"dg-foot", "dg-R", "m-heel", "m-sole"} <= set(names)
        assert not [n for n in names if n.startswith(("r-", "d-"))]
        story_told(page)
        assert not page.locator("#diagram-large .spine").is_visible()
        assert page.locator("#diagram-large path.nv:visible").count() == 0
        assert page.locator("#diagram-large .wing-R .side-foot").text_content() == "Your right foot"
        assert CONTENT.ui["fact_local"] in page.locator("#diagram-large .dg-facts").inner_text()
        assert page.evaluate("document.getAnimations().length") == 0  # nothing to tell
        shoot(page, "result-local")
    finally:
        context.close()


def test_the_story_plays_once_when_the_picture_is_seen(browser: Any, app_url: str) -> None:
    """The disc pulses, the path draws from the spine to the foot in about 1.5 s, the skin
    area fills; then everything rests in its final state."""
    context, page = open_saved(browser, app_url, answers_for("L5", "right"), None)
    try:
        drawn(page)
        see_picture(page)
        page.wait_for_function(
            "() => document.getAnimations().some(a => a.animationName === 'dg-draw')"
        )
        timings = page.evaluate(
            """() => document.getAnimations().map(a => {
                 const t = a.effect.getComputedTiming(), el = a.effect.target;
                 return {name: a.animationName, cls: el.getAttribute('class'),
                         start: t.delay, end: t.endTime, iterations: t.iterations};
               })"""
        )
        names = {t["name"] for t in timings}
        assert names == {"dg-pulse", "dg-draw", "dg-fill"}, names
        assert all(t["iterations"] <= 2 for t in timings)  # no endless motion
        draws = [t for t in timings if t["name"] == "dg-draw"]
        assert {t["cls"].split()[0] for t in draws} == {"nv", "nc"}
        parts = {n: [t for t in draws if f" p{n}" in t["cls"]] for n in (1, 2, 3)}
        # The spine part, then the leg, then the foot: each starts as the one before ends.
        assert max(t["end"] for t in parts[1]) <= min(t["start"] for t in parts[2])
        assert max(t["end"] for t in parts[2]) <= min(t["start"] for t in parts[3])
        drawing_time = max(t["end"] for t in draws) - min(t["start"] for t in draws)
        assert 1200 <= drawing_time <= 1800, drawing_time
        fills = [t for t in timings if t["name"] == "dg-fill"]
        assert fills and min(t["start"] for t in fills) >= max(t["end"] for t in draws)
        pulses = [t for t in timings if t["name"] == "dg-pulse"]
        assert pulses and all("hl-L4-L5" in t["cls"] for t in pulses)
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState === 'finished')"
        )
        # At rest: the whole path drawn and the skin area filled.
        assert style(page, "#diagram-large .wing-R path.nv.nv-L5.p3", "stroke-dashoffset") == "0px"
        assert style(page, "#diagram-large .wing-R .skin-L5", "opacity") == "1"
        # Seen again (scrolled away and back), it does not play again.
        page.evaluate("window.scrollTo(0, 0)")
        page.evaluate("document.getElementById('picture').scrollIntoView()")
        assert page.evaluate("document.getAnimations().every(a => a.playState === 'finished')")
    finally:
        context.close()


def test_reduced_motion_shows_the_final_picture_at_once(browser: Any, app_url: str) -> None:
    context, page = open_saved(
        browser, app_url, answers_for("L5", "left"), None, reduced_motion="reduce"
    )
    try:
        drawn(page)
        see_picture(page)
        page.locator("#diagram-large .wing-L path.nv.nv-L5.p3").wait_for()
        assert page.evaluate("document.getAnimations().length") == 0
        assert style(page, "#diagram-large .wing-L path.nv.nv-L5.p3", "stroke-dashoffset") == "0px"
        assert style(page, "#diagram-large .wing-L .skin-L5", "opacity") == "1"
        assert style(page, "#diagram-large .dk-L4-L5", "fill") != style(
            page, "#diagram-large .dk-L3-L4", "fill"
        )
        shoot(page, "result-reduced-motion")
    finally:
        context.close()


def test_the_story_pauses_while_the_tab_is_hidden(browser: Any, app_url: str) -> None:
    context, page = open_saved(browser, app_url, answers_for("S1", "right"), None)
    try:
        drawn(page)
        page.evaluate(
            "Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
            "document.dispatchEvent(new Event('visibilitychange'))"
        )
        see_picture(page)
        page.wait_for_function(
            "() => document.getAnimations().some(a => a.animationName === 'dg-draw')"
        )
        states = page.evaluate("document.getAnimations().map(a => a.playState)")
        assert states and set(states) == {"paused"}, states
        page.evaluate(
            "Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
            "document.dispatchEvent(new Event('visibilitychange'))"
        )
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState === 'finished')"
        )
    finally:
        context.close()


SMALLEST_LABEL = """svg => {
  const scale = svg.getScreenCTM().a;
  return [...svg.querySelectorAll('text')]
    .filter(t => getComputedStyle(t).display !== 'none' && t.getClientRects().length > 0)
    .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
}"""


@pytest.mark.parametrize(
    ("name", "side", "locale"),
    [("L5", "both", "en-GB"), ("S1", "right", "es-ES"), ("local", "left", "en-GB"),
     ("stenosis", "both", "en-GB")],
)  # fmt: skip
def test_no_label_is_smaller_than_12_px(
    browser: Any, app_url: str, name: str, side: str, locale: str
) -> None:
    context, page = open_saved(browser, app_url, answers_for(name, side), None, locale=locale)
    try:
        picture = drawn(page)
        labels = picture.evaluate(SMALLEST_LABEL)
        assert len(labels) >= 3, labels  # at least Back, Front and the side
        small = [(text, round(px, 1)) for text, px in labels if px < 12]
        assert not small, small
    finally:
        context.close()


def test_dark_palette_keeps_the_body_in_mid_tones_and_the_marks_brightest(
    browser: Any, app_url: str
) -> None:
    context, page = open_saved(
        browser, app_url, answers_for("S1", "right"), None, color_scheme="dark"
    )
    try:
        drawn(page)
        story_told(page)
        brightness = """s => { const [r, g, b] = getComputedStyle(document.querySelector(s))
                           .fill.match(/\\d+/g).map(Number); return (r + g + b) / 3; }"""
        body = page.evaluate(brightness, "#diagram-large .wing-R .body")
        marked = page.evaluate(brightness, "#diagram-large .hatch-bg")
        page_colour = page.evaluate(
            "getComputedStyle(document.querySelector('main')).backgroundColor"
        )
        paper = sum(int(n) for n in page_colour[4:-1].split(",")) / 3
        assert paper < body < marked, (paper, body, marked)
        assert 60 <= body <= 160  # mid tones, not a photo negative
        shoot(page, "result-dark")
    finally:
        context.close()


@pytest.mark.parametrize(("name", "side"), [("S1", "right"), ("stenosis", "both")])
def test_the_printout_has_the_picture_in_black_and_white_on_one_page(
    browser: Any, app_url: str, name: str, side: str
) -> None:
    root = RESULTS[name][1]
    context, page = open_saved(browser, app_url, answers_for(name, side), None)
    try:
        drawn(page)
        page.wait_for_function(
            "() => document.getElementById('share-link')?.textContent.includes('/r/')"
        )
        page.emulate_media(media="print")
        assert page.locator("#diagram-large svg").is_visible()
        for selector in (".wing-R .body", ".hatch-bg", ".dots-bg"):
            assert style(page, f"#diagram-large {selector}", "fill") == "rgb(255, 255, 255)"
        path = f"#diagram-large .wing-R path.nv.nv-{root}.p3"
        for selector in (path, "#diagram-large .hatch", "#diagram-large .dot"):
            prop = "fill" if selector.endswith(".dot") else "stroke"
            assert style(page, selector, prop) == "rgb(0, 0, 0)"
        assert style(page, path, "stroke-dashoffset") == "0px"
        # The picture keeps the printout to one page (the longest results here).
        for paper in ("A4", "Letter"):
            assert pages(page.pdf(format=paper)) == 1, paper
        if name == "S1":
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "result-print.png"), full_page=True)
    finally:
        context.close()


def test_spanish_words_in_the_picture_and_its_text(browser: Any, app_url: str) -> None:
    spanish = get_content("es")
    context, page = open_saved(browser, app_url, answers_for("S1", "right"), None, locale="es-ES")
    try:
        picture = drawn(page)
        page.wait_for_function(
            "t => document.querySelector('#diagram-large .wing-R .side-leg')?.textContent === t",
            arg="Su pierna derecha",
        )
        label = picture.get_attribute("aria-label")
        assert "raíz nerviosa S1" in label and "disco L5-S1" in label
        assert "su pierna derecha" in label and "talón" in label
        assert page.locator("#diagram-large .wing-R text.rl-S1").text_content() == "Raíz S1"
        assert page.locator("#diagram-large .dl-a.dl-L5-S1").text_content() == "Disco L5-S1"
        facts = page.locator("#diagram-large .dg-facts").inner_text()
        assert spanish.ui["fact_skin"].format(roots="S1") in facts
        story_told(page)
        shoot(page, "result-spanish")
    finally:
        context.close()


def test_emergency_result_shows_only_the_message(browser: Any, app_url: str) -> None:
    assert assess(CONTENT, {"saddle_numbness": ("yes",)}).is_emergency
    context, page = open_saved(browser, app_url, {"saddle_numbness": ["yes"]}, None)
    try:
        page.locator("#screen-heading", has_text="Get emergency help now").wait_for()
        page.locator("#urgency").wait_for()
        assert page.locator("svg.dg").count() == 0
    finally:
        context.close()


# ----- the body map while answering -----------------------------------------------------------


def saved_places(page: Page) -> list[str]:
    """The location answer as recorded in browser storage after Continue."""
    raw = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY)
    return json.loads(raw)["answers"]["pain_regions"]


def continue_to_side(page: Page) -> None:
    page.locator("#continue").click()
    page.get_by_text("Which side is it on?").wait_for()


def test_tapping_the_map_records_the_same_answer_as_the_list(browser: Any, app_url: str) -> None:
    # The sciatic route (buttock, back of the thigh) and the L5 places.
    places = ["buttock", "back_thigh", "outer_calf", "top_of_foot", "big_toe"]
    # By the list.
    context, page = open_saved(browser, app_url, SAFE, "pain_regions")
    try:
        page.locator("#body-map").wait_for()
        for place in places:
            page.locator(f"#option-{place}").check()
        continue_to_side(page)
        by_list = saved_places(page)
    finally:
        context.close()
    # By the map: taps, then the keyboard, then a change made in the list shows on the map.
    context, page = open_saved(browser, app_url, SAFE, "pain_regions")
    try:
        page.locator("#body-map").wait_for()
        hits = page.locator("#body-map .hit").all()
        assert len(hits) == len(CONTENT.question("pain_regions").options) - 3  # type: ignore[union-attr]
        for hit in hits:
            box = hit.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, box
        labels = page.locator("#body-map svg").evaluate(SMALLEST_LABEL)
        assert labels and min(px for _, px in labels) >= 12, labels
        for place in places + ["heel"]:
            page.locator(f"[data-region={place}]").tap()
            assert page.locator(f"#option-{place}").is_checked()
            assert page.locator(f"[data-region={place}]").get_attribute("aria-checked") == "true"
        # Each place lit up as it was ticked (once: the animation is not endless).
        lit = page.evaluate(
            "document.getAnimations().filter(a => a.animationName === 'dg-lit')"
            ".map(a => a.effect.target.closest('[data-region]').dataset.region)"
        )
        assert set(lit) == {*places, "heel"}, lit
        page.locator("#option-heel").uncheck()  # the list, mirrored on the map
        assert page.locator("[data-region=heel]").get_attribute("aria-checked") == "false"
        knee = page.locator("[data-region=knee]")
        assert knee.get_attribute("role") == "checkbox" and knee.get_attribute("aria-label")
        page.locator("[data-region=front_thigh]").focus()
        page.keyboard.press("Tab")  # the next place on the map is the knee
        assert page.evaluate("document.activeElement.dataset.region") == "knee"
        page.keyboard.press("Space")
        assert page.locator("#option-knee").is_checked()
        page.keyboard.press("Enter")
        assert not page.locator("#option-knee").is_checked()
        assert knee.get_attribute("aria-checked") == "false"
        shoot(page, "body-map", "body-map")
        continue_to_side(page)
        assert saved_places(page) == by_list == places
        # No drawing on the side question: it would have to guess which leg.
        assert page.locator("#diagram-small").count() == 0
        page.locator("#option-right").check()
        page.locator("#continue").click()
        # The small drawing on the next questions: the patient's leg and the places marked,
        # and no nerve root or disc before the result.
        small = drawn(page, "#diagram-small svg")
        names = small.get_attribute("class").split()
        assert {f"m-{place}" for place in places} | {"dg-R", "dg-legs"} <= set(names)
        assert "dg-L" not in names
        assert not [n for n in names if n.startswith(("r-", "d-"))]
        assert "nerve root" not in page.locator("#diagram-small").inner_text()
        assert page.evaluate("document.getAnimations().length") == 0
        shoot(page, "quiz-small-diagram", "diagram-small")
    finally:
        context.close()


def test_the_body_map_is_legible_at_320_px(browser: Any, app_url: str) -> None:
    context, page = open_saved(
        browser, app_url, SAFE, "pain_regions", viewport={"width": 320, "height": 640}
    )
    try:
        page.locator("#body-map").wait_for()
        body_map = page.locator("#body-map svg")
        assert body_map.bounding_box()["width"] <= 320 - 16
        assert page.evaluate("document.documentElement.scrollWidth") <= 320  # no sideways scroll
        labels = body_map.evaluate(SMALLEST_LABEL)
        assert labels and min(px for _, px in labels) >= 12, labels
        for hit in page.locator("#body-map .hit").all():
            box = hit.bounding_box()
            assert min(box["width"], box["height"]) >= 36, box  # still an easy target
        shoot(page, "body-map-320", "body-map")
    finally:
        context.close()
