"""The hand-off to a clinician on a result: the "For your clinician" link, or the desk QR code.

One call in the result body. On a patient's phone (and on paper, with its address) it links
to the clinician's view of the same result link. On a kiosk, where the patient leaves the
screen behind, staff can enable a QR code (FOOTQUIZ_KIOSK_DESK) that opens that view on a
staff device instead; nothing is stored on the server either way.
"""

from __future__ import annotations

import reflex as rx

from footquiz.clinician import DeskState
from footquiz.components.layout import qr_code
from footquiz.sharing import CLINICIAN_PREFIX, LINK_PREFIX
from footquiz.state import ResultView

View = type[ResultView]
Kiosk = bool | rx.Var[bool]


def clinician_link(state: View) -> rx.Component:
    """A link to the clinician's view; the printout adds its address (assets/clinician.css)."""
    return rx.el.p(
        rx.el.a(
            state.ui["for_clinician"],
            href=state.share_path.replace(LINK_PREFIX, CLINICIAN_PREFIX),
            id="clinician-link",
            custom_attrs={"data-url": state.share_url.replace(LINK_PREFIX, CLINICIAN_PREFIX)},
        ),
        class_name="clinician-handoff",
    )


def desk_qr(state: View) -> rx.Component:
    """On a kiosk, when enabled: a QR code that opens the clinician's view on a staff device."""
    ui = state.ui
    return rx.cond(
        DeskState.desk_on,
        rx.el.section(
            rx.el.h2(ui["desk_heading"]),
            rx.el.p(ui["desk_note"]),
            qr_code(DeskState.desk_qr, ui["desk_qr_alt"], "desk-qr"),
            class_name="result-section",
            id="desk",
            on_mount=DeskState.prepare_desk(state.share_path),
        ),
    )


def for_your_clinician(state: View, kiosk: Kiosk = False) -> rx.Component:
    """The link on a phone and on paper; on a kiosk, the desk QR code (if staff enabled it)."""
    shown = (
        clinician_link(state)
        if kiosk is False
        else rx.cond(kiosk, desk_qr(state), clinician_link(state))
    )
    return rx.cond(state.share_path != "", shown)
