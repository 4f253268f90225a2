"""Care regions in real Chromium: each patient sees their own emergency number, as one tap.

A deployment that sets FOOTQUIZ_REGION gets an app of its own here (one at a time, each with
its own build folder); with no setting, the session app follows the browser's language tag
and the patient's choice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from phones import APP_ENV, PHONE, STORAGE_KEY, Page, open_saved
from test_kiosk_browser import ATTRACT, COUNTDOWN_S, IDLE_S, SLACK_S, kiosk_tablet, mid_check
from test_share_browser import L5

from benchmarks.appserver import AppUnavailableError, running_app
from footquiz.content import get_content
from footquiz.engine import flow
from footquiz.engine.assess import assess
from footquiz.engine.model import Tier
from footquiz.state import CONTENT, SAVE_FORMAT

pytestmark = pytest.mark.e2e

EMERGENCY = {"saddle_numbness": ["yes"]}
"""Saved answers that end the check with an emergency result."""
SAME_DAY = {**L5, "calf_swelling": ["yes"]}
"""A finished check whose swollen calf means "get seen today"."""
DEPLOYMENTS = [
    # region, the browser's language tag (another country's, to show the setting wins), number
    ("us", "en-GB", "911"),
    ("gb", "en-US", "999"),
    ("es", "es-ES", "112"),
]


def test_the_saved_answers_are_what_the_tests_say() -> None:
    """Control: the saved answer sets are finished checks of the tiers the tests expect."""
    content = get_content()
    for answers, tier in ((EMERGENCY, Tier.EMERGENCY), (SAME_DAY, Tier.SAME_DAY)):
        frozen = {q: tuple(o) for q, o in answers.items()}
        assert flow.resume(content, frozen, None).done
        assert assess(content, frozen).urgency.tier == tier


@pytest.fixture(scope="session", params=DEPLOYMENTS, ids=[d[0] for d in DEPLOYMENTS])
def deployment(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, app_url: str
) -> Iterator[tuple[str, str, str, str]]:
    """An app started with FOOTQUIZ_REGION set: (its url, region, browser tag, number)."""
    region, tag, number = request.param
    work_dir = tmp_path_factory.mktemp(f"region-{region}")
    env = {**APP_ENV, "FOOTQUIZ_REGION": region, "REFLEX_WEB_WORKDIR": str(work_dir / "web")}
    try:
        with running_app(work_dir, env=env) as server:
            yield server.url, region, tag, number
    except AppUnavailableError as error:
        pytest.fail(f"the app with FOOTQUIZ_REGION={region} did not start: {error}")


def call_button(page: Page, button_id: str) -> tuple[str | None, str]:
    """A call button's tel: link and its words, once it is on the screen."""
    button = page.locator(f"#{button_id}")
    button.wait_for()
    return button.get_attribute("href"), button.inner_text()


def test_a_deployments_region_gives_its_number_whatever_the_browser(
    browser: Any, deployment: tuple[str, str, str, str]
) -> None:
    url, region, tag, number = deployment
    content = get_content(tag[:2], region)
    context, page = open_saved(browser, url, EMERGENCY, None, locale=tag)
    page.locator("#urgency").wait_for()
    href, words = call_button(page, "call-now")
    assert href == f"tel:{number}"
    assert number in words and number in page.locator("#urgency").inner_text()
    text = page.locator("main").inner_text()
    assert not [n for n in ("999", "911", "112") if n != number and re.search(rf"\b{n}\b", text)]
    # The welcome screen's warning box calls the same number, and offers no region choice.
    page.goto("/")
    page.locator("#screen-heading", has_text=content.welcome.title).wait_for()
    assert call_button(page, "call-emergency")[0] == f"tel:{number}"
    assert page.locator("#region").count() == 0
    context.close()


@pytest.mark.parametrize(("tag", "number"), [("en-GB", "999"), ("en-US", "911")])
def test_with_no_setting_the_browsers_language_tag_picks_the_number(
    browser: Any, app_url: str, tag: str, number: str
) -> None:
    context = browser.new_context(base_url=app_url, **{**PHONE, "locale": tag})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    href, words = call_button(page, "call-emergency")
    assert href == f"tel:{number}" and number in words
    assert page.locator("#region").input_value() == {"999": "gb", "911": "us"}[number]
    context.close()


def test_the_patient_can_say_where_they_are_and_it_is_kept(browser: Any, app_url: str) -> None:
    context = browser.new_context(base_url=app_url, **{**PHONE, "locale": "en-US"})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    assert call_button(page, "call-emergency")[0] == "tel:911"
    page.locator("#region").select_option("gb")
    page.wait_for_function(
        "() => document.getElementById('call-emergency')?.getAttribute('href') === 'tel:999'"
    )
    page.reload()
    page.wait_for_function(
        "() => document.getElementById('call-emergency')?.getAttribute('href') === 'tel:999'"
    )
    assert page.locator("#region").input_value() == "gb"
    context.close()


def test_a_same_day_result_in_the_uk_calls_nhs_111_and_its_link_keeps_the_region(
    browser: Any, app_url: str
) -> None:
    context, page = open_saved(browser, app_url, SAME_DAY, None, locale="en-GB")
    gb = get_content("en", "gb")
    page.locator("#screen-heading", has_text=gb.tier_text(Tier.SAME_DAY).title).wait_for()
    href, words = call_button(page, "call-now")
    assert href == "tel:111" and gb.ui["call_button"].format(name="NHS 111") in words
    page.wait_for_function(
        "() => document.getElementById('share-link')?.textContent.includes('/r/')"
    )
    path = page.locator("#share-link").get_attribute("href")
    context.close()
    # Opened on a phone in the US, the link still shows the UK's services.
    context = browser.new_context(base_url=app_url, **{**PHONE, "locale": "en-US"})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(path)
    assert call_button(page, "call-now")[0] == "tel:111"
    assert "NHS 111" in page.locator("#urgency").inner_text()
    context.close()


def test_a_kiosk_emergency_stays_until_someone_dismisses_it(
    browser: Any, idle_app_url: str
) -> None:
    """The idle timer wipes other patients' screens, never an emergency on the kiosk."""
    emergency = next(kiosk_tablet(browser, idle_app_url))
    saved = {"format": SAVE_FORMAT, "version": CONTENT.version, "answers": EMERGENCY}
    emergency.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, json.dumps(saved)])
    emergency.goto("/result")
    emergency.locator("#kiosk-emergency").wait_for()
    assert "staff at the desk" in emergency.locator("#urgency").inner_text()
    assert call_button(emergency, "call-now")[0] == "tel:911"
    # Another kiosk left mid-check at the same time is wiped after the idle time and the
    # countdown: by then the emergency screen has been left alone just as long.
    other = next(kiosk_tablet(browser, idle_app_url))
    mid_check(other, {"saddle_numbness": ["no"]}, "bladder_bowel")
    other.wait_for_url(ATTRACT, timeout=(IDLE_S + COUNTDOWN_S + 2 * SLACK_S) * 1000)
    assert "/result" in emergency.url
    assert emergency.locator("#kiosk-emergency").is_visible()
    assert not emergency.evaluate("document.getElementById('still-there')?.open")
    # Staff or the patient dismiss it: "I'm done", then "Yes", clears it.
    emergency.locator("#kiosk-done").click()
    emergency.locator("#kiosk-done-confirm-yes").click()
    emergency.wait_for_url(ATTRACT)
    emergency.locator("#kiosk-start").wait_for()
    for page in (emergency, other):
        page.context.close()
