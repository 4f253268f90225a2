"""Reflex state: a thin adapter that holds the answers and asks the engine everything else."""

from __future__ import annotations

import datetime
import hmac
import json
import logging
import math
import time
from collections.abc import Mapping
from functools import lru_cache, partial
from types import MappingProxyType
from typing import Any, TypedDict
from urllib.parse import unquote

import reflex as rx
from reflex.istate.storage import ClientStorageBase

from footquiz.attempts import Backoff
from footquiz.components import spine
from footquiz.config import fixed_region, kiosk_pin, kiosk_times, public_url
from footquiz.content import (
    DEFAULT_REGION,
    LANGUAGES,
    check_all,
    get_codebooks,
    get_content,
    get_regions,
    region_of_language_tag,
)
from footquiz.content.i18n import DEFAULT_LANGUAGE
from footquiz.engine import flow
from footquiz.engine.answers import QuizError
from footquiz.engine.assess import assess
from footquiz.engine.diagram import MAP_QUESTION, SIDE_QUESTION, DiagramView, screen_diagram
from footquiz.engine.memo import per_answers, remember
from footquiz.engine.model import Answers, Assessment, Content, Phone, Question, Tier
from footquiz.engine.words import terms_in
from footquiz.sharing import LINK_PREFIX, ShareLinkError, link_token, open_link, qr_data_uri

check_all()  # every language in every care region: a missing text or link stops start-up
CONTENT = get_content()
"""The English content: ids and structure, the same in every language and region."""
FIXED_REGION = fixed_region()
"""The care region the deployment chose, or "" to follow each browser and the patient."""
SAVE_FORMAT = 1
WHY_LINES = 4
"""At most this many "why" lines show at once; the rest are one tap away."""
WHY_ORDER = ("urgency", "root", "spine")
"""The result's reasons grouped: how soon, then which nerve, then whether from the back."""
HEADING_ID = "screen-heading"
ANSWER_FIELD = "answer"
QUESTION_FIELD = "question"
"""The form's hidden field naming the question its options answer."""
QUIZ_PREFIX = "/quiz/"
"""Each question has its own address, /quiz/<question id>, so the browser's Back works."""
MOVES_KEPT = 32
"""The most page moves a session remembers while their page loads are on their way: more than
a whole safety section tapped through before any of its page loads arrives (8 were not)."""
COMPUTED_CACHE_PREFIX = "__cached_"
"""How Reflex names a computed var's worked-out value on the state (``ComputedVar._cache_attr``)."""
SAME_QUESTIONS = frozenset(
    version
    for version, book in get_codebooks().codebooks.items()
    if book == get_codebooks().codebooks[CONTENT.version]
)
"""Content versions that asked the same questions: answers saved with them carry on."""
PIN_TRIES = Backoff()
"""Wrong staff PINs per device and per client address, in this backend process."""

log = logging.getLogger("footquiz")


class OptionView(TypedDict):
    """One option as the question screen shows it."""

    id: str
    text: str
    checked: bool
    exclusive: bool
    excludes: str
    field: str
    or_before: bool
    """Set apart from the options above it by an "or" ("None of these", "I'm not sure")."""


class AnswerView(TypedDict):
    """One line of the answer summary on the result page."""

    question_id: str
    question: str
    answer: str
    change_label: str


class ReasonView(TypedDict):
    """One "why this result" line."""

    conclusion: str
    text: str


def describe_answers(
    content: Content,
    answers: Answers,
    question_ids: list[str],
    retired: Mapping[str, str] = MappingProxyType({}),
) -> list[AnswerView]:
    """Answers in words; ids this version no longer has come from ``retired`` words.

    Without retired words, each line is worked out once per question and answer (shared: read
    it, never change it): every result page lists some twenty of them.
    """
    rows = []
    for question_id in question_ids:
        chosen = tuple(answers.get(question_id, ()))
        if retired:
            rows.append(_answer_line(content, question_id, chosen, retired))
        else:
            line = partial(_answer_line, content, question_id, chosen, retired)
            rows.append(remember(content, "answer_line", (question_id, chosen), line))
    return rows


def _answer_line(
    content: Content, question_id: str, chosen: tuple[str, ...], retired: Mapping[str, str]
) -> AnswerView:
    """One line of the answer summary: the question and the options chosen, in words."""
    question = content.question(question_id)
    text = question.text if question else retired.get(question_id, question_id)
    options = [
        o.text if question and (o := question.option(c)) else retired.get(f"{question_id}.{c}", c)
        for c in chosen
    ]
    return AnswerView(
        question_id=question_id,
        question=text,
        answer="; ".join(options),
        change_label=content.ui["change_label"].format(question=text),
    )


@lru_cache(maxsize=256)
def _redirect(path: str, replace: bool) -> Any:
    """Reflex's redirect event to ``path``, made once per address (a frozen spec).

    It is slow to build, and the app has a few dozen addresses.
    """
    return rx.redirect(path, replace=replace)


def browser_language(accept_language: str) -> str:
    """The first language in an Accept-Language header that the app has, else English."""
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def browser_region(accept_language: str) -> str:
    """The region the deployment chose, else the one the browser's first language tag names."""
    return FIXED_REGION or region_of_language_tag(accept_language.split(",")[0].split(";")[0])


def call_view(content: Content, phone: Phone | None) -> dict[str, str]:
    """A one-tap call button: its tel: link and label; empty when there is nothing to call."""
    if phone is None:
        return {}
    return {
        "href": f"tel:{phone.number}",
        "label": content.ui["call_button"].format(name=phone.name),
    }


def glossary_view(content: Content, texts: list[str]) -> list[dict[str, str]]:
    """The glossary words that appear in these texts, to explain them in place."""
    return [{"term": g.term, "plain": g.plain} for g in terms_in(content, texts)]


class ResultScreen(TypedDict):
    """Everything the result page shows that depends on the answers: one view per result."""

    result_title: str
    made_on: str
    urgency: dict[str, str]
    is_emergency: bool
    urgency_call: dict[str, str]
    spine: dict[str, str]
    roots: list[dict[str, str]]
    look_alikes: list[dict[str, str]]
    why: list[ReasonView]
    why_first: list[ReasonView]
    why_more: list[ReasonView]
    sciatica: bool
    treatments: list[dict[str, str]]
    treatments_title: str
    help_sooner: list[str]
    answer_summary: list[AnswerView]
    result_words: list[dict[str, str]]
    diagram_class: str
    diagram_view_box: str
    diagram_label: str
    diagram_facts: list[dict[str, str]]


def _roots_view(content: Content, result: Assessment) -> list[dict[str, str]]:
    """The most likely nerve root(s) with disc level and confidence, in words."""
    ui = content.ui
    return [
        {
            "root": r.root,
            "disc": r.disc or "",
            "line": ui["root_line" if r.disc else "root_line_canal"].format(
                root=r.root,
                disc=r.disc,
                confidence=ui["fairly_likely" if r.confidence == "fairly likely" else "possible"],
            ),
        }
        for r in result.roots
    ]


def _treatments_view(content: Content, result: Assessment) -> list[dict[str, str]]:
    """Non-surgical treatment suggestions with why they fit and where to read more."""
    return [
        {
            "title": t.title,
            "summary": t.summary,
            "fits_because": t.fits_because,
            "url": t.url,
            "read_more": content.ui["read_more"].format(site=t.site),
        }
        for t in result.treatments
    ]


def _why_grouped(result: Assessment) -> list[ReasonView]:
    """The reasons grouped (how soon, which nerve, whether from the back), each once."""
    reasons = [r for r in result.why if r.conclusion in WHY_ORDER]
    reasons.sort(key=lambda r: WHY_ORDER.index(r.conclusion))
    return [ReasonView(conclusion=r.conclusion, text=r.text) for r in reasons]


def _result_words(content: Content, result: Assessment) -> list[dict[str, str]]:
    """Glossary words used on the result page, explained in place."""
    texts = [r.text for r in result.why] + [a.what_it_is for a in result.look_alikes]
    texts += [t.summary for t in result.treatments]
    texts += [result.spine.explanation] if result.spine else []
    return glossary_view(content, texts)


def written_date(content: Content, iso_date: str) -> str:
    """An ISO date written out in the patient's language: "6 December 2026".

    No reader in any country takes the day for the month.
    """
    day = datetime.date.fromisoformat(iso_date)
    month = content.ui["months"].split()[day.month - 1]
    return content.ui["date_written"].format(day=day.day, month=month, year=day.year)


def _result_frame(content: Content, diagram: DiagramView, date: str) -> ResultScreen:
    """A result screen with no result yet: its title, the day taken and the drawing."""
    ui = content.ui
    return ResultScreen(
        result_title=ui["page_title"].format(page=ui["your_result"]),
        made_on=ui["taken_on"].format(date=written_date(content, date)) if date else "",
        urgency={},
        is_emergency=False,
        urgency_call={},
        spine={},
        roots=[],
        look_alikes=[],
        why=[],
        why_first=[],
        why_more=[],
        sciatica=False,
        treatments=[],
        treatments_title=ui["treatments"],
        help_sooner=[],
        answer_summary=[],
        result_words=[],
        diagram_class=spine.classes(diagram),
        diagram_view_box=spine.view_box(diagram),
        diagram_label=diagram.label,
        diagram_facts=[{"kind": f.kind, "text": f.text} for f in diagram.facts],
    )


def result_screen(content: Content, answers: Answers, done: bool, date: str) -> ResultScreen:
    """The result page's view of these answers (empty until the check is done).

    Made once per drawing while the questions go on (only the drawing of the places marked
    changes), and once per finished check and day taken: the last answer, the move to /result
    and every reopening of the result show the same. Shared: read it, never change it.
    """
    if not done:
        diagram = screen_diagram(content, answers, False)
        key = (diagram.side, tuple(diagram.regions), date)
        return remember(
            content, "unfinished_result", key, lambda: _result_frame(content, diagram, date)
        )
    return _finished_result(content, answers, date)


@per_answers
def _finished_result(content: Content, answers: Answers, date: str) -> ResultScreen:
    """The result page's view of a finished check's answers."""
    ui = content.ui
    screen = _result_frame(content, screen_diagram(content, answers, True), date)
    result = assess(content, answers)
    urgency = result.urgency
    grouped = _why_grouped(result)
    screen.update(
        result_title=ui["page_title"].format(page=urgency.title),
        urgency={
            "tier": urgency.tier.value,
            "title": urgency.title,
            "timeframe": urgency.timeframe,
            "action": urgency.action,
        },
        is_emergency=result.is_emergency,
        urgency_call=call_view(content, urgency.call),
        roots=_roots_view(content, result),
        look_alikes=[{"name": a.name, "what_it_is": a.what_it_is} for a in result.look_alikes],
        why=[ReasonView(conclusion=r.conclusion, text=r.text) for r in result.why],
        why_first=grouped[:WHY_LINES],
        why_more=grouped[WHY_LINES:],
        sciatica=result.sciatica,
        treatments=_treatments_view(content, result),
        help_sooner=list(result.get_help_sooner),
        answer_summary=describe_answers(
            content, answers, [q.id for q in flow.path(CONTENT, answers)]
        ),
        result_words=_result_words(content, result),
    )
    if result.spine is not None:
        s = result.spine
        screen["spine"] = {"band": s.band, "title": s.title, "explanation": s.explanation}
    if urgency.tier == Tier.SAME_DAY:  # the treatments are for while the patient waits
        screen["treatments_title"] = ui["treatments_while_waiting"]
    return screen


_FRESH_RESULT = result_screen(CONTENT, {}, False, "")
"""What the result part of a new session shows (the prerendered pages' values)."""


class ResultView(rx.State, mixin=True):
    """A finished check's answers and everything the result page shows about them.

    Shared by the patient's own quiz and by a result link opened on another phone. What the
    page shows is worked out once per change (``_show_result``) and only what changed is sent.
    """

    def __getstate__(self) -> dict[str, Any]:
        """What Redis keeps after each event: the vars, not what computed vars made of them.

        Those (the screens' words, about 10 KB a save) are worked out again when first needed.
        A browser-storage var is kept as its plain text: Reflex reads where it is stored from
        the class, and each load of the storage object cost a constructor call.
        """
        return {
            name: str(value) if isinstance(value, ClientStorageBase) else value
            for name, value in super().__getstate__().items()
            if not name.startswith(COMPUTED_CACHE_PREFIX)
        }

    answers: dict[str, list[str]] = {}
    done: bool = False
    lang: str = DEFAULT_LANGUAGE
    region: str = DEFAULT_REGION
    words_on: bool = True
    """Whether this state's screen may be shown. Every page load is sent every state, and the
    link states (SharedState, ClinicianState) turn it on only when they open a link: the
    other pages are not sent their words (about 10 KB each, two thirds of a page's state), nor
    the drawing's labels, the disclaimer and the emergency number (about 1.7 KB each)."""
    share_path: str = ""
    share_url: str = ""
    share_qr: str = ""
    result_date: str = ""

    result_title: str = _FRESH_RESULT["result_title"]
    made_on: str = ""
    urgency: dict[str, str] = {}
    is_emergency: bool = False
    urgency_call: dict[str, str] = {}
    spine: dict[str, str] = {}
    roots: list[dict[str, str]] = []
    look_alikes: list[dict[str, str]] = []
    why: list[ReasonView] = []
    why_first: list[ReasonView] = []
    why_more: list[ReasonView] = []
    sciatica: bool = False
    treatments: list[dict[str, str]] = []
    treatments_title: str = _FRESH_RESULT["treatments_title"]
    help_sooner: list[str] = []
    answer_summary: list[AnswerView] = []
    result_words: list[dict[str, str]] = []
    diagram_class: str = _FRESH_RESULT["diagram_class"]
    diagram_view_box: str = _FRESH_RESULT["diagram_view_box"]
    diagram_label: str = _FRESH_RESULT["diagram_label"]
    diagram_facts: list[dict[str, str]] = _FRESH_RESULT["diagram_facts"]

    def _raw(self, name: str) -> Any:
        """A var's value as held, without Reflex's change-tracking wrapper: to read only."""
        held = self.__dict__
        return held[name] if name in held else getattr(self, name)

    def _answers(self) -> Answers:
        return {q: tuple(o) for q, o in self._raw("answers").items()}

    def _content(self) -> Content:
        return get_content(self.lang, self.region)

    def _set_changed(self, view: Mapping[str, Any]) -> None:
        """Set each var whose value changed; an unchanged var is neither marked nor sent."""
        for name, value in view.items():
            if self._raw(name) != value:
                setattr(self, name, value)

    def _show_result(self, answers: Answers) -> None:
        """Work out what the result page shows for these answers, once."""
        self._set_changed(result_screen(self._content(), answers, self.done, self.result_date))

    def _prepare_sharing(self) -> None:
        """Make the result link (with the day the check was taken), its QR code and the date.

        Re-opening the same result changes nothing: an unchanged var is not set again, so it
        is neither recomputed nor sent (a tab re-opening its result costs little).
        """
        taken = datetime.date.fromisoformat(self.result_date) if self.result_date else None
        path = LINK_PREFIX + link_token(self._answers(), self.lang, self.region, taken)
        url = self._origin() + path
        self._set_changed({"share_path": path, "share_url": url, "share_qr": qr_data_uri(url)})

    def _origin(self) -> str:
        """Where a result link points: the configured public address, else this page's.

        The page's origin comes from the socket's Origin header; a client that sent none gets
        its Host header, never a broken ":/r/..." link.
        """
        page = self.router.url.origin
        if public_url() or page.startswith(("http://", "https://")):
            return public_url() or page.rstrip("/")
        return "http://" + self.router.headers.host

    @rx.var
    def ui(self) -> dict[str, str]:
        """The words around the content (buttons, headings) in the patient's language."""
        return self._content().ui if self.words_on else {}

    @rx.var
    def disclaimer(self) -> str:
        """The disclaimer shown on every result."""
        return self._content().disclaimer if self.words_on else ""

    @rx.var
    def emergency_call(self) -> dict[str, str]:
        """The region's emergency number as a call button, for the warning boxes."""
        if not self.words_on:
            return {}
        content = self._content()
        return call_view(content, content.care.emergency)

    @rx.var
    def diagram_words(self) -> dict[str, str]:
        """The drawing's own labels in the patient's language."""
        return spine.words(self._content()) if self.words_on else {}


class QuestionFrame(TypedDict):
    """What a question screen shows of the question itself and the patient's answer to it."""

    question_text: str
    question_title: str
    first_option_id: str
    question_help: str
    question_instructions: list[str]
    question_words: list[dict[str, str]]
    multiple: bool
    options: list[OptionView]


class QuestionScreen(QuestionFrame):
    """Everything a question screen shows that depends on the answers: one view per answer."""

    step: int
    total: int
    progress_text: str
    has_saved_answers: bool
    on_body_map: bool
    diagram_shown: bool
    """The small drawing of the places marked shows once the side is known, so it never
    shows a leg that is not the patient's."""
    marked_regions: list[str]


def _options_view(question: Question, chosen: tuple[str, ...]) -> list[OptionView]:
    """The question's options, with what is selected."""
    options = question.options
    return [
        OptionView(
            id=o.id,
            text=o.text,
            checked=o.id in chosen,
            exclusive=o.exclusive,
            excludes=" ".join(o.excludes),
            field=ANSWER_FIELD if question.kind == "single" else f"{ANSWER_FIELD}:{o.id}",
            or_before=o.exclusive and i > 0 and not options[i - 1].exclusive,
        )
        for i, o in enumerate(options)
    ]


def question_screen(
    content: Content, answers: Answers, current: str, done: bool, problem: bool
) -> QuestionScreen:
    """The question screen's view: ``current`` with its saved answer, and progress."""
    chosen = tuple(answers.get(current, ()))
    frame = remember(
        content,
        "question_frame",
        (current, chosen, problem),
        partial(_question_frame, content, current, chosen, problem),
    )
    # The path is the same in every language and region: worked out on CONTENT, as the moves
    # are, it is found in the table the answer's move filled.
    progress = flow.progress(
        CONTENT, flow.Position(answers=answers, current=None if done else (current or None))
    )
    return QuestionScreen(
        **frame,
        step=progress.step,
        total=progress.total,
        progress_text=content.ui["progress"].format(step=progress.step, total=progress.total),
        has_saved_answers=bool(answers),
        on_body_map=not done and current == MAP_QUESTION,
        diagram_shown=not done and MAP_QUESTION in answers and SIDE_QUESTION in answers,
        marked_regions=list(answers.get(MAP_QUESTION, ())),
    )


def _question_frame(
    content: Content, current: str, chosen: tuple[str, ...], problem: bool
) -> QuestionFrame:
    """What a question screen shows of the question itself and its answer ``chosen``.

    The same for every patient on it: worked out once, shared (read it, never change it).
    """
    ui = content.ui
    question = content.question(current)
    texts = [question.text, question.help, *question.instructions] if question else []
    texts += [o.text for o in question.options] if question else []
    title = ui["page_title"].format(page=question.text if question else ui["question_title"])
    return QuestionFrame(
        question_text=question.text if question else "",
        question_title=ui["error_title"].format(title=title) if problem else title,
        # The input an error summary links to (GOV.UK: the summary names the field).
        first_option_id="option-" + question.options[0].id if question else "",
        question_help=question.help if question else "",
        question_instructions=list(question.instructions) if question else [],
        question_words=glossary_view(content, texts) if question else [],
        multiple=bool(question and question.kind == "multiple"),
        options=_options_view(question, chosen) if question else [],
    )


_FRESH_QUESTION = question_screen(CONTENT, {}, "", False, False)
"""What the question part of a new session shows (the prerendered pages' values)."""


class QuizState(ResultView, rx.State):
    """The patient's answers and place in the quiz, mirrored to browser storage."""

    current: str = ""
    problem: str = ""
    checking: bool = False
    """True after "Change" on the result: Continue goes straight back to the result."""
    # "1" while this device is a waiting-room kiosk, until staff exit with the PIN.
    kiosk: str = rx.LocalStorage("", name="footquiz_kiosk")
    kiosk_problem: str = ""
    # Set when an event failed on the server: the app's own notice instead of Reflex's alert().
    trouble: bool = False
    _alive_at: float = 0.0
    _moves: list[str] = []
    """Addresses this session sent the browser to whose page loads have not come back yet."""
    _shown_for: tuple[Any, ...] = ()
    """What the screens were last worked out for (``_show``): the same again costs nothing."""
    saved: str = rx.LocalStorage("", name="footquiz_answers")
    lang_saved: str = rx.LocalStorage("", name="footquiz_lang")
    region_saved: str = rx.LocalStorage("", name="footquiz_region")

    question_text: str = ""
    question_title: str = _FRESH_QUESTION["question_title"]
    first_option_id: str = ""
    question_help: str = ""
    question_instructions: list[str] = []
    question_words: list[dict[str, str]] = []
    multiple: bool = False
    options: list[OptionView] = []
    step: int = _FRESH_QUESTION["step"]
    total: int = _FRESH_QUESTION["total"]
    progress_text: str = _FRESH_QUESTION["progress_text"]
    has_saved_answers: bool = False
    on_body_map: bool = False
    diagram_shown: bool = False
    marked_regions: list[str] = []

    # ----- adapter helpers -----------------------------------------------------------------

    def _position(self) -> flow.Position:
        return flow.Position(
            answers=self._answers(), current=None if self.done else (self.current or None)
        )

    def _keep(self, position: flow.Position) -> None:
        """Hold a new position and mirror it to browser storage."""
        self._set_changed(
            {
                "answers": {q: list(o) for q, o in position.answers.items()},
                "done": position.done,
                "current": position.current or "",
                "problem": "",
            }
        )
        if self.trouble:
            self.trouble = False
        self._mirror()
        self._show()

    def _mirror(self) -> None:
        """Put the answers held in browser storage, unless it holds them already.

        A page load sends the browser's copy first, and a quick patient's copy can be a move
        behind ours: it is put right again, or a reload would bring back an older question.
        """
        saved = json.dumps(
            {
                "format": SAVE_FORMAT,
                "version": CONTENT.version,
                "answers": self._raw("answers"),
                "current": self.current or None,
            },
            separators=(",", ":"),
        )
        self._set_changed({"saved": saved})

    def _show(self) -> None:
        """Work out what the screens show for the answers held, once per change.

        Only the vars whose values changed are set, so only they are sent to the browser.
        """
        answers = self._answers()
        problem = bool(self.problem)
        shown_for = (self.lang, self.region, self.current, self.done, problem, self.result_date)
        shown_for += (frozenset(answers.items()),)
        if shown_for == self._shown_for:
            return
        self._shown_for = shown_for
        content = self._content()
        self._set_changed(question_screen(content, answers, self.current, self.done, problem))
        self._show_result(answers)

    def _date_taken(self) -> None:
        """The check was taken today, unless it is already dated (a change from the result)."""
        if not self.result_date:
            self.result_date = datetime.date.today().isoformat()

    def _finish(self) -> None:
        """The check is done: it was taken today (unless already dated), and can be shared."""
        self._date_taken()
        self._prepare_sharing()
        self._show_result(self._answers())

    def _move(self, path: str, replace: bool = False) -> Any:
        """Send the browser to ``path``; its page load will come back here, in order."""
        moves = self._raw("_moves")
        if moves[-1:] != [path]:  # a second move to one address loads it once
            # A few at most: a quick patient has one or two on their way; a client that never
            # loads its pages must not grow the session.
            self._moves = [*moves[1 - MOVES_KEPT :], path]
        return _redirect(path, replace)

    def _late(self, path: str) -> bool:
        """Whether this page load is for an address the patient has since moved on from.

        A quick tap can answer a question whose words came a moment before its address: the
        page load of that address then arrives after the move on from it, and must not take
        the patient back. Loads of the app's own moves come in the order they were sent;
        any other load (the browser's Back or Forward, a typed address) forgets them all.
        """
        if path not in self._moves:
            if self._moves:
                self._moves = []
            return False
        self._moves = self._moves[self._moves.index(path) + 1 :]
        return bool(self._moves)

    def _pick_language(self) -> None:
        """The patient's choices if made, else the browser's: language, then care region.

        A region the deployment chose is never changed by the patient's choice.
        """
        accept_language = self.router.headers.accept_language
        if isinstance(self.lang_saved, str) and self.lang_saved in LANGUAGES:
            lang = self.lang_saved
        else:
            lang = browser_language(accept_language)
        if lang != self.lang:  # set again, every word on screen would be worked out again
            self.lang = lang
        saved = self.region_saved
        if not FIXED_REGION and isinstance(saved, str) and saved in get_regions():
            region = saved
        else:
            region = browser_region(accept_language)
        if region != self.region:
            self.region = region
        self._show()  # in this language (and a session saved by an older version catches up)

    def _restore(self) -> None:
        """After a reload or a server restart, rebuild the quiz from browser storage."""
        self._pick_language()
        if self.trouble:
            self.trouble = False
        if self.current or self.done:
            self._mirror()
            return
        if not self.saved:
            return
        try:
            data = json.loads(self.saved)
        except (TypeError, ValueError):
            data = None
        if not isinstance(data, dict) or data.get("version") not in SAME_QUESTIONS:
            self.saved = ""
            return
        answers = data.get("answers")
        current = data.get("current")
        self._keep(
            flow.resume(
                CONTENT,
                answers if isinstance(answers, dict) else {},
                current if isinstance(current, str) else None,
            )
        )

    # ----- events ----------------------------------------------------------------------------

    @rx.event
    def choose_language(self, code: str) -> None:
        """The patient picks a language; it is kept on this device."""
        if isinstance(code, str) and code in LANGUAGES:
            self.lang = self.lang_saved = code
            self._show()

    @rx.event
    def choose_region(self, code: str) -> None:
        """The patient says where they are, kept on this device; a deployment's region stays."""
        if not FIXED_REGION and isinstance(code, str) and code in get_regions():
            self.region = self.region_saved = code
            self._show()

    @rx.event
    def start(self) -> Any:
        """Begin a fresh check."""
        self.checking = False
        self._keep(flow.start(CONTENT))
        return self._move(QUIZ_PREFIX + self.current)

    @rx.event
    def resume_or_start(self) -> Any:
        """Continue a check in progress (from the welcome screen), else begin one."""
        self._restore()
        if self.done:
            return self._move("/result")
        if not self.current:
            self._keep(flow.start(CONTENT))
        return self._move(QUIZ_PREFIX + self.current)

    @rx.event
    def load_welcome(self) -> Any:
        """On opening the welcome screen: offer to continue a saved check (kiosk: attract)."""
        if self.kiosk:
            return self._move("/kiosk", replace=True)
        self._restore()
        return None

    @rx.event
    def load_quiz(self) -> Any:
        """On opening /quiz: restore saved answers and go to the question's own address."""
        self._restore()
        if self.done:
            return self._move("/result", replace=True)
        if not self.current:
            self._keep(flow.start(CONTENT))
        return self._move(QUIZ_PREFIX + self.current, replace=True)

    @rx.event
    def load_question(self) -> Any:
        """On opening /quiz/<id> (Continue, Back, the browser's Back or Forward, a typed URL).

        A question the patient has reached is shown with its saved answer; any other address
        goes to the first unanswered question, so nobody skips the safety questions.
        """
        self._restore()
        path = unquote(self.router.url.path)
        if self._late(path):
            return None  # the move on from it is on its way
        wanted = path.removeprefix(QUIZ_PREFIX).strip("/")
        if not self.current and not self.done:
            self._keep(flow.start(CONTENT))
        if wanted != self.current:
            try:
                self._keep(flow.go_to(CONTENT, self._position(), wanted))
            except QuizError:
                self._keep(flow.resume(CONTENT, self._answers(), None))
                target = "/result" if self.done else QUIZ_PREFIX + self.current
                return self._move(target, replace=True)
        return None

    @rx.event
    def load_result(self) -> Any:
        """On opening /result: restore saved answers; an unfinished check goes back to it.

        Every question on the path answered (the browser's Forward from the last question)
        is a finished check.
        """
        self._restore()
        if self._late("/result"):
            return None  # a quick tap on Change: the move to that question is on its way
        if not self.done and self.answers:
            self._keep(flow.resume(CONTENT, self._answers(), None))
        if not self.done:
            return self._move(QUIZ_PREFIX + self.current if self.current else "/", replace=True)
        self._finish()
        return None

    @rx.event
    def submit(self, form_data: dict[str, Any]) -> Any:
        """Continue: answer the question the form showed, then go to the next one or the result.

        The form names its question, so a second tap on Continue while the first is still on
        its way answers that same question again instead of the one after it, which the
        patient has not seen yet. A form that names no question is ignored.
        """
        if not isinstance(form_data, dict):
            return None
        question_id = form_data.get(QUESTION_FIELD)
        if not isinstance(question_id, str) or CONTENT.question(question_id) is None:
            return None
        chosen = [
            str(value)
            for name, value in form_data.items()
            if name == ANSWER_FIELD or name.startswith(ANSWER_FIELD + ":")
        ]
        if not chosen:
            self.problem = self._content().ui["choose_answer"]
            self._show()
            return None
        try:
            position = flow.answer(CONTENT, self._position(), question_id, chosen, self.checking)
        except QuizError:
            self.problem = self._content().ui["answer_problem"]
            self._show()
            return None
        if position.done:  # dated first, so its result is worked out once, for that day
            self._date_taken()
        self._keep(position)
        if position.done:
            # Back on the result: a change made from it is done. (Not on opening /result,
            # which may run after a quick tap on Change.)
            if self.checking:
                self.checking = False
            # Ready before the result appears: the QR code arriving later would push the
            # buttons below it down, under a finger about to tap them.
            self._finish()
            return self._move("/result")
        return self._move(QUIZ_PREFIX + self.current)

    @rx.event
    def back(self, shown: str = "") -> Any:
        """Go to the previous question, keeping every answer; from the first, go home.

        ``shown`` is the question on screen when Back was tapped ("" on the result): a second
        tap while the first is still on its way is ignored, not taken one question further.
        """
        position = self._position()
        if shown != (position.current or ""):
            return None
        if not position.done and position.current == CONTENT.questions[0].id:
            return self._move("/")
        self._keep(flow.back(CONTENT, position))
        return self._move(QUIZ_PREFIX + self.current)

    @rx.event
    def change(self, question_id: str) -> Any:
        """From the result, open one question; its Continue comes back to the result."""
        try:
            self._keep(flow.go_to(CONTENT, self._position(), question_id))
        except QuizError:
            return None
        self.checking = True
        return self._move(QUIZ_PREFIX + self.current)

    def _forget(self) -> None:
        """Drop every answer, here and in browser storage."""
        self.answers = {}
        self.current = ""
        self.done = False
        self.problem = ""
        self.checking = False
        self.saved = ""
        self.share_path = self.share_url = self.share_qr = self.result_date = ""
        self._show()

    @rx.event
    def start_over(self) -> Any:
        """Forget every answer, here and in browser storage."""
        self._forget()
        return self._move("/kiosk" if self.kiosk else "/")

    @rx.event
    def keep_alive(self) -> None:
        """An open tab says so every minute, so its session outlives the short expiry.

        The write renews the session's expiry in Redis too (only changed states are saved).
        """
        self._alive_at = time.time()

    @rx.event
    def note_trouble(self) -> None:
        """An event failed on the server: show the app's notice (never a blocking alert)."""
        self.trouble = True

    # ----- kiosk mode ------------------------------------------------------------------------

    def _pin_keys(self) -> tuple[str, str]:
        """Who is trying a PIN: this device (its tab) and its client address."""
        session = self.router.session
        return f"device {session.client_token}", f"address {session.client_ip}"

    def _pin_accepted(self, form_data: Any) -> bool:
        """Check a staff PIN, with back-off; a wrong one is logged (never the PIN itself).

        A few wrong tries are free, then each doubles the wait, up to an hour, per device and
        per client address; while a device or address must wait, no PIN is even compared.
        """
        ui = self._content().ui
        pin = kiosk_pin()
        if pin is None:
            self.kiosk_problem = ui["pin_locked"]
            return False
        keys = self._pin_keys()
        wait = PIN_TRIES.wait(keys)
        if wait > 0:
            self.kiosk_problem = ui["pin_wait"].format(minutes=math.ceil(wait / 60))
            return False
        entered = form_data.get("pin", "") if isinstance(form_data, dict) else ""
        entered = entered.strip() if isinstance(entered, str) else ""
        if hmac.compare_digest(entered.encode(), pin.encode()):
            PIN_TRIES.succeeded(keys)
            self.kiosk_problem = ""
            return True
        wrong, wait = PIN_TRIES.failed(keys)
        log.warning(
            "kiosk: a wrong staff PIN, %d in a row from this device or address;"
            " the next try is allowed in %d s",
            wrong,
            wait,
        )
        if wait:
            self.kiosk_problem = ui["pin_wait"].format(minutes=math.ceil(wait / 60))
        else:
            self.kiosk_problem = ui["pin_wrong"]
        return False

    @rx.event
    def enter_kiosk(self) -> None:
        """On opening /kiosk: the attract screen on a kiosk, else the staff's set-up form.

        Nothing is wiped here: a kiosk patient who went back to the start can continue, and a
        phone that follows a link to /kiosk keeps its answers (only staff make a kiosk).
        """
        self.kiosk_problem = ""
        self._restore()

    @rx.event
    def start_kiosk(self, form_data: dict[str, Any]) -> None:
        """Staff make this device a kiosk with the PIN; what was on it is cleared."""
        if self.kiosk == "1" or not self._pin_accepted(form_data):
            return
        self.kiosk = "1"
        self._forget()

    @rx.event
    def kiosk_done(self) -> None:
        """Wipe this patient on the server.

        assets/footquiz.js has wiped the browser already, and reloads the attract screen itself,
        with a new tab token.
        """
        self._forget()

    @rx.event
    def exit_kiosk(self, form_data: dict[str, Any]) -> Any:
        """Staff leave kiosk mode with the PIN; only a kiosk has this form."""
        if self.kiosk != "1" or not self._pin_accepted(form_data):
            return None
        self.kiosk = ""
        self._forget()
        return self._move("/", replace=True)

    # ----- what the pages show ---------------------------------------------------------------

    @rx.var
    def welcome(self) -> dict[str, str]:
        """The welcome screen's headings in the patient's language."""
        text = self._content().welcome
        return {
            "title": text.title,
            "emergency_heading": text.emergency_heading,
            "emergency_action": text.emergency_action,
        }

    @rx.var
    def welcome_lead(self) -> list[str]:
        """The welcome screen's paragraphs."""
        return self._content().welcome.lead

    @rx.var
    def emergency_signs(self) -> list[str]:
        """The warning signs that mean "call for help now" instead of the check."""
        return self._content().welcome.emergency_signs

    @rx.var
    def region_choice(self) -> list[dict[str, str]]:
        """The regions a patient can choose, named in their language; none when fixed."""
        if FIXED_REGION:
            return []
        choices = [
            {"code": code, "name": region.languages[self.lang].name}
            for code, region in get_regions().items()
        ]
        return sorted(choices, key=lambda c: (c["code"] == DEFAULT_REGION, c["name"]))

    @rx.var
    def kiosk_on(self) -> bool:
        """Whether this device is a kiosk."""
        return self.kiosk == "1"

    @rx.var
    def kiosk_idle(self) -> dict[str, int]:
        """Kiosk idle times in seconds (quiz, result, countdown), from the server's settings."""
        return kiosk_times()


class SharedState(ResultView, rx.State):
    """A result link opened by anyone: read-only, recomputed from the answers it carries."""

    words_on: bool = False
    link_status: str = ""
    """"" while opening, then "current", "older" (made with older content) or "invalid"."""
    older_answers: list[AnswerView] = []

    @rx.event
    def open_shared(self) -> Any:
        """Open the link in the address bar; a bad link gets the friendly page."""
        self.words_on = True
        self.answers, self.done, self.older_answers = {}, False, []
        self.result_date = ""
        accept_language = self.router.headers.accept_language
        try:
            token = unquote(self.router.url.path).removeprefix(LINK_PREFIX).strip("/")
            shared, self.lang, region = open_link(token)
        except ShareLinkError:
            self.lang = browser_language(accept_language)
            self.region = browser_region(accept_language)
            self.link_status = "invalid"
            self._show_result({})
            return None
        # A link from before regions takes the viewer's region; one from before dates has none.
        self.region = region or browser_region(accept_language)
        self.result_date = shared.taken.isoformat() if shared.taken else ""
        if shared.is_current:
            self.answers = {q: list(o) for q, o in shared.answers.items()}
            self.done = True
            self.link_status = "current"
            self._prepare_sharing()
        else:
            self.link_status = "older"
            content = self._content()
            retired = get_codebooks().retired_words(self.lang)
            self.older_answers = describe_answers(
                content, shared.answers, list(shared.answers), retired
            )
        self._show_result(self._answers())
        return None
