"""Speed and memory: the full ingest against raw pypdfium2 text extraction of the same files.

Baseline: open every PDF of the corpus with pypdfium2 and extract the text of every page, in
one process. Then `csc-inspections ingest` of the same files into a fresh database, with one
worker and with two. Peak memory is the largest resident set of any process of the ingest.

The speed of this machine drifts by a tenth from one minute to the next, so the three are
measured in rounds, each ingest against the raw extraction of its own round, and the median
of the rounds' ratios is the figure (every round is printed too).

    .venv/bin/python benchmarks/speed.py [--shared ../shared] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]


def raw_extraction(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_bounded()
            textpage.close()
            page.close()
        doc.close()
    return time.perf_counter() - start


def timed_ingest(folders: list[Path], workers: int) -> tuple[float, float]:
    """(seconds, peak RSS in MB of any process of the ingest), in a child process of its own."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=False, capture_output=True)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-m",
            "csc_inspections",
            "--db",
            f"{tmp}/speed.db",
            "ingest",
            *map(str, folders),
            "--workers",
            str(workers),
        ]
        out = subprocess.run(
            [sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True
        ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    folders = [args.shared / "corpus" / "reports", args.shared / "corpus" / "letters"]
    files = sorted(p for f in folders for p in f.rglob("*.pdf"))
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, pypdfium2 {version('pypdfium2')}"
    )
    print(f"files: {len(files)} PDFs ({sum(p.stat().st_size for p in files) / 2**20:.0f} MiB)")
    raw_extraction(files)  # warm the page cache so every run reads from memory
    ones, twos, mem = [], [], []
    for n in range(1, args.rounds + 1):
        raw = raw_extraction(files)
        one, mem_one = timed_ingest(folders, 1)
        two, mem_two = timed_ingest(folders, 2)
        ones.append(one / raw)
        twos.append(two / raw)
        mem += [mem_one, mem_two]
        print(
            f"round {n}: raw {raw:.1f} s; ingest --workers 1 {one:.1f} s = {one / raw:.2f}x, "
            f"peak RSS {mem_one:.0f} MB; --workers 2 {two:.1f} s = {two / raw:.2f}x, "
            f"peak RSS {mem_two:.0f} MB (largest single process)"
        )
    print(f"median: ingest --workers 1 = {statistics.median(ones):.2f}x raw single-process")
    print(f"median: ingest --workers 2 = {statistics.median(twos):.2f}x raw single-process")
    print(f"peak RSS of any ingest process: {max(mem):.0f} MB")
    print(
        f"self peak RSS (raw extraction): "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
