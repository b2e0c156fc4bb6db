"""A pasted arXiv id or link is recognised whatever form it was copied in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.arxiv_ids import arxiv_id_of


@pytest.mark.parametrize("text, expected", [
    ("2503.01234", "2503.01234"),
    ("2503.01234v3", "2503.01234"),
    ("arXiv:2503.01234v2", "2503.01234"),
    ("ARXIV: 0704.0001", "0704.0001"),
    ("https://arxiv.org/abs/2503.01234", "2503.01234"),
    ("http://arxiv.org/abs/2503.01234v1", "2503.01234"),
    ("https://arxiv.org/pdf/2503.01234v2.pdf", "2503.01234"),
    ("arxiv.org/pdf/2503.01234", "2503.01234"),
    ("https://www.arxiv.org/html/2503.01234v1/", "2503.01234"),
    ("https://arxiv.org/abs/2503.01234?context=cs", "2503.01234"),
    ("hep-th/9901001", "hep-th/9901001"),
    ("https://arxiv.org/abs/math.GT/0309136v1", "math.GT/0309136"),
    ("  2503.01234  ", "2503.01234"),
])
def test_pasted_forms_give_the_id_without_version(text: str, expected: str) -> None:
    assert arxiv_id_of(text) == expected


@pytest.mark.parametrize("text", [
    "", "2503", "25030.1234", "attention", "https://example.org/abs/2503.01234",
    "2503.01234 and more", "https://github.com/org/2503.01234", "1.5",
])
def test_other_text_is_not_an_arxiv_id(text: str) -> None:
    assert arxiv_id_of(text) is None


@given(st.text(max_size=80))
def test_any_text_gives_an_id_or_none_and_never_raises(text: str) -> None:
    found = arxiv_id_of(text)
    assert found is None or (found in text or found.lower() in text.lower())
