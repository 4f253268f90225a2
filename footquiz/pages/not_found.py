"""A friendly page for addresses that do not exist."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import heading, page
from footquiz.state import QuizState

ROUTE = "404"


def not_found() -> rx.Component:
    """Say plainly that the page is missing and offer a way on."""
    return page(
        heading(QuizState.ui["not_found_heading"]),
        rx.el.p(QuizState.ui["not_found_text"]),
        rx.el.p(rx.el.a(QuizState.ui["go_start"], href="/", class_name="btn btn-primary")),
    )
