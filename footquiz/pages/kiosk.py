"""The kiosk's attract screen, and the staff's set-up form on any other device.

A device becomes a kiosk only with the staff PIN: a link to /kiosk on a patient's own phone
shows the set-up form and changes nothing (its answers stay, it stays a phone).
"""

from __future__ import annotations

import reflex as rx

from footquiz.components import kiosk as kiosk_tools
from footquiz.components.layout import button, heading, page
from footquiz.pages.welcome import emergency_box, language_choice
from footquiz.state import QuizState

ROUTE = "/kiosk"


def pin_form(button_text: rx.Var[str], on_submit: rx.EventHandler) -> rx.Component:
    """The staff PIN, checked on the server (with back-off after a few wrong tries)."""
    return rx.el.form(
        rx.el.label(QuizState.ui["staff_pin"], html_for="kiosk-pin"),
        rx.el.input(
            id="kiosk-pin",
            name="pin",
            type="password",
            input_mode="numeric",
            auto_complete="off",
            class_name="pin-input",
        ),
        rx.el.button(button_text, type="submit", class_name="btn btn-secondary"),
        rx.cond(
            QuizState.kiosk_problem != "",
            rx.el.p(QuizState.kiosk_problem, role="alert", class_name="problem"),
        ),
        on_submit=on_submit,
        reset_on_submit=True,
        class_name="staff-form",
    )


def staff_exit() -> rx.Component:
    """Staff end kiosk mode with the PIN set on the server."""
    return rx.el.details(
        rx.el.summary(QuizState.ui["staff_exit"]),
        pin_form(QuizState.ui["leave_kiosk"], QuizState.exit_kiosk),
        class_name="staff-exit",
    )


def attract() -> rx.Component:
    """What the check is, a big Start, the emergency warning, and the staff exit.

    A check in progress (a patient went back from question 1) can be continued or wiped.
    """
    ui = QuizState.ui
    start = button(
        ui["kiosk_start"], on_click=QuizState.start, id="kiosk-start", class_name="btn-huge"
    )
    return rx.fragment(
        language_choice(),
        heading(QuizState.welcome["title"], screen="kiosk"),
        rx.el.p(QuizState.welcome_lead[1], class_name="lead"),
        rx.el.p(ui["kiosk_private"], class_name="lead"),
        rx.el.div(
            rx.cond(
                QuizState.has_saved_answers,
                rx.fragment(
                    button(
                        ui["continue_saved"],
                        on_click=QuizState.resume_or_start,
                        id="kiosk-continue",
                        class_name="btn-huge",
                    ),
                    button(ui["start_again"], primary=False, on_click=QuizState.start),
                    kiosk_tools.done_button(),
                ),
                start,
            ),
            class_name="actions",
        ),
        emergency_box(ui["kiosk_emergency"]),
        staff_exit(),
        kiosk_tools.idle_tools(),
    )


def setup() -> rx.Component:
    """On a device that is not a kiosk: only staff, with the PIN, can make it one."""
    ui = QuizState.ui
    return rx.fragment(
        heading(ui["kiosk_setup"], screen="kiosk-setup"),
        rx.el.p(ui["kiosk_setup_text"], class_name="lead"),
        pin_form(ui["start_kiosk"], QuizState.start_kiosk),
        rx.el.p(rx.el.a(ui["go_start"], href="/", id="go-start")),
    )


def kiosk() -> rx.Component:
    """The attract screen on a kiosk, else the staff's set-up form."""
    return page(rx.cond(QuizState.kiosk_on, attract(), setup()))
