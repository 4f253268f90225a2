"""Reflex configuration: private by default, nothing phoned home, nothing downloaded."""

import os

import reflex as rx
from reflex.plugins import SitemapPlugin

# No version check on start, and build packages come from npm's own registry: without this
# Reflex probes a third-party mirror to pick the fastest one.
os.environ.setdefault("REFLEX_CHECK_LATEST_VERSION", "0")
os.environ.setdefault("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org")

config = rx.Config(
    app_name="footquiz",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Plugins are listed explicitly: none. No sitemap (result pages must never be indexed),
    # no Tailwind (one small hand-written stylesheet instead).
    plugins=[],
    disable_plugins=[SitemapPlugin],
)
