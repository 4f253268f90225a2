"""Result links for this server: the engine's codec with this server's content and secret."""

from __future__ import annotations

import datetime
from functools import lru_cache

import segno

from footquiz.config import link_secret
from footquiz.content import DEFAULT_REGION, LANGUAGES, get_codebooks, get_content, get_regions
from footquiz.content.i18n import DEFAULT_LANGUAGE
from footquiz.engine.model import Answers
from footquiz.engine.share import SharedAnswers, ShareLinkError, make_token, open_token

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


QR_MASK = 0
"""Every code uses this mask pattern (ISO/IEC 18004 allows any of eight)."""


@lru_cache(maxsize=1024)
def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (made here: nothing goes to a QR service).

    Kept for the last links made: re-opening a result must not cost a new code each time.
    """
    # One fixed mask: any of the eight reads alike on a phone, and trying all eight to pick
    # the "best" made each code cost eight times the work.
    code = segno.make(url, error="m", mask=QR_MASK)
    return code.svg_data_uri(scale=4, border=2, dark="#000000")
