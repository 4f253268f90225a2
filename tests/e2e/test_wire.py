"""What an answer costs on the wire, over the app's real websocket protocol (prod mode).

Each answer is answered in one message: the next question's words and the move to its address
together (footquiz/updates.py). Reflex alone sends them as two, and each message costs the
server a Socket.IO packet, a websocket frame and a write.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hostile import run

from benchmarks.patient import Patient, choose, shared_http_session
from footquiz.state import QUIZ_PREFIX

pytestmark = pytest.mark.e2e


def moves(reply: dict[str, Any]) -> list[str]:
    """The addresses a message from the server sends the browser to."""
    return [e["payload"]["path"] for e in reply.get("events", []) if e["name"] == "_redirect"]


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
