"""Opening a store to read it takes no write lock (svodka/store/migrations.up_to_date): a
server's workers start while `svodka ingest` holds the lock for a long batch."""
from __future__ import annotations

import sqlite3
import threading


def test_a_reader_opens_a_store_whose_write_lock_another_process_holds(tmp_path):
    from svodka.store import open_store
    from svodka.store.migrations import LATEST

    path = tmp_path / "locked.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == LATEST
        assert store.stats()["articles"] == 0
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")            # as an ingest's batch does
    opened: dict = {}

    def read():
        with open_store(f"sqlite:///{path}", create=False) as reader:
            opened["version"] = reader.schema_version
            opened["articles"] = reader.stats()["articles"]

    try:
        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        thread.join(10)              # the lock's wait (busy timeout) is 60 s
        assert opened == {"version": LATEST, "articles": 0}
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_store_from_an_older_version_is_still_migrated_on_open(tmp_path):
    from sqlalchemy import create_engine, text

    from svodka.store import open_store
    from svodka.store.migrations import LATEST

    path = tmp_path / "old.db"
    with open_store(f"sqlite:///{path}"):
        pass
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:                 # as if the last migration had not run
        conn.execute(text("DELETE FROM schema_version WHERE version = :v"), {"v": LATEST})
    engine.dispose()
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == LATEST
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT max(version) FROM schema_version")).scalar() == LATEST
    engine.dispose()


def test_readers_at_once_reuse_their_connections_on_the_next_burst(tmp_path):
    """A server's worker reads from up to ~13 threads at once under a burst: the connections
    they opened are kept for the next requests, not closed and opened again (each new one
    reads the schema again and starts with a cold page cache: ~0.8 ms of CPU)."""
    from sqlalchemy import event

    from svodka.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        opened = []
        event.listen(store.engine, "connect", lambda *_: opened.append(1))
        inside = threading.Barrier(12)

        def read():
            with store.engine.connect():
                inside.wait(10)             # twelve connections checked out at once
            assert store.stats()["articles"] == 0

        for burst in range(2):
            threads = [threading.Thread(target=read) for _ in range(12)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(20)
            if burst == 0:
                assert len(opened) >= 12 - 1     # the store kept one from opening
                opened.clear()
        assert opened == []
