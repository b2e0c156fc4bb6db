"""Author names split into family and given parts, as the citation formats need them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.export.names import Name, split_name


@pytest.mark.parametrize(("raw", "family", "given_name", "suffix"), [
    ("Ada Lovelace", "Lovelace", "Ada", ""),
    ("Charles Sanders Peirce", "Peirce", "Charles Sanders", ""),
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig", ""),
    ("Laurens van der Maaten", "van der Maaten", "Laurens", ""),
    ("Juan Carlos de la Vega", "de la Vega", "Juan Carlos", ""),
    ("Jean de La Fontaine", "de La Fontaine", "Jean", ""),
    ("Wernher von Braun", "von Braun", "Wernher", ""),
    ("Leonardo di Caprio", "di Caprio", "Leonardo", ""),
    ("Luiz da Silva", "da Silva", "Luiz", ""),
    ("Pierre le Grand", "le Grand", "Pierre", ""),
    ("van Beethoven", "van Beethoven", "", ""),
    # Capitalised "Van", "Le" are given names (Vietnamese, Chinese), as BibTeX reads them too.
    ("Van Nguyen", "Nguyen", "Van", ""),
    ("Le Song", "Song", "Le", ""),
    ("Anh Van Nguyen", "Nguyen", "Anh Van", ""),
    ("Martin Luther King Jr.", "King", "Martin Luther", "Jr."),
    ("John Smith Sr", "Smith", "John", "Sr"),
    ("Henry Ford II", "Ford", "Henry", "II"),
    ("Martin Luther King, Jr.", "King", "Martin Luther", "Jr."),
    ("King, Jr., Martin Luther", "King", "Martin Luther", "Jr."),
    ("King, Martin Luther, Jr.", "King", "Martin Luther", "Jr."),
    ("Lovelace, Ada", "Lovelace", "Ada", ""),
    ("van Beethoven, Ludwig", "van Beethoven", "Ludwig", ""),
    ("Beethoven, Ludwig van", "Beethoven", "Ludwig van", ""),
    ("Guo", "Guo", "", ""),
    ("Jean-Pierre Lévy-Bruhl", "Lévy-Bruhl", "Jean-Pierre", ""),
    ("Zoë Ångström", "Ångström", "Zoë", ""),
    ("田中 太郎", "太郎", "田中", ""),
    ("  Ada \t\n Lovelace  ", "Lovelace", "Ada", ""),
    ("Lovelace,", "Lovelace", "", ""),
    (", Ada Lovelace", "Lovelace", "Ada", ""),
    ("", "", "", ""),
    (" , ,", "", "", ""),
])
def test_split_name(raw: str, family: str, given_name: str, suffix: str) -> None:
    assert split_name(raw) == Name(family, given_name, suffix)


def test_family_first_is_the_ris_form() -> None:
    assert split_name("Ludwig van Beethoven").family_first() == "van Beethoven, Ludwig"
    assert split_name("Martin Luther King Jr.").family_first() == "King, Martin Luther, Jr."
    assert split_name("Guo").family_first() == "Guo"


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(raw=names)
def test_any_text_splits_into_parts_made_of_its_words(raw: str) -> None:
    name = split_name(raw)
    words = raw.replace(",", " ").split()
    parts = f"{name.family} {name.given} {name.suffix}".replace(",", " ").split()
    assert sorted(parts) == sorted(words)  # nothing lost, nothing invented
    assert name.family or not words  # a name with words always has a family part
    for part in (name.family, name.given, name.suffix):
        assert part == part.strip() and "  " not in part
