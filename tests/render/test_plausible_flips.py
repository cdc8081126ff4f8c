"""shortlist.md puts in words only the weight flips a board could plausibly choose (at most
half the total weight on one criterion); `analyze` keeps every flip."""

from __future__ import annotations

from datetime import date

from tests.cli_runner import RunCli
from vendortui.core.report import build_report
from vendortui.files.options import LoadOptions
from vendortui.files.workspace import open_workspace
from vendortui.render.analysis import flip_sentences, to_markdown
from vendortui.render.shortlist import PLAUSIBLE_SHARE, shortlist_document


def test_the_board_reads_only_plausible_flips_and_analyze_every_flip(run_cli: RunCli) -> None:
    report = build_report(open_workspace(LoadOptions()).evaluation)
    flips = [f for f in report.analysis.weight_sensitivity if f.flip_share is not None and f.new_leader is not None]
    far = [f for f in flips if f.flip_share is not None and f.flip_share > PLAUSIBLE_SHARE]
    assert far, "the samples have a flip that needs more than half the weight"
    text = shortlist_document(report, date(2026, 12, 2))
    for f in far:
        title = report.template.criterion_title(f.criterion)
        assert f"{title} {f.direction}" not in text  # no sentence for it...
        assert f"{title} {100 * (f.flip_share or 0):.1f}%" in text  # ...but named with its share
    assert "no plausible weighting" in text
    every = run_cli("analyze", "--format", "markdown", "--runs", "0").stdout
    assert all(f"{report.template.criterion_title(f.criterion)} {f.direction}" in every for f in flips)


def test_a_flip_within_reach_is_still_said_in_words() -> None:
    result = build_report(open_workspace(LoadOptions()).evaluation).analysis
    shares = sorted(f.flip_share for f in result.weight_sensitivity if f.flip_share is not None and f.new_leader is not None)
    assert shares
    # Every flip at or under the bar is a sentence; none above it.
    bar = shares[0]
    assert len(flip_sentences(result, most_share=bar)) == 1
    assert len(flip_sentences(result, most_share=shares[-1])) == len(shares)
    assert "no plausible weighting" not in to_markdown(result, "USD", most_share=shares[-1])
