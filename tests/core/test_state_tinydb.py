"""The state file stays a TinyDB document: TinyDB's own API, with its own JSON storage, reads
every record the store wrote (the design card promises a file any TinyDB user can open)."""

from __future__ import annotations

from pathlib import Path

from tinydb import Query, TinyDB

from tui.core.state import STATE_FILE, StateStore
from tui.core.state.schema import SCHEMA_VERSION


def write_several_papers(home: Path) -> None:
    store = StateStore.open(home)
    store.set_starred(["2401.00001", "2401.00002"], True)
    store.set_read(["2401.00002", "2401.00003"], True)
    store.set_notes("2401.00003", "two lines\nand a quote \" and ünïcödé")
    store.add_tag(["2401.00001", "2401.00004"], "to-read")
    store.update(["2401.00004"], read=True, add_tags=["ml"])
    store.flush()
    # A later write in the same session re-encodes only what changed: still one document.
    store.set_notes("2401.00001", "added after the first save")
    store.set_starred(["2401.00002"], False)
    store.close()


def test_tinydb_reads_every_record_the_store_wrote(home: Path) -> None:
    write_several_papers(home)
    path = home / STATE_FILE
    before = path.read_bytes()
    db = TinyDB(path)
    try:
        papers = db.table("papers")
        records = {record["id"]: record for record in papers.all()}
        assert set(records) == {"2401.00001", "2401.00002", "2401.00003", "2401.00004"}
        assert records["2401.00001"]["starred"] is True
        assert records["2401.00001"]["notes"] == "added after the first save"
        assert records["2401.00001"]["tags"] == ["to-read"]
        assert records["2401.00002"]["starred"] is False and records["2401.00002"]["read"]
        assert records["2401.00003"]["notes"] == "two lines\nand a quote \" and ünïcödé"
        assert records["2401.00004"]["read"] and records["2401.00004"]["tags"] == ["ml", "to-read"]
        assert {r["id"] for r in papers.search(Query().starred == True)} == {"2401.00001"}  # noqa: E712
        assert papers.get(Query().id == "2401.00003")["read"] is True  # type: ignore[index]
        assert db.table("meta").all() == [{"schema": SCHEMA_VERSION}]
    finally:
        db.close()
    assert path.read_bytes() == before  # reading through TinyDB changed nothing

    reopened = StateStore.open(home)
    try:  # and what TinyDB reads is what the store reads back
        assert {pid: s.starred for pid, s in reopened.all().items()} == {
            pid: record["starred"] for pid, record in records.items()}
    finally:
        reopened.close()
