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


def _terms_of(content: Content, text: str) -> frozenset[int]:
    """Which glossary terms (by place in the glossary) appear in one text, searched once."""
    return remember(
        content,
        "terms_of_text",
        text,
        lambda: frozenset(i for i, (_, p) in enumerate(_patterns(content)) if p.search(text)),
    )


def terms_in(content: Content, texts: Iterable[str]) -> tuple[GlossaryTerm, ...]:
    """The glossary terms that appear (as whole words, any case) in any of these texts.

    Worked out once per set of texts (a question's words are the same for every patient), and
    each text searched once: a result page gathers a different mix of the content's texts for
    each patient.
    """
    texts = tuple(texts)

    def gather() -> tuple[GlossaryTerm, ...]:
        found = frozenset().union(*(_terms_of(content, text) for text in texts))
        return tuple(term for i, (term, _) in enumerate(_patterns(content)) if i in found)

    return remember(content, "terms_in", "\n".join(texts), gather)
