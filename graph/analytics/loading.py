"""Load a snapshot for the analytics: only the triples the packaged queries read.

``Snapshot.load_oxigraph`` (the server's store) holds every asserted triple twice (its named
graph and the default graph) and every inferred one: at 10M asserted triples, 17.6M quads
and more than 15 GB in memory. The analytics' queries (the ``*.rq`` files beside this
module) read the default graph through a fixed list of predicates (rdf:type with a fixed list
of classes) and, in ``idgraph:inferred``, kyotei:hasAgreementWith only; every other triple
can change no answer. :func:`load_snapshot` streams the snapshot's files once, keeps those
triples only (asserted ones in the default graph, as the server's store has them) and so
holds about half of the asserted triples, once, and a sliver of the inferred ones.
``tests/graph/test_analytics_loading.py`` checks that every pattern of every packaged query
is covered by these lists, and that the answers equal those over the full store.

Nothing is read unchecked: each file is hashed as it is parsed, and a file whose sha256
differs from ``build.json`` raises SnapshotError before any figure is computed from it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from kyotei.graph.model.namespaces import KYOTEI
from kyotei.graph.publish.snapshot import ASSERTED, INFERRED, Snapshot, SnapshotError
from kyotei.graph.publish.writers import inferred_graph_iri

log = logging.getLogger(__name__)

# The predicates the packaged queries match in the default graph (rdf:type apart).
READ_PREDICATES = frozenset(str(p) for p in (
    KYOTEI.level, KYOTEI.homeParty, KYOTEI.partnerParty, KYOTEI.partnerInstitution,
    KYOTEI.sourceDocument, KYOTEI.country, KYOTEI.inRegion, KYOTEI.signedOn,
    KYOTEI.signedInMonth, KYOTEI.umbrellaAgreement, KYOTEI.asOf, KYOTEI.publisherStatus,
    PROV.wasDerivedFrom, DCTERMS.identifier, DCTERMS.title, DCTERMS.publisher,
    SKOS.prefLabel, SKOS.notation, ORG.unitOf,
))
# The classes they match with rdf:type.
READ_CLASSES = frozenset(str(c) for c in (
    KYOTEI.Agreement, KYOTEI.SourceDocument, KYOTEI.Institution, KYOTEI.Faculty,
    KYOTEI.UnidentifiedInstitution,
))
# The predicates they match in the inferred graph.
INFERRED_PREDICATES = frozenset({str(KYOTEI.hasAgreementWith)})

BATCH = 100_000
CHUNK = 1 << 22


class _Hashed:
    """A binary file read through sha256 (what the parser reads is what is hashed)."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.sha256.update(data)
        return data


def _expected(snapshot: Snapshot, name: str) -> str:
    hashes = snapshot.meta.get("files")
    expected = hashes.get(name) if isinstance(hashes, dict) else None
    if expected is None:
        raise SnapshotError(f"{snapshot.path / 'build.json'}: no sha256 recorded for {name}; "
                            "the snapshot cannot be verified")
    return str(expected).removeprefix("sha256:")


def _check(snapshot: Snapshot, name: str, found: str) -> None:
    expected = _expected(snapshot, name)
    if found != expected:
        raise SnapshotError(f"{snapshot.path / name}: sha256 {found[:12]}… differs from "
                            f"{expected[:12]}… in build.json: the file was cut or changed")


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as error:
        raise SnapshotError(f"{path}: cannot be read ({error.strerror or error})") from None


def _asserted(snapshot: Snapshot) -> Iterator[ox.Quad]:
    """The asserted triples the queries read, in the default graph."""
    type_ = ox.NamedNode(str(RDF.type))
    predicates = {ox.NamedNode(p) for p in READ_PREDICATES}
    classes = {ox.NamedNode(c) for c in READ_CLASSES}
    with _open(snapshot.path / ASSERTED) as handle:
        reader = _Hashed(handle)
        source = cast(BinaryIO, reader)  # a file as far as the parser is concerned: read()
        try:
            for quad in ox.parse(source, ox.RdfFormat.TRIG, base_iri=snapshot.base_iri):
                predicate = quad.predicate
                if predicate in predicates or (predicate == type_ and quad.object in classes):
                    yield ox.Quad(quad.subject, predicate, quad.object)
        except SyntaxError:
            while reader.read(CHUNK):  # a cut or changed file: say so rather than where
                pass
            _check(snapshot, ASSERTED, reader.sha256.hexdigest())
            raise
        while reader.read(CHUNK):  # whatever the parser left unread counts in the hash too
            pass
    _check(snapshot, ASSERTED, reader.sha256.hexdigest())


def _inferred_lines(snapshot: Snapshot) -> Iterator[bytes]:
    """The lines of the inferred N-Triples that may state a triple the queries read: those
    naming one of INFERRED_PREDICATES verbatim, and any with an escape (``\\u`` could spell
    an IRI otherwise); the parser then keeps the exact matches only."""
    needles = [f"<{p}>".encode() for p in sorted(INFERRED_PREDICATES)]
    digest = hashlib.sha256()
    rest = b""
    with _open(snapshot.path / INFERRED) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            yield b"\n".join(line for line in lines
                             if b"\\" in line or any(n in line for n in needles)) + b"\n"
    yield rest + b"\n"
    _check(snapshot, INFERRED, digest.hexdigest())


def _inferred(snapshot: Snapshot) -> Iterator[ox.Quad]:
    graph = ox.NamedNode(str(inferred_graph_iri(snapshot.base_iri)))
    predicates = {ox.NamedNode(p) for p in INFERRED_PREDICATES}
    blocks = _inferred_lines(snapshot)
    for block in blocks:
        try:
            triples = list(ox.parse(block, ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            for _ in blocks:  # a cut or changed file: say so rather than where
                pass
            raise
        for triple in triples:
            if triple.predicate in predicates:
                yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def _fill(store: ox.Store, quads: Iterator[ox.Quad]) -> int:
    batch: list[ox.Quad] = []
    count = 0
    for quad in quads:
        batch.append(quad)
        if len(batch) >= BATCH:
            store.extend(batch)
            count += len(batch)
            batch = []
    store.extend(batch)
    return count + len(batch)


def load_snapshot(snapshot: Snapshot) -> ox.Store:
    """An in-memory Oxigraph store answering the packaged queries as the server's store of
    ``snapshot`` would: the asserted triples they read in the default graph, the inferred
    kyotei:hasAgreementWith links in ``<base>graph/inferred``. Each file is checked against
    its sha256 in ``build.json`` as it is read (SnapshotError if it differs)."""
    store = ox.Store()
    asserted = _fill(store, _asserted(snapshot))
    inferred = _fill(store, _inferred(snapshot))
    log.info("loaded %d asserted and %d inferred triples the analytics read", asserted, inferred)
    return store


__all__ = ["INFERRED_PREDICATES", "READ_CLASSES", "READ_PREDICATES", "load_snapshot"]
