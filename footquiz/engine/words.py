"""Plain words: which glossary terms a text uses, so the screen can explain them in place."""

from __future__ import annotations

import re
from collections.abc import Iterable

from footquiz.engine.memo import remember
from footquiz.engine.model import Content, GlossaryTerm


def _patterns(content: Content) -> tuple[tuple[GlossaryTerm, re.Pattern[str]], ...]:
    """Each glossary term with its whole-word, any-case pattern, compiled once per content."""
    return remember(
        content,
        "glossary_patterns",
        None,
        lambda: tuple(
            (term, re.compile(rf"(?<!\w){re.escape(term.term)}(?!\w)", re.IGNORECASE))
            for term in content.glossary
        ),
    )


def terms_in(content: Content, texts: Iterable[str]) -> tuple[GlossaryTerm, ...]:
    """The glossary terms that appear (as whole words, any case) in any of these texts.

    Worked out once per set of texts: a screen's words are the same for every patient.
    """
    joined = "\n".join(texts)
    return remember(
        content,
        "terms_in",
        joined,
        lambda: tuple(term for term, pattern in _patterns(content) if pattern.search(joined)),
    )
