"""Patient-facing words read at US grade 6 or below (Flesch-Kincaid, textstat 0.7.3).

Every English care region is scored: each fills the text with its own services and words.
"""

from __future__ import annotations

import re

import pytest
import textstat

from footquiz.content import get_content, get_regions
from footquiz.engine.model import Content

MAX_GRADE = 6.0
PLAIN_WORD = "nerve"


def sentence(text: str) -> str:
    """End a short label with a full stop so labels score as separate sentences."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


STAFF_ONLY = {"pin_locked"}
LISTS = {"months"}  # month names, one of which is shown in a written date


def patient_texts(content: Content) -> list[tuple[str, str]]:
    """(label, text) for every block the grade limit applies to.

    Question text and help are scored together, and a question's options together, because
    Flesch-Kincaid is noisy on one short sentence.
    """
    found: list[tuple[str, str]] = []
    for q in content.questions:
        found.append((f"question {q.id}", f"{sentence(q.text)} {q.help}"))
        found.append((f"options {q.id}", " ".join(sentence(o.text) for o in q.options)))
    found += [(f"band {b.id}", b.explanation) for b in content.spine.bands]
    found += [(f"look-alike {a.id}", a.what_it_is) for a in content.look_alikes]
    found += [(f"tier {t.tier.value}", t.action) for t in content.tiers]
    found += [(f"treatment {t.id}", t.summary) for t in content.treatments]
    found += [(f"treatment {t.id} fits", t.fits_because) for t in content.treatments]
    found += [(f"urgency {u.id}", u.why) for u in content.urgency]
    found += [(f"urgency {u.id} action", u.action) for u in content.urgency if u.action]
    found += [(f"urgency {u.id} also", u.also) for u in content.urgency if u.also]
    found += [(f"instructions {q.id}", " ".join(q.instructions)) for q in content.questions]
    found += [(f"spine rule {p.id}", p.why) for p in content.spine.rules]
    found += [(f"spine cap {c.id}", c.why) for c in content.spine.caps]
    found += [(f"get help sooner {h.id}", h.text) for h in content.get_help_sooner]
    found += [(f"welcome {n}", t) for n, t in enumerate(content.welcome.lead)]
    found.append(("disclaimer", content.disclaimer))
    # The screens' own words: each message a patient reads as a sentence (labels of one or
    # two words are not scored; staff-only words and word lists are left out).
    found += [
        (f"ui {key}", text)
        for key, text in content.ui.items()
        if len(text.split()) >= 6 and key not in STAFF_ONLY | LISTS
    ]
    return found


def without_glossary(content: Content, text: str) -> str:
    """Swap each glossary term for a short plain word: the terms are explained in place."""
    for term in sorted((g.term for g in content.glossary), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(term)}s?\b", PLAIN_WORD, text, flags=re.IGNORECASE)
    return text


def grade(content: Content, text: str) -> float:
    """The Flesch-Kincaid grade of ``text`` with glossary terms counted as plain."""
    return float(textstat.flesch_kincaid_grade(without_glossary(content, text)))


CONTENT = get_content()
REGION_TEXTS = [
    (region, label, text)
    for region in sorted(get_regions())
    for label, text in patient_texts(get_content("en", region))
]


def test_textstat_is_the_offline_version() -> None:
    """Newer textstat needs a download at run time; pin 0.7.3 (see requirements-test.txt)."""
    from importlib.metadata import version

    assert version("textstat") == "0.7.3"


def test_glossary_swap_and_scorer_work() -> None:
    """Control: glossary terms are swapped, and a hard sentence scores above the limit."""
    assert without_glossary(CONTENT, "Spinal stenosis and neuropathy.") == "Spinal nerve and nerve."
    hard = (
        "Degenerative lumbar foraminal narrowing characteristically produces unilateral "
        "radicular symptomatology, predominantly exacerbated by prolonged ambulation."
    )
    assert grade(CONTENT, hard) > MAX_GRADE


@pytest.mark.parametrize(
    ("region", "label", "text"), REGION_TEXTS, ids=[f"{r}-{label}" for r, label, _ in REGION_TEXTS]
)
def test_reading_grade(region: str, label: str, text: str) -> None:
    """Each block reads at US grade 6 or below, in every English region."""
    content = get_content("en", region)
    score = grade(content, text)
    assert score <= MAX_GRADE, (
        f"{region} {label}: Flesch-Kincaid grade {score:.1f} > {MAX_GRADE}: "
        f"{without_glossary(content, text)!r}"
    )
