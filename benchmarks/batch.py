"""Speed and size of batch review with the review database, on CUAD contracts.

    python benchmarks/batch.py --data ../shared/cuad-dev [--limit N] [--format pdf|txt]
                               [--workers 2,0] [--json results.json] [--keep]

For each setting in ``--workers`` (0: every file reviewed in this process, torch on every core;
N: N worker processes reviewing whole files, one torch thread each), on a fresh database:

* **first run**: a fresh engine (model loaded beforehand, not timed; worker processes load theirs
  inside the timed run) reviews and stores every contract: contracts per minute;
* **re-run**: a new engine, nothing in memory, same database: every sentence vector comes from
  the database (the model is never loaded): contracts per minute, and per-file time;

then, on the last database: database size per contract, re-analysis time of single contracts
(read and analyse separately), full-text search latency and the portfolio query time.
CUAD: The Atticus Project, CC BY 4.0; read from the folder given, never copied.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from clause_library.batch import run_batch
from clause_library.engine import Engine
from clause_library.store import ReviewStore

QUERIES = (
    "indemnify",
    "governing law",
    '"change of control"',
    "terminat*",
    "Delaware",
    "exclusive OR exclusivity",
    '"most favored"',
    "audit records",
    "insurance coverage",
    '"source code" escrow',
)


def _files(data: Path, fmt: str, limit: int | None) -> list[Path]:
    files = sorted((data / "contracts").glob(f"*.{fmt}"))
    return files[:limit] if limit else files


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def _fresh_engine(base: Engine | None, store: ReviewStore) -> Engine:
    """A new engine (no vectors in memory) on ``store``'s cache, sharing the loaded library."""
    if base is None:
        return Engine(cache=store.embedding_cache)
    return Engine(
        library=base.library,
        playbooks=base.playbooks,
        calibration=base.calibration,
        cache=store.embedding_cache,
    )


def _run(engine: Engine, store: ReviewStore, files: list[Path], workers: int) -> dict[str, Any]:
    result = run_batch(engine, store, files, workers=workers)
    per_file = [item.seconds for item in result.reviewed]
    return {
        "contracts": len(result.reviewed),
        "failed": [f.reason for f in result.failed],
        "seconds": round(result.seconds, 2),
        "per_minute": round(60 * len(result.reviewed) / result.seconds, 1),
        "analyse_review_store_median_s": round(statistics.median(per_file), 3),
        "model_loaded": engine.embedder.loaded,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--format", choices=("pdf", "txt"), default="pdf")
    parser.add_argument("--workers", default="2,0", help="worker settings to compare")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    args = parser.parse_args()
    files = _files(args.data, args.format, args.limit)
    if not files:
        print(f"no .{args.format} contracts under {args.data / 'contracts'}", file=sys.stderr)
        return 2
    out: dict[str, Any] = {"contracts": len(files), "format": args.format, "runs": {}}
    characters: list[int] = []
    base: Engine | None = None
    workdir = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    store: ReviewStore | None = None
    for workers in (int(w) for w in args.workers.split(",")):
        if store is not None:
            store.close()
        store = ReviewStore(workdir / f"reviews-w{workers}.sqlite3")
        engine = _fresh_engine(base, store)
        started = time.perf_counter()
        engine.embedder.warm_up()
        engine.analyze(engine.read(files[0]))  # library vectors, first-call costs: not timed
        warm = time.perf_counter() - started
        store.checkpoint()
        empty_size = store.size_bytes()
        first = _run(engine, store, files, workers)
        store.checkpoint()
        first["warm_up_s"] = round(warm, 1)
        size = store.size_bytes()
        again = _run(_fresh_engine(engine, store), store, files, workers)
        out["runs"][f"workers={workers}"] = {"first": first, "rerun": again}
        print(
            f"workers={workers}: first run {first['per_minute']} contracts/min "
            f"({first['seconds']} s), re-run with cache {again['per_minute']} contracts/min "
            f"({again['seconds']} s, model loaded: {again['model_loaded']})",
            flush=True,
        )
        out["database_bytes_per_contract"] = round((size - empty_size) / len(files))
        out["database_total_bytes"] = size
        base = engine
    assert store is not None and base is not None
    counts = store.counts()
    out["rows"] = counts

    # single re-analyses with a cold engine and a warm database
    cold = _fresh_engine(base, store)
    reads: list[float] = []
    analyses: list[float] = []
    for file in files[: min(len(files), 15)]:
        t0 = time.perf_counter()
        document = cold.read(file)
        t1 = time.perf_counter()
        cold.analyze(document)
        t2 = time.perf_counter()
        reads.append(t1 - t0)
        analyses.append(t2 - t1)
        characters.append(len(document.text))
    out["reanalysis"] = {
        "read_median_s": round(statistics.median(reads), 3),
        "analyze_median_s": round(statistics.median(analyses), 3),
        "analyze_max_s": round(max(analyses), 3),
        "characters_median": int(statistics.median(characters)),
        "model_loaded": cold.embedder.loaded,
    }

    latencies: dict[str, Any] = {}
    every: list[float] = []
    for query in QUERIES:
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            hits = store.search(query, limit=50)
            times.append(time.perf_counter() - t0)
        every += times
        latencies[query] = {
            "hits": len(hits),
            "median_ms": round(1000 * statistics.median(times), 2),
        }
    out["search"] = {
        "median_ms": round(1000 * statistics.median(every), 2),
        "p95_ms": round(1000 * _percentile(every, 0.95), 2),
        "queries": latencies,
    }
    t0 = time.perf_counter()
    rows = store.portfolio()
    out["portfolio_query_ms"] = round(1000 * (time.perf_counter() - t0), 1)
    out["portfolio_rows"] = len(rows)
    store.close()
    if args.keep:
        print(f"databases kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)

    print(json.dumps(out, indent=2))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
