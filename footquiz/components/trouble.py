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


def reconnecting_banner() -> rx.Component:
    """Shown while the connection to the server is down; Reflex retries on its own."""
    return rx.cond(
        has_connection_errors,
        rx.el.div(
            rx.el.strong("Reconnecting... "),
            "Your answers are saved on this device, so nothing is lost.",
            role="status",
            class_name="reconnecting",
            id="reconnecting",
        ),
    )


def friendly_error_boundary(*children: rx.Component, **props: object) -> rx.Component:
    """Catch a rendering error and say what to do, with no technical detail."""
    fallback = rx.el.div(
        rx.el.h1("Sorry, something went wrong on this screen", class_name="heading"),
        rx.el.p("Your answers are saved on this device. Reload the page to carry on."),
        rx.el.p(rx.el.a("Reload", href="/quiz", class_name="btn btn-primary")),
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
    (5, "Overlay"): lambda stateful: reconnecting_banner() if stateful else None,
}
"""Replaces Reflex's default error boundary and connection overlay (same keys)."""
