"""The kiosk's attract screen: a big Start for the next patient, and the staff exit."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import button, heading, page
from footquiz.pages.welcome import emergency_box, language_choice
from footquiz.state import QuizState

ROUTE = "/kiosk"


def staff_exit() -> rx.Component:
    """Staff end kiosk mode with the PIN set on the server."""
    return rx.el.details(
        rx.el.summary(QuizState.ui["staff_exit"]),
        rx.el.form(
            rx.el.label(QuizState.ui["staff_pin"], html_for="kiosk-pin"),
            rx.el.input(
                id="kiosk-pin",
                name="pin",
                type="password",
                input_mode="numeric",
                auto_complete="off",
                class_name="pin-input",
            ),
            rx.el.button(
                QuizState.ui["leave_kiosk"], type="submit", class_name="btn btn-secondary"
            ),
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
    ui = QuizState.ui
    return page(
        language_choice(),
        heading(QuizState.welcome["title"]),
        rx.el.p(QuizState.welcome_lead[1], class_name="lead"),
        rx.el.p(ui["kiosk_private"], class_name="lead"),
        rx.el.div(
            button(
                ui["kiosk_start"], on_click=QuizState.start, id="kiosk-start", class_name="btn-huge"
            ),
            class_name="actions",
        ),
        emergency_box(ui["kiosk_emergency"]),
        staff_exit(),
    )
