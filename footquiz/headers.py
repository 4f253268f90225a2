"""ASGI middleware: privacy headers on every response, and 404 for a bad result link.

The result page itself is rendered by the browser; this only makes the HTTP status honest
(a forged or broken link is not a page) while the same friendly page is shown.
"""

from __future__ import annotations

from urllib.parse import unquote

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from footquiz.sharing import LINK_PREFIX, ShareLinkError, open_link

HEADERS = {
    # Treatment links open other sites: they must never learn a result link.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def _bad_link(path: str) -> bool:
    if not path.startswith(LINK_PREFIX):
        return False
    token = unquote(path[len(LINK_PREFIX) :]).strip("/")
    try:
        open_link(token)
    except ShareLinkError:
        return True
    return False


def with_headers(app: ASGIApp) -> ASGIApp:
    """Wrap the app so every HTTP response carries the privacy headers."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        bad_link = _bad_link(scope.get("path", ""))
        if bad_link:
            # Serve the page shell for a short stand-in path (a 10 KB path is no file name the
            # static server can look up); the page reads the real address and says it is bad.
            stand_in = LINK_PREFIX + "invalid"
            scope = {**scope, "path": stand_in, "raw_path": stand_in.encode("ascii")}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if bad_link and message["status"] == 200:
                    message["status"] = 404
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped
