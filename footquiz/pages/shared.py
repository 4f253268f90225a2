"""A result link opened on any phone: the same result, read-only, or a friendly refusal."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import heading, page
from footquiz.pages.result import answer_row_read_only, result_body, result_heading, section
from footquiz.state import SharedState

ROUTE = "/r/[token]"


def take_the_check() -> rx.Component:
    """The way from someone else's result to one's own check."""
    return rx.el.div(
        rx.el.a(SharedState.ui["take_check"], href="/", class_name="btn btn-primary", id="take"),
        class_name="actions",
    )


def shared() -> rx.Component:
    """Show the shared result, an older-version notice, or the invalid-link page."""
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
                    result_heading(SharedState),
                    result_body(
                        SharedState, rx.foreach(SharedState.answer_summary, answer_row_read_only)
                    ),
                    take_the_check(),
                ),
            ),
            (
                "older",
                rx.fragment(
                    heading(ui["older_heading"]),
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
                    heading(ui["invalid_heading"]),
                    rx.el.p(ui["invalid_text"]),
                    take_the_check(),
                ),
            ),
            rx.fragment(heading(ui["opening"]), rx.el.p(ui["one_moment"])),
        ),
        wide=True,
        state=SharedState,
    )
