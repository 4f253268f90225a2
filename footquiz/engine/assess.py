"""Answers -> findings -> assessment. Pure functions; every rule comes from the content."""

from __future__ import annotations

from collections.abc import Sequence

from footquiz.engine.answers import base_findings, effective_answers, holds, walk
from footquiz.engine.memo import per_answers, remember
from footquiz.engine.model import (
    Answers,
    Assessment,
    Condition,
    Content,
    LookAlikeResult,
    Reason,
    RootResult,
    RootScore,
    SpineLikelihood,
    Tier,
    TreatmentResult,
    Urgency,
    UrgencyRule,
    Workings,
)


def question_ids(content: Content, condition: Condition) -> list[str]:
    """The questions a condition rests on, following named findings to their questions."""
    by_id = {f.id: f.when for f in content.findings}
    ids: list[str] = []
    pending = [condition]
    while pending:
        for c in walk(pending.pop(0)):
            if c.answer and c.answer not in ids:
                ids.append(c.answer)
            if c.finding in by_id:
                pending.append(by_id.pop(c.finding))
    return ids


def emergency_questions(content: Content) -> frozenset[str]:
    """The questions an emergency rule reads (through the findings it names too).

    An answer to any other question can neither start nor end an emergency.
    """
    return remember(
        content,
        "emergency_questions",
        (),
        lambda: frozenset(
            question
            for rule in content.urgency
            if rule.tier == Tier.EMERGENCY
            for question in question_ids(content, rule.when)
        ),
    )


def emergency_rules(content: Content, answers: Answers) -> tuple[UrgencyRule, ...]:
    """The emergency rules that hold. Red flags override everything else."""
    return emergency_rules_on(content, effective_answers(content, answers))


def emergency_rules_on(content: Content, effective: Answers) -> tuple[UrgencyRule, ...]:
    """The emergency rules that hold on answers already limited to the shown questions."""
    read = emergency_questions(content)
    return _emergency_rules_read(content, {q: o for q, o in effective.items() if q in read})


@per_answers
def _emergency_rules_read(content: Content, read: Answers) -> tuple[UrgencyRule, ...]:
    """The emergency rules that hold on the answers to the questions they read.

    The other answers cannot change them, so every patient who answered the warning-sign
    questions alike shares one result.
    """
    found = base_findings(content, read)
    return tuple(
        rule
        for rule in content.urgency
        if rule.tier == Tier.EMERGENCY and holds(rule.when, read, found)
    )


def is_emergency(content: Content, answers: Answers) -> bool:
    """Whether these answers call for emergency help now."""
    return bool(emergency_rules(content, answers))


def _urgency(content: Content, tier: Tier, rules: Sequence[UrgencyRule] = ()) -> Urgency:
    """The tier's words; the first of ``rules`` with its own action replaces the tier's."""
    text = content.tier_text(tier)
    action = next((r.action for r in rules if r.action), text.action)
    extra = list(dict.fromkeys(r.also for r in rules if r.also))
    care = content.care
    return Urgency(
        tier=tier,
        title=text.title,
        timeframe=text.timeframe,
        action=" ".join([action, *extra]),
        call={"emergency": care.emergency, "urgent": care.urgent, None: None}[text.call],
    )


def _reason(
    content: Content, conclusion: str, why: str, when: Condition, sources: list[str]
) -> Reason:
    return Reason(
        conclusion=conclusion,  # type: ignore[arg-type]
        text=why,
        question_ids=question_ids(content, when),
        sources=list(sources),
    )


@per_answers
def assess(content: Content, answers: Answers) -> Assessment:
    """The tailored, explained result for these answers (worked out once per answer set)."""
    effective = effective_answers(content, answers)
    emergencies = emergency_rules_on(content, effective)
    if emergencies:
        return Assessment(
            content_version=content.version,
            urgency=_urgency(content, Tier.EMERGENCY, emergencies),
            spine=None,
            roots=[],
            look_alikes=[],
            why=[_reason(content, "urgency", r.why, r.when, r.sources) for r in emergencies],
            treatments=[],
            get_help_sooner=[],
            findings=sorted(f"urgency.{r.id}" for r in emergencies),
            disclaimer=content.disclaimer,
            workings=Workings(urgency=[r.id for r in emergencies]),
        )

    found = set(base_findings(content, effective))
    look_alikes = [a for a in content.look_alikes if holds(a.when, effective, found)]
    found |= {f"look_alike.{a.id}" for a in look_alikes}

    spine_rules = [p for p in content.spine.rules if holds(p.when, effective, found)]
    score = sum(p.points for p in spine_rules)
    bands = content.spine.bands
    band = next(b for b in reversed(bands) if b.min_score is None or score >= b.min_score)
    order = [b.id for b in bands]
    caps = [
        c
        for c in content.spine.caps
        if holds(c.when, effective, found) and order.index(c.band) < order.index(band.id)
    ]
    if caps:
        band = next(b for b in bands if b.id == min((c.band for c in caps), key=order.index))
    found.add(f"spine.{band.id}")

    scores = root_scores(content, effective, found)
    roots, root_reasons = _roots(content, scores, band.id)
    if "look_alike.stenosis" in found:
        # The stenosis pattern narrows the canal; no single disc is blamed [MSD].
        roots = [r.model_copy(update={"disc": None}) for r in roots]
    found |= {f"root.{r.root}" for r in roots}

    fired = [u for u in content.urgency if holds(u.when, effective, found)]
    tier = min((u.tier for u in fired), key=lambda t: t.rank, default=Tier.SELF_CARE)
    deciding = [u for u in fired if u.tier == tier]
    urgency_reasons = [_reason(content, "urgency", u.why, u.when, u.sources) for u in deciding]
    found.add(f"tier.{tier.value}")

    treatments = [t for t in content.treatments if holds(t.when, effective, found)]
    why = _unique(
        urgency_reasons
        + [_reason(content, "spine", p.why, p.when, p.sources) for p in spine_rules]
        + [_reason(content, "spine", c.why, c.when, c.sources) for c in caps]
        + root_reasons
        + [
            _reason(content, "look_alike", f"{a.name}: {a.what_it_is}", a.when, a.sources)
            for a in look_alikes
        ]
    )
    return Assessment(
        content_version=content.version,
        urgency=_urgency(content, tier, deciding),
        spine=SpineLikelihood(
            band=band.id, title=band.title, explanation=band.explanation, score=score
        ),
        roots=roots,
        look_alikes=[
            LookAlikeResult(id=a.id, name=a.name, kind=a.kind, what_it_is=a.what_it_is)
            for a in look_alikes
        ],
        why=why,
        treatments=[
            TreatmentResult(
                id=t.id,
                title=t.title,
                summary=t.summary,
                fits_because=next(
                    (f.text for f in t.fits if holds(f.when, effective, found)), t.fits_because
                ),
                url=t.url,
                site=t.site,
            )
            for t in treatments
        ],
        get_help_sooner=[h.text for h in content.get_help_sooner],
        findings=sorted(found),
        disclaimer=content.disclaimer,
        workings=Workings(
            urgency=[u.id for u in deciding],
            spine=[p.id for p in spine_rules],
            caps=[c.id for c in caps],
            roots=scores,
        ),
    )


def _unique(reasons: list[Reason]) -> list[Reason]:
    """Each reason once: two roots can share a muscle test."""
    unique: dict[str, Reason] = {}
    for reason in reasons:
        unique.setdefault(reason.text, reason)
    return list(unique.values())


def root_scores(content: Content, answers: Answers, found: set[str]) -> list[RootScore]:
    """Every nerve root's points from its weak muscles and its skin areas, in content order."""
    scores = []
    for root in content.roots.roots:
        held = [i for i, e in enumerate(root.evidence) if holds(e.when, answers, found)]
        motor = sum(root.evidence[i].points for i in held if root.evidence[i].motor)
        skin = sum(root.evidence[i].points for i in held if not root.evidence[i].motor)
        scores.append(RootScore(root=root.id, motor=motor, skin=skin, evidence=held))
    return scores


def _roots(
    content: Content, scores: list[RootScore], band: str
) -> tuple[list[RootResult], list[Reason]]:
    """The most likely nerve root(s), or none when the answers point to the foot itself.

    Weakness decides: roots rank by the points of their weak muscles, then by skin areas.
    """
    if band == "local":
        return [], []
    scheme = content.roots
    scored = [
        (s.motor, s.skin, root, [root.evidence[i] for i in s.evidence])
        for s, root in zip(scores, scheme.roots, strict=True)
    ]
    scored.sort(key=lambda item: (-item[0], -item[1]))
    top_motor, top_skin = scored[0][0], scored[0][1]
    if top_motor == 0 and top_skin < scheme.min_points:
        return [], []
    chosen = [
        s
        for s in scored
        if s[0] == top_motor
        and top_skin - s[1] <= scheme.second_within
        and (s[0] > 0 or s[1] >= scheme.min_points)
    ][:2]
    rivals = [s for s in scored[len(chosen) :] if s[0] == top_motor]
    runner_up = rivals[0][1] if rivals else -scheme.confident_lead
    confident = (
        len(chosen) == 1
        and top_motor > 0
        and top_motor + top_skin >= scheme.confident_points
        and top_skin - runner_up >= scheme.confident_lead
    )
    results = [
        RootResult(
            root=root.id,
            disc=root.disc,
            path=root.path,
            confidence="fairly likely" if confident else "possible",
            points=motor + skin,
        )
        for motor, skin, root, _ in chosen
    ]
    # A weak muscle first: it is a better clue to the root than where it hurts [TAWA].
    reasons = [
        _reason(content, "root", e.why, e.when, e.sources)
        for _, _, _, evidence in chosen
        for e in sorted(evidence, key=lambda e: not e.motor)
    ]
    return results, reasons
