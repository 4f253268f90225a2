"""ASGI middleware: security headers on every response, origin checks, 404 for a bad result link.

Every HTTP response carries nosniff, no referrer and same-origin resource policy; every one a
browser may show as a page (all but scripts, styles, fonts and JSON) also a
Content-Security-Policy that allows only this origin plus what Reflex truly needs (each
allowance is explained in :func:`content_security_policy`), frame protection, and a
Permissions-Policy that denies what the app never uses.
In prod a request from a browser page on another origin (a cross-site fetch or websocket) is
refused: the app's own origin is ``FOOTQUIZ_ORIGIN`` if set, else the address the request came
to, compared by scheme, host and port. Redirects name the configured public address (or only
a path), never the Host header a client sent. The websocket and page loads go through the
limits of :mod:`footquiz.guard`. For a forged or broken result link this makes the HTTP status
honest (404) while the same friendly page is shown. The page as sent for a good result link and
for a question's address already holds that screen (:mod:`footquiz.prerender`): no blank page
on a slow phone while the app loads, and it reads with JavaScript off; the app's own screen
replaces it.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import brotli
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from footquiz import prerender
from footquiz.config import allowed_origins, is_prod, public_url
from footquiz.guard import RETRY_AFTER_S, busy_page, guard_socket, page_while_busy
from footquiz.sharing import (
    CLINICIAN_PREFIX,
    LINK_PREFIX,
    OpenedLink,
    ShareLinkError,
    open_link,
)

HEADERS = {
    # Treatment links open other sites: they must never learn a result link.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    # For browsers without CSP frame-ancestors; the CSP below says the same.
    "X-Frame-Options": "DENY",
    # Features the app never uses. The Share button uses the share sheet and the clipboard,
    # which stay allowed for this origin only (web-share is 'self' by default; Chromium on
    # Linux does not know its name, so naming it would only log a warning).
    "Permissions-Policy": (
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
        "encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), "
        "idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), "
        "publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
        "xr-spatial-tracking=(), clipboard-write=(self)"
    ),
    # No other site's window keeps a handle on ours, and no other site embeds our files.
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
DOCUMENT_ONLY = {"Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy"}
"""Headers (like the CSP) that browsers apply only to a page, left off scripts and styles."""
NEVER_DOCUMENTS = (
    "text/javascript",
    "application/javascript",
    "text/css",
    "font/",
    "application/json",
    "application/manifest+json",
)
"""Content types a browser never runs as a page (each response's headers cost about 1.5 KB)."""
CSP = "Content-Security-Policy"
NOT_A_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'"
"""The policy of a document that is no HTML page (an SVG icon, plain text): nothing runs in it.

Stricter than a page's, and 1.3 KB shorter (no script hashes); with nothing allowed to run, a
Permissions-Policy (:data:`PAGE_ONLY`) would add nothing.
"""
PAGE_ONLY = {"Permissions-Policy"}
HSTS = "Strict-Transport-Security"
HSTS_VALUE = "max-age=31536000"


class _InlineCode(HTMLParser):
    """Collects the text of inline ``<script>`` and ``<style>`` elements of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: tuple[list[str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._open = (self.scripts, [])
        elif tag == "style":
            self._open = (self.styles, [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag in ("script", "style"):
            found, parts = self._open
            found.append("".join(parts))
            self._open = None


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=4)
def _inline_hashes(static_dir: Path, _mtime_ns: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    scripts: set[str] = set()
    styles: set[str] = set()
    for page in sorted(static_dir.rglob("*.html")):
        parser = _InlineCode()
        parser.feed(page.read_text(encoding="utf-8"))
        scripts.update(_sha256(s) for s in parser.scripts)
        styles.update(_sha256(s) for s in parser.styles)
    return tuple(sorted(scripts)), tuple(sorted(styles))


def inline_hashes(static_dir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """CSP hashes of every inline script and style in the prerendered pages under a folder.

    Cached until the folder changes (a new build replaces its files).
    """
    try:
        mtime_ns = static_dir.stat().st_mtime_ns
    except OSError:
        return (), ()
    return _inline_hashes(static_dir, mtime_ns)


@lru_cache(maxsize=32)
def page_script_hashes(page: bytes) -> tuple[str, ...]:
    """CSP hashes of one page's own inline scripts (the few pages Reflex built are kept).

    A page load's policy names only these (and footquiz/boot.js's): about 0.5 KB less header
    than all the pages' together, and stricter. Nothing adds an inline script later (React
    Router's client navigations fetch modules, and no component renders a script).
    """
    parser = _InlineCode()
    parser.feed(page.decode("utf-8", errors="replace"))
    return tuple(sorted({_sha256(s) for s in parser.scripts}))


EMPTY_STYLE = _sha256("")


def content_security_policy(
    script_hashes: tuple[str, ...] = (),
    style_hashes: tuple[str, ...] = (),
    origins: tuple[str, ...] = (),
) -> str:
    """The Content-Security-Policy: nothing by default, then each allowance the app needs."""
    # The websocket to our own backend: 'self' covers ws:/wss: to this host in CSP 3 browsers;
    # a configured origin is also named with its websocket scheme for older ones.
    sockets = [o.replace("https://", "wss://", 1).replace("http://", "ws://", 1) for o in origins]
    directives = {
        # Anything not named below (frames, workers, media, objects, ...) is refused.
        "default-src": ["'none'"],
        # Our bundles, the inline boot scripts Reflex and React Router prerender into each
        # page and footquiz's own (footquiz/boot.js), allowed by hash, not wholesale. No
        # 'unsafe-eval': the app never uses rx.call_script (assets/footquiz.js listens
        # instead) and replaces Reflex's error notice, the two things Reflex runs through eval().
        "script-src": ["'self'", BOOT_HASH, *script_hashes],
        # Our stylesheets, and the <style> tags prerendered into pages, by hash. Emotion
        # (Reflex's CSS-in-JS) adds an empty <style> tag at run time and fills it through the
        # CSSOM, which CSP does not restrict: the empty tag is allowed by the hash of "".
        "style-src": ["'self'", *sorted({EMPTY_STYLE, *style_hashes})],
        # Icons, and the result's QR code, made on the server as an SVG data: URI.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "manifest-src": ["'self'"],
        # The /ping check and the Socket.IO websocket at /_event, both our own backend.
        "connect-src": ["'self'", *sockets],
        # The quiz forms are handled in the page; a stray submit may only stay here.
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


@lru_cache(maxsize=1)
def _static_dir() -> Path:
    """Where ``reflex run --env prod`` serves the prerendered pages from."""
    from reflex.utils.prerequisites import get_web_dir
    from reflex_base import constants

    return (get_web_dir() / constants.Dirs.STATIC).resolve()


def _page_link(path: str) -> tuple[str, OpenedLink | None]:
    """A result link page's prefix (/r/ or /clinician/) and its link opened, None if bad.

    ("", None) for any other page. Each page request opens its link once.
    """
    prefix = next((p for p in (LINK_PREFIX, CLINICIAN_PREFIX) if path.startswith(p)), "")
    if not prefix:
        return "", None
    try:
        return prefix, open_link(unquote(path[len(prefix) :]).strip("/"))
    except ShareLinkError:
        return prefix, None


def early_page(scope: Scope, prefix: str, opened: OpenedLink | None) -> bytes:
    """The screen as sent for a shared result or a question (:mod:`footquiz.prerender`), else b"".

    Only a page load (GET) of a current result link or of a question's address gets one.
    """
    if scope.get("method") != "GET":
        return b""
    path = scope.get("path", "")
    accept_language = _header(scope, b"accept-language") or ""
    if prefix == LINK_PREFIX and opened is not None and opened[0].is_current:
        return prerender.result_page(opened, accept_language, path).encode()
    question_id = prerender.question_id(path)
    if not prefix and question_id is not None:
        return prerender.question_page(question_id, accept_language, path).encode()
    return b""


def _is_page_load(scope: Scope) -> bool:
    """A browser loading a page (GET, asking for HTML), not a script, style or API call."""
    accept = (_header(scope, b"accept") or "").lower()
    return scope.get("method") == "GET" and "text/html" in accept


def _is_html(headers: MutableHeaders) -> bool:
    return headers.get("content-type", "").lower().startswith("text/html")


def _may_be_page(headers: MutableHeaders) -> bool:
    """Whether this is (or may be sniffed as) an HTML page: scripts of ours may run in it."""
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in ("", "text/html")


def _may_be_document(headers: MutableHeaders) -> bool:
    """Whether a browser may show this response as a page: all but scripts, styles, fonts, JSON."""
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    return not kind.startswith(NEVER_DOCUMENTS)


_BEFORE_BODY_SCRIPTS = re.compile(rb"<body[^>]*>.*?(?=<script|</body>)", re.DOTALL)
"""The body up to its first script: a prerendered page's own markup, if any."""
_MODULE_PRELOAD = re.compile(rb'<link rel="modulepreload" (href="[^"<>]*")/>')
_BOOT_MODULE = re.compile(rb'<script type="module"(?: async="")?>')


def compact(script: str) -> str:
    """A script of ours as sent: without its comment lines and indentation.

    One statement a line stays, so no semicolon is ever missing; no string of ours spans lines.
    """
    lines = (line.strip() for line in script.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


BOOT_JS = compact((Path(__file__).parent / "boot.js").read_text(encoding="utf-8"))
"""The page's one script of its own (:func:`edit_page`), inline and allowed by its hash."""
BOOT_HASH = _sha256(BOOT_JS)
# In a <div>, where React's hydration of <body> expects a script: it passes over the div and
# never claims the script inside as one of its own (it claims any inline script in order).
_BOOT = b"<div hidden>" + b"<script>" + BOOT_JS.encode("utf-8") + b"</script></div>"
APP_SCRIPT = "/footquiz.js"
"""The app's script (assets/footquiz.js), on every page: sent compact too (2.3 KiB, not 3.7)."""


def edit_page(page: bytes, early: bytes) -> bytes:
    """A page as sent: its screen (if any), and the framework started after the first paint.

    The screen goes after the page's own markup and before its scripts: it is in the first
    paint, and React's hydration of ``<body>`` skips it there (it expects a script). Reflex's
    page loads the framework (about 140 KiB: module preloads in the head and the module that
    boots React Router) as soon as it is parsed. Here those links become inert
    (``x-modulepreload``) and the boot module a script of an inert type (``fq-boot``), and
    ``footquiz/boot.js`` (inline, by its CSP hash) puts them back once the browser reports
    its first paint (Largest Contentful Paint, else First Paint, else the first frame; at once
    in a hidden tab): the stylesheet and the screen come first, alone, and the framework
    right after. Until React listens for events, that script holds taps on buttons and form
    submits, and replays them on the same elements once React has hydrated them (it keeps the
    nodes); Continue on the screen as sent is marked and sent by ``footquiz.js`` when the
    app's own form takes over.
    """
    if len(_BOOT_MODULE.findall(page)) != 1:
        # Not a production build's page (the dev server's has more inline modules): as it is.
        return _BEFORE_BODY_SCRIPTS.sub(lambda m: m.group(0) + early, page, count=1)
    page = _MODULE_PRELOAD.sub(rb'<link rel="x-modulepreload" \1/>', page)
    page = _BOOT_MODULE.sub(b'<script type="text/x-fq-boot" id="fq-boot">', page, count=1)
    return _BEFORE_BODY_SCRIPTS.sub(lambda m: m.group(0) + early + _BOOT, page, count=1)


def accepted_encoding(scope: Scope) -> str:
    """The page's encoding: Brotli, else gzip, if the browser takes it; else "" (as it is)."""
    taken: set[str] = set()
    for part in (_header(scope, b"accept-encoding") or "").lower().split(","):
        name, _, params = part.partition(";")
        if params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            taken.add(name.strip())
    return next((name for name in ("br", "gzip") if name in taken), "")


@lru_cache(maxsize=32)
def compress(page: bytes, encoding: str) -> bytes:
    """A page compressed: Brotli at its best (the same pages are kept: shells, questions)."""
    if encoding == "br":
        return brotli.compress(page, quality=11, lgwin=22, mode=brotli.MODE_TEXT)
    return gzip.compress(page, compresslevel=6, mtime=0)


def trim(headers: MutableHeaders) -> None:
    """Bytes no browser needs, on every response (about 80 per response, 13 responses a page).

    No browser asks a script, a stylesheet or a page for a byte range; the ETag validates a
    cached copy without Last-Modified; Reflex's CORS layer and the static server each add
    ``Origin`` to ``Vary``: once is enough.
    """
    if "accept-ranges" in headers:
        del headers["accept-ranges"]
    if "etag" in headers and "last-modified" in headers:
        # The ETag alone validates a cached copy (browsers send If-None-Match with it).
        del headers["last-modified"]
    if "vary" in headers:
        names: dict[str, str] = {}
        for name in headers["vary"].split(","):
            names.setdefault(name.strip().lower(), name.strip())
        headers["vary"] = ", ".join(n for n in names.values() if n)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


DEFAULT_PORTS = {"http": 80, "https": 443}
Origin = tuple[str, str, int]


def origin_parts(url: str) -> Origin | None:
    """(scheme, host, port) of an origin as browsers write it; None for anything else.

    Browsers send the Origin header lower-case, with no user, path or default port written
    out; a header in any other form did not come from a browser page and is refused.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if (
        parts.scheme not in DEFAULT_PORTS
        or not parts.hostname
        or "@" in parts.netloc
        or url != f"{parts.scheme}://{parts.netloc.lower()}"
    ):
        return None
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def _request_origin(scope: Scope) -> Origin | None:
    """The origin a request came to: its scheme (http or https) and its Host header."""
    host = _header(scope, b"host")
    if host is None:
        return None
    scheme = "https" if scope.get("scheme") in ("https", "wss") else "http"
    return origin_parts(f"{scheme}://{host.lower()}")


def origin_allowed(scope: Scope) -> bool:
    """Whether a request may go on: in prod, a browser page on another origin may not.

    A request with no Origin header is not a cross-site browser request (a page load or a
    non-browser client) and goes on. In dev the Vite server on another port must get through.
    Scheme, host and port must all match: ``https://`` on an http address, another port, or a
    look-alike host is another origin.
    """
    origin = _header(scope, b"origin")
    if origin is None or not is_prod():
        return True
    theirs = origin_parts(origin)
    if theirs is None:
        return False
    configured = allowed_origins()
    if configured:
        return theirs in {origin_parts(o) for o in configured}
    return theirs == _request_origin(scope)


def public_location(location: str) -> str:
    """A redirect's target on the configured public address, or as a path alone.

    Servers build absolute redirects from the Host header, which any client can set.
    """
    parts = urlsplit(location)
    if not parts.netloc:
        return location
    return public_url() + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


async def _busy(send: Send) -> None:
    """The "busy, try again" page (503), with every security header."""
    body = busy_page()
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(RETRY_AFTER_S).encode()),
        (b"cache-control", b"no-store"),
        (CSP.lower().encode(), content_security_policy(origins=allowed_origins()).encode()),
    ]
    headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _refuse(scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        # Closing before accepting makes the server answer the handshake with 403.
        await send({"type": "websocket.close", "code": 1008})
        return
    body = b"Cross-origin request refused.\n"
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    headers.append((b"content-length", str(len(body)).encode()))
    headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def with_headers(app: ASGIApp, static_dir: Path | None = None) -> ASGIApp:
    """Wrap the app: origin checks, and the security headers on every HTTP response.

    ``static_dir`` is where the prerendered pages are (by default Reflex's build folder).
    """
    socket_app = guard_socket(app)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await app(scope, receive, send)
            return
        if not origin_allowed(scope):
            await _refuse(scope, send)
            return
        if scope["type"] == "websocket":
            await socket_app(scope, receive, send)
            return
        if page_while_busy(scope):
            await _busy(send)
            return
        prefix, opened = _page_link(scope.get("path", ""))
        bad_link = prefix if opened is None else ""
        if bad_link:
            # Serve the page shell for a short stand-in path (a 10 KB path is no file name the
            # static server can look up); the page reads the real address and says it is bad.
            stand_in = bad_link + "invalid"
            scope = {**scope, "path": stand_in, "raw_path": stand_in.encode("ascii")}
        origins = allowed_origins()
        script_hashes, style_hashes = inline_hashes(static_dir or _static_dir())
        policy = content_security_policy(script_hashes, style_hashes, origins)
        early = early_page(scope, prefix, opened)
        page_load = _is_page_load(scope)
        script = scope.get("method") == "GET" and scope.get("path") == APP_SCRIPT
        encoding = accepted_encoding(scope) if page_load or script else ""
        if page_load or script:
            # Uncompressed, so it can be edited; it is compressed again below.
            plain = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
            scope = {**scope, "headers": plain}
        held: list[Message] = []

        async def send_page(message: Message) -> None:
            """Hold a page (or the app's script) until its body is complete, then edit it."""
            if message["type"] == "http.response.start":
                held.append(message)
                return
            if message["type"] == "http.response.pathsend" and held:
                # The static server's zero-copy file send: read the (small) page instead.
                message = {"type": "http.response.body", "body": Path(message["path"]).read_bytes()}
            if message["type"] != "http.response.body" or not held:
                for waiting in held:
                    await send_with_headers(waiting)
                held.clear()
                await send_with_headers(message)
                return
            held.append(message)
            if message.get("more_body"):
                return
            start, *parts = held
            held.clear()
            page = b"".join(part.get("body", b"") for part in parts)
            headers = MutableHeaders(scope=start)
            # Never edit compressed bytes, or anything but a page or the app's script.
            edited = "content-encoding" not in headers
            if edited and script and "javascript" in headers.get("content-type", ""):
                page = compact(page.decode("utf-8")).encode("utf-8")
            elif edited and _is_html(headers):
                nonlocal policy
                policy = content_security_policy(page_script_hashes(page), style_hashes, origins)
                page = edit_page(page, early)
            else:
                edited = False
            if edited and encoding:
                # Brotli's best takes tens of ms on a long result: off the event loop.
                page = await asyncio.to_thread(compress, page, encoding)
                headers["content-encoding"] = encoding
                headers.add_vary_header("accept-encoding")
            if "content-length" in headers:
                headers["content-length"] = str(len(page))
            await send_with_headers(start)
            await send_with_headers({"type": "http.response.body", "body": page})

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                document = _may_be_document(headers)
                page = document and _may_be_page(headers)
                for name, value in HEADERS.items():
                    if name not in DOCUMENT_ONLY or (document and (page or name not in PAGE_ONLY)):
                        headers[name] = value
                if document:
                    headers[CSP] = policy if page else NOT_A_PAGE_POLICY
                if "location" in headers:
                    headers["location"] = public_location(headers["location"])
                trim(headers)
                if any(o.startswith("https://") for o in origins):
                    headers[HSTS] = HSTS_VALUE
                if bad_link and message["status"] == 200:
                    message["status"] = 404
            await send(message)

        await app(scope, receive, send_page if page_load or script else send_with_headers)

    return wrapped
