"""The Reflex app: pages, head tags and the stylesheet. Nothing else lives here."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import reflex as rx

from footquiz.clinician import ClinicianState
from footquiz.collector import freeze_after_start
from footquiz.components.trouble import APP_WRAPS
from footquiz.config import require_origin
from footquiz.fhir_api import with_fhir
from footquiz.headers import with_headers
from footquiz.logs import browser_error, cap_log_lines, server_error
from footquiz.pages import clinician, kiosk, not_found, question, result, shared, welcome
from footquiz.sessions import install as keep_sessions_in_two_round_trips
from footquiz.shutdown import hand_over_on_stop
from footquiz.state import QuizState, SharedState
from footquiz.updates import install as send_updates_whole

require_origin()  # prod also refuses to start without FOOTQUIZ_SECRET (footquiz.sharing)
cap_log_lines()

TITLE = "footquiz: could your foot pain come from your back?"
DESCRIPTION = "A short, private self-check. Not a diagnosis."
ICON = Path(__file__).parents[1] / "assets" / "icons" / "icon.svg"
# In the page itself: a request of its own would cost more in headers than the 0.5 KB icon.
ICON_URI = "data:image/svg+xml," + quote(" ".join(ICON.read_text().split()), safe=" =:/")

app = rx.App(
    stylesheets=["/footquiz.css", "/print.css", "/clinician.css"],
    html_lang="en",
    app_wraps=APP_WRAPS,
    toaster=None,  # no toast library: the reconnecting and trouble banners are ours
    # /fhir/ is answered inside the headers' wrapper: same security headers and origin checks.
    api_transformer=[with_fhir, with_headers],
    # Failures are logged as short escaped lines, and a failed event shows the app's notice
    # instead of Reflex's blocking alert() (which would also need 'unsafe-eval').
    backend_exception_handler=server_error,
    frontend_exception_handler=browser_error,
    head_components=[
        rx.el.meta(name="theme-color", content="#0b5394"),
        # Generic previews only: a link preview never shows a result or an answer.
        rx.el.meta(name="referrer", content="no-referrer"),
        rx.el.meta(property="og:title", content=TITLE),
        rx.el.meta(property="og:description", content=DESCRIPTION),
        rx.el.meta(property="og:image", content="/icons/icon-512.png"),
        rx.el.link(rel="manifest", href="/manifest.json"),
        rx.el.link(rel="icon", href=ICON_URI, type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href="/icons/icon-192.png"),
        # Kiosk mode's script is in it too: one request fewer on every page.
        rx.el.script(src="/footquiz.js", defer=True),
    ],
)
# A rolling restart hands the sessions over (footquiz/shutdown.py): running events finish first.
app.register_lifespan_task(hand_over_on_stop)
app.register_lifespan_task(freeze_after_start)
send_updates_whole(app)  # a delta and the move after it: one message (footquiz/updates.py)
keep_sessions_in_two_round_trips(app)  # with Redis: lock and read, write and release
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
    title=QuizState.question_title,
    description=DESCRIPTION,
    on_load=QuizState.load_question,
)
app.add_page(
    question.entry,
    route=question.ENTRY,
    title=QuizState.question_title,
    description=DESCRIPTION,
    on_load=QuizState.load_quiz,
)
app.add_page(
    result.result,
    route=result.ROUTE,
    title=QuizState.result_title,
    description=DESCRIPTION,
    on_load=QuizState.load_result,
)
app.add_page(not_found.not_found, route=not_found.ROUTE, title="Page not found | footquiz")
app.add_page(
    shared.shared,
    route=shared.ROUTE,
    title="A shared result | footquiz",
    description=DESCRIPTION,
    on_load=SharedState.open_shared,
)
app.add_page(
    clinician.clinician,
    route=clinician.ROUTE,
    title="For the clinician | footquiz",
    description=DESCRIPTION,
    on_load=ClinicianState.open_sheet,
)
app.add_page(
    kiosk.kiosk,
    route=kiosk.ROUTE,
    title="Start the check | footquiz",
    description=DESCRIPTION,
    on_load=QuizState.enter_kiosk,
)
