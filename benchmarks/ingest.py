"""Ingest benchmark: load every CUAD contract (.pdf, .txt) with ``clause_library.ingest.load``.

    python benchmarks/ingest.py --data ../shared/cuad-dev [--limit N] [--no-memory]

Reports PDF pages/s, text characters/s, failures grouped by message, the slowest files and peak
memory; also segmentation time when :func:`clause_library.segment.segment` exists. CUAD (The
Atticus Project, CC BY 4.0) is read from the folder given; nothing from it is written anywhere.

Timings come from a first pass without allocation tracing (tracemalloc slows Python code
several-fold); a second pass with tracemalloc measures the peak Python heap per file.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clause_library.errors import DocumentError
from clause_library.ingest import load


@dataclass
class Totals:
    files: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    pages: int = 0
    chars: int = 0
    segment_seconds: float = 0.0
    segmented: int = 0
    failures: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    times: list[tuple[float, str, int]] = field(default_factory=list)


def contract_files(data: Path, limit: int | None) -> list[Path]:
    """The contracts under ``data``: ``contracts/`` (the dev split) or ``data/contracts/``."""
    for folder in (data / "contracts", data / "data" / "contracts", data):
        files = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".pdf", ".txt"))
        if files:
            break
    else:
        raise SystemExit(f"no .pdf or .txt files under {data}")
    if limit is not None:
        stems = sorted({p.stem for p in files})[:limit]
        files = [p for p in files if p.stem in set(stems)]
    return files


def find_segmenter() -> Callable[[Any], Any] | None:
    try:
        from clause_library.segment import segment  # optional: may not exist yet
    except ImportError:
        return None
    return segment


def rss_mb() -> float:
    """Current resident set size (Linux /proc), to see whether memory grows across files."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return float("nan")
    return pages * resource.getpagesize() / 1_048_576


def group_message(exc: BaseException) -> str:
    """The message without the file name, so identical failures group together; anything but a
    DocumentError is flagged as a bug."""
    if isinstance(exc, DocumentError):
        return f"{type(exc).__name__}: {str(exc).split(': ', 1)[-1]}"
    return f"BUG {type(exc).__name__}: {exc}"


def timed_pass(files: list[Path], segmenter: Callable[[Any], Any] | None) -> tuple[Totals, Totals]:
    pdf, txt = Totals(), Totals()
    rss_early = float("nan")
    for n, path in enumerate(files, 1):
        totals = pdf if path.suffix.lower() == ".pdf" else txt
        totals.files += 1
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            document = load(path)
        except Exception as exc:  # a non-DocumentError is a bug; report it, keep going
            totals.failures[group_message(exc)].append(path.name)
            continue
        elapsed = time.perf_counter() - wall
        totals.seconds += elapsed
        totals.cpu += time.process_time() - cpu
        totals.chars += len(document.text)
        pages = document.page_count or 0
        totals.pages += pages
        totals.times.append((elapsed, path.name, pages))
        if segmenter is not None:
            started = time.perf_counter()
            try:
                segmenter(document)
            except Exception as exc:
                totals.failures[f"segment: {group_message(exc)}"].append(path.name)
            else:
                totals.segment_seconds += time.perf_counter() - started
                totals.segmented += 1
        del document
        if n == min(20, len(files)):
            gc.collect()
            rss_early = rss_mb()
    gc.collect()
    print(
        f"resident memory after the first {min(20, len(files))} files: {rss_early:.0f} MB, "
        f"after all {len(files)}: {rss_mb():.0f} MB (a rise tracking the largest file is the "
        "allocator's high-water mark; a steady climb would be a leak)"
    )
    return pdf, txt


def memory_pass(files: list[Path]) -> tuple[float, str]:
    """Largest tracemalloc peak of a single load, and its file."""
    tracemalloc.start()
    worst, worst_name = 0, ""
    try:
        for path in files:
            tracemalloc.reset_peak()
            try:
                document = load(path)
            except Exception:
                continue
            peak = tracemalloc.get_traced_memory()[1]
            if peak > worst:
                worst, worst_name = peak, path.name
            del document
    finally:
        tracemalloc.stop()
    return worst / 1_048_576, worst_name


def report(label: str, totals: Totals) -> None:
    if not totals.files:
        return
    loaded = totals.files - sum(
        len(v) for k, v in totals.failures.items() if not k.startswith("segment")
    )
    print(
        f"\n== {label}: {totals.files} files, {loaded} loaded in {totals.seconds:.2f}s "
        f"(CPU {totals.cpu:.2f}s)"
    )
    if totals.pages:
        print(
            f"   pages: {totals.pages}  ->  {totals.pages / max(totals.seconds, 1e-9):.0f} pages/s "
            f"({totals.pages / max(totals.cpu, 1e-9):.0f} pages per CPU second)"
        )
    rate = totals.chars / max(totals.seconds, 1e-9)
    print(f"   text: {totals.chars:,} chars  ->  {rate:,.0f} chars/s")
    if totals.segmented:
        print(
            f"   segmentation: {totals.segmented} documents in {totals.segment_seconds:.2f}s "
            f"({totals.chars / max(totals.segment_seconds, 1e-9):,.0f} chars/s)"
        )
    print("   slowest:")
    for elapsed, name, pages in sorted(totals.times, reverse=True)[:10]:
        extra = f", {pages} pages" if pages else ""
        print(f"     {elapsed:7.3f}s  {name}{extra}")
    if totals.failures:
        print("   failures:")
        for message, names in sorted(totals.failures.items(), key=lambda kv: -len(kv[1])):
            shown = ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")
            print(f"     {len(names):4d} x {message}\n            {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the cuad-dev folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N contracts")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = parser.parse_args(argv)

    files = contract_files(args.data, args.limit)
    segmenter = find_segmenter()
    if files:  # warm imports so the first file is not charged for them
        try:
            load(files[0])
        except DocumentError:
            pass
    pdf, txt = timed_pass(files, segmenter)
    report("PDF", pdf)
    report("TXT", txt)
    if segmenter is None:
        print("\n(segmentation skipped: clause_library.segment.segment not available)")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory (ru_maxrss): {maxrss:.0f} MB")
    if not args.no_memory:
        peak, name = memory_pass(files)
        print(f"tracemalloc peak of one load: {peak:.1f} MB ({name})")
    bugs = [k for t in (pdf, txt) for k in t.failures if "BUG " in k]
    return 1 if bugs else 0


if __name__ == "__main__":
    raise SystemExit(main())
