"""Clinical tests: textbook patients and properties over many random walks."""

from __future__ import annotations

import pytest

from footquiz.content import get_content
from footquiz.engine.model import Content


@pytest.fixture(scope="session")
def content() -> Content:
    """The app's real clinical content, loaded once."""
    return get_content()
