"""The welcome screen: what the check is, who it is for, and when not to use it."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import button, heading, page
from footquiz.content import LANGUAGES
from footquiz.state import QuizState

ROUTE = "/"


def language_choice() -> rx.Component:
    """One button per language, each labelled in its own language."""
    return rx.el.nav(
        *[
            rx.el.button(
                name,
                type="button",
                lang=code,
                on_click=QuizState.choose_language(code),
                aria_pressed=rx.cond(QuizState.lang == code, "true", "false"),
                class_name="lang-button",
                id=f"lang-{code}",
            )
            for code, name in LANGUAGES.items()
        ],
        aria_label=QuizState.ui["language"],
        class_name="languages",
    )


def emergency_box(action: rx.Var[str]) -> rx.Component:
    """The warning signs that mean "get help now" instead of the check, and what to do."""
    return rx.el.section(
        rx.el.h2(QuizState.welcome["emergency_heading"], class_name="emergency-heading"),
        rx.el.ul(rx.foreach(QuizState.emergency_signs, lambda sign: rx.el.li(sign))),
        rx.el.p(rx.el.strong(action)),
        class_name="callout callout-emergency",
        aria_label=QuizState.ui["emergency_box_label"],
    )


def welcome() -> rx.Component:
    """What the check is, the emergency warning, Start, and the language choice."""
    ui = QuizState.ui
    return page(
        language_choice(),
        heading(QuizState.welcome["title"]),
        rx.foreach(QuizState.welcome_lead, lambda line: rx.el.p(line, class_name="lead")),
        emergency_box(QuizState.welcome["emergency_action"]),
        rx.el.div(
            rx.cond(
                QuizState.has_saved_answers,
                rx.fragment(
                    button(ui["continue_saved"], on_click=QuizState.resume_or_start),
                    button(ui["start_again"], primary=False, on_click=QuizState.start),
                ),
                button(ui["start_check"], on_click=QuizState.start, id="start"),
            ),
            class_name="actions",
        ),
    )
