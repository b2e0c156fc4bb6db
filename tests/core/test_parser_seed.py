"""The bundled seed digest parses exactly: 88 papers, every title, every abstract, every link."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tui.core.parser import parse_digest

EXPECTED_LINKS = [
    "https://github.com/mqraitem/From-Fake-to-Real",
    "https://github.com/google-research/distilling-step-by-step",
    "https://github.com/stanfordnlp/dspy",
    "https://github.com/nvidia/megatron-lm",
    "https://github.com/EmpathYang/TinyHelen.git",
    "https://tf-t2v.github.io/",
    "https://github.com/TechxGenus/CursorCore",
    "https://github.com/LeapLabTHU/Model-Assembling",
    "https://github.com/Eleanor-H/MUSTARD",
    "https://github.com/stepfun-ai/Step-Audio",
    "https://github.com/abbasiReza/super-pipeline",
    "https://imagination-research.github.io/distilled-decoding",
    "https://aka.ms/orca-lm",
    "https://github.com/IBM/ensemble-instruct",
    "https://github.com/AlanAnsell/bistil",
    "https://github.com/McGill-DMaS/DMaS-LLaMa-Lite-Training-Code",
    "https://huggingface.co/collections/McGill-DMaS/dmas-llama-lite-6761d97ba903f82341954ceb",
    "https://github.com/sade-adrien/SteloCoder",
    "https://github.com/Qichuzyy/POA",
    "https://github.com/pengzhiliang/G2SD",
    "https://tianchi.aliyun.com/dataset/95414",
    "https://github.com/michael-wzhu/text2dt",
    "https://github.com/tianyic/only_train_once",
    "https://github.com/X-niper/UniTalker",
    "https://github.com/Oneflow-Inc/oneflow",
    "https://rockeycoss.github.io/spo.github.io/",
    "https://github.com/AGI-Edgerunners/Plan-and-Solve-Prompting",
    "https://github.com/imagination-research/lbt",
    "https://github.com/sail-sg/VocabularyParallelism",
    "https://github.com/DA-Group-PKU/Magic-1-For-1",
    "https://llm-stacking.github.io/",
]
PAGE_LINKS = {
    "https://tf-t2v.github.io/",
    "https://imagination-research.github.io/distilled-decoding",
    "https://aka.ms/orca-lm",
    "https://tianchi.aliyun.com/dataset/95414",
    "https://rockeycoss.github.io/spo.github.io/",
    "https://llm-stacking.github.io/",
}


def _blocks(seed: Path) -> list[str]:
    """The seed's paragraphs, split the simplest way, independently of the parser."""
    return [b.strip() for b in seed.read_text(encoding="utf-8").split("\n\n") if b.strip()]


def test_seed_has_88_papers_with_exact_titles_and_abstracts(seed_path: Path) -> None:
    blocks = _blocks(seed_path)
    assert blocks[4] == "Mar 11"
    titles, abstracts = blocks[5::2], blocks[6::2]
    result = parse_digest(seed_path.read_bytes(), import_date=date(2026, 11, 29))
    assert len(result.papers) == 88
    assert [p.title for p in result.papers] == titles
    assert [p.abstract for p in result.papers] == abstracts
    assert all(p.abstract for p in result.papers)
    assert result.diagnostics == []
    assert [p.position for p in result.papers] == list(range(88))


def test_seed_links_are_exactly_the_cleaned_urls(seed_path: Path) -> None:
    result = parse_digest(seed_path.read_bytes(), import_date=date(2026, 11, 29))
    links = [link for p in result.papers for link in p.links]
    assert [link.url for link in links] == EXPECTED_LINKS
    assert {link.url for link in links if link.kind == "page"} == PAGE_LINKS
    # 25 code links in 24 papers: the DMaS-LLaMa paper links GitHub and Hugging Face.
    assert sum(p.has_code for p in result.papers) == 24
    two = [p for p in result.papers if len(p.links) == 2]
    assert [p.title.split()[0] for p in two] == ["Experience", "Text2MDT:"]


def test_seed_date_year_is_inferred_from_the_import_day(seed_path: Path) -> None:
    data = seed_path.read_bytes()
    assert parse_digest(data, import_date=date(2026, 11, 29)).date == "2026-03-11"
    # Imported before Mar 11 of a year: the digest is from the year before.
    assert parse_digest(data, import_date=date(2026, 3, 10)).date == "2025-03-11"
    assert parse_digest(data, import_date=date(2026, 3, 11)).date == "2026-03-11"
    paper = parse_digest(data, import_date=date(2026, 11, 29)).papers[0]
    assert paper.digest_dates == ("2026-03-11",)
