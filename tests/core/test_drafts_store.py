"""drafts.json is read from disk: whatever it holds, reading it never fails, and a draft kept is
the draft found."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tui.core.drafts import DRAFTS_FILE, Draft, drop_draft, find_draft, keep_draft


@given(st.binary(max_size=300))
def test_any_bytes_in_the_drafts_file_read_as_no_draft_or_a_draft(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / DRAFTS_FILE).write_bytes(content)
        found = find_draft(home, "notes", "p1")
        assert found is None or isinstance(found.text, str)
        keep_draft(home, "notes", "p2", Draft("x", ""))  # a broken file is replaced, not kept
        assert find_draft(home, "notes", "p2") == Draft("x", "")


@given(st.text(), st.text())
def test_a_draft_kept_is_found_and_dropped(text: str, started_from: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        keep_draft(home, "tags", "p1", Draft(text, started_from))
        assert find_draft(home, "tags", "p1") == Draft(text, started_from)
        assert find_draft(home, "notes", "p1") is None
        drop_draft(home, "tags", "p1")
        assert find_draft(home, "tags", "p1") is None
        assert not (home / DRAFTS_FILE).exists()
