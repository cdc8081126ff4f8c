"""How long blind masking takes on a 1 MiB answer (the largest a vendor file can hold).

    .venv/bin/python bench/blind.py [--repeat N] [--json out.json]

Each line masks one answer of 1 MiB made of one unit repeated: the shapes that once made the
money pattern backtrack (`1,1,1,...`), runs of numbers, currency signs, names in disguise,
fee sentences, and ordinary prose. The figure is the CPU time of the best of N runs (on a
shared machine the wall time also counts the wait for a core), with the wall time beside it,
and the CPU time `str.lower` takes on the same text (a floor for any pass over it). Target:
every shape under 0.5 s of CPU; exit 1 when one misses it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from vendortui.core.masking import mask

MIB = 2**20
TARGET = 0.5
NAME = [("Alpha Omega Recovery", "alpha-omega")]
SHAPES = {
    "1,1,1,... (the old hang)": "1,",
    "numbers and spaces": "1 ",
    "a number after a letter": "1 a ",
    "currency signs": "$1 ",
    "currency codes": "usd 1 ",
    "grouped thousands": "1 000 ",
    "fee sentences": "25% fee. ",
    "the name, over and over": "alpha x ",
    "the name split by invisibles": "Al\u200bpha\u00ad ",
    "accented letters (2 bytes each)": "é",
    "prose with money and the name": "Contingency: 20% on 0-90 DPD, 25% above and a $5,000 setup fee. "
                                     "Alpha Omega Recovery works 8am-8pm with 620 collectors. ",
}


def best_of(text: str, repeat: int) -> tuple[float, float, float]:
    cpu, wall, floor = float("inf"), float("inf"), float("inf")
    for _ in range(repeat):
        start, start_wall = time.process_time(), time.perf_counter()
        mask(text, NAME, "Vendor A")
        cpu = min(cpu, time.process_time() - start)
        wall = min(wall, time.perf_counter() - start_wall)
        start = time.process_time()
        text.lower()
        floor = min(floor, time.process_time() - start)
    return cpu, wall, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    figures = {}
    missed = False
    print(f"{'1 MiB answer of':40} {'mask cpu':>9} {'wall':>8} {'lower()':>8}  target {TARGET:.1f} s cpu")
    for label, unit in SHAPES.items():
        text = unit * (MIB // len(unit.encode("utf-8")))
        cpu, wall, floor = best_of(text, args.repeat)
        ok = cpu < TARGET
        missed |= not ok
        figures[label] = {"cpu_seconds": round(cpu, 4), "wall_seconds": round(wall, 4),
                          "lower_cpu_seconds": round(floor, 4), "chars": len(text)}
        print(f"{label:40} {cpu:8.3f}s {wall:7.3f}s {floor:7.3f}s  {'PASS' if ok else 'MISS'}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
