"""What the spine diagram highlights: which leg, which marked places, which root and disc.

Pure Python, no reflex import. Nothing clinical is decided here: the leading nerve root(s),
their disc levels, the spine band and the stenosis pattern all come from the engine's
:func:`~footquiz.engine.assess.assess`, and which places lie on each root's path comes from
the root evidence in the content. This module only turns them into a picture's facts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from footquiz.engine.answers import effective_answers, walk
from footquiz.engine.assess import assess
from footquiz.engine.model import Answers, Assessment, Content

MAP_QUESTION = "pain_regions"
"""The "where does it hurt" question; its options (except "not sure") are the map's regions."""
SIDE_QUESTION = "side"
STENOSIS = "stenosis"
"""The look-alike drawn as a narrowed spinal canal."""

Side = Literal["left", "right", "both"]
RootId = Literal["L3", "L4", "L5", "S1"]


class RootMark(BaseModel):
    """A leading nerve root as drawn: its disc glows and a pulse runs down its path."""

    root: RootId
    disc: str | None
    """None for the stenosis pattern: the narrowed canal is drawn instead of one disc."""
    path: str
    confidence: Literal["fairly likely", "possible"]
    regions: list[str]
    """The map regions on this root's path, from the content's root evidence."""


class DiagramView(BaseModel):
    """Everything the drawing shows for one set of answers."""

    final: bool
    """True on the result page, False during the quiz."""
    side: Side | None
    """The side answered; None until the patient has said."""
    regions: list[str]
    """The places the patient marked, in the question's option order."""
    roots: list[RootMark]
    """The leading root(s), most likely first; empty when there is none (yet)."""
    stenosis: bool
    """Draw the spinal canal narrowed (the stenosis pattern)."""
    local: bool
    """The result points to the foot itself: show the foot regions instead of the spine."""
    emergency: bool
    """An emergency result: no drawing and no animation, only the message."""
    animate: bool
    """Run the pulse down the leading root's path (reduced motion still turns it off)."""
    facts: list[str]
    """What is highlighted, in plain words, shown as text beside the drawing."""
    label: str
    """The drawing's text alternative: the same facts in one sentence group."""

    @property
    def discs(self) -> list[str]:
        """The disc levels that glow."""
        return [r.disc for r in self.roots if r.disc]


def region_ids(content: Content) -> list[str]:
    """The map's regions: the location question's options that are places on the drawing."""
    question = content.question(MAP_QUESTION)
    if question is None:
        return []
    return [o.id for o in question.options if o.map_region and not o.unsure]


def root_regions(content: Content) -> dict[str, list[str]]:
    """For each nerve root, the map regions its evidence names (the root's path)."""
    regions = region_ids(content)
    paths: dict[str, list[str]] = {}
    for root in content.roots.roots:
        named = {
            option
            for evidence in root.evidence
            for c in walk(evidence.when)
            if c.answer == MAP_QUESTION
            for option in c.is_ or []
        }
        paths[root.id] = [r for r in regions if r in named]
    return paths


def _region_names(content: Content, ids: list[str]) -> str:
    question = content.question(MAP_QUESTION)
    texts = [o.text for o in question.options if o.id in ids] if question else []
    names = [t[0].lower() + t[1:] for t in texts]
    return "; ".join(names)


def diagram_view(
    content: Content, answers: Answers, assessment: Assessment | None = None
) -> DiagramView:
    """The diagram for these answers.

    ``assessment`` is the final result (on the result page). During the quiz pass None: the
    answers so far are assessed, so a leading root appears as soon as the engine names one.
    """
    final = assessment is not None
    result = assessment if assessment is not None else assess(content, answers)
    effective = effective_answers(content, answers)
    regions = [r for r in region_ids(content) if r in effective.get(MAP_QUESTION, ())]
    side_answer = effective.get(SIDE_QUESTION, ())
    side: Side | None = side_answer[0] if side_answer else None  # type: ignore[assignment]
    if result.is_emergency:
        return DiagramView(
            final=final,
            side=side,
            regions=regions,
            roots=[],
            stenosis=False,
            local=False,
            emergency=True,
            animate=False,
            facts=[],
            label="",
        )
    paths = root_regions(content)
    roots = [
        RootMark(
            root=r.root,
            disc=r.disc,
            path=r.path,
            confidence=r.confidence,
            regions=paths.get(r.root, []),
        )
        for r in result.roots
    ]
    points_away = result.spine is not None and result.spine.band == "local"
    # Mid-quiz a "local" band is only provisional, so the spine stays in the picture.
    local = final and points_away
    # A narrowed canal is drawn only while the answers blame the spine.
    stenosis = not points_away and any(a.id == STENOSIS for a in result.look_alikes)
    facts = _facts(content, side, regions, roots, stenosis, local)
    ui = content.ui
    legs = {"left": ui["left_leg"], "right": ui["right_leg"], "both": ui["both_legs"]}
    template = ui["shown_foot"] if local else ui["shown_spine_legs"]
    shown = template.format(legs=legs.get(side or "", legs["left"]))
    return DiagramView(
        final=final,
        side=side,
        regions=regions,
        roots=roots,
        stenosis=stenosis,
        local=local,
        emergency=False,
        animate=bool(roots),
        facts=facts,
        label=" ".join([ui["drawing_of"].format(shown=shown), *facts]),
    )


def _facts(
    content: Content,
    side: Side | None,
    regions: list[str],
    roots: list[RootMark],
    stenosis: bool,
    local: bool,
) -> list[str]:
    ui = content.ui
    facts: list[str] = []
    if side == "both":
        facts.append(ui["fact_both_legs"])
    elif side:
        facts.append(ui["fact_one_leg"].format(side=ui[f"{side}_leg"]))
    if regions:
        facts.append(ui["fact_marked"].format(places=_region_names(content, regions)))
    else:
        facts.append(ui["fact_none_marked"])
    if local:
        facts.append(ui["fact_local"])
    for root in roots:
        confidence = ui["fairly_likely" if root.confidence == "fairly likely" else "possible"]
        template = ui["fact_root"] if root.disc else ui["fact_root_canal"]
        facts.append(
            template.format(root=root.root, confidence=confidence, disc=root.disc, path=root.path)
        )
    if stenosis:
        facts.append(ui["fact_stenosis"])
    return facts
