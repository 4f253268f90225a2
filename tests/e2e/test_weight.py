"""Page weight budget: a fresh phone loading the first question must stay light.

Counts what Chromium itself reports as received over the network (encoded bytes, headers
included, as Lighthouse counts them) for every response of a fresh load of /quiz. The budget
has a wide margin over the 200 KiB target, so only a real regression fails it.
"""

from __future__ import annotations

from typing import Any

import pytest
from phones import PHONE

pytestmark = pytest.mark.e2e

BUDGET_KIB = 250


def test_the_first_question_transfers_at_most_250_kib(browser: Any, app_url: str) -> None:
    context = browser.new_context(base_url=app_url, **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    received: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.update({e["requestId"]: e["request"]["url"]})
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: received.update({e["requestId"]: int(e["encodedDataLength"])}),
    )

    page.goto("/quiz", wait_until="networkidle")
    page.wait_for_function("() => document.getElementById('screen-heading')?.innerText.trim()")
    page.wait_for_load_state("networkidle")
    context.close()

    total_kib = sum(received.values()) / 1024
    assert len(received) >= 3, "the page, its scripts and its stylesheet were all counted"
    largest = sorted(received.items(), key=lambda item: -item[1])[:6]
    listing = "\n".join(f"{size / 1024:7.1f} KiB  {urls.get(rid, rid)}" for rid, size in largest)
    assert total_kib <= BUDGET_KIB, (
        f"the first question transfers {total_kib:.1f} KiB (budget {BUDGET_KIB}):\n{listing}"
    )
