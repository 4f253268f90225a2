"""The screen as sent: a question or a shared result in plain HTML, before any script runs.

A result link (``/r/<token>``) and a question's address (``/quiz``, ``/quiz/<id>``) are pages
whose text comes from the app's state over the websocket, so the page Reflex serves for them is
an empty frame. :func:`result_page` and :func:`question_page` render the same screen on the
server, from the same views the app shows (:class:`~footquiz.state.SharedState` and
:class:`~footquiz.state.QuizState`, which ask the engine), with the same elements and CSS
classes as ``footquiz/pages``, so it reads the same with JavaScript off. :mod:`footquiz.headers`
puts it in the page's ``<body>`` after any prerendered markup and before the scripts, where
React's hydration of the body skips it (React 19 passes over unexpected elements in ``<body>``
and leaves them in place).

It is an ``.app.early`` frame: ``footquiz.css`` hides the app's own frame until its heading
names a screen, then hides this one instead (one swap: no element moves, nothing shifts), and
``assets/footquiz.js`` removes it, carrying over any option already ticked.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from footquiz.components import spine
from footquiz.components.layout import TIER_ICONS
from footquiz.content import DEFAULT_REGION
from footquiz.engine.diagram import MAP_QUESTION
from footquiz.sharing import OpenedLink
from footquiz.state import (
    CONTENT,
    QUIZ_PREFIX,
    QuizState,
    ResultView,
    SharedState,
    browser_language,
    browser_region,
)

Child = str | None
"""Markup (already escaped), or nothing."""


def _attributes(attrs: dict[str, Any]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        parts.append(f" {key}" if value is True else f' {key}="{escape(str(value))}"')
    return "".join(parts)


def tag(name: str, attrs: dict[str, Any] | None = None, *children: Child) -> str:
    """One element; attribute values and nothing else are escaped here (None: left out)."""
    return f"<{name}{_attributes(attrs or {})}>{''.join(c for c in children if c)}</{name}>"


def void(name: str, attrs: dict[str, Any]) -> str:
    """An element with no content (an input)."""
    return f"<{name}{_attributes(attrs)}/>"


def text(value: str) -> str:
    """Plain text as markup."""
    return escape(value, quote=False)


# React's names for the attributes Reflex's SVG elements use, where HTML spells them otherwise.
_HTML_NAMES = {"className": "class", "tabIndex": "tabindex", "htmlFor": "for"}


def static_markup(node: dict[str, Any], dynamic: dict[str, str] | None = None) -> str:
    """HTML of a rendered Reflex component tree whose props are all literal values.

    ``dynamic`` gives the value of any prop that is a state expression (such as a body map
    place's ``aria-checked``); any other expression is an error, never silently dropped.
    """
    if "contents" in node:
        return text(json.loads(node["contents"]))
    attrs: dict[str, Any] = {}
    for prop in node["props"]:
        key, value = prop.split(":", 1)
        key = json.loads(key) if key.startswith('"') else key
        if key == "ref":
            continue
        try:
            attrs[_HTML_NAMES.get(key, key)] = json.loads(value)
        except json.JSONDecodeError:
            if dynamic is None or key not in dynamic:
                raise ValueError(f"{key} is not a literal: {value}") from None
            attrs[key] = dynamic[key]
    inner = "".join(static_markup(child, dynamic) for child in node["children"])
    return tag(json.loads(node["name"]), attrs, inner)


# ----- the frame -------------------------------------------------------------------------------


def frame(view: ResultView, path: str, *children: Child, wide: bool = False) -> str:
    """``components.layout.page`` as the page is sent: skip link, header, main, footer."""
    ui = view.ui
    brand = tag(
        "a",
        {"aria-label": ui["home"], "class": "brand", "href": "/"},
        tag("span", {"class": "brand-a"}, "foot"),
        tag("span", {"class": "brand-b"}, "quiz"),
    )
    return tag(
        "div",
        {"class": "app early", "id": "early", "lang": view.lang, "data-path": path},
        tag("a", {"class": "skip-link", "href": "#main"}, text(ui["skip_link"])),
        tag(
            "header",
            {"class": "site-header"},
            brand,
            tag("span", {"class": "tagline"}, text(ui["tagline"])),
        ),
        tag("main", {"class": "main wide" if wide else "main", "id": "main"}, *children),
        tag("footer", {"class": "site-footer"}, tag("p", {}, text(ui["footer"]))),
    )


def heading(content: str, screen: str) -> str:
    """The screen's h1 (``components.layout.heading``), without its id: that names the app's."""
    attrs = {"class": "heading", "data-screen": screen, "tabindex": "-1"}
    return tag("h1", attrs, text(content))


def start_over(view: ResultView, class_name: str) -> str:
    """The Start over button (its dialog and what it wipes come with the app)."""
    button = tag(
        "button",
        {"aria-haspopup": "dialog", "class": class_name, "type": "button"},
        text(view.ui["start_over"]),
    )
    return tag("div", {"class": "start-over"}, button)


def words_list(words: list[dict[str, str]]) -> str | None:
    """Medical words with their plain meaning."""
    if not words:
        return None
    rows = [
        tag(
            "div",
            {"class": "word"},
            tag("dt", {}, text(w["term"])),
            tag("dd", {}, text(w["plain"])),
        )
        for w in words
    ]
    return tag("dl", {"class": "words"}, *rows)


def definition(plain: str) -> str:
    """A word's plain meaning."""
    return tag("dd", {}, text(plain))


def items(lines: list[str]) -> str:
    """A list's items."""
    return "".join(tag("li", {}, text(line)) for line in lines)


# ----- a question --------------------------------------------------------------------------------


def option_rows(quiz: QuizState) -> str:
    """``pages.question.option_row`` for each option, unticked (the server has no answers)."""
    kind = "checkbox" if quiz.multiple else "radio"
    rows = []
    for option in quiz.options:
        if option["or_before"]:
            rows.append(tag("p", {"class": "or-divider"}, text(quiz.ui["or"])))
        box = {
            "class": "option-input",
            "data-exclusive": "true" if option["exclusive"] else "false",
            "data-excludes": option["excludes"],
            "name": option["field"],
            "type": kind,
            "value": option["id"],
        }
        rows.append(
            tag(
                "label",
                {"class": "option"},
                void("input", box),
                tag("span", {"class": "option-text"}, text(option["text"])),
            )
        )
    return "".join(rows)


def question_page(question_id: str, accept_language: str, path: str) -> str:
    """``pages.question.question`` for one question, as a patient with no answers yet sees it."""
    quiz = QuizState(_reflex_internal_init=True)
    quiz.lang = browser_language(accept_language)
    quiz.region = browser_region(accept_language)
    quiz.current = question_id
    quiz._show()  # the same view the app works out for this screen
    ui = quiz.ui
    progress = tag(
        "div",
        {"class": "progress"},
        tag("p", {"class": "progress-text"}, text(quiz.progress_text)),
        tag(
            "progress",
            {
                "aria-label": ui["progress_label"],
                "class": "progress-bar",
                "max": quiz.total,
                "value": quiz.step,
            },
        ),
    )
    serious = None
    if quiz.step == 1:
        serious = tag(
            "p", {"class": "serious-first", "id": "serious-first"}, text(ui["serious_first"])
        )
    instructions = None
    if quiz.question_instructions:
        instructions = tag(
            "ol",
            {"class": "instructions", "id": "instructions"},
            items(quiz.question_instructions),
        )
    hint = None
    if quiz.multiple:
        hint = tag("p", {"class": "hint", "id": "hint"}, text(ui["choose_all"]))
    body_map = None
    if question_id == MAP_QUESTION:
        rendered = spine.body_map(QuizState.marked_regions, quiz.diagram_words).render()
        # Its id names the app's map (scripts and tests find it by that).
        rendered["props"] = [p for p in rendered["props"] if not p.startswith("id:")]
        body_map = static_markup(rendered, {"aria-checked": "false"})
    fieldset = tag(
        "fieldset",
        {"aria-describedby": "", "class": "question"},
        tag("legend", {}, heading(quiz.question_text, question_id)),
        tag(
            "details",
            {"class": "help"},
            tag("summary", {}, text(ui["what_means"])),
            tag("p", {}, text(quiz.question_help)),
            words_list(quiz.question_words),
        ),
        instructions,
        hint,
        body_map,
        tag("div", {"class": "options"}, option_rows(quiz)),
    )
    form = tag(
        "form",
        {},
        void("input", {"type": "hidden", "name": "question", "value": question_id}),
        fieldset,
        tag(
            "div",
            {"class": "actions"},
            tag("button", {"class": "btn btn-primary ", "type": "submit"}, text(ui["continue"])),
        ),
    )
    back = tag("button", {"class": "back-link", "type": "button"}, text(ui["back"]))
    return frame(quiz, path, back, progress, serious, form, start_over(quiz, "link-button"))


# ----- a shared result ---------------------------------------------------------------------------


def section(title: str, *children: Child, **attrs: str) -> str:
    """``pages.result.section``: a titled part of the result."""
    return tag(
        "section", {"class": "result-section", **attrs}, tag("h2", {}, text(title)), *children
    )


def disclosure(title: str, *children: Child, **attrs: str) -> str:
    """``pages.result.disclosure``: closed until opened."""
    summary = tag("summary", {}, tag("h2", {}, text(title)))
    return tag("details", {"class": "result-section more", **attrs}, summary, *children)


def tier_icon(tier: str) -> str:
    """``components.layout.tier_icon``."""
    outline, inner = TIER_ICONS[tier]
    attrs = {
        "aria-hidden": "true",
        "class": "tier-icon",
        "focusable": "false",
        "viewBox": "0 0 24 24",
    }
    return tag("svg", attrs, tag("path", {"d": outline}), tag("path", {"d": inner}))


def urgency_box(view: ResultView) -> str:
    """``pages.result.urgency_box`` (a phone's: no kiosk desk line)."""
    urgency = view.urgency
    call = view.urgency_call
    call_link = None
    if "href" in call:
        call_link = tag(
            "a",
            {"class": "btn btn-call", "href": call["href"], "id": "call-now"},
            tag("span", {"aria-hidden": "true", "class": "call-mark"}, "\u260e"),
            text(call["label"]),
        )
    return tag(
        "section",
        {
            "aria-label": view.ui["urgency_label"],
            "class": f"urgency urgency-{urgency['tier']}",
            "id": "urgency",
        },
        tag(
            "p",
            {"class": "urgency-label"},
            tier_icon(urgency["tier"]),
            tag("span", {"class": "urgency-timeframe"}, text(urgency["timeframe"])),
        ),
        tag("h2", {"class": "urgency-title"}, text(view.ui["next_steps"])),
        tag("p", {"class": "urgency-action", "id": "next-steps"}, text(urgency["action"])),
        call_link,
    )


def reasons(view: ResultView) -> str:
    """``pages.result.why_section``: a few lines, the rest one tap away."""
    more = None
    if view.why_more:
        more = tag(
            "details",
            {"class": "more-reasons"},
            tag("summary", {}, text(view.ui["all_reasons"])),
            tag("ul", {}, items([r["text"] for r in view.why_more])),
        )
    return section(
        view.ui["why"], tag("ul", {}, items([r["text"] for r in view.why_first])), more, id="why"
    )


def where_from(view: ResultView) -> str:
    """``pages.result.where_from`` with the large picture (``components.spine.diagram``)."""
    sciatica = (
        tag("span", {"id": "sciatica"}, " ", text(view.ui["sciatica"])) if view.sciatica else None
    )
    picture = spine.picture(
        view.diagram_class, view.diagram_view_box, view.diagram_label, view.diagram_words
    )
    facts = "".join(
        tag("li", {"class": "fact-" + fact["kind"]}, text(fact["text"]))
        for fact in view.diagram_facts
    )
    figure = tag(
        "figure",
        {"class": "dg-figure dg-large", "id": "diagram-large"},
        static_markup(picture.render()),
        tag("figcaption", {}, tag("ul", {"class": "dg-facts"}, facts)),
    )
    roots = "".join(tag("p", {"class": "root"}, text(r["line"])) for r in view.roots)
    return tag(
        "section",
        {"class": "result-section", "id": "spine"},
        tag("h2", {"id": "spine-title"}, text(view.spine["title"])),
        tag("p", {}, text(view.spine["explanation"]), sciatica),
        tag("div", {"id": "roots"}, roots),
        tag("div", {"id": "picture"}, figure),
    )


def treatment(view: ResultView, card: dict[str, str]) -> str:
    """``pages.result.treatment_item`` without its outside link (see :func:`result_page`)."""
    return tag(
        "li",
        {"class": "card"},
        tag("h3", {}, text(card["title"])),
        tag(
            "p",
            {"class": "fits"},
            tag("em", {}, text(view.ui["why_it_fits"])),
            " ",
            text(card["fits_because"]),
        ),
        tag(
            "details",
            {"class": "how"},
            tag("summary", {}, text(view.ui["how_to"])),
            tag("p", {}, text(card["summary"])),
        ),
    )


def full_result(view: ResultView) -> str:
    """``pages.result.full_result``: help sooner, where from, why, look-alikes, treatments."""
    ui = view.ui
    look_alikes = None
    if view.look_alikes:
        lines = "".join(
            tag("li", {}, tag("strong", {}, text(a["name"])), ". ", text(a["what_it_is"]))
            for a in view.look_alikes
        )
        look_alikes = section(ui["look_alikes"], tag("ul", {}, lines), id="look-alikes")
    cards = "".join(treatment(view, card) for card in view.treatments)
    return "".join(
        [
            section(ui["help_sooner"], tag("ul", {}, items(view.help_sooner)), id="help-sooner"),
            where_from(view),
            reasons(view),
            look_alikes or "",
            section(view.treatments_title, tag("ul", {"class": "cards"}, cards), id="treatments"),
        ]
    )


def result_page(opened: OpenedLink, accept_language: str, path: str) -> str:
    """``pages.shared.shared`` for a current link: the whole result, read-only.

    Kiosk-safe, as the server cannot tell a kiosk (its flag is in the browser's storage): no
    outside links, no Share or Print, no clinician link. Those come with the app.
    """
    shared, language, region = opened
    view = SharedState(_reflex_internal_init=True)
    view.words_on = True
    view.lang = language
    # As SharedState.open_shared: a link from before regions takes the viewer's region.
    view.region = region or browser_region(accept_language) or DEFAULT_REGION
    view.answers = {q: list(o) for q, o in shared.answers.items()}
    view.done = True
    view.result_date = shared.taken.isoformat() if shared.taken else ""
    view._show_result(view._answers())  # the same view the app works out for this result
    ui = view.ui
    rows = "".join(
        tag(
            "div",
            {"class": "answer-row"},
            tag("dt", {}, text(row["question"])),
            tag("dd", {}, tag("span", {}, text(row["answer"]))),
        )
        for row in view.answer_summary
    )
    if view.is_emergency:
        body = section(
            ui["why_short"], tag("ul", {}, items([r["text"] for r in view.why])), id="why"
        )
    else:
        body = full_result(view)
    words = None
    if view.result_words:
        words = disclosure(ui["words_here"], words_list(view.result_words), id="words")
    return frame(
        view,
        path,
        tag(
            "p",
            {"class": "lead"},
            tag("strong", {}, text(ui["shared_heading"])),
            ". ",
            text(ui["shared_lead"]),
        ),
        tag("p", {"class": "print-only app-name"}, text(ui["app_name"])),
        heading(view.urgency["title"], "current"),
        tag("p", {"class": "taken", "id": "taken"}, text(view.made_on)) if view.made_on else None,
        urgency_box(view),
        body,
        disclosure(ui["your_answers"], tag("dl", {"class": "answers"}, rows), id="answers"),
        words,
        tag("p", {"class": "disclaimer"}, text(view.disclaimer)),
        tag(
            "div",
            {"class": "actions"},
            tag(
                "a", {"class": "btn btn-primary", "href": "/", "id": "take"}, text(ui["take_check"])
            ),
        ),
        wide=True,
    )


def question_id(path: str) -> str | None:
    """The question a quiz address shows as sent: ``/quiz`` the first, ``/quiz/<id>`` its own."""
    if path.rstrip("/") == QUIZ_PREFIX.rstrip("/"):
        return CONTENT.questions[0].id
    wanted = path.removeprefix(QUIZ_PREFIX).strip("/") if path.startswith(QUIZ_PREFIX) else ""
    return wanted if wanted and CONTENT.question(wanted) is not None else None
