"""arXiv export API answers (`/api/query`): an Atom feed of `<entry>`s as arXiv writes them,
and arXiv's own error feed (an entry whose id is under /api/errors)."""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
        'xmlns:arxiv="http://arxiv.org/schemas/atom">\n')


def entry(category: str, number: int, published: datetime) -> str:
    aid = f"{published:%y%m}.{number:05d}"
    when = published.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "  <entry>\n"
        f"    <id>http://arxiv.org/abs/{aid}v1</id>\n"
        f"    <updated>{when}</updated>\n"
        f"    <published>{when}</published>\n"
        f"    <title>{escape(f'Listing paper {number} in {category}: a study')}</title>\n"
        f"    <summary>  We look at case {number} &amp; report what we found.\n  </summary>\n"
        "    <author><name>Grace Hopper</name></author>\n"
        "    <author><name>Alan Turing</name></author>\n"
        f'    <link href="https://arxiv.org/abs/{aid}v1" rel="alternate" type="text/html"/>\n'
        f'    <link title="pdf" href="https://arxiv.org/pdf/{aid}v1" rel="related" '
        'type="application/pdf"/>\n'
        f'    <arxiv:primary_category term="{category}" scheme="http://arxiv.org/schemas/atom"/>\n'
        f'    <category term="{category}" scheme="http://arxiv.org/schemas/atom"/>\n'
        "  </entry>\n"
    )


def listing(category: str, count: int, newest: datetime, *, spacing: timedelta) -> list[str]:
    """`count` entries, newest first, `spacing` apart."""
    return [entry(category, n, newest - spacing * n) for n in range(count)]


def feed(entries: list[str], *, total: int, start: int) -> bytes:
    return (HEAD
            + f"  <title>arXiv Query</title>\n  <id>http://arxiv.org/api/q{start}</id>\n"
            + f"  <opensearch:totalResults>{total}</opensearch:totalResults>\n"
            + f"  <opensearch:startIndex>{start}</opensearch:startIndex>\n"
            + f"  <opensearch:itemsPerPage>{len(entries)}</opensearch:itemsPerPage>\n"
            + "".join(entries) + "</feed>\n").encode()


def error_feed(message: str) -> bytes:
    return (HEAD + "  <title>arXiv Query</title>\n"
            "  <opensearch:totalResults>1</opensearch:totalResults>\n"
            "  <entry>\n    <id>http://arxiv.org/api/errors#bad_query</id>\n"
            "    <title>Error</title>\n"
            f"    <summary>{escape(message)}</summary>\n  </entry>\n</feed>\n").encode()
