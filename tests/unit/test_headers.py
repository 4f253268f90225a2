"""Security headers, origin checks and the honest 404 for bad result links, on a stand-in app."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import html
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from walks import random_finished

from footquiz.config import require_origin
from footquiz.content import get_content
from footquiz.headers import (
    APP_SCRIPT,
    BOOT_HASH,
    BOOT_JS,
    CSP,
    HEADERS,
    HSTS,
    accepted_encoding,
    compact,
    content_security_policy,
    edit_page,
    with_headers,
)
from footquiz.sharing import link_token

PAGE = """<!DOCTYPE html><html><head><script>window.boot = 1 < 2;</script>
<style data-emotion="css x">.x{width:1px}</style><script src="/a.js"></script>
<link rel="modulepreload" href="/assets/entry.client-x1.js"/></head>
<body><script type="module">import "/b.js";</script></body></html>"""
INLINE = ["window.boot = 1 < 2;", 'import "/b.js";']


async def shell(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands in for the static server: every path gets the page shell, and says which."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    body = f"shell for {scope['path']}".encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def call(scope: Scope, static_dir: Path, inner: ASGIApp = shell) -> list[Message]:
    """Run one request through the middleware (around ``inner``); the messages sent back."""
    messages: list[Message] = []

    async def receive() -> Message:
        if scope["type"] == "websocket":
            return {"type": "websocket.connect"}
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        messages.append(message)

    # A thread of its own: the browser tests' Playwright may already run a loop in this one.
    with ThreadPoolExecutor(1) as pool:
        app = with_headers(inner, static_dir=static_dir)
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return messages


def request(
    path: str, headers: dict[str, str] | None = None, kind: str = "http"
) -> dict[str, object]:
    return {
        "type": kind,
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "headers": [(k.encode(), v.encode()) for k, v in (headers or {}).items()],
    }


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """A stand-in for Reflex's build folder: one prerendered page with inline code."""
    (tmp_path / "quiz").mkdir()
    (tmp_path / "quiz" / "index.html").write_text(PAGE)
    return tmp_path


def get(path: str, build: Path, headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
    start, body = call(request(path, headers), build)
    found = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], found, body["body"].decode()


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_every_response_carries_the_security_headers(build: Path) -> None:
    status, headers, _ = get("/", build)
    assert status == 200
    for name, value in HEADERS.items():
        assert headers[name.lower()] == value
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "camera=()" in headers["permissions-policy"]
    assert HSTS.lower() not in headers  # only when the app is configured on https


def test_the_policy_allows_our_origin_and_the_prerendered_inline_code_by_hash_only(
    build: Path,
) -> None:
    policy = directives(get("/", build)[1][CSP.lower()])
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    # No 'unsafe-eval' (the red-team's finding 14): the app runs no rx.call_script.
    # footquiz's own inline script (footquiz/boot.js) too.
    assert set(policy["script-src"]) == {"'self'", BOOT_HASH, *map(sha, INLINE)}
    assert set(policy["style-src"]) == {"'self'", sha(""), sha(".x{width:1px}")}
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]
    for values in policy.values():
        assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values
        assert "*" not in values and "https:" not in values


def test_a_configured_https_origin_adds_its_websocket_and_hsts(
    build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOOTQUIZ_ORIGIN", "https://quiz.example/")
    _, headers, _ = get("/", build)
    assert directives(headers[CSP.lower()])["connect-src"] == ["'self'", "wss://quiz.example"]
    assert headers[HSTS.lower()] == "max-age=31536000"


def test_without_a_build_the_policy_still_allows_no_inline_code(tmp_path: Path) -> None:
    policy = directives(content_security_policy())
    assert policy["script-src"] == ["'self'", BOOT_HASH]  # footquiz/boot.js
    assert policy["style-src"] == ["'self'", sha("")]  # Emotion's empty <style> tags
    assert get("/", tmp_path / "missing")[1][CSP.lower()] == content_security_policy()


@pytest.mark.parametrize("mode", ["prod", "dev"])
def test_other_origins_are_refused_in_prod_only(
    build: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("REFLEX_ENV_MODE", mode)
    monkeypatch.delenv("FOOTQUIZ_ORIGIN", raising=False)
    own = {"host": "127.0.0.1:3000", "origin": "http://127.0.0.1:3000"}
    foreign = {"host": "127.0.0.1:3000", "origin": "https://evil.example"}
    assert get("/ping", build, own)[0] == 200
    assert get("/ping", build, {"host": "127.0.0.1:3000"})[0] == 200  # no Origin: no browser
    status, headers, body = get("/ping", build, foreign)
    assert status == (403 if mode == "prod" else 200)
    assert headers["x-frame-options"] == "DENY"
    if mode == "prod":
        assert body == "Cross-origin request refused.\n"
    socket = call(request("/_event/", foreign, kind="websocket"), build)
    assert socket[0]["type"] == ("websocket.close" if mode == "prod" else "websocket.accept")
    assert call(request("/_event/", own, kind="websocket"), build)[0]["type"] == (
        "websocket.accept"
    )


def test_a_configured_origin_is_the_only_one_let_in(
    build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFLEX_ENV_MODE", "prod")
    monkeypatch.setenv("FOOTQUIZ_ORIGIN", "https://quiz.example, https://kiosk.example")
    host = {"host": "internal:3000"}  # behind a proxy the app sees its own address
    assert get("/", build, {**host, "origin": "https://quiz.example"})[0] == 200
    assert get("/", build, {**host, "origin": "https://kiosk.example"})[0] == 200
    assert get("/", build, {**host, "origin": "http://internal:3000"})[0] == 403
    assert get("/", build, {**host, "origin": "null"})[0] == 403
    # Scheme and port count too, and only the form browsers send (red-team finding 13).
    for other in ["http://quiz.example", "https://quiz.example:8443", "HTTPS://quiz.example"]:
        assert get("/", build, {**host, "origin": other})[0] == 403, other
    for other in ["https://user@quiz.example", "https://quiz.example.evil.example"]:
        assert get("/", build, {**host, "origin": other})[0] == 403, other
    # A DNS-rebinding page: its own name in both Host and Origin.
    rebound = {"host": "rebind.evil.example", "origin": "https://rebind.evil.example"}
    assert get("/", build, rebound)[0] == 403


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://127.0.0.1:3000", True),
        ("https://127.0.0.1:3000", False),  # another scheme
        ("http://127.0.0.1:3001", False),  # another port
        ("http://127.0.0.1", False),  # the default port is another port
        ("HTTP://127.0.0.1:3000", False),  # no browser writes it so
        ("http://127.0.0.1:3000/", False),
        ("http://user@127.0.0.1:3000", False),
        ("http://127.0.0.1:3000.evil.example", False),
    ],
)
def test_without_a_configured_origin_scheme_host_and_port_must_match_the_request(
    build: Path, monkeypatch: pytest.MonkeyPatch, origin: str, allowed: bool
) -> None:
    monkeypatch.setenv("REFLEX_ENV_MODE", "prod")
    monkeypatch.delenv("FOOTQUIZ_ORIGIN", raising=False)
    status = get("/ping", build, {"host": "127.0.0.1:3000", "origin": origin})[0]
    assert status == (200 if allowed else 403)


def test_prod_refuses_to_start_without_the_apps_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLEX_ENV_MODE", "prod")
    monkeypatch.delenv("FOOTQUIZ_ORIGIN", raising=False)
    with pytest.raises(SystemExit, match="FOOTQUIZ_ORIGIN"):
        require_origin()
    monkeypatch.setenv("FOOTQUIZ_ORIGIN", "https://quiz.example")
    require_origin()
    monkeypatch.setenv("REFLEX_ENV_MODE", "dev")
    monkeypatch.delenv("FOOTQUIZ_ORIGIN")
    require_origin()


async def redirecting(scope: Scope, receive: Receive, send: Send) -> None:
    """A server that builds its redirect from the Host header, as Starlette's does."""
    host = dict(scope["headers"])[b"host"].decode()
    location = f"http://{host}{scope['path']}/"
    await send(
        {
            "type": "http.response.start",
            "status": 307,
            "headers": [(b"location", location.encode())],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def test_redirects_never_follow_the_host_header(
    build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The red-team got ``location: http://evil.example/quiz/`` by sending that Host."""

    def location() -> str:
        messages: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async def send(message: Message) -> None:
            messages.append(message)

        app = with_headers(redirecting, static_dir=build)
        scope = request("/quiz", {"host": "evil.example"})
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, app(scope, receive, send)).result()
        return dict(messages[0]["headers"])[b"location"].decode()

    monkeypatch.delenv("FOOTQUIZ_ORIGIN", raising=False)
    monkeypatch.delenv("FOOTQUIZ_PUBLIC_URL", raising=False)
    assert location() == "/quiz/"
    monkeypatch.setenv("FOOTQUIZ_ORIGIN", "https://quiz.example")
    assert location() == "https://quiz.example/quiz/"


def test_a_good_link_is_a_page_and_a_bad_one_is_a_404_with_the_same_shell(build: Path) -> None:
    token = link_token(random_finished(get_content(), random.Random(1)))
    assert get("/r/" + token, build)[0] == 200
    for bad in ["nonsense", token[:-1], "A" * 10_240, "/r/%E2%9C%93"]:
        status, headers, body = get("/r/" + bad, build)
        assert status == 404, bad
        assert body == "shell for /r/invalid"  # a short stand-in path the shell can serve
        assert CSP.lower() in headers


def serve_page(path: str, build: Path, headers: dict[str, str] | None = None) -> list[Message]:
    """One page load through the middleware from a static server that sends ``PAGE`` in parts."""
    shell_page = PAGE.encode()

    async def static(scope: Scope, receive: Receive, send: Send) -> None:
        sent = [(b"content-length", str(len(shell_page)).encode())]
        sent.append((b"content-type", b"text/html; charset=utf-8"))
        await send({"type": "http.response.start", "status": 200, "headers": sent})
        await send({"type": "http.response.body", "body": shell_page[:50], "more_body": True})
        await send({"type": "http.response.body", "body": shell_page[50:]})

    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        messages.append(message)

    with ThreadPoolExecutor(1) as pool:
        app = with_headers(static, static_dir=build)
        browser = {"accept": "text/html,application/xhtml+xml", **(headers or {})}
        pool.submit(asyncio.run, app(request(path, browser), receive, send)).result()
    return messages


def test_a_good_link_sends_the_whole_result_in_the_page_itself(build: Path) -> None:
    """No blank page on a slow phone, and it reads with JavaScript off: the result is sent."""
    import datetime

    from footquiz.engine.assess import assess

    answers = random_finished(get_content(), random.Random(3))
    token = link_token(answers, "es", "gb", datetime.date(2026, 11, 25))
    start, body = serve_page("/r/" + token, build)
    page = body["body"].decode()
    content = get_content("es", "gb")
    result = assess(content, answers)
    # Before the page's scripts, where React's hydration of <body> skips it.
    assert '<body><div class="app early"' in page
    assert "Cuestionario hecho el 25 de noviembre de 2026" in page
    for line in (result.urgency.title, result.urgency.action, *result.get_help_sooner):
        assert html.escape(line, quote=False) in page
    for card in result.treatments:
        assert html.escape(card.title, quote=False) in page
    found = {k.decode(): v.decode() for k, v in start["headers"]}
    assert int(found["content-length"]) == len(body["body"])
    # Compressed when the browser takes it (it is sent uncompressed only to those that do not).
    start, body = serve_page("/r/" + token, build, {"accept-encoding": "gzip, br"})
    found = {k.decode(): v.decode() for k, v in start["headers"]}
    assert found["content-encoding"] == "br" and "accept-encoding" in found["vary"].lower()
    assert brotli.decompress(body["body"]).decode() == page
    start, body = serve_page("/r/" + token, build, {"accept-encoding": "gzip"})
    assert gzip.decompress(body["body"]).decode() == page
    # An older or a bad link gets the shell as it is.
    assert "app early" not in get("/r/nonsense", build)[2]


def test_a_questions_address_sends_that_question_in_the_page_itself(build: Path) -> None:
    """/quiz sends the first question, /quiz/<id> its own; any other address nothing more."""
    english = get_content()
    first, other = english.questions[0], english.questions[3]
    for path, question in (("/quiz", first), (f"/quiz/{other.id}", other)):
        page = serve_page(path, build, {"accept-language": "es-ES"})[1]["body"].decode()
        spanish = get_content("es", "es").question(question.id)
        assert spanish is not None and html.escape(spanish.text, quote=False) in page
        for option in spanish.options:
            assert html.escape(option.text, quote=False) in page
        assert f'data-screen="{question.id}"' in page
    assert "app early" not in serve_page("/quiz/no_such_question", build)[1]["body"].decode()
    assert "app early" not in serve_page("/", build)[1]["body"].decode()


def test_a_page_load_starts_the_framework_after_the_first_paint(build: Path) -> None:
    """Its 140 KiB do not compete with the stylesheet: inert until footquiz/boot.js starts them."""
    page = serve_page("/", build)[1]["body"].decode()
    assert '<link rel="x-modulepreload" href="/assets/entry.client-x1.js"/>' in page
    assert 'rel="modulepreload"' not in page and '<script type="module"' not in page
    assert '<script type="text/x-fq-boot" id="fq-boot">import "/b.js";</script>' in page
    # footquiz/boot.js, inline (allowed by its hash), inside a <div> React's hydration skips.
    assert f"<body><div hidden><script>{BOOT_JS}</script></div><script" in page
    # A script asking for the same address is not a page load: nothing is edited.
    _, *parts = serve_page("/", build, {"accept": "*/*"})
    assert b"x-modulepreload" not in b"".join(part["body"] for part in parts)
    # A page with more than one inline module (the dev server's) keeps its scripts as they are.
    two = PAGE.replace("</body>", '<script type="module">import "/c.js";</script></body>')
    edited = edit_page(two.encode(), b"").decode()
    assert "fq-boot" not in edited and 'rel="modulepreload"' in edited


def test_brotli_first_then_gzip_then_as_it_is() -> None:
    """The encoding a page is sent in, from what the browser says it takes."""
    for header, encoding in (
        ("gzip, deflate, br, zstd", "br"),
        ("gzip, br;q=0", "gzip"),
        ("gzip;q=0.5", "gzip"),
        ("identity", ""),
        ("", ""),
    ):
        assert accepted_encoding(request("/", {"accept-encoding": header})) == encoding


def test_scripts_and_styles_carry_no_page_only_headers(build: Path) -> None:
    """A script or stylesheet is never shown as a page: no CSP, frame or feature policy."""

    async def script(scope: Scope, receive: Receive, send: Send) -> None:
        kind = [(b"content-type", b"text/javascript; charset=utf-8")]
        await send({"type": "http.response.start", "status": 200, "headers": kind})
        await send({"type": "http.response.body", "body": b"export {};"})

    messages = call(request("/assets/a.js"), build, script)
    found = {k.decode().lower(): v.decode() for k, v in messages[0]["headers"]}
    assert found["x-content-type-options"] == "nosniff"
    assert found["referrer-policy"] == "no-referrer"
    assert found["cross-origin-resource-policy"] == "same-origin"
    for name in (CSP, "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy"):
        assert name.lower() not in found


def test_the_apps_script_is_sent_compact_and_compressed(build: Path) -> None:
    """assets/footquiz.js, on every page: the same statements, no comments, fewer bytes."""
    source = (Path(__file__).parents[2] / "assets" / "footquiz.js").read_text(encoding="utf-8")

    async def static(scope: Scope, receive: Receive, send: Send) -> None:
        # Asked for it as it is (it is compressed after the edit), as a browser's cache knows it.
        assert all(name != b"accept-encoding" for name, _ in scope["headers"])
        body = source.encode("utf-8")
        headers = [
            (b"content-type", b"text/javascript; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"etag", b'"v1"'),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    asked = request(APP_SCRIPT, {"accept-encoding": "gzip, deflate, br"})
    start, body = call(asked, build, static)
    found = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    assert found["content-encoding"] == "br" and found["etag"] == '"v1"'
    assert int(found["content-length"]) == len(body["body"])
    sent = brotli.decompress(body["body"]).decode("utf-8")
    assert sent == compact(source)
    code = [line.strip() for line in source.splitlines() if not line.strip().startswith("//")]
    assert sent.splitlines() == [line for line in code if line]
    assert len(body["body"]) < 0.7 * len(brotli.compress(source.encode("utf-8"), quality=11))


def served(kind: bytes, build: Path, extra: list[tuple[bytes, bytes]] | None = None) -> dict:
    """The headers the middleware sends for a file of this content type."""

    async def file(scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", kind), *(extra or [])]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"<svg/>"})

    messages = call(request("/icons/icon.svg"), build, file)
    return {k.decode().lower(): v.decode() for k, v in messages[0]["headers"]}


def test_a_document_that_is_no_page_gets_a_policy_that_lets_nothing_run(build: Path) -> None:
    """An SVG icon opened on its own: nothing may run or load in it, and it may not be framed."""
    found = served(b"image/svg+xml", build)
    assert directives(found[CSP.lower()]) == {
        "default-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    assert found["x-frame-options"] == "DENY" and found["x-content-type-options"] == "nosniff"
    assert "permissions-policy" not in found


def test_no_bytes_a_browser_does_not_need(build: Path) -> None:
    """No byte ranges, the ETag without Last-Modified, each Vary name once."""
    extra = [
        (b"accept-ranges", b"bytes"),
        (b"etag", b'"abc"'),
        (b"last-modified", b"Sun, 06 Dec 2026 12:25:03 GMT"),
        (b"vary", b"Accept-Encoding, Origin, Origin, accept-encoding"),
    ]
    found = served(b"text/javascript", build, extra)
    assert found["etag"] == '"abc"' and found["vary"] == "Accept-Encoding, Origin"
    assert "accept-ranges" not in found and "last-modified" not in found


def test_a_page_loads_policy_names_only_its_own_inline_scripts(build: Path) -> None:
    """Stricter and shorter than all the pages' together: this page's scripts and boot.js."""
    (build / "other.html").write_text("<html><body><script>window.other = 1;</script></body>")
    start, *_ = serve_page("/", build)
    found = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    scripts = directives(found[CSP.lower()])["script-src"]
    assert set(scripts) == {"'self'", BOOT_HASH, *map(sha, INLINE)}
    assert sha("window.other = 1;") in directives(get("/", build)[1][CSP.lower()])["script-src"]
