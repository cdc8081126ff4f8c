"""The command line: a thin shell that parses options, calls the core and prints.

Headless commands (`rank`, `export`, `validate`, `analyze`, `new-vendor`) never import
Textual, so they start fast; only `review` (the default) loads the app.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from vendortui import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
COMMON = ("vendors", "template", "portfolio", "session", "weights")


def _add_common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    g = parser.add_argument_group("data options")
    g.add_argument("--vendors", metavar="DIR", default=default, help="folder of vendor profiles (default: bundled samples)")
    g.add_argument("--template", metavar="FILE", default=default, help="RFP template (default: bundled collection-partner)")
    g.add_argument("--portfolio", metavar="FILE", default=default, help="portfolio file overriding the template's [portfolio]")
    g.add_argument("--session", metavar="FILE", default=default, help="review session to load (created on first save)")
    g.add_argument("--weights", metavar="ID=W,...", default=default, help="weight overrides, e.g. customer_focus=30,compliance=25")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vendortui",
        description="Choose a debt-collection partner: weight criteria, score RFP answers, "
        "project net recovery on your portfolio, rank and export a shortlist.",
    )
    parser.add_argument("--version", action="version", version=f"vendortui {__version__}")
    _add_common(parser, suppress=False)
    parser.add_argument("--evaluator", metavar="NAME", help="your name, recorded in the session")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("review", help="the interactive app (the default)")
    _add_common(p, suppress=True)
    p.add_argument("--evaluator", metavar="NAME", default=argparse.SUPPRESS, help="your name, recorded in the session")

    p = sub.add_parser("rank", help="print the ranking")
    _add_common(p, suppress=True)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--top", type=_positive_int, metavar="N", help="only the first N vendors")

    p = sub.add_parser("export", help="write a filled RFP per vendor and shortlist.md as Markdown")
    _add_common(p, suppress=True)
    p.add_argument("--out", metavar="DIR", required=True, help="folder to write into (created if missing)")

    p = sub.add_parser("validate", help="check vendor, template, portfolio and session files")
    _add_common(p, suppress=True)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled samples)")

    p = sub.add_parser("analyze", help="tipping points, weight sensitivity and Monte Carlo")
    _add_common(p, suppress=True)
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    p.add_argument("--runs", type=_non_negative_int, default=2000, metavar="N", help="Monte Carlo runs (default 2000)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="Monte Carlo seed (default 0)")

    p = sub.add_parser("new-vendor", help="a vendor profile skeleton with every question of the template")
    _add_common(p, suppress=True)
    p.add_argument("id", metavar="ID", help="the vendor id: a-z, 0-9 and '-'")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: standard output)")
    return parser


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:
        return _failed(e)
    finally:
        if "vendortui.core.reading" in sys.modules:
            sys.modules["vendortui.core.reading"].discard_prefetched()


def _failed(error: Exception) -> int:
    """The exit code for an error, after saying what it is (never with a traceback)."""
    # Imported here, not above: `_dispatch` starts reading a big vendor folder before the
    # models (which these modules import) are built.
    from vendortui.core.problems import ProblemsError
    from vendortui.core.workspace import UsageError

    if isinstance(error, UsageError):
        print(f"vendortui: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    if os.environ.get("VENDORTUI_DEBUG"):  # last resort: a bad file must never show a traceback
        raise error
    print(f"vendortui: internal error: {type(error).__name__}: {error} (set VENDORTUI_DEBUG=1 for details)", file=sys.stderr)
    return EXIT_PROBLEMS


def _options(args: argparse.Namespace) -> dict:
    return {name: getattr(args, name, None) for name in COMMON}


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "review"
    if command != "review":
        # A short-lived process that builds many objects and no reference cycles worth
        # collecting: the collector's full passes cost a fifth of `rank` at 5,000 vendors.
        import gc

        gc.disable()
    if command == "validate":
        return _validate(args)
    if command == "new-vendor":
        return _new_vendor(args)
    if command != "review" and args.vendors:
        # Parse the vendor files on every core while this process imports the models.
        from vendortui.core.reading import prefetch

        prefetch(args.vendors)
    from vendortui.core.workspace import open_workspace

    if command == "review":
        from vendortui.ui.launch import run_app

        return run_app(_options(args), evaluator=getattr(args, "evaluator", None))
    ws = open_workspace(**_options(args), parallel=True)
    for problem in ws.problems:
        print(problem, file=sys.stderr)
    status = EXIT_PROBLEMS if ws.problems else EXIT_OK
    if command == "rank":
        _rank(ws, args)
    elif command == "export":
        _export(ws, args)
    elif command == "analyze":
        _analyze(ws, args)
    return status


def _rank(ws, args: argparse.Namespace) -> None:
    from vendortui.core import report

    ranked = ws.rank()
    if args.top:
        ranked = ranked[: args.top]
    if args.format == "json":
        report.write_ranking_json(ranked, sys.stdout)
    elif args.format == "csv":
        sys.stdout.write(report.ranking_csv(ranked))
    else:
        from vendortui.rank_table import print_ranking

        print_ranking(ws, ranked)


def _export(ws, args: argparse.Namespace) -> None:
    from vendortui.core.export import write_export
    from vendortui.core.workspace import UsageError

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out names a file, not a folder: {out}")
    written = write_export(ws, out)
    print(f"wrote {len(written)} files to {out}")


def _analyze(ws, args: argparse.Namespace) -> None:
    from vendortui.core import analysis

    result = analysis.analyze(ws, runs=args.runs, seed=args.seed)
    if args.format == "json":
        print(analysis.to_json(result))
    elif args.format == "markdown":
        print(analysis.to_markdown(result, ws.portfolio.currency))
    else:
        from vendortui.rank_table import print_analysis

        print_analysis(ws, result)


def _validate(args: argparse.Namespace) -> int:
    from vendortui.core import samples
    from vendortui.core.validation import validate

    if args.paths:
        paths = [Path(p) for p in args.paths]
        missing = [p for p in paths if not p.exists()]
        if missing:
            for p in missing:
                print(f"vendortui: error: no such file or folder: {p}", file=sys.stderr)
            return EXIT_USAGE
    else:
        paths = [samples.vendors_dir(), samples.templates_dir()]
    extra = []
    template = getattr(args, "template", None)
    if template:
        if not Path(template).is_file():
            print(f"vendortui: error: template not found: {template}", file=sys.stderr)
            return EXIT_USAGE
        extra.append(Path(template))
    book = getattr(args, "portfolio", None)
    if book and not Path(book).is_file():
        print(f"vendortui: error: portfolio not found: {book}", file=sys.stderr)
        return EXIT_USAGE
    result = validate(paths, extra, Path(book) if book else None)
    for problem in result.problems:
        print(problem)
    n = len(result.problems)
    print(f"{result.summary()}: {n} problem{'s' if n != 1 else ''}" if n else f"{result.summary()}: ok", file=sys.stderr)
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _new_vendor(args: argparse.Namespace) -> int:
    import re

    from vendortui.core import samples
    from vendortui.core.loading import load_file
    from vendortui.core.problems import ProblemsError
    from vendortui.core.skeleton import vendor_skeleton

    if not re.fullmatch(r"[a-z0-9-]+", args.id):
        print(f"vendortui: error: id {args.id!r} must use only a-z, 0-9 and '-'", file=sys.stderr)
        return EXIT_USAGE
    template_path = Path(getattr(args, "template", None) or samples.default_template())
    if not template_path.is_file():
        print(f"vendortui: error: template not found: {template_path}", file=sys.stderr)
        return EXIT_USAGE
    loaded = load_file(template_path, "template")
    if loaded.model is None:
        raise ProblemsError(loaded.problems)
    text = vendor_skeleton(args.id, loaded.model)
    if not args.out:
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(args.out)
    if out.is_dir():
        out = out / f"{args.id}.toml"
    if out.exists():
        print(f"vendortui: error: {out} already exists; not overwriting it", file=sys.stderr)
        return EXIT_USAGE
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK
