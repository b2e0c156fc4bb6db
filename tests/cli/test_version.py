"""`paperdeck --version` names the installed version, and still answers from a bare checkout."""

from __future__ import annotations

import importlib.metadata
import re

import pytest

import tui
import tui.cli


def test_version_is_the_installed_distributions(cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out == f"paperdeck {importlib.metadata.version('paperdeck')}\n"
    assert re.fullmatch(r"paperdeck \d+\.\d+\.\d+\S*\n", result.out)


def test_version_without_installed_metadata_is_the_packages_own(
        cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert cli("--version").out == f"paperdeck {tui.__version__}\n"


def test_help_points_to_the_man_page(cli) -> None:
    assert "man paperdeck" in cli("--help").out
