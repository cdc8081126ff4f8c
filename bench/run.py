"""vendortui benchmark: load, rank, app start-up, weight key latency, export, analysis and
peak memory on generated vendor folders, each against a baseline or a target.

    /work/venv/bin/python bench/run.py                 # the full run: ~2.5 min on a quiet 2-core machine
    /work/venv/bin/python bench/run.py --quick         # ~30 s
    /work/venv/bin/python bench/run.py --sizes 100,1000 --repeat 3 --only load,rank

Every figure is a median over several runs (fewer runs for 10,000 vendors). See
bench/README.md for what each line measures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen import generate  # noqa: E402

PYCACHE = Path(tempfile.gettempdir()) / "vendortui-bench-pycache"
SECTIONS = ("load", "rank", "plan", "app", "keys", "export", "analyze", "memory", "mcmemory", "tests")
# Sections run unless --only names others: the test suite is timed on request only (it takes minutes).
DEFAULT_SECTIONS = SECTIONS[:-1]
PARSE_ONLY = (
    "import sys, tomllib, pathlib\n"
    "d = pathlib.Path(sys.argv[1])\n"
    "for p in [pathlib.Path(sys.argv[2]), *sorted(d.glob('*.toml'))]:\n"
    "    tomllib.loads(p.read_bytes().decode('utf-8-sig'))\n"
)
LOAD_AND_RANK = (
    "import sys\n"
    "from vendortui.files.workspace import LoadOptions, open_workspace\n"
    "ws = open_workspace(LoadOptions(vendors=sys.argv[1], template=sys.argv[2]))\n"
    "ws.evaluation.rank()\n"
)


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    section: str
    measure: str
    n: int | None
    value: float | None  # ms, or MB for memory
    unit: str = "ms"
    baseline: float | None = None
    ratio: float | None = None
    cpu_ratio: float | None = None  # the same ratio on CPU time (robust on a busy machine)
    target: str = ""
    verdict: str = ""  # PASS, MISS, or "" (information only)
    runs: int = 0
    note: str = ""


def fmt_value(x: float | None, unit: str) -> str:
    if x is None:
        return "-"
    if unit == "MB":
        return f"{x:.0f} MB"
    if x >= 10_000:
        return f"{x / 1000:.1f} s"
    if x >= 100:
        return f"{x:.0f} ms"
    return f"{x:.1f} ms"


def print_table(rows: list[Row]) -> None:
    header = ("measure", "N", "vendortui", "baseline", "ratio", "cpu ratio", "target", "result", "runs")
    lines = []
    for r in rows:
        lines.append((
            r.measure,
            f"{r.n:,}" if r.n is not None else "",
            fmt_value(r.value, r.unit) if r.value is not None else "skipped",
            fmt_value(r.baseline, r.unit) if r.baseline is not None else "",
            f"{r.ratio:.2f}x" if r.ratio is not None else "",
            f"{r.cpu_ratio:.2f}x" if r.cpu_ratio is not None else "",
            r.target,
            r.verdict or ("info" if r.value is not None else ""),
            str(r.runs or ""),
        ))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)] if lines else []
    right = {1, 2, 3, 4, 5, 8}

    def show(cells) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    print()
    print(show(header))
    print("  ".join("-" * w for w in widths))
    section = None
    for r, line in zip(rows, lines):
        if section is not None and r.section != section:
            print()
        section = r.section
        print(show(line))
    notes = [(r.measure, r.n, r.note) for r in rows if r.note]
    if notes:
        print()
        for measure, n, note in notes:
            print(f"  note: {measure}{f' @ {n:,}' if n else ''}: {note}")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- timing helpers


@dataclass
class Timing:
    wall: list[float]  # ms
    cpu: list[float]  # ms of CPU time (user + system), all threads
    last: object = None

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def time_calls(fn: Callable[[], object], runs: int, warmup: int = 0) -> Timing:
    """Wall and CPU time of `runs` calls after `warmup` untimed ones; `.last` is the last
    call's result (the previous result is dropped before each call, outside the timing)."""
    for _ in range(warmup):
        fn()
    t = Timing([], [])
    for _ in range(runs):
        t.last = None
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        t.wall.append((time.perf_counter() - t0) * 1000)
        t.cpu.append((time.process_time() - c0) * 1000)
        t.last = result
        del result
    return t


def runs_for(n: int, repeat: int) -> int:
    """Fewer runs for the big folders: 3 at most from 5,000 vendors, 2 from 10,000."""
    if n >= 10_000:
        return max(1, min(repeat, 2))
    if n >= 5_000:
        return max(1, min(repeat, 3))
    return repeat


class Data:
    """Generated vendor folders, made once per size and removed at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[int, Path] = {}

    def vendors(self, n: int) -> Path:
        if n not in self.made:
            t0 = time.perf_counter()
            from vendortui.files import samples

            # The bundled template names today's arrangement (`status_quo = "inhouse"`): the
            # sample in-house team is one of the n vendors of every folder, as in a real review.
            self.made[n] = generate(n - 1, self.root / f"vendors-{n}")
            shutil.copy(samples.vendors_dir() / "inhouse.toml", self.made[n] / "inhouse.toml")
            log(f"  generated {n:,} vendors in {time.perf_counter() - t0:.1f} s -> {self.made[n]}")
        return self.made[n]


def load(folder: Path, template: Path):
    from vendortui.files.workspace import LoadOptions, open_workspace

    return open_workspace(LoadOptions(vendors=folder, template=template))


def parse_only(folder: Path, template: Path) -> None:
    for p in [template, *sorted(folder.glob("*.toml"))]:
        tomllib.loads(p.read_bytes().decode("utf-8-sig"))


# --------------------------------------------------------------------------- 1. load


def bench_load(data: Data, template: Path, sizes: list[int], repeat: int) -> list[Row]:
    rows = []
    for n in sizes:
        folder = data.vendors(n)
        runs = runs_for(n, repeat)
        log(f"load @ {n:,}: {runs} runs")
        base = time_calls(partial(parse_only, folder, template), runs, warmup=1)  # warms the file cache
        ours = time_calls(partial(load, folder, template), runs, warmup=0 if n >= 5000 else 1)
        ws = ours.last
        if len(ws.vendors) != n or ws.problems:
            raise SystemExit(f"generated data did not load cleanly: {len(ws.vendors)}/{n} vendors, "
                             f"problems: {[str(p) for p in ws.problems[:3]]}")
        ours.last = ws = None
        rows.append(Row("load", "load+validate (open_workspace) vs tomllib parse-only", n, ours.median,
                        baseline=base.median, ratio=ours.median / base.median,
                        cpu_ratio=ours.cpu_median / base.cpu_median, runs=runs))
    return rows


# --------------------------------------------------------------------------- 2. rank process


@dataclass
class Child:
    wall: float  # ms
    cpu: float  # ms, user + system
    rss_mb: float  # peak resident set size


def child_env() -> dict[str, str]:
    """Children keep their bytecode in a cache of ours, as an installed package would have it
    (this machine sets PYTHONDONTWRITEBYTECODE, and the editable source has no __pycache__)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def run_child(cmd: list[str], stdout: Path | None = None) -> Child:
    """Run a process, its output to a file or /dev/null; its own CPU time comes from wait4.

    (Its ru_maxrss is not used for memory: a child forked from this big process may count
    the parent's pages it saw before exec. `peak_rss` measures memory.)
    """
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
        wall = (time.perf_counter() - t0) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            text = err.read().decode(errors="replace")
            raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{text[-2000:]}")
    return Child(wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024)


def rank_cmd(folder: Path, template: Path) -> list[str]:
    return [sys.executable, "-m", "vendortui", "rank", "--format", "json", "--vendors", str(folder), "--template", str(template)]


def parse_cmd(folder: Path, template: Path) -> list[str]:
    return [sys.executable, "-c", PARSE_ONLY, str(folder), str(template)]


def bench_rank(data: Data, template: Path, sizes: list[int], repeat: int) -> list[Row]:
    rows = []
    for n in sizes:
        folder = data.vendors(n)
        output = data.root / f"rank-{n}.json"
        runs = runs_for(n, repeat)
        log(f"rank process @ {n:,}: {runs} runs each")
        run_child(parse_cmd(folder, template))  # warm the bytecode cache for the baseline too
        ours, base = [], []
        for _ in range(runs):  # interleaved, so that background load hits both alike
            ours.append(run_child(rank_cmd(folder, template), stdout=output))
            base.append(run_child(parse_cmd(folder, template)))
        ranked = json.loads(output.read_text(encoding="utf-8"))
        if len(ranked) != n or not all(r["id"] for r in ranked):
            raise SystemExit(f"vendortui rank gave {len(ranked)} rows for {n} vendors")
        o, b = statistics.median(c.wall for c in ours), statistics.median(c.wall for c in base)
        oc, bc = statistics.median(c.cpu for c in ours), statistics.median(c.cpu for c in base)
        ratio = o / b
        rows.append(Row("rank", "`rank --format json` process vs parse-only process", n, o, baseline=b,
                        ratio=ratio, cpu_ratio=oc / bc, target="<= 2.0x",
                        verdict="PASS" if ratio <= 2.0 else "MISS", runs=runs))
    return rows


# --------------------------------------------------------------------------- placement plans

PLAN_BUCKETS = (("0-30", 780000, 14200), ("31-60", 540000, 6100), ("61-90", 420000, 3100),
                ("91-120", 260000, 2000), ("121-180", 250000, 1900), ("181-270", 200000, 1400),
                ("271-365", 180000, 1200), ("366+", 190000, 1400))


def plan_portfolio(root: Path) -> Path:
    """A book of 8 buckets, the life cycle from 0 days to 366+."""
    path = root / "plan-portfolio.toml"
    rows = ",\n".join(f'  {{ age = "{a}", balance = {b}, accounts = {n} }}' for a, b, n in PLAN_BUCKETS)
    path.write_text(f'[portfolio]\nname = "Bench book, 8 buckets"\ncurrency = "USD"\nbuckets = [\n{rows},\n]\n',
                    encoding="utf-8")
    return path


def bench_plan(data: Data, template: Path, repeat: int, n: int = 40) -> list[Row]:
    """`plan --format json` against `rank --format json`, on the same folder and 8-bucket book."""
    folder, book = data.vendors(n), plan_portfolio(data.root)
    common = ["--format", "json", "--vendors", str(folder), "--template", str(template), "--portfolio", str(book)]
    plan = [sys.executable, "-m", "vendortui", "plan", *common]
    rank = [sys.executable, "-m", "vendortui", "rank", *common]
    runs = max(repeat, 5)
    log(f"plan process @ {n} vendors, 8 buckets: {runs} runs each")
    run_child(rank)  # warm the bytecode cache
    ours, base = [], []
    for _ in range(runs):
        ours.append(run_child(plan, stdout=data.root / "plan.json"))
        base.append(run_child(rank))
    if not json.loads((data.root / "plan.json").read_text(encoding="utf-8"))["segments"]:
        raise SystemExit("vendortui plan gave no segments")
    o, b = statistics.median(c.wall for c in ours), statistics.median(c.wall for c in base)
    return [Row("plan", "`plan --format json` process vs `rank --format json`, 8 buckets", n, o, baseline=b,
                ratio=o / b, cpu_ratio=statistics.median(c.cpu for c in ours) / statistics.median(c.cpu for c in base),
                target="<= 2.0x", verdict="PASS" if o / b <= 2.0 else "MISS", runs=runs)]


# --------------------------------------------------------------------------- 3./4. the app


def bench_app(data: Data, template: Path, sizes: list[int], repeat: int) -> list[Row]:
    """The shell's first paint and the complete shortlist, against bare apps (`apps.py`)."""
    from apps import BareShell, BareShortlist, prepare, start_app, start_preloaded, start_vendortui

    rows = []
    for n in sizes:
        folder = data.vendors(n)
        content = prepare(folder, template)
        runs = runs_for(n, repeat)
        log(f"app start-up @ {n:,}: {runs} runs each")
        contenders: dict[str, Callable[[], tuple[float, float]]] = {
            "ours": partial(start_vendortui, folder, template, n),
            "shell": lambda: asyncio.run(start_app(BareShell(), 0)),
            "rows": lambda content=content, n=n: asyncio.run(start_app(partial(BareShortlist, content), n)),
        }
        if n <= 100:  # where the frames, not the load, set the complete shortlist's time
            contenders["preloaded"] = partial(start_preloaded, folder, template, n)
        for run in contenders.values():
            run()  # warm-up: imports, CSS
        first: dict[str, list[float]] = {name: [] for name in contenders}
        full: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(runs):  # interleaved, so that background load hits all alike
            for name, run in contenders.items():
                gc.collect()  # the previous app's garbage is not this one's to collect
                shell, complete = run()
                first[name].append(shell)
                full[name].append(complete)
        med = {name: statistics.median(times) for name, times in first.items()}
        done = {name: statistics.median(times) for name, times in full.items()}
        ratio = med["ours"] / med["shell"]
        rows.append(Row("app", "first paint of the shell vs a bare app with the same layout", n, med["ours"],
                        baseline=med["shell"], ratio=ratio, target="<= 1.3x",
                        verdict="PASS" if ratio <= 1.3 else "MISS", runs=runs))
        ratio = done["ours"] / done["rows"]
        if n <= 100:
            target, verdict = "<= 2x", "PASS" if ratio <= 2 else "MISS"
        elif n == 1000:
            target, verdict = "<= 0.6 s", "PASS" if done["ours"] <= 600 else "MISS"
        else:
            target, verdict = "", "info"
        rows.append(Row("app", "complete shortlist (every file read and validated) vs a bare app with the same rows",
                        n, done["ours"], baseline=done["rows"], ratio=ratio, target=target, verdict=verdict, runs=runs))
        if "preloaded" in done:
            rows.append(Row("app", "same, the files read beforehand (ranking and frames only) vs the bare app",
                            n, done["preloaded"], baseline=done["rows"], ratio=done["preloaded"] / done["rows"],
                            verdict="info", runs=runs))
    return rows


async def weight_presses(folder: Path, template: Path, n: int, presses: int) -> tuple[list[float], list[float], list[float]]:
    """(direct key -> repaint ms, Pilot press+pause ms, Pilot floor ms for a key that does nothing)."""
    from textual import events

    from apps import Paints, row_count
    from vendortui.core.scoring import EvaluatorInputs, rank
    from vendortui.files.options import LoadOptions
    from vendortui.ui.app import make_app
    from vendortui.ui.widgets.ranking_table import RankingTable
    from vendortui.ui.widgets.weights import WeightsPanel

    # as the CLI starts it (handle_signals: its own process, so it freezes the loaded review)
    app = make_app(LoadOptions(vendors=folder, template=template), autosave=3600, handle_signals=True)
    paints = Paints(app)
    direct, piloted, floor = [], [], []
    async with app.run_test(size=(160, 50)) as pilot:
        await paints.first(row_count(app, n))
        await pilot.pause()
        table = app.screen.query_one("#ranking", RankingTable)
        await pilot.press("w")
        await pilot.pause()
        panel = app.screen.query_one(WeightsPanel)
        if not panel.has_focus:
            raise SystemExit("pressing w did not focus the weights panel")

        def expect() -> Callable[[], bool]:
            # What the table must show next, worked out through the core beforehand (untimed).
            ws = app.state.ws
            weights = app.state.weights()
            weights[panel.criterion] += 5
            evaluation = EvaluatorInputs(weights, ws.session.scores, ws.session.requirements)
            top = rank(ws.template, ws.portfolio, ws.vendors, evaluation)[0]
            want = (top.id, f"{top.total:.1f}")

            def shows() -> bool:
                if table.row_count == 0:
                    return False
                return (table.row_ids[0], table.cell(0, "total").plain) == want

            return shows

        for _ in range(presses):
            # 1. As the issue words it: Pilot press + pause, until the first row shows the new total.
            shows = expect()
            t0 = time.perf_counter()
            await pilot.press("plus")
            await pilot.pause()
            while not shows():
                await pilot.pause()
            piloted.append((time.perf_counter() - t0) * 1000)
            # 2. The harness's own floor: the same calls for a key nothing is bound to.
            t0 = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            floor.append((time.perf_counter() - t0) * 1000)
            # 3. Direct: the key event into the driver's queue -> the first repaint showing the new total.
            await pilot.pause()
            shows = expect()
            t0 = time.perf_counter()
            app._driver.send_message(events.Key("plus", "+"))
            painted = await paints.first(shows, timeout=30)
            direct.append((painted - t0) * 1000)
            await pilot.pause()
    return direct, piloted, floor


def bench_keys(data: Data, template: Path, sizes: list[int], presses: int) -> list[Row]:
    rows = []
    for n in sizes:
        folder = data.vendors(n)
        log(f"weight key latency @ {n:,}: {presses} presses each way")
        direct, piloted, floor = asyncio.run(weight_presses(folder, template, n, presses))
        med = statistics.median(direct)
        target, verdict = "", ""
        if n == 1000:  # the target is for 1,000 vendors; other sizes are information
            target, verdict = "< 50 ms", "PASS" if med < 50 else "MISS"
        rows.append(Row("keys", "weight key `plus` -> repainted table (direct)", n, med, target=target,
                        verdict=verdict, runs=len(direct),
                        note=f"min {min(direct):.0f} / max {max(direct):.0f} ms over {len(direct)} presses"))
        worst = max(direct)
        rows.append(Row("keys", "same, worst press (direct)", n, worst, target=target,
                        verdict=("PASS" if worst < 50 else "MISS") if target else "", runs=len(direct)))
        pm, fm = statistics.median(piloted), statistics.median(floor)
        rows.append(Row("keys", "same, as `await pilot.press` + `pilot.pause()` (harness floor)", n, pm,
                        baseline=fm, runs=len(piloted),
                        note=f"baseline = the same Pilot calls for an unbound key: Pilot's idle waits "
                             f"alone take {fm:.0f} ms; min {min(piloted):.0f} / max {max(piloted):.0f} ms"))
    return rows


# --------------------------------------------------------------------------- 5./6. export, analyze


def bench_export(data: Data, template: Path, sizes: list[int], repeat: int, root: Path) -> list[Row]:
    from vendortui.core.report import build_report
    from vendortui.files.exporting import write_export
    from vendortui.render.shortlist import export_documents

    rows = []
    for n in sizes:
        folder = data.vendors(n)
        ws = load(folder, template)
        runs = min(runs_for(n, repeat), 3) if n >= 1000 else runs_for(n, repeat)
        log(f"export @ {n:,}: {runs} runs")
        count = iter(range(1_000_000))
        written: list = []

        def once(ws=ws, n=n, count=count, written=written) -> None:
            out = root / f"export-{n}-{next(count)}"
            written[:] = write_export(export_documents(build_report(ws.evaluation)), out)

        try:
            med = time_calls(once, runs, warmup=0 if n >= 1000 else 1).median
        except Exception as e:
            print(f"note: export @ {n} failed: {type(e).__name__}: {e}")
            rows.append(Row("export", "export N filled RFPs (write_export)", n, None, note=f"failed: {type(e).__name__}: {e}"))
            continue
        for p in root.glob(f"export-{n}-*"):
            shutil.rmtree(p, ignore_errors=True)
        rows.append(Row("export", "export N filled RFPs (write_export, includes ranking)", n, med, runs=runs,
                        note=f"{len(written)} files, {med / max(len(written), 1):.2f} ms per file"))
        rows.append(export_process(data, template, folder, n, runs, root))
    return rows


def export_process(data: Data, template: Path, folder: Path, n: int, runs: int, root: Path) -> Row:
    """The `export` process against the `rank --format json` process on the same folder."""
    count = iter(range(1_000_000))

    def export_cmd() -> list[str]:
        out = root / f"export-process-{n}-{next(count)}"
        return [sys.executable, "-m", "vendortui", "export", "--vendors", str(folder), "--template", str(template),
                "--out", str(out)]

    run_child(rank_cmd(folder, template))  # warm the bytecode cache
    ours, base = [], []
    for _ in range(runs):  # interleaved, so that background load hits both alike
        ours.append(run_child(export_cmd()))
        base.append(run_child(rank_cmd(folder, template), stdout=data.root / f"rank-{n}.json"))
    for p in root.glob(f"export-process-{n}-*"):
        shutil.rmtree(p, ignore_errors=True)
    o, b = statistics.median(c.wall for c in ours), statistics.median(c.wall for c in base)
    ratio = o / b
    return Row("export", "`export` process vs `rank --format json` process, same folder", n, o, baseline=b,
               ratio=ratio, cpu_ratio=statistics.median(c.cpu for c in ours) / statistics.median(c.cpu for c in base),
               target="<= 5x", verdict="PASS" if ratio <= 5 else "MISS", runs=runs)


def bench_analyze(data: Data, template: Path, repeat: int, runs_mc: int = 10_000, vendors: int = 50) -> list[Row]:
    from vendortui.core.analysis import analyze

    folder = data.vendors(vendors)
    ws = load(folder, template)
    runs = max(1, min(repeat - 2, 3))
    log(f"analyze @ {vendors} vendors, {runs_mc:,} runs: {runs} runs")
    try:
        med = time_calls(lambda: analyze(ws.evaluation, runs=runs_mc, seed=0), runs).median
    except Exception as e:
        print(f"note: analyze failed: {type(e).__name__}: {e}")
        return [Row("analyze", f"analyze, {runs_mc:,} Monte Carlo runs", vendors, None, note=f"failed: {type(e).__name__}: {e}")]
    rows = [Row("analyze", f"analyze(ws, runs={runs_mc:,}, seed=0) in-process", vendors, med, runs=runs)]
    rows.append(monte_carlo_alone(ws, runs_mc, runs, vendors))
    rows.append(analyze_process(data, template, folder, runs_mc, max(runs, 3), vendors))
    return rows


def monte_carlo_alone(ws, runs_mc: int, runs: int, vendors: int) -> Row:
    from vendortui.core.montecarlo import monte_carlo

    ranked = ws.evaluation.rank()
    inputs = ws.evaluation.inputs()

    def once():
        return monte_carlo(ws.template, ws.portfolio, ws.vendors, inputs, runs_mc, 0, ranked=ranked)

    med = time_calls(once, runs).median
    return Row("analyze", f"monte_carlo, {runs_mc:,} runs, in-process", vendors, med, target="<= 1.4 s",
               verdict="PASS" if med <= 1400 else "MISS", runs=runs)


def analyze_process(data: Data, template: Path, folder: Path, runs_mc: int, runs: int, vendors: int) -> Row:
    """The `analyze --runs N` process against the `rank --format json` process on the same folder."""
    analyze = [sys.executable, "-m", "vendortui", "analyze", "--format", "json", "--runs", str(runs_mc),
               "--vendors", str(folder), "--template", str(template)]
    run_child(rank_cmd(folder, template))  # warm the bytecode cache
    ours, base = [], []
    for _ in range(runs):
        ours.append(run_child(analyze))
        base.append(run_child(rank_cmd(folder, template)))
    o, b = statistics.median(c.wall for c in ours), statistics.median(c.wall for c in base)
    ratio = o / b
    return Row("analyze", f"`analyze --runs {runs_mc:,}` process vs `rank --format json` process", vendors, o,
               baseline=b, ratio=ratio,
               cpu_ratio=statistics.median(c.cpu for c in ours) / statistics.median(c.cpu for c in base),
               target="<= 4x", verdict="PASS" if ratio <= 4 else "MISS", runs=runs)


# --------------------------------------------------------------------------- 7. memory


LAUNCHER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_rss(cmd: list[str]) -> float:
    """Peak RSS (MB) of `cmd`, started from a small launcher process, so that the figure is
    ru_maxrss of that one child and not inflated by this benchmark's own memory."""
    done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, *cmd], capture_output=True, text=True, env=child_env())
    code, kib = done.stdout.split()
    if done.returncode != 0 or code != "0":
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return int(kib) / 1024


def bench_memory(data: Data, template: Path, n: int) -> list[Row]:
    folder = data.vendors(n)
    log(f"peak memory @ {n:,}")
    target = "< 200 MB" if n >= 10_000 else "(at 10,000)"

    def verdict(mb: float) -> str:
        return ("PASS" if mb < 200 else "MISS") if n >= 10_000 else ""

    cli = peak_rss(rank_cmd(folder, template))
    core = peak_rss([sys.executable, "-c", LOAD_AND_RANK, str(folder), str(template)])
    parse = peak_rss(parse_cmd(folder, template))
    return [
        Row("memory", "peak RSS: `rank --format json` process (vs parse-only process)", n, cli, unit="MB",
            baseline=parse, ratio=cli / parse, target=target, verdict=verdict(cli), runs=1),
        Row("memory", "peak RSS: open_workspace + rank in a Python process", n, core, unit="MB",
            baseline=parse, ratio=core / parse, target=target, verdict=verdict(core), runs=1),
    ]


MONTE_CARLO_MEMORY = (
    "import sys\n"
    "from vendortui.core.montecarlo import monte_carlo\n"
    "from vendortui.files.workspace import LoadOptions, open_workspace\n"
    "ws = open_workspace(LoadOptions(vendors=sys.argv[1], template=sys.argv[2]))\n"
    "if int(sys.argv[3]):\n"
    "    monte_carlo(ws.template, ws.portfolio, ws.vendors, ws.evaluation.inputs(), int(sys.argv[3]), 0)\n"
)


def bench_mc_memory(data: Data, template: Path, runs_mc: int, vendors: int = 10) -> list[Row]:
    """Peak RSS of Monte Carlo at a tenth of the runs and at all of them: what the runs add
    beyond one 8-byte float per run and vendor (the u's the percentiles are taken at)."""
    folder = data.vendors(vendors)
    log(f"Monte Carlo memory @ {vendors} vendors: 0, {runs_mc // 10:,} and {runs_mc:,} runs")
    cmd = [sys.executable, "-c", MONTE_CARLO_MEMORY, str(folder), str(template)]
    none, tenth, full = (peak_rss([*cmd, str(r)]) for r in (0, runs_mc // 10, runs_mc))
    columns = runs_mc * vendors * 8 / 2**20
    extra = full - none - columns
    return [
        Row("mcmemory", f"peak RSS, Monte Carlo {runs_mc // 10:,} runs (vs no runs)", vendors, tenth, unit="MB",
            baseline=none, ratio=tenth / none, runs=1),
        Row("mcmemory", f"peak RSS, Monte Carlo {runs_mc:,} runs (vs no runs)", vendors, full, unit="MB",
            baseline=none, ratio=full / none, target=f"< no runs + {columns:.0f} MB of columns + 50%",
            verdict="PASS" if extra <= columns / 2 else "MISS", runs=1,
            note=f"{(full - none) / max(runs_mc, 1) * 2**20:.0f} bytes per run for {vendors} vendors "
                 f"(the columns alone: {vendors * 8})"),
    ]


def bench_tests() -> list[Row]:
    """The README's test command, `pytest`, in the repository, as a whole process."""
    log("the test suite: 1 run")
    pytest = Path(sys.executable).with_name("pytest")
    t0 = time.perf_counter()
    done = subprocess.run([str(pytest), "-p", "no:cacheprovider"], cwd=HERE.parent, capture_output=True, text=True)
    wall = (time.perf_counter() - t0) * 1000
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    return [Row("tests", "README test command (`pytest`), whole suite", None, wall, target="<= 150 s",
                verdict="PASS" if wall <= 150_000 and done.returncode == 0 else "MISS", runs=1, note=tail)]


# --------------------------------------------------------------------------- main


def sizes_arg(text: str) -> list[int]:
    try:
        values = [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of whole numbers: {text!r}") from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("sizes must be positive")
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=sizes_arg, help="vendor counts for load+validate (default 100,1000,10000)")
    parser.add_argument("--rank-sizes", type=sizes_arg, help="vendor counts for the rank process (default 1000,5000)")
    parser.add_argument("--app-sizes", type=sizes_arg, help="vendor counts for the app and the key press (default 100,1000)")
    parser.add_argument("--export-sizes", type=sizes_arg, help="vendor counts for export (default 100,1000)")
    parser.add_argument("--memory-size", type=int, help="vendor count for peak memory (default 10000)")
    parser.add_argument("--mc-runs", type=int, help="Monte Carlo runs for its memory figure, over 10 vendors "
                        "(default 1,000,000; 100,000 with --quick)")
    parser.add_argument("--repeat", type=int, help="runs per figure (default 5, 3 with --quick; fewer at 5,000+)")
    parser.add_argument("--presses", type=int, help="weight key presses (default 10)")
    parser.add_argument("--quick", action="store_true", help="a ~30 s run: sizes 100 and 1,000 only, 3 runs, "
                        "rank at 1,000, export at 100, memory at 1,000 (its target is for 10,000)")
    parser.add_argument("--only", help=f"comma-separated sections to run: {','.join(SECTIONS)} "
                        "(default: all but tests)")
    parser.add_argument("--template", help="RFP template (default: the bundled collection-partner.toml)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders (for profiling) and print where")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)

    q = args.quick
    sizes = args.sizes or ([100, 1000] if q else [100, 1000, 10_000])
    rank_sizes = args.rank_sizes or ([1000] if q else [1000, 5000])
    app_sizes = args.app_sizes or [100, 1000]
    export_sizes = args.export_sizes or ([100] if q else [100, 1000])
    memory_size = args.memory_size or (1000 if q else 10_000)
    repeat = max(1, args.repeat or (3 if q else 5))
    presses = max(1, args.presses or (5 if q else 10))
    analyze_runs = 10_000
    mc_runs = args.mc_runs or (100_000 if q else 1_000_000)
    only = set(args.only.split(",")) if args.only else set(DEFAULT_SECTIONS)
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"--only: unknown sections {', '.join(sorted(unknown))} (known: {', '.join(SECTIONS)})")

    from vendortui import __version__
    from vendortui.files import samples

    template = Path(args.template) if args.template else samples.default_template()
    try:
        commit = subprocess.run(["git", "-C", str(HERE.parent), "describe", "--always", "--dirty"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    import textual

    print(f"vendortui {__version__} ({commit or 'no git'}) · Python {platform.python_version()} · "
          f"Textual {textual.__version__} · {os.cpu_count()} CPUs · {platform.machine()}")
    print(f"template {template}; repeat {repeat} (2 at 10,000, 3 at 5,000){' · quick' if q else ''}")

    root = Path(tempfile.mkdtemp(prefix="vendortui-bench-"))
    data = Data(root)
    rows: list[Row] = []
    started = time.perf_counter()
    try:
        # Child processes first, while this process is still small (fork costs grow with it).
        if "rank" in only:
            rows += bench_rank(data, template, rank_sizes, repeat)
        if "plan" in only:
            rows += bench_plan(data, template, repeat)
        if "memory" in only:
            rows += bench_memory(data, template, memory_size)
        if "mcmemory" in only:
            rows += bench_mc_memory(data, template, mc_runs)
        if "load" in only:
            rows += bench_load(data, template, sizes, repeat)
        if "app" in only:
            rows += bench_app(data, template, app_sizes, repeat)
        if "keys" in only:
            rows += bench_keys(data, template, app_sizes, presses)
        if "export" in only:
            rows += bench_export(data, template, export_sizes, repeat, root)
        if "analyze" in only:
            rows += bench_analyze(data, template, repeat, runs_mc=analyze_runs)
        if "tests" in only:
            rows += bench_tests()
    finally:
        if args.keep:
            print(f"generated data kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    rows.sort(key=lambda r: SECTIONS.index(r.section))
    print_table(rows)
    misses = [r for r in rows if r.verdict == "MISS"]
    checked = [r for r in rows if r.verdict]
    print(f"\n{len(checked) - len(misses)}/{len(checked)} targets met · {time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n", encoding="utf-8")
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
