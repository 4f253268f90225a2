"""Result links: a compact, versioned, sealed token that carries the answers, nothing else.

The payload is ``content version (varint) | language (varint, an index the app defines) |
region (varint: the care region's link code) | one varint per question in the version's
codebook order (bit i = option i chosen, 0 = not answered)``.

Format 3 (made now), before base64url: ``3 | AES-SIV ciphertext of the payload``, with a key
derived from the server's secret by HKDF-SHA256. Without the server the link is opaque, and a
changed byte is refused. AES-SIV needs no nonce, so the link stays short (QR codes) and the
same answers always give the same link; the only thing it gives away is that two links carry
the same answers.

Formats 1 and 2 (made before) still open: ``format | payload | HMAC-SHA256 truncated to 8
bytes``, readable by anyone; format 1 has no region field.

The server stores nothing: the result is recomputed from the answers with the content version
the link was made with.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel

from footquiz.engine.answers import effective_answers
from footquiz.engine.flow import resume
from footquiz.engine.model import Answers, Content

FORMAT = 3
"""The format made now: the payload sealed with AES-SIV."""
SIGNED_FORMATS = (1, 2)
"""Older formats this codec still reads: a readable payload and an HMAC; 1 has no region."""
MAC_BYTES = 8
TAG_BYTES = 16
"""AES-SIV's synthetic IV, which is also its authentication tag."""
MAX_TOKEN_CHARS = 200
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
DOMAIN = b"footquiz result link v1\x00"
SEAL_DOMAIN = b"footquiz result link v3 AES-SIV\x00"

Codebook = Mapping[str, Sequence[str]]
"""For one content version: question id -> its option ids, in encoding order."""


class ShareLinkError(ValueError):
    """The link is not a valid footquiz result link (broken, tampered, or foreign)."""


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        low, number = number & 0x7F, number >> 7
        out.append(low | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    number = shift = 0
    while True:
        if at >= len(data) or shift > 28:
            raise ShareLinkError("the link is cut short")
        byte = data[at]
        number |= (byte & 0x7F) << shift
        at += 1
        shift += 7
        if not byte & 0x80:
            return number, at


def _mac(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, DOMAIN + payload, hashlib.sha256).digest()[:MAC_BYTES]


@lru_cache(maxsize=4)
def _sealer(secret: bytes) -> AESSIV:
    """AES-SIV (two 256-bit keys) keyed from the secret; never the secret itself."""
    key = HKDF(algorithm=hashes.SHA256(), length=64, salt=None, info=SEAL_DOMAIN).derive(secret)
    return AESSIV(key)


def encode(
    version: int,
    answers: Answers,
    codebook: Codebook,
    secret: bytes,
    language: int = 0,
    region: int = 0,
) -> str:
    """The sealed token for these answers under this content version's codebook."""
    payload = bytearray(_varint(version) + _varint(language) + _varint(region))
    for question_id, options in codebook.items():
        chosen = answers.get(question_id, ())
        mask = sum(1 << i for i, option in enumerate(options) if option in chosen)
        payload += _varint(mask)
    sealed = _sealer(secret).encrypt(bytes(payload), [SEAL_DOMAIN + bytes([FORMAT])])
    return base64.urlsafe_b64encode(bytes([FORMAT]) + sealed).rstrip(b"=").decode("ascii")


class Header(NamedTuple):
    """A checked token's header and its answer bytes."""

    version: int
    language: int
    region: int | None
    body: bytes


def _unseal(raw: bytes, secret: bytes) -> bytes:
    """The payload of a format 3 token; refused if any byte was changed or the key differs."""
    if len(raw) < 1 + TAG_BYTES + 3:
        raise ShareLinkError("the link is cut short")
    try:
        return _sealer(secret).decrypt(raw[1:], [SEAL_DOMAIN + raw[:1]])
    except InvalidTag as error:
        raise ShareLinkError("the link was changed or was not made by this check") from error


def _unsign(raw: bytes, secret: bytes) -> bytes:
    """The payload of a format 1 or 2 token (after its format byte), once its MAC checks."""
    if len(raw) < 2 + MAC_BYTES:
        raise ShareLinkError("the link is cut short")
    signed, mac = raw[:-MAC_BYTES], raw[-MAC_BYTES:]
    if not hmac.compare_digest(mac, _mac(secret, signed)):
        raise ShareLinkError("the link was changed or was not made by this check")
    if signed[0] not in SIGNED_FORMATS:
        raise ShareLinkError("the link comes from an unknown format")
    return signed[1:]


def read_header(token: str, secret: bytes) -> Header:
    """Check the token's shape and seal (or older signature); return its header and answers."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
        raise ShareLinkError("the link is too long")
    if not TOKEN_PATTERN.fullmatch(token):
        raise ShareLinkError("the link has characters a footquiz link never has")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError as error:
        raise ShareLinkError("the link is garbled") from error
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii") != token:
        raise ShareLinkError("the link is garbled")  # one token per payload, no spare bits
    if not raw:
        raise ShareLinkError("the link is cut short")
    payload = _unseal(raw, secret) if raw[0] == FORMAT else _unsign(raw, secret)
    version, at = _read_varint(payload, 0)
    language, at = _read_varint(payload, at)
    region: int | None = None
    if raw[0] >= 2:
        region, at = _read_varint(payload, at)
    return Header(version, language, region, payload[at:])


def decode_answers(body: bytes, codebook: Codebook) -> Answers:
    """The answers in a token's body, using the codebook of the token's content version."""
    answers: Answers = {}
    at = 0
    for question_id, options in codebook.items():
        mask, at = _read_varint(body, at)
        if mask >> len(options):
            raise ShareLinkError("the link names an answer that does not exist")
        if mask:
            answers[question_id] = tuple(o for i, o in enumerate(options) if mask >> i & 1)
    if at != len(body):
        raise ShareLinkError("the link has extra data")
    return answers


class SharedAnswers(BaseModel):
    """What a valid link holds: its content version and the answers."""

    version: int
    is_current: bool
    language: int
    region: int | None
    """The care region's link code; None for a link made before regions."""
    answers: Answers
    taken: datetime.date | None = None


def make_token(
    content: Content,
    codebook: Codebook,
    answers: Answers,
    secret: bytes,
    language: int = 0,
    region: int = 0,
) -> str:
    """The link token for a finished check (only answers on the patient's path count)."""
    effective = effective_answers(content, answers)
    return encode(content.version, effective, codebook, secret, language, region)


def open_token(
    token: str, content: Content, codebooks: Mapping[int, Codebook], secret: bytes
) -> SharedAnswers:
    """Check and decode a link. Raises :class:`ShareLinkError` and nothing else."""
    version, language, region, body = read_header(token, secret)
    codebook = codebooks.get(version)
    if codebook is None:
        raise ShareLinkError("the link comes from a version of the check this server does not know")
    answers = decode_answers(body, codebook)
    is_current = version == content.version
    if is_current:
        position = resume(content, answers, None)
        if position.answers != answers or not position.done:
            raise ShareLinkError("the link does not hold a finished check")
    return SharedAnswers(
        version=version, is_current=is_current, language=language, region=region, answers=answers
    )
