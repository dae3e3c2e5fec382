"""The SPARQL 1.1 Protocol endpoint, ``/sparql``, on an :class:`~fastapi.APIRouter`.

GET ``?query=``, POST form-encoded (``query=`` or ``update=``), POST
``application/sparql-query`` and ``application/sparql-update``; ``default-graph-uri`` and
``named-graph-uri`` honoured for graphs the store holds. GET without a query answers the
service description. Every query is screened (SERVICE, remote graphs, nesting) before it
reaches a worker, and its result format is negotiated before it runs.

The routes on :data:`router` document the endpoint (API docs, OpenAPI); requests are
answered by :mod:`endpoint`, which calls :func:`answer_get` and :func:`answer_post` before
the router is reached (decision 0011).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kyotei.server import security
from kyotei.server.engine.gate import QueryCancelledError
from kyotei.server.engine.screen import ScreenError, screen_query
from kyotei.server.engine.worker import JobReply, QueryJob
from kyotei.server.errors import (
    BadRequestError,
    QueryRefusedError,
    QuerySyntaxError,
    UnsupportedMediaTypeError,
    describe,
)
from kyotei.server.http_limits import CONNECTION_LOST
from kyotei.server.protocol import admin, negotiation, service_description
from kyotei.server.runtime import Runtime, runtime
from kyotei.server.state import LoadedSnapshot

logger = logging.getLogger(__name__)

router = APIRouter(tags=["SPARQL"])

# Up to this, the lexer runs on the event loop (under a millisecond: cheaper than the hops to
# a thread); a longer query is lexed in the thread pool.
INLINE_LEX_CHARS = 4000
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
UPDATE_DATASET_PARAMS = ("using-graph-uri", "using-named-graph-uri")  # not supported
_OFFERS = {
    "SELECT": ("results", negotiation.RESULTS),
    "ASK": ("results", negotiation.BOOLEAN),
    "CONSTRUCT": ("graph", negotiation.GRAPH),
    "DESCRIBE": ("graph", negotiation.GRAPH),
}


@dataclass(frozen=True, slots=True)
class Operation:
    """One protocol operation, as the request stated it."""

    kind: str  # "query" or "update"
    text: str
    params: dict[str, list[str]]

    def dataset(self) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
        """The protocol dataset, or (None, None) when the request names none."""
        default, named = (self.params.get(p, []) for p in DATASET_PARAMS)
        if not default and not named:
            return None, None
        return tuple(default), tuple(named)


def _single(params: dict[str, list[str]]) -> Operation | None:
    queries, updates = params.get("query", []), params.get("update", [])
    if len(queries) > 1 or len(updates) > 1:
        raise BadRequestError("more than one query or update string in the request")
    if queries and updates:
        raise BadRequestError("a request carries either a query or an update, not both")
    if queries:
        return Operation("query", queries[0], params)
    if updates:
        return Operation("update", updates[0], params)
    return None


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequestError(f"the {what} is not valid UTF-8 ({exc.reason} at byte {exc.start})"
                         ) from None


def _media(request: Request) -> tuple[str, dict[str, str]]:
    header = request.headers.get("content-type")
    if not header:
        raise UnsupportedMediaTypeError(
            f"a POST needs a Content-Type: {FORM}, {QUERY} or {UPDATE}")
    kind, *raw = (part.strip() for part in header.split(";"))
    params = {}
    for item in raw:
        name, _, value = item.partition("=")
        params[name.strip().lower()] = value.strip().strip('"').lower()
    charset = params.get("charset", "utf-8")
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaTypeError(f"charset={charset} is not supported: send UTF-8")
    return kind.lower(), params


def _url_params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    if not request.scope.get("query_string"):
        return params  # a POST's usual URL: nothing to parse
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


async def _post_operation(request: Request, rt: Runtime) -> Operation:
    kind, _ = _media(request)
    body = await security.read_body(request, rt.settings.max_body_bytes,
                                    rt.settings.body_read_timeout_s)
    url = _url_params(request)
    if kind == FORM:
        form = _kept_form(body) if len(body) <= KEPT_FORM_BYTES else _form(body)
        merged = {**url}
        for key, values in form.items():
            merged.setdefault(key, []).extend(values)
        operation = _single(merged)
        if operation is None:
            raise BadRequestError("the form has no `query` or `update` field")
        return operation
    if kind in (QUERY, UPDATE):
        if "query" in url or "update" in url:
            raise BadRequestError("a direct POST carries its query in the body, not in the URL")
        text = _decode(body, "request body")
        return Operation("query" if kind == QUERY else "update", text, url)
    raise UnsupportedMediaTypeError(f"{kind} is not a SPARQL request type: use {FORM}, {QUERY} "
                               f"or {UPDATE}")


def _form(body: bytes) -> dict[str, list[str]]:
    """A form-encoded body's fields (400 when it is not UTF-8, before or after decoding)."""
    try:
        return parse_qs(_decode(body, "form body"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadRequestError("a form field is not valid UTF-8 once percent-decoded") from None


# The same forms come back (a page's or a notebook's queries): their fields are kept, since
# percent-decoding a gallery query costs more than the rest of the request's parsing. A
# refusal is not kept (raised again each time). Callers must not change what they get.
KEPT_FORMS = 256
KEPT_FORM_BYTES = 20_000
_kept_form = functools.lru_cache(maxsize=KEPT_FORMS)(_form)
# Accept headers and format= parameters repeat too: the format chosen for each is kept.
KEPT_ACCEPT_CHARS = 1000


@functools.lru_cache(maxsize=256)
def _kept_offer(accept: str | None, fmt: tuple[str, ...], form: str) -> negotiation.Offer:
    kind, offers = _OFFERS[form]
    return negotiation.choose(accept, list(fmt), kind, offers)


def _offer(accept: str | None, fmt: list[str], form: str) -> negotiation.Offer:
    """The format to answer a query of ``form`` in (negotiation.choose; 406 when none)."""
    if accept is not None and len(accept) > KEPT_ACCEPT_CHARS:
        kind, offers = _OFFERS[form]
        return negotiation.choose(accept, fmt, kind, offers)
    return _kept_offer(accept, tuple(fmt), form)


def _refusal(error: ScreenError) -> BadRequestError:
    return QuerySyntaxError(str(error)) if error.syntax else QueryRefusedError(str(error))


def endpoint_iri(request: Request, rt: Runtime) -> str:
    """The endpoint's IRI: the ``public_url`` setting, else the address the server is bound
    to. Never the Host header: a client could make the description name any site."""
    return rt.settings.sparql_endpoint()


async def run_query(request: Request, rt: Runtime, op: Operation) -> Response:
    if len(op.text) > rt.settings.max_query_chars:
        raise BadRequestError(f"query of {len(op.text)} characters; the limit is "
                         f"{rt.settings.max_query_chars}")
    rt.engine.admit()  # 429 past max_concurrent_queries, before any parsing
    try:
        return await _admitted_query(request, rt, op)
    except QueryCancelledError:  # the client went away: nobody reads this
        return Response(b"", status_code=CLIENT_CLOSED)
    finally:
        rt.engine.leave()


async def _admitted_query(request: Request, rt: Runtime, op: Operation) -> Response:
    snapshot = rt.serving.current()
    base = endpoint_iri(request, rt)
    lex = functools.partial(screen_query, op.text, base_iri=base,
                            max_depth=rt.settings.max_nesting_depth,
                            max_chain=rt.settings.max_operator_chain)
    try:  # a big query takes the lexer tens of milliseconds: off the event loop
        screened = lex() if len(op.text) <= INLINE_LEX_CHARS else await run_in_threadpool(lex)
    except ScreenError as error:
        raise _refusal(error) from None
    offer = _offer(request.headers.get("accept"), op.params.get("format", []), screened.form)
    default, named = op.dataset()
    if default is None:
        security.check_graphs(snapshot, screened.from_graphs, "FROM")
        security.check_graphs(snapshot, screened.from_named_graphs, "FROM NAMED")
    else:
        security.check_graphs(snapshot, default, "default-graph-uri")
        security.check_graphs(snapshot, named or (), "named-graph-uri")
    job = QueryJob(op.text, screened.form, offer.format, base_iri=base, default_graphs=default,
                   named_graphs=named, max_rows=rt.settings.max_result_rows,
                   max_expression_depth=rt.settings.max_expression_depth,
                   max_patterns=rt.settings.max_patterns)
    reply = await _run_watched(request, rt, snapshot, job)
    if not reply.ok:
        if reply.error == "syntax":
            raise QuerySyntaxError(f"query syntax error: {reply.message}")
        if reply.error == "refused":
            raise QueryRefusedError(reply.message)
        raise BadRequestError(f"the query could not be evaluated: {reply.message}")
    headers = {"Vary": "Accept", "Kyotei-Snapshot": snapshot.id,
               "Kyotei-Result-Rows": str(reply.count)}
    if reply.truncated:
        headers["Kyotei-Result-Truncated"] = str(rt.settings.max_result_rows)
    return Response(reply.body, media_type=negotiation.content_type(offer.media_type),
                    headers=headers)


# The status nginx logs for "client closed request": nobody reads it, the log does.
CLIENT_CLOSED = 499


async def _until_disconnected(request: Request) -> None:
    """Return when the client goes away. The request body has been read, so the server's
    next message for this request is ``http.disconnect`` (uvicorn sends it when the
    connection closes; test clients once the response is complete)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _run_watched(request: Request, rt: Runtime, snapshot: LoadedSnapshot,
                       job: QueryJob) -> JobReply:
    """Run ``job`` on the engine, stopping it if the client disconnects meanwhile (the query
    page's Cancel aborts its fetch, which closes the connection; decision 0009). Served by
    kyotei's protocol (http_limits), the request carries a future done when its connection
    is lost: the query is raced against it. Otherwise (another server, a test client) a
    task reads the request's messages until ``http.disconnect``."""
    lost = request.scope.get("extensions", {}).get(CONNECTION_LOST)
    if isinstance(lost, asyncio.Future):
        return await rt.engine.run_admitted_async(snapshot, job, lost)
    watcher = asyncio.create_task(_until_disconnected(request))
    try:
        return await rt.engine.run_admitted_async(snapshot, job, watcher)
    finally:
        watcher.cancel()
        await asyncio.wait([watcher])  # ended before the response: no task outlives it


async def dispatch(request: Request, op: Operation) -> Response:
    rt = runtime(request)
    if op.kind == "update":
        return await admin.run_update(request, rt, op.text, endpoint_iri(request, rt),
                                      using=any(p in op.params for p in UPDATE_DATASET_PARAMS))
    return await run_query(request, rt, op)


FORMAT_HELP = ("Result format (json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml, trig, "
               "nquads or a media type); an Accept naming another format served wins")
_SELECT_EXAMPLE = "SELECT ?type (COUNT(*) AS ?n) WHERE { ?s a ?type } GROUP BY ?type"
_GET_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Query results (SPARQL JSON/XML/CSV/TSV, or RDF for CONSTRUCT and "
          "DESCRIBE), or without a query the service description",
          "content": {o.media_type: {} for o in negotiation.RESULTS + negotiation.GRAPH}},
    303: {"description": "A browser asking for HTML without a query: see the query page /"},
    **describe(400, 406, 429, 500, 503),
}
_POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Query results, or an update's confirmation",
          "content": {o.media_type: {} for o in negotiation.RESULTS + negotiation.GRAPH}},
    **describe(400, 401, 403, 406, 413, 415, 429, 500, 503),
}
_POST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            QUERY: {"schema": {"type": "string", "example": _SELECT_EXAMPLE}},
            UPDATE: {"schema": {"type": "string"}},
            FORM: {"schema": {"type": "object", "properties": {
                "query": {"type": "string", "example": _SELECT_EXAMPLE},
                "update": {"type": "string"},
                "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                "named-graph-uri": {"type": "array", "items": {"type": "string"}},
            }}},
        },
    }
}


@router.get("/sparql", summary="SPARQL query (GET), or the service description",
            responses=_GET_RESPONSES, response_class=Response)
async def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="The SPARQL query",
                                       examples=[_SELECT_EXAMPLE])] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
) -> Response:
    """Run a query given as ``?query=``; with no query, describe the service (Turtle,
    JSON-LD, RDF/XML or N-Triples by Accept; browsers are sent to the query page)."""
    return await answer_get(request)  # declared for the API docs: endpoint.py answers


@router.post("/sparql", summary="SPARQL query or update (POST)", responses=_POST_RESPONSES,
             response_class=Response, openapi_extra=_POST_BODY)
async def sparql_post(request: Request) -> Response:
    """A query or an update, form-encoded or sent directly (``application/sparql-query``,
    ``application/sparql-update``). Updates need the update token."""
    return await answer_post(request)  # declared for the API docs: endpoint.py answers


async def answer_get(request: Request) -> Response:
    """GET /sparql: the query in the URL, or without one the service description."""
    params = _url_params(request)
    if "update" in params:
        raise BadRequestError("updates are sent with POST, never GET")
    operation = _single(params)
    if operation is None:
        return _service_description(request)
    return await dispatch(request, operation)


async def answer_post(request: Request) -> Response:
    """POST /sparql: a query or an update, form-encoded or direct."""
    rt = runtime(request)
    operation = await _post_operation(request, rt)
    return await dispatch(request, operation)


def _service_description(request: Request) -> Response:
    rt = runtime(request)
    offers = (*negotiation.GRAPH[:4], negotiation.HTML)
    accept = request.headers.get("accept")
    offer = negotiation.choose(accept, None, "graph", offers)
    if offer is negotiation.HTML:
        return RedirectResponse("/", status_code=303)
    body = service_description.render(rt, endpoint_iri(request, rt), offer.format)
    return Response(body, media_type=negotiation.content_type(offer.media_type),
                    headers={"Vary": "Accept"})
