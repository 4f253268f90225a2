"""A patient on a phone, in real Chromium, against the app in prod mode."""

from __future__ import annotations

import json
import re
import signal
from typing import Any

import pytest
from phones import SAFE as SAFE_IDS
from phones import STORAGE_KEY, on_screen, wait_for_next

from benchmarks.appserver import AppServer
from footquiz.state import CONTENT

pytestmark = pytest.mark.e2e

Page = Any  # playwright.sync_api.Page, imported lazily so a bare machine can skip

# The question texts, as the screen heading shows them.
TEXT = {q.id: q.text for q in CONTENT.questions}
# "No" to the eight warning signs and to foot drop, "None of these" serious signs, no injury.
SAFE = [["No"]] * 9 + [["None of these"], ["No"]]
COUGH = "Coughing or sneezing sends a jolt of pain down my leg"
SITTING = "Sitting makes it worse"
WALKING = (
    "Walking or standing brings on pain or heaviness in my buttocks or legs,"
    " and sitting or bending forward eases it"
)
FIRST_STEPS = "It is worst on my first steps in the morning or after I sit"
SPINE_L5 = SAFE + [
    ["Outer side of the calf", "Top of the foot", "Big toe"],
    ["Left leg or foot"],
    ["Yes"],
    ["My leg bothers me more than my back"],
    ["Yes, in my leg"],
    ["Pushing my big toe up"],
    ["No, it has been the same for more than 2 weeks"],  # is the weakness new?
    [COUGH, SITTING],
    ["Suddenly, after I lifted, bent or twisted"],
    ["Less than 6 weeks"],
    ["No"],
    ["40 to 49"],
]
HEEL = SAFE + [
    ["Heel"],
    ["Right leg or foot"],
    ["No"],
    ["I have no back pain"],
    ["No"],
    ["I could do them all, and none felt weak"],
    ["No"],  # tapping the inner ankle does not tingle
    [FIRST_STEPS],
    ["Slowly, with no clear cause"],
    ["6 weeks to 3 months"],
    ["No"],
    ["40 to 49"],
]


def heading(page: Page) -> str:
    return page.locator("#screen-heading").inner_text()


def answer(page: Page, labels: list[str]) -> None:
    """Tick the labelled options, press Continue, and wait for the next screen."""
    before = on_screen(page)
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.locator("#continue").click()
    wait_for_next(page, before)


def start(page: Page) -> None:
    page.goto("/")
    page.locator("#start").click()
    page.wait_for_url("**/quiz/*")
    page.get_by_text("Is there new numbness").wait_for()


def finish(page: Page, plan: list[list[str]]) -> None:
    start(page)
    for labels in plan:
        answer(page, labels)
    page.wait_for_url("**/result")
    page.locator("#urgency").wait_for()


def test_spine_path_names_l5_and_the_disc(phone: Page) -> None:
    finish(phone, SPINE_L5)
    text = phone.locator("main").inner_text()
    assert "Most likely coming from your back" in text
    assert "L5 nerve root" in text
    assert "L4-L5 disc" in text
    assert "Pushing your big toe up is weak" in text  # why this result
    assert "within 1 to 2 weeks" in phone.locator("#urgency").inner_text().lower()
    link = phone.locator("#treatments a").first
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_heel_path_is_local_and_names_plantar_fasciitis(phone: Page) -> None:
    finish(phone, HEEL)
    text = phone.locator("main").inner_text()
    assert "Most likely not coming from your back" in text
    assert "Plantar fasciitis" in text
    assert "nerve root" not in text.lower().split("your answers")[0]
    assert "You can start with self-care" in heading(phone)  # the heading says what to do


def test_emergency_answer_ends_the_quiz_at_once(phone: Page) -> None:
    start(phone)
    phone.get_by_label("Yes", exact=True).check()
    phone.locator("#continue").click()
    phone.wait_for_url("**/result")
    urgency = phone.locator("#urgency").inner_text()
    assert heading(phone) == "Get emergency help now"
    # The phone's browser is en-US (tests/e2e/phones.py): the US number, as a button to call.
    assert "911" in urgency and "999" not in urgency
    assert phone.locator("#call-now").get_attribute("href") == "tel:911"
    assert phone.locator("#treatments").count() == 0
    assert "numbness around your private parts" in phone.locator("#why").inner_text()
    # The sixth warning sign, a cold foot, ends it at once too, with its own advice.
    phone.locator("#result-back").click()
    phone.wait_for_url("**/quiz/*")
    phone.get_by_text(TEXT["saddle_numbness"]).wait_for()
    for labels in SAFE[:5]:
        answer(phone, labels)
    assert heading(phone) == TEXT["cold_foot"]
    phone.get_by_label("Yes", exact=True).check()
    phone.locator("#continue").click()
    phone.wait_for_url("**/result")
    phone.locator("#screen-heading", has_text="Get emergency help now").wait_for()
    urgency = phone.locator("#urgency")
    assert "Do not put heat on the cold foot or leg" in urgency.inner_text()
    why = phone.locator("#why", has_text="suddenly gone cold")
    why.wait_for()
    assert "private parts" not in why.inner_text()


def test_an_injury_the_patient_cannot_walk_on_goes_to_an_x_ray_today(phone: Page) -> None:
    """The foot's own urgent case: after a twist, unable to take 4 steps (Ottawa rules)."""
    finish(
        phone,
        SAFE[:-1]
        + [
            ["Yes, a smaller one"],
            ["No, I cannot"],
            ["Outer side of the ankle"],
            ["Right leg or foot"],
            ["No"],
            ["I have no back pain"],
            ["No"],
            ["I did not try them"],
            ["None of these"],
            ["After a knock, a sprain, new shoes or more sport"],
            ["Less than 6 weeks"],
            ["No"],
            ["Under 40"],
        ],
    )
    urgency = phone.locator("#urgency").inner_text()
    assert heading(phone) == "Get medical help today" and "X-ray" in urgency
    text = phone.locator("main").inner_text()
    assert "A broken bone or a bad sprain" in text
    assert "Most likely not coming from your back" in text
    assert "Keep moving" not in text and "Heat or ice" not in text


def continue_with_the_saved_answer(page: Page) -> None:
    """Press Continue on a question answered before, and wait for the next screen."""
    assert page.locator("input:checked").count() > 0, heading(page)
    before = on_screen(page)
    page.locator("#continue").click()
    wait_for_next(page, before)


def change(page: Page, question: str) -> None:
    """Open "Your answers" on the result and press Change beside one of them."""
    page.locator("#answers summary").click()
    page.locator(".answer-row", has_text=question).locator("button").click()
    page.wait_for_url("**/quiz/*")
    page.locator("#screen-heading", has_text=question).wait_for()


def test_back_keeps_answers_and_a_change_changes_the_result(phone: Page) -> None:
    finish(phone, HEEL)
    assert "Most likely not coming from your back" in phone.locator("#spine").inner_text()
    # Back from the result keeps the last answer ticked.
    phone.locator("#result-back").click()
    phone.wait_for_url("**/quiz/age")
    phone.get_by_text("How old are you?").wait_for()
    assert phone.get_by_label("40 to 49", exact=True).is_checked()
    continue_with_the_saved_answer(phone)
    phone.wait_for_url("**/result")
    # Change where it hurts: Continue comes straight back to the result (check your answers).
    change(phone, "Where do you feel pain")
    phone.get_by_label("Heel", exact=True).uncheck()
    phone.get_by_label("Back of the calf", exact=True).check()
    phone.get_by_label("Outer edge of the foot, or little toe", exact=True).check()
    phone.locator("#continue").click()
    phone.wait_for_url("**/result")
    phone.locator("#urgency").wait_for()
    for question_id, labels in [
        ("pain_travels", ["Yes"]),
        ("leg_vs_back", ["My leg bothers me more than my back"]),
        ("leg_nerve", ["Yes, in my leg"]),
    ]:
        change(phone, TEXT[question_id])
        answer(phone, labels)
        phone.wait_for_url("**/result")
    # A failed self-test brings a question this patient has not seen yet: it is asked first.
    change(phone, TEXT["self_tests"])
    phone.get_by_label("I could do them all, and none felt weak", exact=True).uncheck()
    answer(phone, ["Walking on my tip-toes, or rising up on my toes"])
    assert heading(phone) == TEXT["weakness_new"]
    answer(phone, ["No, it has been the same for more than 2 weeks"])
    phone.wait_for_url("**/result")
    # The saved answer to what makes it worse is still ticked. "Sitting makes it worse" and
    # the walking pattern exclude each other on the phone itself.
    change(phone, TEXT["worse_with"])
    assert phone.get_by_label(FIRST_STEPS, exact=True).is_checked()
    walking = phone.get_by_label(WALKING, exact=True)
    walking.check()
    phone.get_by_label(SITTING, exact=True).check()
    assert not walking.is_checked()
    assert phone.get_by_label(FIRST_STEPS, exact=True).is_checked()
    phone.locator("#continue").click()
    phone.wait_for_url("**/result")
    phone.locator("#urgency").wait_for()
    text = phone.locator("main").inner_text()
    assert "Most likely coming from your back" in text
    assert "S1 nerve root" in text and "L5-S1 disc" in text
    phone.locator("#why .more-reasons summary").click()  # "All the reasons"
    assert "Sitting makes it worse." in phone.locator("#why").inner_text()
    assert "Spinal stenosis" not in text


def saved_answers(page: Page) -> dict[str, list[str]]:
    """The answers in the browser's storage, where a reload would bring them back from."""
    saved = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY)
    return json.loads(saved)["answers"] if saved else {}


def test_a_second_tap_while_the_server_is_slow_never_answers_the_next_question(
    phone: Page, app_server: AppServer
) -> None:
    start(phone)
    answer(phone, ["No"])
    assert heading(phone) == TEXT["bladder_bowel"]
    phone.get_by_label("No", exact=True).check()
    app_server.send_signal(signal.SIGSTOP)  # a slow server: the first tap is still on its way
    try:
        phone.locator("#continue").click()
        phone.locator("#continue").click()
    finally:
        app_server.send_signal(signal.SIGCONT)
    phone.get_by_text(TEXT["sex_problems"]).wait_for()
    assert phone.locator("input:checked").count() == 0
    assert phone.locator(".problem").count() == 0  # no "choose again" message
    # Back is answered after both taps, so by then the second tap has been dealt with too.
    phone.locator("#back").click()
    phone.get_by_text(TEXT["bladder_bowel"]).wait_for()
    assert phone.get_by_label("No", exact=True).is_checked()
    assert saved_answers(phone) == {"saddle_numbness": ["no"], "bladder_bowel": ["no"]}


def test_a_second_tap_on_back_while_the_server_is_slow_goes_back_once(
    phone: Page, app_server: AppServer
) -> None:
    start(phone)
    for labels in SAFE[:3]:
        answer(phone, labels)
    assert heading(phone) == TEXT["both_legs_pain"]
    app_server.send_signal(signal.SIGSTOP)
    try:
        phone.locator("#back").click()
        phone.locator("#back").click()
    finally:
        app_server.send_signal(signal.SIGCONT)
    phone.get_by_text(TEXT["sex_problems"]).wait_for()
    # Continue is answered after both taps: it moves on from the question the patient sees.
    continue_with_the_saved_answer(phone)
    assert heading(phone) == TEXT["both_legs_pain"]


# Taps "No" (or "None of these") and Continue the moment a listed question's words show, in
# the same turn of the page's script that put them there: before the page has moved to its
# address, as a patient on a slow phone can.
# Every question shown is noted in window.shown.
TAP_AT_ONCE = """answers => { window.shown = []; new MutationObserver(() => {
  const shown = document.getElementById('screen-heading')?.textContent;
  if (!shown || shown === window.shown.at(-1)) return;
  window.shown.push(shown);
  if (!(shown in answers)) return;
  document.getElementById('option-' + answers[shown]).click();
  document.getElementById('continue').click();
}).observe(document.body, {subtree: true, childList: true, characterData: true}) }"""


def test_a_patient_who_taps_as_soon_as_each_question_shows_is_never_sent_back(
    phone: Page,
) -> None:
    """A question's words show a moment before its address does; a tap in that moment
    answers it, and the page load of its address, sent later, must not bring it back."""
    start(phone)
    phone.evaluate(TAP_AT_ONCE, {TEXT[q]: a[0] for q, a in SAFE_IDS.items()})
    phone.locator("#option-no").click()
    phone.locator("#continue").click()
    phone.wait_for_url("**/quiz/pain_regions")
    phone.get_by_text(TEXT["pain_regions"]).wait_for()
    # The answers reach the phone's storage with the update that shows the next question; wait
    # for the last one there (a lost answer never comes, and the wait times out).
    phone.wait_for_function(
        "([k, n]) => Object.keys(JSON.parse(localStorage.getItem(k) || '{}').answers || {})"
        ".length >= n",
        arg=[STORAGE_KEY, len(SAFE_IDS)],
    )
    assert saved_answers(phone) == SAFE_IDS
    questions = [*list(SAFE_IDS)[1:], "pain_regions"]
    assert phone.evaluate("window.shown") == [TEXT[q] for q in questions]  # none came back


def test_reload_mid_quiz_keeps_answers(phone: Page) -> None:
    start(phone)
    for labels in SAFE[:3]:
        answer(phone, labels)
    assert heading(phone) == TEXT["both_legs_pain"]
    phone.reload()
    phone.get_by_text(TEXT["both_legs_pain"]).wait_for()
    assert re.search(r"Question 4 of \d+", phone.locator(".progress-text").inner_text())
    # A new tab has a new server session: only browser storage can bring the answers back.
    tab = phone.context.new_page()
    tab.goto("/quiz")
    tab.get_by_text(TEXT["both_legs_pain"]).wait_for()
    tab.locator("#back").click()
    tab.get_by_text(TEXT["sex_problems"]).wait_for()
    assert tab.get_by_label("No", exact=True).is_checked()


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def choose_with_keys(page: Page, option_id: str) -> None:
    """Radios: Tab into the group, arrows to the option. Checkboxes: Tab to it, Space."""
    target = f"#option-{option_id}"
    if page.locator(target).get_attribute("type") == "radio":
        tab_to(page, "input[type=radio]")
        for _ in range(12):
            if page.evaluate("s => document.activeElement?.matches(s)", target):
                break
            page.keyboard.press("ArrowDown")
    else:
        tab_to(page, target)
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    assert page.locator(target).is_checked()


def test_keyboard_alone_completes_the_quiz(phone: Page) -> None:
    phone.goto("/")
    tab_to(phone, "#start")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/quiz/*")
    plan = [["no"]] * 9 + [["none"], ["no"], ["heel"], ["right"], ["no"], ["no_back"], ["no"]]
    plan += [["none"], ["no"], ["first_steps"], ["gradual"], ["under_6_weeks"], ["no"]]
    plan += [["age_40_49"]]
    for option_ids in plan:
        phone.wait_for_function("() => document.activeElement?.id === 'screen-heading'")
        before = on_screen(phone)
        for option_id in option_ids:
            choose_with_keys(phone, option_id)
        tab_to(phone, "#continue")
        phone.keyboard.press("Enter")
        wait_for_next(phone, before)
    phone.wait_for_url("**/result")
    phone.locator("#urgency").wait_for()
    assert "Plantar fasciitis" in phone.locator("main").inner_text()


def test_unknown_address_gets_a_friendly_page(phone: Page) -> None:
    phone.goto("/no-such-page")
    phone.get_by_text("We cannot find that page").wait_for()
    assert "Traceback" not in phone.content()
    assert phone.locator("h1").count() == 1
