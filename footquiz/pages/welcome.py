"""The welcome screen: what the check is, who it is for, and when not to use it."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import button, heading, page
from footquiz.state import CONTENT, QuizState

ROUTE = "/"


def welcome() -> rx.Component:
    """What the check is, the emergency warning, and Start."""
    text = CONTENT.welcome
    return page(
        heading(text.title),
        *[rx.el.p(line, class_name="lead") for line in text.lead],
        rx.el.section(
            rx.el.h2(text.emergency_heading, class_name="emergency-heading"),
            rx.el.ul(*[rx.el.li(sign) for sign in text.emergency_signs]),
            rx.el.p(rx.el.strong(text.emergency_action)),
            class_name="callout callout-emergency",
            aria_label="When to call for emergency help instead",
        ),
        rx.el.div(
            rx.cond(
                QuizState.has_saved_answers,
                rx.fragment(
                    button("Continue where I left off", on_click=QuizState.resume_or_start),
                    button("Start again", primary=False, on_click=QuizState.start),
                ),
                button("Start the check", on_click=QuizState.start, id="start"),
            ),
            class_name="actions",
        ),
    )
