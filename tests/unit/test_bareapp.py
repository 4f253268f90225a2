"""The bare Reflex baseline of the load benchmark (benchmarks/bareapp.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.bareapp import ENV, FORM_APP, FORM_STATE, write_app


def test_the_bare_patient_names_the_bare_apps_state(tmp_path: Path) -> None:
    """BarePatient addresses ``FORM_STATE``: the name Reflex gives the bare app's state."""
    write_app(tmp_path, FORM_APP)
    # In a process of its own: the bare state must not join footquiz's state tree here.
    done = subprocess.run(
        [sys.executable, "-c", "import bare.bare as b; print(b.BareState.get_name())"],
        cwd=tmp_path,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip().splitlines()[-1] == FORM_STATE
