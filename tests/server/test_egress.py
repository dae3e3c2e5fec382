"""No query that reaches the endpoint makes the engine contact anything: the bypass shapes
that got past the old lexical screen, and a fuzzed set, against a loopback canary.

Three depths stop them: the lexical pre-check, the parse-tree screen in the worker, and the
worker's seccomp filter. This file checks the outcome (the canary is never contacted, the
server never fails) whichever depth refuses.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyotei.server.app import create_app
from kyotei.server.state import ServingState, load_snapshot
from tests.server.conftest import BASE_IRI, FIXTURE_BUILD, FIXTURE_SNAPSHOT_ID, make_settings
from tests.server.test_safety import Canary

PREFIX = "PREFIX ex: <http://example.org/> "
BYPASSES = {
    # a name the lexer misreads, so that it takes the rest of the line for a comment
    "middle dot before #": PREFIX + "SELECT * WHERE {{ ?s ?p ex:a·\\# SERVICE <{url}> "
    "{{ ?s ?p ?o }} }}",
    "combining mark before #": PREFIX + "SELECT * WHERE {{ ?s ?p ex:a\u0301\\# SERVICE <{url}> "
    "{{ ?s ?p ?o }} }}",
    "escape in the keyword": "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "escape in a name": PREFIX + "SELECT * WHERE {{ ?s ?p ex:a\\-b . SERVICE <{url}> "
    "{{ ?s ?p ?o }} }}",
    "escaped IRI": "SELECT * WHERE {{ SERVICE <\\u0068ttp://{host}/> {{ ?s ?p ?o }} }}",
    "string naming SERVICE": "SELECT * WHERE {{ ?s ?p \"SERVICE <{url}> {{ }}\" }}",
    "long string": "SELECT * WHERE {{ ?s ?p '''x\n SERVICE <{url}> {{ }} ''' }}",
    "comment": "SELECT * WHERE {{ ?s ?p ?o # SERVICE <{url}> {{ }}\n }}",
    "subquery": "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "optional": "SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "minus": "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "exists": "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "not exists": "ASK {{ FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "lower case": "select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
    "silent": "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "variable": "SELECT * WHERE {{ BIND(<{url}> AS ?x) SERVICE ?x {{ ?s ?p ?o }} }}",
    "values": "SELECT * WHERE {{ VALUES ?x {{ <{url}> }} SERVICE ?x {{ ?s ?p ?o }} }}",
    "prefixed": "PREFIX c: <{url}> SELECT * WHERE {{ SERVICE c: {{ ?s ?p ?o }} }}",
    "relative to BASE": "BASE <{url}> SELECT * WHERE {{ SERVICE <x> {{ ?s ?p ?o }} }}",
    "FROM": "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "FROM after a misread name": PREFIX + "SELECT * FROM ex:a·\\#\nFROM <{url}> "  # noqa: S608
    "WHERE {{ ?s ?p ?o }}",
    "tab and form feed": "SELECT * WHERE {{\tSERVICE\x0c<{url}>\t{{ ?s ?p ?o }} }}",
}
HARMLESS = frozenset({"string naming SERVICE", "long string", "comment"})


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    found = Canary()
    yield found
    found.close()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    import shutil

    build = tmp_path_factory.mktemp("egress") / "build"
    shutil.copytree(FIXTURE_BUILD, build)
    state = ServingState(load_snapshot(build / "snapshots" / FIXTURE_SNAPSHOT_ID,
                                       base_iri=BASE_IRI))
    # Generous waits: a slow machine must not turn a refusal into a 503.
    settings = make_settings(queue_timeout_s=60.0, query_timeout_s=60.0)
    with TestClient(create_app(settings, state)) as test_client:
        assert test_client.app.state.runtime.engine.prepare(state.current())  # type: ignore[attr-defined]
        yield test_client


def _send(client: TestClient, query: str) -> int:
    response = client.post("/sparql", content=query.encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query"})
    status: int = response.status_code
    assert status in (200, 400), (query, status, response.text)
    return status


@pytest.mark.parametrize("shape", sorted(BYPASSES))
def test_no_bypass_shape_reaches_the_canary(client: TestClient, canary: Canary,
                                            shape: str) -> None:
    host = canary.url.removeprefix("http://").rstrip("/")
    query = BYPASSES[shape].format(url=canary.url, host=host)
    # Text that only mentions SERVICE is a valid query and runs; everything else is refused.
    assert _send(client, query) == (200 if shape in HARMLESS else 400), shape
    time.sleep(0.05)
    assert canary.connections == []


_NAME = st.text(st.characters(codec="utf-8"), max_size=4)  # any character but surrogates
_PIECE = st.one_of(
    _NAME.map(lambda t: f"ex:a{t}"),
    _NAME.map(lambda t: f"ex:a{t}\\#"),
    _NAME.map(lambda t: f"# {t}\n"),
    _NAME.map(lambda t: f"'{t}'"),
    _NAME.map(lambda t: f'"""{t}"""'),
    st.sampled_from(["\\u0053ERVICE", "SERVICE", "service silent", "\\#", "·", "\u0301",
                     "\n", " ", "{", "}", ".", ";", "?s", "?p ?o", "<{url}>", "FROM"]),
)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(before=st.lists(_PIECE, max_size=6), after=st.lists(_PIECE, max_size=4))
def test_fuzzed_queries_never_reach_the_canary(client: TestClient, canary: Canary,
                                               before: list[str], after: list[str]) -> None:
    middle = " ".join(before).replace("<{url}>", f"<{canary.url}>")
    tail = " ".join(after).replace("<{url}>", f"<{canary.url}>")
    query = (f"{PREFIX}SELECT * WHERE {{ ?s ?p ?o . {middle} SERVICE <{canary.url}> "
             f"{{ ?s ?p ?o }} {tail} }}")
    _send(client, query)
    assert canary.connections == []
