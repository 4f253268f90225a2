"""Kiosk tools on the quiz and result screens: the idle prompt and the "I'm done" button.

assets/footquiz.js (its kiosk part) runs them: "I'm done" and the end of the idle countdown
wipe the browser at once (answers, tab token), press the hidden wipe button so the server
forgets too when it is reachable, and reload to the attract screen, so nothing waits on it.
"""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import confirm_button
from footquiz.state import QuizState


def done_button(button_id: str = "kiosk-done") -> rx.Component:
    """Wipe this patient's answers at once and go back to the attract screen (footquiz.js)."""
    return rx.el.button(
        QuizState.ui["done"],
        type="button",
        class_name="btn btn-secondary kiosk-done",
        id=button_id,
        custom_attrs={"data-kiosk-done": "true"},
    )


def start_over_or_done(class_name: str) -> rx.Component:
    """Start over on a patient's own phone; on a kiosk, I'm done. Both wipe, so both ask first."""
    ui = QuizState.ui
    return rx.cond(
        QuizState.kiosk_on,
        confirm_button(
            ui["done"],
            button_id="kiosk-done",
            class_name="btn btn-secondary kiosk-done",
            title=ui["confirm_done"],
            text_more=ui["confirm_done_text"],
            yes=ui["confirm_done_yes"],
            no=ui["confirm_go_back"],
            yes_attrs={"data-kiosk-done": "true"},
        ),
        confirm_button(
            ui["start_over"],
            button_id="start-over",
            class_name=class_name,
            title=ui["confirm_start_over"],
            text_more=ui["confirm_start_over_text"],
            yes=ui["confirm_clear"],
            no=ui["confirm_keep"],
            on_yes=QuizState.start_over,
        ),
    )


def idle_tools() -> rx.Component:
    """Settings for footquiz.js's kiosk part, the "Still there?" dialog and the hidden wipe."""
    return rx.cond(
        QuizState.kiosk_on,
        rx.fragment(
            rx.el.div(
                id="kiosk-settings",
                hidden=True,
                custom_attrs={
                    "data-idle-quiz": QuizState.kiosk_idle["quiz"],
                    "data-idle-result": QuizState.kiosk_idle["result"],
                    "data-countdown": QuizState.kiosk_idle["countdown"],
                },
            ),
            rx.el.dialog(
                rx.el.h2(QuizState.ui["still_there"], id="still-there-title"),
                rx.el.p(
                    QuizState.ui["still_there_text"],
                    id="still-there-text",
                    custom_attrs={"data-template": QuizState.ui["still_there_text"]},
                ),
                rx.el.div(
                    rx.el.button(
                        QuizState.ui["still_here"],
                        type="button",
                        class_name="btn btn-primary",
                        id="still-here",
                    ),
                    done_button("still-there-done"),
                    class_name="actions",
                ),
                id="still-there",
                aria_labelledby="still-there-title",
                class_name="still-there",
            ),
            rx.el.button(
                "Clear",
                type="button",
                hidden=True,
                tab_index=-1,
                on_click=QuizState.kiosk_done,
                id="kiosk-wipe",
            ),
        ),
    )
