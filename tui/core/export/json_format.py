"""JSON: the records of `list --format json`, one per paper, in list order."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from tui.core.export.fields import Items, Library
from tui.core.records import paper_record

# json.dumps(ensure_ascii=False) leaves DEL, C1 controls and line separators raw; a terminal
# may act on them. \u-escaping them keeps the document identical once parsed.
_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def render(items: Items, *, query: str, today: date, library: Library = None) -> str:
    return dumps([paper_record(paper, state) for paper, state in items])
