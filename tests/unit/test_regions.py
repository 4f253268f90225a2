"""Care regions: each names only its own numbers, services and pages, in every language."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
import yaml
from reflex.istate.data import HeaderData, ReflexURL, RouterData
from walks import EMERGENCY_QUESTIONS, random_finished

import footquiz.state as state_module
from footquiz.config import fixed_region
from footquiz.content import (
    CONTENT_DIR,
    FILES,
    LANGUAGES,
    REGIONS,
    ContentError,
    check_all,
    get_content,
    get_regions,
    load_content,
    region_of_language_tag,
)
from footquiz.content.i18n import REGION_SLOT
from footquiz.engine.assess import assess
from footquiz.engine.model import Answers, Assessment, Content, Tier
from footquiz.sharing import link_token, open_link
from footquiz.state import CONTENT, QUESTION_FIELD, QuizState, SharedState

REGION_CODES = sorted(get_regions())
PAIRS = [(region, language) for region in REGION_CODES for language in LANGUAGES]
NUMBERS = {"gb": "999", "us": "911", "es": "112", "intl": "112"}
URGENT_LINES = {"gb": ("111", "NHS 111")}


def result_texts(content: Content, result: Assessment) -> list[str]:
    """Every sentence a result page shows, as the patient reads it."""
    u = result.urgency
    texts = [u.title, u.timeframe, u.action, *result.get_help_sooner]
    texts += [r.text for r in result.why]
    texts += [f"{a.name} {a.what_it_is}" for a in result.look_alikes]
    texts += [f"{t.title} {t.summary} {t.fits_because} {t.site}" for t in result.treatments]
    texts += [result.spine.explanation] if result.spine else []
    texts += [f"{g.term} {g.plain}" for g in content.glossary]
    return texts


def screen_texts(content: Content) -> list[str]:
    """The welcome and every other screen's words."""
    w = content.welcome
    return [w.title, *w.lead, w.emergency_heading, *w.emergency_signs, w.emergency_action] + list(
        content.ui.values()
    )


def copy_content(directory: Path) -> None:
    """A faithful copy of the content files and regions, to break in a test."""
    for name in (*FILES, "es.yaml"):
        shutil.copy(CONTENT_DIR / name, directory / name)
    shutil.copytree(CONTENT_DIR / REGIONS, directory / REGIONS)


def test_every_region_has_every_language_and_loads() -> None:
    """Start-up loads every language in every region (a gap would stop it)."""
    assert set(REGION_CODES) >= {"gb", "us", "es", "intl"}
    check_all()
    for region, language in PAIRS:
        content = get_content(language, region)
        assert content.care.region == region
        for key, text in (("welcome", content.welcome.emergency_action), ("ui", content.ui)):
            assert not REGION_SLOT.search(str(text)), (region, language, key)
        assert all(t.url.startswith("https://") and t.site for t in content.treatments)


@pytest.mark.parametrize(("region", "language"), PAIRS)
def test_the_emergency_tier_names_exactly_that_regions_number(region: str, language: str) -> None:
    content = get_content(language, region)
    own = NUMBERS[region]
    action = content.tier_text(Tier.EMERGENCY).action
    assert own in action and own in content.welcome.emergency_action
    others = set(NUMBERS.values()) - {own}
    assert not any(re.search(rf"\b{n}\b", action) for n in others), action
    assert content.care.emergency.number == own
    if region == "intl":  # anywhere else: 112, and the patient's own local number
        assert "local" in action or "su país" in action


@pytest.mark.parametrize(("region", "language"), PAIRS)
def test_no_result_names_another_regions_numbers(region: str, language: str) -> None:
    """No gb result names 911, no us result 999, and only gb names NHS 111, on any path."""
    content = get_content(language, region)
    foreign = {"999", "911", "111", "NHS"} - {NUMBERS[region]}
    if region == "gb":
        foreign -= {"111", "NHS"}
    rng = random.Random(13)
    answer_sets = [random_finished(content, rng) for _ in range(300)]
    answer_sets += [{q: ("yes",)} for q in EMERGENCY_QUESTIONS]
    texts = screen_texts(content)
    for answers in answer_sets:
        texts += result_texts(content, assess(content, answers))
    joined = "\n".join(texts)
    for word in foreign:
        assert not re.search(rf"\b{word}\b", joined), (region, language, word)


@pytest.mark.parametrize(("region", "language"), PAIRS)
def test_results_offer_the_regions_number_to_call(region: str, language: str) -> None:
    """Emergency: the emergency number. Same day: the region's urgent line where it has one."""
    content = get_content(language, region)
    emergency = assess(content, {"saddle_numbness": ("yes",)}).urgency
    assert emergency.tier == Tier.EMERGENCY
    assert emergency.call is not None and emergency.call.number == NUMBERS[region]
    same_day = assess(
        content, {**{q: ("no",) for q in EMERGENCY_QUESTIONS}, "calf_swelling": ("yes",)}
    )
    assert same_day.urgency.tier == Tier.SAME_DAY
    line = URGENT_LINES.get(region)
    call = same_day.urgency.call
    assert (call and (call.number, call.name)) == (line or None)


@pytest.mark.parametrize(
    ("tag", "region"),
    [
        ("en-GB", "gb"),
        ("en-US", "us"),
        ("es-ES", "es"),
        ("es-US", "us"),
        ("es_es", "es"),
        ("en", "intl"),
        ("es-MX", "intl"),
        ("fr-FR", "intl"),
        ("", "intl"),
    ],
)
def test_the_browsers_language_tag_picks_the_region(tag: str, region: str) -> None:
    assert region_of_language_tag(tag) == region


@pytest.mark.parametrize("region", REGION_CODES)
def test_a_result_link_carries_its_region(region: str) -> None:
    answers = random_finished(get_content(), random.Random(3))
    shared, language, opened_region = open_link(link_token(answers, "es", region))
    assert (language, opened_region, shared.answers) == ("es", region, answers)


@pytest.mark.parametrize(("region", "language"), PAIRS)
def test_pages_in_another_language_say_so(region: str, language: str) -> None:
    """Where no page exists in the patient's language, the link says which language it is in."""
    content = get_content(language, region)
    links = get_regions()[region].languages[language].links
    note = {"en": content.ui["page_in_en"], "es": content.ui["page_in_es"]}
    for treatment in content.treatments:
        page_language = links[treatment.id].lang
        assert (note[page_language] in treatment.site) == (page_language != language)


def break_region(directory: Path, region: str, change: object) -> None:
    path = directory / REGIONS / f"{region}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("region", "change", "fragment"),
    [
        (
            "us",
            lambda d: d["languages"]["es"]["words"].pop("if_closed"),
            "regions/us.yaml: languages.es.words.if_closed: missing (used by rules.yaml",
        ),
        (
            "gb",
            lambda d: d["languages"]["es"]["links"].pop("heel_care"),
            "regions/gb.yaml: languages.es.links.heel_care: missing",
        ),
        (
            "es",
            lambda d: d["languages"]["es"]["words"].update(spare="x"),
            "regions/es.yaml: languages.es.words.spare: no content text uses it",
        ),
        ("intl", lambda d: d.update(link_code=1), "regions/intl.yaml: link_code: gb has it too"),
        ("us", lambda d: d["languages"].pop("es"), "regions/us.yaml: languages: missing es"),
    ],
)
def test_a_missing_or_stray_region_text_stops_start_up(
    tmp_path: Path, region: str, change: object, fragment: str
) -> None:
    copy_content(tmp_path)
    assert load_content(tmp_path, "es", region)  # control: the copy loads
    break_region(tmp_path, region, change)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "es", region)
    assert fragment in str(caught.value), str(caught.value)


def test_a_translation_that_drops_a_region_word_stops_start_up(tmp_path: Path) -> None:
    """A translated sentence must keep its ${slots}, or Spanish speakers lose their number."""
    copy_content(tmp_path)
    path = tmp_path / "es.yaml"
    translations = yaml.safe_load(path.read_text(encoding="utf-8"))
    translations["tiers.emergency.action"] = "Llame al 999 ahora."
    path.write_text(yaml.safe_dump(translations, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match=r"es\.yaml: tiers\.emergency\.action: .*\$\{ed\}"):
        load_content(tmp_path, "es", "us")


# ----- the app: which region a patient gets, and the call buttons ----------------------------


def patient(accept_language: str, saved_region: str = "") -> QuizState:
    """A new session from a browser with this language header and stored region choice."""
    state = QuizState(_reflex_internal_init=True)
    state.router = RouterData(headers=HeaderData(accept_language=accept_language))
    state.region_saved = saved_region
    return state


def finish(state: QuizState, answers: Answers) -> None:
    """Answer each question the screen shows from ``answers`` until the result."""
    state.start()
    for _ in range(len(CONTENT.questions)):
        if state.done:
            return
        question = CONTENT.question(state.current)
        assert question is not None
        chosen = answers[question.id]
        fields = (
            {"answer": chosen[0]}
            if question.kind == "single"
            else {f"answer:{o}": o for o in chosen}
        )
        state.submit({QUESTION_FIELD: question.id, **fields})
    assert state.done, state.current


def test_the_browser_picks_the_region_and_the_patient_can_change_it() -> None:
    state = patient("en-GB,en;q=0.9")
    state.load_welcome()
    assert (state.lang, state.region) == ("en", "gb")
    assert state.emergency_call == {"href": "tel:999", "label": "Call 999"}
    assert "999" in state.welcome["emergency_action"]
    assert {r["code"] for r in state.region_choice} == set(REGION_CODES)
    state.choose_region("us")
    assert (state.region, state.region_saved) == ("us", "us")
    assert state.emergency_call["href"] == "tel:911"
    state.choose_region("atlantis")
    assert state.region == "us"
    # The choice is kept on the device: a new session starts from it, not from the browser.
    again = patient("en-GB", saved_region="us")
    again.load_welcome()
    assert again.region == "us"


def test_a_deployments_region_wins_and_the_choice_is_not_offered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(state_module, "FIXED_REGION", "es")
    state = patient("en-US", saved_region="gb")
    state.load_welcome()
    assert state.region == "es" and state.region_choice == []
    state.choose_region("us")
    assert state.region == "es"


def test_an_unknown_deployment_region_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOOTQUIZ_REGION", "uk")
    with pytest.raises(SystemExit, match="FOOTQUIZ_REGION='uk'"):
        fixed_region()
    monkeypatch.setenv("FOOTQUIZ_REGION", "GB")
    assert fixed_region() == "gb"


@pytest.mark.parametrize(
    ("accept_language", "emergency", "same_day"),
    [
        ("en-GB", "tel:999", {"href": "tel:111", "label": "Call NHS 111"}),
        ("en-US", "tel:911", {}),
        ("es-ES", "tel:112", {}),
    ],
)
def test_the_result_offers_one_tap_to_call(
    accept_language: str, emergency: str, same_day: dict[str, str], calm_answers: Answers
) -> None:
    state = patient(accept_language)
    state.load_welcome()
    finish(state, {**calm_answers, "saddle_numbness": ("yes",)})
    assert state.is_emergency and state.urgency_call["href"] == emergency
    state = patient(accept_language)
    state.load_welcome()
    finish(state, {**calm_answers, "calf_swelling": ("yes",)})
    assert state.urgency["tier"] == "same_day"
    assert state.urgency_call == same_day
    # The link made on this result carries the region to whoever opens it.
    shared = SharedState(_reflex_internal_init=True)
    shared.router = RouterData(url=ReflexURL(f"http://localhost{state.share_path}"))
    shared.open_shared()
    assert shared.region == state.region and shared.urgency_call == same_day


def test_the_review_sheet_shows_a_regions_care(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m footquiz.content review --region us` prints what patients in the US read."""
    from footquiz.content.__main__ import main

    assert main(["review", "--region", "us"]) == 0
    sheet = capsys.readouterr().out
    assert "Care region: United States (`us`)" in sheet
    assert "Call 911 now" in sheet and "physical therapist" in sheet
    assert not re.search(r"\b999\b", sheet) and "physiotherapist" not in sheet
    assert main(["review", "--region", "gb", "--language", "es"]) == 0
    sheet = capsys.readouterr().out
    assert "Reino Unido" in sheet and "Llame ahora al 999" in sheet
    assert main(["review", "--region", "mars"]) == 1
    assert "no region 'mars'" in capsys.readouterr().err
