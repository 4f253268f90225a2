"""footquiz's own work per answer, in one process, with many patients' answers interleaved.

The answer's handler, its update, and the pickling Redis does around it. Each patient takes
the whole check (``benchmarks.patient.choose``'s answers); answers are handled in turn across
all patients, as 1000 patients on two workers interleave (about 500 a worker). For every answer
the patient's session is unpickled (as Reflex's Redis manager reads it), ``QuizState.submit``
runs as the browser's form sends it, the update to the browser is worked out, and the states
it touched are pickled again. Prints CPU milliseconds per answer: all of it, and the unpickling
and pickling alone. No server, no network: the rest of an answer's cost (Socket.IO, Reflex's
event plumbing, Redis's round trips) is what ``benchmarks.load`` adds.

    python -m benchmarks.handler [--patients 500] [--seed 5]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import time

os.environ.setdefault("REFLEX_ENV_MODE", "prod")  # as the server runs: no type checks
os.environ.setdefault("FOOTQUIZ_SECRET", secrets.token_urlsafe(32))
os.environ.setdefault("FOOTQUIZ_ORIGIN", "http://127.0.0.1:3000")

from reflex.state import BaseState, State

import footquiz.footquiz  # noqa: F401  (the app, as a worker loads it)
from benchmarks.patient import choose
from footquiz.engine import flow
from footquiz.state import CONTENT, QUESTION_FIELD, QuizState

Saved = dict[str, bytes]


def plans(patients: int, seed: int) -> list[list[tuple[str, list[str]]]]:
    """Each patient's questions and answers, the whole check."""
    rng = random.Random(seed)
    every = []
    for _ in range(patients):
        position, plan = flow.start(CONTENT), []
        while position.current is not None:
            chosen = choose(position.current, rng)
            plan.append((position.current, chosen))
            position = flow.answer(CONTENT, position, position.current, chosen)
        every.append(plan)
    return every


def save(root: BaseState) -> Saved:
    """The touched states, pickled as Reflex's Redis manager writes them."""
    saved, states = {}, [root]
    while states:
        state = states.pop()
        if state._was_touched:
            saved[state.get_full_name()] = state._serialize()
        states.extend(state.substates.values())
    return saved


def load(saved: Saved) -> QuizState:
    """The patient's root state and quiz state, unpickled and joined as Redis's reader does."""
    root = BaseState._deserialize(data=saved[State.get_full_name()])
    quiz = BaseState._deserialize(data=saved[QuizState.get_full_name()])
    root.substates[QuizState.get_name()] = quiz
    quiz.parent_state = root
    return quiz  # type: ignore[return-value]


def fresh() -> Saved:
    """A session that has just pressed Start."""
    root = State(_reflex_internal_init=True)
    quiz = root.get_substate(QuizState.get_full_name().split("."))
    QuizState.start.fn(quiz)
    root._was_touched = quiz._was_touched = True
    saved = save(root)
    root._clean()
    return saved


def main() -> None:
    """Answer every patient's questions in turn; print the cost per answer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=500)
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()
    every = plans(options.patients, options.seed)
    sessions = [fresh() for _ in every]
    answers, pickling, start = 0, 0.0, time.process_time()
    for step in range(max(map(len, every))):
        for i, plan in enumerate(every):
            if step >= len(plan):
                continue
            question, chosen = plan[step]
            began = time.process_time()
            quiz = load(sessions[i])
            loaded = time.process_time()
            fields = {o["id"]: o["field"] for o in quiz.options}
            QuizState.submit.fn(quiz, {QUESTION_FIELD: question} | {fields[o]: o for o in chosen})
            quiz.parent_state.get_delta()
            handled = time.process_time()
            sessions[i] = sessions[i] | save(quiz.parent_state)
            quiz.parent_state._clean()
            pickling += loaded - began + time.process_time() - handled
            answers += 1
    total = time.process_time() - start
    print(f"{options.patients} patients, {answers} answers interleaved")
    print(f"per answer: {1000 * total / answers:.3f} ms CPU in all")
    print(f"            {1000 * pickling / answers:.3f} ms of it unpickling and pickling")


if __name__ == "__main__":
    main()
