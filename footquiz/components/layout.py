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


def confirm_button(
    text: str | rx.Var[str],
    *,
    button_id: str,
    class_name: str,
    title: rx.Var[str],
    text_more: rx.Var[str],
    yes: rx.Var[str],
    no: rx.Var[str],
    on_yes: rx.EventHandler | None = None,
    yes_attrs: dict[str, str] | None = None,
) -> rx.Component:
    """A button that wipes answers only after a "Yes" in a native dialog (one slip wipes nothing).

    assets/footquiz.js opens the dialog named by ``data-opens`` and closes it on ``data-closes``.
    The "Yes" runs ``on_yes`` on the server, or carries ``yes_attrs`` for a script to act on.
    """
    dialog_id = button_id + "-confirm"
    return rx.fragment(
        rx.el.button(
            text,
            type="button",
            class_name=class_name,
            id=button_id,
            custom_attrs={"data-opens": dialog_id, "aria-haspopup": "dialog"},
        ),
        rx.el.dialog(
            rx.el.h2(title, id=dialog_id + "-title"),
            rx.el.p(text_more),
            rx.el.div(
                rx.el.button(
                    no,
                    type="button",
                    class_name="btn btn-primary",
                    id=dialog_id + "-no",
                    custom_attrs={"data-closes": "", "autofocus": True},
                ),
                rx.el.button(
                    yes,
                    type="button",
                    class_name="btn btn-warning",
                    id=dialog_id + "-yes",
                    on_click=on_yes,
                    custom_attrs={"data-closes": "", **(yes_attrs or {})},
                ),
                class_name="actions",
            ),
            id=dialog_id,
            aria_labelledby=dialog_id + "-title",
            class_name="confirm",
        ),
    )


_CALENDAR = "M4 6h16v15H4zM4 10h16M8 3v5M16 3v5"
TIER_ICONS = {
    # A warning triangle: danger, now.
    "emergency": ("M12 2 23 21H1Z", "M12 9v5M12 17v1"),
    # A clock showing the day is running: today.
    "same_day": ("M12 2a10 10 0 1 0 0.01 0", "M12 6v6l4 3"),
    # A calendar with the next two days marked.
    "within_days": (_CALENDAR, "M7 13h4v4H7zM13 13h4v4h-4z"),
    # A calendar with a week marked.
    "soon": (_CALENDAR, "M7 13h10M7 17h10"),
    # A calendar with a tick: book a normal visit.
    "routine": (_CALENDAR, "M8 15l3 3 5-5"),
    # A house: care at home.
    "self_care": ("M3 11 12 3l9 8v10H3Z", "M10 21v-6h4v6"),
}


def tier_icon(tier: rx.Var[str]) -> rx.Component:
    """The urgency's symbol, which means something without words (the words say it too)."""

    def icon(outline: str, inner: str) -> rx.Component:
        return rx.el.svg(
            rx.el.path(d=outline),
            rx.el.path(d=inner),
            view_box="0 0 24 24",
            class_name="tier-icon",
            aria_hidden="true",
            custom_attrs={"focusable": "false"},
        )

    return rx.match(
        tier,
        *[(name, icon(*paths)) for name, paths in TIER_ICONS.items()],
        rx.fragment(),
    )


def qr_code(src: rx.Var[str], alt: str | rx.Var[str], image_id: str) -> rx.Component:
    """A QR code image made on the server (a data URI), shown once it has arrived."""
    return rx.cond(
        src != "",
        rx.el.img(src=src, alt=alt, class_name="qr", width="164", height="164", id=image_id),
    )
