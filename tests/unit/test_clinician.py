"""The clinician's sheet: every red flag with its answer, dermatomes, myotomes, rules, sources."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from walks import NO_WARNING_SIGNS, random_finished

from footquiz.content import CONTENT_DIR, ContentError, get_content
from footquiz.content.clinical import get_clinical_terms, load_clinical_terms
from footquiz.engine.assess import assess
from footquiz.engine.clinician import clinician_sheet, red_flag_questions

CONTENT = get_content()
TERMS = get_clinical_terms()
L5 = {
    **NO_WARNING_SIGNS,
    "pain_regions": ("outer_calf", "top_of_foot", "big_toe"),
    "side": ("left",),
    "pain_travels": ("yes",),
    "leg_vs_back": ("leg",),
    "leg_nerve": ("yes",),
    "self_tests": ("big_toe",),
    "weakness_new": ("no",),
    "worse_with": ("cough_sneeze", "sitting_worse"),
    "onset": ("sudden_lift",),
    "duration": ("under_6_weeks",),
    "diabetes": ("no",),
    "age": ("age_40_49",),
}


def sheet_of(answers: dict) -> object:
    return clinician_sheet(CONTENT, TERMS, answers, assess(CONTENT, answers))


def test_an_l5_check_reads_as_a_clinician_would_write_it() -> None:
    sheet = sheet_of(L5)
    flags = {line.label: line.status for line in sheet.red_flags}
    assert flags["New saddle anaesthesia"] == "absent"  # negative screens are listed
    assert flags["Unable to weight-bear 4 steps after injury (Ottawa)"] == "not asked"
    assert flags["Systemic red flags: History of cancer"] == "absent"
    assert [(p.label, p.value) for p in sheet.places] == [
        ("Lateral calf", "L5"),
        ("Dorsum of foot", "L5"),
        ("Hallux", "L5"),
    ]
    myotomes = {m.label: (m.value, m.note) for m in sheet.myotomes}
    assert myotomes["Great toe extension against resistance (EHL)"][0].startswith("weak")
    assert myotomes["Great toe extension against resistance (EHL)"][1] == "L5"
    assert myotomes["Toe walk, single-leg heel raise x10 (ankle plantarflexion)"] == (
        "no weakness reported",
        "S1",
    )
    result = assess(CONTENT, L5)
    assert sum(int(r.label) for r in sheet.spine_rules) == result.spine.score  # type: ignore[union-attr]
    assert sheet.spine is not None and sheet.spine.label == "likely"
    assert [r.label for r in sheet.roots] == ["L3", "L4", "L5", "S1"]
    l5 = sheet.roots[2]
    assert l5.note == "named: fairly likely, disc L4-L5" and "M+4" in l5.value
    assert sheet.tier == result.urgency.tier.value == "soon"
    assert [r.label for r in sheet.tier_rules] == result.workings.urgency
    assert "Spinal stenosis" not in " ".join(sheet.screened_out)  # clinical names, all listed
    assert "Lumbar spinal stenosis (neurogenic claudication)" in sheet.screened_out
    tags = {s.label for s in sheet.sources}
    assert {"GIRFT", "TAWA", "MRCS"} <= tags and all(s.value for s in sheet.sources)


def test_every_red_flag_is_on_every_sheet() -> None:
    rng = random.Random(5)
    questions = red_flag_questions(CONTENT)
    for _ in range(300):
        answers = random_finished(CONTENT, rng)
        sheet = sheet_of(answers)
        labels = " | ".join(line.label for line in sheet.red_flags)
        for question in questions:
            assert TERMS.term(question.id) in labels
        asked = [line for line in sheet.red_flags if line.status != "not asked"]
        assert asked, "the first red flag is always asked"
        if not assess(CONTENT, answers).is_emergency:
            assert len(sheet.roots) == 4


def test_a_question_without_clinical_words_stops_start_up(tmp_path: Path) -> None:
    text = (CONTENT_DIR / "clinical.yaml").read_text(encoding="utf-8")
    broken = text.replace('  age: {term: "Age band"}\n', "")
    assert broken != text
    (tmp_path / "clinical.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError, match=r"questions\.age: missing"):
        load_clinical_terms(tmp_path)
    (tmp_path / "clinical.yaml").write_text(
        text.replace("negative: [none]", "negative: [nothing]"), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="no option 'nothing'"):
        load_clinical_terms(tmp_path)
