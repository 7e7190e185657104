"""Web latency under load: 20 concurrent clients, a fixed number of requests, loopback only.

Starts the site (`csc-inspections serve`, one process unless --workers) on 127.0.0.1 over
a database of the whole shared corpus, warms it with one request per page kind, then sends
a fixed, seeded mix of LA pages, comparisons and searches from concurrent clients and reports
p50 / p95 / max per page kind. Builds the database first unless --db names an existing one.

    python benchmarks/web_load.py [--db FILE] [--shared ../shared] [--requests 600] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx2 as httpx

from csc_inspections.ingest import ingest
from csc_inspections.store import read
from csc_inspections.store.db import connect

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only: this never talks to another machine
TERMS = (
    '"management oversight"', "supervision", "exploitation", '"care leavers"', "permanence",
    "adopt*", "neglect", '"child protection plans"', "sufficiency", "placements", "MASH",
    '"return home interviews"', "leaders AND workforce", '"staying put"', "pre-proceedings",
)  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def plan(db: str, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """n requests, a third each of LA pages, comparisons and searches, in a seeded order."""
    rng = random.Random(seed)
    rows = read.history(connect(db, create=False))
    by_la: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        if r["urn"]:
            by_la[int(r["urn"])].append(int(r["inspection_id"]))
    urns = sorted(by_la)
    pairs = sorted((urn, ids) for urn, ids in by_la.items() if len(ids) > 1)
    out = []
    for n_ in range(n):
        kind = ("la", "compare", "search")[n_ % 3]
        if kind == "la":
            out.append((kind, f"/la/{rng.choice(urns)}"))
        elif kind == "compare":
            urn, ids = rng.choice(pairs)
            a, b = rng.sample(ids, 2)
            out.append((kind, f"/la/{urn}/compare?a={a}&b={b}"))
        else:
            out.append((kind, "/search?" + httpx.QueryParams({"q": rng.choice(TERMS)}).__str__()))
    rng.shuffle(out)
    return out


async def run(base: str, requests: list[tuple[str, str]], clients: int) -> dict[str, list[float]]:
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in requests:
        queue.put_nowait(item)
    times: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while not queue.empty():
                kind, url = queue.get_nowait()
                start = time.perf_counter()
                response = await http.get(url)
                times[kind].append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {url}")

    await asyncio.gather(*(client() for _ in range(clients)))
    if failures:
        print(f"{len(failures)} failed requests, e.g. {failures[:3]}", file=sys.stderr)
    return times


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped")
        try:
            if httpx.get(base + "/about", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    sys.exit("the server did not start")


def report(times: dict[str, list[float]], wall: float, clients: int) -> None:
    total = sum(len(t) for t in times.values())
    print(f"{total} requests in {wall:.1f} s ({total / wall:.0f} per second), {clients} clients")
    print(f"{'page':10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in ("la", "compare", "search"):
        t = sorted(times[kind])
        p95 = statistics.quantiles(t, n=20)[-1]
        print(f"{kind:10} {len(t):5d} {statistics.median(t):8.0f} {p95:8.0f} {t[-1]:8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database of the corpus (else one is built)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "corpus.db")
        ingest(connect(db), [corpus / "reports", corpus / "letters"], workers=2)
    requests = plan(db, args.requests)
    port = free_port()
    base = f"http://{HOST}:{port}"
    command = [
        sys.executable,
        "-m",
        "csc_inspections",
        "--db",
        db,
        "serve",
        "--corpus",
        str(corpus),
    ]
    command += ["--host", HOST, "--port", str(port), "--workers", str(args.workers)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base, server)
        for kind in ("la", "compare", "search"):  # warm the caches once per page kind
            httpx.get(base + next(url for k, url in requests if k == kind), timeout=60)
        start = time.perf_counter()
        times = asyncio.run(run(base, requests, args.clients))
        report(times, time.perf_counter() - start, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
