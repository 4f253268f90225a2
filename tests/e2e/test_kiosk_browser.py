"""Kiosk mode in real Chromium.

The idle tests run on a second app whose prompt comes after 3 s (``idle_app_url``); they
start from answers already in the tablet's storage, so no step of theirs races the prompt.
Every other test runs on the session app, with the normal idle times.
"""

from __future__ import annotations

import json
import random
import re
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from hostile import QUIZ, run
from phones import APP_ENV, IDLE_ENV, PHONE, STORAGE_KEY, Page, make_kiosk, on_screen, wait_for_next

from benchmarks.patient import Patient, choose, shared_http_session
from footquiz.content import get_codebooks
from footquiz.engine import flow
from footquiz.engine.share import make_token
from footquiz.state import CONTENT, SAVE_FORMAT

pytestmark = pytest.mark.e2e

IDLE_S = int(IDLE_ENV["FOOTQUIZ_KIOSK_IDLE_QUIZ"])
COUNTDOWN_S = int(IDLE_ENV["FOOTQUIZ_KIOSK_COUNTDOWN"])
SLACK_S = 15  # on top of the idle times, for a busy machine
TABLET = {**PHONE, "viewport": {"width": 810, "height": 1080}}
ATTRACT = re.compile(r".*/kiosk/?$")
"""After a wipe the page is loaded afresh (a new tab token), at /kiosk/."""


def kiosk_tablet(browser: Any, url: str) -> Iterator[Page]:
    """A fresh tablet that staff have put into kiosk mode on the app at ``url``."""
    context = browser.new_context(base_url=url, **TABLET)
    page = context.new_page()
    page.set_default_timeout(15_000)
    make_kiosk(page)
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
    page.wait_for_url(f"**/quiz/{current}")  # the app has moved on to the question's address
    heading = CONTENT.question(current).text  # type: ignore[union-attr]
    page.wait_for_function(
        "h => document.getElementById('screen-heading')?.innerText === h", arg=heading
    )


def begin(page: Page, answers: int) -> None:
    """Start the check on the kiosk and answer a few warning-sign questions with "No"."""
    page.locator("#kiosk-start").click()
    page.wait_for_url("**/quiz/*")
    for _ in range(answers):
        before = on_screen(page)
        page.get_by_label("No", exact=True).check()
        page.locator("#continue").click()
        wait_for_next(page, before)


def saved_answers(page: Page) -> str:
    return page.evaluate("k => localStorage.getItem(k) || ''", STORAGE_KEY)


def nothing_of_the_last_patient(page: Page) -> None:
    """Going back after a wipe shows no answer: the attract screen or a check from nothing."""
    page.go_back()
    # Whichever screen Back shows, wait until it is on the screen with its content.
    page.wait_for_function(
        "() => location.pathname.startsWith('/quiz')"
        " ? document.querySelectorAll('input[id^=option-]').length > 0"
        " : !!document.getElementById('kiosk-start')"
    )
    if "/quiz" in page.url:
        page.get_by_text("Is there new numbness").wait_for()
        assert page.locator("input:checked").count() == 0
    else:
        assert "/kiosk" in page.url
    page.wait_for_function("() => document.activeElement?.id === 'screen-heading'")  # it has loaded
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
    idle_tablet.wait_for_url(ATTRACT, timeout=(COUNTDOWN_S + SLACK_S) * 1000)
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
    tablet.wait_for_url(ATTRACT)
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
    tablet.wait_for_function("() => document.getElementById('share-qr')?.src.startsWith('data:')")
    assert tablet.locator("a[target=_blank]").count() == 0
    assert tablet.locator("#share").count() == 0


def test_result_treatments_have_no_outside_links_on_a_kiosk(tablet: Page) -> None:
    begin(tablet, 0)
    plan = [["No"]] * 9 + [["None of these"], ["No"], ["Heel"], ["Right leg or foot"], ["No"]]
    plan += [["I have no back pain"], ["No"], ["I could do them all, and none felt weak"]]
    plan += [["No"], ["It is worst on my first steps in the morning or after I sit"]]
    plan += [["Slowly, with no clear cause"], ["Less than 6 weeks"], ["No"], ["40 to 49"]]
    for labels in plan:
        before = on_screen(tablet)
        for label in labels:
            tablet.get_by_label(label, exact=True).check()
        tablet.locator("#continue").click()
        wait_for_next(tablet, before)
    tablet.wait_for_url("**/result")
    tablet.locator("#treatments").wait_for()
    assert tablet.locator("#treatments .card").count() > 0
    assert tablet.locator("a[href^='http']").count() == 0
    tablet.locator("#share-qr").wait_for()


def storage(page: Page) -> dict[str, str | None]:
    """The tablet's saved answers and its tab token (the session key)."""
    return page.evaluate(
        "k => ({answers: localStorage.getItem(k), token: sessionStorage.getItem('token')})",
        STORAGE_KEY,
    )


def test_the_idle_wipe_needs_no_server(idle_tablet: Page) -> None:
    """Red-team finding 3: offline, the last patient's check stayed on screen and in storage."""
    mid_check(idle_tablet, {"saddle_numbness": ["no"], "bladder_bowel": ["no"]}, "sex_problems")
    before = storage(idle_tablet)
    assert '"no"' in (before["answers"] or "") and before["token"]
    idle_tablet.context.set_offline(True)
    idle_tablet.wait_for_function(
        "() => document.documentElement.classList.contains('kiosk-wiped')",
        timeout=(IDLE_S + COUNTDOWN_S + SLACK_S) * 1000,
    )
    assert storage(idle_tablet) == {"answers": None, "token": None}
    assert not idle_tablet.locator("main").is_visible()  # nothing of the patient to read
    idle_tablet.context.set_offline(False)
    idle_tablet.wait_for_url(ATTRACT, timeout=SLACK_S * 1000)  # back: the attract screen
    idle_tablet.locator("#kiosk-start").wait_for()
    after = storage(idle_tablet)
    assert after["token"] and after["token"] != before["token"]  # a fresh session key
    assert not after["answers"]


def test_a_failing_server_shows_the_apps_notice_and_cannot_stop_the_wipe(
    idle_tablet: Page,
) -> None:
    """Red-team findings 3 and 12: a backend error opened a native alert() that froze the
    kiosk's timer. Continue is turned into an event that fails on the server."""
    dialogs: list[str] = []
    idle_tablet.on("dialog", lambda dialog: dialogs.append(dialog.message))  # left open

    def break_continue(socket: Any) -> None:
        server = socket.connect_to_server()

        def from_page(message: str | bytes) -> None:
            if isinstance(message, str) and f"{QUIZ}.submit" in message:
                message = message.replace(f"{QUIZ}.submit", f"{QUIZ}.setvar")
            server.send(message)

        socket.on_message(from_page)
        server.on_message(lambda message: socket.send(message))

    idle_tablet.route_web_socket(re.compile(r".*/_event.*"), break_continue)
    mid_check(idle_tablet, {"saddle_numbness": ["no"]}, "bladder_bowel")
    idle_tablet.get_by_label("No", exact=True).check()
    idle_tablet.locator("#continue").click()
    notice = idle_tablet.locator("#trouble")
    notice.wait_for()
    assert "went wrong" in notice.inner_text() and notice.get_attribute("role") == "alert"
    idle_tablet.wait_for_url(ATTRACT, timeout=(IDLE_S + COUNTDOWN_S + SLACK_S) * 1000)
    idle_tablet.locator("#kiosk-start").wait_for()
    assert dialogs == []
    assert not storage(idle_tablet)["answers"]


def finished_answers() -> dict[str, tuple[str, ...]]:
    """A finished check with no warning sign, as a patient might answer it."""
    rng = random.Random(4)
    position = flow.start(CONTENT)
    while not position.done:
        question = position.current or ""
        position = flow.answer(CONTENT, position, question, choose(question, rng))
    return dict(position.answers)


def test_a_result_link_opened_on_a_kiosk_stays_kiosk_safe(idle_tablet: Page) -> None:
    """Red-team finding 6: a link on a kiosk had outside links, Share, Print, no I'm done and
    no idle wipe."""
    book = get_codebooks().codebooks[CONTENT.version]
    secret = IDLE_ENV["FOOTQUIZ_SECRET"].encode()
    response = idle_tablet.goto("/r/" + make_token(CONTENT, book, finished_answers(), secret))
    # The page as sent (the server cannot tell a kiosk) has no outside link, Share or Print.
    assert response is not None
    sent = response.text()
    assert 'href="http' not in sent and "data-print" not in sent and "data-share" not in sent
    idle_tablet.locator("#early").wait_for(state="detached")  # the app's own result is up
    idle_tablet.locator("#treatments .card").first.wait_for()
    assert idle_tablet.locator("a[href^='http']").count() == 0
    assert idle_tablet.locator("#share").count() == 0
    assert idle_tablet.locator("[data-print]").count() == 0
    assert idle_tablet.locator("#kiosk-qr-note").count() == 1
    assert idle_tablet.locator("#kiosk-done").is_visible()
    idle_tablet.locator("#still-there").wait_for(state="visible", timeout=(IDLE_S + SLACK_S) * 1000)
    idle_tablet.wait_for_url(ATTRACT, timeout=(COUNTDOWN_S + SLACK_S) * 1000)
    idle_tablet.locator("#kiosk-start").wait_for()


def test_back_from_question_1_on_a_kiosk_keeps_the_answers(tablet: Page) -> None:
    """Red-team finding 7: Back from question 1 (or the logo, by keyboard) wiped every answer."""
    begin(tablet, 2)
    for _ in range(2):
        before = on_screen(tablet)
        tablet.locator("#back").click()
        wait_for_next(tablet, before)
    tablet.locator("#back").click()
    tablet.wait_for_url("**/kiosk")
    tablet.locator("#kiosk-continue").click()  # the attract screen offers to go on
    tablet.wait_for_url("**/quiz/saddle_numbness")
    tablet.locator("#option-no:checked").wait_for()  # question 1, still answered
    assert saved_answers(tablet).count('"no"') == 2
    tablet.locator("a.brand").focus()
    tablet.keyboard.press("Enter")
    tablet.locator("#kiosk-continue").wait_for()
    assert saved_answers(tablet).count('"no"') == 2


def test_a_link_to_the_kiosk_page_neither_wipes_nor_locks_a_phone(phone: Page) -> None:
    """Red-team finding 8: a prank link to /kiosk wiped a phone's check and locked it."""
    phone.goto("/")
    phone.locator("#start").click()
    phone.wait_for_url("**/quiz/*")
    begin_answers = 0
    for _ in range(3):
        before = on_screen(phone)
        phone.get_by_label("No", exact=True).check()
        phone.locator("#continue").click()
        wait_for_next(phone, before)
        begin_answers += 1
    phone.goto("/kiosk")
    phone.locator("#kiosk-pin").wait_for()  # the staff's form, and nothing else
    assert phone.locator("#kiosk-start").count() == 0
    phone.goto("/")
    phone.get_by_role("button", name="Continue where I left off").wait_for()
    assert saved_answers(phone).count('"no"') == begin_answers
    assert phone.evaluate("localStorage.getItem('footquiz_kiosk')") in ("", None)


def test_each_patient_gets_a_fresh_session_key_and_the_server_forgets(tablet: Page) -> None:
    """Red-team finding 10: the kiosk's tab token never changed between patients."""
    begin(tablet, 2)
    token = storage(tablet)["token"]
    tablet.locator("#kiosk-done").click()
    tablet.locator("#kiosk-done-confirm-yes").click()
    tablet.wait_for_url(ATTRACT)
    tablet.locator("#kiosk-start").wait_for()
    tablet.wait_for_function("t => sessionStorage.getItem('token') !== t", arg=token)

    async def left_on_the_server() -> dict[str, list[str]]:
        async with shared_http_session() as http:
            thief = Patient(tablet.url.split("/kiosk")[0], token=token, http=http)
            await thief.connect("/nope/")  # a page with no on_load: nothing but the session
            await thief.close()
            return thief.answers

    assert run(left_on_the_server()) == {}


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
