"""A friendly page for addresses that do not exist."""

from __future__ import annotations

import reflex as rx

from footquiz.components.layout import heading, page

ROUTE = "404"


def not_found() -> rx.Component:
    """Say plainly that the page is missing and offer a way on."""
    return page(
        heading("We cannot find that page"),
        rx.el.p(
            "The link may be old or mistyped. Your answers are safe in this browser if you"
            " had started the check."
        ),
        rx.el.p(rx.el.a("Go to the start of the check", href="/", class_name="btn btn-primary")),
    )
