"""Loading a snapshot into an Oxigraph store to serve it: the default graph is the union of the
asserted graphs (a blank node one node in both), every file is checked before anything is
loaded and again as it is read, and only one file's bytes are in memory at a time."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from engine_samples import fixture_dataset
from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import RDFS
from test_snapshot import BASE, HOME, META, inferred_graph, write

from kyotei.graph.model.namespaces import KYOTEI
from kyotei.graph.publish.snapshot import Snapshot, SnapshotError, SnapshotStore


def count(store: pyoxigraph.Store, pattern: str) -> int:
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")  # type: ignore[misc]
    return int(row["n"].value)


@pytest.mark.parametrize("on_disk", [False, True])
def test_a_blank_node_is_one_node_in_its_graph_and_in_the_default_graph(
    tmp_path: Path, on_disk: bool
) -> None:
    """The node the default graph holds is the one its named graph holds (one node, two
    graphs), and two blank nodes stay two."""
    dataset = fixture_dataset()
    one, two = URIRef(BASE + "graph/source/one"), URIRef(BASE + "graph/source/two")
    for name, label in ((one, "first"), (two, "second")):
        graph = dataset.graph(name)
        node = BNode()
        graph.add((HOME, KYOTEI.note, node))
        graph.add((node, RDFS.label, RdfLiteral(label)))
    snapshot = SnapshotStore(tmp_path).write(dataset, inferred_graph(), {}, META)
    store = (snapshot.build_store(tmp_path / "store") if on_disk
             else snapshot.load_oxigraph())
    rows = store.query(
        f"SELECT ?g ?label WHERE {{ <{HOME}> <{KYOTEI.note}> ?b . ?b <{RDFS.label}> ?label . "
        f"GRAPH ?g {{ <{HOME}> <{KYOTEI.note}> ?b . ?b <{RDFS.label}> ?label }} }}")
    assert sorted((r["g"].value, r["label"].value) for r in rows) == [  # type: ignore[union-attr]
        (str(one), "first"), (str(two), "second")]
    assert count(store, "?s ?p ?o") == len(dataset)


def test_the_default_graph_holds_a_triple_of_two_graphs_once(tmp_path: Path) -> None:
    dataset = fixture_dataset()
    triple = (HOME, RDFS.label, RdfLiteral("in two graphs"))
    for name in ("one", "two"):
        dataset.graph(URIRef(BASE + f"graph/source/{name}")).add(triple)
    snapshot = SnapshotStore(tmp_path).write(dataset, inferred_graph(), {}, META)
    store = snapshot.build_store(tmp_path / "store")
    pattern = f'<{HOME}> <{RDFS.label}> "in two graphs"'
    assert (count(store, pattern), count(store, f"GRAPH ?g {{ {pattern} }}")) == (1, 2)
    assert count(store, "?s ?p ?o") == len(dataset)


def test_every_file_is_checked_before_the_store_is_made(tmp_path: Path) -> None:
    snapshot = write(SnapshotStore(tmp_path / "build"))
    whole = snapshot.inferred_path.read_bytes()
    snapshot.inferred_path.write_bytes(whole[: len(whole) // 2])  # the last file loaded, cut
    with pytest.raises(SnapshotError, match=r"inferred\.nt: sha256 .* the file was cut"):
        snapshot.check()
    with pytest.raises(SnapshotError, match=r"inferred\.nt: sha256"):
        snapshot.build_store(tmp_path / "store")
    assert not (tmp_path / "store").exists()
    with pytest.raises(SnapshotError, match=r"inferred\.nt: sha256"):
        snapshot.load_oxigraph()
    snapshot.inferred_path.unlink()
    with pytest.raises(SnapshotError, match=r"inferred\.nt: cannot be read"):
        snapshot.check()


def test_a_file_changed_after_the_check_is_refused_when_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = write(SnapshotStore(tmp_path / "build"))
    snapshot.check()
    monkeypatch.setattr(Snapshot, "check", lambda self: None)  # it changes after the check
    snapshot.asserted_path.write_bytes(snapshot.asserted_path.read_bytes() + b"\n")
    with pytest.raises(SnapshotError, match=r"asserted\.trig: changed since"):
        snapshot.build_store(tmp_path / "store")


def test_a_snapshot_that_fails_its_check_is_not_served(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    good = write(store)
    bad = write(store)
    bad.asserted_path.write_bytes(b"")
    served, note = store.serveable()
    assert served is not None and served.id == good.id
    assert note is not None and "asserted.trig: sha256" in note
