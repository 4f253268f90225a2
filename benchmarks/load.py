"""Server scale: N simulated patients take the whole quiz over the app's real websocket protocol.

Each patient arrives at a random moment in the ramp, opens /quiz, answers every question at a
human pace (a pause of 1 to 5 s, 3 s on average), opens its result and stays on it until every
patient has finished; then all leave. Answer-to-update latency is the time from emitting the
submit event to receiving the state delta. Loopback only, bounded, stops by itself.

    python -m benchmarks.load                          # disk, memory, redis x 50, 200, 1000
    python -m benchmarks.load --managers memory --patients 1000
    python -m benchmarks.load --url http://127.0.0.1:8000  # a set-up already running
    python -m benchmarks.load --url http://127.0.0.1:8001 http://127.0.0.1:8002  # spread
    python -m benchmarks.load --managers redis --patients 1000 --profile   # py-spy summary
    python -m benchmarks.load --managers redis --patients 1000 --baseline  # and bare Reflex
    python -m benchmarks.load --managers redis --patients 1000 --against 36ebdae

``--baseline`` also loads a bare Reflex app (one state, one handler that counts the forms it
is sent; benchmarks/bareapp.py) with the same state manager, workers and patients, right after
footquiz: its rows ("bare-redis", ...) show what Reflex itself costs. ``--against COMMIT``
loads an earlier footquiz right after each footquiz run (that commit's app and its own
benchmark, in a git worktree) and prints footquiz's CPU per answer as a share of its.

Prints a table (with the backend's CPU milliseconds per answer) and writes
bench-results/load.json; ``--profile`` also writes py-spy's samples there.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, fields
from itertools import pairwise, product
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import socketio
from reflex import constants

from benchmarks import profile
from benchmarks.appserver import ROOT, AppServer, running_app
from benchmarks.bareapp import FORM_APP, running_bare
from benchmarks.patient import BarePatient, Patient, ProtocolError, choose, shared_http_session
from benchmarks.redisserver import RedisServer, running_redis

RESULTS = ROOT / "bench-results"
THINK_S = (1.0, 5.0)
RUN_LIMIT_S = 600
MIB = 1024 * 1024
APPS: dict[str, type[Patient]] = {"footquiz": Patient, "bare": BarePatient}
"""The apps this benchmark can load, by the patient that speaks to each."""


@dataclass
class Tally:
    """What one run measured, as the patients report it."""

    answer_ms: list[float] = field(default_factory=list)
    connect_ms: list[float] = field(default_factory=list)
    result_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    expected: int = 0
    connected: int = 0
    peak_connected: int = 0
    finished: int = 0
    first_event: float = 0.0
    last_event: float = 0.0

    def event(self) -> None:
        """Note the time of an event, for the event rate."""
        now = time.monotonic()
        self.first_event = self.first_event or now
        self.last_event = now


@dataclass
class Run:
    """One row of the results table."""

    app: str
    """ "footquiz", or "bare" for the bare Reflex baseline."""
    manager: str
    workers: int
    patients: int
    answers: int
    errors: dict[str, int]
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    connect_p95_ms: float
    result_p95_ms: float
    events_per_s: float
    peak_connected: int
    backend_idle_mib: float
    backend_peak_mib: float
    kib_per_patient: float
    redis_mib: float
    backend_cpu_cores: float
    cpu_ms_per_answer: float
    """The backend's CPU time over the whole run (connects and results too) per answer."""
    generator_cpu_cores: float
    other_cpu_cores: float
    seconds: float


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (0 for no values)."""
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[round(fraction * 1000) - 1]


def require_loopback(url: str) -> None:
    """Refuse any target that is not on this machine."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"refusing to load {url}: only loopback addresses are allowed")


async def patient_visit(
    url: str,
    http: aiohttp.ClientSession,
    rng: random.Random,
    arrival_s: float,
    tally: Tally,
    everyone_done: asyncio.Event,
    kind: type[Patient] = Patient,
) -> None:
    """One patient: arrive, take the whole quiz, read the result until everyone is done."""
    await asyncio.sleep(arrival_s)
    patient = kind(url, http=http)
    connected = False
    try:
        tally.connect_ms.append(await patient.connect() * 1000)
        tally.event()
        connected = True
        tally.connected += 1
        tally.peak_connected = max(tally.peak_connected, tally.connected)
        while patient.current:
            await asyncio.sleep(rng.uniform(*THINK_S))
            chosen = choose(patient.current, rng)
            tally.answer_ms.append(await patient.answer(chosen) * 1000)
            tally.event()
        tally.result_ms.append(await patient.open_result() * 1000)
        tally.event()
    except (ProtocolError, socketio.exceptions.SocketIOError, aiohttp.ClientError) as error:
        tally.errors[type(error).__name__ + ": " + str(error)[:80]] += 1
    except TimeoutError:
        tally.errors["connect timeout"] += 1
    finally:
        tally.finished += 1
        if tally.finished == tally.expected:
            everyone_done.set()
        await everyone_done.wait()
        if connected:
            tally.connected -= 1
        await patient.close()


def _machine_cpu_seconds() -> float:
    """CPU time every process on the machine has used (all cores, from /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of these processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


async def drive(
    urls: list[str],
    patients: int,
    ramp_s: float,
    seed: int,
    server: AppServer | None,
    kind: type[Patient] = Patient,
) -> tuple[Tally, float, float]:
    """Run ``patients`` visits of this ``kind``, spread over ``urls`` in turn, as a balancer would.

    Returns the tally, the backend's peak memory (bytes) and the generator's CPU seconds.
    """
    tally = Tally(expected=patients)
    everyone_done = asyncio.Event()
    rng = random.Random(seed)
    peak = 0
    async with shared_http_session() as http:
        visits = [
            patient_visit(
                urls[i % len(urls)],
                http,
                random.Random(rng.random()),
                rng.uniform(0, ramp_s),
                tally,
                everyone_done,
                kind,
            )
            for i in range(patients)
        ]
        cpu_start = time.process_time()
        gathered = asyncio.gather(*visits)
        async with asyncio.timeout(RUN_LIMIT_S):
            while not gathered.done():
                if server is not None:
                    peak = max(peak, await asyncio.to_thread(server.memory_bytes))
                await asyncio.wait([gathered], timeout=1.0)
        await gathered
        generator_cpu = time.process_time() - cpu_start
    return tally, peak, generator_cpu


def _summarise(
    app: str,
    manager: str,
    workers: int,
    patients: int,
    tally: Tally,
    memory: tuple[int, int],
    redis_bytes: int,
    cpu: tuple[float, float, float],
    seconds: float,
) -> Run:
    idle, peak = memory
    events = len(tally.answer_ms) + len(tally.connect_ms) + len(tally.result_ms)
    span = max(tally.last_event - tally.first_event, 1e-9)
    return Run(
        app=app,
        manager=manager,
        workers=workers,
        patients=patients,
        answers=len(tally.answer_ms),
        errors=dict(tally.errors),
        p50_ms=round(percentile(tally.answer_ms, 0.50), 1),
        p95_ms=round(percentile(tally.answer_ms, 0.95), 1),
        p99_ms=round(percentile(tally.answer_ms, 0.99), 1),
        max_ms=round(max(tally.answer_ms, default=0.0), 1),
        connect_p95_ms=round(percentile(tally.connect_ms, 0.95), 1),
        result_p95_ms=round(percentile(tally.result_ms, 0.95), 1),
        events_per_s=round(events / span, 1),
        peak_connected=tally.peak_connected,
        backend_idle_mib=round(idle / MIB, 1),
        backend_peak_mib=round(peak / MIB, 1),
        kib_per_patient=round(max(peak - idle, 0) / 1024 / patients, 1) if peak else 0.0,
        redis_mib=round(redis_bytes / MIB, 1),
        backend_cpu_cores=round(cpu[0] / seconds, 2),
        cpu_ms_per_answer=round(1000 * cpu[0] / max(len(tally.answer_ms), 1), 2),
        generator_cpu_cores=round(cpu[1] / seconds, 2),
        other_cpu_cores=round(max(cpu[2] - cpu[0] - cpu[1], 0) / seconds, 2),
        seconds=round(seconds, 1),
    )


@contextmanager
def backend(
    manager: str, workers: int, work_dir: Path, app: str = "footquiz"
) -> Iterator[tuple[AppServer, RedisServer | None]]:
    """The ``app``'s backend with this state manager (and its own redis-server for "redis")."""
    with ExitStack() as stack:
        # Every simulated patient comes from 127.0.0.1: lift the per-address limit.
        env = {
            "REFLEX_STATE_MANAGER_MODE": manager,
            "WEB_CONCURRENCY": str(workers),
            "FOOTQUIZ_MAX_PER_ADDRESS": "100000",
        }
        redis = None
        if manager == "redis":
            redis = stack.enter_context(running_redis(work_dir / "redis"))
            env["REFLEX_REDIS_URL"] = redis.url
        if app == "bare":
            run = running_bare(work_dir / "bare", FORM_APP, env=env, backend_only=True)
        else:
            run = running_app(work_dir / "app", env=env, backend_only=True)
        server = stack.enter_context(run)
        yield server, redis


async def warm_up(url: str, kind: type[Patient] = Patient) -> None:
    """One whole quiz, so imports and caches are warm before measuring idle memory."""
    async with shared_http_session() as http:
        patient = kind(url, http=http)
        await patient.connect()
        rng = random.Random(0)
        while patient.current:
            await patient.answer(choose(patient.current, rng))
        await patient.open_result()
        await patient.close()


def measure(
    manager: str,
    workers: int,
    patients: int,
    ramp_s: float,
    seed: int,
    work_dir: Path,
    profile_to: Path | None = None,
    app: str = "footquiz",
) -> Run:
    """Start a fresh backend of ``app``, load it with ``patients`` and summarise.

    ``profile_to``: sample the backend with py-spy while the patients come, into this file.
    """
    kind = APPS[app]
    with backend(manager, workers, work_dir, app) as (server, redis), ExitStack() as stack:
        asyncio.run(warm_up(server.url, kind))
        idle = server.memory_bytes()
        # The backend's CPU includes its redis-server, which does part of its work.
        pids = server.pids() + ([redis.process.pid] if redis else [])
        cpu_start, start = _cpu_seconds(pids), time.monotonic()
        machine_start = _machine_cpu_seconds()
        if profile_to is not None:
            stack.enter_context(profile.sampling(server.process.pid, profile_to))
        tally, peak, generator_cpu = asyncio.run(
            drive([server.url], patients, ramp_s, seed, server, kind)
        )
        seconds = time.monotonic() - start
        backend_cpu = _cpu_seconds(pids) - cpu_start
        machine_cpu = _machine_cpu_seconds() - machine_start
        stack.close()  # py-spy stops before its samples are read
        redis_bytes = redis.memory_bytes() if redis else 0
        return _summarise(
            app,
            manager,
            workers,
            patients,
            tally,
            (idle, peak),
            redis_bytes,
            (backend_cpu, generator_cpu, machine_cpu),
            seconds,
        )


def print_table(runs: list[Run]) -> None:
    """The figures, one line per run."""
    head = (
        f"{'manager':11} {'wk':>2} {'N':>5} {'answers':>7} {'err':>4} {'p50':>6} {'p95':>6} "
        f"{'p99':>6} {'max':>6} {'ev/s':>6} {'idle MiB':>8} {'peak MiB':>8} "
        f"{'KiB/pt':>6} {'redis':>6} {'cpu be':>6} {'ms/ans':>6} {'cpu gen':>7} {'cpu other':>9}"
    )
    print(head)
    for r in runs:
        name = r.manager if r.app == "footquiz" else f"{r.app}-{r.manager}"
        print(
            f"{name:11} {r.workers:>2} {r.patients:>5} {r.answers:>7} "
            f"{sum(r.errors.values()):>4} {r.p50_ms:>6} {r.p95_ms:>6} {r.p99_ms:>6} "
            f"{r.max_ms:>6} {r.events_per_s:>6} {r.backend_idle_mib:>8} "
            f"{r.backend_peak_mib:>8} {r.kib_per_patient:>6} {r.redis_mib:>6} "
            f"{r.backend_cpu_cores:>6} {r.cpu_ms_per_answer:>6} {r.generator_cpu_cores:>7} "
            f"{r.other_cpu_cores:>9}"
        )
        for message, count in r.errors.items():
            print(f"    {count} x {message}")


def measure_commit(
    revision: str, manager: str, workers: int, patients: int, ramp_s: float, seed: int, tmp: Path
) -> Run:
    """The same load on another commit of footquiz, with that commit's own benchmark.

    Its app and its patients are that commit's (the event protocol changed with the app), in a
    git worktree of its own; the figures are read from the JSON it writes. Its CPU per answer
    is worked out as this benchmark's is: the backend's and its Redis's CPU over the run.
    """
    tree = tmp / f"commit-{revision}"
    if not tree.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), revision],
            check=True,
            capture_output=True,
        )
    options = ["--managers", manager, "--patients", str(patients), "--workers", str(workers)]
    options += ["--ramp", str(ramp_s), "--seed", str(seed)]
    subprocess.run(
        [sys.executable, "-m", "benchmarks.load", *options],
        cwd=tree,
        env=os.environ | {"PYTHONPATH": str(tree)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    figures = json.loads((tree / "bench-results" / "load.json").read_text())["runs"][0]
    cpu_s = figures["backend_cpu_cores"] * figures["seconds"]
    figures["cpu_ms_per_answer"] = round(1000 * cpu_s / max(figures["answers"], 1), 2)
    known = {f.name for f in fields(Run)}
    return Run(**({"app": revision} | {k: v for k, v in figures.items() if k in known}))


def remove_worktrees(tmp: Path) -> None:
    """Take the worktrees of other commits out of git's list (their files go with ``tmp``)."""
    for tree in tmp.glob("commit-*"):
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
            check=False,
            capture_output=True,
        )


def print_ratios(runs: list[Run], revision: str) -> None:
    """Each footquiz run's CPU per answer against the run of ``revision`` right after it."""
    for ours, theirs in pairwise(runs):
        if ours.app == "footquiz" and theirs.app == revision:
            share = ours.cpu_ms_per_answer / theirs.cpu_ms_per_answer
            print(
                f"CPU per answer, {ours.manager} x {ours.patients}: footquiz "
                f"{ours.cpu_ms_per_answer} ms, {revision} {theirs.cpu_ms_per_answer} ms, "
                f"{100 * share:.1f} % of it"
            )


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "reflex": constants.Reflex.VERSION,
        "generator": "same machine, one asyncio process",
    }


def main() -> None:
    """Parse the options, run every combination and report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--managers", nargs="+", default=["disk", "memory", "redis"])
    parser.add_argument("--patients", nargs="+", type=int, default=[50, 200, 1000])
    parser.add_argument("--workers", type=int, default=2, help="backend workers with redis")
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which they arrive")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", nargs="+", help="load these running backends (loopback only)")
    parser.add_argument(
        "--profile", action="store_true", help="sample the backend with py-spy; print a summary"
    )
    parser.add_argument(
        "--baseline", action="store_true", help="also load a bare Reflex app, the same way"
    )
    parser.add_argument(
        "--against",
        metavar="COMMIT",
        help="also load this commit of footquiz (its own benchmark), right after each run",
    )
    options = parser.parse_args()

    runs = []
    if options.url:
        for url in options.url:
            require_loopback(url)
        for patients in options.patients:
            start, machine_start = time.monotonic(), _machine_cpu_seconds()
            tally, _, generator_cpu = asyncio.run(
                drive(options.url, patients, options.ramp, options.seed, None)
            )
            seconds = time.monotonic() - start
            # Every other process counts as "backend" here: the set-up is not ours to measure.
            machine_cpu = _machine_cpu_seconds() - machine_start
            cpu = (machine_cpu - generator_cpu, generator_cpu, machine_cpu)
            runs.append(
                _summarise("footquiz", "external", 0, patients, tally, (0, 0), 0, cpu, seconds)
            )
            print_table(runs[-1:])
    else:
        apps = ["footquiz", "bare"] if options.baseline else ["footquiz"]
        with tempfile.TemporaryDirectory(prefix="footquiz-load-") as tmp, ExitStack() as stack:
            stack.callback(remove_worktrees, Path(tmp))
            for manager, patients, app in product(options.managers, options.patients, apps):
                workers = options.workers if manager == "redis" else 1
                label = (
                    f"{manager}-{patients}" if app == "footquiz" else f"{app}-{manager}-{patients}"
                )
                samples = RESULTS / f"profile-{label}.txt" if options.profile else None
                RESULTS.mkdir(exist_ok=True)
                runs.append(
                    measure(
                        manager,
                        workers,
                        patients,
                        options.ramp,
                        options.seed,
                        Path(tmp) / label,
                        samples,
                        app,
                    )
                )
                print_table(runs[-1:])
                if samples is not None:
                    profile.print_summary(profile.read(samples))
                    print(f"samples (collapsed stacks): {samples.relative_to(ROOT)}")
                if options.against and app == "footquiz":
                    runs.append(
                        measure_commit(
                            options.against,
                            manager,
                            workers,
                            patients,
                            options.ramp,
                            options.seed,
                            Path(tmp),
                        )
                    )
                    print_table(runs[-1:])
    print()
    print_table(runs)
    if options.against:
        print_ratios(runs, options.against)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "load.json"
    out.write_text(
        json.dumps({"machine": machine(), "runs": [asdict(r) for r in runs]}, indent=2) + "\n"
    )
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
