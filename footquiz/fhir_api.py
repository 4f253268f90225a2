"""The FHIR endpoints: the check as a Questionnaire, a result link as a QuestionnaireResponse.

``GET /fhir/Questionnaire/footquiz`` and ``GET /fhir/QuestionnaireResponse/<token>`` (the token
of a result link). Nothing is stored: the response is worked out from the link, like the
result page. A bad link, or any other path under /fhir/, gets an OperationOutcome with 404.
This wraps the app inside :func:`footquiz.headers.with_headers`, so the security headers and
the origin checks (no cross-site reads in prod) apply here as on every other response.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import unquote

from starlette.types import ASGIApp, Receive, Scope, Send

from footquiz.content import DEFAULT_REGION, get_codebooks, get_content
from footquiz.engine.assess import assess
from footquiz.engine.fhir import (
    MEDIA_TYPE,
    QUESTIONNAIRE_ID,
    operation_outcome,
    questionnaire,
    questionnaire_response,
    validated_json,
)
from footquiz.sharing import ShareLinkError, open_link

FHIR_PREFIX = "/fhir/"
QUESTIONNAIRE_PATH = f"{FHIR_PREFIX}Questionnaire/{QUESTIONNAIRE_ID}"
RESPONSE_PREFIX = f"{FHIR_PREFIX}QuestionnaireResponse/"
FHIR_LANGUAGE = "en"
"""Both resources speak the content's own language, so a response's texts match its form."""


@lru_cache(maxsize=1)
def questionnaire_json() -> bytes:
    """The Questionnaire of the current content, validated once."""
    return validated_json(questionnaire(get_content(FHIR_LANGUAGE)))


def response_json(token: str) -> bytes:
    """A result link's answers (and, for the current version, its result) as FHIR JSON.

    Raises :class:`ShareLinkError` for a bad link.
    """
    shared, _, region = open_link(token)
    content = get_content(FHIR_LANGUAGE, region or DEFAULT_REGION)
    result = assess(content, shared.answers) if shared.is_current else None
    retired = get_codebooks().retired_words(FHIR_LANGUAGE)
    resource = questionnaire_response(
        content, shared.version, shared.answers, result, shared.taken, retired
    )
    return validated_json(resource)


def fhir_response(method: str, path: str) -> tuple[int, bytes]:
    """Status and body for a request under /fhir/."""
    if method not in ("GET", "HEAD"):
        return 405, validated_json(operation_outcome("not-supported", "Only GET is supported."))
    if path.rstrip("/") == QUESTIONNAIRE_PATH:
        return 200, questionnaire_json()
    if path.startswith(RESPONSE_PREFIX):
        try:
            return 200, response_json(unquote(path[len(RESPONSE_PREFIX) :]).strip("/"))
        except ShareLinkError:
            outcome = operation_outcome("not-found", "This result link is not valid.")
            return 404, validated_json(outcome)
    return 404, validated_json(operation_outcome("not-found", "No such FHIR resource here."))


def with_fhir(app: ASGIApp) -> ASGIApp:
    """Answer requests under /fhir/ here; pass every other request on to ``app``."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(FHIR_PREFIX):
            await app(scope, receive, send)
            return
        status, body = fhir_response(scope.get("method", "GET"), scope["path"])
        headers = [
            (b"content-type", f"{MEDIA_TYPE}; charset=utf-8".encode()),
            (b"content-length", str(len(body)).encode()),
            # The answers of a result: never kept by a browser or a shared cache.
            (b"cache-control", b"no-store"),
        ]
        if status == 405:
            headers.append((b"allow", b"GET, HEAD"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )

    return wrapped
