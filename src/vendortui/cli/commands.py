"""The headless commands: each loads what it needs, calls the core and prints the result."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from vendortui.cli.exits import ExitCode, say_usage
from vendortui.core.characters import escape_one_line
from vendortui.core.problems import ProblemsError
from vendortui.core.report import Report, ReportOptions, build_report
from vendortui.files import samples
from vendortui.files.atomic import write_new
from vendortui.files.loading import load_file
from vendortui.files.paths import short_problem
from vendortui.files.workspace import LoadOptions, UsageError, open_workspace

BLIND_COMMANDS = ("review", "rank", "export")  # the others show money or name vendors by file


def run(command: str, options: LoadOptions, args: argparse.Namespace) -> int:
    if options.blind and command not in BLIND_COMMANDS:
        raise UsageError(f"--blind applies to {', '.join(BLIND_COMMANDS)}, not to {command}")
    if command == "validate":
        return validate(args)
    if command == "new-vendor":
        return new_vendor(args)
    if command == "panel":
        return panel(args)
    if command == "history":
        return history(args)
    ws = open_workspace(options, parallel=True)
    if ws.blind and command not in BLIND_COMMANDS:
        raise UsageError(f"{command} shows money figures, which a blind review hides: run it on a session "
                         "that is not blind")
    report = build_report(ws.evaluation, _report_options(args))
    # Warnings do not change the exit code. Blind, they name aliases and hold no figure.
    for problem in [*ws.problems, *ws.warnings, *ws.ranking_problems(report.ranking_warnings)]:
        print(short_problem(problem), file=sys.stderr)
    status: int = ExitCode.PROBLEMS if ws.problems else ExitCode.OK
    if command == "rank":
        rank(report, args, ws.blind)
    elif command == "export":
        export(report, args, ws.blind)
    elif command == "analyze":
        analyze(report, args)
    elif command == "plan":
        status = max(status, plan(report, args))
    elif command == "cash":
        cash(report, args)
    return status


def _report_options(args: argparse.Namespace) -> ReportOptions:
    """What the command asks of the report beyond the ranking."""
    defaults = ReportOptions()
    cutoffs = getattr(args, "cutoff", None)
    return ReportOptions(
        runs=getattr(args, "runs", defaults.runs), seed=getattr(args, "seed", defaults.seed),
        max_options=getattr(args, "max_options", None) or defaults.max_options,
        cutoffs=tuple(cutoffs) if cutoffs is not None else None, keep=getattr(args, "keep", None),
        shortlist=getattr(args, "shortlist", False),
    )


def rank(report: Report, args: argparse.Namespace, blind: bool = False) -> None:
    from vendortui.render import rows

    ranked = report.ranked[: args.top] if args.top else report.ranked
    if args.format == "json":
        rows.write_ranking_json(ranked, sys.stdout, blind)
    elif args.format == "csv":
        sys.stdout.write(rows.ranking_csv(ranked, blind))
    else:
        from vendortui.render.tables import print_ranking

        print_ranking(report, ranked, blind)


def export(report: Report, args: argparse.Namespace, blind: bool = False) -> None:
    from vendortui.files.exporting import ExportError, check_targets, write_export
    from vendortui.render.shortlist import SHORTLIST_FILE, export_documents

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out names a file, not a folder: {out}")
    try:
        if blind:
            from datetime import date

            from vendortui.render.blind import blind_documents

            docs = blind_documents(report, date.today())
            check_targets(docs, out, args.force)
            written = write_export(docs, out, args.force)
            print(f"wrote {len(written)} files to {escape_one_line(str(out))} (blind)")
            return
        docs = {f"{r.id}.md": "" for r in report.ranked} | {SHORTLIST_FILE: ""}
        check_targets(docs, out, args.force)  # before the slow part: say now what is in the way
        written = write_export(export_documents(report), out, args.force)
    except ExportError as e:
        raise UsageError(str(e)) from None
    print(f"wrote {len(written)} files to {escape_one_line(str(out))}")


def analyze(report: Report, args: argparse.Namespace) -> None:
    from vendortui.render import analysis

    if args.format == "json":
        print(analysis.to_json(report.analysis))
    elif args.format == "markdown":
        print(analysis.to_markdown(report.analysis, report.currency))
    else:
        from vendortui.render.tables import print_analysis

        print_analysis(report)


def plan(report: Report, args: argparse.Namespace) -> int:
    """`vendortui plan`: the best waterfall, or the best at each cut-off. Exit 1 when there
    is nobody to place the book with."""
    from vendortui.core.plans import NoPlan
    from vendortui.render import plans as render

    if args.keep and args.cutoff is None:
        raise UsageError("--keep needs --cutoff DAYS: the accounts younger than DAYS stay with it")
    if args.cutoff is not None:
        try:
            keep = report.keep
        except KeyError:
            raise UsageError(f"--keep: no vendor {args.keep!r} among the vendors loaded") from None
        if keep is None:
            raise UsageError("--cutoff needs --keep ID: no in-house vendor to keep the younger accounts")
        said = report.keep_warning
        if said is not None:
            print(f"warning: {escape_one_line(said)}", file=sys.stderr)
    try:
        plans = report.requested_plans
    except NoPlan as e:
        print(f"vendortui: no plan: {e}", file=sys.stderr)
        return ExitCode.PROBLEMS
    several = args.cutoff is not None and len(args.cutoff) > 1
    # --shortlist alone is the recommendation's plan: say what the plan over every eligible vendor adds
    against = report.recommendation if args.shortlist and args.cutoff is None else None
    if args.format == "json":
        print(render.plans_json(plans, report.names, several, against))
    elif args.format == "markdown":
        sys.stdout.write(render.plans_markdown(plans, report.names, report.currency, against))
    else:
        from vendortui.render.tables import print_plans

        print_plans(report, plans)
        if against is not None and render.against_all(against, report.names, report.currency):
            print(escape_one_line(render.against_all(against, report.names, report.currency)))
    return ExitCode.OK


def cash(report: Report, args: argparse.Namespace) -> None:
    """`vendortui cash`: cumulative net by month per vendor, npv and payback (needs [timing])."""
    from vendortui.render import cash as render

    if report.timing is None:
        raise UsageError("no [timing] table in the template or portfolio file: add `[timing]` with "
                         "`discount_rate = 0.10` (and optionally a default `curve`) to see cash by month")
    if args.format == "json":
        sys.stdout.write(render.cash_json_text(report.cash, report.horizon))
    elif args.format == "csv":
        sys.stdout.write(render.cash_csv(report.cash))
    else:
        from vendortui.render.tables import print_cash

        print_cash(report)


def validate(args: argparse.Namespace) -> int:
    from vendortui.files.validation import validate as check

    # The data options name files to check too: `validate --vendors DIR` checks that folder as
    # `rank --vendors DIR` reads it (its own *.toml, against --template, else the bundled
    # template), and --session and --panel their files. With none, the bundled samples.
    vendors = Path(args.vendors) if getattr(args, "vendors", None) else None
    named = [*args.paths, *(v for v in (getattr(args, "session", None), getattr(args, "panel", None)) if v)]
    paths = [Path(p) for p in named]
    missing = [p for p in (*paths, vendors) if p is not None and not p.exists()]
    if missing:
        for p in missing:
            say_usage(f"no such file or folder: {p}")
        return ExitCode.USAGE
    if not paths and not vendors:
        paths = [samples.root(), samples.templates_dir()]  # every RFP's folder, and its template
    extra = []
    template = getattr(args, "template", None) or (samples.default_template() if vendors and not args.paths else None)
    if template:
        if not Path(template).is_file():
            return say_usage(f"template not found: {template}")
        extra.append(Path(template))
    if getattr(args, "weights", None):
        _check_weights(args.weights, Path(template or samples.default_template()))
    book = getattr(args, "portfolio", None)
    if book and not Path(book).is_file():
        return say_usage(f"portfolio not found: {book}")
    result = check(paths, extra, Path(book) if book else None, vendors)
    for problem in result.problems:
        print(short_problem(problem))
    for warning in result.warnings:
        print(short_problem(warning))
    n, w = len(result.problems), len(result.warnings)
    counts = [f"{n} problem{'s' if n != 1 else ''}"] * bool(n) + [f"{w} warning{'s' if w != 1 else ''}"] * bool(w)
    print(f"{result.summary()}: {', '.join(counts) or 'ok'}", file=sys.stderr)
    failed = result.problems or (args.strict and result.warnings)  # --strict: warnings are problems
    return ExitCode.PROBLEMS if failed else ExitCode.OK


def _check_weights(weights: dict[str, float], template_path: Path) -> None:
    """--weights against the template they would rank with, as `rank` checks them: an unknown
    criterion, or no positive weight left, is a usage error. A template that does not load
    is reported with the files."""
    from vendortui.core.scoring import effective_weights
    from vendortui.core.weights import weights_problem
    from vendortui.files.workspace import known_weights

    template = load_file(template_path, "template").model
    if template is None:
        return
    problem = weights_problem(effective_weights(template, known_weights(weights, template)))
    if problem:
        raise UsageError(problem)


def new_vendor(args: argparse.Namespace) -> int:
    from vendortui.render.skeleton import vendor_skeleton

    if not re.fullmatch(r"[a-z0-9-]+", args.id):
        return say_usage(f"id {args.id!r} must use only a-z, 0-9 and '-'")
    # As for every command: --template, else the session's, else the bundled one. The profile
    # goes to --out, else into the --vendors folder, else to standard output.
    template_path = Path(getattr(args, "template", None) or _session_template(args) or samples.default_template())
    if not template_path.is_file():
        return say_usage(f"template not found: {template_path}")  # a session's path: escaped
    folder = getattr(args, "vendors", None)
    if folder and not args.out and not Path(folder).is_dir():
        return say_usage(f"--vendors must be a folder: {folder}")
    loaded = load_file(template_path, "template")
    if loaded.model is None:
        raise ProblemsError(loaded.problems)
    text = vendor_skeleton(args.id, loaded.model)
    destination = args.out or folder
    if not destination:
        sys.stdout.write(text)
        return ExitCode.OK
    out = Path(destination)
    if out.is_dir() and not out.is_symlink():
        out = out / f"{args.id}.toml"
    try:
        write_new(out, text.encode("utf-8"))  # never through a link, never over a file
    except FileExistsError:
        return say_usage(f"{out} already exists (or is a link); not overwriting it")
    except OSError as e:
        return say_usage(f"cannot write {out}: {e.strerror or e}")
    print(f"wrote {escape_one_line(str(out))}", file=sys.stderr)
    return ExitCode.OK


def _session_template(args: argparse.Namespace) -> Path | None:
    """The template a --session names (relative to it), if it names one."""
    session = getattr(args, "session", None)
    if not session:
        return None
    if not Path(session).exists():
        raise UsageError(f"session not found: {session}")
    loaded = load_file(Path(session), "session")  # a FIFO or a device is a problem of the file, never a hang
    if loaded.model is None:
        raise ProblemsError(loaded.problems)
    return Path(session).parent / loaded.model.template if loaded.model.template else None


def panel(args: argparse.Namespace) -> int:
    """`vendortui panel FILE`: every scored question, flagged first; `--init` writes FILE."""
    from vendortui.files.panels import init_panel
    from vendortui.render import panels as render

    path = Path(args.file)
    if args.init:
        init_panel(path, [Path(p) for p in args.init])
        print(f"wrote {escape_one_line(str(path))} with {len(args.init)} members")
        return ExitCode.OK
    if not path.is_file():
        raise UsageError(f"panel file not found: {path}")
    ws = open_workspace(LoadOptions(panel=path))
    for problem in [*ws.problems, *ws.warnings]:
        print(short_problem(problem), file=sys.stderr)
    assert ws.panel is not None
    if args.format == "json":
        sys.stdout.write(render.rows_json(ws.panel.merged.rows))
    else:
        from vendortui.render.tables import print_rows

        print_rows(ws.evaluation, ws.panel)
    return ExitCode.PROBLEMS if ws.problems else ExitCode.OK


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
    return ExitCode.OK
