"""paperdeck replaces only files it recognises as its own, also through a symlink: a link to
someone else's file is refused untouched; a link to our state (a synced folder) keeps working."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.ownership import looks_like_state
from tui.core.state import StateStore
from tui.core.state.backup import backups_dir


def starred_home(cli, home: Path) -> str:
    paper_id = json.loads(cli("list", "-f", "json", "-n", "1").out)[0]["id"]
    assert cli("mark", paper_id, "--star").code == 0  # also leaves today's backup
    assert list(backups_dir(home).iterdir())
    return paper_id


def link_state_to(home: Path, target: Path) -> Path:
    (home / "state.json").unlink(missing_ok=True)
    (home / "state.json").symlink_to(target)
    return home / "state.json"


def starred(cli) -> list[str]:
    return [r["id"] for r in json.loads(cli("list", "-f", "json", "-q", "is:starred").out)]


def test_a_link_to_a_foreign_file_is_refused_and_left_byte_identical(
    cli, home: Path, tmp_path: Path
) -> None:
    starred_home(cli, home)
    foreign = tmp_path / "hosts"
    foreign.write_bytes(b"127.0.0.1 localhost\n# someone else's file\n")
    link = link_state_to(home, foreign)
    before = foreign.stat()

    for args in (["list", "-n", "1"], ["stats"]):
        result = cli(*args)
        assert result.code == 5
        [line] = result.err.splitlines()
        assert line.startswith("paperdeck: error: ") and str(foreign) in line
        assert "Traceback" not in result.err
    assert foreign.read_bytes() == b"127.0.0.1 localhost\n# someone else's file\n"
    assert foreign.stat().st_mtime_ns == before.st_mtime_ns
    assert link.is_symlink() and link.resolve() == foreign
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "hosts"]
    assert not list(home.glob("state.json.*.corrupt"))  # nothing copied beside the link either


def test_a_regular_state_file_holding_someone_elses_text_is_refused(cli, home: Path) -> None:
    starred_home(cli, home)
    (home / "state.json").write_bytes(b"Dear diary, today I\n")
    result = cli("list", "-n", "1")
    assert result.code == 5 and "does not hold a paperdeck state file" in result.err
    assert (home / "state.json").read_bytes() == b"Dear diary, today I\n"
    assert not list(home.glob("state.json.*.corrupt"))


def test_a_link_to_a_device_is_refused_without_reading_it(cli, home: Path) -> None:
    link_state_to(home, Path("/dev/zero"))  # reading it would never end
    result = cli("list", "-n", "1")
    assert result.code == 5 and "not a regular file" in result.err


def test_a_link_to_a_valid_state_keeps_working_and_stays_a_link(
    cli, home: Path, tmp_path: Path
) -> None:
    paper_id = starred_home(cli, home)
    synced = tmp_path / "synced"
    synced.mkdir()
    (home / "state.json").rename(synced / "state.json")
    link = link_state_to(home, synced / "state.json")

    assert starred(cli) == [paper_id]
    assert cli("mark", paper_id, "--unstar").code == 0
    assert link.is_symlink() and link.resolve() == synced / "state.json"
    assert starred(cli) == []
    records = json.loads((synced / "state.json").read_text())["papers"].values()
    assert [r["starred"] for r in records if r["id"] == paper_id] == [False]  # target updated


def test_a_link_to_a_truncated_state_is_recovered_beside_its_target(
    cli, home: Path, tmp_path: Path
) -> None:
    paper_id = starred_home(cli, home)
    synced = tmp_path / "synced"
    synced.mkdir()
    broken = (home / "state.json").read_bytes()[:50]  # cut off mid-write
    (synced / "state.json").write_bytes(broken)
    link = link_state_to(home, synced / "state.json")

    result = cli("list", "-q", "is:starred", "-f", "json")
    assert result.code == 0 and [r["id"] for r in json.loads(result.out)] == [paper_id]
    [copy] = synced.glob("state.json.*.corrupt")
    assert copy.read_bytes() == broken and str(copy) in result.err
    assert not list(home.glob("state.json.*.corrupt"))
    assert link.is_symlink() and link.resolve() == synced / "state.json"
    store = StateStore.open(home)  # the target holds the restored state again
    assert store.notices == [] and store.get(paper_id).starred
    store.close()


def _a_state_document() -> bytes:
    return (b'{"meta": {"1": {"schema": 2}},"papers":{\n"1":{"id":"x","read":true,'
            b'"notes":"caf\xc3\xa9"}\n}}\n')


@given(st.integers(min_value=0, max_value=len(_a_state_document())))
def test_every_cut_of_our_document_is_ours(cut: int) -> None:
    assert looks_like_state(_a_state_document()[:cut])


@given(st.text(min_size=1).filter(lambda t: not t.lstrip().startswith("{")))
def test_text_that_does_not_open_a_json_object_is_not_ours(text: str) -> None:
    payload = text.encode()
    assert looks_like_state(payload) == (not payload.strip(b" \t\r\n\x00"))


@pytest.mark.parametrize("payload", [
    b'{"name": "my-project", "version": "1.0"}', b'{"meta"', b"[1, 2, 3]", b'{"tags": [',
])
def test_json_of_other_programs_is_not_ours(payload: bytes) -> None:
    assert looks_like_state(payload) is (payload == b'{"meta"')


# -- the other files of a home ---------------------------------------------------------------


def test_settings_holding_someone_elses_text_are_never_overwritten(
    home: Path, tmp_path: Path
) -> None:
    from tui.core.errors import WriteError
    from tui.core.settings import Settings, load_settings, save_settings

    foreign = tmp_path / "editor-settings"
    foreign.write_text("font = mono\n")
    (home / "settings.json").symlink_to(foreign)
    assert load_settings(home) == Settings()
    with pytest.raises(WriteError, match="does not hold paperdeck settings"):
        save_settings(home, Settings(theme="nord"))
    assert foreign.read_text() == "font = mono\n" and (home / "settings.json").is_symlink()


def test_settings_kept_through_a_link_are_saved_to_its_target(home: Path, tmp_path: Path) -> None:
    from tui.core.settings import Settings, load_settings, save_settings

    synced = tmp_path / "settings.json"
    synced.write_text('{"theme": "nord", "sort": ""}\n')
    (home / "settings.json").symlink_to(synced)
    save_settings(home, Settings(theme="gruvbox"))
    assert (home / "settings.json").is_symlink() and load_settings(home).theme == "gruvbox"
    assert json.loads(synced.read_text())["theme"] == "gruvbox"


def test_a_settings_link_to_a_device_gives_the_defaults(home: Path) -> None:
    from tui.core.settings import Settings, load_settings

    (home / "settings.json").symlink_to("/dev/zero")  # reading it would never end
    assert load_settings(home) == Settings()


def test_a_cache_file_linked_to_someone_elses_file_is_left_alone(
    cli, home: Path, tmp_path: Path
) -> None:
    assert cli("list", "-n", "1").code == 0  # imports the seed, writes the cache
    foreign = tmp_path / "notes.txt"
    foreign.write_text("my own notes\n")
    for name in ("papers.pickle", "abstracts.bin", "index.pickle"):
        (home / "cache" / name).unlink(missing_ok=True)
        (home / "cache" / name).symlink_to(foreign)
    result = cli("list", "-n", "1", "-q", "learning")  # rebuilds papers and the search index
    assert result.code == 0 and result.out
    assert foreign.read_text() == "my own notes\n"
    assert all((home / "cache" / n).is_symlink()
               for n in ("papers.pickle", "abstracts.bin", "index.pickle"))


def test_an_import_log_linked_to_someone_elses_file_is_refused(
    cli, home: Path, tmp_path: Path, seed_copy: Path
) -> None:
    foreign = tmp_path / "diary.txt"
    foreign.write_text("Dear diary\n")
    (home / "imports.json").symlink_to(foreign)
    result = cli("import", str(seed_copy))
    assert result.code == 5 and len(result.err.splitlines()) == 1
    assert foreign.read_text() == "Dear diary\n"


def test_rotation_never_deletes_a_file_that_is_not_a_backup(home: Path) -> None:
    from datetime import date

    from tui.core.state.backup import daily_backup

    folder = backups_dir(home)
    folder.mkdir()
    stranger = folder / "state-2000-01-01.json"
    stranger.write_text("someone's file with a backup's name\n")
    payload = b'{"meta": {"1": {"schema": 2}},"papers":{\n\n}}\n'
    for day in range(1, 6):
        daily_backup(home, payload, today=date(2026, 1, day))
    assert stranger.read_text() == "someone's file with a backup's name\n"
    assert len(list(folder.glob("state-2026-*.json"))) == 3


# -- the import log and the cache: never read when they cannot be files, never replaced ------


def _one_line_refusal(result, words: str) -> None:
    assert result.code == 5 and "Traceback" not in result.err
    [line] = result.err.splitlines()
    assert line.startswith("paperdeck: error: ") and words in line


def _no_digest_kept(home: Path) -> bool:
    return not list((home / "digests").glob("*")) if (home / "digests").exists() else True


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_an_import_log_that_is_not_a_regular_file_is_refused_untouched(
    cli, home: Path, tmp_path: Path, seed_copy: Path, kind: str
) -> None:
    log = home / "imports.json"
    if kind == "folder":
        log.mkdir()
    elif kind == "fifo":  # opening it would wait for a writer forever
        os.mkfifo(tmp_path / "fifo")
        log.symlink_to(tmp_path / "fifo")
    else:
        log.symlink_to("/dev/null")
    for args in (["list", "-n", "1"], ["import", str(seed_copy)]):
        _one_line_refusal(cli(*args), "not a regular file")
    assert _no_digest_kept(home)
    assert log.is_dir() if kind == "folder" else log.is_symlink()


@pytest.mark.parametrize("payload", [
    b"Dear diary, today I\n", b'{"editor": "vim", "font": "mono"}\n', b"\x89PNG\r\n\x1a\n\x00",
], ids=["text", "other-json", "binary"])
def test_an_import_log_holding_someone_elses_content_is_refused_untouched(
    cli, home: Path, tmp_path: Path, seed_copy: Path, payload: bytes
) -> None:
    foreign = tmp_path / "theirs"
    foreign.write_bytes(payload)
    (home / "imports.json").symlink_to(foreign)
    for args in (["list", "-n", "1"], ["import", str(seed_copy)]):
        _one_line_refusal(cli(*args), "does not hold a paperdeck import log")
    (home / "imports.json").unlink()
    (home / "imports.json").write_bytes(payload)  # the same content in a file of its own
    _one_line_refusal(cli("import", str(seed_copy)), "does not hold a paperdeck import log")
    assert foreign.read_bytes() == payload == (home / "imports.json").read_bytes()
    assert _no_digest_kept(home)


def test_an_import_log_kept_through_a_link_is_updated_and_stays_a_link(
    cli, home: Path, tmp_path: Path, seed_copy: Path
) -> None:
    assert cli("list", "-n", "1").code == 0  # the seed import writes the log
    synced = tmp_path / "synced-imports.json"
    (home / "imports.json").rename(synced)
    (home / "imports.json").symlink_to(synced)
    other = tmp_path / "other.txt"
    other.write_bytes(seed_copy.read_bytes().replace(b"Mar 11", b"Mar 12", 1))
    assert cli("import", str(other)).code == 0
    assert (home / "imports.json").is_symlink()
    assert len(json.loads(synced.read_text())["imports"]) == 2


@pytest.mark.parametrize("name", ["papers.pickle", "abstracts.bin", "index.pickle"])
def test_a_cache_file_that_is_a_fifo_is_neither_read_nor_replaced(
    cli, home: Path, name: str
) -> None:
    assert cli("list", "-n", "1", "-q", "learning").code == 0  # writes every cache file
    cached = home / "cache" / name
    for gone in (name, "papers.pickle"):  # without papers.pickle, the cache is rebuilt and saved
        (home / "cache" / gone).unlink(missing_ok=True)
    os.mkfifo(cached)  # opening it to read would wait for a writer forever
    result = cli("list", "-n", "1", "-q", "learning")
    assert result.code == 0 and result.out
    assert cached.is_fifo()
