"""A result link opened on any phone: the same result, read-only, or a friendly refusal."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import heading, page
from footquiz.pages.result import answer_row_read_only, result_body, section
from footquiz.state import SharedState

ROUTE = "/r/[token]"


def take_the_check() -> rx.Component:
    """The way from someone else's result to one's own check."""
    return rx.el.div(
        rx.el.a("Take the check yourself", href="/", class_name="btn btn-primary", id="take"),
        class_name="actions",
    )


def shared() -> rx.Component:
    """Show the shared result, an older-version notice, or the invalid-link page."""
    return page(
        rx.match(
            SharedState.link_status,
            (
                "current",
                rx.fragment(
                    heading("A shared footquiz result"),
                    rx.el.p(
                        "Someone shared this result with you. It was worked out from their"
                        " answers.",
                        class_name="lead",
                    ),
                    result_body(
                        SharedState, rx.foreach(SharedState.answer_summary, answer_row_read_only)
                    ),
                    take_the_check(),
                ),
            ),
            (
                "older",
                rx.fragment(
                    heading("This link comes from an older version of the check"),
                    rx.el.p(
                        "The check has changed since this link was made, so we will not show an"
                        " old result that could now be wrong. These are the answers it holds."
                        " Take the check again for an up-to-date result."
                    ),
                    section(
                        "Answers in the link",
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
                    heading("This link is not valid"),
                    rx.el.p(
                        "It may be cut short, changed, or copied wrongly. Ask the person who sent"
                        " it to share it again, or take the check yourself. It takes about 3"
                        " minutes."
                    ),
                    take_the_check(),
                ),
            ),
            rx.fragment(heading("Opening the shared result..."), rx.el.p("One moment, please.")),
        ),
        wide=True,
    )
