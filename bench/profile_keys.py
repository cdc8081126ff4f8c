"""Profile the weight key press path of the app with pyinstrument.

    .venv/bin/python bench/profile_keys.py [N] [--presses 5] [--all]

Generates N vendors (default 1,000), opens the app headless, presses `w`, then profiles
`--presses` presses of `plus`, each until the table shows the new ranking and the screen has
been repainted, and prints pyinstrument's report (`--all` shows Textual's own frames too).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apps import Paints, row_count
from gen import generate


async def profile(folder: Path, template: Path, n: int, presses: int, show_all: bool) -> None:
    from pyinstrument import Profiler
    from textual import events

    from vendortui.files.options import LoadOptions
    from vendortui.ui.app import make_app

    app = make_app(LoadOptions(vendors=folder, template=template), autosave=3600)
    paints = Paints(app)
    async with app.run_test(size=(160, 50)) as pilot:
        await paints.first(row_count(app, n))
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        profiler = Profiler(interval=0.0005, async_mode="disabled")
        latencies = []
        for _ in range(presses):
            before = app.state.ranked
            table = app.screen.query_one("#ranking")
            profiler.start()
            t0 = time.perf_counter()
            app._driver.send_message(events.Key("plus", "+"))
            painted = await paints.first(
                lambda before=before, table=table: app.state.ranked is not before and table.row_count == n
            )
            profiler.stop()
            latencies.append((painted - t0) * 1000)
            await pilot.pause()
    print("key -> repaint, ms:", [round(x) for x in latencies])
    print(profiler.output_text(unicode=True, color=False, show_all=show_all))


def main() -> None:
    parser = argparse.ArgumentParser(description="profile the weight key press")
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--all", action="store_true", help="show library frames too")
    args = parser.parse_args()
    from vendortui.files import samples

    with tempfile.TemporaryDirectory(prefix="vendortui-prof-") as tmp:
        folder = generate(args.n, Path(tmp) / "vendors")
        asyncio.run(profile(folder, samples.default_template(), args.n, args.presses, args.all))


if __name__ == "__main__":
    main()
