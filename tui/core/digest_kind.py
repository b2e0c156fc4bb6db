"""What kind of digest a file is, from its first bytes alone (never from its name): the library
re-reads kept copies, digests/<sha>.txt, whatever they were called.

A leaf module: input_limits.py asks it while the bytes stream in (an HTML page is refused at
once; a JSON or XML document is one long line, not paragraphs), and tui.core.sources picks
its reader by it.
"""

from __future__ import annotations

import json
import re

PAGE_TEXT = "page text"
HF_JSON = "hf json"
ARXIV_ATOM = "arxiv atom"
ARXIV_RSS = "arxiv rss"
ARXIV_MAIL = "arxiv mail"
OTHER_XML = "xml"  # XML that is neither feed: refused by the dispatcher
HTML = "html"

# Kinds that are one document (no paragraphs): read whole, not held to the page text's limit
# on the longest run of bytes without a blank line.
DOCUMENTS = frozenset({HF_JSON, ARXIV_ATOM, ARXIV_RSS, OTHER_XML})

HEAD_BYTES = 65536  # what the kind is told from
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_HTML = re.compile(r"(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
# The start of an XML document: a declaration, a comment, a DOCTYPE or an element.
_XML_START = re.compile(r"<\?xml\b|<!--|<!doctype\b|<(?:feed|rss|rdf:rdf)\b", re.IGNORECASE)
_SKIPPED = re.compile(r"<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ROOT = re.compile(r"<(?![?!/])([A-Za-z_][\w:.-]*)")
# After "[" or "{", what only JSON has: a list of objects, a nested list, an object's key.
_JSON_OPENING = re.compile(r"\[\s*[\[{\]]|\{\s*[\"}]")
_MAIL_ID = re.compile(r"^arXiv:\s*\S+", re.MULTILINE)
_MAIL_TITLE = re.compile(r"^Title:", re.MULTILINE)
_MAIL_AUTHORS = re.compile(r"^Authors?:", re.MULTILINE)


def _head_text(head: bytes) -> str:
    return head[:HEAD_BYTES].decode("utf-8", "replace").lstrip("\ufeff").lstrip()


def _is_json(text: str) -> bool:
    if _JSON_OPENING.match(text):
        return True
    # A short JSON document ("[1, 2]", '["a"]') parses whole; a page whose first title starts
    # with a bracket ("[Re] ...", "[2503.01234] ...") does not.
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _xml_kind(text: str) -> str:
    rest = _SKIPPED.sub("", text)
    if _HTML.match(rest.lstrip()):
        return HTML
    root = _ROOT.search(rest)
    name = root.group(1).lower() if root else ""
    if name == "feed":
        return ARXIV_ATOM
    if name in ("rss", "rdf:rdf"):
        return ARXIV_RSS
    if name in ("html", "head", "body"):
        return HTML
    return OTHER_XML


def sniff(head: bytes) -> str:
    """The kind of digest whose first bytes are `head` (a BOM and leading blanks skipped)."""
    if head[:2] in _UTF16_BOMS:
        return PAGE_TEXT  # decoded by the page text reader, as before
    text = _head_text(head)
    first = text[:1]
    if first in ("[", "{") and _is_json(text):
        return HF_JSON
    if first == "<":
        if _HTML.match(text):
            return HTML
        if _XML_START.match(text):
            return _xml_kind(text)
    if _MAIL_ID.search(text) and _MAIL_TITLE.search(text) and _MAIL_AUTHORS.search(text):
        return ARXIV_MAIL
    return PAGE_TEXT
