"""Authors and arXiv ids where the CLI shows papers: `list` (json, tsv, table) and `export`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import bibtexparser

from tests.support import hf_payload

DAY = date(2025, 3, 4)


def _import_api_json(cli: Callable, tmp_path: Path) -> None:
    items = hf_payload.daily_items(DAY, 3)
    # Hostile names: an escape sequence and markup; a second author in a later position.
    items[0]["paper"]["authors"] = [{"name": "\x1b[31mEve\x1b[0m [b]Mallory[/b]"},
                                    {"name": "Ada Lovelace"}]
    items[1]["paper"]["authors"] = []
    items[2]["paper"]["title"] = "Engines of the future"
    items[2]["paper"]["id"] = items[2]["paper"]["id"] + "v3"
    path = tmp_path / "daily.json"
    path.write_bytes(hf_payload.dumps(items))
    result = cli("import", str(path))
    assert result.code == 0, result.err


def test_list_json_rows_carry_authors_in_order_and_the_arxiv_id(cli, tmp_path: Path) -> None:
    seed = json.loads(cli("list", "-f", "json", "-n", "1").out)[0]
    assert seed["authors"] == [] and seed["arxiv_id"] is None  # the saved page names none
    _import_api_json(cli, tmp_path)
    rows = {row["title"]: row for row in json.loads(cli("list", "-f", "json").out)}
    future = rows["Engines of the future"]
    assert future["authors"] == ["Ada Lovelace", "Jan van der Berg"]
    assert future["arxiv_id"] == hf_payload.arxiv_id(DAY, 3)  # without its "v3"
    first = next(row for title, row in rows.items() if title.startswith("Paper 1 of"))
    assert len(first["authors"]) == 2 and first["authors"][1] == "Ada Lovelace"
    assert not any("\x1b" in name for name in first["authors"])
    second = next(row for title, row in rows.items() if title.startswith("Paper 2 of"))
    assert second["authors"] == [] and second["arxiv_id"] == hf_payload.arxiv_id(DAY, 2)


def test_tsv_and_table_show_the_first_author(cli, tmp_path: Path) -> None:
    _import_api_json(cli, tmp_path)
    header, *rows = cli("list", "-f", "tsv").out.rstrip("\n").split("\n")
    cells = [dict(zip(header.split("\t"), row.split("\t"), strict=True)) for row in rows]
    by_title = {cell["title"]: cell for cell in cells}
    assert by_title["Engines of the future"]["first author"] == "Ada Lovelace"
    first = next(cell for title, cell in by_title.items() if title.startswith("Paper 1 of"))
    assert "\x1b" not in first["first author"] and "Eve" in first["first author"]
    second = next(cell for title, cell in by_title.items() if title.startswith("Paper 2 of"))
    assert second["first author"] == ""
    table = cli("list").out
    assert "Engines of the future — Ada Lovelace" in table
    assert "\x1b" not in table


def test_export_keys_do_not_depend_on_the_query(cli, tmp_path: Path) -> None:
    _import_api_json(cli, tmp_path)
    everything = bibtexparser.parse_string(cli("export", "-f", "bibtex").out)
    keys = {entry.fields_dict["title"].value: entry.key for entry in everything.entries}
    future = keys["{Engines} of the future"]
    assert future == "lovelace2025engines"
    alone = cli("export", "-f", "bibtex", "-q", "future").out
    assert re.findall(r"^@misc\{([^,]+),", alone, re.M) == [future]
    entry = bibtexparser.parse_string(alone).entries[0].fields_dict
    assert entry["author"].value == "Lovelace, Ada and van der Berg, Jan"
    assert entry["eprint"].value == hf_payload.arxiv_id(DAY, 3)
    assert entry["url"].value == f"https://arxiv.org/abs/{hf_payload.arxiv_id(DAY, 3)}"
    assert (entry["year"].value, entry["month"].value) == ("2025", "mar")
