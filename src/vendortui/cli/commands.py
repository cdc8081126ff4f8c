"""The headless commands: each loads what it needs, calls the core and prints the result."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from vendortui.core.characters import escape_one_line
from vendortui.core.problems import ProblemsError
from vendortui.core.scoring import Ranked
from vendortui.files import samples
from vendortui.files.atomic import write_new
from vendortui.files.loading import load_file
from vendortui.files.workspace import LoadOptions, UsageError, Workspace, open_workspace

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run(command: str, options: LoadOptions, args: argparse.Namespace) -> int:
    if command == "validate":
        return validate(args)
    if command == "new-vendor":
        return new_vendor(args)
    if command == "panel":
        return panel(args)
    if command == "history":
        return history(args)
    ws = open_workspace(options, parallel=True)
    ranked = ws.rank()
    found = [*ws.problems, *ws.warnings, *ws.shortlist_warnings(ranked)]  # warnings do not change the exit code
    if getattr(args, "blind", False):  # a file's path or a message would name a vendor or a figure
        if found:
            print(f"{len(ws.problems)} problems, {len(found) - len(ws.problems)} warnings in the files: "
                  "`vendortui validate` lists them", file=sys.stderr)
    else:
        for problem in found:
            print(problem, file=sys.stderr)
    status = EXIT_PROBLEMS if ws.problems else EXIT_OK
    if command == "rank":
        rank(ws, ranked, args)
    elif command == "export":
        export(ws, ranked, args)
    elif command == "analyze":
        analyze(ws, ranked, args)
    elif command == "plan":
        status = max(status, plan(ws, ranked, args))
    return status


def rank(ws: Workspace, ranked: list[Ranked], args: argparse.Namespace) -> None:
    from vendortui.render import rows

    if args.top:
        ranked = ranked[: args.top]
    if args.format == "json":
        rows.write_ranking_json(ranked, sys.stdout)
    elif args.format == "csv":
        sys.stdout.write(rows.ranking_csv(ranked))
    else:
        from vendortui.render.tables import print_ranking

        print_ranking(ws, ranked)


def export(ws: Workspace, ranked: list[Ranked], args: argparse.Namespace) -> None:
    from vendortui.files.exporting import ExportError, check_targets, write_export
    from vendortui.render.shortlist import SHORTLIST_FILE, export_documents

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out names a file, not a folder: {out}")
    try:
        if getattr(args, "blind", False):
            from datetime import date

            from vendortui.render.blind import blind_documents

            blind = blind_documents(ws, ranked, date.today())
            check_targets(blind, out, args.force)
            written = write_export(blind, out, args.force)
            print(f"wrote {len(written)} files to {escape_one_line(str(out))} (blind)")
            return
        docs = {f"{r.id}.md": "" for r in ranked} | {SHORTLIST_FILE: ""}
        check_targets(docs, out, args.force)  # before the slow part: say now what is in the way
        written = write_export(export_documents(ws, ranked), out, args.force)
    except ExportError as e:
        raise UsageError(str(e)) from None
    print(f"wrote {len(written)} files to {escape_one_line(str(out))}")


def analyze(ws: Workspace, ranked: list[Ranked], args: argparse.Namespace) -> None:
    from vendortui.core.analysis import analyze_ranking
    from vendortui.render import analysis

    result = analyze_ranking(ws.template, ws.portfolio, ws.vendors, ws.inputs(), ranked, args.runs, args.seed)
    if args.format == "json":
        print(analysis.to_json(result))
    elif args.format == "markdown":
        print(analysis.to_markdown(result, ws.currency))
    else:
        from vendortui.render.tables import print_analysis

        print_analysis(ws, result)


def plan(ws: Workspace, ranked: list[Ranked], args: argparse.Namespace) -> int:
    """`vendortui plan`: the best waterfall, or the best at each cut-off. Exit 1 when there
    is nobody to place the book with."""
    from vendortui.core.plans import NoPlan, best_plan, default_keep
    from vendortui.render import plans as render

    eligible = [r.vendor for r in ranked if r.eligible]
    keep = None
    if args.keep:
        keep = next((v for v in ws.vendors if v.vid == args.keep), None)
        if keep is None:
            raise UsageError(f"--keep: no vendor {args.keep!r} among the vendors loaded")
        if args.cutoff is None:
            raise UsageError("--keep needs --cutoff DAYS: the accounts younger than DAYS stay with it")
    elif args.cutoff is not None:
        keep = default_keep(ranked)
        if keep is None:
            raise UsageError("--cutoff needs --keep ID: no in-house vendor to keep the younger accounts")
    if keep is not None and keep not in eligible:
        print(f"warning: {escape_one_line(keep.name)} is knocked out or not eligible; it keeps the younger "
              "accounts because --keep asked for it", file=sys.stderr)
    horizon = ws.template.horizon_months
    try:
        if args.cutoff is None:
            plans = [best_plan(eligible, ws.portfolio, horizon, args.max_options)]
        else:
            plans = [best_plan(eligible, ws.portfolio, horizon, args.max_options, c, keep) for c in args.cutoff]
    except NoPlan as e:
        print(f"vendortui: no plan: {e}", file=sys.stderr)
        return EXIT_PROBLEMS
    names = {v.vid: v.name for v in ws.vendors}
    several = args.cutoff is not None and len(args.cutoff) > 1
    if args.format == "json":
        print(render.plans_json(plans, names, several))
    elif args.format == "markdown":
        sys.stdout.write(render.plans_markdown(plans, names, ws.currency))
    else:
        from vendortui.render.tables import print_plans

        print_plans(ws, plans)
    return EXIT_OK


def validate(args: argparse.Namespace) -> int:
    from vendortui.files.validation import validate as check

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
    result = check(paths, extra, Path(book) if book else None)
    for problem in result.problems:
        print(problem)
    for warning in result.warnings:
        print(warning)
    n, w = len(result.problems), len(result.warnings)
    counts = [f"{n} problem{'s' if n != 1 else ''}"] * bool(n) + [f"{w} warning{'s' if w != 1 else ''}"] * bool(w)
    print(f"{result.summary()}: {', '.join(counts) or 'ok'}", file=sys.stderr)
    failed = result.problems or (args.strict and result.warnings)  # --strict: warnings are problems
    return EXIT_PROBLEMS if failed else EXIT_OK


def new_vendor(args: argparse.Namespace) -> int:
    from vendortui.render.skeleton import vendor_skeleton

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
    if out.is_dir() and not out.is_symlink():
        out = out / f"{args.id}.toml"
    shown = escape_one_line(str(out))
    try:
        write_new(out, text.encode("utf-8"))  # never through a link, never over a file
    except FileExistsError:
        print(f"vendortui: error: {shown} already exists (or is a link); not overwriting it", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        print(f"vendortui: error: cannot write {shown}: {e.strerror or e}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {shown}", file=sys.stderr)
    return EXIT_OK


def panel(args: argparse.Namespace) -> int:
    """`vendortui panel FILE`: every scored question, flagged first; `--init` writes FILE."""
    from vendortui.files.panels import init_panel
    from vendortui.render import panels as render

    path = Path(args.file)
    if args.init:
        init_panel(path, [Path(p) for p in args.init])
        print(f"wrote {escape_one_line(str(path))} with {len(args.init)} members")
        return EXIT_OK
    if not path.is_file():
        raise UsageError(f"panel file not found: {path}")
    ws = open_workspace(LoadOptions(panel=path))
    for problem in [*ws.problems, *ws.warnings]:
        print(problem, file=sys.stderr)
    assert ws.panel is not None
    if args.format == "json":
        sys.stdout.write(render.rows_json(ws.panel.merged.rows))
    else:
        from vendortui.render.tables import print_rows

        print_rows(ws, ws.panel)
    return EXIT_PROBLEMS if ws.problems else EXIT_OK


def history(args: argparse.Namespace) -> int:
    """`vendortui history SESSION`: what each save changed, oldest first."""
    from vendortui.render import panels as render

    path = Path(args.session)
    if not path.is_file():
        raise UsageError(f"session not found: {path}")
    item = load_file(path, "session")
    if item.model is None:
        raise ProblemsError(item.problems)
    if args.format == "json":
        sys.stdout.write(render.history_json(item.model.history))
    else:
        from vendortui.render.tables import print_history

        print_history(item.model)
    return EXIT_OK
