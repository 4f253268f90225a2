"""Figures from the reliability and security tests, kept for the README's table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[2] / "bench-results" / "reliability.json"


def record(name: str, figures: dict[str, Any]) -> None:
    """Keep one test's figures in bench-results/reliability.json (and print them)."""
    RESULTS.parent.mkdir(exist_ok=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[name] = figures
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"{name}: {figures}")
