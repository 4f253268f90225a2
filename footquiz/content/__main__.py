"""Clinician review sheet: ``python -m footquiz.content review`` prints all content as Markdown.

``--region gb`` (us, es, intl: the default) shows what patients in that care region read:
its numbers, services, words and links. ``--language es`` shows it in Spanish.

``python -m footquiz.content check`` only validates the files (exit 1 with the problem);
``python -m footquiz.content codebook`` prints the result-link codebook entry for this version.
"""

from __future__ import annotations

import argparse
import sys

from footquiz.content import (
    DEFAULT_REGION,
    LANGUAGES,
    ContentError,
    check_all,
    codebook_of,
    get_regions,
    load_codebooks,
    load_content,
)
from footquiz.content.i18n import DEFAULT_LANGUAGE
from footquiz.engine.diagram import ANATOMY, DERMATOME_MAP, DERMATOME_SOURCES
from footquiz.engine.model import Condition, Content


def describe(condition: Condition, content: Content) -> str:
    """A condition in plain words a clinician can check."""
    if condition.answer is not None:
        question = content.question(condition.answer)
        texts = [
            (question.option(o).text if question and question.option(o) else o)
            for o in condition.is_ or []
        ]
        return f"`{condition.answer}` is " + " or ".join(f'"{t}"' for t in texts)
    if condition.finding is not None:
        return f"finding `{condition.finding}`"
    if condition.all_ is not None:
        return "(" + " AND ".join(describe(c, content) for c in condition.all_) + ")"
    if condition.any_ is not None:
        return "(" + " OR ".join(describe(c, content) for c in condition.any_) + ")"
    assert condition.not_ is not None
    return "NOT " + describe(condition.not_, content)


def tags(sources: list[str]) -> str:
    """Source tags as [A][B]."""
    return "".join(f"[{s}]" for s in sources)


def picture_notes(content: Content) -> list[str]:
    """How the result's picture draws each root: disc, exit, route, skin area and its map."""
    out = [
        f"## The picture of the result {tags([*DERMATOME_SOURCES, 'HAR', 'MRCS'])}",
        "",
        f"Skin areas (dermatomes) follow {DERMATOME_MAP}. The disc drawn pressing on a root is"
        " the one that most often does (above); on a stenosis result no disc is drawn and the"
        " canal is narrowed instead. While the patient answers, the picture shows only their"
        " leg(s) and the places marked; a local result shows no spine and no root.",
        "",
    ]
    for root in content.roots.roots:
        anatomy = ANATOMY[root.id]
        out.append(
            f"- **{root.id}** (disc {root.disc}): leaves the spine {anatomy.exit}; runs"
            f" {anatomy.course} ({anatomy.route} route). Skin area: {anatomy.skin_area}."
        )
    out.append("")
    return out


def care_lines(content: Content, language: str) -> list[str]:
    """The care region the sheet is filled in for: numbers, the words it puts in the text."""
    care = content.care
    region = get_regions()[care.region].languages[language]
    out = [f"## Care region: {region.name} (`{care.region}`)", ""]
    out.append(f"- Emergency number (call button on emergency results): {care.emergency.number}")
    if care.urgent:
        out.append(
            f"- Same-day line (call button on same-day results): {care.urgent.name},"
            f" {care.urgent.number}"
        )
    out += ["", "Words this region puts in the `${...}` slots of the text:", ""]
    out += [f"- `{key}`: {word}" for key, word in region.words.items()]
    return [*out, ""]


def review_sheet(content: Content, language: str = DEFAULT_LANGUAGE) -> str:
    """Every question, option, rule and treatment with its sources, as Markdown."""
    out = [f"# footquiz clinical review sheet (content version {content.version})", ""]
    out += care_lines(content, language)
    out += ["## Questions (asked in this order)", ""]
    for n, q in enumerate(content.questions, 1):
        out.append(f"### {n}. `{q.id}` ({q.section}, {q.kind} choice) {tags(q.sources)}")
        out.append(f"**{q.text}**  ")
        for step, line in enumerate(q.instructions, 1):
            out.append(f"On screen {step}: {line}  ")
        out.append(f"Help: {q.help}  ")
        if q.show_if:
            out.append(f"Shown only if: {describe(q.show_if, content)}  ")
        for o in q.options:
            flags = [f for f, on in (("exclusive", o.exclusive), ("unsure", o.unsure)) if on]
            flags += [f"not with `{x}`" for x in o.excludes]
            out.append(f"- `{o.id}`: {o.text}" + (f" ({', '.join(flags)})" if flags else ""))
        out.append("")
    out += ["## Findings", ""]
    for f in content.findings:
        out.append(f"- `{f.id}`: {f.text} When {describe(f.when, content)}. {tags(f.sources)}")
    out += ["", "## Urgency (the most urgent rule that holds wins; red flags end the quiz)", ""]
    for t in content.tiers:
        out.append(f"- **{t.tier.value}**: {t.title}. {t.action}")
    out.append("")
    out.append("| tier | rule | when | why (shown to patient) | own action / added | sources |")
    out.append("|---|---|---|---|---|---|")
    for u in content.urgency:
        when = describe(u.when, content)
        said = " / ".join(x for x in (u.action, u.also) if x)
        out.append(f"| {u.tier.value} | `{u.id}` | {when} | {u.why} | {said} | {tags(u.sources)} |")
    out += ["", f"## Is it the spine? Points scheme {tags(content.spine.sources)}", ""]
    for b in content.spine.bands:
        floor = "below the next band" if b.min_score is None else f"{b.min_score} or more"
        out.append(f"- **{b.id}** ({floor}): {b.title}")
    out += ["", "| points | rule | when | why | sources |", "|---|---|---|---|---|"]
    for p in content.spine.rules:
        when = describe(p.when, content)
        out.append(f"| {p.points:+d} | `{p.id}` | {when} | {p.why} | {tags(p.sources)} |")
    for cap in content.spine.caps:
        out.append(
            f"\nCap `{cap.id}`: at most **{cap.band}** when {describe(cap.when, content)}."
            f" {cap.why} {tags(cap.sources)}"
        )
    r = content.roots
    out += [
        "",
        f"## Nerve roots {tags(r.sources)}",
        "",
        "Named only when the spine band is not local. Roots rank by the points of their weak"
        " muscles (M), then by skin areas (S). A root with no weak muscle needs"
        f" {r.min_points}+ skin points and is at most 'possible'. A second root is named when"
        f" its muscle points tie and its skin points are within {r.second_within}. 'Fairly"
        f" likely' needs a weak muscle of that root, {r.confident_points}+ points in all and a"
        f" lead of {r.confident_lead}+ skin points over any root with the same muscle points."
        " On a stenosis result no disc is named.",
        "",
    ]
    for root in r.roots:
        out.append(
            f"### {root.id} (disc {root.disc}) {tags(root.sources)}\nPath: {root.path}."
            f" Weak movement: {root.weak_movement}.\n"
        )
        for e in root.evidence:
            kind = "M" if e.motor else "S"
            out.append(f"- {kind} {e.points:+d}: {describe(e.when, content)} {tags(e.sources)}")
        out.append("")
    out += picture_notes(content)
    out += ["## Look-alikes", ""]
    for a in content.look_alikes:
        out.append(
            f"- **{a.name}** (`{a.id}`, {a.kind}): {a.what_it_is} When {describe(a.when, content)}."
            f" {tags(a.sources)}"
        )
    out += ["", "## Treatments", ""]
    for t in content.treatments:
        out.append(
            f"- **{t.title}** (`{t.id}`): {t.summary} Fits because: {t.fits_because}"
            f" Link: {t.url} ({t.site}). When {describe(t.when, content)}. {tags(t.sources)}"
        )
    out += ["", "## Get help sooner if", ""]
    out += [
        f"- ({g.tier.value}; warns of {', '.join(f'`{c}`' for c in g.covers)}) {g.text}"
        for g in content.get_help_sooner
    ]
    out += ["", "## Glossary", ""] + [f"- **{g.term}**: {g.plain}" for g in content.glossary]
    out += ["", "## Sources", ""] + [f"- [{s.tag}] {s.cite}" for s in content.sources]
    out += ["", f"Disclaimer shown on every result: {content.disclaimer}", ""]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Entry point: ``review`` prints the sheet, ``check`` validates."""
    parser = argparse.ArgumentParser(prog="python -m footquiz.content")
    parser.add_argument(
        "command", nargs="?", default="review", choices=["review", "check", "codebook"]
    )
    parser.add_argument("--region", default=DEFAULT_REGION, help="gb, us, es or intl")
    parser.add_argument("--language", default=DEFAULT_LANGUAGE, choices=sorted(LANGUAGES))
    args = parser.parse_args(argv)
    command = args.command
    try:
        if args.region not in get_regions():
            raise ContentError(f"no region {args.region!r}: choose {', '.join(get_regions())}")
        content = load_content(language=args.language, region=args.region)
    except ContentError as error:
        print(f"Content error:\n{error}", file=sys.stderr)
        return 1
    if command == "review":
        print(review_sheet(content, args.language))
        return 0
    if command == "check":
        try:
            check_all()
            load_codebooks(content=content)
        except ContentError as error:
            print(f"Content error:\n{error}", file=sys.stderr)
            return 1
        print(
            f"Content version {content.version}: {len(content.questions)} questions,"
            f" {len(get_regions())} regions x {len(LANGUAGES)} languages, OK"
        )
        return 0
    print(f"  {content.version}:")  # codebook
    for question_id, options in codebook_of(content).items():
        print(f"    {question_id}: [{', '.join(repr(o) for o in options)}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
