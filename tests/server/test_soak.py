"""A bounded soak test (issue 9, "Done when"): 1,000 mixed queries from 20 clients while
10 snapshots are swapped in through ``/admin/reload``, one worker is killed with SIGKILL and
one truncated snapshot is offered, against a real uvicorn server on loopback.

What must hold: every query is answered (nothing lost), with 200 or a documented status
(429 or 503 with ``Retry-After``; 500 naming SIGKILL for the query the killed worker held);
every answer comes from a verified snapshot (its marker triple is one of the good swaps',
never the truncated one's, and a client never sees an older snapshot after a newer one);
``/health`` always answers 200; at the end the last good swap serves. ``/health``'s
latencies are printed (run with ``-s``), not asserted: speed is a benchmark's business.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI

from kyotei.graph.publish.snapshot import Snapshot
from kyotei.server.app import create_app
from kyotei.server.pages.gallery import examples, with_prologue
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot
from tests.server.conftest import BASE_IRI, LiveServer, copy_fixture_snapshot, running

pytestmark = pytest.mark.slow

TOKEN = "soak-token"  # noqa: S105
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CLIENTS = 20
QUERIES = 1_000
SWAPS = 10
PHASE = -(-QUERIES // (SWAPS + 1))  # queries before the first swap, between two, after the last
KILL_AFTER_SWAP = 4
TRUNCATED_AFTER_SWAP = 7
TRUNCATED_MARKER = 75
BOUND_S = 110.0  # every loop stops by then; the test fails if the work is not done
FIXTURE_TRIPLES = 220  # the fixture snapshot's triples (tests/server/fixtures/build)
SOAK = "http://example.org/soak"
SWAP = "http://example.org/swap"

MARKER = f"SELECT ?m WHERE {{ OPTIONAL {{ <{SOAK}> <{SWAP}> ?m }} }}"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ASK_TRUNCATED = f"ASK {{ <{SOAK}> <{SWAP}> {TRUNCATED_MARKER} }}"
CONSTRUCT = f"CONSTRUCT {{ <{SOAK}> <{SWAP}> ?m }} WHERE {{ <{SOAK}> <{SWAP}> ?m }}"
KINDS = ("marker", "count", "ask", "construct", "gallery")


def snapshot_id(marker: int) -> str:
    """Ids sort by build time: swap n is at 10 n, so the truncated snapshot's (marker 75)
    falls between swaps 7 and 8."""
    rank = marker if marker == TRUNCATED_MARKER else marker * 10
    return f"20260301T{rank:012d}Z-50a4{rank:06d}"


def publish(snapshots: Path, marker: int, *, truncate: bool = False) -> Snapshot:
    """The fixture snapshot plus the triple ``<soak> <swap> marker``, hashed as a build
    writes it; ``truncate`` then cuts ``asserted.trig`` to a third, after hashing."""
    target = copy_fixture_snapshot(snapshots, snapshot_id(marker),
                                   "http://example.org/graph/soak", f"<{SOAK}> <{SWAP}> {marker} .")
    if truncate:
        whole = (target / "asserted.trig").read_bytes()
        (target / "asserted.trig").write_bytes(whole[: len(whole) // 3])
    return Snapshot.open(target)


@dataclass
class Outcome:
    ok: bool
    message: str
    snapshot: Snapshot | None


@dataclass
class Rebuild:
    """The rebuild ``/admin/reload`` runs: publishes the snapshot ``next`` names."""

    snapshots: Path
    next: tuple[int, bool] = (0, False)

    def __call__(self) -> Outcome:
        marker, truncate = self.next
        return Outcome(True, f"soak swap {marker}",
                       publish(self.snapshots, marker, truncate=truncate))


@dataclass
class Record:
    """What the soak saw, filled by the threads (each appends under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    markers: Counter[int | None] = field(default_factory=Counter)
    health_ms: list[float] = field(default_factory=list)
    done: int = 0
    next_job: int = 0
    swaps: int = 0

    def take(self, deadline: float) -> int | None:
        """The next query's number; queries of phase n (one of 11, ~91 queries each) wait
        for swap n, so every snapshot serves some and each swap has queries in flight."""
        while time.monotonic() < deadline:
            with self.lock:
                if self.next_job >= QUERIES:
                    return None
                if self.next_job // PHASE <= self.swaps:
                    self.next_job += 1
                    return self.next_job - 1
            time.sleep(0.01)
        return None

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)


def _marker_of(kind: str, response: httpx.Response, gallery: Any) -> tuple[int | None, str]:
    """The swap marker the answer shows (None: the fixture, no marker) and any problem."""
    if kind == "marker":
        binding = response.json()["results"]["bindings"][0]
        return (int(binding["m"]["value"]) if "m" in binding else None), ""
    if kind == "count":
        n = int(response.json()["results"]["bindings"][0]["n"]["value"])
        return None, "" if n in (FIXTURE_TRIPLES, FIXTURE_TRIPLES + 1) else f"count {n}"
    if kind == "ask":
        return None, "the truncated snapshot's marker" if response.json()["boolean"] else ""
    if kind == "construct":
        triples = list(ox.parse(response.content, ox.RdfFormat.N_TRIPLES))
        if len(triples) > 1:
            return None, f"{len(triples)} marker triples"
        obj = triples[0].object if triples else None
        return (int(obj.value) if isinstance(obj, ox.Literal) else None), ""
    bindings = response.json()["results"]["bindings"]
    return None, "" if bindings == gallery else "the gallery query's answer changed"


def _ask(client: httpx.Client, kind: str, gallery_text: str) -> httpx.Response:
    if kind == "construct":
        return client.get("/sparql", params={"query": CONSTRUCT},
                          headers={"Accept": "application/n-triples"})
    text = {"marker": MARKER, "count": COUNT, "ask": ASK_TRUNCATED,
            "gallery": gallery_text}[kind]
    if kind == "gallery":  # a POST, as the query page sends a long query
        return client.post("/sparql", data={"query": text},
                           headers={"Accept": "application/sparql-results+json"})
    return client.get("/sparql", params={"query": text},
                      headers={"Accept": "application/sparql-results+json"})


def client_loop(url: str, record: Record, good: set[int | None], gallery_text: str,
                gallery: Any, deadline: float) -> None:
    """Take jobs until the 1,000 are gone; check each answer; keep this client's markers
    monotonic (a later query never sees an older snapshot)."""
    last = -1
    with httpx.Client(base_url=url, timeout=60) as client:
        while (job := record.take(deadline)) is not None:
            kind = KINDS[job % len(KINDS)]
            try:
                response = _ask(client, kind, gallery_text)
            except httpx.HTTPError as error:
                record.problem(f"{kind}: no answer ({error!r})")
                continue
            status = response.status_code
            with record.lock:
                record.statuses[(kind, status)] += 1
                record.done += 1
            if status in (429, 503):
                if "Retry-After" not in response.headers:
                    record.problem(f"{kind}: {status} without Retry-After")
                time.sleep(0.2)
                continue
            if status == 500 and "SIGKILL" in response.text:
                continue  # the query the killed worker held; counted and limited below
            if status != 200:
                record.problem(f"{kind}: {status} {response.text[:200]}")
                continue
            marker, problem = _marker_of(kind, response, gallery)
            if problem:
                record.problem(f"{kind}: {problem}")
            if kind in ("marker", "construct"):
                if marker not in good:
                    record.problem(f"{kind}: marker {marker} from no good snapshot")
                rank = -1 if marker is None else marker
                if rank < last:
                    record.problem(f"{kind}: marker {marker} after {last}")
                last = max(last, rank)
                with record.lock:
                    record.markers[marker] += 1


def health_loop(url: str, record: Record, stop: threading.Event, deadline: float) -> None:
    """Sample /health every ~50 ms; each must answer 200 within 5 s."""
    with httpx.Client(base_url=url, timeout=5) as client:
        while not stop.is_set() and time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                response = client.get("/health")
            except httpx.HTTPError as error:
                record.problem(f"/health: no answer in 5 s ({error!r})")
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with record.lock:
                record.health_ms.append(elapsed)
            if response.status_code != 200:
                record.problem(f"/health: {response.status_code}")
            stop.wait(0.05)


def driver(server: LiveServer, rebuild: Rebuild, record: Record, deadline: float,
           killed: list[int]) -> None:
    """Swap in snapshots 1..10 through /admin/reload, paced by the clients' progress; kill a
    worker after swap 4; offer the truncated snapshot after swap 7 (it must be refused)."""
    runtime = server.app.state.runtime
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for swap in range(1, SWAPS + 1):
            while record.done < (swap - 1) * PHASE + PHASE // 2 \
                    and time.monotonic() < deadline:  # half the phase answered, half to go
                time.sleep(0.01)
            rebuild.next = (swap, False)
            response = client.post("/admin/reload", headers=AUTH)
            if response.status_code != 200 or response.json()["snapshot"] != snapshot_id(swap):
                record.problem(f"swap {swap}: {response.status_code} {response.text[:300]}")
            with record.lock:
                record.swaps = swap
            if swap == KILL_AFTER_SWAP:
                pids = runtime.engine.worker_pids(runtime.serving.current())
                if not pids:
                    record.problem("no worker to kill")
                else:
                    os.kill(pids[0], signal.SIGKILL)
                    killed.append(pids[0])
            if swap == TRUNCATED_AFTER_SWAP:
                rebuild.next = (TRUNCATED_MARKER, True)
                refused = client.post("/admin/reload", headers=AUTH)
                health = client.get("/health").json()
                if refused.status_code != 500 or "refused" not in refused.text:
                    record.problem(f"truncated: {refused.status_code} {refused.text[:300]}")
                if health["snapshot"] != snapshot_id(swap) or health["refused"] is None:
                    record.problem(f"truncated: /health says {health}")


@pytest.fixture
def soak_server(tmp_path: Path) -> Iterator[tuple[LiveServer, Rebuild]]:
    fixture = Path(__file__).parent / "fixtures" / "build" / "snapshots"
    snapshots = tmp_path / "snapshots"
    shutil.copytree(fixture, snapshots)
    rebuild = Rebuild(snapshots)
    first = snapshots / "20260101T000000000000Z-f1c7e0a001"

    def make(settings: ServerSettings) -> FastAPI:
        state = ServingState(load_snapshot(first, base_iri=BASE_IRI))
        app: FastAPI = create_app(settings, state, rebuild=rebuild)
        return app

    with running(make, workers=2, update_token=TOKEN, query_timeout_s=20.0) as server:
        httpx.get(server.url + "/health", timeout=10).raise_for_status()
        yield server, rebuild


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_soak(soak_server: tuple[LiveServer, Rebuild]) -> None:
    server, rebuild = soak_server
    gallery_text = with_prologue(examples()[0].body, BASE_IRI)  # as the query page sends it
    baseline = httpx.post(server.sparql, data={"query": gallery_text}, timeout=60,
                          headers={"Accept": "application/sparql-results+json"})
    assert baseline.status_code == 200, baseline.text
    gallery = baseline.json()["results"]["bindings"]
    assert gallery, "the gallery query answers nothing on the fixture"
    good: set[int | None] = {None, *range(1, SWAPS + 1)}
    record, stop = Record(), threading.Event()
    killed: list[int] = []
    deadline = time.monotonic() + BOUND_S
    started = time.monotonic()
    threads = [threading.Thread(target=client_loop, name=f"soak-client-{n}",
                                args=(server.url, record, good, gallery_text, gallery,
                                      deadline)) for n in range(CLIENTS)]
    watcher = threading.Thread(target=health_loop, args=(server.url, record, stop, deadline))
    swapper = threading.Thread(target=driver, args=(server, rebuild, record, deadline, killed))
    for thread in (watcher, swapper, *threads):
        thread.start()
    swapper.join(BOUND_S + 60)
    for thread in threads:
        thread.join(BOUND_S + 60)
    stop.set()
    watcher.join(30)
    final = httpx.get(server.url + "/health", timeout=10).json()
    marker = httpx.get(server.sparql, params={"query": MARKER}, timeout=60,
                       headers={"Accept": "application/sparql-results+json"}).json()

    by_status = Counter(status for (_, status), n in record.statuses.items()
                        for _ in range(n))
    health = record.health_ms
    print(f"\nsoak: {record.done} answers in {time.monotonic() - started:.1f} s; "
          f"by status {dict(sorted(by_status.items()))}; "
          f"by kind and status {dict(sorted(record.statuses.items()))}; "
          f"markers seen {dict(sorted(record.markers.items(), key=lambda i: i[0] or 0))}; "
          f"/health n={len(health)} median {statistics.median(health):.1f} ms "
          f"p99 {_percentile(health, 0.99):.1f} ms max {max(health):.1f} ms; "
          f"killed worker {killed}")
    assert not any(t.is_alive() for t in (swapper, watcher, *threads)), "the soak overran"
    assert record.problems == []
    assert record.done == QUERIES  # nothing lost: every query answered
    assert set(by_status) <= {200, 429, 500, 503}
    assert by_status[500] <= len(killed) == 1  # only the query the killed worker held
    assert all(record.statuses[(kind, 200)] > 0 for kind in KINDS)
    assert set(record.markers) == good  # every snapshot served some answers
    assert health and len(health) >= 10
    assert final["snapshot"] == snapshot_id(SWAPS) and final["verified"] is True
    assert final["refused"] is None  # cleared by the good swaps after the truncated one
    assert marker["results"]["bindings"][0]["m"]["value"] == str(SWAPS)
