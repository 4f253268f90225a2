"""Plain words: which glossary terms a text uses, so the screen can explain them in place."""

from __future__ import annotations

import re
from collections.abc import Iterable

from footquiz.engine.model import Content, GlossaryTerm


def terms_in(content: Content, texts: Iterable[str]) -> list[GlossaryTerm]:
    """The glossary terms that appear (as whole words, any case) in any of these texts."""
    joined = "\n".join(texts)
    return [
        term
        for term in content.glossary
        if re.search(rf"(?<!\w){re.escape(term.term)}(?!\w)", joined, re.IGNORECASE)
    ]
