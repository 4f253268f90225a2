"""Kiosk mode in real Chromium.

The idle tests run on a second app whose prompt comes after 3 s (``idle_app_url``); they
start from answers already in the tablet's storage, so no step of theirs races the prompt.
Every other test runs on the session app, with the normal idle times.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from phones import APP_ENV, IDLE_ENV, PHONE, STORAGE_KEY, Page

from footquiz.state import CONTENT, SAVE_FORMAT

pytestmark = pytest.mark.e2e

IDLE_S = int(IDLE_ENV["FOOTQUIZ_KIOSK_IDLE_QUIZ"])
COUNTDOWN_S = int(IDLE_ENV["FOOTQUIZ_KIOSK_COUNTDOWN"])
SLACK_S = 15  # on top of the idle times, for a busy machine
TABLET = {**PHONE, "viewport": {"width": 810, "height": 1080}}


def kiosk_tablet(browser: Any, url: str) -> Iterator[Page]:
    """A fresh tablet that staff have put into kiosk mode on the app at ``url``."""
    context = browser.new_context(base_url=url, **TABLET)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/kiosk")
    page.locator("#kiosk-start").wait_for()
    page.wait_for_function("localStorage.getItem('footquiz_kiosk') === '1'")
    yield page
    context.close()


@pytest.fixture
def tablet(browser: Any, app_url: str) -> Iterator[Page]:
    """A kiosk on the session app (normal idle times)."""
    yield from kiosk_tablet(browser, app_url)


@pytest.fixture
def idle_tablet(browser: Any, idle_app_url: str) -> Iterator[Page]:
    """A kiosk on the app whose "Still there?" prompt comes after 3 s."""
    yield from kiosk_tablet(browser, idle_app_url)


def mid_check(page: Page, answers: dict[str, list[str]], current: str) -> None:
    """A patient part-way through on the kiosk, as after a reload: answers in storage, /quiz."""
    saved = {"format": SAVE_FORMAT, "version": CONTENT.version, "answers": answers}
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [STORAGE_KEY, json.dumps({**saved, "current": current})],
    )
    page.goto("/quiz")
    heading = CONTENT.question(current).text  # type: ignore[union-attr]
    page.wait_for_function(
        "h => document.getElementById('screen-heading')?.innerText === h", arg=heading
    )


def begin(page: Page, answers: int) -> None:
    """Start the check on the kiosk and answer a few warning-sign questions with "No"."""
    page.locator("#kiosk-start").click()
    page.wait_for_url("**/quiz/*")
    for _ in range(answers):
        before = page.locator("#screen-heading").inner_text()
        page.get_by_label("No", exact=True).check()
        page.locator("#continue").click()
        page.wait_for_function(
            "b => document.getElementById('screen-heading')?.innerText !== b", arg=before
        )


def saved_answers(page: Page) -> str:
    return page.evaluate("k => localStorage.getItem(k) || ''", STORAGE_KEY)


def nothing_of_the_last_patient(page: Page) -> None:
    """Going back after a wipe shows no answer: the attract screen or a check from nothing."""
    page.go_back()
    # Whichever screen Back shows, wait until it is on the screen with its content.
    page.wait_for_function(
        "location.pathname.startsWith('/quiz')"
        " ? document.querySelectorAll('input[id^=option-]').length > 0"
        " : !!document.getElementById('kiosk-start')"
    )
    if "/quiz" in page.url:
        page.get_by_text("Is there new numbness").wait_for()
        assert page.locator("input:checked").count() == 0
    else:
        assert "/kiosk" in page.url
    page.wait_for_function("document.activeElement?.id === 'screen-heading'")  # it has loaded
    assert '"no"' not in saved_answers(page)


def test_kiosk_mode_survives_a_reload_and_home_leads_to_the_attract_screen(tablet: Page) -> None:
    tablet.reload()
    tablet.locator("#kiosk-start").wait_for()
    tablet.goto("/")
    tablet.wait_for_url("**/kiosk")
    assert tablet.locator("a[target=_blank]").count() == 0


def test_idle_prompt_then_wipe(idle_tablet: Page) -> None:
    mid_check(idle_tablet, {"saddle_numbness": ["no"], "bladder_bowel": ["no"]}, "sex_problems")
    assert '"no"' in saved_answers(idle_tablet)
    idle_tablet.locator("#still-there").wait_for(state="visible", timeout=(IDLE_S + SLACK_S) * 1000)
    assert "Still there?" in idle_tablet.locator("#still-there").inner_text()
    idle_tablet.wait_for_url("**/kiosk", timeout=(COUNTDOWN_S + SLACK_S) * 1000)
    idle_tablet.locator("#kiosk-start").wait_for()
    assert saved_answers(idle_tablet) == ""
    nothing_of_the_last_patient(idle_tablet)


def test_still_here_keeps_the_answers_and_restarts_the_idle_time(idle_tablet: Page) -> None:
    mid_check(idle_tablet, {"saddle_numbness": ["no"]}, "bladder_bowel")
    prompt = idle_tablet.locator("#still-there")
    prompt.wait_for(state="visible", timeout=(IDLE_S + SLACK_S) * 1000)
    idle_tablet.locator("#still-here").click()
    tapped = time.monotonic()
    prompt.wait_for(state="hidden")
    # The prompt comes back only after a whole idle time, with the answers still there.
    prompt.wait_for(state="visible", timeout=(IDLE_S + SLACK_S) * 1000)
    assert time.monotonic() - tapped >= IDLE_S - 0.5
    assert "/quiz" in idle_tablet.url and '"no"' in saved_answers(idle_tablet)
    assert idle_tablet.get_by_label("No", exact=True).count() == 1  # still on a question


def test_im_done_asks_first_then_wipes(tablet: Page) -> None:
    begin(tablet, 2)
    tablet.locator("#kiosk-done").click()
    # One slip wipes nothing: "No, go back" keeps the patient where they were.
    tablet.locator("#kiosk-done-confirm-no").click()
    tablet.locator("#kiosk-done-confirm").wait_for(state="hidden")
    assert '"no"' in saved_answers(tablet)
    tablet.locator("#kiosk-done").click()
    tablet.locator("#kiosk-done-confirm-yes").click()
    tablet.wait_for_url("**/kiosk")
    tablet.locator("#kiosk-start").wait_for()
    assert saved_answers(tablet) == ""
    nothing_of_the_last_patient(tablet)


def test_leaving_kiosk_mode_needs_the_pin(tablet: Page) -> None:
    tablet.get_by_text("Staff: leave kiosk mode").click()
    tablet.locator("#kiosk-pin").fill("1111")
    tablet.get_by_role("button", name="Leave kiosk mode").click()
    tablet.get_by_text("That PIN is not right").wait_for()
    assert tablet.evaluate("localStorage.getItem('footquiz_kiosk')") == "1"
    tablet.locator("#kiosk-pin").fill(APP_ENV["FOOTQUIZ_KIOSK_PIN"])
    tablet.get_by_role("button", name="Leave kiosk mode").click()
    tablet.locator("#start").wait_for()  # the normal welcome screen
    assert tablet.evaluate("localStorage.getItem('footquiz_kiosk')") in ("", None)


def test_result_on_a_kiosk_has_a_qr_code_instead_of_links(tablet: Page) -> None:
    tablet.locator("#kiosk-start").click()
    tablet.wait_for_url("**/quiz/*")
    tablet.get_by_label("Yes", exact=True).check()  # an emergency answer ends the quiz at once
    tablet.locator("#continue").click()
    tablet.wait_for_url("**/result")
    tablet.locator("#kiosk-qr-note").wait_for()
    tablet.wait_for_function("document.getElementById('share-qr')?.src.startsWith('data:')")
    assert tablet.locator("a[target=_blank]").count() == 0
    assert tablet.locator("#share").count() == 0


def test_result_treatments_have_no_outside_links_on_a_kiosk(tablet: Page) -> None:
    begin(tablet, 0)
    plan = [["No"]] * 9 + [["None of these"], ["No"], ["Heel"], ["Right leg or foot"], ["No"]]
    plan += [["I have no back pain"], ["No"], ["I could do them all, and none felt weak"]]
    plan += [["No"], ["It is worst on my first steps in the morning or after I sit"]]
    plan += [["Slowly, with no clear cause"], ["Less than 6 weeks"], ["No"], ["40 to 49"]]
    for labels in plan:
        before = tablet.locator("#screen-heading").inner_text()
        for label in labels:
            tablet.get_by_label(label, exact=True).check()
        tablet.locator("#continue").click()
        tablet.wait_for_function(
            "b => document.getElementById('screen-heading')?.innerText !== b", arg=before
        )
    tablet.wait_for_url("**/result")
    tablet.locator("#treatments").wait_for()
    assert tablet.locator("#treatments .card").count() > 0
    assert tablet.locator("a[href^='http']").count() == 0
    tablet.locator("#share-qr").wait_for()


def test_the_manifest_is_served_and_valid(app_url: str) -> None:
    with urllib.request.urlopen(app_url + "/manifest.json", timeout=10) as response:
        manifest = json.loads(response.read())
    assert manifest["name"] and manifest["theme_color"]
    assert manifest["display"] in ("standalone", "fullscreen")
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        with urllib.request.urlopen(app_url + icon["src"], timeout=10) as response:
            assert response.status == 200
