"""CI: the pinned requirements are what is installed, and none has a known, fixed vulnerability.

Runs pip-audit (PyPI's advisory data, nothing but PyPI is needed) on requirements.lock. A
vulnerability with a fixed release fails the run; one with no fix yet is reported only. Where
PyPI's advisory API cannot be reached (some sandboxes reach only PyPI's package index), pip-audit
audits nothing: that is said loudly, and the closest check the index allows still runs, a
pinned release its maintainers withdrew (yanked) fails the run. Exits non-zero when the
installed packages drift from the pins: refresh them with .ci/refresh-pins.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

LOCK = Path(__file__).resolve().parents[1] / "requirements.lock"
UNPINNED = {"pip", "setuptools", "wheel"}  # the venv's own tools, never in a pip freeze
INDEX = "https://pypi.org/simple/{}/"
INDEX_JSON = "application/vnd.pypi.simple.v1+json"


def read_pins(lock: Path) -> dict[str, str]:
    """Package name -> pinned version, from ``name==version`` lines."""
    pins = {}
    for line in lock.read_text().splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            pins[canonicalize_name(name)] = version.strip()
    return pins


def drift(pins: dict[str, str], installed: dict[str, str]) -> list[str]:
    """How the installed packages differ from the pins (empty when they match)."""
    problems = [
        f"{name} {version} is installed but not pinned"
        for name, version in sorted(installed.items())
        if name not in pins and name not in UNPINNED
    ]
    problems += [
        f"{name} is pinned at {pins[name]} but {installed[name]} is installed"
        for name in sorted(pins.keys() & installed.keys())
        if pins[name] != installed[name]
    ]
    return problems


def fixable(report: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """From pip-audit's JSON report: vulnerabilities with a fix, those without, and skipped."""
    fixed, unfixed = [], []
    skipped = [p["name"] for p in report.get("dependencies", []) if p.get("skip_reason")]
    for package in report.get("dependencies", []):
        for vuln in package.get("vulns", []):
            line = f"{package['name']} {package['version']}: {vuln['id']}"
            if vuln.get("fix_versions"):
                fixed.append(f"{line} (fixed in {', '.join(vuln['fix_versions'])})")
            else:
                unfixed.append(f"{line} (no fix released yet)")
    return fixed, unfixed, skipped


def _file_version(filename: str) -> Version | None:
    try:
        return parse_wheel_filename(filename)[1]
    except InvalidWheelFilename:
        pass
    try:
        return parse_sdist_filename(filename)[1]
    except InvalidSdistFilename:
        return None


def withdrawn(name: str, version: str, index_page: dict[str, Any]) -> str | None:
    """Why this release was yanked, if every file of it was; None if it stands."""
    files = [
        f for f in index_page.get("files", []) if _file_version(f["filename"]) == Version(version)
    ]
    if files and all(f.get("yanked") for f in files):
        reason = files[0]["yanked"]
        return f"{name} {version} was yanked" + (f": {reason}" if isinstance(reason, str) else "")
    return None


def _index_page(name: str) -> dict[str, Any]:
    request = urllib.request.Request(INDEX.format(name), headers={"Accept": INDEX_JSON})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def yanked(pins: dict[str, str]) -> list[str]:
    """Pinned releases withdrawn by their maintainers, from PyPI's package index."""
    with ThreadPoolExecutor(8) as pool:
        pages = dict(zip(pins, pool.map(_index_page, pins), strict=True))
    return [r for n, v in pins.items() if (r := withdrawn(n, v, pages[n])) is not None]


def audit(lock: Path) -> dict[str, Any]:
    """pip-audit's JSON report on the pinned requirements (no resolving, no install)."""
    command = [sys.executable, "-m", "pip_audit", "-r", str(lock), "--no-deps", "--disable-pip"]
    command += ["--format", "json", "--progress-spinner", "off"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        return json.loads(done.stdout)
    except ValueError:
        sys.exit(f"pip-audit could not check the pins:\n{done.stderr}")


def main() -> int:
    """Check the pins and audit them; 0 when both hold."""
    pins = read_pins(LOCK)
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    problems = drift(pins, installed)
    fixed, unfixed, skipped = fixable(audit(LOCK))
    withdrawn_pins = yanked(pins)
    for line in unfixed:
        print(f"warning: {line}")
    if skipped:
        print(
            f"WARNING: pip-audit could not audit {len(skipped)} of {len(pins)} pins: PyPI's"
            " advisory API is unreachable from here, so no vulnerability was checked."
        )
    for line in problems:
        print(f"not pinned: {line}")
    for line in fixed + withdrawn_pins:
        print(f"VULNERABLE: {line}")
    if problems or withdrawn_pins:
        print("Refresh the pins: .ci/refresh-pins (see README.md).")
    print(
        f"pip-audit: {len(pins) - len(skipped)} of {len(pins)} pins audited,"
        f" {len(fixed)} fixable vulnerabilities; {len(withdrawn_pins)} pins yanked."
    )
    return 1 if problems or fixed or withdrawn_pins else 0


if __name__ == "__main__":
    sys.exit(main())
