"""The wheel carries the seed digest and the styles, and the installed layout finds them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.tools import need_tool

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True)
    (found,) = out.glob("paperdeck-*.whl")
    return found


def test_wheel_contains_package_seeds_and_styles(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/_data/seeds/000_921403ad83ed6e7f.txt" in names
    assert any(n.startswith("tui/_data/styles/") and n.endswith(".tcss") for n in names)
    assert "tui/cli/__init__.py" in names and "tui/core/parser.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "paperdeck = tui.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not [n for n in names if n.startswith("tests/")]


def test_wheel_installs_the_man_page_where_man_finds_it(wheel: Path, tmp_path: Path) -> None:
    """pip puts a wheel's data/ under the environment's prefix; man looks in PREFIX/share/man
    for every PREFIX/bin on PATH (a venv's, pipx's)."""
    man = need_tool("man")
    data = f"{wheel.name.split('-py')[0]}.data/data/share/man/man1/paperdeck.1"
    archive = zipfile.ZipFile(wheel)
    assert data in archive.namelist()
    prefix = tmp_path / "venv"
    (prefix / "bin").mkdir(parents=True)
    page = prefix / "share" / "man" / "man1" / "paperdeck.1"
    page.parent.mkdir(parents=True)
    page.write_bytes(archive.read(data))
    env = {key: value for key, value in os.environ.items() if key != "MANPATH"}
    proc = subprocess.run([man, "-w", "paperdeck"], capture_output=True, text=True, check=False,
                          env={**env, "PATH": f"{prefix / 'bin'}:{env.get('PATH', '')}"})
    assert proc.stdout.strip() == str(page), proc.stderr


def test_unpacked_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "PAPERDECK_HOME": str(tmp_path / "home")}
    script = ("import tui.core.paths as p; print(p.seeds_dir());"
              "import tui.cli; raise SystemExit(tui.cli.main(['list', '-f', 'json']))")
    proc = subprocess.run([sys.executable, "-c", script],
                          cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    seeds_line, payload = proc.stdout.split("\n", 1)
    assert seeds_line.startswith(str(site))  # found inside the installed package, not the repo
    assert len(json.loads(payload)) == 88


def test_ci_runs_the_readme_test_line_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sh\n")
    install_line, test_line = blocks[1].split("\n")[0], blocks[2].split("\n")[0]
    assert "paperdeck" in install_line and "pytest" in test_line
    assert test_line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
