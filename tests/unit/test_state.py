"""State handlers, called on a state instance without a server (as Reflex's own tests do)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from footquiz import state as state_module
from footquiz.attempts import Backoff
from footquiz.engine.model import Answers
from footquiz.state import COMPUTED_CACHE_PREFIX, CONTENT, QUESTION_FIELD, QUIZ_PREFIX, QuizState

SAFE = {
    "saddle_numbness": "no",
    "bladder_bowel": "no",
    "sex_problems": "no",
    "both_legs_pain": "no",
    "both_legs_weak": "no",
    "cold_foot": "no",
    "calf_swelling": "no",
    "foot_skin": "no",
    "foot_drop": "no",
}
"""The one-answer safety questions before the multiple-choice serious signs, in order."""


def fresh(saved: str = "") -> QuizState:
    """A new session, as after a reload in a new tab or a server restart."""
    state = QuizState(_reflex_internal_init=True)
    state.saved = saved
    return state


def tap_continue(state: QuizState, fields: dict[str, Any], at: str | None = None) -> Any:
    """Press Continue: the form sends the ticked options and the question on screen.

    The tap comes from the question's own address unless ``at`` names another (a quick tap,
    made before the browser moved there).
    """
    set_address(state, QUIZ_PREFIX + state.current if at is None else at)
    moved = state.submit({QUESTION_FIELD: state.current, **fields})
    if at is None:
        follow(state, moved)
    return moved


def follow(state: QuizState, event: Any) -> None:
    """The browser goes where a handler sent it, and that page's load comes back."""
    for spec in event if isinstance(event, list) else [event]:
        path = dict((str(name), value) for name, value in getattr(spec, "args", ()))
        if "path" in path:
            at_address(state, json.loads(str(path["path"])))


def set_address(state: QuizState, path: str) -> None:
    """The address the browser is on when its next event is sent."""
    from reflex.istate.data import ReflexURL, RouterData

    state.router = RouterData(url=ReflexURL(f"http://localhost{path}"))


def tap_back(state: QuizState) -> Any:
    """Press Back on the screen shown (a question, or the result)."""
    return state.back(state.current)


def goes_to(event: Any, path: str) -> bool:
    """Whether a handler's returned event redirects to ``path``."""
    events = event if isinstance(event, list) else [event]
    return any(f'"{path}"' in str(e) and "redirect" in str(e) for e in events)


def test_start_saves_an_empty_check_to_browser_storage() -> None:
    state = fresh()
    assert goes_to(state.start(), "/quiz/saddle_numbness")
    assert state.current == "saddle_numbness"
    saved = json.loads(state.saved)
    assert saved["answers"] == {} and saved["version"] == CONTENT.version
    assert state.step == 1 and state.total >= 22


def test_submit_moves_on_and_records_the_answer() -> None:
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "no"})
    assert state.current == "bladder_bowel"
    assert state.answers == {"saddle_numbness": ["no"]}
    assert json.loads(state.saved)["answers"] == {"saddle_numbness": ["no"]}


def test_multiple_choice_reads_each_ticked_box() -> None:
    state = fresh()
    state.start()
    for question_id, answer in SAFE.items():
        assert state.current == question_id
        tap_continue(state, {"answer": answer})
    assert state.current == "serious_signs"
    tap_continue(state, {"answer:fever": "fever", "answer:cancer": "cancer"})
    assert state.answers["serious_signs"] == ["fever", "cancer"]
    assert state.current == "injury"


def answer_up_to(state: QuizState, answers: Answers, stop: str) -> None:
    """Submit the form for each question on screen, from ``answers``, until ``stop`` shows."""
    while state.current != stop:
        assert not state.done, f"never reached {stop}"
        chosen = answers[state.current]
        if state.multiple:
            tap_continue(state, {f"answer:{option}": option for option in chosen})
        else:
            tap_continue(state, {"answer": chosen[0]})


def test_clashing_options_get_a_friendly_message_and_change_nothing(
    calm_answers: Answers,
) -> None:
    """Two options that exclude each other are refused, and each says which one it clears."""
    state = fresh()
    state.start()
    answer_up_to(state, calm_answers, "worse_with")
    excludes = {o["id"]: o["excludes"] for o in state.options}
    assert excludes["sitting_worse"] == "walk_eased_by_sitting"
    assert excludes["walk_eased_by_sitting"] == "sitting_worse"
    assert excludes["cough_sneeze"] == ""
    before = dict(state.answers)
    tap_continue(
        state,
        {
            "answer:sitting_worse": "sitting_worse",
            "answer:walk_eased_by_sitting": "walk_eased_by_sitting",
        },
    )
    assert "Please choose again" in state.problem
    assert state.current == "worse_with" and state.answers == before
    tap_continue(
        state, {"answer:sitting_worse": "sitting_worse", "answer:cough_sneeze": "cough_sneeze"}
    )
    assert state.answers["worse_with"] == ["cough_sneeze", "sitting_worse"]
    assert state.current == "onset"


def test_the_self_tests_screen_shows_its_steps(calm_answers: Answers) -> None:
    """The self-test question lists how to do the tests on the screen itself."""
    state = fresh()
    state.start()
    assert state.question_instructions == []
    answer_up_to(state, calm_answers, "self_tests")
    steps = CONTENT.question("self_tests").instructions
    assert steps and state.question_instructions == steps
    assert any("heels" in step for step in state.question_instructions)


def test_bad_answers_get_a_friendly_message_and_change_nothing() -> None:
    state = fresh()
    state.start()
    tap_continue(state, {})
    assert state.problem == "Please choose an answer to go on."
    tap_continue(state, {"answer": "forged-option"})
    assert "Please choose again" in state.problem
    assert state.answers == {} and state.current == "saddle_numbness"


def test_emergency_answer_goes_straight_to_the_emergency_result() -> None:
    state = fresh()
    state.start()
    assert goes_to(tap_continue(state, {"answer": "yes"}), "/result")
    assert state.done and state.is_emergency
    assert state.urgency["tier"] == "emergency"
    assert state.treatments == [] and state.spine == {}
    # The result link and QR code are ready when the result appears, not a moment later.
    assert state.share_path.startswith("/r/") and state.share_qr.startswith("data:")


def test_saved_answers_come_back_in_a_new_session() -> None:
    state = fresh()
    state.start()
    for answer in SAFE.values():
        tap_continue(state, {"answer": answer})
    restored = fresh(state.saved)
    restored.load_quiz()
    assert restored.current == "serious_signs"
    assert restored.answers == state.answers


def test_a_finished_result_survives_a_new_session() -> None:
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "yes"})
    restored = fresh(state.saved)
    assert goes_to(restored.load_quiz(), "/result")
    restored.load_result()
    assert restored.is_emergency


def test_garbage_or_forged_storage_starts_cleanly() -> None:
    for saved in [
        "{not json",
        "[]",
        json.dumps({"version": CONTENT.version, "answers": "x", "current": 5}),
        json.dumps({"version": CONTENT.version, "answers": {"age": ["nope"], "zzz": ["1"]}}),
    ]:
        state = fresh(saved)
        state.load_quiz()
        assert state.current == "saddle_numbness", saved
        assert state.answers == {}


def test_storage_from_another_content_version_is_dropped() -> None:
    saved = json.dumps(
        {"version": CONTENT.version + 1, "answers": {"saddle_numbness": ["no"]}, "current": None}
    )
    state = fresh(saved)
    state.load_quiz()
    assert state.answers == {}
    assert json.loads(state.saved)["version"] == CONTENT.version


@pytest.mark.parametrize(("version", "kept"), [(4, True), (3, False), (2, False), (1, False)])
def test_only_a_check_saved_with_the_same_questions_carries_on(version: int, kept: bool) -> None:
    """Only a version that asked the same questions carries on. Version 4 added a question
    (Ottawa bone tenderness), so a check saved halfway under 1, 2 or 3 starts again; version 3
    changed rules only, so 2 and 3 ask alike (``SAME_QUESTIONS``)."""
    answers = {"saddle_numbness": ["no"], "bladder_bowel": ["no"]}
    saved = json.dumps({"version": version, "answers": answers, "current": "sex_problems"})
    state = fresh(saved)
    state.load_quiz()
    assert (state.answers == answers, state.current == "sex_problems") == (kept, kept)


def test_back_from_the_first_question_goes_home_and_start_over_forgets() -> None:
    state = fresh()
    state.start()
    assert goes_to(tap_back(state), "/")
    tap_continue(state, {"answer": "no"})
    tap_back(state)
    assert state.current == "saddle_numbness" and state.answers == {"saddle_numbness": ["no"]}
    state.start_over()
    assert state.answers == {} and state.saved == ""


def test_change_from_the_result_reopens_that_question() -> None:
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "yes"})
    assert goes_to(state.change("saddle_numbness"), "/quiz/saddle_numbness")
    assert not state.done and state.current == "saddle_numbness"
    assert state.options[0]["checked"] is True  # "Yes" is still ticked
    # No longer an emergency: the questions after it are new to this patient, so asked.
    assert goes_to(tap_continue(state, {"answer": "no"}), "/quiz/bladder_bowel")
    assert state.current == "bladder_bowel"


@pytest.fixture
def pin_tries(monkeypatch: pytest.MonkeyPatch) -> Backoff:
    """A fresh count of wrong PINs (the server keeps one per process), on a clock we move."""
    clock = [1000.0]
    tries = Backoff(clock=lambda: clock[0])
    tries.clock_now = clock  # type: ignore[attr-defined]
    monkeypatch.setattr(state_module, "PIN_TRIES", tries)
    monkeypatch.setenv("FOOTQUIZ_KIOSK_PIN", "2468")
    return tries


def kiosk(tries: Backoff) -> QuizState:
    """A device that staff made a kiosk with the PIN."""
    state = fresh()
    state.enter_kiosk()
    state.start_kiosk({"pin": "2468"})
    assert state.kiosk_on
    return state


def test_kiosk_mode_is_refused_in_prod_without_a_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLEX_ENV_MODE", "prod")
    monkeypatch.delenv("FOOTQUIZ_KIOSK_PIN", raising=False)
    state = fresh()
    state.enter_kiosk()
    state.start_kiosk({"pin": "0000"})
    assert "locked" in state.kiosk_problem and not state.kiosk_on


def test_a_link_to_the_kiosk_page_neither_wipes_nor_locks_a_phone(pin_tries: Backoff) -> None:
    """Red-team finding 8: a prank link to /kiosk wiped a patient's check and locked the phone."""
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "no"})
    saved = state.saved
    state.enter_kiosk()
    assert not state.kiosk_on and state.saved == saved and state.answers
    state.start_kiosk({"pin": "1111"})
    assert not state.kiosk_on and "not right" in state.kiosk_problem
    assert state.exit_kiosk({"pin": "2468"}) is None  # no exit form off a kiosk
    assert state.answers


def test_kiosk_enter_and_exit_with_the_right_pin(pin_tries: Backoff) -> None:
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "no"})
    state.start_kiosk({"pin": "2468"})
    assert state.kiosk_on and state.answers == {} and state.saved == ""  # a clean kiosk
    state.exit_kiosk({"pin": "1234"})
    assert state.kiosk_on and "not right" in state.kiosk_problem
    assert goes_to(state.exit_kiosk({"pin": "2468"}), "/")
    assert not state.kiosk_on


def test_wrong_pins_back_off_per_device_and_address_and_are_logged_without_the_pin(
    pin_tries: Backoff, caplog: pytest.LogCaptureFixture
) -> None:
    """Red-team finding 2: 10,000 PINs in 7 s from 8 tabs, no lockout, no log line."""
    state = kiosk(pin_tries)
    clock = pin_tries.clock_now  # type: ignore[attr-defined]
    for pin in ["1111", "2222"]:
        state.exit_kiosk({"pin": pin})
        assert "not right" in state.kiosk_problem
    state.exit_kiosk({"pin": "3333"})
    assert "wait 1 min" in state.kiosk_problem  # a third wrong PIN: 30 s
    assert state.exit_kiosk({"pin": "2468"}) is None  # even the right PIN waits
    other_tab = fresh()  # another kiosk tab from the same address waits too
    other_tab.kiosk = "1"
    assert other_tab.exit_kiosk({"pin": "2468"}) is None and other_tab.kiosk_on
    clock[0] += 31
    state.exit_kiosk({"pin": "4444"})
    assert "wait 1 min" in state.kiosk_problem  # 60 s now, doubling up to an hour
    waits = [round(pin_tries.wait(state._pin_keys()))]
    for _ in range(8):
        clock[0] += 3601
        state.exit_kiosk({"pin": "5555"})
        waits.append(round(pin_tries.wait(state._pin_keys())))
    assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    failures = [r.getMessage() for r in caplog.records if "wrong staff PIN" in r.getMessage()]
    assert len(failures) == 12
    assert not any(pin in line for line in failures for pin in ("1111", "5555", "2468"))
    clock[0] += 3601
    assert goes_to(state.exit_kiosk({"pin": "2468"}), "/")  # staff get in after the wait
    assert pin_tries.wait(state._pin_keys()) == 0  # and the count starts again


def test_kiosk_wipe_forgets_the_patient(pin_tries: Backoff) -> None:
    state = kiosk(pin_tries)
    state.start()
    tap_continue(state, {"answer": "no"})
    state.kiosk_done()
    assert state.answers == {} and state.saved == "" and state.kiosk_on


def test_back_from_the_first_question_on_a_kiosk_keeps_the_answers(pin_tries: Backoff) -> None:
    """Red-team finding 7: Back from question 1 on a kiosk wiped every answer, silently."""
    state = kiosk(pin_tries)
    state.start()
    for answer in ["no", "no"]:
        tap_continue(state, {"answer": answer})
    tap_back(state)
    tap_back(state)
    assert goes_to(tap_back(state), "/")  # home, which on a kiosk is the attract screen
    assert goes_to(state.load_welcome(), "/kiosk")
    state.enter_kiosk()
    assert state.answers == {"saddle_numbness": ["no"], "bladder_bowel": ["no"]}
    assert state.has_saved_answers  # the attract screen offers to continue
    assert goes_to(state.resume_or_start(), "/quiz/saddle_numbness")  # the first question again


def test_a_second_tap_on_continue_answers_the_same_question_again() -> None:
    # Both taps were made on "bladder_bowel" before the server had answered the first.
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "no"})
    form = {QUESTION_FIELD: "bladder_bowel", "answer": "no"}
    state.submit(form)
    state.submit(form)
    assert state.current == "sex_problems"
    assert state.answers == {"saddle_numbness": ["no"], "bladder_bowel": ["no"]}
    assert state.problem == ""
    assert "sex_problems" not in json.loads(state.saved)["answers"]


def test_a_form_that_names_no_or_an_unknown_question_changes_nothing() -> None:
    state = fresh()
    state.start()
    for form in [{"answer": "no"}, {QUESTION_FIELD: "no_such", "answer": "no"}, "x", None]:
        assert state.submit(form) is None  # type: ignore[arg-type]
        assert state.answers == {} and state.current == "saddle_numbness"
    state.submit({QUESTION_FIELD: "foot_drop", "answer": "no"})  # not reached yet
    assert state.answers == {} and "Please choose again" in state.problem


def test_a_second_tap_on_back_goes_back_only_once() -> None:
    state = fresh()
    state.start()
    for answer in SAFE.values():
        tap_continue(state, {"answer": answer})
    shown = state.current
    state.back(shown)
    state.back(shown)  # tapped on the same screen, before the first tap was answered
    assert state.current == list(SAFE)[-1]


def test_a_second_tap_on_the_results_back_goes_back_only_once() -> None:
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "no"})
    tap_continue(state, {"answer": "yes"})  # an emergency: the result at once
    assert state.done
    assert goes_to(state.back(""), "/quiz/bladder_bowel")
    assert state.back("") is None
    assert state.current == "bladder_bowel"


def finished(state: QuizState) -> None:
    """Answer a typical sciatica path to the end, as the patient would."""
    state.start()
    plan = [{"answer": a} for a in SAFE.values()] + [{"answer:none": "none"}, {"answer": "no"}]
    plan += [{"answer:back_calf": "back_calf", "answer:outer_edge": "outer_edge"}]
    plan += [{"answer": a} for a in ("right", "yes", "leg", "yes")]
    plan += [{"answer:none": "none"}, {"answer:cough_sneeze": "cough_sneeze"}]
    plan += [{"answer": a} for a in ("sudden_lift", "under_6_weeks", "no", "age_40_49")]
    for form in plan:
        tap_continue(state, form)
        assert not state.problem, form
    assert state.done


def at_address(state: QuizState, path: str) -> Any:
    """Open an address in this session, as a typed URL or the browser's Back and Forward."""
    set_address(state, path)
    return state.load_question() if path.startswith("/quiz/") else state.load_result()


def test_each_question_has_its_own_address_and_the_browsers_back_keeps_answers() -> None:
    state = fresh()
    state.start()
    for answer in list(SAFE.values())[:5]:
        assert goes_to(tap_continue(state, {"answer": answer}), f"/quiz/{state.current}")
    assert state.current == "cold_foot"
    at_address(state, "/quiz/sex_problems")  # the browser's Back, twice
    assert state.current == "sex_problems" and state.options[0]["checked"] is False
    assert [o["id"] for o in state.options if o["checked"]] == ["no"]
    at_address(state, "/quiz/both_legs_pain")  # and Forward
    assert state.current == "both_legs_pain" and len(state.answers) == 5
    assert state.question_title == TITLE.format(CONTENT.question("both_legs_pain").text)


def test_quick_taps_before_the_address_moves_are_not_undone_by_the_late_page_loads() -> None:
    state = fresh()
    at_address(state, "/quiz/saddle_numbness")
    # Three taps, each on a question whose words came before its address: still the first.
    for _ in range(3):
        moved = tap_continue(state, {"answer": "no"}, at="/quiz/saddle_numbness")
    assert goes_to(moved, "/quiz/both_legs_pain")
    # The page loads of the addresses moved through arrive now, in order: no move back.
    assert at_address(state, "/quiz/bladder_bowel") is None
    assert at_address(state, "/quiz/sex_problems") is None
    assert state.current == "both_legs_pain"
    assert at_address(state, "/quiz/both_legs_pain") is None
    assert state.current == "both_legs_pain" and len(state.answers) == 3
    at_address(state, "/quiz/bladder_bowel")  # then the browser's Back works as before
    assert state.current == "bladder_bowel"
    assert [o["id"] for o in state.options if o["checked"]] == ["no"]


def test_a_page_load_that_sends_an_older_copy_of_the_answers_gets_ours_back() -> None:
    """Each page load first sends the browser's stored copy, which a quick patient's can be a
    move behind: the copy is put right, so a reload never brings back an older question."""
    state = fresh()
    at_address(state, "/quiz/saddle_numbness")
    tap_continue(state, {"answer": "no"}, at="/quiz/saddle_numbness")
    behind = state.saved
    tap_continue(state, {"answer": "no"}, at="/quiz/saddle_numbness")
    ours = state.saved
    state.saved = behind  # the browser's copy, sent as the next page load starts
    at_address(state, "/quiz/bladder_bowel")
    assert state.saved == ours
    assert json.loads(state.saved)["current"] == "sex_problems"
    restored = fresh(state.saved)  # a reload in a new session
    restored.load_quiz()
    assert restored.current == "sex_problems" and len(restored.answers) == 2


def test_every_safety_question_tapped_before_its_address_moves_is_kept() -> None:
    """On a busy phone all eleven safety questions can be answered before their page loads
    arrive: none of the late loads takes the patient back."""
    state = fresh()
    at_address(state, "/quiz/saddle_numbness")
    visited = []
    for answer in SAFE.values():
        visited.append(state.current)
        tap_continue(state, {"answer": answer}, at="/quiz/saddle_numbness")
    last = state.current
    for question_id in visited[1:]:
        assert at_address(state, f"/quiz/{question_id}") is None, question_id
    assert state.current == last and len(state.answers) == len(SAFE)


def test_a_client_that_never_loads_its_pages_does_not_grow_the_session() -> None:
    state = fresh()
    state.start()
    for _ in range(50):  # Back and Continue, over and over, with no page load in between
        state.back(state.current)
        state.start()
        tap_continue(state, {"answer": "no"}, at="/")
    assert len(state._moves) <= state_module.MOVES_KEPT


def test_a_quick_tap_on_change_is_not_undone_by_the_results_late_page_load() -> None:
    state = fresh()
    finished(state)
    at_address(state, "/quiz/age")  # the browser's Back to the last question
    # Continue shows the result; Change is tapped before the result's own page load is sent.
    assert goes_to(tap_continue(state, {"answer": "age_40_49"}, at="/quiz/age"), "/result")
    assert goes_to(state.change("injury"), "/quiz/injury")
    assert at_address(state, "/result") is None  # the result's own load, sent late
    assert state.current == "injury" and not state.done


TITLE = "{} - footquiz"


def test_an_address_not_reached_goes_to_the_first_unanswered_question() -> None:
    state = fresh()
    state.start()
    tap_continue(state, {"answer": "no"})
    for typed in ("/quiz/age", "/quiz/pain_regions", "/quiz/no_such", "/quiz/"):
        assert goes_to(at_address(state, typed), "/quiz/bladder_bowel"), typed
        assert state.current == "bladder_bowel"
    assert goes_to(at_address(state, "/result"), "/quiz/bladder_bowel")


def test_forward_from_the_last_question_opens_the_result() -> None:
    state = fresh()
    finished(state)
    last = state.answer_summary[-1]["question_id"]
    at_address(state, f"/quiz/{last}")  # Back from the result
    assert not state.done and state.current == last
    at_address(state, "/result")  # Forward
    assert state.done and state.share_path.startswith("/r/")


def test_change_from_the_result_comes_straight_back_unless_new_questions_apply() -> None:
    state = fresh()
    finished(state)
    assert goes_to(state.change("side"), "/quiz/side")
    assert goes_to(tap_continue(state, {"answer": "left"}), "/result") and state.done
    # A failed self-test brings a question this patient has not been asked: it is asked.
    state.change("self_tests")
    tap_continue(state, {"answer:toe_walk": "toe_walk"})
    assert state.current == "weakness_new"
    assert goes_to(tap_continue(state, {"answer": "no"}), "/result") and state.done


def test_a_quick_tap_on_change_still_comes_straight_back() -> None:
    """On a slow phone the result's own load can reach the server after a tap on Change:
    it must not turn the change into a walk through every later question."""
    state = fresh()
    finished(state)
    state.change("side")
    at_address(state, "/result")  # the result page's own load, arriving late
    at_address(state, "/quiz/side")  # then the question Change opened
    assert goes_to(tap_continue(state, {"answer": "left"}), "/result") and state.done


def test_an_error_puts_error_first_in_the_title() -> None:
    state = fresh()
    state.start()
    tap_continue(state, {})
    assert state.question_title.startswith("Error: ")
    assert state.question_title.endswith(" - footquiz")
    tap_continue(state, {"answer": "no"})
    assert not state.question_title.startswith("Error")


def test_the_result_says_what_to_do_first_and_when_the_check_was_taken() -> None:
    import datetime

    state = fresh()
    finished(state)
    assert state.result_title == state.urgency["title"] + " - footquiz"
    today = datetime.date.today()
    assert state.result_date == today.isoformat()
    # Written out, so no reader takes the day for the month.
    assert state.made_on == f"Check taken on {today.day} {today:%B} {today.year}"
    assert len(state.why_first) <= 6 and state.why_more  # the rest one tap away
    texts = [r["text"] for r in state.why_first + state.why_more]
    assert len(texts) == len(set(texts))
    order = ["urgency", "root", "spine"]
    seen = [order.index(r["conclusion"]) for r in state.why_first + state.why_more]
    assert seen == sorted(seen)


def test_a_page_load_is_sent_the_words_of_the_quiz_not_of_the_link_pages() -> None:
    """Reflex sends every state on every page load: the result-link, clinician and desk states
    carry their words (about 10 KB each), the drawing's labels, the disclaimer and the
    emergency number only once they open a link."""
    from footquiz.clinician import ClinicianState, DeskState
    from footquiz.state import SharedState

    def sent(state: Any) -> str:
        return json.dumps(state.dict(), default=str, ensure_ascii=False)

    def shown(state: Any) -> list[str]:
        words = [state.ui["confirm_start_over_text"], state.diagram_words["narrow_space"]]
        return [*words, state.disclaimer, state.emergency_call["href"]]

    def within(word: str, page: str) -> bool:
        return json.dumps(word, ensure_ascii=False)[1:-1] in page

    quiz = QuizState(_reflex_internal_init=True)
    assert all(within(word, sent(quiz)) for word in shown(quiz))
    for link_state in (SharedState, ClinicianState, DeskState):
        state = link_state(_reflex_internal_init=True)
        unopened = sent(state)
        state.words_on = True  # as open_shared and open_sheet do
        assert shown(state) == shown(quiz), link_state
        assert not [word for word in shown(state) if within(word, unopened)], link_state


def test_a_saved_session_holds_its_answers_not_the_screens_words() -> None:
    """With Redis, a session is saved after every answer and loaded before the next: the words
    the computed vars made (about 10 KB) are left out of it and come back when needed."""
    state = fresh()
    finished(state)
    words = state.ui
    assert any(name.startswith(COMPUTED_CACHE_PREFIX) for name in vars(state))
    saved = state._serialize()
    loaded = QuizState._deserialize(saved)
    assert not any(name.startswith(COMPUTED_CACHE_PREFIX) for name in vars(loaded))
    assert words["confirm_start_over_text"].encode() not in saved
    assert (loaded.answers, loaded.urgency, loaded.ui) == (state.answers, state.urgency, words)


def test_an_answer_sends_only_what_changed_on_screen() -> None:
    """One view per answer: the next question's words go, the unchanged rest and the result
    page's parts are not sent (nor the yes/no options, the same on both questions)."""
    state = fresh()
    follow(state, state.start())
    tap_continue(state, {"answer": "no"})
    state._clean()
    tap_continue(state, {"answer": "no"})
    assert state.current == "sex_problems"
    sent = {name.removesuffix("_rx_state_") for name in state.get_delta()[state.get_full_name()]}
    assert {"answers", "current", "question_text", "question_title", "step"} <= sent
    unchanged = {"options", "multiple", "done", "problem", "total", "has_saved_answers"}
    result_page = {"urgency", "treatments", "why_first", "diagram_class", "result_title"}
    assert not sent & (unchanged | result_page), sent & (unchanged | result_page)
