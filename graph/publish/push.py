"""Publish a built snapshot into a remote store over the SPARQL 1.1 Graph Store Protocol.

kyotei does not become a distributed database; it publishes into one (Virtuoso, Fuseki,
GraphDB, QLever …). Every graph of the snapshot is written — each source document's asserted
graph, ``common``, ``identity``, the inferred graph, and ``asserted``: the union of the
asserted graphs, which a remote query uses as its default graph (the embedded store's
default graph holds exactly that) — atomically as far as the protocol allows:

1. every graph is PUT into a *staging* graph (``<final>.staging-<snapshot id>``);
2. only when every staging PUT succeeded are the final graphs replaced: with a SPARQL Update
   endpoint, by one request of ``MOVE`` operations (one transaction where the store makes an
   update request one); without one, by PUTting each final graph and deleting the staging.

A failure in step 1 deletes what was staged and leaves the final graphs untouched.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pyoxigraph as ox

from kyotei.graph.publish.snapshot import Snapshot

__all__ = ["PushError", "PushTarget", "plan_graphs", "push_snapshot"]

log = logging.getLogger(__name__)

ASSERTED_UNION = "asserted"
_NT = "application/n-triples"
_NEWLINE = b"\n"


class PushError(RuntimeError):
    """The store refused a request: the message names the graph, the status and the reason."""


@dataclass(frozen=True, slots=True)
class PushTarget:
    """Where to push: a Graph Store endpoint, optionally a SPARQL Update endpoint."""

    endpoint: str  # Graph Store Protocol, e.g. http://host:8890/sparql-graph-crud-auth
    update: str | None = None  # SPARQL 1.1 Update, e.g. http://host:8890/sparql-auth
    graph_prefix: str | None = None  # default: the snapshot's <base>graph/
    token: str | None = None  # bearer token
    user: str | None = None  # HTTP digest authentication (Virtuoso's *-auth endpoints)
    password: str | None = None
    timeout: float = 300.0
    headers: dict[str, str] = field(default_factory=dict)

    def client(self) -> httpx.Client:
        headers = dict(self.headers)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        auth = httpx.DigestAuth(self.user, self.password or "") if self.user else None
        return httpx.Client(headers=headers, auth=auth, timeout=self.timeout)


def plan_graphs(snapshot: Snapshot, prefix: str | None = None) -> dict[str, bytes]:
    """Final graph IRI → its triples as N-Triples, for every graph of the snapshot."""
    base_graph = f"{snapshot.base_iri}graph/"
    prefix = prefix or base_graph
    store = ox.Store()
    store.bulk_load(path=str(snapshot.asserted_path), format=ox.RdfFormat.TRIG)
    inferred = ox.NamedNode(f"{base_graph}inferred")
    store.bulk_load(path=str(snapshot.inferred_path), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=inferred)
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    union: set[ox.Triple] = set()
    for quad in store:
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        name = quad.graph_name
        if isinstance(name, ox.NamedNode):
            by_graph[name.value].append(triple)
            if name != inferred:
                union.add(triple)
        else:
            union.add(triple)
    by_graph[f"{base_graph}{ASSERTED_UNION}"] = sorted(union, key=str)

    def final(name: str) -> str:
        return prefix + name.removeprefix(base_graph) if name.startswith(base_graph) else name

    return {final(name): _ntriples(triples) for name, triples in sorted(by_graph.items())}


def _ntriples(triples: list[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return data or b""


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code >= 400:
        body = response.text.strip().splitlines()
        reason = body[0][:300] if body else response.reason_phrase
        raise PushError(f"{what}: HTTP {response.status_code} from {response.url}: {reason}")


def push_snapshot(snapshot: Snapshot, target: PushTarget,
                  progress: Callable[[str], None] | None = None) -> list[str]:
    """Write every graph of ``snapshot`` to ``target`` (staging first); the final graph IRIs."""
    say = progress or (lambda _msg: None)
    graphs = plan_graphs(snapshot, target.graph_prefix)
    suffix = f".staging-{snapshot.id}"
    staged: list[str] = []
    with target.client() as client:
        try:
            for name, data in graphs.items():
                say(f"staging {name} ({data.count(_NEWLINE)} triples)")
                try:
                    response = client.put(target.endpoint, params={"graph": name + suffix},
                                          content=data, headers={"Content-Type": _NT})
                except httpx.HTTPError as err:
                    raise PushError(
                        f"staging {name}: cannot reach {target.endpoint}: {err}") from None
                staged.append(name + suffix)
                _check(response, f"staging {name}")
        except PushError:
            _drop(client, target, staged)
            raise
        say("replacing the final graphs")
        if target.update:
            ops = " ;\n".join(f"MOVE SILENT <{name}{suffix}> TO <{name}>" for name in graphs)
            try:
                response = client.post(target.update, data={"update": ops})
            except httpx.HTTPError as err:
                raise PushError(f"replacing: cannot reach {target.update}: {err}") from None
            _check(response, "replacing the final graphs (SPARQL Update MOVE)")
        else:
            for name, data in graphs.items():
                response = client.put(target.endpoint, params={"graph": name}, content=data,
                                      headers={"Content-Type": _NT})
                _check(response, f"replacing {name}")
            _drop(client, target, staged)
    log.info("pushed %d graphs of snapshot %s to %s", len(graphs), snapshot.id, target.endpoint)
    return list(graphs)


def _drop(client: httpx.Client, target: PushTarget, staged: list[str]) -> None:
    """Delete staging graphs; a graph already gone (404) is fine, other failures are logged."""
    for name in staged:
        try:
            response = client.delete(target.endpoint, params={"graph": name})
        except httpx.HTTPError as err:
            log.warning("could not delete staging graph %s: %s", name, err)
            continue
        if response.status_code >= 400 and response.status_code != 404:
            log.warning("could not delete staging graph %s: HTTP %d", name, response.status_code)
