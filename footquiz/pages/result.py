"""The tailored result: urgency first, then where it comes from, why, and what can help."""

from __future__ import annotations

import reflex as rx

from footquiz.components import kiosk as kiosk_tools
from footquiz.components import spine
from footquiz.components.clinician import for_your_clinician
from footquiz.components.layout import call_button, heading, page, qr_code, tier_icon
from footquiz.state import AnswerView, QuizState, ReasonView, ResultView, SharedState

View = type[ResultView]
Kiosk = bool | rx.Var[bool]

ROUTE = "/result"


def kiosk_emergency(state: View, kiosk: Kiosk) -> rx.Component:
    """On a kiosk, an emergency also goes to the desk, and stays until someone dismisses it.

    ``data-kiosk-hold`` tells the kiosk's idle timer not to wipe this screen.
    """
    if kiosk is False:
        return rx.fragment()
    return rx.cond(
        kiosk & state.is_emergency,
        rx.el.p(
            rx.el.strong(state.ui["kiosk_emergency"]),
            class_name="urgency-kiosk",
            id="kiosk-emergency",
            custom_attrs={"data-kiosk-hold": "emergency"},
        ),
    )


def urgency_box(state: View, kiosk: Kiosk = False) -> rx.Component:
    """How soon to get care (symbol, words, colour), what to do next, and the number to call."""
    return rx.el.section(
        rx.el.p(
            tier_icon(state.urgency["tier"]),
            rx.el.span(state.urgency["timeframe"], class_name="urgency-timeframe"),
            class_name="urgency-label",
        ),
        rx.el.h2(state.ui["next_steps"], class_name="urgency-title"),
        rx.el.p(state.urgency["action"], class_name="urgency-action", id="next-steps"),
        kiosk_emergency(state, kiosk),
        call_button(state.urgency_call, "call-now"),
        class_name="urgency urgency-" + state.urgency["tier"],
        id="urgency",
        aria_label=state.ui["urgency_label"],
    )


def section(title: str | rx.Var[str], *children: rx.Component, **props: object) -> rx.Component:
    """A titled part of the result."""
    return rx.el.section(rx.el.h2(title), *children, class_name="result-section", **props)


def disclosure(title: str | rx.Var[str], *children: rx.Component, **props: object) -> rx.Component:
    """A part of the result that stays closed until the patient opens it (printed open)."""
    return rx.el.details(
        rx.el.summary(rx.el.h2(title)), *children, class_name="result-section more", **props
    )


def reason_item(reason: ReasonView) -> rx.Component:
    """One "why this result" line."""
    return rx.el.li(reason["text"])


def root_item(root: dict[str, str]) -> rx.Component:
    """A most-likely nerve root with its disc level."""
    return rx.el.p(root["line"], class_name="root")


def treatment_item(state: View, treatment: dict[str, str], kiosk: Kiosk = False) -> rx.Component:
    """A non-surgical option: why it fits this patient, then how (one tap) with a link.

    A kiosk shows no outside links: the QR code takes them home on the patient's phone.
    """
    link = rx.el.a(
        treatment["read_more"],
        rx.el.span(" ", state.ui["new_tab"], class_name="visually-hidden"),
        href=treatment["url"],
        target="_blank",
        rel="noopener noreferrer",
        class_name="treatment-link",
    )
    return rx.el.li(
        rx.el.h3(treatment["title"]),
        rx.el.p(
            rx.el.em(state.ui["why_it_fits"]), " ", treatment["fits_because"], class_name="fits"
        ),
        rx.el.details(
            rx.el.summary(state.ui["how_to"]),
            rx.el.p(treatment["summary"]),
            link if kiosk is False else rx.cond(kiosk, rx.fragment(), link),
            class_name="how",
        ),
        class_name="card",
    )


def answer_row_read_only(row: AnswerView) -> rx.Component:
    """One answer, as a shared link shows it."""
    return rx.el.div(
        rx.el.dt(row["question"]), rx.el.dd(rx.el.span(row["answer"])), class_name="answer-row"
    )


def answer_row(row: AnswerView) -> rx.Component:
    """One answer with a "change" button that goes back to that question."""
    return rx.el.div(
        rx.el.dt(row["question"]),
        rx.el.dd(
            rx.el.span(row["answer"]),
            rx.el.button(
                QuizState.ui["change"],
                type="button",
                aria_label=row["change_label"],
                on_click=QuizState.change(row["question_id"]),
                class_name="link-button change",
            ),
        ),
        class_name="answer-row",
    )


def why_section(state: View) -> rx.Component:
    """Why this result: a few plain lines, the rest one tap away."""
    return section(
        state.ui["why"],
        rx.el.ul(rx.foreach(state.why_first, reason_item)),
        rx.cond(
            state.why_more.length() > 0,
            rx.el.details(
                rx.el.summary(state.ui["all_reasons"]),
                rx.el.ul(rx.foreach(state.why_more, reason_item)),
                class_name="more-reasons",
            ),
        ),
        id="why",
    )


def where_from(state: View) -> rx.Component:
    """Where it most likely comes from (the heading says so), in a doctor's words, and the picture.

    The picture's facts name the root's path, so the root's own line does not repeat it.
    A shared result's page always arrives with the drawing in it, which the app then takes.
    """
    return rx.el.section(
        rx.el.h2(state.spine["title"], id="spine-title"),
        rx.el.p(
            state.spine["explanation"],
            rx.cond(state.sciatica, rx.el.span(" ", state.ui["sciatica"], id="sciatica")),
        ),
        rx.el.div(rx.foreach(state.roots, root_item), id="roots"),
        rx.el.div(
            spine.diagram(
                state.diagram_class,
                state.diagram_view_box,
                state.diagram_label,
                state.diagram_facts,
                state.diagram_words,
                size="large",
                sent=state is SharedState,
            ),
            id="picture",
        ),
        class_name="result-section",
        id="spine",
    )


def full_result(state: View, kiosk: Kiosk = False) -> rx.Component:
    """After what to do: when to get help sooner, where it comes from, why, what can help."""
    ui = state.ui
    return rx.fragment(
        section(
            ui["help_sooner"],
            rx.el.ul(rx.foreach(state.help_sooner, lambda line: rx.el.li(line))),
            id="help-sooner",
        ),
        where_from(state),
        why_section(state),
        rx.cond(
            state.look_alikes.length() > 0,
            section(
                ui["look_alikes"],
                rx.el.ul(
                    rx.foreach(
                        state.look_alikes,
                        lambda a: rx.el.li(rx.el.strong(a["name"]), ". ", a["what_it_is"]),
                    )
                ),
                id="look-alikes",
            ),
        ),
        section(
            state.treatments_title,
            rx.el.ul(
                rx.foreach(state.treatments, lambda t: treatment_item(state, t, kiosk)),
                class_name="cards",
            ),
            id="treatments",
        ),
    )


def words_section(state: View) -> rx.Component:
    """Medical words used on the result, explained (closed until opened)."""
    return rx.cond(
        state.result_words.length() > 0,
        disclosure(
            state.ui["words_here"],
            rx.el.dl(
                rx.foreach(
                    state.result_words,
                    lambda w: rx.el.div(
                        rx.el.dt(w["term"]), rx.el.dd(w["plain"]), class_name="word"
                    ),
                ),
                class_name="words",
            ),
            id="words",
        ),
    )


def share_section(state: View, kiosk: bool = False) -> rx.Component:
    """The result link: share sheet or copy, and a QR code to take it to another phone.

    On a kiosk the QR code is the only way home, so it is shown open, with no buttons.
    """
    ui = state.ui
    tools = rx.fragment(
        rx.el.div(
            rx.el.button(
                ui["share"],
                type="button",
                class_name="btn btn-primary share",
                id="share",
                custom_attrs={
                    "data-share-path": state.share_path,
                    "data-copied": ui["link_copied"],
                    "data-copy-this": ui["copy_this"],
                },
            ),
            rx.el.button(
                ui["print"],
                type="button",
                class_name="btn btn-secondary share",
                custom_attrs={"data-print": "true"},  # assets/footquiz.js
            ),
            class_name="actions",
        ),
        rx.el.p("", id="share-status", role="status", class_name="share-status"),
        rx.el.p(
            ui["link"],
            " ",
            rx.el.a(state.share_url, href=state.share_path, id="share-link"),
            class_name="share-path",
        ),
    )
    kiosk_note = rx.el.p(
        rx.el.strong(ui["kiosk_qr"]),
        id="kiosk-qr-note",
        class_name="qr-kiosk-note",
    )
    qr = qr_code(state.share_qr, ui["qr_alt"], "share-qr")
    if kiosk:
        return section(ui["share_heading"], qr, kiosk_note, id="share-section")
    return disclosure(ui["share_heading"], rx.el.p(ui["share_note"]), qr, tools, id="share-section")


def result_heading(state: View, screen: str) -> rx.Component:
    """The screen's h1 says what to do ("Get emergency help now"), then the day it was taken."""
    return rx.fragment(
        rx.el.p(state.ui["app_name"], class_name="print-only app-name"),
        heading(
            rx.cond(state.done, state.urgency["title"], state.ui["your_result"]), screen=screen
        ),
        rx.cond(state.made_on != "", rx.el.p(state.made_on, class_name="taken", id="taken")),
    )


def result_body(state: View, answer_rows: rx.Component, kiosk: Kiosk = False) -> rx.Component:
    """What to do first, then why and what helps, then the rest behind disclosures.

    An emergency shows only its reasons; a kiosk shows its QR code right after what to do.
    """
    ui = state.ui
    kiosk_qr = rx.fragment() if kiosk is False else rx.cond(kiosk, share_section(state, True))
    phone_share = (
        share_section(state)
        if kiosk is False
        else rx.cond(kiosk, rx.fragment(), share_section(state))
    )
    return rx.fragment(
        urgency_box(state, kiosk),
        kiosk_qr,
        rx.cond(
            state.is_emergency,
            section(ui["why_short"], rx.el.ul(rx.foreach(state.why, reason_item)), id="why"),
            full_result(state, kiosk),
        ),
        disclosure(ui["your_answers"], rx.el.dl(answer_rows, class_name="answers"), id="answers"),
        words_section(state),
        phone_share,
        rx.el.p(state.disclaimer, class_name="disclaimer"),
        for_your_clinician(state, kiosk),
    )


def result() -> rx.Component:
    """The patient's own result screen."""
    return page(
        result_heading(QuizState, "result"),
        result_body(
            QuizState, rx.foreach(QuizState.answer_summary, answer_row), QuizState.kiosk_on
        ),
        rx.el.div(
            rx.el.div(
                rx.el.button(
                    QuizState.ui["back"],
                    type="button",
                    on_click=QuizState.back(QuizState.current),
                    class_name="btn btn-secondary",
                    id="result-back",
                ),
                class_name="actions",
            ),
            rx.el.div(kiosk_tools.start_over_or_done("btn btn-secondary"), class_name="start-over"),
            class_name="result-end",
        ),
        kiosk_tools.idle_tools(),
        wide=True,
    )
