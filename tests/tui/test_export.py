"""Pilot tests for the export dialog (`e`): file, format, scope, overwrite, clipboard."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from textual.widgets import Checkbox, Input, Select

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    notices,
    settle,
    type_filter,
)
from tui.core.settings import load_settings
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.export_dialog import ExportDialog

TITLES = [
    "Attention [bold]Is[/bold] All {You} Need: 100% & #1",
    "Pipeline parallelism for giant nets",
    "A *markdown* `title` with \\ backslash",
    "Pipeline schedules revisited",
]


@pytest.fixture(autouse=True)
def _work_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dialog proposes the working folder: a test's own, never the repository."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def papers():  # type: ignore[no-untyped-def]
    return [make_paper(i, title) for i, title in enumerate(TITLES)]


async def open_dialog(pilot) -> ExportDialog:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def set_path(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#export-path", Input).value = str(path)
    await pilot.pause()


@async_test
async def test_exports_markdown_file_and_reports_path_and_count(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        default = Path(dialog.query_one("#export-path", Input).value)
        assert default.parent == Path.cwd() and default.suffix == ".md"
        assert default.name.startswith("paperdeck-")
        target = tmp_path / "[red]list[/red].md"  # "[red]list[" is a folder: create it
        target.parent.mkdir()
        await set_path(pilot, target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Reading list")
        assert text.count("\n- [ ] ") == len(TITLES)
        assert f"Exported 4 papers to {target}" in notices(app)  # markup shown literally


@async_test
async def test_format_and_scope_choose_what_is_written(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.set_starred([app.library.papers[0].id, app.library.papers[2].id], True)
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format", Select).value = "bibtex"
        await settle(pilot)
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value.endswith(".bib")  # the default name follows the format
        assert dialog.query_one("#export-clipboard", Checkbox).disabled
        await pilot.click("#scope-starred")
        await settle(pilot)
        assert dialog.scope == "starred"
        target = tmp_path / "starred.bib"
        await set_path(pilot, target)
        await pilot.click("#export-go")
        await settle(pilot)
        library = bibtexparser.parse_string(target.read_text(encoding="utf-8"))
        assert not library.failed_blocks
        assert len(library.entries) == 2
        assert f"Exported 2 papers to {target}" in notices(app)


@async_test
async def test_citation_keys_are_the_librarys_whatever_the_scope(home: Path, tmp_path: Path):
    """Two "Pipeline ... 2026" papers share a key stem in the library: the one exported alone
    still carries the suffix that tells it from the other, as `paperdeck export` writes it."""
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.set_starred([app.library.papers[1].id], True)
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format", Select).value = "bibtex"
        await settle(pilot)
        await pilot.click("#scope-starred")
        await settle(pilot)
        target = tmp_path / "one.bib"
        await set_path(pilot, target)
        await pilot.click("#export-go")
        await settle(pilot)
        [entry] = bibtexparser.parse_string(target.read_text(encoding="utf-8")).entries
        assert entry.key == "pipeline20260000000000000001"


@async_test
async def test_the_format_follows_a_typed_file_suffix(home: Path, tmp_path: Path):
    """Markdown is chosen when the dialog opens: typing "list.bib" and pressing Enter wrote
    Markdown into a .bib file."""
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        path_input = dialog.query_one("#export-path", Input)
        path_input.focus()
        await pilot.press("end", "ctrl+u", *str(tmp_path / "list.bib"))
        await settle(pilot)
        assert dialog.fmt == "bibtex"
        assert path_input.value == str(tmp_path / "list.bib")  # the typed name is kept
        await pilot.press("enter")
        await settle(pilot)
        library = bibtexparser.parse_string((tmp_path / "list.bib").read_text(encoding="utf-8"))
        assert len(library.entries) == len(TITLES)
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format", Select).value = "csljson"
        await settle(pilot)
        await set_path(pilot, tmp_path / "zotero.csl.json")
        assert dialog.fmt == "csljson"
        await set_path(pilot, tmp_path / "zotero.json")  # as `export -o`: .json is json
        assert dialog.fmt == "json"


@async_test
async def test_a_typed_json_suffix_leaves_markdown_for_plain_json(home: Path, tmp_path: Path):
    """With Markdown chosen, "list.json" got Markdown written in: .json is json, as for the CLI."""
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        assert dialog.fmt == "md"
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("end", "ctrl+u", *str(tmp_path / "list.json"))
        await settle(pilot)
        assert dialog.fmt == "json"
        await pilot.press("enter")
        await settle(pilot)
        records = json.loads((tmp_path / "list.json").read_text(encoding="utf-8"))
        assert [r["title"] for r in records] == TITLES


@async_test
async def test_choosing_a_format_changes_a_known_suffix_of_a_typed_path(
    home: Path, tmp_path: Path
):
    """After "list.bib" picked BibTeX, choosing CSV kept list.bib: CSV went into a .bib file."""
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        path_input = dialog.query_one("#export-path", Input)
        path_input.focus()
        await pilot.press("end", "ctrl+u", *str(tmp_path / "list.bib"))
        await settle(pilot)
        assert dialog.fmt == "bibtex"
        dialog.query_one("#export-format", Select).value = "csv"
        await settle(pilot)
        assert dialog.fmt == "csv"
        assert path_input.value == str(tmp_path / "list.csv")
        dialog.query_one("#export-format", Select).value = "csljson"
        await settle(pilot)
        assert (dialog.fmt, path_input.value) == ("csljson", str(tmp_path / "list.csl.json"))
        dialog.query_one("#export-format", Select).value = "json"
        await settle(pilot)
        assert (dialog.fmt, path_input.value) == ("json", str(tmp_path / "list.json"))
        await pilot.press("end", "ctrl+u", *str(tmp_path / "list.txt"))  # the user's own suffix
        await settle(pilot)
        dialog.query_one("#export-format", Select).value = "ris"
        await settle(pilot)
        assert (dialog.fmt, path_input.value) == ("ris", str(tmp_path / "list.txt"))
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "list.txt").read_text(encoding="utf-8").startswith("TY  -")


@async_test
async def test_current_filter_scope_exports_what_is_shown(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "pipeline")
        shown = [p.id for p in app.main_screen.visible_papers()]
        assert len(shown) == 2
        app.main_screen.paper_list.focus()
        await settle(pilot)
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format", Select).value = "json"
        await settle(pilot)
        target = tmp_path / "shown.json"
        await set_path(pilot, target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [r["id"] for r in json.loads(target.read_text(encoding="utf-8"))] == shown


@async_test
async def test_asks_before_overwriting(home: Path, tmp_path: Path):
    target = tmp_path / "existing.csv"
    target.write_text("keep me\n", encoding="utf-8")
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format", Select).value = "csv"
        await settle(pilot)
        await set_path(pilot, target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog  # still open, nothing written
        assert target.read_text(encoding="utf-8") == "keep me\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("id,title,url")
        assert not isinstance(app.screen, ExportDialog)


@async_test
async def test_csv_for_spreadsheets_writes_a_bom(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        formats = dict(dialog.query_one("#export-format", Select)._options)  # label -> value
        [label] = [str(text) for text, value in formats.items() if value == "csv-excel"]
        assert "CSV for spreadsheets" in label
        dialog.query_one("#export-format", Select).value = "csv-excel"
        await settle(pilot)
        target = tmp_path / "sheet.csv"
        await set_path(pilot, target)
        assert dialog.fmt == "csv-excel"  # a .csv path keeps the spreadsheet choice
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_bytes().startswith(b"\xef\xbb\xbfid,title,")


@async_test
async def test_markdown_to_clipboard(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        default = Path(dialog.query_one("#export-path", Input).value)
        dialog.query_one("#export-clipboard", Checkbox).value = True
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.clipboard.startswith("# Reading list")
        assert app.clipboard.count("\n- [ ] ") == len(TITLES)
        assert "Exported 4 papers to the clipboard" in notices(app)
        assert not default.exists()


@async_test
async def test_clipboard_only_for_markdown(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-clipboard", Checkbox).value = True
        await settle(pilot)
        assert dialog.query_one("#export-path", Input).disabled
        dialog.query_one("#export-format", Select).value = "ris"
        await settle(pilot)
        assert not dialog.to_clipboard
        assert not dialog.query_one("#export-path", Input).disabled  # a file again
        target = tmp_path / "list.ris"
        await set_path(pilot, target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("TY  - GEN")
        assert app.clipboard == ""


@async_test
async def test_escape_in_the_open_format_list_closes_only_the_list(home: Path, tmp_path: Path):
    """Esc with the format list open closed the whole dialog, and the path typed with it."""
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        await set_path(pilot, tmp_path / "typed.md")
        formats = dialog.query_one("#export-format", Select)
        formats.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert formats.expanded
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
        assert not formats.expanded
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "typed.md")
        await pilot.press("escape")  # a second Esc cancels the dialog as before
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)


@async_test
async def test_escape_cancels_and_write_errors_are_reported(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_dialog(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)

        dialog = await open_dialog(pilot)
        await set_path(pilot, tmp_path)  # a directory
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert any("is a directory" in n for n in notices(app))


def _inside(inner, outer) -> bool:  # type: ignore[no-untyped-def]
    return (outer.x <= inner.x and inner.right <= outer.right
            and outer.y <= inner.y and inner.bottom <= outer.bottom)


@async_test
async def test_every_scope_is_fully_visible_at_80x24(home: Path):
    """At 80x24 the fourth scope ("All") was cut off the end of its row."""
    app = app_with_papers(home, papers())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        long_filters = ("title:\"pipeline parallelism\" is:unread", "注意力机制 变换器 模型 并行")
        for filter_text in ("", *long_filters):
            if filter_text:
                await type_filter(pilot, filter_text)
                app.main_screen.paper_list.focus()
                await settle(pilot)
            dialog = await open_dialog(pilot)
            box = dialog.query_one("#export-scope").content_region
            assert _inside(box, dialog.query_one("#export-dialog").content_region)
            for button in dialog.query("#export-scope RadioButton"):
                label = str(button.label)
                assert _inside(button.region, box), (label, button.region, box)
                assert label in "".join(  # the whole label is drawn, not clipped
                    strip.text for strip in button.render_lines(button.region.reset_offset)
                ), label
            await pilot.press("escape")
            await settle(pilot)


# -- where the dialog proposes to write -----------------------------------------------------


def proposed(dialog: ExportDialog) -> Path:
    return Path(dialog.query_one("#export-path", Input).value).expanduser()


@async_test
async def test_a_first_export_proposes_the_working_folder_not_the_data_home(
    home: Path, tmp_path: Path
):
    """With --home it proposed ~/paperdeck-DATE.md, far from where paperdeck was started."""
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        assert proposed(dialog).parent == tmp_path / "work"
        assert dialog.fmt == "md" and proposed(dialog).suffix == ".md"


@async_test
async def test_the_last_folder_and_format_are_proposed_next_time(home: Path, tmp_path: Path):
    """The dialog forgot the last path: each export started again from Markdown in ~."""
    app = app_with_papers(home, papers())
    out = tmp_path / "reading" / "lists"
    out.mkdir(parents=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        await set_path(pilot, out / "mine.bib")
        assert dialog.fmt == "bibtex"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (out / "mine.bib").exists()
        dialog = await open_dialog(pilot)  # the same session
        assert dialog.fmt == "bibtex" and proposed(dialog).parent == out
        assert proposed(dialog).suffix == ".bib"
        assert dialog.query_one("#export-clipboard", Checkbox).disabled  # md only
    settings = load_settings(home)
    assert (settings.export_folder, settings.export_format) == (str(out), "bibtex")
    again = app_with_papers(home, papers())  # the next start
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        assert dialog.fmt == "bibtex" and proposed(dialog).parent == out


@async_test
async def test_a_remembered_folder_that_is_gone_gives_the_working_folder(
    home: Path, tmp_path: Path
):
    out = tmp_path / "usb-stick"
    out.mkdir()
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_dialog(pilot)
        await set_path(pilot, out / "list.ris")
        await pilot.press("ctrl+s")
        await settle(pilot)
    (out / "list.ris").unlink()
    out.rmdir()  # unplugged
    again = app_with_papers(home, papers())
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        assert dialog.fmt == "ris" and proposed(dialog).parent == tmp_path / "work"


@async_test
async def test_a_clipboard_export_changes_no_remembered_folder(home: Path, tmp_path: Path):
    app = app_with_papers(home, papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-clipboard", Checkbox).value = True
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.clipboard.startswith("# Reading list")
    assert load_settings(home).export_folder == ""


@async_test
async def test_a_remembered_long_folder_still_fits_80x24(home: Path, tmp_path: Path):
    deep = tmp_path.joinpath(*(f"folder-{n:02}" for n in range(12)))
    deep.mkdir(parents=True)
    app = app_with_papers(home, papers())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_dialog(pilot)
        await set_path(pilot, deep / "list.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = await open_dialog(pilot)
        assert dialog.fmt == "csv" and proposed(dialog).parent == deep
        for selector in ("#export-path", "#export-go", "#export-cancel", "#export-scope"):
            widget = dialog.query_one(selector)
            assert dialog.region.contains_region(widget.region), selector
        assert dialog.query_one("#export-dialog").max_scroll_y == 0
