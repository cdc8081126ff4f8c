"""Markdown export (issue 5): the filled RFP per vendor and shortlist.md.

Fixtures live in tests/data/export/: a small template, five vendors (one of them,
`hostile.toml`, types everything that could break Markdown), a review session, and the SPEC's
worked example under `worked/`. The expected documents are golden files in
tests/data/export/golden/, compared byte for byte.

After an intended change to the output, regenerate the golden files and read the diff
before committing it:

    VENDORTUI_REGEN=1 /work/venv/bin/pytest tests/core/test_export.py

With VENDORTUI_REGEN unset, the golden files are only read.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.cli_runner import RunCli
from vendortui.core.money import net_at_rate
from vendortui.core.report import SCENARIO_RATES, build_report
from vendortui.core.session_models import Override
from vendortui.files.exporting import MANIFEST, ExportError, write_export
from vendortui.files.workspace import LoadOptions, Workspace, open_workspace
from vendortui.render.formatting import money
from vendortui.render.markdown import addresses, cell, escape_inline, heading, paragraphs
from vendortui.render.shortlist import export_documents

DATA = Path(__file__).resolve().parents[1] / "data" / "export"
GOLDEN = DATA / "golden"
WORKED = DATA / "worked"
TODAY = date(2026, 11, 23)
REGEN = os.environ.get("VENDORTUI_REGEN") == "1"
DELIMITER_ROW = re.compile(r"^\|(?:---:?\|)+$")


def fixture_workspace(vendors: Path = DATA / "vendors") -> Workspace:
    return open_workspace(LoadOptions(vendors=vendors, template=DATA / "template.toml", session=DATA / "review.session.toml"))


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return fixture_workspace()


@pytest.fixture(scope="module")
def docs(ws: Workspace) -> dict[str, str]:
    return export_documents(build_report(ws.evaluation), today=TODAY)


def md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def inline_text(token: Token) -> str:
    """What a reader sees in an inline token: hard breaks (also `<br>`) as \\n, soft ones as spaces."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "html_inline":
            out.append("\n" if child.content == "<br>" else child.content)
    return "".join(out)


def split_row(line: str) -> list[str]:
    """Cells of a table row the way GFM splits them: on pipes not preceded by a backslash."""
    assert line.startswith("|") and line.endswith("|") and not line.endswith("\\|"), line
    return re.split(r"(?<!\\)\|", line[1:-1])


def table_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("|"):
            if current is None:
                current = []
                blocks.append(current)
            current.append(line)
        else:
            current = None
    return blocks


def headings(text: str) -> list[str]:
    tokens = md().parse(text)
    return [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]


def norm(text: str) -> str:
    return " ".join(text.split())


# --- Golden files ----------------------------------------------------------------------------


def test_golden_files_are_the_export(docs: dict[str, str]) -> None:
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.md"):
            old.unlink()
        for name, text in docs.items():
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
    assert sorted(p.name for p in GOLDEN.glob("*.md")) == sorted(docs)
    for name, text in docs.items():
        assert (GOLDEN / name).read_text(encoding="utf-8") == text, f"{name} differs from its golden file"


# --- Hostile text never breaks the structure ----------------------------------------------


def test_every_table_row_has_its_header_column_count(docs: dict[str, str]) -> None:
    assert len(docs) == 6
    for name, text in docs.items():
        blocks = table_blocks(text)
        assert blocks, name
        for block in blocks:
            assert len(block) >= 3, (name, block)
            assert DELIMITER_ROW.match(block[1]), (name, block[1])
            columns = len(split_row(block[0]))
            assert len(split_row(block[1])) == columns
            for row in block[2:]:
                assert len(split_row(row)) == columns, (name, row)


def test_markdown_it_sees_exactly_our_tables(docs: dict[str, str]) -> None:
    for name, text in docs.items():
        tokens = md().parse(text)
        emitted = sum(1 for line in text.split("\n") if DELIMITER_ROW.match(line))
        assert sum(1 for t in tokens if t.type == "table_open") == emitted, name
        # every row renders with the header's cells and no cell swallowed the next one
        assert sum(1 for t in tokens if t.type == "tr_open") == sum(len(b) - 1 for b in table_blocks(text))


def test_only_our_headings_start_a_line(docs: dict[str, str], ws: Workspace) -> None:
    t = ws.template
    for r in ws.evaluation.rank():
        text = docs[f"{r.id}.md"]
        expected = [f"Filled RFP: {r.vendor.name}", "Vendor", "Fees", "Performance on similar portfolios",
                    "Portfolio", "Answers"]
        for i, section in enumerate(t.sections, start=1):
            expected.append(f"{i}. {section.title}")
            expected += [f"{i}.{j} {q.id}" for j, q in enumerate(section.questions, start=1)]
        if set(r.vendor.answers) - set(t.question_ids()):
            expected.append("Answers to questions not in this template")
        expected += ["Requirements", "Criterion scores", "Money"]
        assert headings(text) == expected, r.id
        assert sum(1 for line in text.split("\n") if line.startswith("#")) == len(expected), r.id
    shortlisted = [f"{r.rank}. {r.vendor.name}" for r in ws.evaluation.rank() if r.shortlisted]
    assert headings(docs["shortlist.md"]) == [
        "Shortlist and business case", "Recommendation", "The shortlist", "The plan", "Three largest risks",
        "Step 1: what involuntary churn costs", "Step 2: grace period and dunning",
        "Step 3: placement plan and cut-off", "Step 4: what the shortlist brings",
        "Summary", "Portfolio", "Weights", "Ranking", "Shortlist", *shortlisted,
        "Knocked out", "Money", "Net recovery at portfolio-wide recovery rates",
        "Where the decision flips", "Portfolio-size tipping points", "Weight sensitivity", "Monte Carlo",
        "Still to score", "Warnings",
    ]


def test_no_html_code_links_images_or_lists_from_vendor_text(docs: dict[str, str], ws: Workspace) -> None:
    ids = {v.vid for v in ws.vendors}
    for name, text in docs.items():
        tokens = md().parse(text)
        flat = tokens + [c for t in tokens for c in (t.children or [])]
        types = {t.type for t in flat}
        assert not types & {"html_block", "code_block", "fence", "image", "ordered_list_open", "hr"}, (name, types)
        # code spans hold only web and mail addresses (never clickable); quotes only answers
        spans = [t.content.replace("\\|", "|") for t in flat if t.type == "code_inline"]
        assert all(addresses(c) == [(0, len(c))] for c in spans), (name, spans)
        assert {t.content for t in flat if t.type == "html_inline"} <= {"<br>"}, name
        hrefs = {t.attrs["href"] for t in flat if t.type == "link_open"}
        assert hrefs <= {f"{vid}.md" for vid in ids}, (name, hrefs)
    # the only bullet lists in an RFP are ours: the header facts and the vendor's references
    for v in ws.vendors:
        tokens = md().parse(docs[f"{v.vid}.md"])
        lists = sum(1 for t in tokens if t.type == "bullet_list_open")
        assert lists == 1 + bool(v.performance.references), v.vid


def test_hostile_answers_read_back_exactly_as_typed(docs: dict[str, str], ws: Workspace) -> None:
    """Escaping is lossless: the rendered answer is the typed one, paragraph by paragraph,
    line by line (indentation and runs of blank lines aside)."""
    hostile = ws.evaluation.vendor("hostile")
    typed = hostile.answers["cx.portal"]
    rendered = answer_paragraphs(docs["hostile.md"], "1.1 cx.portal")
    blocks = re.split(r"\n\s*\n", typed.strip("\n"))
    assert len(rendered) == len(blocks) == 3
    for para, block in zip(rendered, blocks):
        assert para.split("\n") == [line.strip() for line in block.strip("\n").split("\n")]
    long_line = next(line for line in typed.split("\n") if len(line) > 1000)
    raw = [line for line in docs["hostile.md"].split("\n") if "deliberately long" in line]
    assert len(raw) == 1 and len(raw[0]) > len(long_line), "a long line stays one line"
    assert answer_paragraphs(docs["hostile.md"], "1.2 cx.hardship") == [hostile.answers["cx.hardship"]]
    assert "> \\#hashtag with no space\\\n> 100\\. not a list, 3.5 stars\\\n> \\-5% fee" in docs["hostile.md"]
    note = answer_paragraphs(docs["hostile.md"], "1.1 cx.portal", after="Note:")
    assert note == ["Note: # note heading | pipe <i>x</i>", "- second paragraph `tick`"]


def test_hostile_names_and_lists_survive_in_table_cells(docs: dict[str, str], ws: Workspace) -> None:
    hostile = ws.evaluation.vendor("hostile")
    cells = table_cells(docs["hostile.md"])
    assert ["Name", hostile.name] in cells
    assert ["Summary", "Line one | with a pipe\n# not a heading\n\n- not a list | either"] in cells
    assert ["Regions", "US, C|A"] in cells
    assert ["Contact", "`rm -rf /` | [click](http://evil.example) C:\\temp\\| x"] in cells
    ranking = table_cells(docs["shortlist.md"])
    assert ["2", hostile.name, "agency", "70.2", "$11,670", "shortlisted (incomplete)"] in ranking
    assert ["Service | care", "10", "9.1%", ""] in ranking


def answer_paragraphs(text: str, question_heading: str, after: str = "Answer:") -> list[str]:
    """Rendered paragraphs of one question, after the one reading `after`, up to the next label."""
    tokens = md().parse(text)
    i = next(i for i, t in enumerate(tokens)
             if t.type == "heading_open" and inline_text(tokens[i + 1]) == question_heading)
    paras = []
    for j in range(i + 3, len(tokens)):
        if tokens[j].type == "heading_open":
            break
        if tokens[j].type == "inline" and tokens[j - 1].type == "paragraph_open":
            paras.append(inline_text(tokens[j]))
    start = next(k for k, p in enumerate(paras) if p.startswith(after)) + (after == "Answer:")
    out: list[str] = []
    for p in paras[start:]:
        if out and (p.startswith("Score:") or p.startswith("Note:")):
            break
        out.append(p)
    return out


def table_cells(text: str) -> list[list[str]]:
    tokens = md().parse(text)
    rows: list[list[str]] = []
    row: list[str] | None = None
    for t in tokens:
        if t.type == "tr_open":
            row = []
        elif t.type == "inline" and row is not None:
            row.append(inline_text(t))
        elif t.type == "tr_close":
            assert row is not None
            rows.append(row)
            row = None
    return rows


# --- Content ----------------------------------------------------------------------------------


def test_every_question_with_its_answer_in_every_rfp(docs: dict[str, str], ws: Workspace) -> None:
    for v in ws.vendors:
        text = docs[f"{v.vid}.md"]
        for i, section in enumerate(ws.template.sections, start=1):
            for j, q in enumerate(section.questions, start=1):
                answer = answer_paragraphs(text, f"{i}.{j} {q.id}")
                typed = v.answers.get(q.id, "").strip()
                if typed:
                    assert norm(" ".join(answer)) == norm(typed), (v.vid, q.id)
                else:
                    assert answer == ["No answer given."], (v.vid, q.id)
                question = answer_paragraphs(text, f"{i}.{j} {q.id}", after="Question")
                assert norm(q.text) in norm(question[0]), (v.vid, q.id)


def test_scores_and_notes_from_the_session(docs: dict[str, str], ws: Workspace) -> None:
    alpha = docs["alpha.md"]
    assert answer_paragraphs(alpha, "1.1 cx.portal", after="Score:")[0] == "Score: 4 / 5"
    note = answer_paragraphs(alpha, "1.1 cx.portal", after="Note:")
    assert note == ["Note: Demo convincing.\nPlans capped at 12 months."]
    assert answer_paragraphs(alpha, "2.2 comp.security", after="Score:") == ["Score: not scored"]
    assert answer_paragraphs(docs["hostile.md"], "1.1 cx.portal", after="Score:")[0] == "Score: 2.5 / 5"
    assert ["req.encryption", "Data encrypted at rest and in transit", "evaluator decides", "fail",
            "failed by the evaluator", ""] in table_cells(docs["delta.md"])
    assert ["Compliance", "30", "27.3%", "1.5 / 5", "questions", "2 of 2", "3"] in table_cells(docs["gamma.md"])
    assert ["Customer focus", "40", "36.4%", "0.0 / 5", "missing", "0 of 2", ""] in table_cells(docs["delta.md"])


def test_overrides_and_requirement_notes_reach_the_filled_rfp() -> None:
    """An evaluator's override of an automatic check says why, who and when; notes on requirements
    are printed beside them, as data (a pipe in a note does not split the table)."""
    ws = fixture_workspace()
    ws.session.overrides["delta"] = {"req.pci": Override.model_validate(
        {"pass": True, "reason": "PCI certificate renewed | letter seen", "by": "Sam Okafor",
         "at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC)})}
    ws.session.requirement_notes["alpha"] = {"req.encryption": "Keys held in an HSM"}
    docs = export_documents(build_report(ws.evaluation), today=TODAY)
    assert ["req.pci", "PCI DSS compliant payment handling", "certification: PCI DSS", "pass",
            "overridden by the evaluator: PCI certificate renewed | letter seen (Sam Okafor, 2026-11-20)", ""] \
        in table_cells(docs["delta.md"])
    assert ["req.encryption", "Data encrypted at rest and in transit", "evaluator decides", "pass",
            "passed by the evaluator", "Keys held in an HSM"] in table_cells(docs["alpha.md"])
    # the override changes the outcome: delta is now knocked out by the encryption decision only
    delta = next(r for r in ws.evaluation.rank() if r.id == "delta")
    assert delta.knocked_out_by == ["req.encryption"]


def test_money_breakdown_adds_up(docs: dict[str, str], ws: Workspace) -> None:
    cur = ws.portfolio.currency
    for r in ws.evaluation.rank():
        rows = table_cells(docs[f"{r.id}.md"])
        total = next(row for row in rows if row[0] == "Total" and len(row) == 8)
        p = r.projection
        assert total[4:] == [money(x, cur) for x in (p.gross, p.fees, p.fixed, p.net)], r.id
        assert len([row for row in rows if len(row) == 8]) == len(ws.portfolio.buckets) + 2  # header, buckets, total


def test_shortlist_lists_vendors_in_rank_order(docs: dict[str, str], ws: Workspace) -> None:
    ranked = ws.evaluation.rank()
    names = [r.vendor.name for r in ranked]
    assert list(docs) == [f"{r.id}.md" for r in ranked] + ["shortlist.md"]
    rows = table_cells(docs["shortlist.md"])
    ranking = [row for row in rows if len(row) == 6 and row[0].isdigit()]
    assert [row[1] for row in ranking] == names
    assert [row[0] for row in ranking] == [str(r.rank) for r in ranked]
    # the money table: money in the fees column (Step 4's table has a winback share there)
    money_rows = [row[0] for row in rows if len(row) == 7 and row[0] in names and row[2].startswith(("$", "-$"))]
    assert money_rows == names
    # the scenario table: money in every column (the plan's segments table has ages second)
    scenario = [row for row in rows if len(row) == 6 and row[0] in names and row[1].startswith(("$", "-$"))]
    assert [row[0] for row in scenario] == names
    for r, row in zip(ranked, scenario):
        expected = [money(net_at_rate(r.vendor, ws.portfolio, 12, x), "USD") for x in SCENARIO_RATES]
        assert row[1:] == expected, r.id
    gamma = next(row for row in scenario if row[0] == "Gamma Receivables")
    assert len(set(gamma[1:])) == 1 and gamma[1] == money(ws.evaluation.rank()[3].projection.net, "USD")


def test_shortlist_explains_who_is_in_and_who_is_out(docs: dict[str, str]) -> None:
    text = docs["shortlist.md"]
    assert "- **Date:** 2026-11-23" in text
    assert "- **Evaluator(s):** Sam Okafor, Priya Raman" in text
    assert "- **RFP:** RFP: collection partner (export fixture), version 2026.9" in text
    assert "Lapsed subscriptions \\| test book, $100,000 in 1,220 accounts" in text
    assert "Shortlisted: Alpha Recovery and Pipe \\| Dream &lt;b&gt;Recovery&lt;/b&gt; #." in text
    assert "Compliance 1.5 is below the minimum of 3 (questions)" in text
    assert "req.pci: no PCI DSS certification (requirement: PCI DSS compliant payment handling)" in text
    assert "req.encryption: failed by the evaluator (requirement: Data encrypted at rest and in transit)" in text
    assert "**Strongest criteria:** Fee structure (5.0), Customer focus (4.3), Compliance (4.0)" in text
    assert "Requirement decision: req.encryption: Data encrypted at rest and in transit" in text
    assert "Questions to score (1): comp.security" in text  # alpha: every other question is scored


def test_weights_table_shows_raw_weights_and_shares(docs: dict[str, str]) -> None:
    rows = table_cells(docs["shortlist.md"])
    assert ["Customer focus", "40", "36.4%", ""] in rows
    assert ["Compliance", "30", "27.3%", "minimum 3"] in rows
    assert ["Fee structure", "30", "27.3%", "auto: cost ratio"] in rows


def test_worked_example_from_the_spec() -> None:
    ws = open_workspace(LoadOptions(vendors=WORKED / "vendors", template=WORKED / "template.toml"))
    text = export_documents(build_report(ws.evaluation), today=TODAY)["shortlist.md"]

    def section(title: str) -> str:
        return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]

    rows = {row[0]: row[1:] for row in table_cells(section("Net recovery at portfolio-wide recovery rates"))}
    assert rows["In-house (A)"] == ["-$15,000", "-$5,000", "$5,000", "$15,000", "$25,000"]
    assert rows["Software (B)"] == ["-$20,000", "-$10,000", "$0", "$10,000", "$20,000"]
    assert rows["Partner 20% (C)"] == ["$8,000", "$16,000", "$24,000", "$32,000", "$40,000"]
    money_rows = [row for row in table_cells(section("Money")) if len(row) == 7]
    assert {row[0]: row[6] for row in money_rows[1:]} == {"Partner 20% (C)": "0.0%", "In-house (A)": "25.0%",
                                                          "Software (B)": "30.0%"}
    assert "- **Evaluator(s):** not recorded" in text
    assert "No vendor is knocked out." in text


def test_no_eligible_vendor_and_an_odd_currency(tmp_path: Path) -> None:
    template = tmp_path / "rfp.toml"
    template.write_text((WORKED / "template.toml").read_text(encoding="utf-8") + (
        '\n[[requirements]]\nid = "req.iso"\ntext = "ISO | 27001"\ncertification = "ISO 27001"\n'
    ), encoding="utf-8")
    ws = open_workspace(LoadOptions(vendors=WORKED / "vendors", template=template))
    ws.evaluation.portfolio = ws.portfolio.model_copy(update={"currency": "X|Y\n# Z"})
    docs = export_documents(build_report(ws.evaluation), today=TODAY)
    text = docs["shortlist.md"]
    assert "No vendor is eligible: there is no shortlist." in text
    assert "- **Portfolio:** Worked example, 100,000 X\\|Y # Z in 1,000 accounts" in text
    for name, doc in docs.items():
        for block in table_blocks(doc):
            assert {len(split_row(row)) for row in block} == {len(split_row(block[0]))}, name
        assert sum(1 for line in doc.split("\n") if line.startswith("#")) == len(headings(doc)), name
    assert ["Total", "100,000 X|Y\n# Z", "", "", "25,000 X|Y\n# Z", "0 X|Y\n# Z", "25,000 X|Y\n# Z",
            "0 X|Y\n# Z"] in table_cells(docs["a.md"])


# --- Escaping helpers ---------------------------------------------------------------------------


def test_cell_escapes_pipes_and_turns_newlines_into_br() -> None:
    assert cell("a | b") == "a \\| b"
    assert cell("one\r\ntwo\n\n\n\nthree  ") == "one<br>two<br><br>three"
    assert cell("<br>") == "&lt;br&gt;"
    assert cell("x\\|y") == "x\\\\\\|y"  # the vendor's backslash cannot cancel our escape
    assert cell("\x1b[31mred\x07") == "\\\\x1b\\[31mred\\\\x07"  # controls show as escapes


def test_paragraphs_keep_blank_lines_and_hard_breaks() -> None:
    assert paragraphs("a\nb\n\n\nc") == ["a\\\nb", "c"]
    assert paragraphs("# h\n- l\n1. o\n12) p\n+ q\n=\n~~~\n[r]: x") == [
        "\\# h\\\n\\- l\\\n1\\. o\\\n12\\) p\\\n\\+ q\\\n\\=\\\n\\~\\~\\~\\\n\\[r\\]: x"
    ]
    assert paragraphs("  \n\t\n") == []


def test_escape_inline_and_headings() -> None:
    assert escape_inline("`x` [a](b) <i> &amp; & ok") == "\\`x\\` \\[a\\](b) &lt;i&gt; &amp;amp; & ok"
    assert heading(2, "Name #") == "## Name \\#"
    assert heading(1, "two\nlines") == "# two lines"


# Printable ASCII and a few non-ASCII letters: every character reads back as typed.
UNTRUSTED = st.text(st.sampled_from([*map(chr, range(32, 127)), "\n", "é", "€"]))


def typed_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


@given(UNTRUSTED)
def test_any_text_reads_back_from_paragraphs(text: str) -> None:
    tokens = md().parse("\n\n".join(paragraphs(text)) + "\n")
    assert {t.type for t in tokens} <= {"paragraph_open", "inline", "paragraph_close"}
    rendered = [inline_text(t) for t in tokens if t.type == "inline"]
    blocks = [b for b in re.split(r"\n[ ]*(?:\n[ ]*)+", "\n".join(typed_lines(text)).strip("\n")) if b]
    assert [r.split("\n") for r in rendered] == [typed_lines(b) for b in blocks]


@given(UNTRUSTED, UNTRUSTED)
def test_any_text_stays_in_its_table_cell(first: str, second: str) -> None:
    row = f"| {cell(first)} | {cell(second)} |"
    assert "\n" not in row and len(split_row(row)) == 2
    tokens = md().parse(f"| a | b |\n|---|---|\n{row}\n")
    assert [t.type for t in tokens].count("table_open") == 1
    cells = table_cells(f"| a | b |\n|---|---|\n{row}\n")
    expected = [re.sub(r"\n\n+", "\n\n", "\n".join(typed_lines(x.strip()))) for x in (first, second)]
    assert cells == [["a", "b"], expected]


# --- Writing files -----------------------------------------------------------------------------


def mds(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name != MANIFEST}


def test_export_twice_replaces_its_own_files_and_keeps_the_users(tmp_path: Path, ws: Workspace) -> None:
    out = tmp_path / "new" / "folder"
    docs = export_documents(build_report(ws.evaluation), today=TODAY)
    first = write_export(docs, out)
    assert [p.name for p in first] == list(docs)
    assert mds(out) == docs
    assert mds(out)["shortlist.md"] == (GOLDEN / "shortlist.md").read_text(encoding="utf-8")
    (out / "notes.md").write_text("the user's own", encoding="utf-8")
    (out / "removed-vendor.md").write_text("an old export", encoding="utf-8")  # not in the manifest: the user's
    second = write_export(docs, out)
    assert second == first
    assert mds(out) == {**docs, "notes.md": "the user's own", "removed-vendor.md": "an old export"}


def test_a_file_of_an_earlier_export_no_longer_made_is_removed(tmp_path: Path, ws: Workspace) -> None:
    out = tmp_path / "out"
    docs = export_documents(build_report(ws.evaluation), today=TODAY)
    write_export({**docs, "gone.md": "a vendor removed since"}, out)
    write_export(docs, out)
    assert mds(out) == docs


def test_a_file_the_tool_did_not_write_is_never_overwritten(tmp_path: Path, ws: Workspace) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "shortlist.md").write_text("the user's own shortlist", encoding="utf-8")
    docs = export_documents(build_report(ws.evaluation), today=TODAY)
    with pytest.raises(ExportError, match=r"shortlist\.md, not written by vendortui"):
        write_export(docs, out)
    assert mds(out) == {"shortlist.md": "the user's own shortlist"}  # nothing written at all
    write_export(docs, out, force=True)
    assert mds(out) == docs


def test_an_export_file_edited_since_is_the_users(tmp_path: Path, ws: Workspace) -> None:
    out = tmp_path / "out"
    docs = export_documents(build_report(ws.evaluation), today=TODAY)
    write_export(docs, out)
    (out / "alpha.md").write_text("edited by hand", encoding="utf-8")
    with pytest.raises(ExportError, match=r"alpha\.md"):
        write_export(docs, out)
    assert (out / "alpha.md").read_text(encoding="utf-8") == "edited by hand"


def test_a_link_in_the_folder_is_never_followed(tmp_path: Path, ws: Workspace) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (out / "beta.md").symlink_to(victim)
    docs = export_documents(build_report(ws.evaluation), today=TODAY)
    with pytest.raises(ExportError, match=r"beta\.md"):
        write_export(docs, out)
    write_export(docs, out, force=True)  # replaces the link itself
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "beta.md").is_symlink() and (out / "beta.md").read_text(encoding="utf-8") == docs["beta.md"]


def test_written_files_get_the_mode_of_a_plain_write(tmp_path: Path, ws: Workspace) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    write_export(export_documents(build_report(ws.evaluation), today=TODAY), out)
    assert (out / "alpha.md").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777
    plain_dir = tmp_path / "plain-dir"
    plain_dir.mkdir()
    assert out.stat().st_mode & 0o777 == plain_dir.stat().st_mode & 0o777


def test_write_export_refuses_a_file(tmp_path: Path, ws: Workspace) -> None:
    target = tmp_path / "file.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="is a file"):
        write_export(export_documents(build_report(ws.evaluation), today=TODAY), target)
    assert target.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("fail_at", range(22))  # 10 files written, then 10 moved in, then done
def test_a_failure_at_any_step_leaves_the_whole_old_export(
    tmp_path: Path, ws: Workspace, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    """Writes and renames fail in turn (a full disk, a permission): the folder then holds
    exactly the previous export, and no temporary file is left."""
    from vendortui.files import atomic, exporting

    out = tmp_path / "out"
    old = export_documents(build_report(ws.evaluation), today=TODAY)
    write_export(old, out)
    before = mds(out)
    new = export_documents(build_report(ws.evaluation), today=date(2027, 1, 1))
    calls = {"n": 0}

    def failing(real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] == fail_at + 1:
                raise OSError(28, "No space left on device")
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(exporting, "write_new", failing(atomic.write_new))
    monkeypatch.setattr("vendortui.files.exporting.os.replace", failing(os.replace))
    try:
        write_export(new, out)
    except ExportError as e:
        assert "No space left" in str(e)
        assert mds(out) == before
    else:
        assert mds(out) == new  # the failure came after the last step
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


def test_vendor_id_shortlist_is_a_data_problem(tmp_path: Path, ws: Workspace) -> None:
    folder = tmp_path / "vendors"
    folder.mkdir()
    (folder / "shortlist.toml").write_text((DATA / "vendors" / "alpha.toml").read_text(), encoding="utf-8")
    clash = fixture_workspace(folder)
    assert [v.vid for v in clash.vendors] == []
    [problem] = clash.problems
    assert problem.path.endswith("shortlist.toml") and "the id 'shortlist' is reserved" in problem.message
    assert list(export_documents(build_report(clash.evaluation), today=TODAY)) == ["shortlist.md"]


def test_files_with_problems_are_named_in_the_shortlist(tmp_path: Path) -> None:
    folder = tmp_path / "vendors"
    folder.mkdir()
    for p in (DATA / "vendors").glob("*.toml"):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.toml").write_text('name = "Broken"\n', encoding="utf-8")
    ws = fixture_workspace(folder)
    text = export_documents(build_report(ws.evaluation), today=TODAY)["shortlist.md"]
    assert headings(text)[-2:] == ["Files left out", "Warnings"]
    assert "\n- broken.toml:1: kind: required key is missing\n\n## Warnings" in text
    assert str(tmp_path) not in text


# --- Command line and the core boundary ----------------------------------------------------------



def test_cli_export_end_to_end(run_cli: RunCli, tmp_path: Path, ws: Workspace) -> None:
    out = tmp_path / "export"
    result = run_cli("export", "--out", str(out), "--vendors", str(DATA / "vendors"),
                     "--template", str(DATA / "template.toml"), "--session", str(DATA / "review.session.toml"))
    assert result.returncode == 0, result.stderr
    assert sorted(mds(out)) == sorted([f"{v.vid}.md" for v in ws.vendors] + ["shortlist.md"])
    assert f"wrote {len(ws.vendors) + 1} files" in result.stdout
    written = (out / "shortlist.md").read_text(encoding="utf-8")
    found = re.search(r"\*\*Date:\*\* (\S+)", written)
    assert found is not None
    day = date.fromisoformat(found[1])
    expected = export_documents(build_report(ws.evaluation), today=day)
    assert mds(out) == expected


def test_cli_export_out_naming_a_file_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me", encoding="utf-8")
    result = run_cli("export", "--out", str(target), "--vendors", str(DATA / "vendors"),
                     "--template", str(DATA / "template.toml"))
    assert result.returncode == 2
    assert "names a file" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_export_module_imports_neither_textual_nor_rich() -> None:
    code = "import sys, vendortui.render.shortlist; print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_full_disk_leaves_the_previous_export_whole(run_cli: RunCli, tmp_path: Path, ws: Workspace) -> None:
    """The kernel refuses the writes (a file size limit, as a full disk would): exit 2 with
    one line, the earlier export untouched, no temporary folder left. The limit is set in the
    child only, so other tests run alongside."""
    import resource
    import signal

    out = tmp_path / "export"
    args = ["export", "--out", str(out), "--vendors", str(DATA / "vendors"), "--template", str(DATA / "template.toml"),
            "--session", str(DATA / "review.session.toml")]
    assert run_cli(*args).returncode == 0
    before = mds(out)

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))

    result = subprocess.run([sys.executable, "-m", "vendortui", *args], capture_output=True, text=True,
                            timeout=120, preexec_fn=small_disk)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "warning:" not in line]
    assert errors == ["vendortui: error: cannot write the export: File too large"]
    assert mds(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_shortlist_opens_with_the_business_case(docs: dict[str, str]) -> None:
    """Step 1: 50 a month x 12 x LTV 300 = 180,000 at risk; x CAC 120 = 72,000 to replace.
    Step 4, alpha: resolved 500 x 0.30 + 420 x 0.16 + 300 x 0.05 = 232.2; won back x 0.25 (its
    own winback) = 58.05; retained x 300 = 17,415; business value 12,395 + 17,415 = 29,810;
    CAC avoided 58.05 x 120 = 6,966 (shown apart)."""
    text = docs["shortlist.md"]
    rows = table_cells(text)
    assert ["Lifetime value lost a year", "$180,000", "50 subscribers a month x 12 x LTV $300 (on revenue)"] in rows
    assert ["Replacement cost", "$72,000", "50 a month x 12 x CAC $120"] in rows
    assert ["Alpha Recovery", "$12,395", "25%", "58", "$17,415", "$29,810", "$6,966"] in rows
    assert (text.index("## Recommendation") < text.index("## Step 1") < text.index("## Step 2") < text.index("## Step 3")
            < text.index("## Step 4"))
    assert text.index("## Step 4") < text.index("## Summary") < text.index("## Where the decision flips")
    recommendation = text.split("## Recommendation", 1)[1].split("##", 1)[0]
    assert "Assumptions: a 12-month horizon" in recommendation and "LTV $300 (on revenue), CAC $120" in recommendation
