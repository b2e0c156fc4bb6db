"""`paperdeck export` end to end through tui.cli.main with a temporary --home."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import rispy

from tui.core.library import Library
from tui.core.state import StateStore


def _star_first_two(home: Path) -> list[str]:
    library = Library.open(home)
    ids = [paper.id for paper in library.papers[:2]]
    store = StateStore.open(home)
    try:
        store.set_starred(ids, True)
        store.set_notes(ids[0], "=cmd|' /C calc'!A0\nsecond line {with} 100% & more")
        store.add_tag(ids, "to-read")
    finally:
        store.flush()
        store.close()
    return ids


def test_export_to_stdout_matches_list_json(cli):
    listed = cli("list", "--format", "json")
    exported = cli("export", "--format", "json")
    assert exported.code == 0, exported.err
    assert exported.out == listed.out
    count = len(json.loads(exported.out))
    assert count > 50
    assert f"exported {count} papers to stdout" in exported.err


def test_dash_output_means_stdout(cli):
    result = cli("export", "--format", "ris", "-o", "-")
    assert result.code == 0
    assert len(rispy.loads(result.out)) > 50


def test_query_selects_papers_and_state_is_exported(cli, home):
    ids = _star_first_two(home)
    result = cli("export", "--query", "is:starred", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out, newline="")))
    assert [row["id"] for row in rows] == ids or sorted(r["id"] for r in rows) == sorted(ids)
    noted = next(row for row in rows if row["id"] == ids[0])
    assert noted["notes"].startswith("'=cmd")  # neutralised for spreadsheets
    assert noted["starred"] == "true" and noted["tags"] == "to-read"


def test_writes_file_and_reports_on_stderr(cli, tmp_path):
    target = tmp_path / "out" / "list.bib"
    target.parent.mkdir()
    result = cli("export", "--format", "bibtex", "-o", str(target))
    assert result.code == 0, result.err
    assert result.out == ""
    library = bibtexparser.parse_string(target.read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert f"exported {len(library.entries)} papers to {target}" in result.err
    assert not list(target.parent.glob(".*tmp-paperdeck"))  # no temp file left behind


def test_never_clobbers_without_force(cli, tmp_path):
    target = tmp_path / "list.md"
    target.write_text("my precious notes\n", encoding="utf-8")
    refused = cli("export", "--format", "md", "-o", str(target))
    assert refused.code == 6
    assert "already exists" in refused.err and "--force" in refused.err
    assert "Traceback" not in refused.err
    assert target.read_text(encoding="utf-8") == "my precious notes\n"

    forced = cli("export", "--format", "md", "-o", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8").startswith("# Reading list")


def test_directory_as_output_is_a_clear_error(cli, tmp_path):
    result = cli("export", "--format", "csv", "-o", str(tmp_path), "--force")
    assert result.code == 6
    assert "is a directory" in result.err


def test_empty_export_writes_valid_document_and_says_so(cli, tmp_path):
    target = tmp_path / "empty.json"
    result = cli("export", "--query", "is:starred", "--format", "csljson", "-o", str(target))
    assert result.code == 0, result.err
    assert json.loads(target.read_text(encoding="utf-8")) == []
    assert "no papers matched" in result.err
    assert "exported 0 papers" in result.err


def test_unknown_format_lists_the_formats(cli, tmp_path):
    target = tmp_path / "x.doc"
    result = cli("export", "--format", "docx", "-o", str(target))
    assert result.code == 2
    assert result.err.count("\n") == 1  # one line, no traceback
    for name in ("md", "bibtex", "csv", "json", "csljson", "ris"):
        assert name in result.err
    assert not target.exists()


def test_csv_has_no_bom_and_csv_excel_writes_one(cli, tmp_path):
    """CSV opened in Excel showed `Ã©` for `é`: `--format csv-excel` starts with a UTF-8 BOM;
    plain csv stays without one (pandas, csv.DictReader read it as is)."""
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert cli("export", "-o", str(plain)).code == 0
    assert cli("export", "-f", "csv-excel", "-o", str(excel)).code == 0
    assert plain.read_bytes().startswith(b"id,title,")
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    with excel.open(encoding="utf-8-sig", newline="") as handle:  # as Excel reads it
        assert next(csv.DictReader(handle))["id"]


def test_bad_query_is_a_clear_error(cli):
    result = cli("export", "--query", "is:bogus", "--format", "md")
    assert result.code == 7
    assert "Traceback" not in result.err


def test_export_into_a_missing_folder_is_refused_and_creates_nothing(cli, tmp_path) -> None:
    target = tmp_path / "no-such-folder" / "deeper" / "list.md"
    result = cli("export", "--format", "md", "-o", str(target))
    assert result.code == 6
    assert "does not exist" in result.err and result.err.count("\n") == 1
    assert not (tmp_path / "no-such-folder").exists()


def test_the_format_follows_the_file_suffix_when_not_given(cli, tmp_path):
    """`export -o starred.bib` was "the following arguments are required: --format/-f"."""
    bib = tmp_path / "starred.bib"
    result = cli("export", "-o", str(bib))
    assert result.code == 0, result.err
    assert len(bibtexparser.parse_string(bib.read_text("utf-8")).entries) == 88
    ris = tmp_path / "list.RIS"
    assert cli("export", "-o", str(ris)).code == 0
    assert len(rispy.loads(ris.read_text("utf-8"))) == 88
    markdown = tmp_path / "list.md"
    assert cli("export", "-o", str(markdown), "-f", "csv").code == 0  # --format still rules
    assert markdown.read_text("utf-8").startswith("id,title,")


def test_no_format_and_no_telling_suffix_is_a_usage_error(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for output, reason in ((None, "say which format with --format"),
                           ("x.txt", "cannot tell the format from")):
        result = cli("export", *(["-o", str(out / output)] if output else []))
        assert result.code == 2 and result.out == ""
        assert len(result.err.splitlines()) == 1 and reason in result.err
    assert list(out.iterdir()) == []


def test_json_suffix_is_paperdeck_json_and_csl_json_suffix_is_csljson(cli, tmp_path):
    """`export -o x.json` was refused ("'.json' fits json and csljson") while the app's dialog
    picked json for it: one rule for both, `.json` json and `.csl.json` CSL-JSON."""
    plain, csl = tmp_path / "x.json", tmp_path / "zotero.CSL.json"
    assert cli("export", "-o", str(plain)).code == 0
    assert cli("export", "-o", str(csl)).code == 0
    assert cli("export", "-o", str(plain)).code == 6  # still never over a file without --force
    assert json.loads(plain.read_text("utf-8")) == json.loads(cli("list", "-f", "json").out)
    assert all(rec["type"] == "article" for rec in json.loads(csl.read_text("utf-8")))
    assert cli("export", "-f", "csljson", "-o", str(tmp_path / "z.json")).code == 0  # -f rules
    assert "URL" in json.loads((tmp_path / "z.json").read_text("utf-8"))[0]


def test_format_names_are_not_case_sensitive(cli):
    """`-f BibTeX` (as the format is spelled) was "unknown export format 'BibTeX'"."""
    result = cli("export", "-f", "BibTeX", "-q", "title:megatron")
    assert result.code == 0 and result.out.count("@misc{") == 2
    assert json.loads(cli("list", "-f", "JSON", "-n", "1").out)[0]["id"]
    assert json.loads(cli("stats", "-f", "Json").out)["papers"] == 88
