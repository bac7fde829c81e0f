"""Quality and speed of the product on CUAD, scored the way ../shared/tools/cuad_score.py does.

    python benchmarks/cuad.py --data ../shared/cuad-dev [--limit N] [--top K] [--out DIR]

Runs the real engine (the same calls as ``clause-review analyze --candidates K``) on every
contract's .txt, writes predictions in the scorer's format — for every clause type with a CUAD
counterpart, its K best-scoring places and up to K overlapping alternatives, each flagged
when it passes the type's threshold — runs
the reference scorer, and reports its numbers per category and pooled, plus contracts per minute.

The shipped calibration was fitted on this same split, so these figures are optimistic for the
linear probes; ``benchmarks/fit_cuad.py`` prints cross-validated figures that estimate a held-out
split. CUAD: The Atticus Project, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cuad import YES_NO_CATEGORIES, NpzCache, contracts, scorer_predictions

from clause_library.embed import Embedder
from clause_library.engine import Engine
from clause_library.report import candidate_list


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("/tmp/cuad-benchmark"))
    parser.add_argument(
        "--cache", type=Path, help="reuse embeddings across runs (an .npz folder); off by default"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cache = NpzCache(args.cache) if args.cache else None
    started = time.time()
    engine = Engine(embedder=Embedder(cache=cache))
    engine.embedder.warm_up()
    loaded = time.time()
    print(f"model loaded in {loaded - started:.1f} s")
    predictions = args.out / "predictions.jsonl"
    n = 0
    with open(predictions, "w", encoding="utf-8") as handle:
        for contract in contracts(args.data, args.limit):
            review = engine.review_file(contract.txt, "auto")
            thresholds = {t.id: review.analysis.calibration.threshold(t.id) for t in engine.library}
            candidates = candidate_list(review, args.top)
            for candidate in candidates:
                candidate["flagged"] = candidate["score"] >= thresholds[candidate["clause_id"]]
            rows = scorer_predictions(candidates)
            handle.write(json.dumps({"id": contract.id, "predictions": rows}) + "\n")
            n += 1
            if n % 25 == 0:
                print(
                    f"  {n} contracts, {n / (time.time() - loaded) * 60:.1f} per minute", flush=True
                )
    elapsed = time.time() - loaded
    if cache is not None:
        cache.save()
    labels = args.data / "labels.jsonl"
    if args.limit is not None:
        # score only the contracts that were run, or the others count as missed
        subset = args.out / "labels.jsonl"
        with open(labels, encoding="utf-8") as src, open(subset, "w", encoding="utf-8") as dst:
            dst.writelines(line for _, line in zip(range(n), src, strict=False))
        labels = subset
    scorer = args.data.resolve().parent / "tools" / "cuad_score.py"
    scores = args.out / "scores.json"
    result = subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(labels),
            str(predictions),
            "--categories",
            ",".join(YES_NO_CATEGORIES),
            "--json",
            str(scores),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout)
    print(
        f"{n} contracts in {elapsed:.0f} s after loading: {n / elapsed * 60:.1f} contracts/minute"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
