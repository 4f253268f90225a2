"""Result-link tokens: round trips, tampering, old versions and a fuzz run."""

from __future__ import annotations

import base64
import random
import re
import string
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from walks import random_finished

from footquiz.content import codebook_of, get_codebooks, get_content
from footquiz.engine.assess import assess
from footquiz.engine.model import Answers
from footquiz.engine.share import (
    FORMAT,
    MAC_BYTES,
    MAX_TOKEN_CHARS,
    ShareLinkError,
    _mac,
    _varint,
    decode_answers,
    encode,
    make_token,
    open_token,
)
from footquiz.qrcode import qr_modules
from footquiz.sharing import LINK_PREFIX, QR_BORDER, qr_data_uri

SECRET = b"test-secret"
CONTENT = get_content()
CODEBOOKS = get_codebooks().codebooks
BOOK = CODEBOOKS[CONTENT.version]

# Version 1's codebook as published: links made then decode through it, so it never changes.
V1_BOOK = {
    "saddle_numbness": ["yes", "no", "not_sure"],
    "bladder_bowel": ["yes", "no", "not_sure"],
    "both_legs": ["yes", "no", "not_sure"],
    "foot_drop": ["new_or_worse", "steady", "no", "not_sure"],
    "serious_signs": [
        "fever", "cancer", "weight_loss", "injury", "immune", "night_pain", "none", "not_sure",
    ],
    "pain_regions": [
        "front_thigh", "knee", "inner_shin", "outer_calf", "back_calf", "inner_ankle",
        "top_of_foot", "big_toe", "ball_of_foot", "heel", "sole", "outer_edge", "not_sure",
    ],
    "side": ["left", "right", "both"],
    "pain_travels": ["yes", "no", "not_sure"],
    "leg_vs_back": ["leg", "same", "back", "no_back"],
    "leg_nerve": ["yes", "foot_only", "no", "not_sure"],
    "self_tests": ["heel_walk", "toe_walk", "big_toe", "none", "skipped"],
    "knee_pressure": ["yes", "no", "not_sure"],
    "worse_with": [
        "first_steps", "tight_shoes", "cough_sit", "walk_eased_by_sitting",
        "calf_eased_by_standing", "none", "not_sure",
    ],
    "onset": ["sudden_lift", "foot_injury", "gradual", "not_sure"],
    "duration": ["under_6_weeks", "up_to_3_months", "over_3_months"],
    "diabetes": ["yes", "no", "not_sure"],
    "toes_first": ["yes", "no", "not_sure"],
    "age": ["under_40", "age_40_59", "age_60_70", "over_70"],
}  # fmt: skip
# A finished check as version 1 asked it, with answers version 2 no longer has.
V1_ANSWERS: Answers = {
    "saddle_numbness": ("no",),
    "bladder_bowel": ("no",),
    "both_legs": ("no",),
    "foot_drop": ("no",),
    "serious_signs": ("injury",),
    "pain_regions": ("heel", "not_sure"),
    "side": ("left",),
    "pain_travels": ("no",),
    "leg_vs_back": ("same",),
    "leg_nerve": ("no",),
    "self_tests": ("none",),
    "worse_with": ("cough_sit",),
    "onset": ("gradual",),
    "duration": ("under_6_weeks",),
    "diabetes": ("no",),
    "age": ("age_40_59",),
}


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


def test_the_longest_link_fits_a_qr_code() -> None:
    """At most 100 characters over 2,000 random finished checks, with the largest language
    and region codes (a longer link makes a denser, harder to scan QR code)."""
    lengths = [
        len(make_token(CONTENT, BOOK, random_finished(CONTENT, random.Random(n)), SECRET, 127, 127))
        for n in range(2000)
    ]
    assert max(lengths) <= 100, max(lengths)


def test_a_link_cannot_be_read_without_the_servers_key() -> None:
    """The red-team decoded a signed link offline (base64, varints, the public codebook):
    a sealed link holds no readable payload, and the same answers under another key, or
    answers that differ by one option, give unrelated bytes."""
    answers = random_finished(CONTENT, random.Random(11))
    token = token_for(answers)
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert raw[0] == FORMAT == 4
    plain = signed_token(2, CONTENT.version, answers)
    payload = base64.urlsafe_b64decode(plain + "=" * (-len(plain) % 4))[1:-MAC_BYTES]
    assert payload not in raw and payload[3:] not in raw  # neither header nor answers
    with pytest.raises(ShareLinkError):
        decode_answers(raw[4:], BOOK)  # what the offline decoder did
    other_key = make_token(CONTENT, BOOK, answers, b"another secret")
    # The last question answered (the age, unless an emergency ended the check early) gets
    # another single option.
    last = list(answers)[-1]
    other_option = next(o for o in BOOK[last] if (o,) != answers[last])
    changed = dict(answers, **{last: (other_option,)})
    one_option = token_for(changed)
    for other in (other_key, one_option):
        same = sum(a == b for a, b in zip(token[2:], other[2:], strict=False))
        assert same < len(token) // 4, (token, other)
    assert token_for(answers) == token  # deterministic: the same check, the same link


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


def test_the_codebooks_are_frozen_and_the_current_one_fits_the_content() -> None:
    assert CONTENT.version == 4
    assert sorted(CODEBOOKS) == [1, 2, 3, 4]
    # Version 3 changed rules only (the clinical audit of December 2026): the same questions.
    assert CODEBOOKS[3] == CODEBOOKS[2]
    # Version 4 added one question (Ottawa bone tenderness) and kept every other one as it was.
    assert {q: o for q, o in CODEBOOKS[4].items() if q != "bone_tender"} == CODEBOOKS[3]
    assert list(CODEBOOKS[4]["bone_tender"]) == ["yes", "no", "not_sure"]
    assert {q: list(o) for q, o in CODEBOOKS[1].items()} == V1_BOOK
    assert list(CODEBOOKS[1]) == list(V1_BOOK)  # the order is the encoding order
    assert {q: list(o) for q, o in BOOK.items()} == codebook_of(CONTENT)


def test_links_from_version_1_are_recognised_not_recomputed() -> None:
    """A link made before the content changed opens as older: its answers, no new result."""
    token = encode(1, V1_ANSWERS, CODEBOOKS[1], SECRET)
    opened = open_token(token, CONTENT, CODEBOOKS, SECRET)
    assert not opened.is_current
    assert opened.version == 1
    assert opened.answers == V1_ANSWERS
    # A server that does not know that version says so, rather than guessing.
    without_v1 = {v: b for v, b in CODEBOOKS.items() if v != 1}
    with pytest.raises(ShareLinkError):
        open_token(token, CONTENT, without_v1, SECRET)


def signed_token(
    fmt: int, version: int, answers: Answers, language: int = 0, region: int = 0
) -> str:
    """A link as the codec made it before sealing: readable, with an HMAC; format 1 had no
    region field, format 2 has one."""
    payload = bytes([fmt]) + _varint(version) + _varint(language)
    payload += _varint(region) if fmt == 2 else b""
    for question_id, options in CODEBOOKS[version].items():
        chosen = answers.get(question_id, ())
        payload += _varint(sum(1 << i for i, o in enumerate(options) if o in chosen))
    raw = payload + _mac(SECRET, payload)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def test_links_carry_their_region_and_links_from_before_regions_still_open() -> None:
    answers = random_finished(CONTENT, random.Random(7))
    opened = open_token(
        make_token(CONTENT, BOOK, answers, SECRET, language=1, region=3),
        CONTENT,
        CODEBOOKS,
        SECRET,
    )
    assert (opened.language, opened.region, opened.answers) == (1, 3, answers)
    old = open_token(signed_token(1, CONTENT.version, answers, 1), CONTENT, CODEBOOKS, SECRET)
    assert (old.language, old.region, old.answers, old.is_current) == (1, None, answers, True)
    signed = open_token(signed_token(2, CONTENT.version, answers, 1, 3), CONTENT, CODEBOOKS, SECRET)
    assert (signed.language, signed.region, signed.answers) == (1, 3, answers)
    v1 = open_token(signed_token(2, 1, V1_ANSWERS), CONTENT, CODEBOOKS, SECRET)
    assert not v1.is_current and v1.answers == V1_ANSWERS
    for fmt in (1, 2):  # a signed link is refused under another key, or with a changed byte
        token = signed_token(fmt, CONTENT.version, answers)
        with pytest.raises(ShareLinkError):
            open_token(token, CONTENT, CODEBOOKS, b"another secret")
        with pytest.raises(ShareLinkError):
            open_token(
                token[:5] + ("A" if token[5] != "A" else "B") + token[6:],
                CONTENT,
                CODEBOOKS,
                SECRET,
            )


def sealed_format_3_token(answers: Answers, region: int) -> str:
    """A link as the codec made it before dates: sealed, format byte 3, a region and no day."""
    from footquiz.engine.share import SEAL_DOMAIN, _sealer

    payload = _varint(CONTENT.version) + _varint(0) + _varint(region)
    for question_id, options in BOOK.items():
        chosen = answers.get(question_id, ())
        payload += _varint(sum(1 << i for i, o in enumerate(options) if o in chosen))
    sealed = _sealer(SECRET).encrypt(payload, [SEAL_DOMAIN + b"\x03"])
    return base64.urlsafe_b64encode(b"\x03" + sealed).rstrip(b"=").decode("ascii")


def test_links_carry_the_day_taken_and_links_from_before_dates_still_open() -> None:
    import datetime

    answers = random_finished(CONTENT, random.Random(11))
    day = datetime.date(2026, 11, 25)
    token = make_token(CONTENT, BOOK, answers, SECRET, region=1, taken=day)
    assert token.startswith("B")  # format 4: the first byte is 4
    opened = open_token(token, CONTENT, CODEBOOKS, SECRET)
    assert (opened.taken, opened.region, opened.answers) == (day, 1, answers)
    for old_token in (
        sealed_format_3_token(answers, 1),
        signed_token(2, CONTENT.version, answers, 0, 1),
        signed_token(1, CONTENT.version, answers),
    ):
        old = open_token(old_token, CONTENT, CODEBOOKS, SECRET)
        assert (old.taken, old.answers) == (None, answers)


def test_an_unfinished_version_1_link_still_opens_as_older() -> None:
    """Only current links must hold a finished check; an old one shows what it holds."""
    answers = {"saddle_numbness": ("no",), "both_legs": ("not_sure",)}
    opened = open_token(encode(1, answers, CODEBOOKS[1], SECRET), CONTENT, CODEBOOKS, SECRET)
    assert not opened.is_current and opened.answers == answers


def test_the_app_shows_a_version_1_link_as_older_with_its_answers() -> None:
    """The link page lists the old answers in words, offers to take the check again, and
    works out no result from them."""
    from reflex.istate.data import ReflexURL, RouterData

    from footquiz.sharing import _SECRET
    from footquiz.state import SharedState

    token = encode(1, V1_ANSWERS, CODEBOOKS[1], _SECRET)
    state = SharedState(_reflex_internal_init=True)
    state.router = RouterData(url=ReflexURL(f"http://localhost/r/{token}"))
    state.open_shared()
    assert state.link_status == "older"
    assert not state.done and state.answers == {}
    rows = {row["question_id"]: row for row in state.older_answers}
    assert list(rows) == list(V1_ANSWERS)
    saddle = CONTENT.question("saddle_numbness")
    assert saddle is not None
    assert rows["saddle_numbness"]["question"] == saddle.text
    assert rows["saddle_numbness"]["answer"] == "No"
    assert rows["pain_regions"]["answer"] == "Heel; I'm not sure where"
    # Questions and options this version no longer has keep their version 1 words.
    assert rows["both_legs"]["question"].startswith("Are both of your legs weak or numb")
    assert rows["age"]["answer"] == "40 to 59"
    assert rows["serious_signs"]["answer"].startswith("You had a bad fall")
    assert not any("_" in row["question"] + row["answer"] for row in rows.values())
    # The "older" page shows these rows and a button to take the check again.
    from footquiz.pages.shared import shared

    page = str(shared())
    older = page[page.index('"older"') : page.index('JSON.stringify("invalid")')]
    assert "older_answers" in older and '"older_text"' in older
    assert 'id:"take"' in older and 'to:"/"' in older
    assert "again" in CONTENT.ui["older_text"]


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


@pytest.mark.parametrize("seed", range(5))
def test_the_qr_code_draws_every_module_of_the_link_and_no_other(seed: int) -> None:
    """The result's QR code draws the link's modules (footquiz/qrcode.py): each dark module
    where the code has one, on a square with the quiet border, and no module anywhere else."""
    rng = random.Random(seed)
    token = "".join(rng.choices(string.ascii_letters + string.digits + "-_", k=rng.randint(8, 100)))
    url = "https://check.example-clinic.org" + LINK_PREFIX + token
    matrix = qr_modules(url.encode())
    svg = unquote(qr_data_uri(url).removeprefix("data:image/svg+xml,"))
    side = len(matrix) + 2 * QR_BORDER
    assert f"viewBox='0 0 {side} {side}'" in svg
    drawn = set()
    for x, y, length in re.findall(r"M(\d+),(\d+)\.5h(\d+)", svg):
        row, first = int(y) - QR_BORDER, int(x) - QR_BORDER
        drawn |= {(first + i, row) for i in range(int(length))}
    dark = {(x, y) for y, modules in enumerate(matrix) for x, on in enumerate(modules) if on}
    assert drawn == dark
