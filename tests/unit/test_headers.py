"""The privacy headers and the honest 404 for bad result links, on a stand-in ASGI app."""

from __future__ import annotations

import asyncio
import random
from concurrent.futures import ThreadPoolExecutor

from starlette.types import Message, Receive, Scope, Send
from walks import random_finished

from footquiz.content import get_content
from footquiz.headers import HEADERS, with_headers
from footquiz.sharing import link_token


async def shell(scope: Scope, receive: Receive, send: Send) -> None:
    """Stands in for the static server: every path gets the page shell, and says which."""
    body = f"shell for {scope['path']}".encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def get(path: str) -> tuple[int, dict[str, str], str]:
    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        messages.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "headers": [],
    }
    # A thread of its own: the browser tests' Playwright may already run a loop in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, with_headers(shell)(scope, receive, send)).result()
    start, body = messages
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, body["body"].decode()


def test_every_response_carries_the_privacy_headers() -> None:
    status, headers, _ = get("/")
    assert status == 200
    for name, value in HEADERS.items():
        assert headers[name.lower()] == value


def test_a_good_link_is_a_page_and_a_bad_one_is_a_404_with_the_same_shell() -> None:
    token = link_token(random_finished(get_content(), random.Random(1)))
    assert get("/r/" + token)[0] == 200
    for bad in ["nonsense", token[:-1], "A" * 10_240, "/r/%E2%9C%93"]:
        status, _, body = get("/r/" + bad)
        assert status == 404, bad
        assert body == "shell for /r/invalid"  # a short stand-in path the shell can serve
