"""Friendly replacements for Reflex's connection toaster and error page.

Reflex's defaults show the server address, the raw error and, on a rendering error, a stack
trace. A patient should instead read what happened and that no answer is lost.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var
from reflex_base.vars.function import ArgsFunctionOperation
from reflex_components_core.base.error_boundary import ErrorBoundary
from reflex_components_core.core.banner import has_connection_errors

from footquiz.content import LANGUAGES, get_content
from footquiz.state import QuizState


def reconnecting_banner() -> rx.Component:
    """Shown while the connection to the server is down; Reflex retries on its own."""
    return rx.cond(
        has_connection_errors,
        rx.el.div(
            rx.el.strong(QuizState.ui["reconnecting"]),
            " ",
            QuizState.ui["reconnecting_text"],
            role="status",
            class_name="reconnecting",
            id="reconnecting",
        ),
    )


def trouble_banner() -> rx.Component:
    """Shown when an event failed on the server, in the patient's language; never modal."""
    return rx.cond(
        QuizState.trouble,
        rx.el.div(
            rx.el.strong(QuizState.ui["error_heading"]),
            " ",
            QuizState.ui["error_text"],
            role="alert",
            class_name="reconnecting",
            id="trouble",
        ),
    )


def friendly_error_boundary(*children: rx.Component, **props: object) -> rx.Component:
    """Catch a rendering error and say what to do, with no technical detail.

    The words are fixed when the app is built, in every language, since the state that would
    pick one may be what failed.
    """
    fallback = rx.el.div(
        *[
            rx.el.div(
                rx.el.h2(ui["error_heading"]),
                rx.el.p(ui["error_text"]),
                rx.el.p(rx.el.a(ui["reload"], href="/quiz", class_name="btn btn-primary")),
                lang=code,
            )
            for code, ui in ((code, get_content(code).ui) for code in LANGUAGES)
        ],
        class_name="main",
        role="alert",
    )
    return ErrorBoundary.create(
        *children,
        fallback_render=ArgsFunctionOperation.create(("event_args",), Var.create(fallback)),
        **props,
    )


APP_WRAPS = {
    (55, "ErrorBoundary"): lambda stateful: friendly_error_boundary(
        **({} if stateful else {"on_error": rx.noop()})
    ),
    (5, "Overlay"): lambda stateful: (
        rx.fragment(reconnecting_banner(), trouble_banner()) if stateful else None
    ),
}
"""Replaces Reflex's default error boundary and connection overlay (same keys)."""
