"""The snapshot store: complete snapshots, atomic switch, nothing changed by a failed write."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from engine_samples import fixture_dataset
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kyotei.graph.model.namespaces import KYOTEI, ORG
from kyotei.graph.publish import snapshot as snapshot_module
from kyotei.graph.publish.snapshot import Snapshot, SnapshotError, SnapshotStore

BASE = "https://w3id.org/kyotei/id/"
INFERRED = URIRef(BASE + "graph/inferred")
HOME = URIRef(BASE + "institution/jp/0a1b2c3d4e")
SNU = URIRef(BASE + "institution/kr/77aa55cc33")
META = {"base_iri": BASE, "sources": {"a.txt": "00ff"}, "agreements": 4}


def inferred_graph() -> Graph:
    graph = Graph()
    graph.add((HOME, KYOTEI.hasAgreementWith, SNU))
    graph.add((SNU, KYOTEI.hasAgreementWith, HOME))
    graph.add((HOME, ORG.linkedTo, SNU))
    return graph


def write(store: SnapshotStore, report: dict[str, Any] | None = None) -> Snapshot:
    return store.write(fixture_dataset(), inferred_graph(), report or {"summary": {"ok": 1}}, META)


def test_empty_store(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "build")
    assert store.current() is None
    assert store.snapshots() == []
    assert store.prune() == []


def test_write_makes_a_complete_current_snapshot(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    snapshot = write(store, {"summary": {"records": 4}, "when": "2023-09-01"})
    current = store.current()
    assert current is not None and current.id == snapshot.id
    assert (tmp_path / "CURRENT").read_text().strip() == snapshot.id
    assert sorted(p.name for p in snapshot.path.iterdir()) == [
        "asserted.trig", "build.json", "inferred.nt", "report.json"]
    assert snapshot.asserted_path == tmp_path / "snapshots" / snapshot.id / "asserted.trig"
    meta = json.loads((snapshot.path / "build.json").read_text())
    assert meta == snapshot.meta
    assert meta["id"] == snapshot.id and meta["base_iri"] == BASE
    assert meta["sources"] == {"a.txt": "00ff"} and meta["agreements"] == 4
    assert meta["created"].endswith("Z")
    assert meta["triples"]["asserted"] == len(fixture_dataset())
    assert meta["triples"]["inferred"] == 3
    assert set(meta["triples"]["graphs"]) == {
        BASE + "graph/common", BASE + "graph/source/000_1653739df7b8e744",
        BASE + "graph/source/001_2fb9447d554a3c8c"}
    assert snapshot.load_report() == {"summary": {"records": 4}, "when": "2023-09-01"}
    assert not [p for p in (tmp_path / "snapshots").iterdir() if p.name.startswith(".")]


def test_ids_sort_by_time_and_name_the_content(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    first, second = write(store), write(store)
    assert first.id < second.id
    assert first.id.split("-")[1] == second.id.split("-")[1]  # same content, same hash
    other = store.write(fixture_dataset(), Graph(), {}, META)
    assert other.id.split("-")[1] != first.id.split("-")[1]
    assert [s.id for s in store.snapshots()] == [first.id, second.id, other.id]
    assert store.current() == other


def test_load_dataset_gives_back_the_graphs(tmp_path: Path) -> None:
    snapshot = write(SnapshotStore(tmp_path))
    loaded = snapshot.load_dataset()
    original = fixture_dataset()
    for graph in original.graphs():
        if len(graph):
            assert isomorphic(loaded.graph(graph.identifier), graph), graph.identifier
    assert isomorphic(loaded.graph(INFERRED), inferred_graph())


def test_load_oxigraph(tmp_path: Path) -> None:
    snapshot = write(SnapshotStore(tmp_path))
    store = snapshot.load_oxigraph()

    def count(pattern: str) -> int:
        (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")  # type: ignore[misc]
        return int(row["n"].value)

    assert count("?s ?p ?o") == len(fixture_dataset())  # the default graph: all asserted
    for graph in fixture_dataset().graphs():
        if len(graph):
            assert count(f"GRAPH <{graph.identifier}> {{ ?s ?p ?o }}") == len(graph)
    assert count(f"GRAPH <{INFERRED}> {{ ?s ?p ?o }}") == 3
    assert count(f"<{HOME}> <{KYOTEI.hasAgreementWith}> ?o") == 0  # inferred: not default
    assert isinstance(store, pyoxigraph.Store)


def test_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SnapshotStore(tmp_path)
    good = write(store)
    current_before = (tmp_path / "CURRENT").read_bytes()

    # 1. the report cannot be written (after the RDF files): fails midway
    with pytest.raises(TypeError, match="cannot write object"):
        write(store, {"bad": object()})
    # 2. the rename fails
    with monkeypatch.context() as m:
        m.setattr(snapshot_module.os, "rename", _raise_os_error)
        with pytest.raises(OSError, match="disk full"):
            write(store)
    # 3. replacing CURRENT fails, after the snapshot directory is in place
    with monkeypatch.context() as m:
        m.setattr(snapshot_module.os, "replace", _raise_os_error)
        with pytest.raises(OSError, match="disk full"):
            write(store)

    assert (tmp_path / "CURRENT").read_bytes() == current_before
    assert store.current() == good
    leftovers = [p.name for p in (tmp_path / "snapshots").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _raise_os_error(*_args: object) -> None:
    raise OSError("disk full")


def test_prune_keeps_the_newest_and_the_current(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    ids = [write(store).id for _ in range(5)]
    (tmp_path / "CURRENT").write_text(ids[0] + "\n")  # e.g. a rollback
    stale = tmp_path / "snapshots" / ".tmp-dead"
    stale.mkdir()
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = tmp_path / "snapshots" / ".tmp-busy"
    fresh.mkdir()
    assert store.prune(keep=2) == ids[1:3]
    assert [s.id for s in store.snapshots()] == [ids[0], ids[3], ids[4]]
    assert not stale.exists() and fresh.exists()
    with pytest.raises(ValueError, match="at least 1"):
        store.prune(keep=0)


def test_broken_pointer_is_reported(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    (tmp_path / "CURRENT").write_text("../../etc\n")
    with pytest.raises(SnapshotError, match="holds no snapshot id"):
        store.current()
    (tmp_path / "CURRENT").write_text("20261122T101530123456Z-0123456789\n")
    with pytest.raises(SnapshotError, match="not a complete snapshot"):
        store.current()


def test_concurrent_readers_see_complete_snapshots(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    write(store)
    problems: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                check()
            except (OSError, SnapshotError, ValueError) as exc:
                problems.append(repr(exc))

    def check() -> None:
        snapshot = SnapshotStore(tmp_path).current()
        if snapshot is None:
            problems.append("no current snapshot")
            return
        for path in (snapshot.asserted_path, snapshot.inferred_path, snapshot.report_path):
            if not path.is_file():
                problems.append(f"{snapshot.id}: {path.name} missing")
        if snapshot.load_report() != {"summary": {"ok": 1}}:
            problems.append(f"{snapshot.id}: partial report")

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        for _ in range(8):
            write(store)
            store.prune(keep=5)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert problems == []


def test_every_file_is_hashed_and_verified(tmp_path: Path) -> None:
    snapshot = write(SnapshotStore(tmp_path))
    assert sorted(snapshot.meta["files"]) == ["asserted.trig", "inferred.nt", "report.json"]
    verified = snapshot.verify()
    assert verified["asserted.trig"] == snapshot.asserted_path.read_bytes()
    whole = snapshot.asserted_path.read_bytes()
    snapshot.asserted_path.write_bytes(whole[: len(whole) // 2])  # a cut file
    with pytest.raises(SnapshotError, match=r"asserted.trig: sha256 .* the file was cut"):
        snapshot.verify()
    with pytest.raises(SnapshotError, match=r"asserted\.trig"):
        snapshot.load_oxigraph()
    with pytest.raises(SnapshotError, match=r"asserted\.trig"):
        snapshot.load_dataset()
    snapshot.asserted_path.unlink()
    with pytest.raises(SnapshotError, match=r"asserted\.trig: cannot be read"):
        snapshot.verify()


def test_a_snapshot_without_hashes_is_not_verified(tmp_path: Path) -> None:
    snapshot = write(SnapshotStore(tmp_path))
    meta = {k: v for k, v in snapshot.meta.items() if k != "files"}
    (snapshot.path / "build.json").write_text(json.dumps(meta))
    with pytest.raises(SnapshotError, match="no sha256 recorded"):
        Snapshot.open(snapshot.path).verify()


def test_build_store_on_disk_is_opened_read_only(tmp_path: Path) -> None:
    snapshot = write(SnapshotStore(tmp_path / "build"))
    writer = snapshot.build_store(tmp_path / "store")
    expected = len(writer)
    del writer
    reader = pyoxigraph.Store.read_only(str(tmp_path / "store"))
    assert len(reader) == expected == len(snapshot.load_oxigraph())
    with pytest.raises(SnapshotError, match="already exists"):
        snapshot.build_store(tmp_path / "store")


def test_serveable_falls_back_to_the_newest_verified_snapshot(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    assert store.serveable() == (None, None)
    older = write(store)
    newer = write(store)
    assert store.serveable() == (newer, None)
    (tmp_path / "CURRENT").write_text("garbage\x00\n")
    found, note = store.serveable()
    assert found == newer and note is not None
    assert note.endswith(f"using the newest verified snapshot {newer.id}")
    assert "holds no snapshot id" in note
    (newer.path / "build.json").write_text("{ not json")
    (tmp_path / "CURRENT").write_text(newer.id + "\n")
    found, note = store.serveable()
    assert found == older and note is not None
    assert "build.json: cannot be read" in note
    assert [s.id for s in store.snapshots()] == [older.id]
    older.inferred_path.write_text("")
    found, note = store.serveable()
    assert found is None and note is not None and "no snapshot in" in note
