"""`mark ID --read --star` and `tag ID --add x --remove y` are one change each (they were
refused as conflicting options), and `tag` is linear with a cap on tags per paper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli.argv import JOINED, fold_repeated
from tui.core.state import StateStore
from tui.core.state.schema import MAX_TAGS_PER_PAPER, TagError


@pytest.fixture
def ids(cli) -> list[str]:
    result = cli("list", "-f", "json", "-n", "3")
    assert result.code == 0
    return [record["id"] for record in json.loads(result.out)]


def listed(cli, query: str) -> list[str]:
    return [r["id"] for r in json.loads(cli("list", "-f", "json", "-q", query).out)]


def test_read_and_star_in_one_call(cli, ids) -> None:
    result = cli("mark", ids[0], ids[1], "--read", "--star")
    assert result.code == 0, result.err
    assert result.out == "marked 2 papers read and starred\n"
    assert listed(cli, "is:read") == listed(cli, "is:starred") == ids[:2]
    result = cli("mark", ids[0], "--unread", "--unstar")
    assert result.code == 0 and result.out == "marked 1 paper unread and unstarred\n"
    assert listed(cli, "is:starred") == [ids[1]]


def test_add_and_remove_tags_in_one_call(cli, ids) -> None:
    assert cli("tag", ids[0], "--add", "old").code == 0
    result = cli("tag", ids[0], "--add", "new", "--remove", "old")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["tagged 1 paper 'new'", "removed tag 'old' from 1 paper"]
    assert listed(cli, "tag:new") == [ids[0]] and listed(cli, "tag:old") == []


def test_adding_and_removing_one_tag_is_refused_and_changes_nothing(cli, ids) -> None:
    result = cli("tag", ids[0], "--add", "x", "--add", "y", "--remove", "X")
    assert result.code == 2 and "both added and removed" in result.err
    assert "Traceback" not in result.err
    assert listed(cli, "has:tags") == []
    assert cli("tag", ids[0]).code == 2


def test_a_combined_change_is_one_undo_step(home: Path) -> None:
    store = StateStore.open(home)
    try:
        store.update(["a", "b"], read=True, starred=True, add_tags=["x", "y"])
        store.update(["a"], add_tags=["z"], remove_tags=["x"])
        assert store.get("a").tags == ("y", "z")
        assert store.undo() is not None
        state = store.get("a")
        assert state.read and state.starred and state.tags == ("x", "y")
        assert store.undo() is not None
        for pid in ("a", "b"):
            state = store.get(pid)
            assert (state.read, state.starred, state.tags) == (False, False, ())
        assert not store.can_undo
    finally:
        store.close()


def test_too_many_tags_is_one_line_and_changes_nothing(cli, ids) -> None:
    many = [f"t{n}" for n in range(MAX_TAGS_PER_PAPER + 1)]
    args = [arg for tag in many for arg in ("--add", tag)]
    result = cli("tag", ids[0], *args)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "too many tags" in result.err
    assert f"at most {MAX_TAGS_PER_PAPER:,}" in result.err
    assert listed(cli, "has:tags") == []
    assert cli("tag", ids[0], *args[2:]).code == 0  # exactly the cap is fine
    assert cli("tag", ids[0], "--add", "one-more").code == 2
    assert cli("tag", ids[0], "--add", "one-more", "--remove", "t1").code == 0


def test_the_cap_holds_for_the_dialogs_set_tags_too(home: Path) -> None:
    store = StateStore.open(home)
    try:
        with pytest.raises(TagError, match="too many tags"):
            store.set_tags("a", [f"t{n}" for n in range(MAX_TAGS_PER_PAPER + 1)])
        assert store.get("a").tags == ()
    finally:
        store.close()


def test_many_tags_in_one_call_cost_one_step(home: Path) -> None:
    """10,000 tags took one undo step and one sorted copy per tag (quadratic); it is one step."""
    store = StateStore.open(home)
    try:
        tags = [f"t{n:04d}" for n in range(MAX_TAGS_PER_PAPER)]
        counts = store.update(["a"], add_tags=tags)
        assert counts["papers"] == 1 and len(store.get("a").tags) == MAX_TAGS_PER_PAPER
        store.undo()
        assert store.get("a").tags == () and not store.can_undo
    finally:
        store.close()


def test_ten_thousand_tags_are_refused_by_the_cap_not_parsed_for_ever(cli, ids) -> None:
    """argparse's cost grows with the square of the options: the call is folded first."""
    args = [arg for n in range(10_000) for arg in ("--add", f"t{n}")]
    result = cli("tag", ids[0], *args)
    assert result.code == 2 and "would have 10,000" in result.err


words = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
                max_size=8)


@given(st.lists(st.tuples(st.sampled_from(["--add", "--remove", "--add=", "--remove=", "id"]),
                          words), max_size=12))
def test_folding_keeps_every_value_in_order_and_every_other_word(pairs) -> None:
    argv = ["--home", "h", "tag"]
    for kind, word in pairs:
        argv += [kind + word] if kind.endswith("=") or kind == "id" else [kind, word]
    folded = fold_repeated(argv, "tag", ("--add", "--remove"))
    assert folded[:3] == argv[:3]

    def values(words: list[str], option: str) -> list[str]:
        found, i = [], 0
        while i < len(words):
            name, equals, value = words[i].partition("=")
            if name == option and equals:
                found += value.split(JOINED) if words is folded else [value]
            elif words[i] == option and i + 1 < len(words) and not words[i + 1].startswith("-"):
                found.append(words[i + 1])
                i += 1
            i += 1
        return found

    for option in ("--add", "--remove"):
        assert values(folded, option) == values(argv[3:], option)
    assert [w for w in folded[3:] if not w.startswith(("--add=", "--remove="))] == [
        w for w in _others(argv[3:])]


def _others(words: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(words):
        if words[i].startswith(("--add=", "--remove=")):
            pass
        elif words[i] in ("--add", "--remove") and i + 1 < len(words) \
                and not words[i + 1].startswith("-"):
            i += 1
        else:
            out.append(words[i])
        i += 1
    return out
