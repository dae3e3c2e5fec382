"""The screen: a lexer that finds what must not run, wherever it hides, without a parse."""

from __future__ import annotations

from typing import Any

import pytest

from kyotei.server.engine.screen import ScreenError, screen, screen_query, tokens

LIMITS: dict[str, Any] = {"base_iri": "http://localhost/sparql", "max_depth": 16, "max_chain": 50}


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokens(text)]


def test_lexer_knows_strings_iris_comments_and_names() -> None:
    text = ('PREFIX ex: <http://x/#a> SELECT ?v $w WHERE { ex:a.b "x # y" ; '
            "'''SERVICE\n''' _:b1 . } # SERVICE\n 1.5e3 \"a\"@en-GB ^^ <= ")
    kinds = _kinds(text)
    assert ("iri", "<http://x/#a>") in kinds
    assert ("pname", "ex:a.b") in kinds and ("op", ".") in kinds
    assert ("string", '"x # y"') in kinds and ("string", "'''SERVICE\n'''") in kinds
    assert ("var", "?v") in kinds and ("var", "$w") in kinds
    assert ("bnode", "_:b1") in kinds and ("lang", "@en-GB") in kinds
    assert ("number", "1.5e3") in kinds and ("op", "^^") in kinds and ("op", "<=") in kinds
    assert not [k for k in kinds if k[1].upper() == "SERVICE"]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
        "select * { optional { { select * { service silent ?x { ?s ?p ?o } } } } }",
        "ASK { FILTER NOT EXISTS { SeRvIcE <http://x/> {} } }",
        "SELECT * WHERE { \\u0053ERVICE <http://x/> {} }",
        "SELECT * WHERE { ?s ?p ?o # comment\nSERVICE <http://x/> {} }",
    ],
)
def test_service_is_found_wherever_it_stands(query: str) -> None:
    with pytest.raises(ScreenError, match="SERVICE"):
        screen(query, **LIMITS)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE" }',
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # SERVICE <x>",
        "PREFIX ex: <http://e/> SELECT ?service WHERE { ?service ex:SERVICE ?o }",
    ],
)
def test_service_in_a_string_iri_comment_or_name_is_not_a_keyword(query: str) -> None:
    assert screen(query, **LIMITS).form == "SELECT"


def test_the_form_and_the_dataset_are_read_from_the_prologue() -> None:
    found = screen("BASE <http://b/> PREFIX g: <graphs/> DESCRIBE ?x FROM g:one "
                   "FROM NAMED <two> FROM NAMED g:three WHERE { ?x ?p ?o }", **LIMITS)
    assert found.form == "DESCRIBE"
    assert found.from_graphs == ("http://b/graphs/one",)
    assert found.from_named_graphs == ("http://b/two", "http://b/graphs/three")


def test_relative_from_iris_resolve_against_the_endpoint() -> None:
    found = screen("ASK FROM <data.rdf> {}", **LIMITS)
    assert found.from_graphs == ("http://localhost/data.rdf",)


@pytest.mark.parametrize(
    ("query", "syntax"),
    [
        ("SELECT * FROM undeclared:g { }", True),
        ("CLEAR ALL", True),
        ("hello", True),
        ("SELECT * WHERE " + "{" * 17 + "}" * 17, False),
        ("SELECT * { FILTER(" + " || ".join(["true"] * 52) + ") }", False),
    ],
)
def test_refusals_say_whether_the_query_is_malformed(query: str, syntax: bool) -> None:
    with pytest.raises(ScreenError) as caught:
        screen(query, **LIMITS)
    assert caught.value.syntax is syntax


def test_depth_counts_every_kind_of_bracket() -> None:
    assert screen("SELECT * { FILTER(((1))) ?s <p:p> [ <p:q> [ <p:r> 1 ] ] }",
                  **LIMITS).depth == 4


def test_updates_refuse_load_and_service() -> None:
    for update in ("LOAD <http://x/>", "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> {} }"):
        with pytest.raises(ScreenError):
            screen(update, update=True, **LIMITS)
    assert screen("INSERT DATA { <a:b> <a:c> 'load' }", update=True,
                  **LIMITS).form == "UPDATE"


def test_a_pass_is_kept_and_a_refusal_is_raised_every_time() -> None:
    query = "SELECT ?s FROM <http://x/g> WHERE { ?s ?p ?o }"
    first = screen_query(query, **LIMITS)
    assert first.form == "SELECT" and first.from_graphs == ("http://x/g",)
    assert screen_query(query, **LIMITS) is first  # kept: the lexer did not run again
    assert screen_query(query, **{**LIMITS, "max_depth": 15}) is not first  # other limits
    refused = "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(ScreenError, match="SERVICE"):
            screen_query(refused, **LIMITS)
