"""The kiosk's attract screen: a big Start for the next patient, and the staff exit."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import button, heading, page
from footquiz.state import CONTENT, QuizState

ROUTE = "/kiosk"


def staff_exit() -> rx.Component:
    """Staff end kiosk mode with the PIN set on the server."""
    return rx.el.details(
        rx.el.summary("Staff: leave kiosk mode"),
        rx.el.form(
            rx.el.label("Staff PIN", html_for="kiosk-pin"),
            rx.el.input(
                id="kiosk-pin",
                name="pin",
                type="password",
                input_mode="numeric",
                auto_complete="off",
                class_name="pin-input",
            ),
            rx.el.button("Leave kiosk mode", type="submit", class_name="btn btn-secondary"),
            rx.cond(
                QuizState.kiosk_problem != "",
                rx.el.p(QuizState.kiosk_problem, role="alert", class_name="problem"),
            ),
            on_submit=QuizState.exit_kiosk,
            reset_on_submit=True,
            class_name="staff-form",
        ),
        class_name="staff-exit",
    )


def kiosk() -> rx.Component:
    """Attract screen: what the check is, a big Start, and the emergency warning."""
    text = CONTENT.welcome
    return page(
        heading(text.title),
        rx.el.p(text.lead[1], class_name="lead"),
        rx.el.p(
            "Your answers stay private. They are cleared when you finish, or if you walk away.",
            class_name="lead",
        ),
        rx.el.div(
            button("Start", on_click=QuizState.start, id="kiosk-start", class_name="btn-huge"),
            class_name="actions",
        ),
        rx.el.section(
            rx.el.h2(text.emergency_heading, class_name="emergency-heading"),
            rx.el.ul(*[rx.el.li(sign) for sign in text.emergency_signs]),
            rx.el.p(rx.el.strong("Tell the staff at the desk now.")),
            class_name="callout callout-emergency",
        ),
        staff_exit(),
    )
