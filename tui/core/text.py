"""Text hygiene and identity: what may reach a terminal, and what makes two titles the same."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# ESC-initiated sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... BEL or ST),
# and two-byte escapes (ESC + one char). Their 8-bit C1 forms are covered by the control strip.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # CSI
    | \x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?  # OSC, DCS, SOS, PM, APC to BEL/ST (or line end)
    | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
    | [\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # 8-bit OSC/DCS/...
    | \x1b.?                              # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)
# Every C0 control but tab and newline, DEL, and every C1 control (0x9b is a one-byte CSI):
# the one definition the display and the exporters strip too.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line/paragraph separators and bidi overrides render as layout changes; keep text one-way safe.
_LAYOUT = re.compile(r"[\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def sanitize(text: str) -> str:
    """Remove escape sequences and control characters; keep newline and tab."""
    if text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = CONTROL_CHARS.sub("", text)
    return _LAYOUT.sub("", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """Lone surrogates (undecodable argv bytes, a JSON "\\ud800") become U+FFFD.

    Python strings may hold them but UTF-8 cannot: left in, they make every later save fail.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def collapse_whitespace(text: str) -> str:
    # split() breaks on exactly what the regex \s matches (str.isspace), five times faster
    # than re.sub on an abstract: the JSON import cleans every title, abstract and name.
    return " ".join(text.split())


_PUNCTUATION = re.compile(r"[^\w\s]|_")


# ASCII that _PUNCTUATION removes: all but letters, digits and whitespace.
_ASCII_PUNCTUATION = {c: None for c in range(128)
                      if not (chr(c).isalnum() or chr(c).isspace())}


def normalize_title(title: str) -> str:
    """NFKC, casefold (then NFKC again), punctuation and symbols dropped, whitespace collapsed.

    "Megatron-LM:  Training" and "megatron-lm: training" normalise alike.
    """
    if title.isascii():  # NFKC leaves ASCII alone, casefold is lower: the same, cheaper
        return " ".join(title.lower().translate(_ASCII_PUNCTUATION).split())
    # NFKC again after casefold: casefold decomposes some letters ("ΐ" -> "ι" + marks), and the
    # marks alone are dropped as punctuation, so "ΐ" and its upper case would differ.
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", title).casefold())
    return " ".join(_PUNCTUATION.sub("", text).split())  # split() is \s, as the regex


ID_LENGTH = 12


def paper_id(title: str) -> str:
    """A paper's stable id: the first 12 hex digits of SHA-256 of its normalised title.

    48 bits keep collisions unlikely at a million papers while any unique prefix
    (often 4-6 characters) can be typed, as with git commits.
    """
    digest = hashlib.sha256(normalize_title(title).encode("utf-8")).hexdigest()
    return digest[:ID_LENGTH]


def plural(n: int, noun: str) -> str:
    """'1 paper', '2,048 papers': a count as a sentence says it."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
