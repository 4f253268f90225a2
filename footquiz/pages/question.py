"""One question per screen, as a named group with help that expands in place."""

from __future__ import annotations

import reflex as rx

from footquiz.components import kiosk as kiosk_tools
from footquiz.components import spine
from footquiz.components.layout import button, heading, page
from footquiz.state import QUESTION_FIELD, OptionView, QuizState

ROUTE = "/quiz/[qid]"
"""Each question at its own address, so the browser's Back and Forward move between them."""
ENTRY = "/quiz"
"""Goes on to the question the patient is on."""
ERROR_ID = "answer-error"


def option_row(option: OptionView) -> rx.Component:
    """One answer: a native radio or checkbox inside a large label (easy to tap).

    "None of these" and "I'm not sure" are set apart from the real options by an "or".
    """
    return rx.fragment(
        rx.cond(
            option["or_before"],
            rx.el.p(QuizState.ui["or"], class_name="or-divider"),
        ),
        _option_label(option),
    )


def _option_label(option: OptionView) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type=rx.cond(QuizState.multiple, "checkbox", "radio"),
            name=option["field"],
            value=option["id"],
            default_checked=option["checked"],
            custom_attrs={
                "data-exclusive": option["exclusive"],
                "data-excludes": option["excludes"],
            },
            class_name="option-input",
            id="option-" + option["id"],
        ),
        rx.el.span(option["text"], class_name="option-text"),
        class_name="option",
        html_for="option-" + option["id"],
    )


def words_here(words: rx.Var[list[dict[str, str]]]) -> rx.Component:
    """Medical words used on this screen, each with its plain meaning."""
    return rx.cond(
        words.length() > 0,
        rx.el.dl(
            rx.foreach(
                words,
                lambda w: rx.el.div(rx.el.dt(w["term"]), rx.el.dd(w["plain"]), class_name="word"),
            ),
            class_name="words",
        ),
    )


def progress() -> rx.Component:
    """Where the patient is on this path."""
    return rx.el.div(
        rx.el.p(QuizState.progress_text, class_name="progress-text"),
        rx.el.progress(
            value=QuizState.step,
            max=QuizState.total,
            class_name="progress-bar",
            aria_label=QuizState.ui["progress_label"],
        ),
        class_name="progress",
    )


def error_summary() -> rx.Component:
    """GOV.UK's error summary: at the top, focused by assets/footquiz.js, linked to the field."""
    return rx.cond(
        QuizState.problem != "",
        rx.el.div(
            rx.el.h2(QuizState.ui["error_summary"], class_name="error-summary-title"),
            rx.el.ul(
                rx.el.li(rx.el.a(QuizState.problem, href="#" + QuizState.first_option_id)),
            ),
            role="alert",
            tab_index=-1,
            class_name="error-summary",
            id="error-summary",
        ),
    )


def serious_first() -> rx.Component:
    """Before question 1: why the check starts with serious symptoms."""
    return rx.cond(
        QuizState.step == 1,
        rx.el.p(QuizState.ui["serious_first"], class_name="serious-first", id="serious-first"),
    )


def entry() -> rx.Component:
    """``/quiz`` for the moment before the app moves on to the question's own address.

    The question is shown at its own address only: shown here too, a tick made just before the
    move would be lost when that page replaces this one. Until then the screen as sent (a
    question) stays, and a tick or a Continue made on it carries over (assets/footquiz.js).
    """
    return page(heading(QuizState.ui["one_moment"]))


def question() -> rx.Component:
    """The current question, its help, its options, and Continue / Back / Start over."""
    return page(
        rx.el.button(
            QuizState.ui["back"],
            type="button",
            on_click=QuizState.back(QuizState.current),
            class_name="back-link",
            id="back",
        ),
        # Only once the question is known: the prerendered page must not show a wrong count.
        rx.cond(QuizState.current != "", progress()),
        error_summary(),
        rx.cond(QuizState.current != "", serious_first()),
        rx.el.form(
            # Which question these options answer: a second tap on Continue answers it again.
            rx.el.input(type="hidden", name=QUESTION_FIELD, value=QuizState.current),
            rx.el.fieldset(
                rx.el.legend(heading(QuizState.question_text, screen=QuizState.current)),
                rx.el.details(
                    rx.el.summary(QuizState.ui["what_means"]),
                    rx.el.p(QuizState.question_help),
                    words_here(QuizState.question_words),
                    class_name="help",
                ),
                rx.cond(
                    QuizState.question_instructions.length() > 0,
                    rx.el.ol(
                        rx.foreach(QuizState.question_instructions, rx.el.li),
                        class_name="instructions",
                        id="instructions",
                    ),
                ),
                rx.cond(
                    QuizState.multiple,
                    rx.el.p(QuizState.ui["choose_all"], class_name="hint", id="hint"),
                ),
                rx.cond(
                    QuizState.on_body_map,
                    spine.body_map(QuizState.marked_regions, QuizState.diagram_words),
                ),
                rx.cond(
                    QuizState.problem != "",
                    rx.el.p(
                        rx.el.span(
                            QuizState.ui["error_prefix"] + " ", class_name="visually-hidden"
                        ),
                        QuizState.problem,
                        class_name="problem",
                        id=ERROR_ID,
                    ),
                ),
                rx.el.div(rx.foreach(QuizState.options, option_row), class_name="options"),
                aria_describedby=rx.cond(QuizState.problem != "", ERROR_ID, ""),
                class_name=rx.cond(QuizState.problem != "", "question has-error", "question"),
            ),
            rx.el.div(
                button(QuizState.ui["continue"], type="submit", id="continue"),
                class_name="actions",
            ),
            rx.cond(
                QuizState.diagram_shown,
                spine.diagram(
                    QuizState.diagram_class,
                    QuizState.diagram_view_box,
                    QuizState.diagram_label,
                    QuizState.diagram_facts,
                    QuizState.diagram_words,
                    size="small",
                ),
            ),
            # A new question remounts the form, so each starts from its saved answer.
            key=QuizState.current,
            on_submit=QuizState.submit,
        ),
        rx.el.div(kiosk_tools.start_over_or_done("link-button"), class_name="start-over"),
        kiosk_tools.idle_tools(),
    )
