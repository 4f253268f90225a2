"""What the spine diagram shows: which legs, which marked places, which root, disc and skin area.

Pure Python, no reflex import. Nothing clinical is scored here: the leading nerve root(s),
their disc levels, the spine band and the stenosis pattern all come from the engine's
:func:`~footquiz.engine.assess.assess`, and which places lie on each root's path comes from
the root evidence in the content. This module turns them into the picture's facts, and it is
the one home of the picture's anatomy (:data:`ANATOMY`): the way each root runs down the leg
and the skin area (dermatome) it is drawn with, after the map named in :data:`DERMATOME_MAP`.
The component (``footquiz/components/spine.py``) only draws what this says.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from footquiz.engine.answers import effective_answers, walk
from footquiz.engine.assess import assess
from footquiz.engine.memo import per_answers, remember
from footquiz.engine.model import Answers, Assessment, Content, Result

MAP_QUESTION = "pain_regions"
"""The "where does it hurt" question; its options (except "not sure") are the map's regions."""
SIDE_QUESTION = "side"
STENOSIS = "stenosis"
"""The look-alike drawn as a narrowed spinal canal."""
FOOT_PLACES = frozenset(
    {
        "inner_ankle",
        "outer_ankle",
        "top_of_foot",
        "big_toe",
        "all_toes",
        "ball_of_foot",
        "heel",
        "sole",
        "outer_edge",
    }
)
"""Places at the ankle or below: a local result showing only these shows only the feet."""

Side = Literal["left", "right", "both"]
Leg = Literal["left", "right"]
RootId = Literal["L3", "L4", "L5", "S1"]
Route = Literal["sciatic", "femoral"]
Scope = Literal["spine", "legs", "foot"]
FactKind = Literal["side", "marked", "local", "root", "skin", "stenosis"]

DERMATOME_MAP = (
    "Lee MWL, McPhee RW, Stringer MD. An evidence-based approach to human dermatomes. "
    "Clin Anat 2008;21:363-373 (its lower-limb map), checked against the key sensory points "
    "of the ISNCSCI (ASIA/ISCoS International Standards, 2019 revision)"
)
"""The published dermatome map the skin areas follow (also printed on the review sheet)."""
DERMATOME_SOURCES = ["DERM", "ISNCSCI"]


WHOSE = {
    "leg": {"left": "your_left_leg", "right": "your_right_leg", "both": "your_legs", "": "a_leg"},
    "foot": {
        "left": "your_left_foot",
        "right": "your_right_foot",
        "both": "your_feet",
        "": "a_foot",
    },
}
"""The ui words naming what is drawn, by scope and side ("" while the side is not known)."""


class Anatomy(NamedTuple):
    """How one root is drawn: its route down the leg and its skin area, in a clinician's words."""

    route: Route
    exit: str
    course: str
    skin_area: str


ANATOMY: dict[str, Anatomy] = {
    "L3": Anatomy(
        "femoral",
        "below the L3 vertebra (L3-L4 foramen)",
        "through the pelvis (femoral nerve) to the groin, down the front of the thigh to the "
        "inner side of the knee",
        "the lower front of the thigh, across to the inner side of the knee (key point: the "
        "inner femoral condyle)",
    ),
    "L4": Anatomy(
        "femoral",
        "below the L4 vertebra (L4-L5 foramen)",
        "through the pelvis (femoral nerve) to the front of the thigh, then (saphenous nerve) "
        "down the inner side of the shin to the inner ankle",
        "the inner side of the shin below the knee, the inner ankle and the inner edge of the "
        "foot (key point: the inner ankle bone)",
    ),
    "L5": Anatomy(
        "sciatic",
        "below the L5 vertebra (L5-S1 foramen)",
        "through the buttock and down the back of the thigh (sciatic nerve), round the outer "
        "side of the knee (common fibular nerve), down the outer shin to the top of the foot",
        "the outer side of the shin, the top of the foot and the big toe (key point: the top of "
        "the foot at the third toe joint)",
    ),
    "S1": Anatomy(
        "sciatic",
        "through the first sacral foramen",
        "through the buttock and down the back of the thigh (sciatic nerve), down the back of "
        "the calf (tibial and sural nerves) to the heel, the sole and the outer edge of the foot",
        "the back of the lower calf, the outer ankle, the heel, the sole and the outer edge of "
        "the foot with the little toe (key point: the outer side of the heel)",
    ),
}
"""Each root's way from the spine to its skin area, as the diagram draws it [HAR][MRCS]."""


class RootMark(Result):
    """A leading nerve root as drawn: its disc pulses, its path draws, its skin area fills."""

    root: RootId
    disc: str | None
    """None for the stenosis pattern: the narrowed canal is drawn instead of one disc."""
    path: str
    confidence: Literal["fairly likely", "possible"]
    route: Route
    regions: list[str]
    """The map regions on this root's path, from the content's root evidence."""


class Fact(Result):
    """One line of words beside the drawing; ``kind`` says which mark of the drawing it explains."""

    kind: FactKind
    text: str


class DiagramView(Result):
    """Everything the drawing shows for one set of answers."""

    final: bool
    """True on the result page, False during the quiz."""
    side: Side | None
    """The side answered; None until the patient has said."""
    legs: list[Leg]
    """The patient's legs drawn, right first; empty while the side is not known yet."""
    scope: Scope
    """"spine": the lower back and the legs (the result); "legs": the legs only (while
    answering, or a local result with places above the ankle); "foot": the feet only."""
    regions: list[str]
    """The places the patient marked, in the question's option order."""
    roots: list[RootMark]
    """The leading root(s), most likely first; only on the result, never while answering."""
    stenosis: bool
    """Draw the spinal canal narrowed (the stenosis pattern)."""
    local: bool
    """The result points to the foot itself: no spine, no root."""
    emergency: bool
    """An emergency result: no drawing and no animation, only the message."""
    animate: bool
    """Tell the story once: the disc (or narrow canal) pulses, the path draws, the skin fills."""
    facts: list[Fact]
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


def _legs(side: Side | None) -> list[Leg]:
    if side == "both":
        return ["right", "left"]
    return [side] if side else []


def _places_view(
    content: Content, side: Side | None, regions: list[str], *, emergency: bool = False
) -> DiagramView:
    """While asking, and on an emergency: the places marked only, no root, no spine verdict.

    An emergency result has no drawing at all, so no facts and no text alternative either.
    """
    facts = (
        [] if emergency else _facts(content, side, "legs", regions, [], stenosis=False, local=False)
    )
    return DiagramView(
        final=emergency,
        side=side,
        legs=_legs(side),
        scope="legs",
        regions=regions,
        roots=[],
        stenosis=False,
        local=False,
        emergency=emergency,
        animate=False,
        facts=facts,
        label="" if emergency else _label(content, "legs", side, facts),
    )


def diagram_view(
    content: Content, answers: Answers, assessment: Assessment | None = None
) -> DiagramView:
    """The diagram for these answers.

    ``assessment`` is the final result (on the result page). During the quiz pass None: the
    drawing then shows the patient's legs and the places marked, and no root, disc or canal,
    so it never suggests a result before the questions that test it.
    """
    marked = _shown_answer(content, answers, MAP_QUESTION)
    regions = [r for r in region_ids(content) if r in marked]
    side_answer = _shown_answer(content, answers, SIDE_QUESTION)
    side: Side | None = side_answer[0] if side_answer else None  # type: ignore[assignment]
    if assessment is None:
        # Drawn from the side and places alone: every patient who marked them alike shares it.
        return remember(
            content, "places_view", (side, *regions), lambda: _places_view(content, side, regions)
        )
    if assessment.is_emergency:
        return _places_view(content, side, regions, emergency=True)
    paths = root_regions(content)
    roots = [
        RootMark(
            root=r.root,
            disc=r.disc,
            path=r.path,
            confidence=r.confidence,
            route=ANATOMY[r.root].route,
            regions=paths.get(r.root, []),
        )
        for r in assessment.roots
    ]
    local = assessment.spine is not None and assessment.spine.band == "local"
    # A narrowed canal is drawn only while the answers blame the spine.
    stenosis = not local and any(a.id == STENOSIS for a in assessment.look_alikes)
    scope: Scope = "spine"
    if local:
        scope = "foot" if set(regions) <= FOOT_PLACES else "legs"
    facts = _facts(content, side, scope, regions, roots, stenosis=stenosis, local=local)
    return DiagramView(
        final=True,
        side=side,
        legs=_legs(side),
        scope=scope,
        regions=regions,
        roots=roots,
        stenosis=stenosis,
        local=local,
        emergency=False,
        animate=bool(roots) or stenosis,
        facts=facts,
        label=_label(content, scope, side, facts),
    )


def _shown_answer(content: Content, answers: Answers, question_id: str) -> tuple[str, ...]:
    """The answer to one question, unless the answers hide that question.

    A question with no condition is always shown, so its answer is read as it is, without
    working out which questions all these answers show (each new answer's own work).
    """
    question = content.question(question_id)
    if question is not None and question.show_if is None:
        return answers.get(question_id, ())
    return effective_answers(content, answers).get(question_id, ())


def _whose(content: Content, scope: Scope, side: Side | None) -> str:
    """What is drawn, such as "your right leg" or "both your feet", in the content's language."""
    return content.ui[WHOSE["foot" if scope == "foot" else "leg"][side or ""]]


def _label(content: Content, scope: Scope, side: Side | None, facts: list[Fact]) -> str:
    ui = content.ui
    template = ui["shown_spine_legs"] if scope == "spine" else ui["shown_legs"]
    shown = template.format(legs=_whose(content, scope, side))
    return " ".join([ui["drawing_of"].format(shown=shown), *(f.text for f in facts)])


def _facts(
    content: Content,
    side: Side | None,
    scope: Scope,
    regions: list[str],
    roots: list[RootMark],
    *,
    stenosis: bool,
    local: bool,
) -> list[Fact]:
    ui = content.ui
    facts: list[Fact] = []
    if side:
        shown = ui["fact_shown"].format(legs=_whose(content, scope, side))
        facts.append(Fact(kind="side", text=shown))
    if regions:
        places = _region_names(content, regions)
        facts.append(Fact(kind="marked", text=ui["fact_marked"].format(places=places)))
    else:
        facts.append(Fact(kind="marked", text=ui["fact_none_marked"]))
    if local:
        facts.append(Fact(kind="local", text=ui["fact_local"]))
    for root in roots:
        confidence = ui["fairly_likely" if root.confidence == "fairly likely" else "possible"]
        template = ui["fact_root"] if root.disc else ui["fact_root_canal"]
        text = template.format(
            root=root.root, confidence=confidence, disc=root.disc, path=root.path
        )
        facts.append(Fact(kind="root", text=text))
    if roots:
        names = " / ".join(r.root for r in roots)
        facts.append(Fact(kind="skin", text=ui["fact_skin"].format(roots=names)))
    if stenosis:
        facts.append(Fact(kind="stenosis", text=ui["fact_stenosis"]))
    return facts


def screen_diagram(content: Content, answers: Answers, final: bool) -> DiagramView:
    """The diagram a screen shows: the final result's, or (``final`` False) the places marked."""
    return _result_diagram(content, answers) if final else diagram_view(content, answers)


@per_answers
def _result_diagram(content: Content, answers: Answers) -> DiagramView:
    """The result page's diagram, kept per answer set (a result is shown again and again)."""
    return diagram_view(content, answers, assess(content, answers))
