"""The frame every screen shares: skip link, header, one main landmark, footer."""

from __future__ import annotations

import reflex as rx

from footquiz.state import HEADING_ID, QuizState


def heading(*children: rx.Component | str, **props: object) -> rx.Component:
    """The screen's single h1; focus moves here on each new screen."""
    return rx.el.h1(*children, id=HEADING_ID, tab_index=-1, class_name="heading", **props)


def page(*children: rx.Component, wide: bool = False) -> rx.Component:
    """A screen: header, the content in one <main>, and a short footer (larger on a kiosk)."""
    return rx.el.div(
        rx.el.a("Skip to the main content", href="#main", class_name="skip-link"),
        rx.el.header(
            rx.el.a(
                rx.el.span("foot", class_name="brand-a"),
                rx.el.span("quiz", class_name="brand-b"),
                href="/",
                class_name="brand",
                aria_label="footquiz home",
            ),
            rx.el.span("Could your foot pain come from your back?", class_name="tagline"),
            class_name="site-header",
        ),
        rx.el.main(*children, id="main", class_name="main wide" if wide else "main"),
        rx.el.footer(
            rx.el.p(
                "A self-check, not a diagnosis. Nothing you answer leaves this session:"
                " no accounts, no tracking."
            ),
            class_name="site-footer",
        ),
        class_name=rx.cond(QuizState.kiosk_on, "app kiosk", "app"),
    )


def button(text: str, *, primary: bool = True, **props: object) -> rx.Component:
    """A large button (at least 44 px tall) for the main actions."""
    extra = props.pop("class_name", "")
    return rx.el.button(
        text,
        type=props.pop("type", "button"),
        class_name=("btn btn-primary " if primary else "btn btn-secondary ") + str(extra),
        **props,
    )
