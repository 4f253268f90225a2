"""The clinical words (clinical.yaml), validated and checked against the questions.

Every question needs a term, every red flag (safety question) the answers that screen it out,
and every id must exist, so a new question cannot reach the clinician's view unnamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from footquiz.content import CONTENT_DIR, SAFE_LOADER, ContentError, get_content
from footquiz.engine.clinician import ClinicalTerms, red_flag_questions
from footquiz.engine.model import Content

FILE = "clinical.yaml"


def _problems(terms: ClinicalTerms, content: Content) -> Iterator[str]:
    questions = {q.id: q for q in content.questions}
    for question_id in questions.keys() - terms.questions.keys():
        yield f"{FILE}: questions.{question_id}: missing (every question needs a term)"
    for question_id in terms.questions.keys() - questions.keys():
        yield f"{FILE}: questions.{question_id}: no such question"
    for question in red_flag_questions(content):
        term = terms.questions.get(question.id)
        if term is not None and not term.negative:
            yield f"{FILE}: questions.{question.id}.negative: a red flag needs its negative answers"
    for question_id, term in terms.questions.items():
        question = questions.get(question_id)
        for option_id in term.negative:
            if question is not None and question.option(option_id) is None:
                yield f"{FILE}: questions.{question_id}.negative: no option {option_id!r}"
    known = {a.id for a in content.look_alikes}
    for look_alike in sorted(terms.look_alikes.keys() - known):
        yield f"{FILE}: look_alikes.{look_alike}: no such look-alike"
    for question_id, options in terms.options.items():
        question = questions.get(question_id)
        if question is None:
            yield f"{FILE}: options.{question_id}: no such question"
            continue
        for option_id in options:
            if question.option(option_id) is None:
                yield f"{FILE}: options.{question_id}.{option_id}: no such option"


def load_clinical_terms(
    directory: Path = CONTENT_DIR, content: Content | None = None
) -> ClinicalTerms:
    """Read clinical.yaml and check it against the questions; :class:`ContentError` if not."""
    try:
        raw = yaml.load((directory / FILE).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        terms = ClinicalTerms.model_validate(raw)
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{FILE}: cannot read: {error}") from error
    except ValidationError as error:
        lines = [f"{FILE}: {'.'.join(map(str, p['loc']))}: {p['msg']}" for p in error.errors()]
        raise ContentError("\n".join(lines)) from None
    problems = sorted(_problems(terms, content or get_content()))
    if problems:
        raise ContentError("\n".join(problems))
    return terms


@cache
def get_clinical_terms() -> ClinicalTerms:
    """The app's clinical words, loaded and checked once."""
    return load_clinical_terms()
