"""The spine diagram and the body map in real Chromium at 390x844.

Results are opened straight from browser storage (as after a reload), so each screenshot costs
one page load instead of a walk through every question. Screenshots go to ``screenshots/``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from phones import SAFE, SCREENSHOTS, STORAGE_KEY, open_saved

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
# ankle tap, which does not tingle.
# name: (answers, root, disc); root None is the local (foot) result.
RESULTS: dict[str, tuple[dict[str, list[str]], str | None, str | None]] = {
    "L3": (
        {**SAFE, "pain_regions": ["front_thigh", "knee"], "side": ["left"], **SPINE_LIKE,
         "pain_travels": ["no"], "self_tests": ["chair_rise"], "weakness_new": ["no"]},
        "L3", "L2-L3",
    ),
    "L4": (
        {**SAFE, "pain_regions": ["knee", "inner_shin", "inner_ankle"], "side": ["right"],
         **SPINE_LIKE, "self_tests": ["heel_walk", "chair_rise"], "weakness_new": ["no"],
         "ankle_tap": ["no"]},
        "L4", "L3-L4",
    ),
    "L5": (
        {**SAFE, "pain_regions": ["buttock", "back_thigh", "outer_calf", "top_of_foot", "big_toe"],
         "side": ["left"], **SPINE_LIKE, "self_tests": ["big_toe"], "weakness_new": ["no"]},
        "L5", "L4-L5",
    ),
    "S1": (
        {**SAFE, "pain_regions": ["buttock", "back_thigh", "back_calf", "heel", "sole",
                                  "outer_edge"],
         "side": ["right"], **SPINE_LIKE, "self_tests": ["toe_walk"], "weakness_new": ["no"],
         "ankle_tap": ["no"]},
        "S1", "L5-S1",
    ),
    "local": (
        {**SAFE, "pain_regions": ["heel", "sole"], "side": ["right"], **SPINE_LIKE,
         "pain_travels": ["no"], "leg_vs_back": ["no_back"], "leg_nerve": ["no"],
         "ankle_tap": ["no"], "worse_with": ["first_steps"], "onset": ["gradual"]},
        None, None,
    ),
}  # fmt: skip


def shoot(page: Page, name: str, anchor: str) -> None:
    """Scroll the drawing to the top of the 390x844 screen and keep a screenshot."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate("id => document.getElementById(id).scrollIntoView()", anchor)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def drawn(page: Page, selector: str) -> Any:
    """The diagram's <svg>, once the saved answers have reached it (a place is marked)."""
    page.wait_for_function(
        "s => / m-/.test(document.querySelector(s)?.getAttribute('class') || '')", arg=selector
    )
    return page.locator(selector)


def style(page: Page, selector: str, prop: str) -> str:
    return page.evaluate(
        "([s, p]) => getComputedStyle(document.querySelector(s)).getPropertyValue(p)",
        [selector, prop],
    )


@pytest.mark.parametrize("name", list(RESULTS))
def test_result_highlights_the_root_its_disc_and_path(
    browser: Any, app_url: str, name: str
) -> None:
    answers, root, disc = RESULTS[name]
    given = {q: tuple(o) for q, o in answers.items()}
    assert flow.resume(CONTENT, answers, None).done  # a finished check
    assert {q.id for q in flow.path(CONTENT, given)} == set(answers)  # every answer was asked
    engine = assess(CONTENT, given)
    assert [r.root for r in engine.roots] == ([root] if root else [])  # the scenario still fits
    context, page = open_saved(browser, app_url, answers, None)
    try:
        drawing = drawn(page, "#diagram-large svg")
        names = drawing.get_attribute("class").split()
        label = drawing.get_attribute("aria-label")
        facts = page.locator("#diagram-large .dg-facts").inner_text()
        assert drawing.get_attribute("role") == "img"
        for place in answers["pain_regions"]:
            assert f"m-{place}" in names
            assert style(page, f"#diagram-large .leg .rg-{place}", "fill").startswith("url(")
        if root:
            assert {f"r-{root}", f"d-{disc}", "dg-animate"} <= set(names)
            for text in (label, facts):
                assert f"{root} nerve root" in text and f"{disc} disc" in text
            pulse = f"#diagram-large .spine .pulse-{root}"
            assert style(page, pulse, "display") != "none"
            assert style(page, pulse, "animation-name") == "dg-pulse-spine"
            assert page.locator(f"#diagram-large .dl-{disc}").is_visible()
        else:
            assert "dg-local" in names and not page.locator("#diagram-large .spine").is_visible()
            assert CONTENT.ui["fact_local"] in facts  # the spine is not highlighted
        shoot(page, f"result-{name}", "picture")
    finally:
        context.close()


def test_reduced_motion_gives_a_static_highlight(browser: Any, app_url: str) -> None:
    answers, root, disc = RESULTS["L5"]
    context, page = open_saved(browser, app_url, answers, None, reduced_motion="reduce")
    try:
        drawn(page, "#diagram-large svg")
        assert style(page, f"#diagram-large .spine .np-{root}", "display") != "none"
        assert style(page, f"#diagram-large .spine .pulse-{root}", "display") == "none"
        assert style(page, f"#diagram-large .dh-{disc}", "animation-name") == "none"
        shoot(page, "result-L5-reduced-motion", "picture")
    finally:
        context.close()


def test_animation_pauses_while_the_tab_is_hidden(browser: Any, app_url: str) -> None:
    context, page = open_saved(browser, app_url, RESULTS["S1"][0], None)
    try:
        pulse = "#diagram-large .leg .pulse-S1"
        drawn(page, "#diagram-large svg")
        assert style(page, pulse, "animation-play-state") == "running"
        page.evaluate(
            "Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
            "document.dispatchEvent(new Event('visibilitychange'))"
        )
        assert style(page, pulse, "animation-play-state") == "paused"
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


def saved_places(page: Page) -> list[str]:
    """The location answer as recorded in browser storage after Continue."""
    raw = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY)
    return json.loads(raw)["answers"]["pain_regions"]


def continue_to_side(page: Page) -> None:
    page.locator("#continue").click()
    page.get_by_text("Which side is it on?").wait_for()


def test_tapping_the_map_records_the_same_answer_as_the_list(browser: Any, app_url: str) -> None:
    # The sciatic route (buttock, back of the thigh) and the L5 places: enough, on their own,
    # for the engine to name a root while the quiz is still going on.
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
        for hit in page.locator("#body-map .hit").all():
            box = hit.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, box
        for place in places + ["heel"]:
            page.locator(f"[data-region={place}]").tap()
            assert page.locator(f"#option-{place}").is_checked()
            assert page.locator(f"[data-region={place}]").get_attribute("aria-checked") == "true"
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
        # The small diagram on the next question lights the places up and names the root.
        small = drawn(page, "#diagram-small svg")
        names = small.get_attribute("class").split()
        assert {f"m-{place}" for place in places} | {"r-L5", "d-L4-L5"} <= set(names)
        assert "L5 nerve root" in page.locator("#diagram-small").inner_text()
    finally:
        context.close()
