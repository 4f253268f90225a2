"""Result links in real Chromium: the same result on another phone, bad links, print."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from phones import APP_ENV, PHONE, SAFE, SCREENSHOTS, Page, open_saved

from footquiz.content import get_codebooks
from footquiz.engine.share import encode
from footquiz.state import CONTENT, written_date

pytestmark = pytest.mark.e2e

L5 = {
    **SAFE,
    "pain_regions": ["outer_calf", "top_of_foot", "big_toe"],
    "side": ["left"],
    "pain_travels": ["yes"],
    "leg_vs_back": ["leg"],
    "leg_nerve": ["yes"],
    "self_tests": ["big_toe"],
    "weakness_new": ["no"],
    "worse_with": ["cough_sneeze", "sitting_worse"],
    "onset": ["sudden_lift"],
    "duration": ["under_6_weeks"],
    "diabetes": ["no"],
    "age": ["age_40_49"],
}
# A finished check as version 1 of the content asked it, with questions and options that
# version 2 no longer has (both_legs, the "injury" serious sign, cough_sit, age_40_59).
V1_ANSWERS = {
    "saddle_numbness": ("no",),
    "bladder_bowel": ("no",),
    "both_legs": ("no",),
    "foot_drop": ("no",),
    "serious_signs": ("injury",),
    "pain_regions": ("outer_calf", "top_of_foot", "big_toe"),
    "side": ("left",),
    "pain_travels": ("yes",),
    "leg_vs_back": ("leg",),
    "leg_nerve": ("yes",),
    "self_tests": ("big_toe",),
    "worse_with": ("cough_sit",),
    "onset": ("sudden_lift",),
    "duration": ("under_6_weeks",),
    "diabetes": ("no",),
    "age": ("age_40_59",),
}


@pytest.fixture(scope="module")
def shared_path(browser: Any, app_url: str) -> str:
    """Finish a check (from saved answers) and read its result link."""
    context, page = open_saved(browser, app_url, L5, None)
    page.locator("#share-section summary").click()  # share is behind a disclosure
    page.locator("#share-link").wait_for()
    page.wait_for_function(
        "() => document.getElementById('share-link').textContent.includes('/r/')"
    )
    path = page.locator("#share-link").get_attribute("href")
    assert page.locator("#share-qr").get_attribute("src").startswith("data:image/svg+xml")
    context.close()
    return path


def new_phone(browser: Any, app_url: str) -> tuple[Any, Page]:
    context = browser.new_context(base_url=app_url, **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_a_link_opened_on_another_phone_shows_the_same_result(
    browser: Any, app_url: str, shared_path: str
) -> None:
    assert len(shared_path) <= len("/r/") + 72  # short enough for a small QR code
    context, page = new_phone(browser, app_url)
    response = page.goto(shared_path)
    assert response is not None and response.status == 200
    assert response.headers["referrer-policy"] == "no-referrer"
    # The page as sent already says what to do and when the check was taken (no blank page
    # on a slow phone while the app loads and connects).
    sent = response.text()
    assert "within 1 to 2 weeks" in sent.lower()
    assert f"Check taken on {written_date(CONTENT, datetime.date.today().isoformat())}" in sent
    page.locator("#early").wait_for(state="detached")  # the app has its own result on screen
    page.get_by_text("A shared footquiz result").wait_for()
    # The drawing came once, in the page as sent; the app's own picture has it now.
    assert page.locator("#picture svg").get_attribute("data-drawing") == "sent"
    label = page.locator("#picture .wing-L text.rl-L5")
    assert label.text_content() == "L5 root" and label.is_visible()
    # The day the check was taken travels in the link.
    assert (
        page.locator("#taken").inner_text()
        == f"Check taken on {written_date(CONTENT, datetime.date.today().isoformat())}"
    )
    text = page.locator("main").inner_text()
    assert "within 1 to 2 weeks" in page.locator("#urgency").inner_text().lower()
    assert "L5 nerve root" in text and "L4-L5 disc" in text
    assert page.locator("button", has_text="Change").count() == 0  # read-only
    assert page.locator("#take").get_attribute("href") == "/"
    assert page.locator("#early").count() == 0  # the app's own result replaced it
    # The preview tags a messaging app reads are generic, never the result.
    html = page.content()
    assert "L5" not in page.locator("head").inner_html()
    assert 'property="og:title"' in html
    context.close()


@pytest.mark.parametrize(
    "token",
    ["garbage", "A" * 10_240, "%C3%A9t%C3%A9", "AQEB", "@@@"],
    ids=["garbage", "10KB", "non-ASCII", "truncated", "symbols"],
)
def test_bad_links_get_the_friendly_page(browser: Any, app_url: str, token: str) -> None:
    context, page = new_phone(browser, app_url)
    response = page.goto("/r/" + token)
    assert response is not None and response.status == 404
    page.get_by_text("This link is not valid").wait_for()
    assert "Traceback" not in page.content()
    context.close()


def test_one_changed_character_is_refused(browser: Any, app_url: str, shared_path: str) -> None:
    token = shared_path.removeprefix("/r/")
    tampered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    context, page = new_phone(browser, app_url)
    response = page.goto("/r/" + tampered)
    assert response is not None and response.status == 404
    page.get_by_text("This link is not valid").wait_for()
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_fits_one_page_without_buttons(browser: Any, app_url: str, paper: str) -> None:
    context, page = open_saved(browser, app_url, L5, None)
    try:
        page.wait_for_function(
            "() => document.getElementById('share-link')?.textContent.includes('/r/')"
        )
        page.emulate_media(media="print")
        if paper == "A4":
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "print.png"), full_page=True)
        assert not page.locator("#share").is_visible()
        assert not page.locator("#result-back").is_visible()
        assert not page.locator("#share-status").is_visible()  # no stray status message
        assert page.locator(".app-name").is_visible()
        assert (
            page.locator("#taken").inner_text()
            == f"Check taken on {written_date(CONTENT, datetime.date.today().isoformat())}"
        )
        assert page.locator("#picture svg").is_visible()  # the diagram
        # Closed disclosures print open: the answers in short form, the QR code and link.
        assert page.locator("#answers .answer-row").first.is_visible()
        assert page.locator("#share-qr").is_visible() and page.locator("#share-link").is_visible()
        assert pages(page.pdf(format=paper)) == 1, paper
    finally:
        context.close()


def test_a_link_made_with_version_1_opens_as_older_without_a_result(
    browser: Any, app_url: str
) -> None:
    assert CONTENT.version > 1
    # Sealed with the session app's key.
    token = encode(1, V1_ANSWERS, get_codebooks().codebooks[1], APP_ENV["FOOTQUIZ_SECRET"].encode())
    context, page = new_phone(browser, app_url)
    response = page.goto("/r/" + token)
    assert response is not None and response.status == 200
    page.get_by_text(CONTENT.ui["older_heading"]).wait_for()
    rows = page.locator("#answers .answer-row")
    assert rows.count() == len(V1_ANSWERS)
    answers = page.locator("#answers").inner_text()
    # Every answer in words, the ones later versions no longer ask in version 1's words.
    assert CONTENT.question("saddle_numbness").text in answers  # type: ignore[union-attr]
    assert "Are both of your legs weak or numb" in answers
    assert rows.filter(has_text="How old are you?").locator("dd").inner_text() == "40 to 59"
    assert "_" not in answers
    # No result is worked out from old answers: no urgency, no nerve root, only a new check.
    assert page.locator("#urgency").count() == 0
    assert "nerve root" not in page.locator("main").inner_text()
    assert page.locator("#take").get_attribute("href") == "/"
    assert page.locator("#early").count() == 0  # the app's own result replaced it
    context.close()


def pages(pdf: bytes) -> int:
    """Pages in a PDF made by Chromium (its page tree says /Count N)."""
    counts = [int(n) for n in re.findall(rb"/Count (\d+)", pdf)]
    return max(counts) if counts else 0
