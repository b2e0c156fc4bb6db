"""Author names split into given and family parts, for the citation formats.

Sources give display names ("Ada Lovelace", "Ludwig van Beethoven", sometimes "Lovelace, Ada").
The rule, close to BibTeX's own:
- "Last, First" and "Last, Jr., First" (and "Last, First, Jr.") are taken as written;
- otherwise the last word is the family name, with the particles right before it (van, van der,
  de la, von, di, da, le, ...) when the first of them is written in lower case: "Ludwig van
  Beethoven" is family "van Beethoven"; "Van Nguyen" and "Le Song" keep "Van" and "Le" as given
  names, as many Vietnamese and Chinese names need;
- a trailing Jr., Sr., II, III or IV is a suffix;
- a single word is a family name with no given name.

nameparser was tried and left out: it reads "Judge", "Prince", "Bishop" as titles (dropping
given names) and makes a single name a given name, both wrong for author lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "delle", "dello", "degli", "dei", "di",
    "da", "das", "do", "dos", "du", "des", "la", "le", "lo", "ter", "ten", "zu", "zur", "af",
    "av", "al", "el", "bin", "ibn", "ben", "st.",
})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "2nd", "3rd", "4th"})
_ROMAN_SUFFIXES = frozenset({"II", "III", "IV"})


@dataclass(frozen=True, slots=True)
class Name:
    family: str
    given: str = ""
    suffix: str = ""

    def family_first(self) -> str:
        """"Family, Given" (RIS, sorting); "Family, Given, Jr." with a suffix."""
        parts = [self.family, self.given, self.suffix] if self.suffix else [self.family,
                                                                           self.given]
        return ", ".join(part for part in parts if part)


def is_suffix(word: str) -> bool:
    return word.lower() in _SUFFIXES or word in _ROMAN_SUFFIXES


@lru_cache(maxsize=65536)  # the same authors recur across a library's papers
def split_name(raw: str) -> Name:
    """`raw` (any text) as a Name; whitespace runs count as one space."""
    text = " ".join(raw.split())
    if "," in text:
        return _split_inverted([part.strip() for part in text.split(",")])
    return _split_words(text.split(" ") if text else [])


def _split_inverted(parts: list[str]) -> Name:
    first = parts[0]
    rest = [part for part in parts[1:] if part]
    if not first:  # ", Ada": nothing to call a family name; read what is there in order
        return _split_words(" ".join(rest).split())
    if not rest:
        return _split_words(first.split()) if " " in first else Name(first)
    if len(rest) == 1 and is_suffix(rest[0]):
        # "Martin Luther King, Jr.": a suffix after a name written in order
        words = first.split(" ")
        if len(words) > 1:
            name = _split_words(words)
            return Name(name.family, name.given, rest[0])
        return Name(first, "", rest[0])
    if len(rest) >= 2 and is_suffix(rest[0]):  # "King, Jr., Martin"
        return Name(first, ", ".join(rest[1:]), rest[0])
    if len(rest) == 2 and is_suffix(rest[1]):  # "King, Martin, Jr."
        return Name(first, rest[0], rest[1])
    return Name(first, ", ".join(rest))


def _split_words(words: list[str]) -> Name:
    suffix = ""
    if len(words) >= 2 and is_suffix(words[-1]):
        suffix = words.pop()
    if not words:
        return Name("", "", suffix)
    start = len(words) - 1  # where the family name starts: the last word ...
    while start > 0 and words[start - 1].lower() in PARTICLES:
        start -= 1  # ... and the particles before it
    # The particles count only from one written in lower case: "Ludwig Van Beethoven" keeps
    # "Van" given, "Jean de La Fontaine" is family "de La Fontaine".
    while start < len(words) - 1 and not words[start][:1].islower():
        start += 1
    return Name(" ".join(words[start:]), " ".join(words[:start]), suffix)
