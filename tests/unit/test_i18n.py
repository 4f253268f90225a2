"""Languages: Spanish is complete, its clinical meaning is the English one, and a gap fails."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
import yaml
from walks import random_finished

from footquiz.content import CONTENT_DIR, FILES, LANGUAGES, ContentError, get_content, load_content
from footquiz.content.i18n import text_slots
from footquiz.engine.assess import assess

ROOT = Path(__file__).resolve().parents[2]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


def structure(language: str) -> dict:
    """The content with every patient-facing string blanked: ids, rules, sources.

    Treatment links are blanked too: each language has its own pages (tests/unit/test_regions.py).
    """
    dump = get_content(language).model_dump(by_alias=True, mode="json")
    for _, container, at in text_slots(dump):
        container[at] = ""
    for treatment in dump["treatments"]:
        treatment["url"] = treatment["site"] = ""
    return dump


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_string_is_translated_and_the_clinical_meaning_is_the_same(language: str) -> None:
    assert structure(language) == structure("en")
    english, other = get_content("en"), get_content(language)
    assert other.questions[0].text != english.questions[0].text  # really translated


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    english, other = get_content("en").ui, get_content(language).ui
    for key, text in english.items():
        assert set(re.findall(r"{\w+}", text)) == set(re.findall(r"{\w+}", other[key])), key


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_results_agree_across_languages(language: str) -> None:
    rng = random.Random(11)
    for _ in range(200):
        answers = random_finished(get_content("en"), rng)
        en, other = assess(get_content("en"), answers), assess(get_content(language), answers)
        assert en.urgency.tier == other.urgency.tier
        assert (en.spine and en.spine.band) == (other.spine and other.spine.band)
        assert [r.root for r in en.roots] == [r.root for r in other.roots]
        assert [a.id for a in en.look_alikes] == [a.id for a in other.look_alikes]
        assert [t.id for t in en.treatments] == [t.id for t in other.treatments]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_missing_translation_stops_start_up_naming_file_and_key(
    language: str, tmp_path: Path
) -> None:
    for name in (*FILES, f"{language}.yaml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    translations = yaml.safe_load((tmp_path / f"{language}.yaml").read_text(encoding="utf-8"))
    del translations["questions.side.help"]
    (tmp_path / f"{language}.yaml").write_text(yaml.safe_dump(translations), encoding="utf-8")
    with pytest.raises(ContentError, match=rf"{language}\.yaml: questions\.side\.help"):
        load_content(tmp_path, language)


def test_every_ui_word_the_code_uses_exists() -> None:
    """A key used as ui["..."] anywhere in the app is in ui.yaml (so no screen shows a gap)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "footquiz").rglob("*.py"))
    used = set(re.findall(r"""ui\[["']([a-z_]+)["']\]""", source))
    assert used, "no ui lookups found: the pattern is out of date"
    assert used <= set(get_content("en").ui), sorted(used - set(get_content("en").ui))
