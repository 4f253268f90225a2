"""Random walks through the quiz, and the emergency questions, for the unit tests."""

from __future__ import annotations

import random

from footquiz.engine import flow
from footquiz.engine.model import Answers, Content, Question

# The safety questions whose "yes" alone is an emergency, in the order they are asked (each
# has an urgency rule of its id).
EMERGENCY_QUESTIONS = [
    "saddle_numbness",
    "bladder_bowel",
    "sex_problems",
    "both_legs_pain",
    "both_legs_weak",
    "cold_foot",
]

NO_WARNING_SIGNS: Answers = {
    "saddle_numbness": ("no",),
    "bladder_bowel": ("no",),
    "sex_problems": ("no",),
    "both_legs_pain": ("no",),
    "both_legs_weak": ("no",),
    "cold_foot": ("no",),
    "calf_swelling": ("no",),
    "foot_skin": ("no",),
    "foot_drop": ("no",),
    "serious_signs": ("none",),
    "injury": ("no",),
}
"""The safety questions, in the order they are asked, answered with no warning sign."""


def random_choice(question: Question, rng: random.Random) -> list[str]:
    """A valid random answer: one option, or a subset that obeys exclusive and excluded options."""
    if question.kind == "single":
        return [rng.choice(question.options).id]
    exclusive = [o.id for o in question.options if o.exclusive]
    if exclusive and rng.random() < 0.3:
        return [rng.choice(exclusive)]
    plain = [o for o in question.options if not o.exclusive]
    chosen: list[str] = []
    for option in rng.sample(plain, rng.randint(1, len(plain))):
        if not set(option.excludes) & set(chosen):
            chosen.append(option.id)
    return chosen


def random_finished(content: Content, rng: random.Random) -> Answers:
    """Walk the quiz with random valid answers until it is done."""
    position = flow.start(content)
    while not position.done:
        question = content.question(position.current or "")
        assert question is not None
        position = flow.answer(content, position, question.id, random_choice(question, rng))
    return dict(position.answers)
