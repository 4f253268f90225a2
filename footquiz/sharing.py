"""Result links for this server: the engine's codec with this server's content and secret."""

from __future__ import annotations

import segno

from footquiz.config import link_secret
from footquiz.content import get_codebooks, get_content
from footquiz.engine.model import Answers
from footquiz.engine.share import SharedAnswers, ShareLinkError, make_token, open_token

__all__ = ["LINK_PREFIX", "ShareLinkError", "link_token", "open_link", "qr_data_uri"]

LINK_PREFIX = "/r/"
_SECRET = link_secret()


def link_token(answers: Answers) -> str:
    """The token of a finished check's result link."""
    content = get_content()
    codebook = get_codebooks().codebooks[content.version]
    return make_token(content, codebook, answers, _SECRET)


def open_link(token: str) -> SharedAnswers:
    """Open a result link's token; raises :class:`ShareLinkError` for any bad link."""
    return open_token(token, get_content(), get_codebooks().codebooks, _SECRET)


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (made here: nothing goes to a QR service)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000000")
