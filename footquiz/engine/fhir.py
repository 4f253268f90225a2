"""FHIR R4 renderings of the content and of a result link: Questionnaire, QuestionnaireResponse.

Pure Python, no reflex import. The Questionnaire is generated from the content: one ``choice``
item per question, its linkId the question id, its answer options coded with the option ids,
``enableWhen`` from the question's ``show_if`` and the content version as ``version``. A
condition that FHIR's flat enableWhen cannot say (an ``all`` of which one part is an ``any``)
is given as the SDC ``enableWhenExpression`` (FHIRPath) instead. The QuestionnaireResponse holds
a link's answers and, for a check of the current version, the engine's assessment as one
complex extension (tier, spine band and score, nerve roots, look-alikes, the deciding rules).
Both are validated with the ``fhir.resources`` models (R4B, whose Questionnaire and
QuestionnaireResponse are R4's) before they leave the server.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

from footquiz.engine.model import Answers, Assessment, Condition, Content, Question

NS = "urn:footquiz"
QUESTIONNAIRE_URL = f"{NS}:questionnaire"
QUESTIONNAIRE_ID = "footquiz"
ASSESSMENT_URL = f"{NS}:extension:assessment"
ENABLE_WHEN_EXPRESSION = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
)
TIER_SYSTEM = f"{NS}:tier"
BAND_SYSTEM = f"{NS}:spine-band"
ROOT_SYSTEM = f"{NS}:nerve-root"
LOOK_ALIKE_SYSTEM = f"{NS}:look-alike"
RULE_SYSTEM = f"{NS}:urgency-rule"
MEDIA_TYPE = "application/fhir+json"
Resource = dict[str, Any]
Behavior = Literal["all", "any"]


def option_system(question_id: str) -> str:
    """The code system of one question's options.

    Each question has its own: "big_toe" is a place in one question and a muscle test in another.
    """
    return f"{QUESTIONNAIRE_URL}:{question_id}"


def _coding(system: str, code: str, display: str | None = None) -> Resource:
    coding = {"system": system, "code": code}
    return {**coding, "display": display} if display else coding


def _expand(content: Content, condition: Condition) -> Condition:
    """The condition with each named finding replaced by the answers it stands for."""
    if condition.finding is not None:
        finding = next((f for f in content.findings if f.id == condition.finding), None)
        if finding is None:
            raise ValueError(f"show_if may only name findings from answers: {condition.finding}")
        return _expand(content, finding.when)
    if condition.all_ is not None:
        return Condition(all=[_expand(content, c) for c in condition.all_])
    if condition.any_ is not None:
        return Condition(any=[_expand(content, c) for c in condition.any_])
    if condition.not_ is not None:
        return Condition(**{"not": _expand(content, condition.not_)})
    return condition


def _flat(condition: Condition, behavior: Behavior) -> list[Resource] | None:
    """The condition as enableWhen entries combined by ``behavior``, or None if it cannot be."""
    if condition.answer is not None:
        options = condition.is_ or []
        if behavior == "all" and len(options) > 1:
            return None
        return [
            {
                "question": condition.answer,
                "operator": "=",
                "answerCoding": _coding(option_system(condition.answer), o),
            }
            for o in options
        ]
    inner = condition.not_
    if inner is not None:
        if inner.answer is None or (behavior == "any" and len(inner.is_ or []) > 1):
            return None
        return [
            {
                "question": inner.answer,
                "operator": "!=",
                "answerCoding": _coding(option_system(inner.answer), o),
            }
            for o in inner.is_ or []
        ]
    parts = condition.all_ if condition.all_ is not None else condition.any_
    joined: Behavior = "all" if condition.all_ is not None else "any"
    if parts is None or (joined != behavior and len(parts) > 1):
        return None
    entries: list[Resource] = []
    for part in parts:
        found = _flat(part, behavior)
        if found is None:
            return None
        entries += found
    return entries


def fhirpath(condition: Condition) -> str:
    """An expanded condition (no findings) as a FHIRPath test on the QuestionnaireResponse."""
    if condition.answer is not None:
        codes = " | ".join(f"'{o}'" for o in condition.is_ or [])
        return (
            f"%resource.repeat(item).where(linkId = '{condition.answer}')"
            f".answer.value.ofType(Coding).where(code in ({codes})).exists()"
        )
    if condition.not_ is not None:
        return f"({fhirpath(condition.not_)}).not()"
    parts = condition.all_ if condition.all_ is not None else condition.any_ or []
    word = " and " if condition.all_ is not None else " or "
    return word.join(f"({fhirpath(p)})" for p in parts)


def enable_when(content: Content, question: Question) -> Resource:
    """The item fields that say when a question is shown: enableWhen, or an SDC expression."""
    if question.show_if is None:
        return {}
    condition = _expand(content, question.show_if)
    for behavior in ("all", "any"):
        entries = _flat(condition, behavior)  # type: ignore[arg-type]
        if entries is not None:
            fields: Resource = {"enableWhen": entries}
            return {**fields, "enableBehavior": behavior} if len(entries) > 1 else fields
    expression = {"language": "text/fhirpath", "expression": fhirpath(condition)}
    return {"extension": [{"url": ENABLE_WHEN_EXPRESSION, "valueExpression": expression}]}


def questionnaire(content: Content) -> Resource:
    """The check as a FHIR Questionnaire: every question, option and condition, in order."""
    items = []
    for q in content.questions:
        item: Resource = {
            "linkId": q.id,
            "text": q.text,
            "type": "choice",
            "required": True,
            "repeats": q.kind == "multiple",
            "answerOption": [
                {"valueCoding": _coding(option_system(q.id), o.id, o.text)} for o in q.options
            ],
        }
        items.append({**item, **enable_when(content, q)})
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "url": QUESTIONNAIRE_URL,
        "version": str(content.version),
        "name": "Footquiz",
        "title": content.welcome.title,
        "status": "active",
        "subjectType": ["Patient"],
        "description": content.disclaimer,
        "item": items,
    }


def assessment_extension(result: Assessment) -> Resource:
    """The engine's assessment as one complex extension (what the check concluded, and why)."""
    parts: list[Resource] = [
        {"url": "tier", "valueCoding": _coding(TIER_SYSTEM, result.urgency.tier.value)}
    ]
    if result.spine is not None:
        parts.append({"url": "spine-band", "valueCoding": _coding(BAND_SYSTEM, result.spine.band)})
        parts.append({"url": "spine-score", "valueInteger": result.spine.score})
    for root in result.roots:
        fields: list[Resource] = [
            {"url": "root", "valueCoding": _coding(ROOT_SYSTEM, root.root)},
            {"url": "confidence", "valueString": root.confidence},
            {"url": "points", "valueInteger": root.points},
        ]
        if root.disc:
            fields.append({"url": "disc", "valueString": root.disc})
        parts.append({"url": "nerve-root", "extension": fields})
    parts += [
        {"url": "look-alike", "valueCoding": _coding(LOOK_ALIKE_SYSTEM, a.id, a.name)}
        for a in result.look_alikes
    ]
    parts += [
        {"url": "urgency-rule", "valueCoding": _coding(RULE_SYSTEM, rule_id)}
        for rule_id in result.workings.urgency
    ]
    return {"url": ASSESSMENT_URL, "extension": parts}


def questionnaire_response(
    content: Content,
    version: int,
    answers: Answers,
    result: Assessment | None = None,
    taken: datetime.date | None = None,
    retired: Mapping[str, str] = MappingProxyType({}),
) -> Resource:
    """A result link's answers as a QuestionnaireResponse to the Questionnaire of ``version``.

    ``result`` (the current version only) adds the assessment; ``retired`` gives the words of
    ids an older version had; ``taken`` is the day the check was done, when the link says.
    """
    items = []
    for question_id, chosen in answers.items():
        question = content.question(question_id)
        text = question.text if question else retired.get(question_id)
        answer = []
        for option_id in chosen:
            option = question.option(option_id) if question else None
            display = option.text if option else retired.get(f"{question_id}.{option_id}")
            answer.append({"valueCoding": _coding(option_system(question_id), option_id, display)})
        item: Resource = {"linkId": question_id, "answer": answer}
        items.append({**item, "text": text} if text else item)
    resource: Resource = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{version}",
        "status": "completed",
        "item": items,
    }
    if taken is not None:
        resource["authored"] = taken.isoformat()
    if result is not None:
        resource["extension"] = [assessment_extension(result)]
    return resource


def answers_of(response: Resource) -> Answers:
    """The answers a QuestionnaireResponse holds, by linkId and option code."""
    return {
        item["linkId"]: tuple(a["valueCoding"]["code"] for a in item.get("answer", []))
        for item in response.get("item", [])
    }


def operation_outcome(code: str, text: str) -> Resource:
    """An error as FHIR says it: one issue with its code (such as "not-found") and words."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": text}],
    }


def validated_json(resource: Resource) -> bytes:
    """The resource as JSON, once the fhir.resources model of its type accepts it.

    Raises pydantic's ValidationError for a resource that is not valid FHIR.
    """
    from fhir.resources.R4B import get_fhir_model_class

    model = get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    checked = json.loads(model.model_dump_json(exclude_none=True))
    return json.dumps(checked, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
