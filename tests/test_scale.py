"""The Dask engine stores exactly what the local engine stores."""
from __future__ import annotations

import subprocess
import sys

from conftest import needs_shared
from test_ingest import NEWS_ZIP, news_excerpts, write_jsonl
from test_store import TOKAYEV_ASTANA, WEATHER

from pg import table_contents
from svodka.reading import Rejection
from svodka.scale import read_partition, write_partition
from svodka.store import prepare


def test_a_parquet_partition_round_trips_records_and_rejections(tmp_path):
    results = [prepare(TOKAYEV_ASTANA), Rejection("empty", "line 3: no text", "feed.jsonl",
                                                  "line 3", b"{}"), prepare(WEATHER)]
    back = read_partition(write_partition(results, tmp_path / "part-000000.parquet"))
    assert back == results


@needs_shared(NEWS_ZIP)
def test_the_dask_engine_gives_the_local_engines_tables(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", news_excerpts(6, skip=100) + news_excerpts(1, 100))
    (tmp_path / "broken.jsonl").write_text('{"content": "оборвано\n', encoding="utf-8")
    urls = {engine: f"sqlite:///{tmp_path / engine}.db" for engine in ("local", "dask")}
    for engine, url in urls.items():
        run = subprocess.run([sys.executable, "-m", "svodka", "ingest", str(feed),
                              str(tmp_path / "broken.jsonl"), "--db", url, "--engine", engine,
                              "--quiet"], capture_output=True, text=True, timeout=300)
        assert "read 8 = stored 6 + duplicates 1 + rejected 1" in run.stdout, run.stderr
    assert table_contents(urls["dask"]) == table_contents(urls["local"])
