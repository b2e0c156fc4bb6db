"""config.toml's schema: every key good, of the wrong type, out of range; any text read as a
Config or one-line errors naming the file, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.config import KEYS, SCHEMA, config_path, example_config, load_config, parse_config

FILE = Path("/cfg/config.toml")

GOOD = {
    "theme": ('theme = "nord"', "nord"),
    "sort": ('sort = "First_Seen"', "first-seen"),
    "export.folder": ('[export]\nfolder = "~/papers"', str(Path("~/papers").expanduser())),
    "export.format": ('[export]\nformat = "BibTeX"', "bibtex"),
}
WRONG_TYPE = {
    "theme": "theme = 3",
    "sort": "sort = true",
    "export.folder": "[export]\nfolder = []",
    "export.format": "[export]\nformat = 1.5",
}
OUT_OF_RANGE = {
    "theme": None,  # any name is a string; the app says when it is no theme
    "sort": 'sort = "newest"',
    "export.folder": '[export]\nfolder = "  "',
    "export.format": '[export]\nformat = "docx"',
}


def test_every_key_is_in_every_table() -> None:
    assert set(GOOD) == set(WRONG_TYPE) == set(OUT_OF_RANGE) == set(KEYS)
    assert all(key.help and key.type_name for key in SCHEMA)


@pytest.mark.parametrize("name", sorted(KEYS))
def test_a_good_value_is_used_and_its_line_kept(name: str) -> None:
    text, expected = GOOD[name]
    config = parse_config(text, FILE)
    assert config.errors == []
    assert config.get(name) == expected
    assert config.lines[name] == text.count("\n") + 1


@pytest.mark.parametrize("name", sorted(KEYS))
@pytest.mark.parametrize("table", [WRONG_TYPE, OUT_OF_RANGE], ids=["wrong-type", "range"])
def test_a_bad_value_is_one_line_naming_file_line_and_key(name: str,
                                                          table: dict[str, str | None]) -> None:
    text = table[name]
    if text is None:
        pytest.skip("no range for this key")
    config = parse_config(text, FILE)
    assert not config.is_set(name) and config.get(name) == KEYS[name].default
    (error,) = config.errors
    assert error.startswith(f"{FILE}:{text.count(chr(10)) + 1}: {name} ")
    assert "\n" not in error


def test_an_unknown_key_is_named_and_the_rest_still_read() -> None:
    config = parse_config('sort = "title"\ncolour = "red"\n', FILE)
    assert config.get("sort") == "title"
    assert config.errors == [f"{FILE}:2: unknown key 'colour' (known: theme, sort, "
                             "export.folder, export.format)"]


def test_not_toml_gives_tomllibs_line_and_column() -> None:
    (error,) = parse_config('sort = "title"\nx = ]\ntheme = 1\n', FILE).errors
    assert error.startswith(f"{FILE}: not TOML: ") and "line" in error


def test_a_missing_file_is_the_defaults_and_no_error(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml")
    assert (config.exists, config.errors, config.values) == (False, [], {})


def test_a_file_that_is_not_utf8_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff"\n')
    assert load_config(path).errors == [f"{path}: not TOML: not UTF-8 text"]


def test_the_example_sets_nothing_yet_names_every_key() -> None:
    text = example_config()
    assert parse_config(text, FILE).values == {}
    uncommented = "\n".join(line.removeprefix("# ") if " = " in line else line
                            for line in text.splitlines())
    config = parse_config(uncommented, FILE)
    assert config.errors == [] and set(config.values) == set(KEYS)


def test_the_path_override_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERDECK_CONFIG", str(tmp_path / "env.toml"))
    assert config_path(str(tmp_path / "arg.toml")) == tmp_path / "arg.toml"
    assert config_path() == tmp_path / "env.toml"
    monkeypatch.delenv("PAPERDECK_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "paperdeck" / "config.toml"


TOML_VALUES = st.recursive(
    st.one_of(st.text(), st.integers(), st.booleans(), st.floats(allow_nan=False)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8)


def _toml_value(value: object) -> str:
    """TOML for a value (JSON's string escapes are TOML's; a surrogate makes bad TOML, which
    is fine: that too must be one error)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml_value, value)) + "]"
    if isinstance(value, dict):
        pairs = (f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return repr(value)


def _as_toml(data: dict[str, object]) -> str:
    return "\n".join(f"{json.dumps(name)} = {_toml_value(value)}" for name, value in data.items())


@given(st.text())
def test_any_text_is_a_config_or_one_line_errors(text: str) -> None:
    config = parse_config(text, FILE)
    assert all("\n" not in error and error.startswith(str(FILE)) for error in config.errors)
    assert set(config.values) <= set(KEYS)


@given(st.dictionaries(st.sampled_from([*KEYS, "export", "x"]) | st.text(), TOML_VALUES,
                       max_size=4))
def test_any_toml_document_is_a_config_or_one_line_errors(data: dict[str, object]) -> None:
    text = _as_toml(data)
    config = parse_config(text, FILE)
    assert all("\n" not in error for error in config.errors)
    assert all(isinstance(value, str) for value in config.values.values())
    known = {name: value for name, value in data.items() if name in KEYS}
    if not config.errors:  # a clean read used exactly the known keys it was given
        assert set(known) <= set(config.values)


def test_the_readme_example_is_a_good_config() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    config = parse_config(example, FILE)
    assert config.errors == [] and set(config.values) == set(KEYS)
