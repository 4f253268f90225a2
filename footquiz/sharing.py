"""Result links for this server: the engine's codec with this server's content and secret."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import lru_cache

from footquiz.config import link_secret
from footquiz.content import DEFAULT_REGION, LANGUAGES, get_codebooks, get_content, get_regions
from footquiz.content.i18n import DEFAULT_LANGUAGE
from footquiz.engine.model import Answers
from footquiz.engine.share import SharedAnswers, ShareLinkError, make_token, open_token
from footquiz.qrcode import qr_modules

__all__ = [
    "CLINICIAN_PREFIX",
    "LINK_PREFIX",
    "ShareLinkError",
    "link_token",
    "open_link",
    "qr_data_uri",
]

LINK_PREFIX = "/r/"
CLINICIAN_PREFIX = "/clinician/"
"""The clinician's view of the same result link: the same token after this prefix."""
_SECRET = link_secret()


_CODES = list(LANGUAGES)


def link_token(
    answers: Answers,
    language: str = DEFAULT_LANGUAGE,
    region: str = DEFAULT_REGION,
    taken: datetime.date | None = None,
) -> str:
    """The token of a finished check's result link: language, care region, day taken (today)."""
    content = get_content()
    codebook = get_codebooks().codebooks[content.version]
    link_code = get_regions()[region].link_code
    day = taken or datetime.date.today()
    return make_token(content, codebook, answers, _SECRET, _CODES.index(language), link_code, day)


OpenedLink = tuple[SharedAnswers, str, str | None]
"""An opened result link: its answers, language and region (None before regions)."""


def open_link(token: str) -> OpenedLink:
    """Open a result link's token: its answers, language and region (None before regions).

    Raises :class:`ShareLinkError` for a bad link.
    """
    shared = open_token(token, get_content(), get_codebooks().codebooks, _SECRET)
    if shared.language >= len(_CODES):
        raise ShareLinkError("the link names a language this server does not have")
    regions = {r.link_code: code for code, r in get_regions().items()}
    if shared.region is not None and shared.region not in regions:
        raise ShareLinkError("the link names a region this server does not have")
    region = None if shared.region is None else regions[shared.region]
    return shared, _CODES[shared.language], region


QR_SCALE = 4
"""Pixels per module: the page shows the code at 164 px, the printout at 26 mm."""
QR_BORDER = 2
"""Light modules around the code (the page's white card adds the rest of the quiet zone)."""
_URI_ESCAPES = (("%", "%25"), ("<", "%3C"), (">", "%3E"), ("#", "%23"), (" ", "%20"))
"""What a data URI may not carry as it is, "%" first (a replacement brings in "%")."""


@lru_cache(maxsize=1024)
def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (made here: nothing goes to a QR service).

    Kept for the last links made: re-opening a result must not cost a new code each time.
    """
    svg = qr_svg(qr_modules(url.encode()))
    for text, escaped in _URI_ESCAPES:
        svg = svg.replace(text, escaped)
    return "data:image/svg+xml," + svg


def qr_svg(matrix: Sequence[bytes | bytearray]) -> str:
    """The SVG of a QR code's modules (1 dark, 0 light): each row's dark runs as lines."""
    size = len(matrix) + 2 * QR_BORDER
    lines = []
    for y, row in enumerate(matrix):
        middle, x = f",{y + QR_BORDER + 0.5}h", QR_BORDER
        for run in bytes(row).split(b"\x00"):  # the dark runs, each after one light module
            if run:
                lines.append(f"M{x}{middle}{len(run)}")
            x += len(run) + 1
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{size * QR_SCALE}' "
        f"height='{size * QR_SCALE}' viewBox='0 0 {size} {size}'>"
        f"<path stroke='#000' d='{''.join(lines)}'/></svg>"
    )
