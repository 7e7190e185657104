"""Load: 50 clients for 60 s against one server process, on requests mostly nobody made before.

Starts `csc-inspections serve` (one process) on 127.0.0.1 over a database of the whole corpus,
waits until it has built its start pages, then runs `--clients` clients for `--seconds`, each
sending one request after another, drawn at random (seeded) from five kinds:

    la        an LA's page                         (kept after the first visit)
    compare   two of an LA's reports side by side  (about 2,700 pairs: many built on request)
    national  the national picture at a random date since 2009, often a date nobody asked
    search    two random words of the recommendations: a search nobody made before
    api       an LA, its timeline, the stats at a random date, a search, or the reports of an LA

It reports the errors (any answer but 200, any failed connection: there must be none),
requests a second, p50 / p95 / max latency per kind, and the server's memory (resident set
size, read from /proc) every few seconds; the run fails when the second half grows it by 10%
or more, which is what a cache without a bound, or a leak per request, would show. The
client is a small HTTP/1.1 one on kept-alive connections (see `web_load.fetch`), so that it
costs little next to the server it shares the machine with.

    python benchmarks/load.py --db FILE [--shared ../shared] [--clients 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from web_load import HOST, fetch, free_port, search_url, wait_until_up, wait_until_warm

from csc_inspections.store import read
from csc_inspections.store.db import connect

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("la", "compare", "national", "search", "api")
FIRST_DAY = date(2009, 1, 1)
SAMPLE_EVERY = 2.0  # seconds between readings of the server's memory
MAX_GROWTH = 0.10  # of the second half of the run


class Plan:
    """Random requests of each kind, from what the database holds (seeded: runs repeat)."""

    def __init__(self, db: str, seed: int = 13) -> None:
        engine = connect(db, create=False)
        self.rng = random.Random(seed)
        by_la: dict[int, list[int]] = defaultdict(list)
        for r in read.history(engine):
            if r.urn:
                by_la[r.urn].append(r.inspection_id)
        self.urns = sorted(by_la)
        self.pairs = sorted((urn, ids) for urn, ids in by_la.items() if len(ids) > 1)
        texts = (r.text for r in read.recommendations(engine))
        self.words = sorted({w.lower() for t in texts for w in re.findall(r"[A-Za-z]{5,}", t)})
        self.days = (date.today() - FIRST_DAY).days
        engine.dispose()

    def day(self) -> str:
        return (FIRST_DAY + timedelta(days=self.rng.randrange(self.days))).isoformat()

    def words_nobody_searched(self) -> str:
        return " ".join(self.rng.sample(self.words, 2))

    def next(self) -> tuple[str, str]:
        kind = self.rng.choice(KINDS)
        urn = self.rng.choice(self.urns)
        if kind == "la":
            return kind, f"/la/{urn}"
        if kind == "compare":
            urn, ids = self.rng.choice(self.pairs)
            a, b = self.rng.sample(ids, 2)
            return kind, f"/la/{urn}/compare?a={a}&b={b}"
        if kind == "national":
            return kind, f"/national?as_at={self.day()}"
        if kind == "search":
            return kind, search_url(self.words_nobody_searched())
        api = (
            f"/api/las/{urn}",
            f"/api/las/{urn}/timeline",
            f"/api/stats?as_at={self.day()}",
            "/api/search?q=" + self.rng.choice(self.words),
            f"/api/inspections?urn={urn}",
        )
        return kind, self.rng.choice(api)


def rss_mib(pid: int) -> float:
    """The resident set size of a process, from /proc (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(found[1]) / 1024 if found else float("nan")


async def load(
    port: int, plan: Plan, clients: int, seconds: float, pid: int
) -> tuple[dict[str, list[float]], list[str], list[tuple[float, float]]]:
    """Latencies per kind, the errors, and (seconds, RSS MiB) readings of the server."""
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    memory: list[tuple[float, float]] = []
    start = time.perf_counter()
    end = start + seconds

    async def client() -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        while time.perf_counter() < end:
            kind, url = plan.next()
            sent = time.perf_counter()
            try:
                status, _ = await fetch(reader, writer, url)
            except (OSError, RuntimeError, asyncio.IncompleteReadError) as e:
                errors.append(f"{type(e).__name__} {url}")
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            times[kind].append((time.perf_counter() - sent) * 1000)
            if status != 200:
                errors.append(f"{status} {url}")
        writer.close()

    async def watch() -> None:
        while time.perf_counter() < end:
            memory.append((time.perf_counter() - start, rss_mib(pid)))
            await asyncio.sleep(SAMPLE_EVERY)
        memory.append((time.perf_counter() - start, rss_mib(pid)))

    await asyncio.gather(watch(), *(client() for _ in range(clients)))
    return times, errors, memory


def report(
    times: dict[str, list[float]], errors: list[str], memory: list[tuple[float, float]], wall: float
) -> bool:
    """Prints the figures; whether the run passed (no errors, memory levelled off)."""
    total = sum(len(t) for t in times.values())
    print(f"{total} requests in {wall:.1f} s: {total / wall:.0f} a second; {len(errors)} errors")
    for e in errors[:5]:
        print("  e.g.", e)
    print(f"{'kind':10} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in KINDS:
        t = sorted(times[kind])
        if len(t) > 1:
            p95 = statistics.quantiles(t, n=20)[-1]
            print(f"{kind:10} {len(t):6d} {statistics.median(t):8.1f} {p95:8.1f} {t[-1]:8.1f}")
    half = memory[len(memory) // 2][1]
    last = memory[-1][1]
    growth = (last - half) / half
    shown = [*memory[:: max(1, len(memory) // 8)], memory[-1]]
    print("server RSS MiB: " + ", ".join(f"{s:.0f} s {m:.0f}" for s, m in shown))
    print(f"second half: {half:.0f} -> {last:.0f} MiB ({growth:+.1%}; must stay under +10%)")
    return not errors and growth < MAX_GROWTH


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a database of the whole corpus")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    plan = Plan(args.db)
    port = free_port()
    base = f"http://{HOST}:{port}"
    command = [sys.executable, "-m", "csc_inspections", "--db", args.db, "serve", "--warm"]
    command += ["--corpus", str(args.shared / "corpus"), "--host", HOST, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base, server)
        warm = wait_until_warm(base)
        print(f"pages built ahead in {warm:.1f} s; server RSS {rss_mib(server.pid):.0f} MiB")
        print(f"{args.clients} clients for {args.seconds:.0f} s")
        start = time.perf_counter()
        times, errors, memory = asyncio.run(
            load(port, plan, args.clients, args.seconds, server.pid)
        )
        passed = report(times, errors, memory, time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait(timeout=10)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
