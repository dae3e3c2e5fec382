"""Reading the data whole: Graph Store Protocol (read side), VoID, bulk downloads.

- ``GET /store?default`` and ``GET /store?graph=IRI`` (404 for a graph the store lacks),
  negotiated like CONSTRUCT results.
- ``GET /.well-known/void``: the dataset described with VoID and DCAT by
  :func:`kyotei.graph.publish.describe.describe_dataset`, with this server's endpoint and downloads.
- ``GET /downloads/{name}``: the asserted graph in each export format, written by
  :mod:`kyotei.graph.publish.writers` (deterministic) where it has the format and by pyoxigraph
  otherwise (RDF/XML, N-Quads); generated once per snapshot and kept.

These read the in-process store with pattern lookups (no user query): they are plain
``def`` (run in the thread pool) and never block the event loop.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import rdflib
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from rdflib.term import Node

from kyotei.graph.publish.describe import OtherDownload, describe_dataset
from kyotei.graph.publish.snapshot import SnapshotError
from kyotei.graph.publish.writers import FORMATS as EXPORT_FORMATS
from kyotei.graph.publish.writers import export
from kyotei.server.engine import admission
from kyotei.server.engine.results import serialize_triples
from kyotei.server.errors import (
    BadRequestError,
    NotFoundError,
    ServiceUnavailableError,
    describe,
)
from kyotei.server.protocol import negotiation
from kyotei.server.runtime import runtime
from kyotei.server.state import LoadedSnapshot

router = APIRouter(tags=["data"])

#: file name -> (media type, export format or pyoxigraph format name, content)
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    f"kyotei.{ext}": (media, name, "export") for name, (media, ext) in EXPORT_FORMATS.items()
}
DOWNLOADS.update({
    "kyotei.rdf": ("application/rdf+xml", "rdfxml", "asserted"),
    "kyotei.nq": ("application/n-quads", "nquads", "named"),
    "kyotei-inferred.nt": ("application/n-triples", "ntriples", "inferred"),
})
#: how the VoID/DCAT description names the downloads beyond the export formats
_OTHER_TITLES = {
    "asserted": "RDF/XML", "named": "N-Quads (one named graph per source document)",
    "inferred": "N-Triples of the inferred triples (OWL RL), apart from the asserted data",
}  # fmt: skip
# Every media type the route answers with, aliases (``application/json`` …) included: a
# client asking for an alias gets it as the Content-Type.
_GRAPH_CONTENT: dict[str, Any] = {o.media_type: {} for o in negotiation.GRAPH}


def _triples(snapshot: LoadedSnapshot, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in snapshot.store.quads_for_pattern(None, None, None, graph)]


@router.get(
    "/store", summary="Graph Store Protocol: one graph of the dataset",
    response_class=Response,
    responses={200: {"description": "The graph", "content": _GRAPH_CONTENT},
               **describe(400, 404, 406)},
)
def graph_store(
    request: Request,
    default: str | None = Query(None, description="Present (empty) for the default graph"),
    graph: str | None = Query(None, description="IRI of a named graph"),
    format: str | None = Query(None, description="turtle, ntriples, jsonld, rdfxml, trig, "
                               "nquads or a media type; overrides Accept"),
) -> Response:
    """The default graph (``?default``) or one named graph (``?graph=IRI``)."""
    if (default is None) == (graph is None):
        raise BadRequestError("name exactly one graph: ?default or ?graph=IRI")
    offer = negotiation.choose(request.headers.get("accept"), format, "graph",
                               negotiation.GRAPH)
    rt = runtime(request)
    snapshot = rt.serving.current()
    if graph is not None and not snapshot.has_graph(graph):
        raise NotFoundError(f"no graph <{graph}> in this dataset")
    name = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
    body = admission.limited(rt, "reading the graph",
                             lambda: serialize_triples(_triples(snapshot, name), offer.format))
    return Response(body,
                    media_type=negotiation.content_type(offer.media_type),
                    headers={"Vary": "Accept", "Kyotei-Snapshot": snapshot.id})


# --- rdflib views of a snapshot, for the graph package's writers ------------------------------


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise ValueError("RDF 1.2 triple terms cannot be exported")


def _from_rdflib(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise ValueError(f"not an RDF term: {term!r}")


def rdflib_dataset(snapshot: LoadedSnapshot) -> rdflib.Dataset:
    """The snapshot's named graphs (asserted and inferred) as an rdflib Dataset."""
    if snapshot.built is not None:
        return snapshot.built.load_dataset()
    dataset = rdflib.Dataset()
    for quad in snapshot.store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode):
            graph = dataset.graph(rdflib.URIRef(quad.graph_name.value))
            graph.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate),
                       _to_rdflib(quad.object)))
    return dataset


class _Cache:
    """Generated files of the last few snapshots (snapshots never change)."""

    def __init__(self, size: int = 32) -> None:
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, snapshot: LoadedSnapshot, name: str, make: Callable[[], bytes]) -> bytes:
        key = (snapshot.id, name)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        body = make()
        with self._lock:
            self._items[key] = body
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return body


_CACHE = _Cache()


def _verified(snapshot: LoadedSnapshot, name: str) -> bytes:
    """A snapshot file's bytes, checked against build.json now (not only when loaded)."""
    assert snapshot.built is not None  # noqa: S101 (callers check)
    return snapshot.built.verified_bytes(name)


def _asserted_quads(snapshot: LoadedSnapshot) -> list[ox.Quad]:
    """The asserted named graphs, read from the snapshot's file when there is one (the
    store keeps values, not always datatypes: xsd:positiveInteger comes back xsd:integer)."""
    if snapshot.built is not None:
        quads = list(ox.parse(_verified(snapshot, snapshot.built.asserted_path.name),
                              format=ox.RdfFormat.TRIG))
    else:
        quads = list(snapshot.store.quads_for_pattern(None, None, None, None))
    return sorted((q for q in quads if isinstance(q.graph_name, ox.NamedNode)
                   and q.graph_name.value != snapshot.inferred_graph), key=str)


def _generate(snapshot: LoadedSnapshot, name: str) -> bytes:
    try:
        return _generate_verified(snapshot, name)
    except SnapshotError as error:  # a file changed on disk since the snapshot was loaded
        raise ServiceUnavailableError(f"the download is not served: {error}",
                                      retry_after_s=10) from None


def _generate_verified(snapshot: LoadedSnapshot, name: str) -> bytes:
    _, fmt, content = DOWNLOADS[name]
    if content == "export":
        out = io.BytesIO()
        export(rdflib_dataset(snapshot), fmt, out, base_iri=snapshot.base_iri)
        return out.getvalue()
    if content == "inferred":
        if snapshot.built is not None:
            return _verified(snapshot, snapshot.built.inferred_path.name)
        return serialize_triples(_triples(snapshot, ox.NamedNode(snapshot.inferred_graph)), fmt)
    quads = _asserted_quads(snapshot)
    if content == "asserted":
        triples = {ox.Triple(q.subject, q.predicate, q.object): None for q in quads}
        return serialize_triples(list(triples), fmt)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


_DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file", "content": {m: {} for m, _, _ in DOWNLOADS.values()}},
    304: {"description": "Not modified (If-None-Match matched the snapshot's ETag)"},
    **describe(404),
}


@router.get("/downloads/{name}", summary="Bulk download of the graph",
            response_class=Response, responses=_DOWNLOAD_RESPONSES)
def download(request: Request, name: str) -> Response:
    """The asserted graph as ``kyotei.ttl``, ``.nt``, ``.jsonld``, ``.rdf``, its named
    graphs as ``kyotei.trig`` and ``.nq``, the agreements as ``kyotei.csv``; the inferred
    graph apart as ``kyotei-inferred.nt``."""
    if name not in DOWNLOADS:
        raise NotFoundError(f"no download {name!r}; available: {', '.join(DOWNLOADS)}")
    snapshot = runtime(request).serving.current()
    etag = f'"{snapshot.id}-{name}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    media, _, _ = DOWNLOADS[name]
    body = _CACHE.get(snapshot, name, lambda: _generate(snapshot, name))
    return Response(body, media_type=negotiation.content_type(media),
                    headers={"ETag": etag,
                             "Content-Disposition": f'attachment; filename="{name}"'})


def _root(request: Request) -> str:
    """The public root: the ``public_url`` setting, else the bound address (never the Host
    header, which the client chooses)."""
    return runtime(request).settings.endpoint_base()


@router.get(
    "/.well-known/void", summary="The dataset description (VoID and DCAT)",
    response_class=Response,
    responses={200: {"description": "VoID + DCAT description", "content": _GRAPH_CONTENT},
               **describe(406)},
)
def void(request: Request, format: str | None = Query(None)) -> Response:
    """What the dataset is, how big, its vocabularies, its endpoint and its downloads."""
    offer = negotiation.choose(request.headers.get("accept"), format, "graph",
                               negotiation.GRAPH[:4])
    snapshot = runtime(request).serving.current()
    root = _root(request)

    def make() -> bytes:
        downloads = {fmt: f"{root}/downloads/kyotei.{ext}"
                     for fmt, (_, ext) in EXPORT_FORMATS.items()}
        others = [OtherDownload(f"{content}-{fmt}", _OTHER_TITLES[content], media,
                                f"{root}/downloads/{name}",
                                dump=content != "inferred")
                  for name, (media, fmt, content) in DOWNLOADS.items() if content != "export"]
        graph = describe_dataset(rdflib_dataset(snapshot), base_iri=snapshot.base_iri,
                                 endpoint_url=f"{root}/sparql", download_urls=downloads,
                                 other_downloads=others)
        found = [ox.Triple(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o))  # type: ignore[arg-type]
                 for s, p, o in graph]
        return serialize_triples(found, "ntriples")

    cached = admission.limited(runtime(request), "describing the dataset",
                               lambda: _CACHE.get(snapshot, f"void:{root}", make))
    triples = list(ox.parse(cached, format=ox.RdfFormat.N_TRIPLES))
    found = [ox.Triple(q.subject, q.predicate, q.object) for q in triples]
    body = serialize_triples(found, offer.format)
    return Response(body, media_type=negotiation.content_type(offer.media_type),
                    headers={"Vary": "Accept"})
