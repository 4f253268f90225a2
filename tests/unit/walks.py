"""Random walks through the quiz, for tests that need many reachable answer sets."""

from __future__ import annotations

import random

from footquiz.engine import flow
from footquiz.engine.model import Answers, Content


def random_finished(content: Content, rng: random.Random) -> Answers:
    """Walk the quiz with random valid answers until it is done."""
    position = flow.start(content)
    while not position.done:
        question = content.question(position.current or "")
        assert question is not None
        if question.kind == "single":
            choice = [rng.choice(question.options).id]
        else:
            plain = [o.id for o in question.options if not o.exclusive]
            exclusive = [o.id for o in question.options if o.exclusive]
            if exclusive and rng.random() < 0.3:
                choice = [rng.choice(exclusive)]
            else:
                choice = rng.sample(plain, rng.randint(1, len(plain)))
        position = flow.answer(content, position, question.id, choice)
    return dict(position.answers)
