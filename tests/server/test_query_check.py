"""``POST /check``: the editor's syntax check (a parse, nothing run), its positions in the
editor's own lines and columns, the undeclared prefix named, refusals as a run gives them."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from kyotei.server.pages.gallery import with_prologue
from kyotei.server.pages.query_check import RDFLIB_CHARS, RDFLIB_OPERATORS, check
from kyotei.server.pages.routes import DEFAULT_QUERY

SKOS = "http://www.w3.org/2004/02/skos/core#"
BASE = "https://w3id.org/kyotei/id/"


def _check(client: TestClient, text: str) -> dict[str, Any]:
    reply = client.post("/check", content=text.encode("utf-8"),
                        headers={"Content-Type": "application/sparql-query"})
    assert reply.status_code == 200, reply.text
    answer: dict[str, Any] = reply.json()
    return answer


def test_a_good_query_passes(client: TestClient) -> None:
    assert _check(client, with_prologue(DEFAULT_QUERY, BASE)) == {
        "ok": True, "form": "SELECT", "checked": True}
    assert _check(client, "ASK { ?s ?p ?o }")["form"] == "ASK"


def test_the_position_is_in_the_editors_lines_after_the_preset_prefixes(
    client: TestClient
) -> None:
    text = with_prologue(DEFAULT_QUERY, BASE).rstrip("\n") + "\nLIMT 10\n"
    lines = text.split("\n")
    answer = _check(client, text)
    assert (answer["ok"], answer["kind"]) == (False, "syntax")
    assert (answer["line"], answer["column"]) == (len(lines) - 1, 1)  # on LIMT itself
    assert lines[answer["line"] - 1].startswith("LIMT")
    assert answer["message"] == "the parser stopped at 'LIMT'"


def test_columns_count_characters_not_bytes(client: TestClient) -> None:
    text = 'SELECT ?x WHERE {\n  ?x <http://a/b> "日本語" ?y . }'
    answer = _check(client, text)
    line = text.split("\n")[1]
    assert answer["line"] == 2
    assert line[answer["column"] - 1:].startswith("?y")


def test_an_undeclared_prefix_is_named_once_with_its_namespace(client: TestClient) -> None:
    text = "SELECT ?x WHERE {\n  ?x skos:prefLabel ?y }"
    answer = _check(client, text)
    assert answer == {"ok": False, "kind": "syntax", "message": "undeclared prefix 'skos'",
                      "line": 2, "column": 6, "prefix": "skos", "namespace": SKOS}
    unknown = _check(client, "PREFIX a: <http://a/>\nSELECT * { ?x a:b ?y ; zz:c ?z }")
    assert (unknown["prefix"], unknown["namespace"], unknown["line"], unknown["column"]) == (
        "zz", None, 2, "SELECT * { ?x a:b ?y ; zz:c ?z }".index("zz:") + 1)


def test_what_a_run_would_refuse_is_refused_here(client: TestClient) -> None:
    service = _check(client, "SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert (service["ok"], service["kind"], service["line"]) == (False, "refused", None)
    assert service["message"].startswith("SERVICE is not allowed")
    outside = _check(client, "SELECT * FROM <http://example.org/g> { ?s ?p ?o }")
    assert outside["kind"] == "refused" and "<http://example.org/g>" in outside["message"]
    update = _check(client, "INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }")
    assert update["kind"] in ("syntax", "refused") and not update["ok"]


def test_nothing_is_evaluated() -> None:
    """Queries whose evaluation would not finish (nor fit in memory) are only parsed."""
    values = " ".join(str(i) for i in range(250))  # 250^3 rows if evaluated
    text = (f"SELECT * {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} "
            f"VALUES ?c {{ {values} }} }} ORDER BY ?a")
    ask = text.replace("SELECT *", "ASK").replace(" ORDER BY ?a", "")
    for query, form in ((text, "SELECT"), (ask, "ASK")):
        assert len(query) <= RDFLIB_CHARS
        answer = check(query, base_iri="http://127.0.0.1/sparql", max_depth=64,
                       max_chain=1000, prefixes={})
        assert answer == {"ok": True, "form": form, "checked": True}


def test_a_long_text_is_left_to_the_run(client: TestClient) -> None:
    text = "SELECT * WHERE { ?s ?p ?o " + "#" * RDFLIB_CHARS + "\n"
    assert _check(client, text) == {
        "ok": True, "form": "SELECT", "checked": False,
        "message": f"longer than {RDFLIB_CHARS} characters: checked when run"}


def test_a_long_chain_of_operators_is_left_to_the_run(client: TestClient) -> None:
    terms = " * ".join(["(1+?o)"] * (RDFLIB_OPERATORS // 2 + 1))
    text = f"SELECT * WHERE {{ ?s ?p ?o FILTER({terms} > 1) }}"
    assert len(text) <= RDFLIB_CHARS
    assert _check(client, text) == {
        "ok": True, "form": "SELECT", "checked": False,
        "message": f"more than {RDFLIB_OPERATORS} operators: checked when run"}


@pytest.mark.parametrize("body", [b"", b"   ", "SELECT".encode("utf-16")])
def test_bad_bodies_are_400(client: TestClient, body: bytes) -> None:
    reply = client.post("/check", content=body,
                        headers={"Content-Type": "application/sparql-query"})
    assert reply.status_code == 400
