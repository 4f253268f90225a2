"""What an answer and a page load cost on the wire, over the app's real websocket protocol.

Each answer is answered in one message: the next question's words and the move to its address
together (footquiz/updates.py). Reflex alone sends them as two, and each message costs the
server a Socket.IO packet, a websocket frame and a write. A page load is one event and one
message (the page's words with the page marked loaded), where Reflex alone makes it three
events, each reading and writing the session, and sends it in two or three messages.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hostile import run
from reflex_base.constants.state import FIELD_MARKER

from benchmarks.patient import QUIZ, ROOT, Patient, choose, shared_http_session
from footquiz.state import QUIZ_PREFIX

pytestmark = pytest.mark.e2e


def moves(reply: dict[str, Any]) -> list[str]:
    """The addresses a message from the server sends the browser to."""
    return [e["payload"]["path"] for e in reply.get("events", []) if e["name"] == "_redirect"]


def loaded(message: dict[str, Any]) -> bool | None:
    """Whether a message from the server marks the page loaded (None: it does not say)."""
    return (message.get("delta") or {}).get(ROOT, {}).get("is_hydrated" + FIELD_MARKER)


def test_a_page_load_is_answered_in_one_message_with_its_words_and_its_address(
    app_url: str,
) -> None:
    async def scenario() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        async with shared_http_session() as http:
            patient = Patient(app_url, http=http)
            messages: list[dict[str, Any]] = []
            keep = patient._on_update

            async def recording(update: dict[str, Any]) -> None:
                messages.append(update)
                await keep(update)

            patient._on_update = recording  # type: ignore[method-assign]
            await patient.connect()  # opens /quiz/: the page's state, then its on_load
            opening = list(messages)
            rng = random.Random(5)
            while patient.current:
                await patient.answer(choose(patient.current, rng))
            messages.clear()
            await patient._open("/result/", lambda message: loaded(message) is True)
            await patient.close()
        return opening, messages

    opening, result = run(scenario())
    # Opening /quiz/: the state as the page was drawn (not yet loaded), then one message that
    # brings the first question, marks the page loaded and moves to the question's address.
    assert [loaded(m) for m in opening] == [False, True]
    words = opening[1]["delta"][QUIZ]
    assert words["question_text" + FIELD_MARKER] and words["options" + FIELD_MARKER]
    assert moves(opening[1]) == [QUIZ_PREFIX + words["current" + FIELD_MARKER]]
    # Opening the finished result: the first message back says the page is loaded.
    assert [loaded(m) for m in result] == [True]


def test_each_answer_comes_back_in_one_message_with_the_move_to_the_next_page(
    app_url: str,
) -> None:
    async def scenario() -> list[tuple[str, list[str]]]:
        seen = []
        async with shared_http_session() as http:
            patient = Patient(app_url, http=http)
            await patient.connect()
            rng = random.Random(3)
            while patient.current:
                await patient.answer(choose(patient.current, rng))
                shown = QUIZ_PREFIX + patient.current if patient.current else "/result"
                seen.append((shown, moves(patient.reply)))
            await patient.close()
        return seen

    seen = run(scenario())
    assert len(seen) > 10 and seen[-1][0] == "/result"
    # The message with the new question (or the result) also moves the browser to its page.
    assert [m for _, m in seen] == [[shown] for shown, _ in seen]
