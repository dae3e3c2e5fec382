"""The remote engine: screened queries forwarded to a SPARQL 1.1 store (``serve --backend``).

Same interface as :class:`kyotei.server.engine.pool.QueryEngine` (``run(snapshot, job)``
and the pool life-cycle calls, which are no-ops here), same limits: the server screens the
query before it gets here (no SERVICE, no LOAD), at most ``max_concurrent_queries`` run at
once (else 429), the HTTP request is cut at ``query_timeout_s`` (503, as a stopped worker),
and the answer is parsed and re-written by the engine's own writers, so the row cap, the
formats and the truncation flag are exactly the embedded engine's.

The dataset a query sees is the embedded store's: the default graph is the asserted union
that ``kyotei push`` writes (``<prefix>asserted``), the named graphs are the store's graphs
under the prefix (staging graphs excluded). Updates are refused: the store is written by
``kyotei push`` only.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import cast

import httpx
import pyoxigraph as ox

from kyotei.server.engine import parse, results
from kyotei.server.engine.gate import AdmissionGate
from kyotei.server.engine.screen import ScreenError
from kyotei.server.engine.worker import JobReply, QueryJob
from kyotei.server.errors import (
    EngineFailureError,
    QueryTimeoutError,
    ServiceUnavailableError,
)
from kyotei.server.settings import ServerSettings
from kyotei.server.state import DatasetSource, LoadedSnapshot

logger = logging.getLogger(__name__)

__all__ = ["RemoteBackend", "RemoteEngine", "remote_snapshot"]

# JSON, not XML: pyoxigraph's XML results parser trims a literal's leading and trailing
# whitespace (a verbatim line starting with a tab loses it); its JSON parser keeps it.
_JSON = "application/sparql-results+json"
_Term = ox.NamedNode | ox.BlankNode | ox.Literal
_NT = "application/n-triples"
# Filtered by prefix in the query: Virtuoso 7.2 takes over a minute on the unfiltered form
# (it walks its own system graphs), under half a second on this one.
_GRAPHS = """SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
  FILTER(STRSTARTS(STR(?g), "{prefix}")) }}"""


@dataclass(frozen=True, slots=True)
class RemoteBackend:
    """A remote store's query endpoint and the graphs kyotei pushed there."""

    url: str  # SPARQL 1.1 query endpoint, e.g. http://host:8890/sparql
    graph_prefix: str  # e.g. https://w3id.org/kyotei/id/graph/
    token: str | None = None

    @property
    def default_graph(self) -> str:
        return self.graph_prefix + "asserted"

    def headers(self, accept: str) -> dict[str, str]:
        headers = {"Accept": accept}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def named_graphs(self, timeout: float) -> frozenset[str]:
        """The store's graphs under the prefix, but the asserted union and staging graphs."""
        if any(ch in self.graph_prefix for ch in '"\\\n<>'):
            raise ValueError(f"not a graph prefix: {self.graph_prefix!r}")
        query = _GRAPHS.format(prefix=self.graph_prefix)
        response = httpx.post(self.url, data={"query": query}, headers=self.headers(_JSON),
                              timeout=timeout)
        response.raise_for_status()
        answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        assert isinstance(answer, ox.QuerySolutions)  # noqa: S101 - a SELECT
        names = {str(getattr(row["g"], "value", "")) for row in answer}
        return frozenset(n for n in names if n.startswith(self.graph_prefix)
                         and n != self.default_graph and ".staging-" not in n)


class RemoteStore:
    """The remote dataset read by pattern, as the entity pages read a local store.

    Only :meth:`quads_for_pattern` with at least one bound term is served (one SPARQL query
    over the same dataset as :class:`RemoteEngine`'s, capped at ``max_rows`` quads and cut
    at ``timeout``); a whole-dataset read (the downloads, ``/store``, the service
    description's counts) is refused with a 503 that says so, never answered empty.
    """

    def __init__(self, backend: RemoteBackend, graphs: frozenset[str], *, timeout: float,
                 max_rows: int) -> None:
        self.backend, self.graphs, self.timeout, self.max_rows = backend, graphs, timeout, max_rows

    def query(self, query: str, *, use_default_graph_as_union: bool = False) -> ox.QuerySolutions:
        """A SELECT (kyotei's own analytics queries) over the remote dataset, as a local
        store answers it: the default graph is the asserted union."""
        if use_default_graph_as_union:
            raise ValueError("the remote dataset's default graph is the asserted union already")
        answer = ox.parse_query_results(self._post(query), format=ox.QueryResultsFormat.JSON)
        if not isinstance(answer, ox.QuerySolutions):
            raise ValueError("only SELECT queries are read from a remote store this way")
        return answer

    def _post(self, query: str) -> bytes:
        data = {"query": [query], "default-graph-uri": [self.backend.default_graph],
                "named-graph-uri": sorted(self.graphs)}
        try:
            response = httpx.post(self.backend.url, data=data, timeout=self.timeout,
                                  headers=self.backend.headers(_JSON))
        except httpx.HTTPError as err:
            raise ServiceUnavailableError(f"the store at {self.backend.url} cannot be "
                                          f"reached: {err}", retry_after_s=5) from None
        if response.status_code >= 400:
            raise EngineFailureError(f"the store answered HTTP {response.status_code}: "
                                     f"{response.text.strip()[:300]}")
        return response.content

    def quads_for_pattern(self, subject: _Term | None, predicate: _Term | None,
                          obj: _Term | None, graph: object = None) -> list[ox.Quad]:
        if subject is None and predicate is None and obj is None:
            raise ServiceUnavailableError(
                "this server reads a remote store: whole-dataset reads (downloads, /store, "
                f"counts) are not served; query {self.backend.url} directly")
        pattern = " ".join(str(t) if t is not None else f"?{v}"
                           for t, v in ((subject, "s"), (predicate, "p"), (obj, "o")))
        if isinstance(graph, ox.DefaultGraph):
            where = f"{{ {pattern} }}"
        elif isinstance(graph, ox.NamedNode):
            where = f"{{ GRAPH {graph} {{ {pattern} }} BIND({graph} AS ?g) }}"
        else:
            where = f"{{ {{ {pattern} }} UNION {{ GRAPH ?g {{ {pattern} }} }} }}"
        query = f"SELECT * WHERE {where} LIMIT {self.max_rows}"
        answer = ox.parse_query_results(self._post(query), format=ox.QueryResultsFormat.JSON)
        assert isinstance(answer, ox.QuerySolutions)  # noqa: S101 - a SELECT
        quads = []
        for row in answer:
            s = subject if subject is not None else row["s"]
            p = predicate if predicate is not None else row["p"]
            o = obj if obj is not None else row["o"]
            g = row["g"] if "g" in [v.value for v in answer.variables] else None
            if not isinstance(s, ox.NamedNode | ox.BlankNode) or not isinstance(p, ox.NamedNode):
                continue  # not a triple the store could hold (a malformed answer)
            quads.append(ox.Quad(s, p, o, g if isinstance(g, ox.NamedNode) else ox.DefaultGraph()))
        return quads


def remote_snapshot(backend: RemoteBackend, base_iri: str, timeout: float,
                    max_rows: int = 100_000) -> LoadedSnapshot:
    """A served "snapshot" that lives in the remote store: its graphs, read remotely."""
    graphs = backend.named_graphs(timeout)
    if not graphs:
        raise RuntimeError(f"{backend.url} has no graph under {backend.graph_prefix}: "
                           "run `kyotei push` first")
    logger.info("serving %d graphs of %s", len(graphs), backend.url)
    # The pages read ``store.quads_for_pattern`` only; RemoteStore answers that remotely.
    store = cast("ox.Store", RemoteStore(backend, graphs, timeout=timeout, max_rows=max_rows))
    return LoadedSnapshot(f"remote-{abs(hash(backend.url)) % 10**8:08d}", store, base_iri,
                          DatasetSource(), meta={"backend": backend.url}, named_graphs=graphs)


class RemoteEngine(AdmissionGate):
    """Runs jobs on the remote store; see the module docstring."""

    def __init__(self, settings: ServerSettings, backend: RemoteBackend) -> None:
        self.settings = settings
        self.backend = backend
        self._lock = threading.Lock()
        self._admitted = 0
        self._client = httpx.Client(timeout=settings.query_timeout_s)

    # --- the pool's life cycle: nothing to start or stop ----------------------------------
    def start(self, snapshot: LoadedSnapshot) -> None:
        """Nothing to start: the store is already running."""

    def prepare(self, snapshot: LoadedSnapshot, timeout: float = 0.0) -> bool:
        return True

    def retire_except(self, keep: LoadedSnapshot) -> None:
        """No pools to retire."""

    def close(self) -> None:
        self._client.close()

    def worker_pids(self, snapshot: LoadedSnapshot) -> list[int]:
        return []

    def status(self) -> dict[str, dict[str, object]]:
        """For ``/health``: the remote store stands in for the worker pools."""
        return {"remote": {"backend": self.backend.url, "in_flight": self.in_flight}}

    # --- running ----------------------------------------------------------------------------
    def run_admitted(self, snapshot: LoadedSnapshot, job: QueryJob,
                     cancel: threading.Event | None = None) -> JobReply:
        """Screen ``job`` by its parse tree (no worker does it here, and the remote store
        is not confined by kyotei's kernel guard), then forward it. ``cancel`` is not
        watched: the remote store stops the query at its own time limit."""
        if job.form == "UPDATE":
            return JobReply(False, error="evaluation", message="this server reads a remote "
                            "store: updates are refused (the store is written by kyotei push)")
        try:
            parse.check(job.text, base_iri=job.base_iri, update=False,
                        has_graph=snapshot.named_graphs.__contains__,
                        max_expression_depth=job.max_expression_depth,
                        max_patterns=job.max_patterns)
        except ScreenError as error:
            return JobReply(False, error="syntax" if error.syntax else "refused",
                            message=str(error))
        return self._forward(job, snapshot.named_graphs)

    def _forward(self, job: QueryJob, graphs: frozenset[str]) -> JobReply:
        solutions = job.form in ("SELECT", "ASK")
        text = f"BASE <{job.base_iri}>\n{job.text}" if job.base_iri else job.text
        default = job.default_graphs if job.default_graphs is not None \
            else (self.backend.default_graph,)
        named = job.named_graphs if job.named_graphs is not None else tuple(sorted(graphs))
        data = {"query": [text], "default-graph-uri": list(default),
                "named-graph-uri": list(named)}
        try:
            response = self._client.post(self.backend.url, data=data,
                                         headers=self.backend.headers(_JSON if solutions else _NT))
        except httpx.TimeoutException:
            limit = self.settings.query_timeout_s
            raise QueryTimeoutError(
                f"the query ran past the time limit of {limit:g} s and was stopped") from None
        except httpx.HTTPError as err:
            raise ServiceUnavailableError(f"the store at {self.backend.url} cannot be reached: "
                                          f"{err}", retry_after_s=5) from None
        if response.status_code == 400:
            return JobReply(False, error="syntax", message=response.text.strip()[:500])
        if response.status_code >= 400:
            raise EngineFailureError(f"the store answered HTTP {response.status_code}: "
                                     f"{response.text.strip()[:300]}")
        return self._rewrite(job, response.content, solutions)

    def _rewrite(self, job: QueryJob, body: bytes, solutions: bool) -> JobReply:
        """The store's answer re-written by the embedded engine's writers (row cap, formats)."""
        try:
            if solutions:
                answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
                if isinstance(answer, ox.QueryBoolean):
                    written = results.write_boolean(bool(answer), job.result_format)
                else:
                    written = results.write_solutions(answer, job.result_format, job.max_rows)
            else:
                triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
                kept = triples[:job.max_rows]
                written = results.Written(results.serialize_triples(kept, job.result_format),
                                          len(kept), len(triples) > job.max_rows)
        except (SyntaxError, ValueError) as err:
            raise EngineFailureError(f"the store's answer could not be read: {err}") from None
        return JobReply(True, written.body, written.count, written.truncated)
