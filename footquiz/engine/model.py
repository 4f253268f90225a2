"""Pydantic models for the clinical content and for what the engine returns.

Content models validate the data files in ``footquiz/content``; assessment models are what the
app renders. Nothing here imports reflex.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from footquiz.engine.memo import remember

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
SourceTags = Annotated[list[str], Field(min_length=1)]
Answers = dict[str, tuple[str, ...]]
"""Question id -> the chosen option ids, in the content's option order."""


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Condition(Strict):
    """A declarative test on answers or earlier findings (like FHIR's enableWhen).

    Exactly one form is used: ``answer`` + ``is`` (that answer includes any of the options),
    ``finding`` (a finding id is present), or ``all`` / ``any`` / ``not`` of other conditions.
    """

    answer: Id | None = None
    is_: list[Id] | None = Field(default=None, alias="is")
    finding: str | None = None
    all_: list[Condition] | None = Field(default=None, alias="all")
    any_: list[Condition] | None = Field(default=None, alias="any")
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [
            self.answer is not None,
            self.finding is not None,
            self.all_ is not None,
            self.any_ is not None,
            self.not_ is not None,
        ]
        if sum(forms) != 1:
            raise ValueError("use exactly one of: answer, finding, all, any, not")
        if (self.answer is None) != (self.is_ is None):
            raise ValueError("'answer' and 'is' go together")
        return self


class Option(Strict):
    """One answer a patient can choose."""

    id: Id
    text: str
    hint: str | None = None
    exclusive: bool = False
    """For multiple choice: choosing this clears the others (e.g. "None of these")."""
    unsure: bool = False
    """Marks the "I'm not sure" option."""
    excludes: list[Id] = []
    """Options of the same question that cannot be chosen with this one."""
    map_region: bool = True
    """For the body-map question: whether this option is a place on the drawing."""


class Question(Strict):
    """One screen of the quiz."""

    id: Id
    section: Literal["safety", "where", "how", "tests", "about"]
    text: str
    instructions: list[str] = []
    """Steps shown on the screen itself, above the options (e.g. how to do a self-test)."""
    help: str
    kind: Literal["single", "multiple"] = "single"
    options: list[Option] = Field(min_length=2)
    show_if: Condition | None = None
    sources: SourceTags

    @model_validator(mode="after")
    def _unique_options(self) -> Question:
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate option ids in question {self.id!r}")
        for option in self.options:
            for other in option.excludes:
                partner = self.option(other)
                if partner is None or option.id not in partner.excludes:
                    raise ValueError(
                        f"option {option.id!r} excludes {other!r}, which must exclude it back"
                    )
        return self

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


class Finding(Strict):
    """A named fact derived from answers, used by later rules."""

    id: Id
    text: str
    when: Condition
    sources: SourceTags


class Tier(StrEnum):
    """Urgency tiers, most urgent first."""

    EMERGENCY = "emergency"
    SAME_DAY = "same_day"
    WITHIN_DAYS = "within_days"
    SOON = "soon"
    ROUTINE = "routine"
    SELF_CARE = "self_care"

    @property
    def rank(self) -> int:
        """0 for the most urgent tier."""
        return list(Tier).index(self)


class TierText(Strict):
    """How a tier is shown to the patient, and which of the region's numbers it offers to call."""

    tier: Tier
    title: str
    timeframe: str
    action: str
    call: Literal["emergency", "urgent"] | None = None


class UrgencyRule(Strict):
    """If ``when`` holds, the result is at least this urgent.

    ``action`` replaces the tier's own action when this is the first rule of the result's
    tier that has one; ``also`` is a sentence added after the action.
    """

    id: Id
    tier: Tier
    when: Condition
    why: str
    action: str | None = None
    also: str | None = None
    sources: SourceTags


class HelpItem(Strict):
    """One "get help sooner if" line, and the urgency rules it warns about."""

    id: Id
    tier: Tier
    covers: list[Id] = []
    text: str


class PointsRule(Strict):
    """Points toward (positive) or away from (negative) a spine cause."""

    id: Id
    points: int
    when: Condition
    why: str
    sources: SourceTags


class Band(Strict):
    """A spine-likelihood band: scores from ``min_score`` up to the next band."""

    id: Literal["local", "possible", "likely"]
    min_score: int | None = None
    title: str
    explanation: str


class BandCap(Strict):
    """If ``when`` holds, the spine band is at most ``band``, whatever the points say."""

    id: Id
    band: Literal["local", "possible"]
    when: Condition
    why: str
    sources: SourceTags


class Spine(Strict):
    """The points scheme for 'is it the spine?'."""

    rules: list[PointsRule]
    caps: list[BandCap] = []
    bands: list[Band] = Field(min_length=3, max_length=3)
    sources: SourceTags


class RootEvidence(Strict):
    """Points toward one nerve root: a weak muscle (``motor``) or a skin area."""

    when: Condition
    motor: bool = False
    points: int = Field(gt=0)
    why: str
    sources: SourceTags


class NerveRoot(Strict):
    """A lumbar or sacral nerve root that can send pain to the foot."""

    id: Literal["L3", "L4", "L5", "S1"]
    disc: str
    path: str
    weak_movement: str
    evidence: list[RootEvidence]
    sources: SourceTags


class Roots(Strict):
    """Nerve-root scoring: how many points name a root, and how sure we say we are."""

    min_points: int
    second_within: int
    confident_points: int
    confident_lead: int
    roots: list[NerveRoot] = Field(min_length=4, max_length=4)
    sources: SourceTags


class LookAlike(Strict):
    """Another condition worth naming, found when ``when`` holds."""

    id: Id
    name: str
    kind: Literal["foot", "nerve", "spine", "circulation", "joint", "injury"]
    what_it_is: str
    when: Condition
    sources: SourceTags


class Phone(Strict):
    """A number the patient can call with one tap."""

    number: Annotated[str, Field(pattern=r"^[0-9]{2,6}$")]
    name: str
    """How the button names it: "999", "NHS 111"."""


class Care(Strict):
    """The care region the content was filled in for: its numbers (from regions/*.yaml)."""

    region: Id
    emergency: Phone
    urgent: Phone | None = None
    """A same-day line to call, where the region has one (NHS 111)."""


class Link(Strict):
    """A page about a treatment, for one region and language."""

    url: Annotated[str, Field(pattern=r"^https://")]
    site: str
    lang: str
    """The page's own language; when it is not the patient's, the link says so."""


class RegionLanguage(Strict):
    """A region's words and links in one language."""

    name: str
    """The region's name in this language, for the choice on the welcome screen."""
    words: dict[Id, str]
    """Fill the ``${word}`` slots in the content's text."""
    links: dict[Id, Link]
    """Treatment id -> the page its "read more" opens."""


class Region(Strict):
    """A care region: the numbers, routes, words and links of where the patient is."""

    code: Id
    link_code: int = Field(ge=0)
    """The region's number in result links: never reuse or change one."""
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = []
    """Browser language tags from these countries (en-GB, es-ES) pick this region."""
    emergency: Phone
    urgent: Phone | None = None
    languages: dict[str, RegionLanguage]

    def care(self) -> Care:
        """The numbers this region's content offers to call."""
        return Care(region=self.code, emergency=self.emergency, urgent=self.urgent)


class Fit(Strict):
    """Why a treatment fits, in words about this patient's own answers."""

    id: Id
    when: Condition
    text: str


class Treatment(Strict):
    """A non-surgical option with a link to a reputable public patient page."""

    id: Id
    title: str
    summary: str
    fits_because: str
    """Why it fits, when none of ``fits`` holds."""
    fits: list[Fit] = []
    """Reasons tied to the patient's answers, checked in order: the first that holds is shown."""
    url: Annotated[str, Field(pattern=r"^https://")]
    site: str
    when: Condition
    sources: SourceTags


class Source(Strict):
    """A reference from the clinical brief."""

    tag: str
    cite: str


class GlossaryTerm(Strict):
    """A medical word the check must use, explained in place."""

    id: Id
    term: str
    plain: str


class Welcome(Strict):
    """The first screen's words."""

    title: str
    lead: list[str]
    emergency_heading: str
    emergency_signs: list[str]
    emergency_action: str
    sources: SourceTags


class Content(Strict):
    """Everything clinical, loaded from the data files and cross-checked."""

    version: int = Field(ge=1)
    welcome: Welcome
    questions: list[Question]
    findings: list[Finding]
    tiers: list[TierText]
    urgency: list[UrgencyRule]
    get_help_sooner: list[HelpItem]
    spine: Spine
    roots: Roots
    look_alikes: list[LookAlike]
    treatments: list[Treatment]
    glossary: list[GlossaryTerm]
    sources: list[Source]
    disclaimer: str
    ui: dict[str, str]
    care: Care

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        by_id = remember(self, "questions", None, lambda: {q.id: q for q in self.questions})
        return by_id.get(question_id)

    def tier_text(self, tier: Tier) -> TierText:
        """How this tier is shown."""
        return next(t for t in self.tiers if t.tier == tier)


class Codebooks(Strict):
    """Frozen answer positions for result links, per content version.

    ``retired`` keeps, per language, the words of questions ("question") and options
    ("question.option") that an older version had and the current one does not, so a link
    made with that version can still show its answers in words.
    """

    codebooks: dict[int, dict[Id, list[Id]]]
    retired: dict[str, dict[str, str]] = {}

    def retired_words(self, language: str) -> dict[str, str]:
        """Retired id -> its words in ``language``."""
        return {key: words[language] for key, words in self.retired.items() if language in words}


# ----- what the engine returns -------------------------------------------------------------


class Result(BaseModel):
    """Base for what the engine returns: frozen, one result shared by every caller (memo.py)."""

    model_config = ConfigDict(frozen=True)


class Reason(Result):
    """One answer-driven reason behind a conclusion, in plain words."""

    conclusion: Literal["urgency", "spine", "root", "look_alike"]
    text: str
    question_ids: list[str]
    sources: list[str]


class Urgency(Result):
    """How soon to get care, what to do, and the number to call with one tap (if any)."""

    tier: Tier
    title: str
    timeframe: str
    action: str
    call: Phone | None = None


class SpineLikelihood(Result):
    """Whether the pain is likely local to the foot or likely from the spine."""

    band: Literal["local", "possible", "likely"]
    title: str
    explanation: str
    score: int


class RootResult(Result):
    """A most-likely nerve root and the disc that usually presses on it."""

    root: Literal["L3", "L4", "L5", "S1"]
    disc: str | None
    """The disc that most often presses on it; None for the stenosis pattern (the canal)."""
    path: str
    confidence: Literal["fairly likely", "possible"]
    points: int


class LookAlikeResult(Result):
    """A named look-alike and what it is."""

    id: str
    name: str
    kind: str
    what_it_is: str


class TreatmentResult(Result):
    """A treatment suggestion for this result."""

    id: str
    title: str
    summary: str
    fits_because: str
    url: str
    site: str


class RootScore(Result):
    """One nerve root's points: weak muscles (motor) and skin areas, and the evidence that held."""

    root: Literal["L3", "L4", "L5", "S1"]
    motor: int
    skin: int
    evidence: list[int]
    """Positions in the root's evidence list (the content) of the items that held."""


class Workings(Result):
    """Which rules held, by id: what the clinician's view and the FHIR record show."""

    urgency: list[str] = []
    """The rules of the result's tier that held (none: self-care, the default)."""
    spine: list[str] = []
    """The spine points rules that held."""
    caps: list[str] = []
    """The band caps that lowered the band."""
    roots: list[RootScore] = []
    """Every root's score, in the content's order (none on an emergency)."""


class Assessment(Result):
    """The tailored result. Emergency results carry only urgency and the reasons for it."""

    content_version: int
    urgency: Urgency
    spine: SpineLikelihood | None
    roots: list[RootResult]
    look_alikes: list[LookAlikeResult]
    why: list[Reason]
    treatments: list[TreatmentResult]
    get_help_sooner: list[str]
    findings: list[str]
    disclaimer: str
    workings: Workings = Field(default_factory=Workings)

    @property
    def is_emergency(self) -> bool:
        """True when the patient should call emergency services now."""
        return self.urgency.tier == Tier.EMERGENCY

    @property
    def sciatica(self) -> bool:
        """Whether the doctor's word for it is sciatica.

        That is a likely nerve root in the leg, but not with the pattern of spinal stenosis,
        which has its own name. [NHSW][NG59][MSD]
        """
        return bool(self.roots) and all(a.id != "stenosis" for a in self.look_alikes)
