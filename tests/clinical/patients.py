"""Playing a patient's story through the real quiz flow, as the app does for a tap-by-tap user."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from footquiz.engine import flow
from footquiz.engine.assess import is_emergency
from footquiz.engine.model import Answers, Content

# What a calm patient answers when a story says nothing about a question: no warning sign,
# one side, nothing pointing anywhere.
CALM: dict[str, list[str]] = {
    "serious_signs": ["none"],
    "injury": ["no"],
    "side": ["left"],
    "pain_travels": ["no"],
    "leg_vs_back": ["no_back"],
    "leg_nerve": ["no"],
    "self_tests": ["none"],
    "worse_with": ["none"],
    "onset": ["gradual"],
    "duration": ["under_6_weeks"],
    "diabetes": ["no"],
    "age": ["age_40_49"],
}


class StoryError(AssertionError):
    """The story cannot be entered truthfully: the quiz never asked something it says."""


def play(content: Content, story: Mapping[str, Sequence[str]]) -> Answers:
    """Answer every question the flow asks from the story (else calmly) until it is done.

    Fails if the story gives an answer the flow never asks for, because a patient could then
    not tell the check that part of their story.
    """
    position = flow.start(content)
    asked: list[str] = []
    while not position.done:
        question = content.question(position.current or "")
        assert question is not None
        asked.append(question.id)
        if question.id in story:
            choice = list(story[question.id])
        elif question.id in CALM:
            choice = CALM[question.id]
        else:  # another yes/no safety question or follow-up: the calm answer is "no"
            choice = ["no"]
        position = flow.answer(content, position, question.id, choice)
    unasked = [q for q in story if q not in asked]
    # An emergency answer ends the questions at once, so the rest of such a story goes unasked.
    if unasked and not is_emergency(content, position.answers):
        raise StoryError(f"the quiz never asked {unasked}")
    return dict(position.answers)
