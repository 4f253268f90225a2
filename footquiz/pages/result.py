"""The tailored result: urgency first, then where it comes from, why, and what can help."""

from __future__ import annotations

import reflex as rx

from footquiz.components import kiosk as kiosk_tools
from footquiz.components import spine
from footquiz.components.layout import heading, page
from footquiz.state import CONTENT, AnswerView, QuizState, ReasonView, ResultView

View = type[ResultView]
Kiosk = bool | rx.Var[bool]

ROUTE = "/result"
TIER_MARK = {
    "emergency": "!!",
    "same_day": "!",
    "within_days": "1-2d",
    "soon": "1-2w",
    "routine": "GP",
    "self_care": "OK",
}


def urgency_box(state: View) -> rx.Component:
    """How soon to get care: a symbol, words and colour (never colour alone)."""
    return rx.el.section(
        rx.el.p(
            rx.el.span(
                rx.match(state.urgency["tier"], *TIER_MARK.items(), "?"),
                class_name="urgency-mark",
                aria_hidden="true",
            ),
            rx.el.span(state.urgency["timeframe"], class_name="urgency-timeframe"),
            class_name="urgency-label",
        ),
        rx.el.h2(state.urgency["title"], class_name="urgency-title"),
        rx.el.p(state.urgency["action"], class_name="urgency-action"),
        class_name="urgency urgency-" + state.urgency["tier"],
        id="urgency",
        aria_label="How soon to get care",
    )


def section(title: str, *children: rx.Component, **props: object) -> rx.Component:
    """A titled part of the result."""
    return rx.el.section(rx.el.h2(title), *children, class_name="result-section", **props)


def reason_item(reason: ReasonView) -> rx.Component:
    """One "why this result" line."""
    return rx.el.li(reason["text"])


def root_item(root: dict[str, str]) -> rx.Component:
    """A most-likely nerve root with its disc level."""
    return rx.el.li(
        rx.el.strong(root["root"], " nerve root"),
        " (",
        root["confidence"],
        "). It is most often pinched by the ",
        rx.el.strong(root["disc"], " disc"),
        ". It carries feeling to ",
        root["path"],
        ".",
        class_name="root",
    )


def treatment_item(treatment: dict[str, str], kiosk: Kiosk = False) -> rx.Component:
    """A non-surgical option with why it fits and a link that opens in a new tab.

    A kiosk shows no outside links: the QR code takes them home on the patient's phone.
    """
    link = rx.el.a(
        "Read more on ",
        treatment["site"],
        rx.el.span(" (opens in a new tab)", class_name="visually-hidden"),
        href=treatment["url"],
        target="_blank",
        rel="noopener noreferrer",
        class_name="treatment-link",
    )
    return rx.el.li(
        rx.el.h3(treatment["title"]),
        rx.el.p(treatment["summary"]),
        rx.el.p(rx.el.em("Why it fits: "), treatment["fits_because"]),
        link if kiosk is False else rx.cond(kiosk, rx.fragment(), link),
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
                "Change",
                rx.el.span(" answer: ", row["question"], class_name="visually-hidden"),
                type="button",
                on_click=QuizState.change(row["question_id"]),
                class_name="link-button change",
            ),
        ),
        class_name="answer-row",
    )


def full_result(state: View, kiosk: Kiosk = False) -> rx.Component:
    """Everything after the urgency box, for non-emergency results."""
    return rx.fragment(
        section(
            "Where it most likely comes from",
            rx.el.p(rx.el.strong(state.spine["title"]), id="spine-title"),
            rx.el.p(state.spine["explanation"]),
            id="spine",
        ),
        section(
            "Picture of your result",
            spine.diagram(
                state.diagram_class,
                state.diagram_view_box,
                state.diagram_label,
                state.diagram_side,
                state.diagram_facts,
                size="large",
            ),
            id="picture",
        ),
        rx.cond(
            state.roots.length() > 0,
            section(
                "Most likely nerve",
                rx.el.p(
                    "A nerve root is the part of a nerve where it leaves the spine. A disc is"
                    " the soft pad between two bones of the spine.",
                    class_name="glossary",
                ),
                rx.el.ul(rx.foreach(state.roots, root_item)),
                id="roots",
            ),
        ),
        section("Why this result", rx.el.ul(rx.foreach(state.why, reason_item)), id="why"),
        rx.cond(
            state.look_alikes.length() > 0,
            section(
                "Other causes that fit",
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
            "What can help, without surgery",
            rx.el.ul(
                rx.foreach(state.treatments, lambda t: treatment_item(t, kiosk)),
                class_name="cards",
            ),
            id="treatments",
        ),
        section(
            "Get help sooner if",
            rx.el.ul(rx.foreach(state.help_sooner, lambda line: rx.el.li(line))),
            id="help-sooner",
        ),
    )


def share_section(state: View, kiosk: Kiosk = False) -> rx.Component:
    """The result link: share sheet or copy, and a QR code to take it to another phone."""
    tools = rx.fragment(
        rx.el.div(
            rx.el.button(
                "Share this result",
                type="button",
                class_name="btn btn-primary share",
                id="share",
                custom_attrs={"data-share-path": state.share_path},
            ),
            rx.el.button(
                "Print",
                type="button",
                class_name="btn btn-secondary share",
                on_click=rx.call_script("window.print()"),
            ),
            class_name="actions",
        ),
        rx.el.p("", id="share-status", role="status", class_name="share-status"),
        rx.el.p(
            "Link: ",
            rx.el.a(state.share_url, href=state.share_path, id="share-link"),
            class_name="share-path",
        ),
    )
    kiosk_note = rx.el.p(
        rx.el.strong("Scan this code with your phone"),
        " to take this result and the treatment links home. Nothing stays on this screen.",
        id="kiosk-qr-note",
        class_name="qr-kiosk-note",
    )
    return section(
        "Share or keep this result",
        rx.el.p("The link holds your answers, not your name. Anyone with it can see this result."),
        rx.el.img(
            src=state.share_qr,
            alt="QR code of the link to this result",
            class_name="qr",
            width="164",
            height="164",
            id="share-qr",
        ),
        tools if kiosk is False else rx.cond(kiosk, kiosk_note, tools),
        id="share-section",
    )


def result_body(state: View, answer_rows: rx.Component, kiosk: Kiosk = False) -> rx.Component:
    """Urgency first, then the explanation (or only the reasons for an emergency)."""
    return rx.fragment(
        rx.el.p("Made on ", state.result_date, class_name="print-only"),
        urgency_box(state),
        rx.cond(
            state.is_emergency,
            section("Why", rx.el.ul(rx.foreach(state.why, reason_item)), id="why"),
            full_result(state, kiosk),
        ),
        section("Your answers", rx.el.dl(answer_rows, class_name="answers"), id="answers"),
        rx.el.p(CONTENT.disclaimer, class_name="disclaimer"),
        share_section(state, kiosk),
    )


def result() -> rx.Component:
    """The patient's own result screen."""
    return page(
        heading("Your result"),
        result_body(
            QuizState, rx.foreach(QuizState.answer_summary, answer_row), QuizState.kiosk_on
        ),
        rx.el.div(
            rx.el.button(
                "Back",
                type="button",
                on_click=QuizState.back,
                class_name="btn btn-secondary",
                id="result-back",
            ),
            rx.cond(
                QuizState.kiosk_on,
                kiosk_tools.done_button(),
                rx.el.button(
                    "Start over",
                    type="button",
                    on_click=QuizState.start_over,
                    class_name="btn btn-secondary",
                ),
            ),
            class_name="actions",
        ),
        kiosk_tools.idle_tools(),
        wide=True,
    )
