"""`paperdeck list` on papers from the Hugging Face API JSON: author:, a pasted arXiv link,
--sort upvotes, and invalid values refused in one line with the query exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def imported(cli: Callable) -> Callable:
    result = cli("import", str(FIXTURES / "hf_daily_papers_2025-03-04.json"))
    assert result.code == 0, result.err
    return cli


def titles(cli: Callable, *args: str) -> list[str]:
    result = cli("list", "-f", "json", *args)
    assert result.code == 0, result.err
    return [row["title"] for row in json.loads(result.out)]


def test_list_query_author_finds_the_paper_of_that_author(imported: Callable) -> None:
    assert titles(imported, "--query", "author:lovelace") == [
        "Lattice Routing: Load-Balanced Mixture-of-Experts Without Auxiliary Losses"]
    assert titles(imported, "-q", "author:chatelet") == titles(imported, "-q", "author:Châtelet")
    assert titles(imported, "-q", "author:chatelet") == [
        "When Retrieved Passages Disagree: Measuring Conflict Bias in RAG"]


def test_a_pasted_arxiv_link_finds_its_paper(imported: Callable) -> None:
    assert titles(imported, "-q", "https://arxiv.org/pdf/2503.02345v2") == [
        "When Retrieved Passages Disagree: Measuring Conflict Bias in RAG"]


def test_sort_by_upvotes_puts_the_most_upvoted_first(imported: Callable) -> None:
    by_votes = titles(imported, "--sort", "upvotes")
    assert by_votes[0].startswith("Lattice Routing")  # 87 upvotes, the only count
    assert sorted(by_votes) == sorted(titles(imported))
    assert titles(imported, "-s", "first-seen") == titles(imported, "-s", "first_seen")


@pytest.mark.parametrize(("query", "message"), [
    ("upvotes:lots", "upvotes: takes a number, as in upvotes:10 or upvotes:>=10 (got 'lots')"),
    ("year:20x", "year: takes a year, as in year:2025 or year:>=2024 (got '20x')"),
    ("starred:someday", "starred: takes today, yesterday, 7d or a date (2026-03-01, "
                        ">=2026-03-01) (got 'someday')"),
])
def test_invalid_values_are_one_line_and_exit_7(imported: Callable, query: str,
                                                message: str) -> None:
    result = imported("list", "-q", query)
    assert result.code == 7
    assert result.err == f"paperdeck: error: {message}\n"
    assert result.out == ""
