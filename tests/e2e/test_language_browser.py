"""Languages in real Chromium: the browser's language by default, a choice that sticks, and
result links that open in the language the check was taken in."""

from __future__ import annotations

from typing import Any

import pytest
from phones import PHONE, Page, open_saved
from test_share_browser import L5

from footquiz.content import get_content

pytestmark = pytest.mark.e2e

ES = get_content("es")
EN = get_content("en")


def fresh(browser: Any, app_url: str, locale: str) -> tuple[Any, Page]:
    context = browser.new_context(base_url=app_url, **{**PHONE, "locale": locale})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_a_spanish_browser_gets_spanish(browser: Any, app_url: str) -> None:
    context, page = fresh(browser, app_url, "es-ES")
    page.goto("/")
    page.locator("#screen-heading", has_text=ES.welcome.title).wait_for()
    assert page.locator("#start").inner_text() == ES.ui["start_check"]
    assert page.locator(".app").get_attribute("lang") == "es"
    context.close()


def test_the_choice_sticks_and_the_quiz_and_link_follow_it(browser: Any, app_url: str) -> None:
    context, page = fresh(browser, app_url, "en-US")
    page.goto("/")
    page.locator("#screen-heading", has_text=EN.welcome.title).wait_for()
    page.locator("#lang-es").click()
    page.locator("#screen-heading", has_text=ES.welcome.title).wait_for()
    page.reload()
    page.locator("#screen-heading", has_text=ES.welcome.title).wait_for()
    page.locator("#start").click()
    page.get_by_text(ES.questions[0].text).wait_for()
    assert page.locator("#continue").inner_text() == ES.ui["continue"]
    context.close()

    # A result taken in Spanish opens in Spanish on an English phone.
    context, page = open_saved(browser, app_url, L5, None)
    page.evaluate("localStorage.setItem('footquiz_lang', 'es')")
    page.reload()
    page.locator("#urgency", has_text=ES.ui["next_steps"]).wait_for()
    page.wait_for_function(
        "() => document.getElementById('share-link')?.textContent.includes('/r/')"
    )
    path = page.locator("#share-link").get_attribute("href")
    context.close()
    context, page = fresh(browser, app_url, "en-US")
    page.goto(path)
    # The page as sent already holds the headline; then the app shows the whole result.
    page.get_by_text(ES.ui["shared_heading"]).first.wait_for()
    page.locator("main #answers", has_text=ES.ui["your_answers"]).wait_for()
    context.close()
