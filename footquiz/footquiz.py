"""The Reflex app: pages, head tags and the stylesheet. Nothing else lives here."""

from __future__ import annotations

import reflex as rx

from footquiz.components.trouble import APP_WRAPS
from footquiz.pages import not_found, question, result, welcome
from footquiz.state import QuizState

TITLE = "footquiz: could your foot pain come from your back?"
DESCRIPTION = "A short, private self-check. Not a diagnosis."

app = rx.App(
    stylesheets=["/footquiz.css"],
    html_lang="en",
    app_wraps=APP_WRAPS,
    toaster=None,  # no toast library: the reconnecting banner is ours
    head_components=[
        rx.el.meta(name="theme-color", content="#0b5394"),
        rx.el.script(src="/footquiz.js", defer=True),
    ],
)
app.add_page(
    welcome.welcome,
    route=welcome.ROUTE,
    title=TITLE,
    description=DESCRIPTION,
    on_load=QuizState.load_welcome,
)
app.add_page(
    question.question,
    route=question.ROUTE,
    title="Question | footquiz",
    description=DESCRIPTION,
    on_load=QuizState.load_quiz,
)
app.add_page(
    result.result,
    route=result.ROUTE,
    title="Your result | footquiz",
    description=DESCRIPTION,
    on_load=QuizState.load_result,
)
app.add_page(not_found.not_found, route=not_found.ROUTE, title="Page not found | footquiz")
