"""The Content-Security-Policy in real Chromium: every page loads and works with no violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from phones import PHONE, open_saved

from footquiz.state import CONTENT

pytestmark = pytest.mark.e2e

Page = Any  # playwright.sync_api.Page, imported lazily so a bare machine can skip
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`
));
"""
HEADERS = ["content-security-policy", "x-frame-options", "x-content-type-options"]
HEADERS += ["referrer-policy", "permissions-policy"]
EMERGENCY = {CONTENT.questions[0].id: ["yes"]}  # one answer that finishes the check


class Watched:
    """A phone page whose CSP violations and console complaints are collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.complaints: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.complaints.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        text = message.text
        if message.type not in ("error", "warning"):
            return
        if "404 (Not Found)" in text:  # the 404 page and a bad result link are 404s on purpose
            return
        self.complaints.append(f"{message.type}: {text}")

    def open(self, path: str) -> None:
        """Open a page, check its security headers, and wait for its heading."""
        response = self.page.goto(path)
        for name in HEADERS:
            assert name in response.headers, f"{path} has no {name}"
        self.page.locator("#screen-heading").wait_for()

    def violations(self) -> list[str]:
        """Violations and console complaints so far."""
        return self.page.evaluate("window.__violations") + self.complaints


@pytest.fixture
def watched(browser: Any, app_url: str) -> Iterator[Watched]:
    context = browser.new_context(base_url=app_url, **PHONE)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page)
    context.close()


@pytest.mark.parametrize("path", ["/", "/kiosk", "/no-such-page", "/r/not-a-real-link"])
def test_a_page_loads_with_no_policy_violation(watched: Watched, path: str) -> None:
    watched.open(path)
    watched.page.wait_for_timeout(1000)  # late work: websocket, fonts, icons, emotion styles
    assert watched.violations() == []


def test_the_quiz_works_under_the_policy(watched: Watched) -> None:
    watched.open("/quiz")
    page = watched.page
    heading = page.locator("#screen-heading").inner_text()
    page.locator("#option-no").check()
    page.locator("#continue").click()
    page.wait_for_function(
        "h => document.getElementById('screen-heading')?.innerText !== h", arg=heading
    )
    # assets/footquiz.js (no eval: the policy has no 'unsafe-eval') moved the focus to the new
    # question's heading. (Playwright's waits are written as functions for the same reason: a
    # string expression would be evaluated, which the policy now refuses.)
    page.wait_for_function("() => document.activeElement?.id === 'screen-heading'")
    assert watched.violations() == []


def test_the_result_its_qr_code_and_its_shared_link_work_under_the_policy(
    browser: Any, app_url: str
) -> None:
    context, page = open_saved(browser, app_url, EMERGENCY, None)
    try:
        context.add_init_script(WATCH)
        watched = Watched(page)
        watched.open("/result")
        page.locator("#share-section summary").click()  # "Share or keep this result"
        # The QR code is an SVG data: URI made on the server, and it renders.
        page.wait_for_function(
            "() => (q => q?.src.startsWith('data:image/svg+xml') && q.complete"
            " && q.naturalWidth > 0)(document.getElementById('share-qr'))"
        )
        share_path = page.locator("[data-share-path]").first.get_attribute("data-share-path")
        watched.open(share_path)
        page.locator("#share-section summary").click()
        page.locator("#share-qr").wait_for()
        page.wait_for_timeout(1000)
        assert watched.violations() == []
    finally:
        context.close()


def test_no_other_site_can_frame_the_app(browser: Any, app_url: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        # Chromium reports the refused frame on the console; waiting for that report is the wait.
        with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=15_000):
            page.set_content(
                f'<iframe id="app" src="{app_url}/" width="390" height="600"></iframe>'
            )
        framed = page.frame_locator("#app").locator("#screen-heading")
        assert framed.count() == 0
    finally:
        context.close()
