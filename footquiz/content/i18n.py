"""Languages: every patient-facing string, keyed by stable ids, with one file per language.

English lives in the content files themselves. Another language is a flat file such as
``es.yaml`` whose keys name each English string by the ids around it
(``questions.side.options.left.text``, ``ui.continue``); its values replace the English ones
before validation. Ids, options, rules and sources are never translated, so the clinical
meaning is the same in every language by construction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
REGION_SLOT = re.compile(r"\$\{([a-z_]+)\}")
"""``${word}`` in a text: filled with the care region's word (regions/*.yaml) when loaded."""
TEXT_FIELDS = frozenset(
    {
        "action",
        "also",
        "disclaimer",
        "emergency_action",
        "emergency_heading",
        "emergency_signs",
        "explanation",
        "fits_because",
        "help",
        "instructions",
        "hint",
        "lead",
        "name",
        "path",
        "plain",
        "summary",
        "term",
        "text",
        "timeframe",
        "title",
        "ui",
        "weak_movement",
        "what_it_is",
        "why",
    }
)
"""Fields that hold patient-facing words; every other field is structure and stays as is."""


def _label(item: dict[str, Any], index: int) -> str:
    return str(item.get("id", item.get("tier", index)))


def text_slots(node: Any, prefix: str = "") -> Iterator[tuple[str, list[Any], Any]]:
    """Every translatable string as (key, container, index-or-field) so it can be replaced."""
    if isinstance(node, dict):
        for field, value in node.items():
            key = f"{prefix}{field}"
            if field in TEXT_FIELDS:
                if isinstance(value, str):
                    yield key, node, field  # type: ignore[misc]
                elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                    for i in range(len(value)):
                        yield f"{key}.{i}", value, i
                elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                    for name in value:
                        yield f"{key}.{name}", value, name  # type: ignore[misc]
                else:
                    yield from text_slots(value, key + ".")
            elif isinstance(value, dict | list) and field not in ("when", "show_if", "sources"):
                yield from text_slots(value, key + ".")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                yield from text_slots(item, f"{prefix}{_label(item, i)}.")


def english_strings(raw: dict[str, Any]) -> dict[str, str]:
    """Key -> English text, for every patient-facing string in the raw content."""
    return {key: container[at] for key, container, at in text_slots(raw)}


def translate(raw: dict[str, Any], translations: dict[str, Any], file: str) -> list[str]:
    """Replace the English strings in ``raw`` in place; return the problems found."""
    problems = []
    slots = list(text_slots(raw))
    for key, container, at in slots:
        text = translations.get(key)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{file}: {key}: missing translation")
            continue
        wanted, kept = REGION_SLOT.findall(container[at]), REGION_SLOT.findall(text)
        if sorted(wanted) != sorted(kept):
            differ = ", ".join("${" + w + "}" for w in sorted(set(wanted) ^ set(kept)) or wanted)
            problems.append(f"{file}: {key}: must keep the region slots of the English ({differ})")
            continue
        container[at] = text
    extra = set(translations) - {key for key, _, _ in slots}
    problems += [f"{file}: {key}: no such English string" for key in sorted(extra)]
    return problems
