"""A result link opened on any phone: the same result, read-only, or a friendly refusal."""

from __future__ import annotations

import reflex as rx

from footquiz.components import kiosk as kiosk_tools
from footquiz.components.layout import heading, page
from footquiz.pages.result import answer_row_read_only, result_body, result_heading, section
from footquiz.state import QuizState, SharedState

ROUTE = "/r/[token]"


def take_the_check() -> rx.Component:
    """The way from someone else's result to one's own check; a kiosk also has I'm done."""
    return rx.el.div(
        rx.el.a(SharedState.ui["take_check"], href="/", class_name="btn btn-primary", id="take"),
        rx.cond(QuizState.kiosk_on, kiosk_tools.done_button()),
        class_name="actions",
    )


def shared() -> rx.Component:
    """Show the shared result, an older-version notice, or the invalid-link page.

    On a kiosk (a link typed or scanned there) it stays kiosk-safe: no outside links, no
    Share or Print, I'm done, and the idle wipe.
    """
    ui = SharedState.ui
    return page(
        rx.match(
            SharedState.link_status,
            (
                "current",
                rx.fragment(
                    rx.el.p(
                        rx.el.strong(ui["shared_heading"]),
                        ". ",
                        ui["shared_lead"],
                        class_name="lead",
                    ),
                    result_heading(SharedState, "current"),
                    result_body(
                        SharedState,
                        rx.foreach(SharedState.answer_summary, answer_row_read_only),
                        QuizState.kiosk_on,
                    ),
                    take_the_check(),
                ),
            ),
            (
                "older",
                rx.fragment(
                    heading(ui["older_heading"], screen="older"),
                    rx.el.p(ui["older_text"]),
                    section(
                        ui["older_answers"],
                        rx.el.dl(
                            rx.foreach(SharedState.older_answers, answer_row_read_only),
                            class_name="answers",
                        ),
                        id="answers",
                    ),
                    take_the_check(),
                ),
            ),
            (
                "invalid",
                rx.fragment(
                    heading(ui["invalid_heading"], screen="invalid"),
                    rx.el.p(ui["invalid_text"]),
                    take_the_check(),
                ),
            ),
            rx.fragment(heading(ui["opening"]), rx.el.p(ui["one_moment"])),
        ),
        kiosk_tools.idle_tools(),
        wide=True,
        state=SharedState,
    )
