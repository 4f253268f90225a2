"""QR codes (ISO/IEC 18004) of result links: byte mode, error correction level M, mask 0.

The modules only (1 dark, 0 light, a row a ``bytes``); ``footquiz/sharing.py`` draws them.
Every code of one version shares its fixed patterns and the order its bits are placed in,
so those are worked out once per version and a code costs its data, its error correction
and one pass over the modules: about a tenth of segno's time for the same code
(``tests/unit/test_qrcode.py`` checks the modules against segno's, version by version).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from operator import itemgetter, xor

__all__ = ["QrTooLongError", "qr_modules"]

# Per version (1 to 40) at level M: error correction codewords per block, and blocks.
_ECC_PER_BLOCK = (10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26)
_ECC_PER_BLOCK += (26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28)
_BLOCKS = (1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16)
_BLOCKS += (17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49)
_BIT = bytes.maketrans(b"01", b"\0\1")
"""The text of a bit string to one byte per bit."""
_FORMAT_M_MASK0 = 0b101010000010010
"""Level M (00) and mask 0 (000) with their BCH bits, masked with 0x5412 (section 7.9)."""

# GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1, as exponent and logarithm tables.
_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _EXP[_i + 255] = _x
    _LOG[_x] = _i
    _x = (_x << 1) ^ (0x11D if _x & 0x80 else 0)


class QrTooLongError(ValueError):
    """The data does not fit in a QR code of level M (over 2331 bytes)."""


def qr_modules(data: bytes) -> list[bytes]:
    """The modules of ``data``'s QR code, in the smallest version it fits, row by row."""
    version = next((v for v in range(1, 41) if 8 * len(data) <= _data_bits(v)), 0)
    if not version:
        raise QrTooLongError(f"{len(data)} bytes do not fit in a QR code")
    return _draw(version, _with_error_correction(version, _data_codewords(version, data)))


def _draw(version: int, codewords: bytes) -> list[bytes]:
    """The modules of a code of ``version`` that carries these codewords (section 7.7)."""
    template, bit_of_module = _layout(version)
    count = 8 * len(codewords)
    bits = format(int.from_bytes(codewords), f"0{count}b").encode().translate(_BIT) + b"\0"
    modules = bytes(map(xor, template, bit_of_module(bits)))  # mask 0 is in the template
    size = 17 + 4 * version
    return [modules[row : row + size] for row in range(0, size * size, size)]


def _raw_codewords(version: int) -> int:
    """Codewords a version holds, data and error correction (what its modules leave)."""
    bits = (16 * version + 128) * version + 64
    if version >= 2:
        aligns = version // 7 + 2
        bits -= (25 * aligns - 10) * aligns - 55
        if version >= 7:
            bits -= 36
    return bits // 8


def _data_bits(version: int) -> int:
    """Bits of data a version holds at level M, after its mode and length fields."""
    data = _raw_codewords(version) - _ECC_PER_BLOCK[version - 1] * _BLOCKS[version - 1]
    return 8 * data - 4 - (8 if version < 10 else 16)


def _data_codewords(version: int, data: bytes) -> bytes:
    """Byte mode, the length, the data, the terminator and the padding, as codewords."""
    length_bits = 8 if version < 10 else 16
    bits = (0b0100 << length_bits | len(data)) << 8 * len(data) | int.from_bytes(data)
    used = 4 + length_bits + 8 * len(data)
    capacity = 8 * (_raw_codewords(version) - _ECC_PER_BLOCK[version - 1] * _BLOCKS[version - 1])
    pad = min(4, capacity - used)  # the terminator, then zeros up to a whole byte
    pad += -(used + pad) % 8
    head = (bits << pad).to_bytes((used + pad) // 8)
    fill = capacity // 8 - len(head)
    return head + (b"\xec\x11" * fill)[:fill]


def _with_error_correction(version: int, data: bytes) -> bytes:
    """The blocks' data and error correction codewords, interleaved (section 7.6)."""
    ecc_len, blocks = _ECC_PER_BLOCK[version - 1], _BLOCKS[version - 1]
    raw = _raw_codewords(version)
    short_blocks, short_len = blocks - raw % blocks, raw // blocks - ecc_len
    parts, start = [], 0
    for block in range(blocks):
        end = start + short_len + (block >= short_blocks)
        parts.append((data[start:end], _remainder(data[start:end], ecc_len)))
        start = end
    out = bytearray()
    for i in range(short_len + 1):
        out += bytes(d[i] for d, _ in parts if i < len(d))
    for i in range(ecc_len):
        out += bytes(e[i] for _, e in parts)
    return bytes(out)


@cache
def _times_divisor(degree: int) -> tuple[int, ...]:
    """The Reed-Solomon divisor of ``degree`` times each byte value, as numbers.

    The divisor is the generator polynomial without its leading 1; a product's coefficients
    are a byte each, highest first.
    """
    poly = [1]
    for power in range(degree):  # the product of (x - 2^power)
        poly = [
            a ^ (_EXP[_LOG[b] + power] if b else 0)
            for a, b in zip([*poly, 0], [0, *poly], strict=True)
        ]
    logs = [_LOG[c] for c in poly[1:]]  # none is 0
    return (0,) + tuple(
        int.from_bytes(bytes(_EXP[c + _LOG[factor]] for c in logs)) for factor in range(1, 256)
    )


def _remainder(data: bytes, degree: int) -> bytes:
    """The error correction codewords of one block: ``data`` times x^n modulo the divisor."""
    times = _times_divisor(degree)
    top, keep = 8 * (degree - 1), (1 << 8 * degree) - 1
    rest = 0
    for byte in data:
        rest = (rest << 8) & keep ^ times[byte ^ rest >> top]
    return rest.to_bytes(degree)


@cache
def _layout(version: int) -> tuple[bytes, Callable[[bytes], tuple[int, ...]]]:
    """A version's fixed patterns, with mask 0 drawn where the data goes, and where it goes.

    The second is a getter that takes the codewords' bits (one byte each, then a zero) and
    gives each module's bit, row by row: the zero for a module that carries none. The bits go
    in two modules wide columns, up and down from the bottom right corner (section 7.7.3).
    """
    size = 17 + 4 * version
    dark = bytearray(size * size)
    fixed = bytearray(size * size)

    def put(x: int, y: int, on: bool) -> None:
        dark[y * size + x], fixed[y * size + x] = on, 1

    for i in range(size):  # timing patterns
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):  # finders and their separators
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                if 0 <= cx + dx < size and 0 <= cy + dy < size:
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
    centres = _alignment_centres(version)
    corners = {(6, 6), (6, size - 7), (size - 7, 6)}  # on the finders: none there
    for cx in centres:
        for cy in centres:
            if (cx, cy) in corners:
                continue
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
    bit = [bool(_FORMAT_M_MASK0 >> i & 1) for i in range(15)]
    for i in range(6):
        put(8, i, bit[i])
    put(8, 7, bit[6])
    put(8, 8, bit[7])
    put(7, 8, bit[8])
    for i in range(9, 15):
        put(14 - i, 8, bit[i])
    for i in range(8):
        put(size - 1 - i, 8, bit[i])
    for i in range(8, 15):
        put(8, size - 15 + i, bit[i])
    put(8, size - 8, True)  # the dark module
    if version >= 7:
        rest = version
        for _ in range(12):
            rest = (rest << 1) ^ ((rest >> 11) * 0x1F25)
        bits = version << 12 | rest
        for i in range(18):
            on = bool(bits >> i & 1)
            put(size - 11 + i % 3, i // 3, on)
            put(i // 3, size - 11 + i % 3, on)
    places = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = ((right + 1) & 2) == 0
        for vert in range(size):
            y = size - 1 - vert if upward else vert
            for x in (right, right - 1):
                if not fixed[y * size + x]:
                    places.append(y * size + x)
        right -= 2
    for place in places:  # mask 0: (row + column) even is flipped, remainder bits too
        dark[place] = (place // size + place % size) % 2 == 0
    bits = 8 * _raw_codewords(version)  # the index of a zero after the codewords' bits
    bit_of_module = [bits] * (size * size)
    for index, place in enumerate(places[:bits]):
        bit_of_module[place] = index
    return bytes(dark), itemgetter(*bit_of_module)


def _alignment_centres(version: int) -> list[int]:
    """Rows (and columns) of a version's alignment patterns' centres."""
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    size = 17 + 4 * version
    return [6, *sorted(size - 7 - i * step for i in range(count - 1))]
