"""Shared fixtures for the engine and content unit tests."""

from __future__ import annotations

import pytest
from walks import NO_WARNING_SIGNS

from footquiz.content import get_content
from footquiz.engine.model import Answers, Content


@pytest.fixture(scope="session")
def content() -> Content:
    """The app's real clinical content, loaded once."""
    return get_content()


@pytest.fixture
def calm_answers() -> Answers:
    """A full set of answers with no warning signs and nothing pointing anywhere.

    It answers every question that is always shown, and the ankle-tap question that heel pain
    brings up. Tests copy this and override the answers their scenario is about.
    """
    return {
        **NO_WARNING_SIGNS,
        "pain_regions": ("heel",),
        "side": ("left",),
        "pain_travels": ("no",),
        "leg_vs_back": ("same",),
        "leg_nerve": ("no",),
        "self_tests": ("none",),
        "ankle_tap": ("no",),
        "worse_with": ("none",),
        "onset": ("gradual",),
        "duration": ("under_6_weeks",),
        "diabetes": ("no",),
        "age": ("age_40_49",),
    }
