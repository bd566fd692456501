"""A throwaway PostgreSQL server for the store tests: initdb into a temp dir, a unix socket
and a free TCP port on 127.0.0.1, ``pg_ctl stop -m immediate`` at the end.

Use the ``store_url`` fixture (SQLite and PostgreSQL) or ``postgres_url`` directly; both
skip PostgreSQL cleanly when Debian's postgresql (initdb) is not installed.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package brings a "postgres" user.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Server:
    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.base = Path(tempfile.mkdtemp(prefix="svodka-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")

    def run(self, tool: str, *args: str) -> None:
        subprocess.run(_as_server_user([str(self.bin_dir / tool), *args]), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "svodka", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8")
        options = (f"-k {self.base} -p {self.port} -h 127.0.0.1 -F "
                   "-c shared_buffers=32MB -c max_connections=40")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.base / "log"),
                 "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgresql://svodka@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not input
        return f"postgresql://svodka@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed")
    server = Server(bin_dir)
    try:
        server.start()
    except (subprocess.SubprocessError, OSError) as error:
        shutil.rmtree(server.base, ignore_errors=True)
        pytest.skip(f"cannot start PostgreSQL: {error}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's server."""
    return postgres_server.new_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")


def table_contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every store table, sorted, surrogate keys left out: two stores built
    from the same input must compare equal whatever the path they took."""
    from sqlalchemy import select

    from svodka.store import open_store, schema

    contents = {}
    with open_store(url) as store, store.engine.connect() as conn:
        for name, table in schema.metadata.tables.items():
            # search unit ids (and the facets keyed by them) depend on the order of writing
            columns = [c for c in table.columns
                       if not (name in ("search_units", "search_facets") and c.name == "id")]
            rows = conn.execute(select(*columns)).all()
            contents[name] = sorted((tuple(row) for row in rows), key=repr)
    return contents
