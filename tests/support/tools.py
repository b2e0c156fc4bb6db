"""System programs some tests need (biber, bibtex, git, ...), as DECISIONS settles them: absent,
the test skips with a reason; with PAPERDECK_REQUIRE_TOOLS=1 (CI), absent is a failure."""

from __future__ import annotations

import os
import shutil

import pytest


def need_tool(name: str) -> str:
    """The program's path; skips (or, where tools are required, fails) when it is missing."""
    found = shutil.which(name)
    if found is not None:
        return found
    if os.environ.get("PAPERDECK_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{name} is not installed and PAPERDECK_REQUIRE_TOOLS=1")
    pytest.skip(f"{name} is not installed")
