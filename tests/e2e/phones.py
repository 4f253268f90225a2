"""Shared helpers for the browser tests: the phone, saved answers, screenshots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from footquiz.state import CONTENT, SAVE_FORMAT

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "has_touch": True,
    "is_mobile": True,
    "locale": "en-US",  # so the care region each test meets is known: us (911)
}
SCREENSHOTS = Path(__file__).parent / "screenshots"
STORAGE_KEY = "footquiz_answers"  # QuizState.saved
Page = Any  # playwright.sync_api.Page, imported lazily so a bare machine can skip
# "No" to every warning-sign question (and no injury): the start of most saved answer sets.
SAFE = {
    "saddle_numbness": ["no"],
    "bladder_bowel": ["no"],
    "sex_problems": ["no"],
    "both_legs_pain": ["no"],
    "both_legs_weak": ["no"],
    "cold_foot": ["no"],
    "calf_swelling": ["no"],
    "foot_skin": ["no"],
    "foot_drop": ["no"],
    "serious_signs": ["none"],
    "injury": ["no"],
}
# The session's app: a known staff PIN and link secret (prod refuses to start without one), and
# the normal kiosk idle times (90 s on a question), so no step of a kiosk test, however slow,
# can meet the "Still there?" prompt.
APP_ENV = {
    "FOOTQUIZ_KIOSK_PIN": "2468",
    "FOOTQUIZ_SECRET": "e2e-session-app-link-key-not-for-production",
    # Every phone and tab of the whole run comes from 127.0.0.1, like a clinic's wifi behind
    # one address: far more connections a minute than the default per-address limit (200).
    # The limits' own tests run their own app with the defaults (test_bounds.py).
    "FOOTQUIZ_MAX_PER_ADDRESS": "5000",
    # Kiosk results also show staff the "send to the desk" QR code of the clinician's view.
    "FOOTQUIZ_KIOSK_DESK": "1",
}
# A second app only for the idle tests: a short idle time, and a countdown long enough that a
# test on a busy machine can act on the prompt (tap "I'm still here", run axe) before the wipe.
IDLE_ENV = {
    **APP_ENV,
    "FOOTQUIZ_KIOSK_IDLE_QUIZ": "3",
    "FOOTQUIZ_KIOSK_IDLE_RESULT": "3",
    "FOOTQUIZ_KIOSK_COUNTDOWN": "15",
}


def make_kiosk(page: Page) -> None:
    """Staff open /kiosk and make the device a kiosk with the PIN (in any language)."""
    page.goto("/kiosk")
    page.locator("#kiosk-pin").fill(APP_ENV["FOOTQUIZ_KIOSK_PIN"])
    page.locator("#kiosk-pin").press("Enter")
    page.locator("#kiosk-start").wait_for()
    page.wait_for_function("() => localStorage.getItem('footquiz_kiosk') === '1'")


def open_saved(
    browser: Any, app_url: str, answers: dict[str, list[str]], current: str | None, **options: Any
) -> tuple[Any, Page]:
    """A fresh phone whose browser storage holds these answers, as after a reload."""
    context = browser.new_context(base_url=app_url, **{**PHONE, **options})
    saved = json.dumps(
        {"format": SAVE_FORMAT, "version": CONTENT.version, "answers": answers, "current": current}
    )
    context.add_init_script(
        f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1;"
        f" localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(saved)}); }}"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/result" if current is None else f"/quiz/{current}")
    return context, page


NEXT_SCREEN = (
    "([h, u]) => document.getElementById('screen-heading')?.innerText !== h && location.href !== u"
)


def on_screen(page: Page) -> list[str]:
    """What the patient sees now: the screen's heading and its address."""
    return [page.locator("#screen-heading").inner_text(), page.url]


def wait_for_next(page: Page, before: list[str]) -> None:
    """Wait for the next screen: a new heading at its own address (one per question).

    The heading alone can change a moment before the address does; a tick made in that
    moment would land on a page about to be replaced.
    """
    page.wait_for_function(NEXT_SCREEN, arg=before)
