"""Result-link tokens: round trips, tampering, old versions and a fuzz run."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from walks import random_finished

from footquiz.content import codebook_of, get_codebooks, get_content
from footquiz.engine.assess import assess
from footquiz.engine.model import Answers
from footquiz.engine.share import (
    MAX_TOKEN_CHARS,
    ShareLinkError,
    make_token,
    open_token,
)

SECRET = b"test-secret"
CONTENT = get_content()
CODEBOOKS = get_codebooks().codebooks
BOOK = CODEBOOKS[CONTENT.version]


def token_for(answers: Answers) -> str:
    return make_token(CONTENT, BOOK, answers, SECRET)


@settings(max_examples=400, deadline=None)
@given(st.randoms(use_true_random=False))
def test_every_reachable_answer_set_round_trips(rng: random.Random) -> None:
    answers = random_finished(CONTENT, rng)
    token = token_for(answers)
    opened = open_token(token, CONTENT, CODEBOOKS, SECRET)
    assert opened.is_current
    assert opened.answers == answers
    assert assess(CONTENT, opened.answers) == assess(CONTENT, answers)


def test_a_typical_link_is_short() -> None:
    lengths = [len(token_for(random_finished(CONTENT, random.Random(n)))) for n in range(200)]
    assert max(lengths) <= 64, max(lengths)


def test_one_changed_character_is_rejected() -> None:
    token = token_for(random_finished(CONTENT, random.Random(7)))
    alphabet = string.ascii_letters + string.digits + "-_"
    for i in range(len(token)):
        for replacement in random.Random(i).sample(alphabet, 5):
            if replacement == token[i]:
                continue
            changed = token[:i] + replacement + token[i + 1 :]
            with pytest.raises(ShareLinkError):
                open_token(changed, CONTENT, CODEBOOKS, SECRET)


def test_another_servers_secret_is_rejected() -> None:
    token = token_for(random_finished(CONTENT, random.Random(3)))
    with pytest.raises(ShareLinkError):
        open_token(token, CONTENT, CODEBOOKS, b"another secret")


def test_an_unfinished_check_is_not_a_valid_link() -> None:
    answers = {"saddle_numbness": ("no",), "bladder_bowel": ("no",)}
    with pytest.raises(ShareLinkError):
        open_token(token_for(answers), CONTENT, CODEBOOKS, SECRET)


def test_links_from_an_older_version_are_recognised_not_recomputed() -> None:
    old_book = {q: o for q, o in codebook_of(CONTENT).items() if q != "toes_first"}
    old = CONTENT.model_copy(update={"version": CONTENT.version - 1 or 99})
    answers = {q: a for q, a in random_finished(CONTENT, random.Random(5)).items()}
    answers.pop("toes_first", None)
    token = make_token(old, old_book, answers, SECRET)
    opened = open_token(token, CONTENT, {**CODEBOOKS, old.version: old_book}, SECRET)
    assert not opened.is_current
    assert opened.version == old.version
    assert opened.answers == answers
    # A server that does not know that version says so, rather than guessing.
    with pytest.raises(ShareLinkError):
        open_token(token, CONTENT, CODEBOOKS, SECRET)


def fuzz_tokens(rng: random.Random, valid: list[str]) -> list[str]:
    """Garbage, truncations, tampering, long and non-ASCII tokens."""
    alphabet = string.ascii_letters + string.digits + "-_"
    tokens: list[str] = []
    for n in range(10_000):
        kind = n % 6
        base = rng.choice(valid)
        if kind == 0:
            tokens.append("".join(rng.choices(alphabet, k=rng.randint(0, 80))))
        elif kind == 1:
            tokens.append(base[: rng.randint(0, len(base) - 1)])
        elif kind == 2:
            i = rng.randrange(len(base))
            tokens.append(base[:i] + rng.choice(alphabet) + base[i + 1 :])
        elif kind == 3:
            tokens.append(base * rng.randint(2, 300))
        elif kind == 4:
            tokens.append("".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 40))))
        else:
            tokens.append(base + "".join(rng.choices(alphabet + "=%/.", k=rng.randint(1, 8))))
    return tokens


def test_fuzzed_tokens_only_ever_raise_the_domain_error() -> None:
    rng = random.Random(2026)
    valid = [token_for(random_finished(CONTENT, rng)) for _ in range(20)]
    rejected = 0
    for token in fuzz_tokens(rng, valid):
        try:
            opened = open_token(token, CONTENT, CODEBOOKS, SECRET)
        except ShareLinkError:
            rejected += 1
        else:
            assert token in valid, token  # only an untouched valid token may open
            assert opened.is_current
    assert rejected > 9_000


def test_a_ten_kilobyte_token_is_rejected_quickly() -> None:
    with pytest.raises(ShareLinkError):
        open_token("A" * 10_240, CONTENT, CODEBOOKS, SECRET)
    assert MAX_TOKEN_CHARS < 10_240
