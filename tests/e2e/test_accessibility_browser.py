"""WCAG 2.2 AA by machine: axe-core on every screen, in light and dark, in every language,
and reflow at 320 px (what 400% zoom on a desktop, or 200% on a small laptop, comes to)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from phones import PHONE, SAFE, STORAGE_KEY, Page, make_kiosk, on_screen, wait_for_next

from footquiz.content import LANGUAGES, get_content
from footquiz.engine import flow
from footquiz.engine.assess import assess
from footquiz.state import CONTENT, SAVE_FORMAT

pytestmark = pytest.mark.e2e

AXE = Axe()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HEEL = {
    **SAFE,
    "pain_regions": ["heel"],
    "side": ["right"],
    "pain_travels": ["no"],
    "leg_vs_back": ["no_back"],
    "leg_nerve": ["no"],
    "self_tests": ["none"],
    "ankle_tap": ["no"],
    "worse_with": ["first_steps"],
    "onset": ["gradual"],
    "duration": ["under_6_weeks"],
    "diabetes": ["no"],
    "age": ["age_40_49"],
}
HEEL_CALF = {q: o for q, o in HEEL.items() if q != "ankle_tap"}  # no heel: no ankle tap
# One answer set per urgency tier, checked against the engine below.
TIERS = {
    "emergency": {"saddle_numbness": ["yes"]},
    "same_day": {**HEEL, "foot_drop": ["new_or_worse"]},
    "within_days": {**HEEL, "serious_signs": ["fever"]},
    "soon": {**HEEL, "self_tests": ["big_toe"], "weakness_new": ["no"], "knee_pressure": ["no"]},
    "routine": {
        **HEEL_CALF,
        "pain_regions": ["outer_calf", "top_of_foot"],
        "pain_travels": ["yes"],
        "leg_vs_back": ["leg"],
        "worse_with": ["none"],
    },
    "self_care": HEEL,
}
# A path that shows every question, the conditional ones included: the four steps (after an
# injury), the bony places (when the four steps are possible), the self-test steps and the
# follow-ups of a failed test (is it new, the knee), the ankle tap (heel pain) and toes first
# (both sides, diabetes).
EVERY_QUESTION = [
    ("saddle_numbness", ["no"]),
    ("bladder_bowel", ["no"]),
    ("sex_problems", ["no"]),
    ("both_legs_pain", ["no"]),
    ("both_legs_weak", ["no"]),
    ("cold_foot", ["no"]),
    ("calf_swelling", ["no"]),
    ("foot_skin", ["no"]),
    ("foot_drop", ["steady"]),
    ("serious_signs", ["none"]),
    ("injury", ["minor"]),
    ("four_steps", ["yes"]),
    ("bone_tender", ["no"]),
    ("pain_regions", ["outer_calf", "heel"]),
    ("side", ["both"]),
    ("pain_travels", ["no"]),
    ("leg_vs_back", ["no_back"]),
    ("leg_nerve", ["yes"]),
    ("self_tests", ["heel_walk"]),
    ("weakness_new", ["no"]),
    ("knee_pressure", ["yes"]),
    ("ankle_tap", ["no"]),
    ("worse_with", ["none"]),
    ("onset", ["gradual"]),
    ("duration", ["under_6_weeks"]),
    ("diabetes", ["yes"]),
    ("toes_first", ["no"]),
    ("age", ["age_40_49"]),
]
VARIANTS = [
    (language, scheme, width)
    for language in LANGUAGES
    for scheme, width in (("light", 320), ("dark", 390))
]


def test_the_answer_sets_reach_their_tiers() -> None:
    for tier, answers in TIERS.items():
        assert flow.resume(CONTENT, answers, None).done, f"{tier}: a question is unanswered"
        given = {q: tuple(o) for q, o in answers.items()}
        assert {q.id for q in flow.path(CONTENT, given)} == set(given), f"{tier}: not asked"
        result = assess(CONTENT, given)
        assert result.urgency.tier == tier
    every = {q: tuple(o) for q, o in EVERY_QUESTION}
    assert [q.id for q in flow.path(CONTENT, every)] == [q.id for q in CONTENT.questions]
    assert list(every) == [q.id for q in CONTENT.questions]
    assert not assess(CONTENT, every).is_emergency


def check(page: Page, screen: str, width: int) -> None:
    """No axe violation and no sideways scrolling on this screen."""
    page.wait_for_timeout(150)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    violations = results.response["violations"]
    assert not violations, f"{screen}: " + json.dumps(
        [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations],
        ensure_ascii=False,
    )
    overflow = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "w => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > w + 1)"
        ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)",
        width,
    )
    assert overflow <= width, f"{screen}: {overflow} px wide at {width} px: {wide}"


def phone(browser: Any, app_url: str, language: str, scheme: str, width: int) -> Any:
    context = browser.new_context(
        base_url=app_url,
        **{**PHONE, "viewport": {"width": width, "height": 800}, "locale": language},
        color_scheme=scheme,
    )
    context.add_init_script(f"localStorage.setItem('footquiz_lang', {json.dumps(language)})")
    return context


@pytest.mark.parametrize(("language", "scheme", "width"), VARIANTS)
def test_every_question_and_the_welcome_screen(
    browser: Any, app_url: str, language: str, scheme: str, width: int
) -> None:
    content = get_content(language)
    context = phone(browser, app_url, language, scheme, width)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    page.locator("#start").wait_for()
    check(page, "welcome", width)
    page.locator("#start").click()
    page.wait_for_url("**/quiz/*")
    for question_id, option_ids in EVERY_QUESTION:
        question = content.question(question_id)
        assert question is not None
        page.wait_for_function(  # this question is on screen
            "h => document.getElementById('screen-heading')?.innerText === h", arg=question.text
        )
        page.locator(f"#option-{option_ids[0]}").wait_for()
        page.locator("details.help summary").click()  # check the help too, opened
        steps = page.locator("#instructions li")  # the self-test steps, on the screen itself
        assert steps.count() == len(question.instructions), question_id
        if question.instructions:
            assert steps.first.inner_text() == question.instructions[0]
        check(page, question_id, width)
        before = on_screen(page)
        for option_id in option_ids:
            page.locator(f"#option-{option_id}").check()
        page.locator("#continue").click()
        wait_for_next(page, before)
    page.wait_for_url("**/result")
    context.close()


@pytest.mark.parametrize(("language", "scheme", "width"), VARIANTS)
def test_every_result_tier_and_the_other_screens(
    browser: Any, app_url: str, language: str, scheme: str, width: int
) -> None:
    for tier, answers in TIERS.items():
        context = phone(browser, app_url, language, scheme, width)
        saved = {"format": SAVE_FORMAT, "version": CONTENT.version, "answers": answers}
        context.add_init_script(
            f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1; localStorage.setItem("
            f"{json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps({**saved, 'current': None}))}); }}"
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/result")
        page.locator(f".urgency-{tier}").wait_for()
        page.wait_for_function(
            "() => document.getElementById('share-link')?.textContent.includes('/r/')"
        )
        check(page, f"result {tier}", width)
        # And with every disclosure open (answers, words, share, all the reasons).
        page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
        check(page, f"result {tier} opened", width)
        if tier == "soon":
            path = page.locator("#share-link").get_attribute("href")
            page.goto(path)
            page.locator("#take").wait_for()
            check(page, "shared result", width)
        context.close()
    context = phone(browser, app_url, language, scheme, width)
    page = context.new_page()
    page.set_default_timeout(15_000)
    for path, ready, screen in (
        ("/no-such-page", "a[href='/']", "not found"),
        ("/r/not-a-valid-link", "#take", "invalid link"),
        ("/kiosk", "#kiosk-pin", "kiosk set-up"),
    ):
        page.goto(path)
        page.locator(ready).first.wait_for()
        check(page, screen, width)
    make_kiosk(page)
    check(page, "kiosk attract", width)
    page.locator("details.staff-exit summary").click()
    check(page, "kiosk staff exit", width)
    context.close()


@pytest.mark.parametrize(("language", "scheme", "width"), VARIANTS)
def test_the_kiosk_still_there_prompt(
    browser: Any, idle_app_url: str, language: str, scheme: str, width: int
) -> None:
    context = phone(browser, idle_app_url, language, scheme, width)
    page = context.new_page()
    page.set_default_timeout(15_000)
    make_kiosk(page)
    page.locator("#kiosk-start").click()
    page.wait_for_url("**/quiz/*")
    page.locator("#option-no").wait_for()
    page.locator("#still-there").wait_for(state="visible")  # opened by the app, after 3 s idle
    check(page, "kiosk still there?", width)
    assert page.locator("#still-there").is_visible()  # axe ran on the open prompt
    context.close()


def test_the_checker_catches_a_real_violation(browser: Any) -> None:
    """Guards the tests above: axe must report a missing alt text and a low contrast."""
    page = browser.new_page()
    page.set_content(
        "<html lang='en'><head><title>t</title></head><body><main><h1>t</h1>"
        "<img src='data:,'><p style='color:#bbb;background:#fff'>faint</p></main></body></html>"
    )
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    found = {v["id"] for v in results.response["violations"]}
    assert {"image-alt", "color-contrast"} <= found, found
    page.close()
