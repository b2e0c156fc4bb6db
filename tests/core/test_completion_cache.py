"""The ids and tags a shell's Tab reads: right for any typed prefix, kept by the library and
the commands, and never written over someone else's file."""

from __future__ import annotations

import os
import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tui.core import completion_cache
from tui.core.completion_cache import (
    IDS_FILE,
    TAGS_FILE,
    add_tags,
    ids_starting,
    tags_starting,
    write_ids,
    write_tags,
)
from tui.core.library import Library

HEX = st.text(alphabet="0123456789abcdef", min_size=12, max_size=12)


@given(ids=st.sets(HEX, max_size=300), typed=st.text(max_size=14),
       limit=st.integers(min_value=0, max_value=400))
def test_ids_starting_is_every_id_with_the_typed_prefix(
        tmp_path_factory, ids: set[str], typed: str, limit: int) -> None:
    cache = tmp_path_factory.mktemp("cache")
    write_ids(cache, ids)
    expected = sorted(pid for pid in ids if pid.startswith(typed.lower()))[:limit]
    assert ids_starting(cache, typed, limit) == expected


def test_only_paper_ids_are_kept_and_upper_case_typing_finds_them(tmp_path: Path) -> None:
    write_ids(tmp_path, ["00ab12cd34ef", "not-an-id", "00AB12CD34EF\n", "00ab12cd34ef0"])
    assert ids_starting(tmp_path, "00AB") == ["00ab12cd34ef"]
    assert ids_starting(tmp_path / "missing", "0") is None


@given(tags=st.lists(st.text(max_size=12), max_size=30), typed=st.text(max_size=4))
def test_tags_are_one_line_each_and_found_by_prefix(
        tmp_path_factory, tags: list[str], typed: str) -> None:
    cache = tmp_path_factory.mktemp("cache")
    write_tags(cache, tags)
    found = tags_starting(cache, typed)
    assert all(name.startswith(typed.lower()) and name.isprintable() for name in found)
    assert all(not any(char.isspace() for char in name) for name in found)
    clean = {"".join(c for c in t if c.isprintable() and not c.isspace()) for t in tags}
    assert set(found) == {t for t in clean - {""} if t.startswith(typed.lower())}


def test_added_tags_join_those_known(tmp_path: Path) -> None:
    write_tags(tmp_path, ["survey", "to-read"])
    add_tags(tmp_path, ["rlhf", "survey"])
    assert tags_starting(tmp_path, "") == ["rlhf", "survey", "to-read"]


def test_someone_elses_file_or_a_link_is_left_alone(tmp_path: Path) -> None:
    foreign = tmp_path / IDS_FILE
    foreign.write_text("my own notes\n")
    write_ids(tmp_path, ["00ab12cd34ef"])
    assert foreign.read_text() == "my own notes\n" and ids_starting(tmp_path, "") is None
    target = tmp_path / "elsewhere"
    target.write_text("precious\n")
    os.symlink(target, tmp_path / TAGS_FILE)
    write_tags(tmp_path, ["x"])
    add_tags(tmp_path, ["y"])
    assert target.read_text() == "precious\n" and tags_starting(tmp_path, "") == []


def test_the_library_keeps_its_ids_from_an_import_and_for_an_older_home(
        tmp_path: Path, seed_copy: Path) -> None:
    library = Library.open(tmp_path, seed_if_empty=False)
    library.import_paths([seed_copy])
    ids = sorted(p.id for p in library.papers)
    assert ids_starting(tmp_path / "cache", "") == ids[: completion_cache.LIMIT]
    (tmp_path / "cache" / IDS_FILE).unlink()  # a home from before the file
    Library.open(tmp_path, seed_if_empty=False)
    first = ids[0][:3]
    assert ids_starting(tmp_path / "cache", first) == [p for p in ids if p.startswith(first)]


def test_prefix_of_any_characters_never_fails(tmp_path: Path) -> None:
    write_ids(tmp_path, ["00ab12cd34ef"])
    for typed in (string.printable, "\x00", "é", "\udcff", "0" * 100):
        assert ids_starting(tmp_path, typed) in ([], ["00ab12cd34ef"])


def test_a_full_disk_keeps_no_cache_and_raises_nothing(
        tmp_path: Path, monkeypatch) -> None:
    import errno

    import tui.core.atomic as atomic

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    write_ids(tmp_path, ["00ab12cd34ef"])
    write_tags(tmp_path, ["x"])
    add_tags(tmp_path, ["y"])
    assert ids_starting(tmp_path, "") is None and tags_starting(tmp_path, "") == []
