"""Reading the data whole: Graph Store Protocol (read side), VoID, bulk downloads.

- ``GET /store?default`` and ``GET /store?graph=IRI`` (404 for a graph the store lacks),
  negotiated like CONSTRUCT results.
- ``GET /.well-known/void``: the dataset described with VoID and DCAT.
- ``GET /downloads/{name}``: the asserted graph in each export format, the inferred graph
  apart; generated once per snapshot and kept.

These read the in-process store with pattern lookups (no user query): they run in the
thread pool (plain ``def``) and never block the event loop.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from kyotei.server import negotiation, service_description
from kyotei.server.engine_results import serialize_triples
from kyotei.server.engine_runtime import runtime
from kyotei.server.errors import BadRequestError, NotFoundError, describe
from kyotei.server.state import LoadedSnapshot

router = APIRouter(tags=["data"])

#: name -> (media type, what it holds: "asserted" default graph, "dataset" of asserted
#: named graphs, or "inferred" graph), format name.
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "kyotei.ttl": ("text/turtle", "asserted", "turtle"),
    "kyotei.nt": ("application/n-triples", "asserted", "ntriples"),
    "kyotei.jsonld": ("application/ld+json", "asserted", "jsonld"),
    "kyotei.rdf": ("application/rdf+xml", "asserted", "rdfxml"),
    "kyotei.trig": ("application/trig", "dataset", "trig"),
    "kyotei.nq": ("application/n-quads", "dataset", "nquads"),
    "kyotei-inferred.nt": ("application/n-triples", "inferred", "ntriples"),
}
_GRAPH_CONTENT: dict[str, Any] = {o.media_type: {} for o in negotiation.GRAPH if o.primary}


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
    snapshot = runtime(request).serving.current()
    if graph is not None:
        if not snapshot.has_graph(graph):
            raise NotFoundError(f"no graph <{graph}> in this dataset")
        triples = _triples(snapshot, ox.NamedNode(graph))
    else:
        triples = _triples(snapshot, ox.DefaultGraph())
    return Response(serialize_triples(triples, offer.format),
                    media_type=negotiation.content_type(offer.media_type),
                    headers={"Vary": "Accept", "Kyotei-Snapshot": snapshot.id})


@router.get(
    "/.well-known/void", summary="The dataset description (VoID and DCAT)",
    response_class=Response,
    responses={200: {"description": "VoID + DCAT description", "content": _GRAPH_CONTENT},
               **describe(406)},
)
def void(request: Request, format: str | None = Query(None)) -> Response:
    """What the dataset is, how big, where its endpoint and downloads are."""
    rt = runtime(request)
    offer = negotiation.choose(request.headers.get("accept"), format, "graph",
                               negotiation.GRAPH[:4])
    root = rt.settings.public_url.rstrip("/") if rt.settings.public_url else \
        str(request.base_url).rstrip("/")
    found = service_description.void_triples(rt.serving.current(), root, DOWNLOADS)
    body = serialize_triples(found, offer.format, extra_prefixes=service_description.VOID_PREFIXES)
    return Response(body, media_type=negotiation.content_type(offer.media_type),
                    headers={"Vary": "Accept"})


class _Cache:
    """Generated downloads of the last few snapshots."""

    def __init__(self, size: int = 16) -> None:
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, snapshot: LoadedSnapshot, name: str) -> bytes:
        key = (snapshot.id, name)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        body = _generate(snapshot, name)
        with self._lock:
            self._items[key] = body
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return body


def _generate(snapshot: LoadedSnapshot, name: str) -> bytes:
    _, content, fmt = DOWNLOADS[name]
    if content == "inferred":
        return serialize_triples(_triples(snapshot, ox.NamedNode(snapshot.inferred_graph)), fmt)
    if content == "asserted":
        return serialize_triples(_triples(snapshot, ox.DefaultGraph()), fmt)
    quads = [q for q in snapshot.store.quads_for_pattern(None, None, None, None)
             if isinstance(q.graph_name, ox.NamedNode)
             and q.graph_name.value != snapshot.inferred_graph]
    body = ox.serialize(quads, format=ox.RdfFormat.TRIG if fmt == "trig"
                        else ox.RdfFormat.N_QUADS)
    return body or b""


_CACHE = _Cache()
_DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file", "content": {m: {} for m, _, _ in DOWNLOADS.values()}},
    304: {"description": "Not modified (If-None-Match matched the snapshot's ETag)"},
    **describe(404),
}


@router.get("/downloads/{name}", summary="Bulk download of the graph",
            response_class=Response, responses=_DOWNLOAD_RESPONSES)
def download(request: Request, name: str) -> Response:
    """The asserted graph as ``kyotei.ttl``, ``.nt``, ``.jsonld``, ``.rdf``, its named
    graphs as ``kyotei.trig``, ``.nq``; the inferred graph as ``kyotei-inferred.nt``."""
    if name not in DOWNLOADS:
        raise NotFoundError(f"no download {name!r}; available: {', '.join(DOWNLOADS)}")
    snapshot = runtime(request).serving.current()
    etag = f'"{snapshot.id}-{name}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    media, _, _ = DOWNLOADS[name]
    return Response(_CACHE.get(snapshot, name), media_type=negotiation.content_type(media),
                    headers={"ETag": etag,
                             "Content-Disposition": f'attachment; filename="{name}"'})
