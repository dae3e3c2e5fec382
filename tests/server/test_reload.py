"""Changing what is served: /admin/reload, a build published by another process, updates;
each an atomic swap that leaves the previous snapshot serving when it fails."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from kyotei.graph.publish.snapshot import Snapshot
from kyotei.server.app import create_app
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot

TOKEN = "reload-token"  # noqa: S105
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_ID = "20260102T000000000000Z-f1c7e0a002"
ASK_NEW = "ASK { <http://example.org/new> <http://example.org/p> 'added by a rebuild' }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def new_snapshot(build_dir: Path, snapshot_id: str = NEW_ID, *, extra: str | None = None,
                 point: bool = False) -> Snapshot:
    """A copy of the fixture snapshot with one more triple, as a build would publish it."""
    source = next((build_dir / "snapshots").iterdir())
    target = build_dir / "snapshots" / snapshot_id
    shutil.copytree(source, target)
    triple = extra or "<http://example.org/new> <http://example.org/p> 'added by a rebuild' ."
    with (target / "asserted.trig").open("a", encoding="utf-8") as out:
        out.write(f"\n<http://example.org/graph/new> {{ {triple} }}\n")
    meta = json.loads((target / "build.json").read_text("utf-8"))
    files = {name: hashlib.sha256((target / name).read_bytes()).hexdigest()
             for name in ("asserted.trig", "inferred.nt", "report.json")}
    (target / "build.json").write_text(json.dumps({**meta, "id": snapshot_id, "files": files}),
                                       "utf-8")
    if point:
        (build_dir / "CURRENT.tmp").write_text(snapshot_id + "\n", "utf-8")
        (build_dir / "CURRENT.tmp").replace(build_dir / "CURRENT")
    return Snapshot.open(target)


@dataclass
class Outcome:
    ok: bool
    message: str
    snapshot: Snapshot | None = None
    validation: Any = None


@dataclass
class Conforms:
    conforms: bool


@dataclass
class FakeBuild:
    """A rebuild callable: returns the outcomes it is given, one per call."""

    outcomes: list[Callable[[], Outcome]]
    calls: int = 0
    started: threading.Event = field(default_factory=threading.Event)

    def __call__(self) -> Outcome:
        self.calls += 1
        self.started.set()
        return self.outcomes.pop(0)()


def _client(snapshot_dir: Path, rebuild: FakeBuild | None, **overrides: Any
            ) -> AbstractContextManager[TestClient]:
    values: dict[str, Any] = {"workers": 1, "watch_interval_s": 0, "update_token": TOKEN}
    settings = ServerSettings(**{**values, **overrides})
    state = ServingState(load_snapshot(snapshot_dir))
    return TestClient(create_app(settings, state, rebuild=rebuild))


def _ask(client: TestClient, query: str = ASK_NEW) -> bool:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def test_reload_swaps_in_the_rebuilt_snapshot(build_dir: Path, snapshot_dir: Path) -> None:
    build = FakeBuild([lambda: Outcome(True, "built", new_snapshot(build_dir, point=True))])
    with _client(snapshot_dir, build) as client:
        assert not _ask(client)
        assert client.post("/admin/reload").status_code == 401
        response = client.post("/admin/reload", headers=AUTH)
        assert response.status_code == 200, response.text
        assert response.json()["snapshot"] == NEW_ID
        assert client.get("/health").json()["snapshot"] == NEW_ID
        assert _ask(client)
    assert build.calls == 1


@pytest.mark.parametrize(
    ("outcome", "status"),
    [(Outcome(False, "SHACL: 2 violations (kyotei:homeParty missing)", None, Conforms(False)),
      422),
     (Outcome(False, "cannot read data/sources/x.txt", None, None), 500)],
)
def test_a_failed_build_leaves_the_old_snapshot_serving(snapshot_dir: Path, outcome: Outcome,
                                                        status: int) -> None:
    with _client(snapshot_dir, FakeBuild([lambda: outcome])) as client:
        before = client.get("/health").json()["snapshot"]
        response = client.post("/admin/reload", headers=AUTH)
        assert response.status_code == status
        assert outcome.message in response.text and before in response.text
        assert client.get("/health").json()["snapshot"] == before
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]


def test_reload_is_refused_read_only_and_without_a_build(snapshot_dir: Path) -> None:
    state = ServingState(load_snapshot(snapshot_dir))
    with TestClient(create_app(ServerSettings(workers=1), state)) as client:
        assert client.post("/admin/reload", headers=AUTH).status_code == 403
    with _client(snapshot_dir, None) as client:
        assert client.post("/admin/reload", headers=AUTH).status_code == 503


def test_a_build_published_by_another_process_is_picked_up(build_dir: Path,
                                                           snapshot_dir: Path) -> None:
    with _client(snapshot_dir, None, build_dir=build_dir, watch_interval_s=0.1) as client:
        assert not _ask(client)
        new_snapshot(build_dir, point=True)
        deadline = time.monotonic() + 30
        while client.get("/health").json()["snapshot"] != NEW_ID:
            assert time.monotonic() < deadline, "the new build was not picked up"
            time.sleep(0.05)
        assert _ask(client)


def test_a_broken_published_build_is_not_served(build_dir: Path, snapshot_dir: Path) -> None:
    with _client(snapshot_dir, None, build_dir=build_dir, watch_interval_s=0.1) as client:
        before = client.get("/health").json()["snapshot"]
        broken = new_snapshot(build_dir, extra="this is not turtle", point=True)
        good_id = "20260103T000000000000Z-f1c7e0a003"
        time.sleep(0.5)  # several polls see the broken one
        assert client.get("/health").json()["snapshot"] == before
        assert broken.id != before
        new_snapshot(build_dir, good_id, point=True)
        deadline = time.monotonic() + 30
        while client.get("/health").json()["snapshot"] != good_id:
            assert time.monotonic() < deadline, "the good build was not picked up"
            time.sleep(0.05)


def test_a_query_in_flight_sees_one_snapshot(build_dir: Path, snapshot_dir: Path,
                                             serve: Callable[..., Any]) -> None:
    """A long query started before a swap answers from the graph it started on."""
    cube = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    snapshot = new_snapshot(build_dir)
    with serve(query_timeout_s=60.0) as server:
        runtime = server.app.state.runtime
        old_size = len(list(runtime.serving.current().store.quads_for_pattern(
            None, None, None, ox.DefaultGraph())))
        answer: dict[str, Any] = {}

        def long_query() -> None:
            reply = httpx.get(server.sparql, params={"query": cube}, timeout=120)
            answer["n"] = int(reply.json()["results"]["bindings"][0]["n"]["value"])

        thread = threading.Thread(target=long_query)
        thread.start()
        deadline = time.monotonic() + 30
        while runtime.engine.in_flight == 0:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        runtime.install(load_snapshot(snapshot.path))
        assert httpx.get(server.url + "/health").json()["snapshot"] == NEW_ID
        thread.join(120)
        after = httpx.get(server.sparql, params={"query": COUNT}).json()
    assert answer["n"] == old_size ** 3
    assert int(after["results"]["bindings"][0]["n"]["value"]) == old_size + 1


def test_a_query_waiting_for_a_worker_of_a_retired_snapshot_is_answered(
    build_dir: Path, serve: Callable[..., Any]
) -> None:
    """One worker, busy with a long query; a second query on the same snapshot waits for it;
    the snapshot is swapped out meanwhile: the second query is still answered, from the
    snapshot it started on, by the retired pool's worker."""
    cube = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    snapshot = new_snapshot(build_dir)
    with serve(workers=1, query_timeout_s=60.0, queue_timeout_s=60.0) as server:
        runtime = server.app.state.runtime
        old_id = runtime.serving.current().id
        replies: dict[str, httpx.Response] = {}

        def ask(name: str, query: str) -> None:
            replies[name] = httpx.get(server.sparql, params={"query": query}, timeout=120)

        threads = [threading.Thread(target=ask, args=("long", cube))]
        threads[0].start()
        deadline = time.monotonic() + 30
        while runtime.engine.in_flight < 1:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        threads.append(threading.Thread(target=ask, args=("queued", COUNT)))
        threads[1].start()
        while runtime.engine.in_flight < 2:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        runtime.install(load_snapshot(snapshot.path))
        for thread in threads:
            thread.join(120)
    assert replies["long"].status_code == 200
    queued = replies["queued"]
    assert queued.status_code == 200, queued.text
    assert queued.headers["kyotei-snapshot"] == old_id
    assert queued.json()["results"]["bindings"][0]["n"]["value"] == "220"


UPDATE = "INSERT DATA { <http://example.org/new> <http://example.org/p> 'added by a rebuild' }"


def test_an_update_is_served_as_a_new_snapshot(build_dir: Path, snapshot_dir: Path) -> None:
    with _client(snapshot_dir, None, build_dir=build_dir) as client:
        before = client.get("/health").json()["snapshot"]
        update = UPDATE
        response = client.post("/sparql", data={"update": update}, headers=AUTH)
        assert response.status_code == 200, response.text
        assert "kept (edit 000001)" in response.text
        now = client.get("/health").json()["snapshot"]
        assert now == f"{before}+u1"
        assert _ask(client)
        bad = client.post("/sparql", data={"update": "INSERT DATA { <a:b> }"}, headers=AUTH)
        assert bad.status_code == 400 and "syntax" in bad.text
        assert client.get("/health").json()["snapshot"] == now
        graph_q = "ASK { GRAPH <https://w3id.org/kyotei/id/graph/inferred> { ?s ?p ?o } }"
        assert _ask(client, graph_q)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYOTEI_QUERY_TIMEOUT_S", "2.5")
    monkeypatch.setenv("KYOTEI_UPDATE_TOKEN", "from-env")
    settings = ServerSettings()
    assert settings.query_timeout_s == 2.5
    assert settings.update_token is not None
    assert settings.update_token.get_secret_value() == "from-env"
    assert "from-env" not in repr(settings)
