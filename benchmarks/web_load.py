"""Web latency under load: 20 concurrent clients, a fixed number of requests, loopback only.

Starts the site (`csc-inspections serve`, one process unless --workers) on 127.0.0.1 over
a database of the whole shared corpus and sends a fixed, seeded mix of LA pages, comparisons
and searches from concurrent clients, twice: the first round is every URL's first visit
since the server started, the second the same URLs again; a third round sends searches for
words no one has searched before. Reports p50 / p95 / max per page kind and round. By
default it first waits until the server has built its pages ahead (`/api/health`: warming
false) and says how long that took; --no-warm serves without building ahead, so the first
round measures pages built on request. Builds the database first unless --db names an
existing one.

    python benchmarks/web_load.py [--db FILE] [--shared ../shared] [--requests 600]
                                  [--clients 20] [--workers 1] [--no-warm]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
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


def new_searches(db: str, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """n searches that no one has made before: distinct words of the stored recommendations,
    so every one is built on request (what most searches are: each reader types their own)."""
    texts = (r.text for r in read.recommendations(connect(db, create=False)))
    words = sorted({w.lower() for t in texts for w in re.findall(r"[A-Za-z]{5,}", t)})
    picked = random.Random(seed).sample(words, n)
    return [("search", search_url(w)) for w in picked]


def search_url(query: str) -> str:
    return "/search?" + str(httpx.QueryParams({"q": query}))


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
        if r.urn:
            by_la[r.urn].append(r.inspection_id)
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
            out.append((kind, search_url(rng.choice(TERMS))))
    rng.shuffle(out)
    return out


async def fetch(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str
) -> tuple[int, bytes]:
    """One GET on a kept-alive HTTP/1.1 connection: a client that costs little next to the
    server (an HTTP library would take much of the second core the server shares)."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length is None:
        raise RuntimeError(f"{url}: the answer has no Content-Length")
    return status, await reader.readexactly(int(length[1]))


async def run(port: int, requests: list[tuple[str, str]], clients: int) -> dict[str, list[float]]:
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in requests:
        queue.put_nowait(item)
    times: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []

    async def client() -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        while not queue.empty():
            kind, url = queue.get_nowait()
            start = time.perf_counter()
            status, _ = await fetch(reader, writer, url)
            times[kind].append((time.perf_counter() - start) * 1000)
            if status != 200:
                failures.append(f"{status} {url}")
        writer.close()

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


def wait_until_warm(base: str) -> float:
    """Seconds until the server says it has built its pages ahead."""
    start = time.perf_counter()
    while httpx.get(base + "/api/health", timeout=10).json()["warming"]:
        time.sleep(0.2)
    return time.perf_counter() - start


def report(label: str, times: dict[str, list[float]], wall: float, clients: int) -> None:
    total = sum(len(t) for t in times.values())
    print(f"{label}: {total} requests in {wall:.1f} s ({total / wall:.0f} per second), "
          f"{clients} clients")  # fmt: skip
    print(f"{'page':10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in ("la", "compare", "search"):
        t = sorted(times[kind])
        if not t:
            continue
        p95 = statistics.quantiles(t, n=20)[-1]
        print(f"{kind:10} {len(t):5d} {statistics.median(t):8.1f} {p95:8.1f} {t[-1]:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database of the corpus (else one is built)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--no-warm", action="store_true", help="serve without building ahead")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "corpus.db")
        ingest(connect(db), [corpus / "reports", corpus / "letters"], workers=2)
    requests = plan(db, args.requests)
    port = free_port()
    base = f"http://{HOST}:{port}"
    command = [sys.executable, "-m", "csc_inspections", "--db", db, "serve"]
    command += ["--corpus", str(corpus), "--host", HOST, "--port", str(port)]
    command += ["--workers", str(args.workers), "--no-warm" if args.no_warm else "--warm"]
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base, server)
        up = time.perf_counter() - started
        print(f"server up in {up:.1f} s, pages built ahead {wait_until_warm(base):.1f} s later")
        print(httpx.get(base + "/api/health").json())
        rounds = [("first visits", requests), ("visits again", requests)]
        rounds.append(("new searches", new_searches(db, len(requests) // 3)))
        for label, urls in rounds:
            start = time.perf_counter()
            times = asyncio.run(run(port, urls, args.clients))
            report(label, times, time.perf_counter() - start, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
