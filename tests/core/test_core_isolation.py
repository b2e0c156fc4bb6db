"""The core (parser, library, query, state, exporters) never imports Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.core


def test_core_modules_import_without_textual() -> None:
    # The prefix lets walk_packages descend into subpackages (search/, export/).
    modules = [m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core.")]
    assert {"tui.core.parser", "tui.core.search.query", "tui.core.export.bibtex"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == ""


def test_cli_list_does_not_load_textual(tmp_path) -> None:
    code = ("import sys; from tui.cli import main;"
            "main(['--home', sys.argv[1], 'list', '-n', '1']);"
            "print('textual' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, check=True)
    assert proc.stdout.strip().endswith("False")
