"""XML from outside, parsed safely: defusedxml refuses entity declarations (the "billion laughs"
that expand a small file into gigabytes) and external entities (which would read local files
or the network) before they expand; a feed's elements are then found by local name, so a
namespace spelt differently (http/https, a prefix) still reads."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from tui.core.errors import DigestError
from tui.core.sources.building import clean_line


def parse_xml(data: bytes, source: str, what: str) -> Element:
    """The document's root element; DigestError (one line) for anything that is not
    well-formed XML, or declares entities."""
    try:
        return fromstring(data.removeprefix(b"\xef\xbb\xbf"), forbid_dtd=False,
                          forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise DigestError(f"{source}: {what} that declares XML entities (refused: they can "
                          "expand a small file into gigabytes)") from None
    except ParseError as exc:
        line, column = exc.position
        raise DigestError(f"{source}: {what} that is not well-formed XML (line {line}, "
                          f"column {column})") from None
    except (RecursionError, MemoryError):
        raise DigestError(f"{source}: {what} nested too deeply") from None


def local(element: Element) -> str:
    """The element's name without its namespace ("{http://www.w3.org/2005/Atom}entry" ->
    "entry")."""
    tag = element.tag
    if not isinstance(tag, str):  # a comment or processing instruction
        return ""
    return tag.rpartition("}")[2]


def children(element: Element, name: str) -> Iterator[Element]:
    return (child for child in element if local(child) == name)


def child(element: Element, name: str) -> Element | None:
    return next(children(element, name), None)


def text_of(element: Element | None) -> str:
    """The element's text, its children's included, as one clean line."""
    if element is None:
        return ""
    return clean_line("".join(element.itertext()))


def child_text(element: Element, name: str) -> str:
    return text_of(child(element, name))
