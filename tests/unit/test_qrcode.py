"""footquiz/qrcode.py: the result link's QR code, against the standard and against segno.

segno (a well-kept QR library, a test dependency here) is the reference for everything after
the data: given the same data codewords, each version's error correction, the order the bits
are placed in, the fixed patterns, the mask and the format and version information must give
segno's modules exactly. The data codewords themselves are checked against ISO/IEC 18004's
rules: segno pads a byte-mode message with a zero byte more than the standard asks for (a
code that still reads), so its codewords differ there.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

import pytest
import segno
from segno import encoder

from footquiz.qrcode import (
    QrTooLongError,
    _data_bits,
    _data_codewords,
    _draw,
    _with_error_correction,
    qr_modules,
)


@pytest.fixture
def segno_codewords(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bytes]]:
    """What segno's next code carries: its data codewords, then with error correction."""
    seen: dict[str, bytes] = {}
    make = encoder.make_final_message

    def spy(version: int, error: int, buff: encoder.Buffer) -> encoder.Buffer:
        seen["data"] = bytes(buff.toints())
        final = make(version, error, buff)
        bits = list(final)
        seen["final"] = bytes(
            int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - 7, 8)
        )
        return final

    monkeypatch.setattr(encoder, "make_final_message", spy)
    yield seen


def text(length: int, rng: random.Random) -> str:
    """A link-like text of ``length`` characters."""
    return "".join(rng.choices(string.ascii_letters + string.digits + "/:.-_", k=length))


@pytest.mark.parametrize("version", range(1, 41))
def test_each_version_is_drawn_as_segno_draws_the_same_data(
    version: int, segno_codewords: dict[str, bytes]
) -> None:
    rng = random.Random(version)
    smallest = _data_bits(version - 1) // 8 + 1 if version > 1 else 1
    data = text(rng.randint(smallest, _data_bits(version) // 8), rng)
    code = segno.make_qr(data, error="m", mask=0, boost_error=False, mode="byte")
    data_codewords, final = segno_codewords["data"], segno_codewords["final"]
    assert _with_error_correction(code.version, data_codewords) == final
    assert _draw(code.version, final) == [bytes(row) for row in code.matrix]
    # The smallest version that holds the data (segno's extra zero byte can need one more).
    assert len(qr_modules(data.encode())) == 17 + 4 * version


def test_the_data_is_coded_as_the_standard_says() -> None:
    # Byte mode (0100), 1 byte, "A" (0x41), the terminator, then the pad codewords EC 11 ...
    assert _data_codewords(1, b"A") == bytes.fromhex("401410") + b"\xec\x11" * 6 + b"\xec"
    # 14 bytes fill version 1 at level M: 124 bits, the terminator, no pad codeword.
    full = _data_codewords(1, b"0123456789abcd")
    assert full == bytes.fromhex("40e" + b"0123456789abcd".hex() + "0")
    assert len(qr_modules(b"0123456789abcd")) == 21
    assert len(qr_modules(b"0123456789abcde")) == 25


def test_data_too_long_for_any_version_is_refused() -> None:
    assert len(qr_modules(b"x" * 2331)) == 177
    with pytest.raises(QrTooLongError):
        qr_modules(b"x" * 2332)
