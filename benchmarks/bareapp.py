"""A bare Reflex app, written to a folder at run time: the framework's own cost, as a baseline.

``benchmarks.lighthouse`` serves a bare page (``PAGE_APP``) beside footquiz's pages, and
``benchmarks.load --baseline`` loads a bare backend (``FORM_APP``: one state, one form handler)
beside footquiz's. Both have telemetry off and no version check, as footquiz does, and run on
footquiz's server (uvicorn in gunicorn, ``footquiz/server.py``), so that the difference between
the two is the app's own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from benchmarks.appserver import ROOT, AppServer, running_app

PAGE_APP = """
import reflex as rx


def index() -> rx.Component:
    return rx.el.div(rx.el.h1("Hello"), rx.el.p("A bare Reflex page."), rx.el.button("Start"))


app = rx.App()
app.add_page(index)
"""
FORM_APP = """
from typing import Any

import reflex as rx


class BareState(rx.State):
    count: int = 0
    name: str = "bare"

    @rx.event
    def submit(self, form_data: dict[str, Any]) -> None:
        self.count += 1


def index() -> rx.Component:
    return rx.el.form(rx.el.button("Continue"), on_submit=BareState.submit)


app = rx.App()
app.add_page(index)
"""
FORM_STATE = "bare___bare____bare_state"
"""The name Reflex gives ``BareState`` (module ``bare.bare``), below the root state."""
CONFIG = """
import reflex as rx

from footquiz.server import use_uvicorn

use_uvicorn()
config = rx.Config(app_name="bare", telemetry_enabled=False, show_built_with_reflex=False,
                   plugins=[])
"""
ENV = {
    "REFLEX_CHECK_LATEST_VERSION": "0",
    "NPM_CONFIG_REGISTRY": "https://registry.npmjs.org",
    "PYTHONPATH": str(ROOT),
}
"""No version check, build packages from npm's own registry (as footquiz's rxconfig), and
footquiz's server module importable."""


def write_app(folder: Path, source: str) -> None:
    """Write a Reflex app named "bare" with this source (and its rxconfig) into ``folder``."""
    (folder / "bare").mkdir(parents=True)
    (folder / "bare" / "__init__.py").write_text("")
    (folder / "bare" / "bare.py").write_text(textwrap.dedent(source))
    (folder / "rxconfig.py").write_text(textwrap.dedent(CONFIG))


@contextmanager
def running_bare(
    folder: Path,
    source: str = PAGE_APP,
    *,
    env: Mapping[str, str] | None = None,
    backend_only: bool = False,
) -> Iterator[AppServer]:
    """Write the bare app into ``folder`` and run it in prod mode until the block ends."""
    write_app(folder, source)
    with running_app(
        folder, env={**ENV, **(env or {})}, backend_only=backend_only, app_dir=folder
    ) as server:
        yield server
