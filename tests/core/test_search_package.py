"""tui.core.search re-exports its public names, lazily: the list orders and the query parser come
without numpy and rapidfuzz, which the screen must not load before its first frame."""

from __future__ import annotations

import importlib
import subprocess
import sys

import tui.core.search as search


def test_every_public_name_resolves_to_its_module() -> None:
    for name in search.__all__:
        value = getattr(search, name)
        home = importlib.import_module(f"tui.core.search.{search._HOME[name]}")
        assert value is getattr(home, name)
    assert sorted(search.__all__) == sorted(search._HOME)


def test_list_orders_and_parser_do_not_load_numpy() -> None:
    code = ("import sys; from tui.core.search import SORT_MODES, parse_query, sort_rows;"
            "print(sorted(m for m in ('numpy', 'rapidfuzz') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "[]"
