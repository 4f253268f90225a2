"""The engine works out each answer set once, and its tables stay small."""

from __future__ import annotations

from footquiz.engine import flow, memo
from footquiz.engine.assess import assess
from footquiz.engine.model import Answers, Content


def test_each_answer_works_out_one_new_path(content: Content, calm_answers: Answers) -> None:
    """An answer costs one path (the new answers'); progress and the next move reuse it."""
    fresh = content.model_copy()  # a new content object starts with empty tables
    position = flow.start(fresh)
    position = flow.answer(fresh, position, position.current or "", calm_answers["saddle_numbness"])
    grown = []
    while not position.done:
        before = memo.entries(fresh, "path")
        assert position.current is not None
        position = flow.answer(fresh, position, position.current, calm_answers[position.current])
        flow.progress(fresh, position)
        flow.path(fresh, position.answers)
        grown.append(memo.entries(fresh, "path") - before)
    assert grown and all(g == 1 for g in grown), grown


def test_remembered_results_equal_new_ones_and_the_tables_stay_bounded(
    content: Content, calm_answers: Answers
) -> None:
    """More answer sets than a table keeps: the oldest go, and every result is still right."""
    warm, cold = content.model_copy(), content.model_copy()
    made = [
        assess(warm, {**calm_answers, "unknown": (str(n),)})  # a key no question has: a new set
        for n in range(memo.MEMO_SIZE + 50)
    ]
    # Never more than MEMO_SIZE, and always at least the newer half of them.
    assert memo.MEMO_SIZE // 2 <= memo.entries(warm, "assess") <= memo.MEMO_SIZE
    recent = range(len(made) - memo.MEMO_SIZE // 2, len(made))
    assert all(assess(warm, {**calm_answers, "unknown": (str(n),)}) is made[n] for n in recent)
    answers = {**calm_answers, "side": ("left",)}
    assert assess(warm, answers) == assess(cold, answers)
    assert assess(warm, answers) is assess(warm, answers)  # worked out once, then shared
