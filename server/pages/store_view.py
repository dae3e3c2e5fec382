"""``/store`` for a browser: the Graph Store's graphs and their triples as HTML pages.

The Graph Store Protocol route (:func:`kyotei.server.protocol.graph_store.graph_store`)
answers RDF; this route stands before it and answers a browser (``text/html`` preferred in
``Accept``, or ``?format=html``) with a page, and hands every other request to it unchanged:
an RDF client still gets Turtle, N-Triples, JSON-LD... by ``Accept`` or ``?format=``, as
:func:`~kyotei.server.pages.finding.void_page` does for VoID.

- ``/store`` (no graph named): the list of graphs, the default one and each named graph,
  with their sizes, each linking to its page (an RDF client still gets the protocol's 400).
- ``/store?default`` or ``/store?graph=IRI``: that graph's triples, :data:`PAGE_SIZE` at a
  time (``?page=N``, from 1); a graph is never rendered whole (the default graph of a
  real build holds some 17,000 triples). Every IRI links to its entity page (or its
  own address), shown by its label in the page's language with the IRI on hover.

Triples are read with pattern lookups (no user query), in the store's order (a subject's
triples together), admitted and time-limited like the protocol route.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Any
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kyotei.server.engine import admission
from kyotei.server.errors import BadRequestError, NotFoundError
from kyotei.server.pages import linked_data as ld
from kyotei.server.pages.entity_view import Viewer
from kyotei.server.pages.routes import page_language, render
from kyotei.server.protocol import graph_store, negotiation
from kyotei.server.runtime import runtime

router = APIRouter(tags=["pages"])

PAGE_SIZE = 100
#: What ``/store`` is offered as: Turtle first (``*/*`` and protocol clients get RDF), HTML
#: when the client prefers it (a browser's ``Accept`` puts ``text/html`` above ``*/*``).
_OFFERS = (negotiation.GRAPH[0], negotiation.HTML,
           *(o for o in negotiation.GRAPH[1:] if o.primary))
#: The RDF formats a graph's page links to (``?format=`` names of the protocol route).
RDF_LINKS = (("turtle", "Turtle", "text/turtle"), ("ntriples", "N-Triples",
             "application/n-triples"), ("jsonld", "JSON-LD", "application/ld+json"),
             ("rdfxml", "RDF/XML", "application/rdf+xml"))


def _wants_html(request: Request, fmt: str | None) -> bool:
    if fmt:
        return fmt.strip().lower() == "html"
    chosen = negotiation.negotiate(request.headers.get("accept"), _OFFERS)
    return chosen is not None and chosen.format == "html"


def _graph_node(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()


def _size(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def _query(**params: str | int) -> str:
    """A query string for this route; ``default`` is written bare (``?default``)."""
    bare = "default" in params and params["default"] == ""
    rest = urlencode({k: v for k, v in params.items() if not (bare and k == "default")})
    if bare:
        return "?default" + (f"&{rest}" if rest else "")
    return f"?{rest}"


def graph_list(store: ox.Store, base_iri: str, named: frozenset[str]) -> list[dict[str, Any]]:
    """The default graph and each named graph, with its size and its page's query string."""
    rows: list[dict[str, Any]] = [{"iri": None, "text": None, "size":
                                   _size(store, ox.DefaultGraph()), "query": "?default"}]
    for iri in sorted(named):
        rows.append({"iri": iri, "text": ld.compact(iri, base_iri),
                     "size": _size(store, ox.NamedNode(iri)), "query": _query(graph=iri)})
    return rows


def triples_page(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph, page: int,
                 viewer: Viewer) -> tuple[list[dict[str, Any]], int]:
    """The triples of page ``page`` (from 1) as rows for the template, and the graph's size."""
    start = (page - 1) * PAGE_SIZE
    quads = store.quads_for_pattern(None, None, None, graph)
    chosen = list(itertools.islice(quads, start, start + PAGE_SIZE))
    total = _size(store, graph)
    rows: list[dict[str, Any]] = []
    previous: object = None
    for quad in chosen:
        rows.append({"subject": viewer.link(quad.subject),
                     "first": quad.subject != previous,
                     "predicate": viewer.link(quad.predicate),
                     "object": viewer.value(quad.object)})
        previous = quad.subject
    return rows, total


def _pager(params: dict[str, str], page: int, total: int) -> dict[str, Any]:
    last = max(1, -(-total // PAGE_SIZE))

    def href(number: int) -> str | None:
        return _query(**params, page=number) if 1 <= number <= last and number != page else None

    return {"page": page, "last": last, "first_row": (page - 1) * PAGE_SIZE + 1 if total else 0,
            "last_row": min(total, page * PAGE_SIZE), "total": total,
            "first": href(1), "previous": href(page - 1), "next": href(page + 1),
            "final": href(last)}


@router.get("/store", include_in_schema=False)
def store_page(
    request: Request,
    default: Annotated[str | None, Query()] = None,
    graph: Annotated[str | None, Query()] = None,
    format: Annotated[str | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """A page for a browser; RDF (the Graph Store Protocol) for everyone else."""
    if not _wants_html(request, format):
        answer: Response = graph_store.graph_store(request, default, graph, format)
        return answer
    rt = runtime(request)
    snapshot = rt.serving.current()
    lang = page_language(request)
    lang_query = _query(**({"default": ""} if default is not None else {}),
                        **({"graph": graph} if graph is not None else {}),
                        **({"page": page} if page > 1 else {}))
    if default is None and graph is None:
        graphs = admission.limited(rt, "listing the graphs", lambda: graph_list(
            snapshot.store, snapshot.base_iri, snapshot.named_graphs))
        listing: Response = render(request, "store.html", graphs=graphs, graph=None,
                                   lang_query="?")
        return _varied(listing)
    if default is not None and graph is not None:
        raise BadRequestError("name exactly one graph: ?default or ?graph=IRI")
    if graph is not None and not snapshot.has_graph(graph):
        raise NotFoundError(f"no graph <{graph}> in this dataset")
    params = {"default": ""} if graph is None else {"graph": graph}
    viewer = Viewer(snapshot.store, snapshot.base_iri, lang)
    rows, total = admission.limited(rt, "reading the graph", lambda: triples_page(
        snapshot.store, _graph_node(graph), page, viewer))
    if not rows and page > 1:
        raise NotFoundError(f"page {page} is past the last page of this graph "
                            f"({max(1, -(-total // PAGE_SIZE))})")
    here = _query(**params)
    formats = [{"href": f"{here}&format={name}", "label": label, "media": media}
               for name, label, media in RDF_LINKS]
    shown: Response = render(
        request, "store.html", graphs=None, rows=rows, pager=_pager(params, page, total),
        graph={"iri": graph, "text": ld.compact(graph, snapshot.base_iri) if graph else None,
               "href": ld.local_href(snapshot.base_iri, graph)
               if graph and ld.is_known(snapshot.store, graph) else None},
        formats=formats, lang_query=lang_query + "&" if lang_query != "?" else "?")
    shown.headers["Link"] = ", ".join(f'<{f["href"]}>; rel="alternate"; type="{f["media"]}"'
                                      for f in formats)
    return _varied(shown)


def _varied(page: Response) -> Response:
    page.headers["Vary"] = "Accept, Accept-Language, Cookie"
    return page
