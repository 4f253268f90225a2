"""FHIR: the Questionnaire from the content, QuestionnaireResponses of result links, the routes."""

from __future__ import annotations

import asyncio
import datetime
import json
import random
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from starlette.types import Message, Receive, Scope, Send
from walks import random_choice, random_finished

from footquiz.content import get_content
from footquiz.engine.answers import base_findings, effective_answers, holds
from footquiz.engine.assess import assess
from footquiz.engine.fhir import (
    ASSESSMENT_URL,
    ENABLE_WHEN_EXPRESSION,
    MEDIA_TYPE,
    QUESTIONNAIRE_URL,
    answers_of,
    option_system,
    questionnaire_response,
    validated_json,
)
from footquiz.engine.model import Answers, Content
from footquiz.fhir_api import questionnaire_json, response_json, with_fhir
from footquiz.headers import CSP, with_headers
from footquiz.sharing import link_token

CONTENT = get_content()


def parsed_questionnaire() -> dict:
    """The served Questionnaire, parsed back through fhir.resources."""
    model = Questionnaire.model_validate(json.loads(questionnaire_json()))
    return json.loads(model.model_dump_json(exclude_none=True))


ATOM = re.compile(
    r"%resource\.repeat\(item\)\.where\(linkId = '(\w+)'\)\.answer\.value\.ofType\(Coding\)"
    r"\.where\(code in \(([^)]*)\)\)\.exists\(\)"
)


def python_of(expression: str) -> str:
    """The FHIRPath the generator writes, as a Python expression over has(question, codes)."""
    text = ATOM.sub(lambda m: f"has('{m[1]}', ({m[2].replace(' | ', ', ')},))", expression)
    while ").not()" in text:
        end = text.index(").not()")
        depth, start = 0, end
        while True:  # the "(" that this ")" closes
            depth += {")": 1, "(": -1}.get(text[start], 0)
            if depth == 0:
                break
            start -= 1
        text = text[:start] + "(not " + text[start : end + 1] + ")" + text[end + len(").not()") :]
    assert "%resource" not in text and ".not()" not in text, text
    return text


def enabled(item: dict, answers: Answers) -> bool:
    """Whether a Questionnaire item is shown for these answers, read from its FHIR alone."""

    def has(question: str, codes: tuple[str, ...]) -> bool:
        return any(code in answers.get(question, ()) for code in codes)

    expressions = [e for e in item.get("extension", []) if e["url"] == ENABLE_WHEN_EXPRESSION]
    if expressions:
        assert "enableWhen" not in item
        return bool(eval(python_of(expressions[0]["valueExpression"]["expression"]), {"has": has}))
    tests = [
        has(w["question"], (w["answerCoding"]["code"],)) == (w["operator"] == "=")
        for w in item.get("enableWhen", [])
    ]
    if not tests:
        return True
    for w in item["enableWhen"]:
        assert w["answerCoding"]["system"] == option_system(w["question"])
    return any(tests) if item.get("enableBehavior") == "any" else all(tests)


def random_answers(content: Content, rng: random.Random) -> Answers:
    """Any valid answer to every question, shown or not: conditions must agree on all of them."""
    return {q.id: tuple(random_choice(q, rng)) for q in content.questions}


def test_the_questionnaire_validates_and_holds_every_question_and_option() -> None:
    resource = parsed_questionnaire()
    assert resource["resourceType"] == "Questionnaire"
    assert resource["url"] == QUESTIONNAIRE_URL
    assert resource["version"] == str(CONTENT.version)
    items = resource["item"]
    assert [i["linkId"] for i in items] == [q.id for q in CONTENT.questions]
    for item, question in zip(items, CONTENT.questions, strict=True):
        assert item["text"] == question.text
        assert item["type"] == "choice" and item["required"] is True
        assert item["repeats"] == (question.kind == "multiple")
        codings = [o["valueCoding"] for o in item["answerOption"]]
        assert [c["code"] for c in codings] == [o.id for o in question.options]
        assert [c["display"] for c in codings] == [o.text for o in question.options]
        assert {c["system"] for c in codings} == {option_system(question.id)}
        conditional = "enableWhen" in item or any(
            e["url"] == ENABLE_WHEN_EXPRESSION for e in item.get("extension", [])
        )
        assert conditional == (question.show_if is not None), question.id


def test_every_enable_when_says_what_show_if_says() -> None:
    """Read from the FHIR alone, each condition agrees with the content's on 3,000 answer sets."""
    items = {i["linkId"]: i for i in parsed_questionnaire()["item"]}
    conditional = [q for q in CONTENT.questions if q.show_if is not None]
    assert len(conditional) >= 5
    flat = [q.id for q in conditional if "enableWhen" in items[q.id]]
    assert {"four_steps", "ankle_tap", "toes_first"} <= set(flat)
    rng = random.Random(18)
    seen: dict[str, set[bool]] = {q.id: set() for q in conditional}
    for _ in range(3000):
        answers = random_answers(CONTENT, rng)
        found = base_findings(CONTENT, answers)
        for question in conditional:
            assert question.show_if is not None
            expected = holds(question.show_if, answers, found)
            assert enabled(items[question.id], answers) == expected, (question.id, answers)
            seen[question.id].add(expected)
    assert all(outcomes == {True, False} for outcomes in seen.values()), seen


def read_assessment(resource: dict) -> dict:
    """The assessment extension, as plain values."""
    (extension,) = [e for e in resource.get("extension", []) if e["url"] == ASSESSMENT_URL]
    found: dict = {"roots": [], "look_alikes": [], "rules": []}
    for part in extension["extension"]:
        url = part["url"]
        if url == "tier":
            found["tier"] = part["valueCoding"]["code"]
        elif url == "spine-band":
            found["band"] = part["valueCoding"]["code"]
        elif url == "spine-score":
            found["score"] = part["valueInteger"]
        elif url == "look-alike":
            found["look_alikes"].append(part["valueCoding"]["code"])
        elif url == "urgency-rule":
            found["rules"].append(part["valueCoding"]["code"])
        elif url == "nerve-root":
            fields = {f["url"]: f for f in part["extension"]}
            found["roots"].append(
                (
                    fields["root"]["valueCoding"]["code"],
                    fields["confidence"]["valueString"],
                    fields["points"]["valueInteger"],
                    fields["disc"]["valueString"] if "disc" in fields else None,
                )
            )
    return found


def test_a_thousand_random_checks_round_trip_through_fhir() -> None:
    today = datetime.date.today().isoformat()  # links made now carry today
    rng = random.Random(1000)
    emergencies = 0
    for _ in range(1000):
        answers = random_finished(CONTENT, rng)
        token = link_token(answers)
        model = QuestionnaireResponse.model_validate(json.loads(response_json(token)))
        resource = json.loads(model.model_dump_json(exclude_none=True))
        assert resource["questionnaire"] == f"{QUESTIONNAIRE_URL}|{CONTENT.version}"
        assert resource["status"] == "completed"
        assert answers_of(resource) == effective_answers(CONTENT, answers)
        result = assess(CONTENT, answers)
        emergencies += result.is_emergency
        got = read_assessment(resource)
        assert got["tier"] == result.urgency.tier.value
        assert got.get("band") == (result.spine.band if result.spine else None)
        assert got.get("score") == (result.spine.score if result.spine else None)
        assert got["roots"] == [(r.root, r.confidence, r.points, r.disc) for r in result.roots]
        assert got["look_alikes"] == [a.id for a in result.look_alikes]
        assert got["rules"] == result.workings.urgency
        assert resource["authored"] == today  # the day in the link, day precision only
    assert 0 < emergencies < 1000


def test_the_day_taken_is_the_authored_date() -> None:
    answers = random_finished(CONTENT, random.Random(3))
    day = datetime.date(2026, 11, 26)
    resource = questionnaire_response(CONTENT, CONTENT.version, answers, taken=day)
    parsed = QuestionnaireResponse.model_validate(json.loads(validated_json(resource)))
    assert str(parsed.authored) == "2026-11-26"
    assert "extension" not in resource  # no result given: no assessment


# ----- the routes, through the same wrappers as the app ----------------------------------------


async def elsewhere(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands in for the rest of the app: any other path."""
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"the app"})


def fetch(path: str, tmp_path: Path, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request through with_headers(with_fhir(app)), as footquiz.py stacks them."""
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "headers": [(b"host", b"localhost")],
    }
    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        messages.append(message)

    app = with_headers(with_fhir(elsewhere), static_dir=tmp_path)
    with ThreadPoolExecutor(1) as pool:  # Playwright may run a loop in this thread
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start, body = messages
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, body["body"]


def forged() -> str:
    token = link_token(random_finished(CONTENT, random.Random(7)))
    return token[:12] + ("A" if token[12] != "A" else "B") + token[13:]


@pytest.mark.parametrize(
    "token",
    ["garbage", "forged", "A" * 10_240, "%C3%A9t%C3%A9", ""],
    ids=["garbage", "forged", "too-long", "non-ascii", "empty"],
)
def test_a_bad_link_gets_an_operation_outcome_404(token: str, tmp_path: Path) -> None:
    token = forged() if token == "forged" else token
    status, headers, body = fetch("/fhir/QuestionnaireResponse/" + token, tmp_path)
    assert status == 404
    assert headers["content-type"].startswith(MEDIA_TYPE)
    outcome = OperationOutcome.model_validate(json.loads(body))
    assert outcome.issue[0].code == "not-found"
    assert CSP.lower() in headers  # the security headers, as on every response
    assert "access-control-allow-origin" not in headers


def test_the_routes_answer_fhir_and_leave_the_rest_to_the_app(tmp_path: Path) -> None:
    token = link_token(random_finished(CONTENT, random.Random(11)))
    status, headers, body = fetch("/fhir/QuestionnaireResponse/" + token, tmp_path)
    assert status == 200 and headers["content-type"].startswith(MEDIA_TYPE)
    assert headers["cache-control"] == "no-store"
    assert json.loads(body)["resourceType"] == "QuestionnaireResponse"
    status, headers, body = fetch("/fhir/Questionnaire/footquiz", tmp_path)
    assert status == 200 and json.loads(body)["version"] == str(CONTENT.version)
    status, _, body = fetch("/fhir/Patient/1", tmp_path)
    assert status == 404 and json.loads(body)["resourceType"] == "OperationOutcome"
    status, headers, _ = fetch("/fhir/Questionnaire/footquiz", tmp_path, method="POST")
    assert status == 405 and headers["allow"] == "GET, HEAD"
    assert fetch("/quiz", tmp_path)[2] == b"the app"
