"""The patient's journey as on any NHS or GOV.UK form, in real Chromium (issue 14).

A URL per question so the phone's Back and Forward work, page titles that name the question,
"Change" that comes straight back, a confirmation before anything is wiped, a result that says
what to do within its first two phone screens, and Start on the first screen. Every wait is for
something a patient waits for: a heading, an address.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from phones import PHONE, STORAGE_KEY, Page, make_kiosk

from footquiz.state import CONTENT

pytestmark = pytest.mark.e2e

TEXT = {q.id: q.text for q in CONTENT.questions}
# A typical sciatica path: calf and outer edge of the foot, tip-toes hard, worse on coughing.
SCIATICA = [
    ("saddle_numbness", ["No"]),
    ("bladder_bowel", ["No"]),
    ("sex_problems", ["No"]),
    ("both_legs_pain", ["No"]),
    ("both_legs_weak", ["No"]),
    ("cold_foot", ["No"]),
    ("calf_swelling", ["No"]),
    ("foot_skin", ["No"]),
    ("foot_drop", ["No"]),
    ("serious_signs", ["None of these"]),
    ("injury", ["No"]),
    ("pain_regions", ["Back of the calf", "Outer edge of the foot, or little toe"]),
    ("side", ["Right leg or foot"]),
    ("pain_travels", ["Yes"]),
    ("leg_vs_back", ["My leg bothers me more than my back"]),
    ("leg_nerve", ["Yes, in my leg"]),
    ("self_tests", ["Walking on my tip-toes, or rising up on my toes"]),
    ("weakness_new", ["No, it has been the same for more than 2 weeks"]),
    ("worse_with", ["Coughing or sneezing sends a jolt of pain down my leg"]),
    ("onset", ["Suddenly, after I lifted, bent or twisted"]),
    ("duration", ["Less than 6 weeks"]),
    ("diabetes", ["No"]),
    ("age", ["40 to 49"]),
]
SIZES = {
    "phone": PHONE,
    "kiosk-portrait": {**PHONE, "viewport": {"width": 1080, "height": 1920}, "is_mobile": False},
    "kiosk-landscape": {**PHONE, "viewport": {"width": 1280, "height": 800}, "is_mobile": False},
}


def on_question(page: Page, question_id: str) -> None:
    """Wait for a question's own address and heading."""
    page.wait_for_url(f"**/quiz/{question_id}")
    page.locator("#screen-heading", has_text=TEXT[question_id]).wait_for()


def answer(page: Page, question_id: str, labels: list[str]) -> None:
    """Tick the options on this question and press Continue."""
    on_question(page, question_id)
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.locator("#continue").click()


def on_result(page: Page) -> None:
    """Wait for the result's address and its heading, which says what to do."""
    page.wait_for_url("**/result")
    page.locator("#urgency").wait_for()
    page.wait_for_function(
        "() => !['', 'Your result'].includes("
        "document.getElementById('screen-heading')?.textContent ?? '')"
    )


def finish(page: Page) -> None:
    for question_id, labels in SCIATICA:
        answer(page, question_id, labels)
    on_result(page)


@pytest.fixture(params=list(SIZES))
def device(request: pytest.FixtureRequest, browser: Any, app_url: str) -> Iterator[Page]:
    """A phone, or a tablet that staff have put into kiosk mode (portrait or landscape)."""
    context = browser.new_context(base_url=app_url, **SIZES[request.param])
    page = context.new_page()
    page.set_default_timeout(20_000)
    if request.param == "phone":
        page.goto("/")
        page.locator("#start").click()
    else:
        make_kiosk(page)
        page.locator("#kiosk-start").click()
    yield page
    context.close()


def test_back_and_forward_move_between_questions_and_into_the_result(device: Page) -> None:
    for question_id, labels in SCIATICA[:7]:
        answer(device, question_id, labels)
    on_question(device, "foot_skin")
    # The browser's (the phone's) Back: question by question, each with its answer kept.
    for question_id, _ in reversed(SCIATICA[1:7]):
        device.go_back()
        on_question(device, question_id)
        assert device.get_by_label("No", exact=True).is_checked()
        assert device.title() == f"{TEXT[question_id]} - footquiz"
    for question_id, _ in SCIATICA[2:7]:
        device.go_forward()
        on_question(device, question_id)
        assert device.get_by_label("No", exact=True).is_checked()
    device.go_forward()
    on_question(device, "foot_skin")
    for question_id, labels in SCIATICA[7:]:
        answer(device, question_id, labels)
    on_result(device)
    device.go_back()
    on_question(device, "age")
    assert device.get_by_label("40 to 49", exact=True).is_checked()
    device.go_forward()
    on_result(device)


@pytest.mark.parametrize("size", ["kiosk-portrait", "kiosk-landscape"])
def test_on_a_kiosk_every_question_fits_one_screen(browser: Any, app_url: str, size: str) -> None:
    """Nothing on a kiosk needs scrolling but the result: on each question of a sciatica path,
    every option and Continue are on the screen as it opens, and still are once Continue with
    nothing chosen has shown the error (staff controls may sit below); on a landscape tablet
    the body map sits beside its list of places."""
    context = browser.new_context(base_url=app_url, **SIZES[size])
    page = context.new_page()
    page.set_default_timeout(20_000)
    height = SIZES[size]["viewport"]["height"]
    try:
        make_kiosk(page)
        page.locator("#kiosk-start").click()
        for question_id, labels in SCIATICA:
            on_question(page, question_id)
            assert continue_bottom(page) <= height, (question_id, continue_bottom(page))
            page.locator("#continue").click()
            page.locator("#error-summary").wait_for()
            assert continue_bottom(page) <= height, (question_id, "error", continue_bottom(page))
            if question_id == "pain_regions" and size == "kiosk-landscape":
                beside = page.evaluate(
                    "() => { const m = document.getElementById('body-map')"
                    ".getBoundingClientRect(); const o = document.querySelector('.options')"
                    ".getBoundingClientRect(); return o.left >= m.right - 1 && o.top < m.bottom; }"
                )
                assert beside
            answer(page, question_id, labels)
        on_result(page)
    finally:
        context.close()


def continue_bottom(page: Page) -> float:
    """How far down the page Continue ends, in CSS pixels."""
    return page.evaluate(
        "() => document.getElementById('continue').getBoundingClientRect().bottom + scrollY"
    )


def test_a_question_not_reached_goes_to_the_first_unanswered_one(phone: Page) -> None:
    phone.goto("/")
    phone.locator("#start").click()
    answer(phone, "saddle_numbness", ["No"])
    on_question(phone, "bladder_bowel")
    phone.goto("/quiz/age")  # never past the safety questions
    on_question(phone, "bladder_bowel")
    phone.goto("/quiz/no-such-question")
    on_question(phone, "bladder_bowel")


def test_titles_name_the_question_and_errors_follow_the_gov_uk_pattern(phone: Page) -> None:
    phone.goto("/")
    phone.locator("#start").click()
    on_question(phone, "saddle_numbness")
    assert phone.title() == f"{TEXT['saddle_numbness']} - footquiz"
    assert phone.locator("#serious-first").is_visible()  # why serious symptoms come first
    phone.locator("#continue").click()
    summary = phone.locator("#error-summary")
    summary.wait_for()
    phone.wait_for_function("document.title.startsWith('Error: ')")
    assert phone.title() == f"Error: {TEXT['saddle_numbness']} - footquiz"
    phone.wait_for_function("document.activeElement?.id === 'error-summary'")
    summary.locator("a").click()  # the summary's link goes to the field
    phone.wait_for_function("document.activeElement?.id === 'option-yes'")
    assert "Error:" in phone.locator("#answer-error").inner_text()
    answer(phone, "saddle_numbness", ["No"])
    on_question(phone, "bladder_bowel")
    assert phone.title() == f"{TEXT['bladder_bowel']} - footquiz"
    assert phone.locator("#serious-first").count() == 0
    # "None of these" and "I'm not sure" are set apart by an "or"; help has a marker.
    for question_id, labels in SCIATICA[1:9]:
        answer(phone, question_id, labels)
    on_question(phone, "serious_signs")
    assert phone.locator(".or-divider").count() == 1
    marker = phone.evaluate(
        "getComputedStyle(document.querySelector('.help summary'), '::before').borderLeftWidth"
    )
    assert marker != "0px"


def test_change_comes_straight_back_to_the_result(phone: Page) -> None:
    phone.goto("/")
    phone.locator("#start").click()
    finish(phone)
    phone.locator("#answers summary").click()
    phone.locator(".answer-row", has_text=TEXT["side"]).locator("button").click()
    on_question(phone, "side")
    phone.get_by_label("Left leg or foot", exact=True).check()
    phone.locator("#continue").click()
    on_result(phone)
    phone.locator("#answers summary").click()
    assert "Left leg or foot" in phone.locator("#answers").inner_text()
    # A change that makes a new question relevant: that question is asked, then the result.
    row = phone.locator(".answer-row", has_text=TEXT["self_tests"])
    row.locator("button").click()
    on_question(phone, "self_tests")
    phone.get_by_label("Walking on my tip-toes, or rising up on my toes", exact=True).uncheck()
    phone.get_by_label("Pushing my big toe up", exact=True).check()
    phone.locator("#continue").click()
    on_result(phone)


def test_start_over_asks_before_it_wipes(phone: Page) -> None:
    phone.goto("/")
    phone.locator("#start").click()
    answer(phone, "saddle_numbness", ["No"])
    on_question(phone, "bladder_bowel")
    phone.locator("#start-over").click()
    dialog = phone.locator("#start-over-confirm")
    dialog.wait_for()
    phone.locator("#start-over-confirm-no").click()
    dialog.wait_for(state="hidden")
    assert "saddle_numbness" in phone.evaluate("k => localStorage.getItem(k)", STORAGE_KEY)
    phone.locator("#start-over").click()
    phone.locator("#start-over-confirm-yes").click()
    phone.wait_for_url(lambda url: url.endswith("/"))
    phone.locator("#start").wait_for()
    assert not phone.evaluate("k => localStorage.getItem(k)", STORAGE_KEY)


def test_the_result_says_what_to_do_first_and_is_short(phone: Page) -> None:
    phone.goto("/")
    phone.locator("#start").click()
    finish(phone)
    heading = phone.locator("#screen-heading").inner_text()
    assert heading != "Your result" and "1 to 2 weeks" in heading  # the action
    assert phone.title() == f"{heading} - footquiz"
    tops = phone.evaluate(
        "['urgency', 'next-steps', 'help-sooner'].map(id =>"
        " document.getElementById(id).getBoundingClientRect().bottom + scrollY)"
    )
    assert max(tops) <= 1700, tops  # within the first two phone screens
    height = phone.evaluate("document.documentElement.scrollHeight")
    print(f"sciatica result height at 390x844, disclosures closed: {height} px")
    assert height <= 3400, height
    text = phone.locator("main").inner_text()
    assert "sciatica" in phone.locator("#spine").inner_text()
    assert "S1:" not in text
    assert phone.locator("#why > ul > li").count() <= 6
    assert phone.locator("#urgency .tier-icon").is_visible()


@pytest.mark.parametrize("size", [(390, 844), (320, 640)])
def test_start_is_on_the_first_screen(browser: Any, app_url: str, size: tuple[int, int]) -> None:
    width, height = size
    context = browser.new_context(
        base_url=app_url, **{**PHONE, "viewport": {"width": width, "height": height}}
    )
    page = context.new_page()
    page.goto("/")
    start = page.locator("#start")
    start.wait_for()
    page.locator("#region").wait_for()  # the page has its state: nothing moves after this
    box = start.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, box
    header = page.locator(".tagline").inner_text()
    assert page.locator("#screen-heading").inner_text() != header
    context.close()
