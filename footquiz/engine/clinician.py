"""The clinician's sheet: a result link's answers and result, in clinical words, with sources.

Pure Python, no reflex import. Nothing is scored here: the tier, the spine points, the root
scores and the look-alikes come from :func:`~footquiz.engine.assess.assess` (its
``workings`` name the rules that held); this module only looks up each rule's points,
evidence and source tags in the content and words them for a clinician. Dermatomes and
myotomes come from the root evidence in the content, the same as the diagram's paths.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from footquiz.engine.answers import effective_answers, walk
from footquiz.engine.assess import question_ids
from footquiz.engine.diagram import MAP_QUESTION, root_regions
from footquiz.engine.model import Answers, Assessment, Condition, Content, Question, Strict

SELF_TESTS = "self_tests"
"""The question whose options are the muscle tests (myotomes)."""
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Status = Literal["present", "absent", "unsure", "not asked"]


class QuestionTerm(Strict):
    """A question in clinical words; for a red flag, the answers that screen it out."""

    term: str
    negative: list[Id] = []


class ClinicalTerms(Strict):
    """The clinical words of content/clinical.yaml: per question, and per option where needed."""

    questions: dict[Id, QuestionTerm]
    options: dict[Id, dict[Id, str]] = {}
    look_alikes: dict[Id, str] = {}

    def term(self, question_id: str) -> str:
        """The question in clinical words (its id when it has none)."""
        found = self.questions.get(question_id)
        return found.term if found else question_id

    def option(self, question: Question, option_id: str) -> str:
        """An option in clinical words, else the option's own words."""
        named = self.options.get(question.id, {}).get(option_id)
        if named:
            return named
        option = question.option(option_id)
        return option.text if option else option_id


class Line(BaseModel):
    """One line of the sheet: what, its value, a note, and the source tags it rests on."""

    label: str
    value: str = ""
    note: str = ""
    status: Status | Literal[""] = ""
    sources: str = ""


class Sheet(BaseModel):
    """Everything the clinician's view shows for one finished, current check."""

    version: int
    taken: datetime.date | None
    tier: str
    timeframe: str
    tier_rules: list[Line]
    red_flags: list[Line]
    places: list[Line]
    myotomes: list[Line]
    history: list[Line]
    spine: Line | None
    spine_rules: list[Line]
    roots: list[Line]
    look_alikes: list[Line]
    screened_out: list[str]
    """Look-alikes the rules considered whose criteria were not met."""
    sources: list[Line]


def tags(sources: Iterable[str]) -> str:
    """Source tags as [A][B]."""
    return "".join(f"[{s}]" for s in sources)


def red_flag_questions(content: Content) -> list[Question]:
    """The safety questions: each is a red flag screened on every check."""
    return [q for q in content.questions if q.section == "safety"]


def _answer(content: Content, terms: ClinicalTerms, question_id: str, answers: Answers) -> str:
    question = content.question(question_id)
    chosen = answers.get(question_id, ())
    if question is None:
        return "; ".join(chosen)
    return "; ".join(terms.option(question, c) for c in chosen)


def _named(content: Content, when: Condition) -> dict[str, set[str]]:
    """Question -> the options a condition names, following named findings to their answers."""
    by_id = {f.id: f.when for f in content.findings}
    named: dict[str, set[str]] = {}
    pending = [when]
    while pending:
        for c in walk(pending.pop()):
            if c.answer is not None:
                named.setdefault(c.answer, set()).update(c.is_ or [])
            if c.finding in by_id:
                pending.append(by_id.pop(c.finding))
    return named


def evidence(content: Content, terms: ClinicalTerms, when: Condition, answers: Answers) -> str:
    """The answers a rule rests on, in clinical words ("Onset: Insidious; Age band: 60 to 69").

    Where some chosen options are ones the rule names, only those are listed.
    """
    named = _named(content, when)
    asked = [q for q in question_ids(content, when) if q in answers]
    hits = {q: [o for o in answers[q] if o in named.get(q, set())] for q in asked}
    shown = [q for q in asked if hits[q]] or asked
    parts = []
    for question_id in shown:
        question = content.question(question_id)
        chosen = hits[question_id] or list(answers[question_id])
        words = [terms.option(question, o) if question else o for o in chosen]
        parts.append(f"{terms.term(question_id)}: {'; '.join(words)}")
    return "; ".join(parts)


def _chosen_in(condition: Condition, answers: Answers) -> list[tuple[str, str]]:
    """(question, option) pairs a condition names that the patient chose."""
    return [
        (c.answer, option)
        for c in walk(condition)
        if c.answer is not None
        for option in c.is_ or []
        if option in answers.get(c.answer, ())
    ]


def red_flag_lines(content: Content, terms: ClinicalTerms, answers: Answers) -> list[Line]:
    """Every red flag asked and its answer: positives, negative screens, unsure, not asked."""
    lines = []
    for question in red_flag_questions(content):
        chosen = answers.get(question.id, ())
        term = terms.questions[question.id]
        sources = tags(question.sources)
        unsure = any(o.unsure for o in question.options if o.id in chosen)
        if question.kind == "multiple":
            for option in question.options:
                if option.exclusive or option.unsure:
                    continue
                status: Status = (
                    "not asked"
                    if not chosen
                    else "present"
                    if option.id in chosen
                    else "unsure"
                    if unsure
                    else "absent"
                )
                label = f"{term.term}: {terms.option(question, option.id)}"
                lines.append(Line(label=label, status=status, sources=sources))
            continue
        if not chosen:
            status = "not asked"
        elif unsure:
            status = "unsure"
        elif set(chosen) <= set(term.negative):
            status = "absent"
        else:
            status = "present"
        value = _answer(content, terms, question.id, answers)
        lines.append(Line(label=term.term, value=value, status=status, sources=sources))
    return lines


def place_lines(content: Content, terms: ClinicalTerms, answers: Answers) -> list[Line]:
    """Each marked place with the dermatome(s) the root evidence gives it."""
    question = content.question(MAP_QUESTION)
    if question is None:
        return []
    dermatomes: dict[str, list[str]] = {}
    for root, regions in root_regions(content).items():
        for region in regions:
            dermatomes.setdefault(region, []).append(root)
    sources: dict[str, list[str]] = {}
    for root in content.roots.roots:
        for item in root.evidence:
            for region in _named(content, item.when).get(MAP_QUESTION, ()):
                sources.setdefault(region, []).extend(item.sources)
    lines = []
    for option_id in answers.get(MAP_QUESTION, ()):
        roots = dermatomes.get(option_id, [])
        lines.append(
            Line(
                label=terms.option(question, option_id),
                value="/".join(roots) if roots else "not scored to one dermatome",
                sources=tags(dict.fromkeys(sources.get(option_id, question.sources))),
            )
        )
    return lines


def myotome_lines(content: Content, terms: ClinicalTerms, answers: Answers) -> list[Line]:
    """Each self-test as a myotome finding: weak, not weak, or not performed."""
    question = content.question(SELF_TESTS)
    if question is None or SELF_TESTS not in answers:
        return []
    muscles: dict[str, list[str]] = {}
    for root in content.roots.roots:
        for item in root.evidence:
            for asked, option in [(c.answer, o) for c in walk(item.when) for o in c.is_ or []]:
                if item.motor and asked == SELF_TESTS:
                    muscles.setdefault(option, []).append(root.id)
    chosen = answers[SELF_TESTS]
    skipped = any(o.unsure for o in question.options if o.id in chosen)
    lines = []
    for option in question.options:
        if option.exclusive or option.unsure:
            continue
        if skipped:
            value = "not performed"
        elif option.id in chosen:
            value = "weak or unable (patient-reported)"
        else:
            value = "no weakness reported"
        roots = muscles.get(option.id, [])
        lines.append(
            Line(
                label=terms.option(question, option.id),
                value=value,
                note="/".join(roots) if roots else "",
                status="present" if option.id in chosen else "absent",
                sources=tags(question.sources),
            )
        )
    return lines


def history_lines(content: Content, terms: ClinicalTerms, answers: Answers) -> list[Line]:
    """The other answers on the patient's path (laterality, radiation, onset...)."""
    shown = {MAP_QUESTION, SELF_TESTS} | {q.id for q in red_flag_questions(content)}
    return [
        Line(
            label=terms.term(q.id),
            value=_answer(content, terms, q.id, answers),
            sources=tags(q.sources),
        )
        for q in content.questions
        if q.id in answers and q.id not in shown
    ]


def _used_tags(lines: Iterable[Line]) -> list[str]:
    found: list[str] = []
    for line in lines:
        for tag in line.sources.strip("[]").split("]["):
            if tag and tag not in found:
                found.append(tag)
    return found


def clinician_sheet(
    content: Content,
    terms: ClinicalTerms,
    answers: Answers,
    result: Assessment,
    taken: datetime.date | None = None,
) -> Sheet:
    """The clinician's sheet for a finished check under this content version."""
    effective = effective_answers(content, answers)
    workings = result.workings
    urgency = {u.id: u for u in content.urgency}
    tier_rules = [
        Line(
            label=rule_id,
            value=evidence(content, terms, urgency[rule_id].when, effective),
            note=urgency[rule_id].tier.value,
            sources=tags(urgency[rule_id].sources),
        )
        for rule_id in workings.urgency
    ]
    points = {p.id: p for p in content.spine.rules}
    caps = {c.id: c for c in content.spine.caps}
    spine_rules = [
        Line(
            label=f"{points[rule_id].points:+d}",
            value=evidence(content, terms, points[rule_id].when, effective),
            note=rule_id,
            sources=tags(points[rule_id].sources),
        )
        for rule_id in workings.spine
    ] + [
        Line(
            label=f"cap: at most {caps[cap_id].band}",
            value=evidence(content, terms, caps[cap_id].when, effective),
            note=cap_id,
            sources=tags(caps[cap_id].sources),
        )
        for cap_id in workings.caps
    ]
    spine = None
    if result.spine is not None:
        spine = Line(
            label=result.spine.band,
            value=str(result.spine.score),
            sources=tags(content.spine.sources),
        )
    named = {r.root: r for r in result.roots}
    roots = []
    # An emergency ends the check before any root is scored: no scores to show.
    scored = zip(workings.roots, content.roots.roots, strict=True) if workings.roots else []
    for score, root in scored:
        held = []
        for i in score.evidence:
            item = root.evidence[i]
            where = ", ".join(
                terms.option(q, o)
                for a, o in _chosen_in(item.when, effective)
                if (q := content.question(a)) is not None
            )
            held.append(f"{'M' if item.motor else 'S'}{item.points:+d} {where}")
        found = named.get(root.id)
        note = "not named"
        if found is not None:
            disc = f", disc {found.disc}" if found.disc else ", canal (stenosis pattern)"
            note = f"named: {found.confidence}{disc}"
        roots.append(
            Line(
                label=root.id,
                value=f"motor {score.motor}, sensory {score.skin}; " + ("; ".join(held) or "none"),
                note=note,
                sources=tags(root.sources),
            )
        )
    met = {a.id for a in result.look_alikes}
    look_alikes = [
        Line(
            label=terms.look_alikes.get(a.id, a.name),
            value=evidence(content, terms, a.when, effective),
            note=a.kind,
            sources=tags(a.sources),
        )
        for a in content.look_alikes
        if a.id in met
    ]
    screened_out = (
        [terms.look_alikes.get(a.id, a.name) for a in content.look_alikes if a.id not in met]
        if not result.is_emergency
        else []
    )
    sheet = Sheet(
        version=content.version,
        taken=taken,
        tier=result.urgency.tier.value,
        timeframe=content.tier_text(result.urgency.tier).timeframe,
        tier_rules=tier_rules,
        red_flags=red_flag_lines(content, terms, effective),
        places=place_lines(content, terms, effective),
        myotomes=myotome_lines(content, terms, effective),
        history=history_lines(content, terms, effective),
        spine=spine,
        spine_rules=spine_rules,
        roots=roots,
        look_alikes=look_alikes,
        screened_out=screened_out,
        sources=[],
    )
    every = [
        *sheet.tier_rules,
        *sheet.red_flags,
        *sheet.places,
        *sheet.myotomes,
        *sheet.history,
        *([sheet.spine] if sheet.spine else []),
        *sheet.spine_rules,
        *sheet.roots,
        *sheet.look_alikes,
    ]
    cites = {s.tag: s.cite for s in content.sources}
    sheet.sources = [Line(label=tag, value=cites.get(tag, "")) for tag in _used_tags(every)]
    return sheet
