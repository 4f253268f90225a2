"""Reflex configuration: private by default, nothing phoned home, nothing downloaded."""

import os

import reflex as rx
from reflex.plugins import SitemapPlugin

from footquiz.config import SESSION_MINUTES, allowed_origins, is_prod
from footquiz.server import use_uvicorn

# No version check on start, and build packages come from npm's own registry: without this
# Reflex probes a third-party mirror to pick the fastest one.
os.environ.setdefault("REFLEX_CHECK_LATEST_VERSION", "0")
os.environ.setdefault("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org")
# Served by uvicorn under gunicorn, not granian (a sixth of the memory per open websocket), with
# websocket messages capped at 64 KiB (footquiz/server.py).
use_uvicorn()

config = rx.Config(
    app_name="footquiz",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Plugins are listed explicitly: none. No sitemap (result pages must never be indexed),
    # no Tailwind (one small hand-written stylesheet instead).
    plugins=[],
    disable_plugins=[SitemapPlugin],
    # Brotli first: the browsers that patients use all accept it, and it sends about 20 KiB
    # (12 %) less than gzip per page (README, "Performance"); gzip stays for the rest.
    frontend_compression_formats=["brotli", "gzip"],
    # In prod a browser page may call the backend only from FOOTQUIZ_ORIGIN; footquiz/headers.py
    # refuses the rest (when it is unset, every origin but the request's own), so Reflex names
    # no other origin in its CORS headers. In dev the Vite server is another origin: all are let in.
    cors_allowed_origins=list(allowed_origins()) if is_prod() else ["*"],
    # Sessions live in the backend's memory: the disk manager (Reflex's default) measured no
    # faster (README, "Performance") and pickles every patient's answers to .states/ on disk,
    # and footquiz needs no copy there: the browser keeps the answers and rebuilds a lost
    # session. With REFLEX_REDIS_URL set, sessions live in Redis so several workers or machines
    # share them (README, "Running for a clinic network"); Reflex then starts several workers,
    # which must never each keep sessions of their own in memory.
    state_manager_mode=(
        rx.constants.StateManagerMode.REDIS
        if os.environ.get("REFLEX_REDIS_URL")
        else rx.constants.StateManagerMode.MEMORY
    ),
    # A session (in memory or in Redis) is dropped this long after its last event, not after
    # Reflex's hour: a closed tab's answers leave the server within minutes, an open tab says
    # it is there every minute (assets/footquiz.js), and a browser that comes back later
    # rebuilds its session from its own storage. REFLEX_REDIS_TOKEN_EXPIRATION overrides it.
    redis_token_expiration=SESSION_MINUTES * 60,
    # An event holds its session's lock in Redis while it runs, and its new state is written
    # only if it still holds it. Reflex's 10 s is reached on an overloaded server (1000
    # patients on 2 busy cores): the patient had already seen the next question, the save was
    # skipped, and their next answer was refused as out of order. 30 s covers any overload
    # measured here; a backend that dies mid-event keeps one patient waiting up to that long.
    redis_lock_expiration=30_000,
)
