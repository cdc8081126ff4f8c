"""Time the hostile corpus (tests/data/hostile) through every command, as processes.

    .venv/bin/python bench/hostile.py [--repeat 3]

Prints, for each command, the median wall time over the sample vendors plus every hostile
vendor file and the special files (FIFOs, devices, links) in one folder, its exit code,
and the time to validate the 20,000-band vendor alone. Information only: the rule is that
every command ends within seconds (the tests hold each under 30 s).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "data" / "hostile"


def timed(argv: list[str], repeat: int) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "vendortui", *argv], capture_output=True)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(times), code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vendortui-hostile-") as tmp:
        folder = Path(tmp) / "vendors"
        shutil.copytree(ROOT / "sample_vendors" / "us", folder)
        for path in (HOSTILE / "vendors").glob("*.toml"):
            shutil.copy(path, folder / path.name)
        sys.path.insert(0, str(HOSTILE))
        from make_special import make_special

        special = make_special(folder)
        files = len(list(folder.iterdir()))
        print(f"{files} files in one folder ({len(special)} special), median of {args.repeat} runs each\n")
        commands = {
            "rank --format table": ["rank", "--vendors", str(folder)],
            "rank --format json": ["rank", "--vendors", str(folder), "--format", "json"],
            "rank --format csv": ["rank", "--vendors", str(folder), "--format", "csv"],
            "analyze (2,000 runs)": ["analyze", "--vendors", str(folder)],
            "analyze --format markdown": ["analyze", "--vendors", str(folder), "--format", "markdown"],
            "export": ["export", "--vendors", str(folder), "--out", str(Path(tmp) / "export"), "--force"],
            "validate": ["validate", str(folder)],
            "validate bands-20000.toml alone": ["validate", str(HOSTILE / "vendors" / "bands-20000.toml")],
        }
        for template in sorted((HOSTILE / "templates").glob("template-*.toml")):
            if "breakout" in template.name or "quotes" in template.name:
                commands[f"new-vendor --template {template.name}"] = ["new-vendor", "x", "--template", str(template)]
        print(f"{'command':58} {'seconds':>8}  exit")
        for name, argv in commands.items():
            seconds, code = timed(argv, args.repeat)
            print(f"{name:58} {seconds:8.2f}  {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
