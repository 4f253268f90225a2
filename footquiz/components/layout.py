"""The frame every screen shares: skip link, header, one main landmark, footer."""

from __future__ import annotations

import reflex as rx

from footquiz.state import HEADING_ID, QuizState, ResultView


def heading(
    *children: rx.Component | str | rx.Var, screen: str | rx.Var[str] = "", **props: object
) -> rx.Component:
    """The screen's single h1; focus moves here on each new screen.

    ``screen`` names what is shown (a question id, a page): when it changes, assets/footquiz.js
    moves the focus to the heading and scrolls to the top. Empty: the focus stays where it is.
    """
    return rx.el.h1(
        *children,
        id=HEADING_ID,
        tab_index=-1,
        class_name="heading",
        custom_attrs={"data-screen": screen},
        **props,
    )


def page(
    *children: rx.Component, wide: bool = False, state: type[ResultView] = QuizState
) -> rx.Component:
    """A screen: header, the content in one <main>, and a short footer (larger on a kiosk).

    ``state`` is whose language the frame speaks (a shared link speaks the link's).
    """
    ui = state.ui
    return rx.el.div(
        rx.el.a(ui["skip_link"], href="#main", class_name="skip-link"),
        rx.el.header(
            rx.el.a(
                rx.el.span("foot", class_name="brand-a"),
                rx.el.span("quiz", class_name="brand-b"),
                href="/",
                class_name="brand",
                aria_label=ui["home"],
            ),
            rx.el.span(ui["tagline"], class_name="tagline"),
            class_name="site-header",
        ),
        rx.el.main(*children, id="main", class_name="main wide" if wide else "main"),
        rx.el.footer(
            rx.el.p(ui["footer"]),
            class_name="site-footer",
        ),
        # assets/footquiz.js presses this every minute while the tab is open, so the server
        # keeps its session; a closed tab's session expires minutes later.
        rx.el.button(
            type="button", hidden=True, tab_index=-1, on_click=QuizState.keep_alive, id="keep-alive"
        ),
        class_name=rx.cond(QuizState.kiosk_on, "app kiosk", "app"),
        lang=state.lang,
    )


def button(text: str | rx.Var[str], *, primary: bool = True, **props: object) -> rx.Component:
    """A large button (at least 44 px tall) for the main actions."""
    extra = props.pop("class_name", "")
    return rx.el.button(
        text,
        type=props.pop("type", "button"),
        class_name=("btn btn-primary " if primary else "btn btn-secondary ") + str(extra),
        **props,
    )


def call_button(call: rx.Var[dict[str, str]], button_id: str) -> rx.Component:
    """A number to call with one tap ("Call 999"): a big tel: link; nothing when empty.

    Shown only once the page has loaded its state: the page as first sent does not yet know
    where the patient is, and must never offer another country's number to tap.
    """
    return rx.cond(
        rx.State.is_hydrated & call.contains("href"),
        rx.el.a(
            rx.el.span("\u260e", class_name="call-mark", aria_hidden="true"),
            call["label"],
            href=call["href"],
            class_name="btn btn-call",
            id=button_id,
        ),
    )
