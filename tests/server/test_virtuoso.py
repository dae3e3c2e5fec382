"""kyotei against a real remote store: OpenLink Virtuoso open source (Debian's 7.2).

The fixture starts ``virtuoso-t`` on loopback with a fresh database in a temporary folder.
``kyotei push`` writes the fixture snapshot (staging graphs, then MOVE via SPARQL Update on
the authenticated endpoint, HTTP digest as the fresh database's ``dba``); then every gallery
query is run three ways — the embedded store, Virtuoso directly, and kyotei's server with
the remote engine — and the answers are compared as multisets of bindings, by value (a
number compares by its numeric value, since Virtuoso may type an aggregate differently).

Needs the Debian package ``virtuoso-opensource`` (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from kyotei.graph.publish.push import PushError, PushTarget, push_snapshot
from kyotei.graph.publish.snapshot import Snapshot
from kyotei.server.app import create_app
from kyotei.server.engine.remote import RemoteBackend, RemoteEngine, remote_snapshot
from kyotei.server.pages.gallery import examples, prologue
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot

pytestmark = pytest.mark.slow

FIXTURE_BUILD = Path(__file__).parent / "fixtures" / "build"
FIXTURE_SNAPSHOT_ID = "20260101T000000000000Z-f1c7e0a001"
BASE_IRI = "https://w3id.org/kyotei/id/"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def make_settings(**overrides: object) -> ServerSettings:
    values: dict[str, object] = {"workers": 1, "query_timeout_s": 30.0, "watch_interval_s": 0}
    values.update(overrides)
    return ServerSettings(**values)

VIRTUOSO = shutil.which("virtuoso-t")
if VIRTUOSO is None:
    if os.environ.get("CI"):
        raise RuntimeError("virtuoso-t is missing: .ci/run installs virtuoso-opensource")
    pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource)",
                allow_module_level=True)

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh Virtuoso on loopback; its root URL (``/sparql``, ``/sparql-auth``, …)."""
    folder = tmp_path_factory.mktemp("virtuoso")
    (folder / "vsp").mkdir()
    http = free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=free_port(), http=http),
                                         encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [str(VIRTUOSO), "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http}"
    deadline = time.monotonic() + 180
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError("virtuoso-t stopped: "
                                   + (folder / "stdout.log").read_text(errors="replace")[-2000:])
            try:
                if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).is_success:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("virtuoso-t did not answer within 180 s")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = tmp_path_factory.mktemp("vbuild") / "build"
    shutil.copytree(FIXTURE_BUILD, build)
    return build / "snapshots" / FIXTURE_SNAPSHOT_ID


# The fresh database's administrator (Virtuoso's documented initial account).
DBA = "dba"


def target(url: str, password: str = DBA) -> PushTarget:
    return PushTarget(endpoint=url + "/sparql-graph-crud-auth", update=url + "/sparql-auth",
                      user=DBA, password=password)


@pytest.fixture(scope="module")
def pushed(virtuoso: str, snapshot: Path) -> list[str]:
    graphs: list[str] = push_snapshot(Snapshot.open(snapshot), target(virtuoso))
    return graphs


def count(url: str, graph: str) -> int:
    response = httpx.post(url + "/sparql", data={
        "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/sparql-results+xml"}, timeout=30)
    response.raise_for_status()
    answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)
    assert isinstance(answer, ox.QuerySolutions)
    return int(str(getattr(next(iter(answer))["n"], "value", "")))


def value(term: object) -> str:
    """A term compared by value: a number by its numeric value (Virtuoso may give an
    aggregate another numeric type), any other literal by its lexical form with its language
    or its datatype (a plain string and an ``xsd:string`` are one value in SPARQL 1.1)."""
    if isinstance(term, ox.Literal):
        if term.datatype.value.startswith("http://www.w3.org/2001/XMLSchema#") and \
                term.datatype.value.rsplit("#", 1)[1] in {"integer", "decimal", "double",
                                                          "float", "int", "long"}:
            try:
                return f"number:{Decimal(term.value).normalize()}"
            except InvalidOperation:
                return f"number:{term.value}"
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype == "boolean":  # Virtuoso writes 1 / 0, lexical forms of true / false
            return f"boolean:{term.value in ('true', '1')}"
        if datatype in {"string", "langString"}:
            return f"literal:{term.value}@{term.language or ''}"
        return f"literal:{term.value}^^{datatype}"
    return f"{type(term).__name__}:{getattr(term, 'value', term)}"


Bindings = Counter[frozenset[tuple[str, str]]]
# SPARQL leaves the order of GROUP_CONCAT's parts unspecified (Virtuoso's differs from
# Oxigraph's): such a variable is compared as the sorted list of its parts.
_CONCAT = re.compile(r'GROUP_CONCAT\((?:[^;()]|\([^()]*\))*;\s*separator\s*=\s*"([^"]*)"\s*\)'
                     r'\s*AS\s*\?(\w+)',
                     re.IGNORECASE)


def bindings(answer: object, query: str = "") -> Bindings:
    if isinstance(answer, ox.QueryTriples | list):  # CONSTRUCT: a multiset of triples
        return Counter(frozenset({("s", value(t.subject)), ("p", value(t.predicate)),
                                  ("o", value(t.object))}) for t in answer)
    if isinstance(answer, ox.QueryBoolean):
        return Counter({frozenset({("ask", str(bool(answer)))}): 1})
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    concat = {name: sep for sep, name in _CONCAT.findall(query)}

    def one(name: str, term: object) -> str:
        text = value(term)
        if name in concat and isinstance(term, ox.Literal):
            return "parts:" + "\x1f".join(sorted(term.value.split(concat[name])))
        return text

    return Counter(frozenset((n, one(n, row[n])) for n in names if row[n] is not None)
                   for row in answer)


def read(body: bytes, accept: str, query: str) -> Bindings:
    """An HTTP answer (N-Triples, SPARQL XML or JSON results) as a multiset of bindings."""
    if accept == "application/n-triples":
        return bindings([ox.Triple(q.subject, q.predicate, q.object)
                         for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)])
    fmt = ox.QueryResultsFormat.XML if accept.endswith("xml") else ox.QueryResultsFormat.JSON
    return bindings(ox.parse_query_results(body, format=fmt), query)


def gallery() -> list[tuple[str, str]]:
    return [(e.key, prologue(e.body, BASE_IRI) + e.body) for e in examples()]


def test_push_writes_every_graph(virtuoso: str, snapshot: Path, pushed: list[str]) -> None:
    loaded = load_snapshot(snapshot, base_iri=BASE_IRI)  # kept: its folder goes with it
    embedded = loaded.store
    for graph in pushed:
        if graph.endswith("graph/asserted"):
            expected = sum(1 for _ in embedded.quads_for_pattern(None, None, None,
                                                                 ox.DefaultGraph()))
        else:
            expected = sum(1 for _ in embedded.quads_for_pattern(None, None, None,
                                                                 ox.NamedNode(graph)))
        assert count(virtuoso, graph) == expected, graph
        assert count(virtuoso, graph + f".staging-{FIXTURE_SNAPSHOT_ID}") == 0


def test_failed_push_leaves_the_final_graphs(virtuoso: str, snapshot: Path,
                                             pushed: list[str]) -> None:
    before = {g: count(virtuoso, g) for g in pushed}
    with pytest.raises(PushError, match=r"staging .*HTTP 401"):
        push_snapshot(Snapshot.open(snapshot), target(virtuoso, password=DBA + "-wrong"))
    assert {g: count(virtuoso, g) for g in pushed} == before


def test_push_without_update_endpoint_replaces_by_put(virtuoso: str, snapshot: Path,
                                                      pushed: list[str]) -> None:
    before = {g: count(virtuoso, g) for g in pushed}
    by_put = PushTarget(endpoint=virtuoso + "/sparql-graph-crud-auth", user=DBA, password=DBA)
    assert push_snapshot(Snapshot.open(snapshot), by_put) == pushed
    assert {g: count(virtuoso, g) for g in pushed} == before  # replaced, not added to
    for graph in pushed:
        assert count(virtuoso, graph + f".staging-{FIXTURE_SNAPSHOT_ID}") == 0


@pytest.mark.parametrize(("key", "query"), gallery(), ids=[k for k, _ in gallery()])
def test_gallery_agrees_three_ways(virtuoso: str, snapshot: Path, pushed: list[str],
                                   key: str, query: str) -> None:
    loaded = load_snapshot(snapshot, base_iri=BASE_IRI)
    embedded = bindings(loaded.store.query(query), query)
    construct = isinstance(loaded.store.query(query), ox.QueryTriples)
    accept = "application/n-triples" if construct else "application/sparql-results+json"
    assert sum(embedded.values()) > 0, f"{key}: the fixture gives no answer to compare"
    backend = RemoteBackend(virtuoso + "/sparql", BASE_IRI + "graph/")
    graphs = sorted(backend.named_graphs(30))
    direct = httpx.post(virtuoso + "/sparql", data={
        "query": query, "default-graph-uri": [backend.default_graph], "named-graph-uri": graphs},
        headers={"Accept": accept}, timeout=60)
    direct.raise_for_status()
    assert read(direct.content, accept, query) == embedded
    settings = make_settings()
    state = ServingState(remote_snapshot(backend, BASE_IRI, 30))
    app = create_app(settings, state, engine=RemoteEngine(settings, backend))
    with TestClient(app) as client:
        accept = "application/n-triples" if construct else "application/sparql-results+json"
        response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert read(response.content, accept, query) == embedded


def test_remote_engine_keeps_the_safety_limits(virtuoso: str, pushed: list[str]) -> None:
    backend = RemoteBackend(virtuoso + "/sparql", BASE_IRI + "graph/")
    settings = make_settings(max_result_rows=3)
    state = ServingState(remote_snapshot(backend, BASE_IRI, 30))
    app = create_app(settings, state, engine=RemoteEngine(settings, backend))
    with TestClient(app) as client:
        capped = client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o }"},
                             headers={"Accept": "application/sparql-results+json"})
        service = client.post("/sparql", data={
            "query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"})
        update = client.post("/sparql", data={"update": "CLEAR ALL"})
    assert capped.status_code == 200
    assert len(capped.json()["results"]["bindings"]) == 3
    assert service.status_code == 400
    assert update.status_code in (401, 403)


ENTITIES = """PREFIX kyotei: <https://w3id.org/kyotei/def#>
SELECT ?x WHERE { { ?x a kyotei:Agreement } UNION { ?x a kyotei:Institution }
                  UNION { ?x a kyotei:SourceRecord } } ORDER BY ?x"""


def test_entity_pages_agree_with_the_embedded_store(virtuoso: str, snapshot: Path,
                                                    pushed: list[str]) -> None:
    loaded = load_snapshot(snapshot, base_iri=BASE_IRI)
    answer = loaded.store.query(ENTITIES)
    assert isinstance(answer, ox.QuerySolutions)
    iris = [str(getattr(row["x"], "value", "")) for row in answer]
    assert len(iris) > 3
    backend = RemoteBackend(virtuoso + "/sparql", BASE_IRI + "graph/")
    settings = make_settings()
    remote = create_app(settings, ServingState(remote_snapshot(backend, BASE_IRI, 30)),
                        engine=RemoteEngine(settings, backend))
    local = create_app(settings, ServingState(loaded))
    nt = {"Accept": "application/n-triples"}
    with TestClient(remote) as far, TestClient(local) as near:
        for iri in iris[::7]:  # a sample: each page is several queries to the store
            path = "/id/" + iri.removeprefix(BASE_IRI)
            got, want = far.get(path, headers=nt), near.get(path, headers=nt)
            assert (got.status_code, want.status_code) == (200, 200), iri
            assert read(got.content, "application/n-triples", "") == \
                read(want.content, "application/n-triples", ""), iri
            assert far.get(path, headers={"Accept": "text/html"}).status_code == 200
        missing = far.get("/id/institution/xx/nothing-here", headers=nt)
        download = far.get("/downloads/kyotei.nt")
    assert missing.status_code == 404
    assert download.status_code == 503
    assert "remote store" in download.text


def test_analytics_agree_with_the_embedded_store(virtuoso: str, snapshot: Path,
                                                 pushed: list[str]) -> None:
    backend = RemoteBackend(virtuoso + "/sparql", BASE_IRI + "graph/")
    settings = make_settings()
    remote = create_app(settings, ServingState(remote_snapshot(backend, BASE_IRI, 30)),
                        engine=RemoteEngine(settings, backend))
    local = create_app(settings, ServingState(load_snapshot(snapshot, base_iri=BASE_IRI)))
    with TestClient(remote) as far, TestClient(local) as near:
        got, want = far.get("/analytics"), near.get("/analytics")
    assert (got.status_code, want.status_code) == (200, 200)
    assert want.json()["agreements"] > 0
    assert got.json() == want.json()

