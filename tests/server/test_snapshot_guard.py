"""Nothing served unchecked, nothing acknowledged and lost (issue 9, items 8, 9, 11, 12):
snapshots verified against their hashes, workers serving the server's verified store,
worker start failures retried and shown on /health, durable updates, clear 5xx."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from kyotei.graph.publish.snapshot import SnapshotError
from kyotei.server.app import create_app
from kyotei.server.protocol import graph_store
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot
from tests.server.conftest import copy_fixture_snapshot

TOKEN = "guard-token"  # noqa: S105
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_ID = "20260102T000000000000Z-f1c7e0a002"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ADDED = "<http://example.org/new> <http://example.org/p> 'added' ."
INSERT = "INSERT DATA { <http://example.org/new> <http://example.org/p> 'added' }"


def publish(build_dir: Path, snapshot_id: str = NEW_ID) -> Path:
    """A new snapshot (the fixture plus one triple), hashed and made CURRENT."""
    target = copy_fixture_snapshot(build_dir / "snapshots", snapshot_id,
                                   "http://example.org/graph/new", ADDED)
    (build_dir / "CURRENT.tmp").write_text(snapshot_id + "\n")
    (build_dir / "CURRENT.tmp").replace(build_dir / "CURRENT")
    return target


@contextmanager
def client(snapshot_dir: Path, build_dir: Path | None = None, **overrides: Any
           ) -> Iterator[TestClient]:
    values: dict[str, Any] = {"workers": 1, "watch_interval_s": 0, "update_token": TOKEN,
                              "query_timeout_s": 10.0, "queue_timeout_s": 10.0,
                              "build_dir": build_dir}
    settings = ServerSettings(**{**values, **overrides})
    edits = None
    if build_dir is not None:
        from kyotei.graph.publish.edits import EditLog
        edits = EditLog(build_dir / "edits")
    state = ServingState(load_snapshot(snapshot_dir, edits=edits))
    with TestClient(create_app(settings, state)) as test_client:
        yield test_client


def count(test_client: TestClient) -> int:
    response = test_client.get("/sparql", params={"query": COUNT})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def wait_for(check: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def health(test_client: TestClient) -> dict[str, Any]:
    body: dict[str, Any] = test_client.get("/health").json()
    return body


# --- item 8: verified snapshots ----------------------------------------------------------


def test_a_truncated_snapshot_is_refused_and_the_old_one_serves(
        build_dir: Path, snapshot_dir: Path) -> None:
    with client(snapshot_dir, build_dir, watch_interval_s=0.1) as c:
        wait_for(lambda: health(c)["status"] == "ok", "a ready worker")
        before = health(c)
        assert before["snapshot"] == snapshot_dir.name and before["verified"] is True
        assert before["workers"][snapshot_dir.name]["ready"] == 1
        assert count(c) == 220
        new = publish(build_dir)
        whole = (new / "asserted.trig").read_bytes()
        (new / "asserted.trig").write_bytes(whole[: len(whole) // 3])
        wait_for(lambda: health(c)["refused"] is not None, "the refusal")
        after = health(c)
        assert after["snapshot"] == snapshot_dir.name
        assert after["status"] == "degraded"
        assert after["refused"]["id"] == NEW_ID
        assert "asserted.trig: sha256" in after["refused"]["reason"]
        assert "the file was cut or changed" in after["problems"][0]
        assert count(c) == 220
        good = "20260103T000000000000Z-f1c7e0a003"
        publish(build_dir, good)
        wait_for(lambda: health(c)["snapshot"] == good, "the next good snapshot")
        wait_for(lambda: health(c)["status"] == "ok", "the old pool to retire")
        assert health(c)["refused"] is None
        assert count(c) == 221


def test_a_snapshot_failing_verification_is_never_loaded(snapshot_dir: Path) -> None:
    (snapshot_dir / "inferred.nt").write_text("")
    with pytest.raises(SnapshotError, match=r"inferred\.nt: sha256"):
        load_snapshot(snapshot_dir)


# --- item 9: every worker serves the verified store ----------------------------------------


def test_workers_serve_the_verified_data_after_the_files_change(
        build_dir: Path, snapshot_dir: Path) -> None:
    with client(snapshot_dir, build_dir) as c:
        assert count(c) == 220
        runtime = c.app.state.runtime  # type: ignore[attr-defined]
        (snapshot_dir / "asserted.trig").write_text("<http://x> <http://y> <http://z> .\n")
        (snapshot_dir / "inferred.nt").unlink()
        for pid in runtime.engine.worker_pids(runtime.serving.current()):
            os.kill(pid, signal.SIGKILL)  # the respawned worker must not read the files
        response = c.get("/sparql", params={"query": COUNT})
        assert response.status_code == 500 and "SIGKILL" in response.text
        wait_for(lambda: health(c)["workers"][snapshot_dir.name]["ready"] == 1, "a respawn")
        assert count(c) == 220
        store = c.get("/store", params={"default": ""}, headers={"Accept": "text/turtle"})
        assert store.status_code == 200


def test_a_worker_that_cannot_start_is_retried_and_shown(build_dir: Path,
                                                         snapshot_dir: Path) -> None:
    with client(snapshot_dir, build_dir) as c:
        assert count(c) == 220
        runtime = c.app.state.runtime  # type: ignore[attr-defined]
        private = Path(runtime.serving.current().source.store)
        hidden = private.with_name("hidden")
        private.rename(hidden)
        for pid in runtime.engine.worker_pids(runtime.serving.current()):
            os.kill(pid, signal.SIGKILL)
        assert c.get("/sparql", params={"query": COUNT}).status_code == 500
        wait_for(lambda: health(c)["workers"][snapshot_dir.name]["failing_starts"] >= 2,
                 "two failed starts")
        report = health(c)
        assert report["status"] == "degraded"
        assert report["workers"][snapshot_dir.name]["ready"] == 0
        assert "cannot open the store" in report["workers"][snapshot_dir.name]["last_error"]
        assert any("fail to start" in p for p in report["problems"])
        refused = c.get("/sparql", params={"query": COUNT})
        assert refused.status_code == 503 and "Retry-After" in refused.headers
        hidden.rename(private)  # the store is back: the next retry succeeds
        wait_for(lambda: health(c)["status"] == "ok", "the retry to succeed")
        assert count(c) == 220


# --- item 12: clear 5xx ------------------------------------------------------------------


def test_a_timeout_503_carries_retry_after(snapshot_dir: Path) -> None:
    with client(snapshot_dir, query_timeout_s=1.0) as c:
        response = c.get("/sparql", params={"query": ENDLESS})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "1"
        assert "time limit of 1 s" in response.text


def test_a_crash_500_names_the_signal(snapshot_dir: Path) -> None:
    with client(snapshot_dir, query_timeout_s=30.0) as c:
        runtime = c.app.state.runtime  # type: ignore[attr-defined]
        replies: dict[str, httpx.Response] = {}
        thread = threading.Thread(target=lambda: replies.setdefault(
            "r", c.get("/sparql", params={"query": ENDLESS})))
        thread.start()
        wait_for(lambda: runtime.engine.in_flight == 1, "the query to start")
        time.sleep(0.2)
        for pid in runtime.engine.worker_pids(runtime.serving.current()):
            os.kill(pid, signal.SIGSEGV)
        thread.join(30)
        assert replies["r"].status_code == 500
        assert "killed by signal SIGSEGV" in replies["r"].text
        assert "exit code None" not in replies["r"].text


# --- item 11: durable updates ------------------------------------------------------------


def test_updates_are_kept_and_replayed_after_a_restart_and_on_a_new_build(
        build_dir: Path, snapshot_dir: Path) -> None:
    with client(snapshot_dir, build_dir) as c:
        response = c.post("/sparql", data={"update": INSERT}, headers=AUTH)
        assert response.status_code == 200, response.text
        assert "kept (edit 000001)" in response.text
        assert count(c) == 221
        delete = "DELETE DATA { <http://example.org/new> <http://example.org/p> 'added' }"
        assert c.post("/sparql", data={"update": delete}, headers=AUTH).status_code == 200
        assert count(c) == 220
        assert c.post("/sparql", data={"update": INSERT}, headers=AUTH).status_code == 200
    kept = sorted(p.name for p in (build_dir / "edits").iterdir())
    assert kept == ["000001", "000002", "000003"]
    assert (build_dir / "edits" / "000001" / "added.nq").read_text().count("\n") == 1
    with client(snapshot_dir, build_dir) as c:  # a restart: the edits are replayed
        assert count(c) == 221
        assert health(c)["edits"] == {"replayed": 3, "conflicts": [],
                                      "kept_in": str(build_dir / "edits")}
    new = publish(build_dir)  # a build that already has the added statement
    with client(new, build_dir) as c:
        assert count(c) == 221
        conflicts = health(c)["edits"]["conflicts"]
        assert conflicts == [  # 000002 removes it again, so 000003 adds it cleanly
            "edit 000001: 0 removed statement(s) not in the build, 1 added statement(s) "
            "already in it"]


def test_updates_are_refused_when_they_cannot_be_kept(snapshot_dir: Path) -> None:
    with client(snapshot_dir, None) as c:
        response = c.post("/sparql", data={"update": INSERT}, headers=AUTH)
        assert response.status_code == 403
        assert "no build folder to keep them" in response.text
        assert count(c) == 220


def test_an_update_that_cannot_be_kept_is_not_applied(build_dir: Path,
                                                      snapshot_dir: Path) -> None:
    (build_dir / "edits").write_text("a file where the edits folder should be")
    with client(snapshot_dir, build_dir) as c:
        response = c.post("/sparql", data={"update": INSERT}, headers=AUTH)
        assert response.status_code == 503
        assert "the update was not applied: it could not be kept" in response.text
        assert count(c) == 220
        assert health(c)["snapshot"] == snapshot_dir.name
        assert not list((Path(c.app.state.runtime.scratch())).iterdir())  # type: ignore[attr-defined]


def test_store_folders_of_dead_servers_are_swept(tmp_path: Path) -> None:
    from kyotei.server.state import sweep_abandoned

    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = tmp_path / f"kyotei-stores-{gone.pid}-abc"
    alive = tmp_path / f"kyotei-stores-{os.getppid()}-def"
    mine = tmp_path / f"kyotei-stores-{os.getpid()}-ghi"
    other = tmp_path / "kyotei-stores-notapid-x"
    for folder in (dead, alive, mine, other):
        (folder / "store").mkdir(parents=True)
    assert sweep_abandoned(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (alive, mine, other))


def test_a_download_is_checked_against_its_hash_when_served(
        snapshot_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Downloads re-read the snapshot's files (then keep the verified bytes): a file changed
    since loading is never served."""
    # The process-wide cache keeps other tests' downloads of this fixture snapshot: start empty.
    monkeypatch.setattr(graph_store, "_CACHE", graph_store._Cache())
    with client(snapshot_dir) as c:
        (snapshot_dir / "inferred.nt").write_text("<http://x> <http://y> <http://z> .\n")
        (snapshot_dir / "asserted.trig").write_text("<http://x> <http://y> <http://z> .\n")
        for name in ("kyotei-inferred.nt", "kyotei.nq"):
            response = c.get(f"/downloads/{name}")
            assert response.status_code == 503, (name, response.text)
            assert "changed since the snapshot was verified" in response.text
            assert response.headers["retry-after"] == "10"
        assert count(c) == 220  # queries still answer from the verified store
