"""The clinical content: it loads, cites its sources, and a bad edit fails loudly."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from footquiz.content import (
    CONTENT_DIR,
    FILES,
    REGIONS,
    ContentError,
    get_content,
    get_regions,
    load_codebooks,
    load_content,
)
from footquiz.engine.model import Content

# Questions where "I'm not sure" makes no sense: the patient always knows the answer.
NO_UNSURE = {"side", "age", "leg_vs_back", "injury"}
# Multiple-choice questions whose "not sure" can go with other answers: on the body map a
# patient can mark the places they are sure of and say they are not sure of the rest.
UNSURE_COMBINES = {"pain_regions"}
REPUTABLE_HOSTS = (
    "nhs.uk",  # UK public health service
    "medlineplus.gov",  # US National Library of Medicine, English and Spanish
    "nih.gov",  # US National Institutes of Health (NIAMS, NHLBI)
    "cdc.gov",
    "choosept.com",  # American Physical Therapy Association
    "diabetes.org.uk",
    "who.int",
    "europa.eu",  # the European Commission's page on 112
)

Raw = dict[str, dict[str, Any]]


def raw_content() -> Raw:
    """The content files as plain data, read without the loader or the models."""
    names = [*FILES, *(f"{REGIONS}/{p.name}" for p in (CONTENT_DIR / REGIONS).glob("*.yaml"))]
    return {
        name: yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8")) for name in names
    }


def cited_items(raw: Raw) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every item in the raw data that must cite sources, with a readable label."""
    rules = raw["rules.yaml"]
    for q in raw["questions.yaml"]["questions"]:
        yield f"question {q['id']}", q
    for section in ("findings", "look_alikes", "urgency", "treatments"):
        for item in rules[section]:
            yield f"{section} {item['id']}", item
    yield "spine", rules["spine"]
    for rule in rules["spine"]["rules"]:
        yield f"spine rule {rule['id']}", rule
    yield "roots", rules["roots"]
    for root in rules["roots"]["roots"]:
        yield f"root {root['id']}", root
        for n, evidence in enumerate(root["evidence"]):
            yield f"root {root['id']} evidence[{n}]", evidence


def source_lists(node: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every ``sources`` value anywhere in the raw data, wherever it is nested."""
    if isinstance(node, dict):
        for key, value in node.items():
            label = f"{where}.{key}" if where else str(key)
            if key == "sources" and where:
                yield label, value
            else:
                yield from source_lists(value, label)
    elif isinstance(node, list):
        for n, item in enumerate(node):
            label = f"{where}[{n}]"
            if isinstance(item, dict) and "id" in item:
                label += f"(id={item['id']})"
            yield from source_lists(item, label)


def test_content_loads(content: Content) -> None:
    """The shipped content validates and has the expected shape."""
    assert content.version >= 1
    assert len(content.questions) >= 14
    assert [b.id for b in content.spine.bands] == ["local", "possible", "likely"]
    assert {r.id for r in content.roots.roots} == {"L3", "L4", "L5", "S1"}


def test_every_item_cites_a_known_source() -> None:
    """Each question and rule names a source tag, and each tag is listed in about.yaml.

    Read straight from the YAML so this holds even if the models or loader change.
    """
    raw = raw_content()
    known = {s["tag"] for s in raw["about.yaml"]["sources"]}
    items = list(cited_items(raw))
    assert len(items) > 60
    for label, item in items:
        tags = item.get("sources")
        assert isinstance(tags, list) and tags, f"{label} cites no source"
        unknown = set(tags) - known
        assert not unknown, f"{label} cites unknown source tags {sorted(unknown)}"
    # Anything else that cites sources (e.g. the welcome screen) must cite known ones too.
    for name, data in raw.items():
        for label, tags in source_lists(data):
            assert isinstance(tags, list) and tags, f"{name}: {label} is empty"
            assert set(tags) <= known, f"{name}: {label}: {sorted(set(tags) - known)}"


def test_source_tags_are_unique() -> None:
    """No source tag is listed twice in about.yaml."""
    tags = [s["tag"] for s in raw_content()["about.yaml"]["sources"]]
    assert len(tags) == len(set(tags))


def test_loaded_models_keep_sources(content: Content) -> None:
    """The loaded models carry the same citations (nothing lost in validation)."""
    known = {s.tag for s in content.sources}
    cited: list[tuple[str, list[str]]] = [
        *((f"question {q.id}", q.sources) for q in content.questions),
        *((f"finding {f.id}", f.sources) for f in content.findings),
        *((f"look-alike {a.id}", a.sources) for a in content.look_alikes),
        *((f"spine rule {p.id}", p.sources) for p in content.spine.rules),
        *((f"urgency {u.id}", u.sources) for u in content.urgency),
        *((f"treatment {t.id}", t.sources) for t in content.treatments),
        *((f"root {r.id} evidence", e.sources) for r in content.roots.roots for e in r.evidence),
    ]
    for label, tags in cited:
        assert tags, f"{label} cites no source"
        assert set(tags) <= known, f"{label}: {sorted(set(tags) - known)}"


# ----- broken copies of the content --------------------------------------------------


def _question(raw: Raw, question_id: str) -> dict[str, Any]:
    return next(q for q in raw["questions.yaml"]["questions"] if q["id"] == question_id)


def _item(raw: Raw, section: str, item_id: str) -> dict[str, Any]:
    return next(i for i in raw["rules.yaml"][section] if i["id"] == item_id)


def _drop_text(raw: Raw) -> None:
    del _question(raw, "saddle_numbness")["text"]


def _bad_option_id(raw: Raw) -> None:
    _question(raw, "side")["options"][0]["id"] = "Bad Id!"


def _unknown_option_in_condition(raw: Raw) -> None:
    _item(raw, "look_alikes", "stenosis")["when"]["all"][0]["is"] = ["walk_downhill"]


def _unknown_question_in_condition(raw: Raw) -> None:
    _item(raw, "urgency", "bladder_bowel")["when"]["answer"] = "pee_trouble"


def _unknown_tag_on_question(raw: Raw) -> None:
    _question(raw, "side")["sources"] = ["SH", "NOPE"]


def _unknown_tag_on_treatment(raw: Raw) -> None:
    _item(raw, "treatments", "heel_care")["sources"] = ["MADEUP"]


def _unknown_finding(raw: Raw) -> None:
    _item(raw, "treatments", "footwear")["when"] = {"finding": "flat_feet"}


def _show_if_on_later_question(raw: Raw) -> None:
    _question(raw, "toes_first")["show_if"] = {"answer": "age", "is": ["age_70_plus"]}


def _duplicate_question_id(raw: Raw) -> None:
    _question(raw, "onset")["id"] = "duration"


def _misspelt_field(raw: Raw) -> None:
    question = _question(raw, "diabetes")
    question["helptext"] = question.pop("help")


def _http_url(raw: Raw) -> None:
    links = raw["regions/intl.yaml"]["languages"]["en"]["links"]
    links["pain_relief"]["url"] = "http://medlineplus.gov/x.html"


def _no_disclaimer(raw: Raw) -> None:
    del raw["about.yaml"]["disclaimer"]


def _condition_without_is(raw: Raw) -> None:
    del _item(raw, "findings", "motor_weakness")["when"]["any"][0]["is"]


def _one_sided_excludes(raw: Raw) -> None:
    options = _question(raw, "worse_with")["options"]
    next(o for o in options if o["id"] == "walk_eased_by_sitting")["excludes"] = []


def _help_covers_unknown_rule(raw: Raw) -> None:
    raw["rules.yaml"]["get_help_sooner"][0]["covers"].append("both_legs")


def _help_covers_rule_of_another_tier(raw: Raw) -> None:
    same_day = next(i for i in raw["rules.yaml"]["get_help_sooner"] if i["id"] == "same_day")
    same_day["covers"].append("cold_foot")


def _tier_finding_outside_treatments(raw: Raw) -> None:
    _item(raw, "look_alikes", "clot")["when"] = {"finding": "tier.same_day"}


BREAKAGES = [
    pytest.param(_drop_text, ["questions.yaml", "saddle_numbness", "text"], id="no-text"),
    pytest.param(_bad_option_id, ["questions.yaml", "side", "Bad Id!"], id="bad-option-id"),
    pytest.param(
        _unknown_option_in_condition,
        ["rules.yaml", "stenosis", "walk_downhill"],
        id="unknown-option",
    ),
    pytest.param(
        _unknown_question_in_condition,
        ["rules.yaml", "bladder_bowel", "pee_trouble"],
        id="unknown-question",
    ),
    pytest.param(_unknown_tag_on_question, ["questions.yaml", "side", "NOPE"], id="tag-q"),
    pytest.param(
        _unknown_tag_on_treatment, ["rules.yaml", "heel_care", "MADEUP"], id="tag-treatment"
    ),
    pytest.param(_unknown_finding, ["rules.yaml", "footwear", "flat_feet"], id="finding"),
    pytest.param(_show_if_on_later_question, ["questions.yaml", "toes_first", "age"], id="later-q"),
    pytest.param(_duplicate_question_id, ["questions.yaml", "id"], id="duplicate-id"),
    pytest.param(_misspelt_field, ["questions.yaml", "diabetes", "helptext"], id="typo"),
    pytest.param(_http_url, ["regions/intl.yaml", "pain_relief", "url"], id="http-url"),
    pytest.param(_no_disclaimer, ["about.yaml", "disclaimer"], id="no-disclaimer"),
    pytest.param(
        _condition_without_is, ["rules.yaml", "findings", "motor_weakness"], id="answer-no-is"
    ),
    pytest.param(
        _one_sided_excludes,
        ["questions.yaml", "worse_with", "sitting_worse", "walk_eased_by_sitting"],
        id="one-sided-excludes",
    ),
    pytest.param(
        _help_covers_unknown_rule,
        ["rules.yaml", "get_help_sooner", "emergency_spine", "both_legs"],
        id="help-covers-unknown",
    ),
    pytest.param(
        _help_covers_rule_of_another_tier,
        ["rules.yaml", "get_help_sooner", "same_day", "cold_foot", "emergency"],
        id="help-covers-other-tier",
    ),
    pytest.param(
        _tier_finding_outside_treatments,
        ["rules.yaml", "clot", "tier.same_day"],
        id="tier-finding-too-early",
    ),
]


def write_copy(directory: Path, raw: Raw) -> None:
    """Write the raw content as YAML files into ``directory``."""
    for name, data in raw.items():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (directory / name).parent.mkdir(exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")


def test_unbroken_copy_loads(tmp_path: Path, content: Content) -> None:
    """Control: a faithful copy loads and equals the original, so breakages are real."""
    write_copy(tmp_path, raw_content())
    assert load_content(tmp_path) == content


@pytest.mark.parametrize(("breakage", "fragments"), BREAKAGES)
def test_broken_content_names_file_and_field(
    tmp_path: Path, breakage: Callable[[Raw], None], fragments: list[str]
) -> None:
    """A broken copy raises ContentError naming the file and the field or id."""
    raw = raw_content()
    breakage(raw)
    write_copy(tmp_path, raw)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in error:\n{message}"


def test_missing_file_names_it(tmp_path: Path) -> None:
    """A missing content file is reported by name."""
    for name in FILES:
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    (tmp_path / "rules.yaml").unlink()
    with pytest.raises(ContentError, match=r"rules\.yaml"):
        load_content(tmp_path)


def test_missing_section_names_its_file(tmp_path: Path) -> None:
    """Deleting the treatments section from rules.yaml names rules.yaml."""
    raw = raw_content()
    del raw["rules.yaml"]["treatments"]
    write_copy(tmp_path, raw)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    assert "rules.yaml: treatments" in str(caught.value), str(caught.value)


# ----- question and treatment checks -------------------------------------------------


def test_unsure_option_where_patients_may_be_unsure(content: Content) -> None:
    """Every question except the few a patient always knows offers "I'm not sure"."""
    ids = {q.id for q in content.questions}
    assert ids >= NO_UNSURE
    for question in content.questions:
        unsure = [o for o in question.options if o.unsure]
        if question.id in NO_UNSURE:
            continue
        assert len(unsure) == 1, f"{question.id} needs one 'not sure' option"
        if question.kind == "multiple":
            exclusive = unsure[0].exclusive
            if question.id in UNSURE_COMBINES:
                assert not exclusive, f"{question.id}: 'not sure' must go with places"
            else:
                assert exclusive, f"{question.id}: 'not sure' must be exclusive"
    for question in content.questions:
        if question.id in NO_UNSURE:
            assert not any(o.unsure for o in question.options), question.id


@pytest.mark.parametrize("region", sorted(get_regions()))
@pytest.mark.parametrize("language", ["en", "es"])
def test_treatment_links_are_https_and_reputable(region: str, language: str) -> None:
    """Each treatment links over https to a reputable public patient site, in every region."""
    content = get_content(language, region)
    assert content.treatments
    for treatment in content.treatments:
        url = urlparse(treatment.url)
        host = url.hostname or ""
        assert url.scheme == "https", treatment.id
        assert any(host == h or host.endswith(f".{h}") for h in REPUTABLE_HOSTS), (
            f"{treatment.id}: {host}"
        )


def test_every_emergency_has_its_own_get_help_sooner_line(content: Content) -> None:
    """The safety net names each emergency as an emergency, never as "same day".

    Each emergency rule is covered by a "get help sooner" line, and every line covers only
    rules of its own tier, each rule once.
    """
    rules = {u.id: u for u in content.urgency}
    covered: dict[str, str] = {}
    for item in content.get_help_sooner:
        for rule_id in item.covers:
            assert rule_id in rules, (item.id, rule_id)
            assert rules[rule_id].tier == item.tier, (item.id, rule_id)
            assert rule_id not in covered, f"{rule_id} is covered by {covered[rule_id]} too"
            covered[rule_id] = item.id
    emergencies = {u.id for u in content.urgency if u.tier == "emergency"}
    assert emergencies == {
        "saddle_numbness",
        "bladder_bowel",
        "sex_problems",
        "both_legs_pain",
        "both_legs_weak",
        "cold_foot",
        "fever_new_weakness",
        "hot_foot_diabetes_fever",
    }
    assert emergencies <= set(covered), sorted(emergencies - set(covered))


def test_map_only_options_are_places(content: Content) -> None:
    """On the body map "all over the foot" and "only weakness" are answers, not places."""
    question = content.question("pain_regions")
    assert question is not None
    not_places = {o.id for o in question.options if not o.map_region}
    assert not_places == {"whole_foot", "weakness_only"}
    exclusive = {o.id for o in question.options if o.exclusive}
    assert exclusive == {"weakness_only"}
    for other in content.questions:
        if other.id != question.id:
            assert all(o.map_region for o in other.options), other.id


def test_an_older_links_words_must_not_go_missing(tmp_path: Path, content: Content) -> None:
    """A question only an older version had must keep its words, or start-up stops."""
    books = yaml.safe_load((CONTENT_DIR / "codebook.yaml").read_text(encoding="utf-8"))
    assert "both_legs" in books["retired"]
    del books["retired"]["both_legs"]["es"]
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(books), encoding="utf-8")
    with pytest.raises(ContentError, match=r"codebook.yaml: retired.both_legs: .* es"):
        load_codebooks(tmp_path, content)
