#!/usr/bin/env bash
# Every benchmark, one after the other (they must not share the 2 cores), each writing its own
# section of docs/performance.md. About an hour on an idle 2-core machine; needs ../shared.
#
#     bash bench/all.sh            # everything
#     bash bench/all.sh quick      # skip the full-corpus ingest (search/serve reuse its store)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
STORE=${STORE:-/tmp/svodka-bench}

$PY bench/extract.py --n 500                       # svodka vs natasha, model load, RSS, 10 MB text
$PY bench/linearity.py --mb 0.25 0.5 1 2           # time against article size
if [ "${1:-}" != quick ]; then
  $PY bench/ingest.py --runs local:1 local:2 dask:2 --keep "$STORE" # the whole news corpus: local 1, 2 workers, dask 2
fi
$PY bench/search.py --db "$STORE/news-w2.db"        # 100 queries, p50/p95
$PY bench/serve.py --db "sqlite:///$STORE/news-w2.db" --server-workers 2
$PY bench/dedup_pairs.py score                      # near-duplicate judgments
