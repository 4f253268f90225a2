"""Where the backend's time goes under load: py-spy samples, summed by function and by owner.

Used by ``python -m benchmarks.load --profile``: py-spy samples every backend process while
the patients answer, and the summary prints the top functions by own time and the share of
samples in footquiz's code, Reflex's, and the rest (Socket.IO, asyncio, the server).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

RATE_HZ = 100
OWNERS = (
    ("footquiz", ("footquiz/",)),
    ("reflex", ("reflex/", "reflex_base/")),
    ("socket.io", ("socketio/", "engineio/")),
    ("pydantic", ("pydantic/", "pydantic_core/")),
    ("asyncio", ("asyncio/",)),
)
"""Who owns a frame, by the package folder its file is in; anything else is "other".
(py-spy names a file by its path below the folder on ``sys.path``.)"""
NATIVE = "native code (no Python frame)"


@contextmanager
def sampling(pid: int, out: Path) -> Iterator[None]:
    """Sample ``pid`` and its child processes with py-spy until the block ends."""
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("--profile needs py-spy (pip install -r requirements-test.txt)")
    command = [spy, "record", "--subprocesses", "--nonblocking", "--format", "raw"]
    command += ["--rate", str(RATE_HZ), "--output", str(out), "--pid", str(pid)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=60)
        if process.returncode not in (0, -signal.SIGINT) or not out.exists():
            raise SystemExit(f"py-spy failed: {errors.decode(errors='replace')[-500:]}")


def owner(frame: str) -> str:
    """footquiz, reflex, socket.io, pydantic, asyncio or other, from a py-spy frame."""
    where = frame.rpartition(" (")[2]
    return next(
        (name for name, marks in OWNERS if any(where.startswith(m) for m in marks)), "other"
    )


@dataclass
class Profile:
    """Samples summed by the function they were in and by whose code was on the stack."""

    samples: int
    own: Counter[str]
    """Samples per function (the innermost frame)."""
    owners: Counter[str]
    """Samples per owner of the innermost frame."""
    footquiz_on_stack: int
    """Samples with any footquiz frame on the stack (footquiz's code and what it calls)."""


def read(collapsed: Path) -> Profile:
    """Sum py-spy's raw (collapsed) output: "frame;frame;...;frame count" per line."""
    own: Counter[str] = Counter()
    owners: Counter[str] = Counter()
    samples = on_stack = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [f for f in stack.split(";") if "(" in f]  # drop "process 123:..." heads
        if frames:
            # "function (path/to/file.py:123)" -> "function (path/to/file.py)": per function.
            innermost = frames[-1]
            function = innermost.rsplit(":", 1)[0] + ")"
        else:
            innermost = function = NATIVE
        own[function] += count
        owners[owner(innermost) if frames else "native"] += count
        on_stack += count if any(owner(f) == "footquiz" for f in frames) else 0
        samples += count
    return Profile(samples=samples, own=own, owners=owners, footquiz_on_stack=on_stack)


def print_summary(profile: Profile, top: int = 15) -> None:
    """The top functions by own time, and the share of each owner."""
    total = max(profile.samples, 1)
    print(f"\nprofile: {profile.samples} samples at {RATE_HZ} Hz (py-spy, every backend process)")
    print(f"{'own %':>6}  function")
    for function, count in profile.own.most_common(top):
        print(f"{100 * count / total:6.1f}  {function}")
    shares = ", ".join(
        f"{name} {100 * count / total:.1f} %" for name, count in profile.owners.most_common()
    )
    print(f"own time by owner: {shares}")
    print(f"stacks with footquiz's code on them: {100 * profile.footquiz_on_stack / total:.1f} %")
