"""The welcome screen: what the check is, who it is for, and when not to use it."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import button, call_button, confirm_button, heading, page
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


def region_choice() -> rx.Component:
    """Where the patient is, so the check names their emergency number and services.

    Not shown when the deployment chose the region (FOOTQUIZ_REGION).
    """
    return rx.cond(
        QuizState.region_choice.length() > 0,
        rx.el.div(
            rx.el.label(QuizState.ui["region"], html_for="region"),
            rx.el.select(
                rx.foreach(
                    QuizState.region_choice,
                    lambda r: rx.el.option(r["name"], value=r["code"]),
                ),
                id="region",
                value=QuizState.region,
                on_change=QuizState.choose_region,
                aria_describedby="region-note",
                class_name="region-select",
            ),
            rx.el.p(QuizState.ui["region_note"], id="region-note", class_name="hint"),
            class_name="region",
        ),
    )


def emergency_box(action: rx.Var[str]) -> rx.Component:
    """The warning signs that mean "get help now" instead of the check, and a call button."""
    return rx.el.section(
        rx.el.h2(QuizState.welcome["emergency_heading"], class_name="emergency-heading"),
        rx.el.ul(rx.foreach(QuizState.emergency_signs, lambda sign: rx.el.li(sign))),
        rx.el.p(rx.el.strong(action)),
        call_button(QuizState.emergency_call, "call-emergency"),
        class_name="callout callout-emergency",
        aria_label=QuizState.ui["emergency_box_label"],
    )


def welcome() -> rx.Component:
    """What the check is and Start, within the first screen; then the emergency warning.

    The rest of the introduction and where the patient is come after.
    """
    ui = QuizState.ui
    return page(
        language_choice(),
        heading(QuizState.welcome["title"]),
        rx.el.p(QuizState.welcome_lead[0], class_name="lead"),
        rx.el.div(
            rx.cond(
                QuizState.has_saved_answers,
                rx.fragment(
                    button(ui["continue_saved"], on_click=QuizState.resume_or_start),
                    confirm_button(
                        ui["start_again"],
                        button_id="start-again",
                        class_name="btn btn-secondary",
                        title=ui["confirm_start_over"],
                        text_more=ui["confirm_start_over_text"],
                        yes=ui["confirm_clear"],
                        no=ui["confirm_keep"],
                        on_yes=QuizState.start,
                    ),
                ),
                button(ui["start_check"], on_click=QuizState.start, id="start"),
            ),
            class_name="actions actions-first",
        ),
        emergency_box(QuizState.welcome["emergency_action"]),
        rx.foreach(QuizState.welcome_lead[1:], lambda line: rx.el.p(line)),
        region_choice(),
    )
