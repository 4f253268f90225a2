"""The clinician's view in real Chromium: red flags, the FHIR download, one printed page, axe."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from phones import APP_ENV, PHONE, STORAGE_KEY, make_kiosk, open_saved
from test_accessibility_browser import check
from test_share_browser import L5, pages

from footquiz.content import get_codebooks, get_regions
from footquiz.content.clinical import get_clinical_terms
from footquiz.engine.assess import assess
from footquiz.engine.clinician import clinician_sheet
from footquiz.engine.fhir import answers_of
from footquiz.engine.share import make_token
from footquiz.sharing import qr_data_uri
from footquiz.state import CONTENT, SAVE_FORMAT

pytestmark = pytest.mark.e2e

ANSWERS = {**L5, "serious_signs": ["night_pain"]}  # one positive red flag among the negatives
SHEET = clinician_sheet(
    CONTENT,
    get_clinical_terms(),
    {q: tuple(o) for q, o in ANSWERS.items()},
    assess(CONTENT, {q: tuple(o) for q, o in ANSWERS.items()}),
)


@pytest.fixture(scope="module")
def clinician_path(browser: Any, app_url: str) -> str:
    """From the patient's result, one tap on "For your clinician"."""
    context, page = open_saved(browser, app_url, ANSWERS, None)
    page.wait_for_function(
        "() => document.getElementById('clinician-link')?.getAttribute('href')"
        "?.startsWith('/clinician/')"
    )
    page.locator("#clinician-link").click()
    page.wait_for_url("**/clinician/**")
    page.locator("#cv-red-flags").wait_for()
    path = "/" + page.url.split("/", 3)[3]
    context.close()
    return path


def phone(browser: Any, app_url: str) -> tuple[Any, Any]:
    context = browser.new_context(base_url=app_url, **PHONE, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_every_red_flag_is_shown_with_its_answer(
    browser: Any, app_url: str, clinician_path: str
) -> None:
    context, page = phone(browser, app_url)
    response = page.goto(clinician_path)
    assert response is not None and response.status == 200
    page.locator("#cv-red-flags tbody tr").first.wait_for()
    rows = page.locator("#cv-red-flags tbody tr")
    assert rows.count() == len(SHEET.red_flags) >= 12
    for n, line in enumerate(SHEET.red_flags):
        cells = rows.nth(n).locator("td").all_inner_texts()
        assert cells[:3] == [line.label, line.value, line.status], cells
    statuses = [line.status for line in SHEET.red_flags]
    assert "present" in statuses and "absent" in statuses and "not asked" in statuses
    main = page.locator("main").inner_text()
    assert "Severe non-mechanical or night pain" in main
    assert f"Date taken: {datetime.date.today()}" in page.locator("#cv-meta").inner_text()
    assert page.locator("#cv-roots tbody tr").count() == 4
    assert "Hallux" in page.locator("#cv-places").inner_text()
    assert "GIRFT" in page.locator("#cv-references").inner_text()
    context.close()


def test_the_download_is_the_fhir_record(browser: Any, app_url: str, clinician_path: str) -> None:
    context, page = phone(browser, app_url)
    page.goto(clinician_path)
    page.locator("#download-fhir").wait_for()
    with page.expect_download() as download:
        page.locator("#download-fhir").click()
    record = json.loads(download.value.path().read_text(encoding="utf-8"))
    QuestionnaireResponse.model_validate(record)
    assert answers_of(record) == {q: tuple(o) for q, o in ANSWERS.items()}
    api = page.request.get("/fhir/QuestionnaireResponse/" + clinician_path.split("/")[-1])
    assert api.status == 200 and api.headers["content-type"].startswith("application/fhir+json")
    context.close()


def test_bad_links_get_a_friendly_page_and_an_operation_outcome(
    browser: Any, app_url: str, clinician_path: str
) -> None:
    context, page = phone(browser, app_url)
    token = clinician_path.split("/")[-1]
    forged = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    for bad in ("garbage", forged, "A" * 10_240):
        response = page.goto("/clinician/" + bad)
        assert response is not None and response.status == 404
        page.get_by_text("This link is not valid").wait_for()
        assert "Traceback" not in page.content()
        api = page.request.get("/fhir/QuestionnaireResponse/" + bad)
        assert api.status == 404
        assert api.headers["content-type"].startswith("application/fhir+json")
        assert api.json()["resourceType"] == "OperationOutcome"
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_printout_is_one_page(
    browser: Any, app_url: str, clinician_path: str, paper: str
) -> None:
    context, page = phone(browser, app_url)
    page.goto(clinician_path)
    page.locator("#cv-references dt").first.wait_for()
    page.emulate_media(media="print")
    assert not page.locator("#download-fhir").is_visible()
    assert page.locator("#cv-red-flags").is_visible()
    assert pages(page.pdf(format=paper)) == 1, paper
    context.close()


def test_no_axe_violation_on_the_clinician_view(
    browser: Any, app_url: str, clinician_path: str
) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=app_url, **PHONE, color_scheme=scheme)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(clinician_path)
        page.locator("#cv-red-flags tbody tr").first.wait_for()
        check(page, f"clinician view ({scheme})", PHONE["viewport"]["width"])
        context.close()


def test_a_kiosk_shows_the_desk_qr_code_of_the_clinician_view(browser: Any, app_url: str) -> None:
    context, page = phone(browser, app_url)
    make_kiosk(page)
    saved = {"format": SAVE_FORMAT, "version": CONTENT.version, "answers": ANSWERS, "current": None}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, json.dumps(saved)])
    page.goto("/result")
    page.wait_for_function(
        "() => document.getElementById('desk-qr')?.src.startsWith('data:image/svg+xml')"
    )
    assert page.locator("#share-qr").count() == 1  # the patient's own code stays
    assert page.locator("#clinician-link").count() == 0  # no way off the kiosk's screens
    src = page.locator("#desk-qr").get_attribute("src")
    context.close()
    # The same sealed token the app makes (the session app's key, English, the us region of
    # an en-US browser, taken today): the code opens that link's clinician view.
    answers = {q: tuple(o) for q, o in ANSWERS.items()}
    codebook = get_codebooks().codebooks[CONTENT.version]
    secret = APP_ENV["FOOTQUIZ_SECRET"].encode()
    us = get_regions()["us"].link_code
    token = make_token(CONTENT, codebook, answers, secret, 0, us, datetime.date.today())
    assert src == qr_data_uri(f"{app_url}/clinician/{token}")


def test_the_patients_printout_names_the_clinician_view(browser: Any, app_url: str) -> None:
    context, page = open_saved(browser, app_url, ANSWERS, None)
    page.wait_for_function(
        "() => document.getElementById('clinician-link')?.dataset.url?.includes('/clinician/')"
    )
    page.emulate_media(media="print")
    printed = page.evaluate(
        "() => getComputedStyle(document.getElementById('clinician-link'), '::after').content"
    )
    assert f"{app_url}/clinician/" in printed
    assert page.locator("#clinician-link").is_visible()
    context.close()
