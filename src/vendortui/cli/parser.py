"""The command line's options: one parser, the same data options on every command."""

from __future__ import annotations

import argparse

from vendortui import __version__
from vendortui.core.defaults import MONTE_CARLO_RUNS, MONTE_CARLO_SEED

COMMON = ("vendors", "template", "portfolio", "session", "weights")
EVIDENCE_HELP = "every figure and auto score on evidenced rates: claims weighed by their similar_portfolios ([evidence] k)"


def _add_common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    g = parser.add_argument_group("data options")
    g.add_argument("--vendors", metavar="DIR", default=default, help="folder of vendor profiles (default: the template's)")
    g.add_argument("--template", metavar="FILE", default=default, help="RFP template (default: bundled collection-partner)")
    g.add_argument("--portfolio", metavar="FILE", default=default, help="portfolio file overriding the template's [portfolio]")
    g.add_argument("--session", metavar="FILE", default=default, help="review session to load (created on first save)")
    g.add_argument("--weights", metavar="ID=W,...", default=default, type=weights,
                   help="weight overrides, e.g. customer_focus=30,compliance=25")
    g.add_argument("--panel", metavar="FILE", default=default, help="a panel file: its members' sessions, merged")


def _add_evidence(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--evidence", action="store_true", default=argparse.SUPPRESS, help=EVIDENCE_HELP)


def weights(text: str) -> dict[str, float]:
    """`customer_focus=30,compliance=25` -> {criterion: weight}; whether each criterion
    exists is the template's to say, once it is loaded."""
    found: dict[str, float] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise argparse.ArgumentTypeError(f"{item!r} is not criterion=value")
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name}={value!r} is not a number") from None
        if not (number >= 0) or number == float("inf"):
            raise argparse.ArgumentTypeError(f"{name} must be a non-negative number")
        found[name] = number
    return found


def _positive_int(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _non_negative_int(text: str) -> int:
    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _cutoffs(text: str) -> list[int]:
    """`30,45,60,90` -> [30, 45, 60, 90]: whole days past due, at least 1."""
    days = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        days.append(_positive_int(item))
    if not days:
        raise argparse.ArgumentTypeError("give at least one cut-off in days, e.g. 60 or 30,45,60,90")
    return list(dict.fromkeys(days))


BLIND_HELP = (
    "blind review: vendors as Vendor A, B... in a shuffled order; their summary, contact and references dropped, "
    "their names (in any disguise) replaced by the alias in answers, problems and files, and every money figure "
    "hidden; for review, rank and export (analyze and plan, all money, refuse it); a session started blind stays blind"
)


def _add_blind(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: `vendortui --blind export` and `vendortui export --blind` both set it; a
    # subcommand's default must never reset the flag given before the command.
    parser.add_argument("--blind", action="store_true", default=argparse.SUPPRESS, help=BLIND_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vendortui",
        description="Choose a debt-collection partner: weight criteria, score RFP answers, "
        "project net recovery on your portfolio, rank and export a shortlist.",
    )
    parser.add_argument("--version", action="version", version=f"vendortui {__version__}")
    _add_common(parser, suppress=False)
    parser.add_argument("--evaluator", metavar="NAME", help="your name, recorded in the session")
    parser.add_argument("--blind", action="store_true", help=BLIND_HELP)
    parser.add_argument("--evidence", action="store_true", help=EVIDENCE_HELP)
    parser.add_argument("--config", metavar="FILE", help="settings file: keymap, theme, evaluator "
                        "(default: config.toml in your config folder, e.g. ~/.config/vendortui)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("review", help="the interactive app (the default)")
    _add_common(p, suppress=True)
    p.add_argument("--evaluator", metavar="NAME", default=argparse.SUPPRESS, help="your name, recorded in the session")
    p.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="settings file: keymap, theme, evaluator")
    _add_blind(p)
    _add_evidence(p)

    p = sub.add_parser("rank", help="print the ranking")
    _add_common(p, suppress=True)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--top", type=_positive_int, metavar="N", help="only the first N vendors")
    _add_blind(p)
    _add_evidence(p)

    p = sub.add_parser("export", help="write a filled RFP per vendor and shortlist.md as Markdown")
    _add_common(p, suppress=True)
    p.add_argument("--out", metavar="DIR", required=True, help="folder to write into (created if missing)")
    p.add_argument("--force", action="store_true", help="overwrite files of the same name that vendortui did not write")
    _add_blind(p)
    _add_evidence(p)

    p = sub.add_parser("validate", help="check vendor, template, portfolio and session files")
    _add_common(p, suppress=True)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled samples)")
    p.add_argument("--strict", action="store_true", help="warnings count as problems (exit 1)")

    p = sub.add_parser("analyze", help="tipping points, weight sensitivity and Monte Carlo")
    _add_common(p, suppress=True)
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    p.add_argument("--runs", type=_non_negative_int, default=MONTE_CARLO_RUNS, metavar="N",
                   help=f"Monte Carlo runs (default {MONTE_CARLO_RUNS}, as in the app and shortlist.md)")
    p.add_argument("--seed", type=_whole, default=MONTE_CARLO_SEED, metavar="S",
                   help=f"Monte Carlo seed (default {MONTE_CARLO_SEED})")
    _add_evidence(p)

    p = sub.add_parser("plan", help="the best placement plan: a waterfall of up to K options by age, and cut-offs")
    _add_common(p, suppress=True)
    p.add_argument("--max-options", type=_positive_int, default=3, metavar="K",
                   help="at most K options (segments) in a plan (default 3; 1: the best single vendor)")
    p.add_argument("--cutoff", type=_cutoffs, metavar="DAYS[,DAYS...]",
                   help="accounts younger than DAYS stay with --keep; several give one plan each, e.g. 30,45,60,90")
    p.add_argument("--keep", metavar="ID", help="the vendor that keeps the accounts below the cut-off "
                   "(default: the in-house vendor, if there is one)")
    p.add_argument("--shortlist", action="store_true",
                   help="plan over the shortlisted vendors and the status quo only (the recommendation's plan)")
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    _add_evidence(p)

    p = sub.add_parser("cash", help="cumulative net by month per vendor, npv and payback ([timing])")
    _add_common(p, suppress=True)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    _add_evidence(p)

    p = sub.add_parser("panel", help="a panel's scored questions, disagreements first; --init writes a panel file",
                       epilog="The panel file names the template, the vendors, the weights and its members' sessions "
                       "(paths relative to it), so the data options of the other commands do not apply here.")
    p.add_argument("file", metavar="FILE", help="the panel file (*.panel.toml)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--init", nargs="+", metavar="SESSION", help="write FILE as a panel of these sessions")

    p = sub.add_parser("history", help="what each save of a session changed",
                       epilog="Reads the session file alone (its [[history]]): the data options of the other "
                       "commands do not apply here.")
    p.add_argument("session", metavar="SESSION", help="a session file")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("new-vendor", help="a vendor profile skeleton with every question of the template")
    _add_common(p, suppress=True)
    p.add_argument("id", metavar="ID", help="the vendor id: a-z, 0-9 and '-'")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: ID.toml in --vendors DIR if given, "
                                                 "else standard output)")
    return parser
