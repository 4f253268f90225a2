"""Kiosk tools on the quiz and result screens: the idle prompt and the "I'm done" button.

assets/kiosk.js runs them: "I'm done" and the end of the idle countdown wipe the browser at
once (answers, tab token), press the hidden wipe button so the server forgets too when it is
reachable, and reload to the attract screen, so nothing waits on the server.
"""

from __future__ import annotations

import reflex as rx

from footquiz.state import QuizState


def done_button(button_id: str = "kiosk-done") -> rx.Component:
    """Wipe this patient's answers at once and go back to the attract screen (kiosk.js)."""
    return rx.el.button(
        QuizState.ui["done"],
        type="button",
        class_name="btn btn-secondary kiosk-done",
        id=button_id,
        custom_attrs={"data-kiosk-done": "true"},
    )


def start_over_or_done(class_name: str) -> rx.Component:
    """The Start over button on a patient's own phone; on a kiosk, I'm done (which wipes)."""
    return rx.cond(
        QuizState.kiosk_on,
        done_button(),
        rx.el.button(
            QuizState.ui["start_over"],
            type="button",
            on_click=QuizState.start_over,
            class_name=class_name,
        ),
    )


def idle_tools() -> rx.Component:
    """Settings for assets/kiosk.js, the "Still there?" dialog and the hidden server wipe."""
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
