"""The screen as sent, in real Chromium: readable with JavaScript off, and still on takeover.

A result link and a question's address arrive with their screen in the HTML
(footquiz/prerender.py); the app then takes over without anything on the screen moving. The
framework starts after the first paint (footquiz/boot.js): a tap made before it is ready is
held and replayed, never lost.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from phones import APP_ENV, PHONE, Page
from test_share_browser import L5

from footquiz.content import get_codebooks, get_regions
from footquiz.engine import flow
from footquiz.engine.model import Option, Question
from footquiz.engine.share import make_token
from footquiz.state import CONTENT, written_date

pytestmark = pytest.mark.e2e

FIRST = CONTENT.questions[0]
CLS_LIMIT = 0.02
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# Every layout shift from the first paint on (buffered), without a user's input before it.
WATCH_SHIFTS = """
window.__shifts = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def l5_link() -> str:
    """A result link for a likely L5 sciatica, sealed with the session app's key."""
    answers = {q: tuple(o) for q, o in L5.items()}
    token = make_token(
        CONTENT,
        get_codebooks().codebooks[CONTENT.version],
        answers,
        APP_ENV["FOOTQUIZ_SECRET"].encode(),
        0,
        get_regions()["us"].link_code,
        datetime.date.today(),
    )
    return "/r/" + token


def phone_without_javascript(browser: Any, app_url: str) -> tuple[Any, Page]:
    context = browser.new_context(base_url=app_url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_a_result_link_reads_with_javascript_off(browser: Any, app_url: str) -> None:
    """What to do, where it comes from with the picture, why, and what helps: all there."""
    context, page = phone_without_javascript(browser, app_url)
    try:
        response = page.goto(l5_link())
        assert response is not None and response.status == 200
        assert "within 1 to 2 weeks" in page.locator("h1").inner_text().lower()
        urgency = page.locator("#urgency")
        assert urgency.is_visible() and "Call 911" not in urgency.inner_text()
        assert "doctor" in page.locator("#next-steps").inner_text().lower()
        where = page.locator("#spine").inner_text()
        assert "L5 nerve root" in where and "L4-L5 disc" in where and "sciatica" in where
        assert page.locator("#picture svg.dg-large, #picture .dg-large svg").first.is_visible()
        assert page.locator("#why li").count() >= 2
        cards = page.locator("#treatments .card")
        assert cards.count() >= 2 and cards.first.locator("h3").is_visible()
        assert (
            f"Check taken on {written_date(CONTENT, datetime.date.today().isoformat())}"
            in page.locator("#taken").inner_text()
        )
    finally:
        context.close()


def test_a_question_reads_with_javascript_off(browser: Any, app_url: str) -> None:
    """The first question, its progress and its options, with nothing needing a script."""
    context, page = phone_without_javascript(browser, app_url)
    try:
        page.goto(f"/quiz/{FIRST.id}")
        assert page.locator("h1").inner_text() == FIRST.text
        assert page.locator(".progress-text").inner_text().startswith("Question 1 of ")
        labels = page.locator(".options label")
        assert labels.all_inner_texts() == [o.text for o in FIRST.options]
        labels.first.click()  # a real radio button
        assert page.locator(".options input").first.is_checked()
    finally:
        context.close()


@pytest.mark.parametrize("where", ["/quiz", f"/quiz/{FIRST.id}", "result link"])
def test_nothing_moves_when_the_app_takes_over(browser: Any, app_url: str, where: str) -> None:
    """The screen as sent is what the app then shows: layout shifts sum to at most 0.02."""
    context = browser.new_context(base_url=app_url, **PHONE)
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        response = page.goto(l5_link() if where == "result link" else where)
        assert response is not None
        sent = response.text()
        heading = FIRST.text if where != "result link" else "within 1 to 2 weeks"
        assert heading.replace("'", "&#x27;") in sent or heading in sent
        # The app has its own screen (the one as sent is gone), with the same heading.
        page.locator("#early").wait_for(state="detached")
        shown = page.locator(".app #screen-heading")
        assert heading.lower() in shown.inner_text().lower()
        # Two frames after the swap, so any shift it caused has been reported.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        shifts = page.evaluate("window.__shifts")
        assert shifts <= CLS_LIMIT, f"layout shifts on {where}: {shifts:.3f}"
    finally:
        context.close()


def test_an_option_ticked_before_the_app_takes_over_stays_ticked(
    browser: Any, app_url: str
) -> None:
    """A quick tap on the screen as sent is not lost when the app's own form replaces it."""
    context = browser.new_context(base_url=app_url, **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Hold the app's code back until the tap is made on the screen as sent.
    held: list[Any] = []
    released: list[bool] = []

    def hold(route: Any) -> None:
        route.continue_() if released else held.append(route)

    page.route("**/assets/entry.client-*.js", hold)
    try:
        with page.expect_request("**/assets/entry.client-*.js"):
            page.goto(f"/quiz/{FIRST.id}", wait_until="commit")
        page.locator("#early").get_by_text(FIRST.options[1].text, exact=True).click()
        released.append(True)
        for route in held:
            route.continue_()
        page.locator("#early").wait_for(state="detached")
        chosen = page.locator(f".app input[value='{FIRST.options[1].id}']")
        assert chosen.is_checked()
    finally:
        context.close()


REACT_LISTENS = "() => Object.keys(document).some((key) => key.startsWith('_reactListening'))"


def held_framework(page: Page, code: str = "**/assets/entry.client-*.js") -> Any:
    """Hold the app's code back (as a slow phone would) until the returned function is called."""
    held: list[Any] = []
    released: list[bool] = []

    def hold(route: Any) -> None:
        route.continue_() if released else held.append(route)

    def release() -> None:
        released.append(True)
        for route in held:
            route.continue_()

    page.route(code, hold)
    return release


def test_start_tapped_before_the_app_is_ready_still_starts(browser: Any, app_url: str) -> None:
    """The welcome page's Start, tapped as soon as it shows, opens the first question."""
    context = browser.new_context(base_url=app_url, **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    release = held_framework(page)
    try:
        page.goto("/", wait_until="commit")
        page.locator("#start").click()
        assert not page.evaluate(REACT_LISTENS), "the tap was made before the app was ready"
        release()
        page.wait_for_url(f"**/quiz/{FIRST.id}")
        page.locator("#screen-heading", has_text=FIRST.text).wait_for()
    finally:
        context.close()


def no_and_after() -> tuple[Option, Question]:
    """The first question's "No", and the question it leads to."""
    no = next(o for o in FIRST.options if o.id == "no")
    following = CONTENT.question(
        flow.answer(CONTENT, flow.start(CONTENT), FIRST.id, [no.id]).current or ""
    )
    assert following is not None
    return no, following


def test_an_answer_and_continue_tapped_before_the_app_is_ready_go_through(
    browser: Any, app_url: str
) -> None:
    """A question's address: an option and Continue tapped on the screen as sent, at once."""
    no, following = no_and_after()
    context = browser.new_context(base_url=app_url, **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    release = held_framework(page)
    try:
        page.goto(f"/quiz/{FIRST.id}", wait_until="commit")
        page.locator("#early").get_by_text(no.text, exact=True).click()
        page.locator("#early").get_by_role("button", name="Continue").click()
        assert not page.evaluate(REACT_LISTENS), "the taps were made before the app was ready"
        release()
        page.wait_for_url(f"**/quiz/{following.id}")
        page.locator("#screen-heading", has_text=following.text).wait_for()
    finally:
        context.close()


def test_a_tick_on_quiz_before_the_app_moves_to_the_questions_address_carries_over(
    browser: Any, app_url: str
) -> None:
    """``/quiz`` moves on to ``/quiz/<id>``; a tick made before that page is there is kept.

    The app used to show the question on ``/quiz`` too, and a tick made there was lost when
    the question's own page replaced it a moment later (Continue then asked for an answer).
    """
    no, following = no_and_after()
    context = browser.new_context(base_url=app_url, **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    release = held_framework(page, "**/assets/_quiz_.__qid_._index-*.js")
    try:
        with page.expect_request("**/assets/_quiz_.__qid_._index-*.js"):
            page.goto("/quiz")  # the app runs, and is on its way to the question's address
        assert page.evaluate(REACT_LISTENS)
        page.get_by_label(no.text, exact=True).check()
        release()
        page.wait_for_url(f"**/quiz/{FIRST.id}")
        page.locator("#screen-heading", has_text=FIRST.text).wait_for()
        assert page.locator(f".app input[value='{no.id}']").is_checked()
        page.locator("#continue").click()
        page.locator("#screen-heading", has_text=following.text).wait_for()
    finally:
        context.close()
