"""The dependency gate (.ci/audit.py): what fails CI, on pip-audit's and PyPI's own formats."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("audit", ROOT / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)


def test_the_lock_pins_every_requirement() -> None:
    pins = audit.read_pins(ROOT / "requirements.lock")
    for line in (ROOT / "requirements-test.txt").read_text().splitlines():
        name = line.split("#")[0].strip().split(">")[0].split("=")[0].split("<")[0].strip()
        if name and not name.startswith("-"):
            assert audit.canonicalize_name(name) in pins, name
    assert "reflex" in pins and "pip-audit" in pins


def test_drift_names_unpinned_and_different_versions_but_not_pip() -> None:
    pins = {"reflex": "0.10.1", "segno": "1.6.6"}
    installed = {"reflex": "0.10.2", "segno": "1.6.6", "pip": "24.0", "left-pad": "1.0"}
    assert audit.drift(pins, installed) == [
        "left-pad 1.0 is installed but not pinned",
        "reflex is pinned at 0.10.1 but 0.10.2 is installed",
    ]
    assert audit.drift(pins, {"reflex": "0.10.1", "segno": "1.6.6"}) == []


def test_only_vulnerabilities_with_a_fix_fail_and_skipped_pins_are_counted() -> None:
    report = {
        "dependencies": [
            {"name": "a", "version": "1", "vulns": [{"id": "PYSEC-1", "fix_versions": ["2"]}]},
            {"name": "b", "version": "1", "vulns": [{"id": "GHSA-x", "fix_versions": []}]},
            {"name": "c", "version": "1", "vulns": []},
            {"name": "d", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        ]
    }
    fixed, unfixed, skipped = audit.fixable(report)
    assert fixed == ["a 1: PYSEC-1 (fixed in 2)"]
    assert unfixed == ["b 1: GHSA-x (no fix released yet)"]
    assert skipped == ["d"]


def test_a_release_is_withdrawn_only_when_every_file_of_it_is_yanked() -> None:
    page = {
        "files": [
            {"filename": "x-1.0-py3-none-any.whl", "yanked": "CVE fix in 1.0.1"},
            {"filename": "x-1.0.tar.gz", "yanked": True},
            {"filename": "x-1.1-py3-none-any.whl", "yanked": "broken"},
            {"filename": "x-1.1.tar.gz", "yanked": False},
            {"filename": "x-1.2.tar.gz"},
        ]
    }
    assert audit.withdrawn("x", "1.0", page) == "x 1.0 was yanked: CVE fix in 1.0.1"
    assert audit.withdrawn("x", "1.1", page) is None
    assert audit.withdrawn("x", "1.2", page) is None
