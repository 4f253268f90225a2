"""Reflex state for the hand-off to a clinician: the clinician's view and the kiosk's desk QR.

A thin adapter like :mod:`footquiz.state`: it opens a result link and asks the engine for the
clinician's sheet (:func:`footquiz.engine.clinician.clinician_sheet`). Nothing is stored on
the server beyond the open tab's session, exactly as for a shared result.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import reflex as rx

from footquiz.config import kiosk_desk
from footquiz.content import DEFAULT_REGION, get_codebooks, get_content
from footquiz.content.clinical import get_clinical_terms
from footquiz.engine.assess import assess
from footquiz.engine.clinician import Line, clinician_sheet
from footquiz.fhir_api import FHIR_LANGUAGE, RESPONSE_PREFIX
from footquiz.sharing import (
    CLINICIAN_PREFIX,
    LINK_PREFIX,
    ShareLinkError,
    open_link,
    qr_data_uri,
)
from footquiz.state import (
    AnswerView,
    ResultView,
    browser_language,
    browser_region,
    describe_answers,
)

TERMS = get_clinical_terms()
"""Checked at start-up: a question without clinical words stops the app."""


def _rows(lines: list[Line]) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in line.model_dump().items()} for line in lines]


class ClinicianState(ResultView, rx.State):
    """A result link opened as the clinician's view: read-only, worked out from the answers."""

    words_on: bool = False
    link_status: str = ""
    """"" while opening, then "current", "older" (made with older content) or "invalid"."""
    facts: dict[str, str] = {}
    """Single values: version, date taken, tier, timeframe, band, score, download path."""
    rows: dict[str, list[dict[str, str]]] = {}
    """The sheet's tables (red_flags, places, myotomes...), each row a Line as strings."""
    older_answers: list[AnswerView] = []

    @rx.event
    def open_sheet(self) -> Any:
        """Open the link in the address bar; a bad link gets the friendly page."""
        self.words_on = True
        self.facts, self.rows, self.older_answers = {}, {}, []
        accept_language = self.router.headers.accept_language
        try:
            token = unquote(self.router.url.path).removeprefix(CLINICIAN_PREFIX).strip("/")
            shared, self.lang, region = open_link(token)
        except ShareLinkError:
            self.lang = browser_language(accept_language)
            self.region = browser_region(accept_language)
            self.link_status = "invalid"
            return
        self.region = region or browser_region(accept_language)
        ui = self._content().ui
        taken = shared.taken.isoformat() if shared.taken else ui["date_not_recorded"]
        self.facts = {
            "version": str(shared.version),
            "taken": taken,
            "fhir": RESPONSE_PREFIX + token,
            "file": f"footquiz-{shared.taken or 'result'}.fhir.json",
            "patient_view": LINK_PREFIX + token,
        }
        if not shared.is_current:
            self.link_status = "older"
            retired = get_codebooks().retired_words(FHIR_LANGUAGE)
            content = get_content(FHIR_LANGUAGE, region or DEFAULT_REGION)
            self.older_answers = describe_answers(
                content, shared.answers, list(shared.answers), retired
            )
            return
        # Clinical words are English in every language; the headings follow the link.
        content = get_content(FHIR_LANGUAGE, region or DEFAULT_REGION)
        sheet = clinician_sheet(
            content, TERMS, shared.answers, assess(content, shared.answers), shared.taken
        )
        self.facts |= {
            "tier": sheet.tier,
            "timeframe": sheet.timeframe,
            "band": sheet.spine.label if sheet.spine else "",
            "score": sheet.spine.value if sheet.spine else "",
            "spine_sources": sheet.spine.sources if sheet.spine else "",
            "screened_out": "; ".join(sheet.screened_out),
        }
        self.rows = {
            "tier_rules": _rows(sheet.tier_rules),
            "red_flags": _rows(sheet.red_flags),
            "places": _rows(sheet.places),
            "myotomes": _rows(sheet.myotomes),
            "history": _rows(sheet.history),
            "spine_rules": _rows(sheet.spine_rules),
            "roots": _rows(sheet.roots),
            "look_alikes": _rows(sheet.look_alikes),
            "sources": _rows(sheet.sources),
        }
        self.link_status = "current"


class DeskState(ResultView, rx.State):
    """On a kiosk, a QR code that opens this result's clinician view on a staff device."""

    words_on: bool = False  # its QR code is shown on the patient's result, in their words
    desk_qr: str = ""

    @rx.var
    def desk_on(self) -> bool:
        """Whether staff enabled "send to the desk" (FOOTQUIZ_KIOSK_DESK)."""
        return kiosk_desk()

    @rx.event
    def prepare_desk(self, share_path: str) -> None:
        """Make the desk QR of the clinician view of the result link on screen."""
        token = share_path.removeprefix(LINK_PREFIX) if isinstance(share_path, str) else ""
        try:
            open_link(token)
        except ShareLinkError:
            self.desk_qr = ""
            return
        self.desk_qr = qr_data_uri(self._origin() + CLINICIAN_PREFIX + token)
