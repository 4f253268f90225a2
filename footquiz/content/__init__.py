"""The clinical content as data: loads the YAML files beside this module and validates them.

A broken file fails loudly at start-up with a :class:`ContentError` that names the file and
the field, so a bad edit can never reach a patient.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from footquiz.content.i18n import DEFAULT_LANGUAGE, LANGUAGES, REGION_SLOT, text_slots, translate
from footquiz.engine.answers import walk
from footquiz.engine.model import Codebooks, Condition, Content, Question, Region, Tier

CONTENT_DIR = Path(__file__).parent
REGIONS = "regions"
"""The folder of care regions, one file each (gb.yaml, us.yaml...)."""
DEFAULT_REGION = "intl"
"""Where the patient is when nothing says otherwise: it names 112 and "your local number"."""
SECTIONS = {
    "about.yaml": ("version", "welcome", "disclaimer", "glossary", "sources"),
    "questions.yaml": ("questions",),
    "ui.yaml": ("ui",),
    "rules.yaml": (
        "findings",
        "look_alikes",
        "spine",
        "roots",
        "tiers",
        "urgency",
        "get_help_sooner",
        "treatments",
    ),
}
FILES = tuple(SECTIONS)
BANDS = ("local", "possible", "likely")


class ContentError(Exception):
    """The content files are missing, malformed or inconsistent."""


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (ten times faster at start-up), else Python's."""


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{path.name}: cannot read: {error}") from error
    if not isinstance(data, dict):
        raise ContentError(f"{path.name}: expected a mapping of sections at the top")
    return data


def _field_path(loc: tuple[int | str, ...], data: dict[str, Any]) -> str:
    """Turn a pydantic location into 'questions[3] (id=side).options[0].text'."""
    parts: list[str] = []
    node: Any = data
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            node = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(node, dict) and "id" in node:
                label += f" (id={node['id']})"
            parts.append(label)
        else:
            parts.append(f".{key}" if parts else key)
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


def load_regions(directory: Path = CONTENT_DIR) -> dict[str, Region]:
    """Read and validate every care region in ``directory/regions``, keyed by code."""
    regions: dict[str, Region] = {}
    codes: dict[int, str] = {}
    for path in sorted((directory / REGIONS).glob("*.yaml")):
        name = f"{REGIONS}/{path.name}"
        raw = _read(path)
        try:
            region = Region.model_validate(raw)
        except ValidationError as error:
            lines = [f"{name}: {_field_path(p['loc'], raw)}: {p['msg']}" for p in error.errors()]
            raise ContentError("\n".join(lines)) from None
        if region.code != path.stem:
            raise ContentError(f"{name}: code: must be {path.stem!r}, the file's name")
        if region.link_code in codes:
            raise ContentError(f"{name}: link_code: {codes[region.link_code]} has it too")
        missing = [lang for lang in LANGUAGES if lang not in region.languages]
        if missing:
            raise ContentError(f"{name}: languages: missing {', '.join(missing)}")
        codes[region.link_code] = region.code
        regions[region.code] = region
    if DEFAULT_REGION not in regions:
        raise ContentError(f"{REGIONS}/{DEFAULT_REGION}.yaml: missing (the default region)")
    return regions


@cache
def get_regions() -> dict[str, Region]:
    """The app's care regions, loaded and checked once."""
    return load_regions()


def _fill_region(
    merged: dict[str, Any], region: Region, language: str, origin: dict[str, str]
) -> Iterator[str]:
    """Fill every ``${word}`` with the region's word and give each treatment its link.

    Yields a problem for each word or link the region lacks, and for each it has that nothing
    uses, naming the region's file and key.
    """
    name = f"{REGIONS}/{region.code}.yaml"
    local = region.languages[language]
    used: set[str] = set()
    for key, container, at in text_slots(merged):
        for word in REGION_SLOT.findall(container[at]):
            used.add(word)
            if word not in local.words:
                where = origin.get(key.split(".")[0], FILES[0])
                yield f"{name}: languages.{language}.words.{word}: missing (used by {where}: {key})"
        container[at] = REGION_SLOT.sub(lambda m: local.words.get(m[1], m[0]), container[at])
    for word in sorted(set(local.words) - used):
        yield f"{name}: languages.{language}.words.{word}: no content text uses it"
    treatments = {t.get("id"): t for t in merged.get("treatments") or [] if isinstance(t, dict)}
    for treatment_id, treatment in treatments.items():
        link = local.links.get(str(treatment_id))
        if link is None:
            yield f"{name}: languages.{language}.links.{treatment_id}: missing"
            continue
        note = "" if link.lang == language else merged["ui"].get(f"page_in_{link.lang}")
        if note is None:
            where = f"languages.{language}.links.{treatment_id}.lang"
            yield f"{name}: {where}: no ui.page_in_{link.lang} to say the page's language"
            continue
        treatment["url"], treatment["site"] = link.url, f"{link.site} {note}".strip()
    for treatment_id in sorted(set(local.links) - set(treatments)):
        yield f"{name}: languages.{language}.links.{treatment_id}: no such treatment"
    merged["care"] = region.care().model_dump()


def load_content(
    directory: Path = CONTENT_DIR,
    language: str = DEFAULT_LANGUAGE,
    region: str = DEFAULT_REGION,
) -> Content:
    """Read, translate, fill in for a care region, validate and cross-check the content."""
    merged: dict[str, Any] = {}
    origin = {section: name for name, sections in SECTIONS.items() for section in sections}
    seen: dict[str, str] = {}
    for name in FILES:
        for key, value in _read(directory / name).items():
            if key in seen:
                raise ContentError(f"{name}: section {key!r} is also in {seen[key]}")
            merged[key] = value
            seen[key] = origin[key] = name
    if language != DEFAULT_LANGUAGE:
        name = f"{language}.yaml"
        problems = translate(merged, _read(directory / name), name)
        if problems:
            raise ContentError("\n".join(problems))
    regions = load_regions(directory) if directory != CONTENT_DIR else get_regions()
    if region not in regions:
        raise ContentError(f"{REGIONS}/{region}.yaml: no such region")
    sections = [section for names in SECTIONS.values() for section in names]
    # With a section missing, validation below names it; region checks would only add noise.
    complete = all(section in merged for section in sections)
    problems = list(_fill_region(merged, regions[region], language, origin)) if complete else []
    if problems:
        raise ContentError("\n".join(problems))
    try:
        content = Content.model_validate(merged)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            loc = problem["loc"]
            file = origin.get(str(loc[0]), FILES[0]) if loc else FILES[0]
            lines.append(f"{file}: {_field_path(loc, merged)}: {problem['msg']}")
        raise ContentError("\n".join(lines)) from None
    problems = list(_cross_check(content))
    if problems:
        raise ContentError("\n".join(problems))
    return content


@cache
def get_content(language: str = DEFAULT_LANGUAGE, region: str = DEFAULT_REGION) -> Content:
    """The content in a language for a care region, loaded once per pair.

    A language or region the app does not have gives English or the default region.
    """
    return load_content(
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE,
        region=region if region in get_regions() else DEFAULT_REGION,
    )


def region_of_language_tag(tag: str) -> str:
    """The region a browser language tag names by its country (en-GB -> gb), else the default."""
    parts = tag.strip().replace("_", "-").split("-")
    country = parts[1].upper() if len(parts) > 1 else ""
    return next(
        (code for code, r in get_regions().items() if country in r.countries), DEFAULT_REGION
    )


def check_all() -> None:
    """Load every language in every region, so a missing text or link stops start-up."""
    for region in get_regions():
        for language in LANGUAGES:
            get_content(language, region)


def codebook_of(content: Content) -> dict[str, list[str]]:
    """The answer positions the current questions and options give."""
    return {q.id: [o.id for o in q.options] for q in content.questions}


def load_codebooks(directory: Path = CONTENT_DIR, content: Content | None = None) -> Codebooks:
    """Read the frozen codebooks and check that the current version's entry fits the content."""
    name = "codebook.yaml"
    try:
        books = Codebooks.model_validate(_read(directory / name))
    except ValidationError as error:
        raise ContentError(f"{name}: {error.errors()[0]['msg']}") from None
    content = content or get_content()
    current = codebook_of(content)
    for version, book in books.codebooks.items():
        for question_id, options in book.items():
            keys = [question_id] if question_id not in current else []
            keys += [f"{question_id}.{o}" for o in options if o not in current.get(question_id, [])]
            for key in keys:
                missing = [lang for lang in LANGUAGES if lang not in books.retired.get(key, {})]
                if missing:
                    raise ContentError(
                        f"{name}: retired.{key}: version {version} has it and the current"
                        f" content does not; give its words in {', '.join(missing)}"
                    )
    if books.codebooks.get(content.version) != current:
        raise ContentError(
            f"{name}: codebooks.{content.version}: does not match the questions and options of"
            f" content version {content.version}. If they changed, raise the version in"
            " about.yaml and add the entry printed by `python -m footquiz.content codebook`."
        )
    return books


@cache
def get_codebooks() -> Codebooks:
    """The app's result-link codebooks, loaded and checked once."""
    return load_codebooks()


def _cross_check(content: Content) -> Iterator[str]:
    """Every id a rule names exists, questions only depend on earlier ones, sources exist."""
    tags = {s.tag for s in content.sources}
    questions = {q.id: q for q in content.questions}
    order = {q.id: i for i, q in enumerate(content.questions)}
    counts = Counter(q.id for q in content.questions)
    for question_id in sorted(q for q, n in counts.items() if n > 1):
        yield f"questions.yaml: questions (id={question_id}): two questions share this id"
    finding_ids = {f.id for f in content.findings}
    known = (
        finding_ids
        | {f"look_alike.{a.id}" for a in content.look_alikes}
        | {f"spine.{b}" for b in BANDS}
        | {f"root.{r.id}" for r in content.roots.roots}
    )
    after_urgency = {f"tier.{t.value}" for t in Tier}
    finding_questions = {
        f.id: {c.answer for c in walk(f.when) if c.answer} for f in content.findings
    }
    if [b.id for b in content.spine.bands] != list(BANDS):
        yield f"rules.yaml: spine.bands: must be {', '.join(BANDS)} in that order"
    if sorted(t.tier.rank for t in content.tiers) != [t.rank for t in Tier]:
        yield "rules.yaml: tiers: each urgency tier must appear exactly once"

    def check(
        file: str,
        where: str,
        condition: Condition | None,
        sources: list[str],
        extra: frozenset[str] | set[str] = frozenset(),
    ) -> Iterator[str]:
        for tag in sources:
            if tag not in tags:
                yield f"{file}: {where}.sources: unknown source tag {tag!r}"
        if condition is None:
            return
        for c in walk(condition):
            if c.answer is not None:
                question = questions.get(c.answer)
                if question is None:
                    yield f"{file}: {where}.when: unknown question {c.answer!r}"
                    continue
                for option_id in c.is_ or []:
                    if question.option(option_id) is None:
                        yield (
                            f"{file}: {where}.when: question {c.answer!r}"
                            f" has no option {option_id!r}"
                        )
            if c.finding is not None and c.finding not in known | extra:
                yield f"{file}: {where}.when: unknown finding {c.finding!r}"

    for q in content.questions:
        yield from check("questions.yaml", f"questions (id={q.id})", q.show_if, q.sources)
        if q.show_if is not None:
            needed: set[str] = set()
            for c in walk(q.show_if):
                if c.answer:
                    needed.add(c.answer)
                if c.finding:
                    needed |= finding_questions.get(c.finding, {c.finding})
            for other in needed:
                if order.get(other, len(order)) >= order[q.id]:
                    yield (
                        f"questions.yaml: questions (id={q.id}).show_if: depends on"
                        f" {other!r}, which is not an earlier question"
                    )
    for f in content.findings:
        yield from check("rules.yaml", f"findings (id={f.id})", f.when, f.sources)
    for a in content.look_alikes:
        yield from check("rules.yaml", f"look_alikes (id={a.id})", a.when, a.sources)
    yield from check("about.yaml", "welcome", None, content.welcome.sources)
    yield from check("rules.yaml", "spine", None, content.spine.sources)
    for p in content.spine.rules:
        yield from check("rules.yaml", f"spine.rules (id={p.id})", p.when, p.sources)
    for cap in content.spine.caps:
        yield from check("rules.yaml", f"spine.caps (id={cap.id})", cap.when, cap.sources)
    yield from check("rules.yaml", "roots", None, content.roots.sources)
    for root in content.roots.roots:
        yield from check("rules.yaml", f"roots (id={root.id})", None, root.sources)
        for n, e in enumerate(root.evidence):
            yield from check("rules.yaml", f"roots (id={root.id}).evidence[{n}]", e.when, e.sources)
    for u in content.urgency:
        yield from check("rules.yaml", f"urgency (id={u.id})", u.when, u.sources)
    for t in content.treatments:
        yield from check("rules.yaml", f"treatments (id={t.id})", t.when, t.sources, after_urgency)
        for fit in t.fits:
            where = f"treatments (id={t.id}).fits (id={fit.id})"
            yield from check("rules.yaml", where, fit.when, [], after_urgency)
    rules = {u.id: u for u in content.urgency}
    for item in content.get_help_sooner:
        for rule_id in item.covers:
            rule = rules.get(rule_id)
            if rule is None:
                yield f"rules.yaml: get_help_sooner (id={item.id}).covers: unknown rule {rule_id!r}"
            elif rule.tier != item.tier:
                yield (
                    f"rules.yaml: get_help_sooner (id={item.id}).covers: {rule_id!r} is"
                    f" {rule.tier.value}, not {item.tier.value}"
                )


__all__ = [
    "DEFAULT_REGION",
    "LANGUAGES",
    "ContentError",
    "Question",
    "get_codebooks",
    "get_content",
    "get_regions",
    "load_content",
]
