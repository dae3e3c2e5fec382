"""Result writers (with the row cap) and content negotiation, without HTTP."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyotei.server.engine.results import (
    SOLUTION_FORMATS,
    count_rows,
    engine_solutions,
    used_prefixes,
    write_boolean,
    write_solutions,
    write_triples,
)
from kyotei.server.errors import NotAcceptableError
from kyotei.server.protocol import negotiation

SRX = "{http://www.w3.org/2005/sparql-results#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATA = """
<http://e/a> <http://e/p> "plain, with \\"quotes\\"\\nand a line" .
<http://e/a> <http://e/p> "tab\\there"@en .
<http://e/a> <http://e/p> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://e/a> <http://e/p> _:b .
"""
QUERY = "SELECT ?o ?none WHERE { <http://e/a> <http://e/p> ?o } ORDER BY STR(?o)"


def _solutions() -> ox.QuerySolutions:
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.N_TRIPLES)
    result = store.query(QUERY)
    assert isinstance(result, ox.QuerySolutions)
    return result


def test_json_results_keep_types_languages_and_unbound() -> None:
    written = write_solutions(_solutions(), "json", 100)
    doc = json.loads(written.body)
    assert doc["head"]["vars"] == ["o", "none"]
    objects = [row["o"] for row in doc["results"]["bindings"]]
    assert all("none" not in row for row in doc["results"]["bindings"])
    assert {"type": "literal", "value": "7",
            "datatype": "http://www.w3.org/2001/XMLSchema#integer"} in objects
    assert {"type": "literal", "value": "tab\there", "xml:lang": "en"} in objects
    assert any(o["type"] == "bnode" for o in objects)
    assert (written.count, written.truncated) == (4, False)


def test_xml_results_parse_back() -> None:
    root = ET.fromstring(write_solutions(_solutions(), "xml", 100).body)  # noqa: S314
    assert [v.get("name") for v in root.iter(SRX + "variable")] == ["o", "none"]
    literals = list(root.iter(SRX + "literal"))
    assert {lit.text for lit in literals} == {'plain, with "quotes"\nand a line', "tab\there",
                                              "7"}
    assert [lit.get(XML_LANG) for lit in literals if lit.text == "tab\there"] == ["en"]
    assert len(list(root.iter(SRX + "bnode"))) == 1


def test_csv_quotes_what_needs_quoting() -> None:
    body = write_solutions(_solutions(), "csv", 100).body.decode()
    assert "\r\n" in body
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0] == ["o", "none"]
    values = {row[0] for row in rows[1:]}
    assert 'plain, with "quotes"\nand a line' in values and "7" in values
    assert all(row[1] == "" for row in rows[1:])


def test_tsv_writes_terms_and_escapes_tabs() -> None:
    lines = write_solutions(_solutions(), "tsv", 100).body.decode().split("\n")
    assert lines[0] == "?o\t?none"
    rows = [line.split("\t") for line in lines[1:] if line]
    assert all(len(row) == 2 for row in rows)
    assert ['"tab\\there"@en', ""] in rows
    assert ['"7"^^<http://www.w3.org/2001/XMLSchema#integer>', ""] in rows


def test_the_row_cap_cuts_and_says_so() -> None:
    written = write_solutions(_solutions(), "json", 2)
    assert (written.count, written.truncated) == (2, True)
    assert len(json.loads(written.body)["results"]["bindings"]) == 2
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.N_TRIPLES)
    triples = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(triples, ox.QueryTriples)
    graph = write_triples(triples, "ntriples", 3)
    assert (graph.count, graph.truncated) == (3, True)
    assert len(graph.body.decode().splitlines()) == 3


def test_booleans() -> None:
    assert json.loads(write_boolean(True, "json").body) == {"head": {}, "boolean": True}
    root = ET.fromstring(write_boolean(False, "xml").body)  # noqa: S314
    assert [b.text for b in root.iter(SRX + "boolean")] == ["false"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
        ("text/tab-separated-values;q=0.9, text/csv;q=0.8", "text/tab-separated-values"),
        ("application/*;q=0.2, text/csv;q=0.1", "application/sparql-results+json"),
        ("application/xml", "application/xml"),
        ("*/*;q=0, text/csv", "text/csv"),
        ("text/csv;q=0", None),
        ("image/png", None),
        ("application/sparql-results+json;q=abc, text/csv;q=0.1", "text/csv"),
    ],
)
def test_negotiate_results(accept: str | None, expected: str | None) -> None:
    chosen = negotiation.negotiate(accept, negotiation.RESULTS)
    assert (chosen.media_type if chosen else None) == expected


def test_aliases_never_match_wildcards() -> None:
    chosen = negotiation.negotiate("text/*", negotiation.GRAPH)
    assert chosen is not None and chosen.media_type == "text/turtle"
    only_plain = negotiation.negotiate("text/plain", negotiation.GRAPH)
    assert only_plain is not None and only_plain.format == "ntriples"


def test_format_names_and_media_types_override_accept() -> None:
    assert negotiation.choose("text/csv, */*;q=0.1", "json", "results",
                              negotiation.RESULTS).format == "json"
    # an Accept that names a served format and does not admit format='s wins
    assert negotiation.choose("text/csv", "json", "results", negotiation.RESULTS).format == "csv"
    assert negotiation.choose(None, "xml", "graph", negotiation.GRAPH).format == "rdfxml"
    assert negotiation.choose(None, "text/turtle", "graph", negotiation.GRAPH).format == "turtle"
    with pytest.raises(NotAcceptableError):
        negotiation.choose(None, "csv", "graph", negotiation.GRAPH)


TRICKY = """
<http://e/a> <http://e/p> "a},{\\"b\\"\\n<result>\\tc" .
<http://e/a> <http://e/p> "x\\r\\ny,z"@en .
<http://e/a> <http://e/p> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://e/a> <http://e/p> _:b .
"""


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_engine_writes_solutions_and_they_are_counted(fmt: str) -> None:
    store = ox.Store()
    store.load(TRICKY.encode(), format=ox.RdfFormat.N_TRIPLES)
    query = "SELECT ?o ?none WHERE { <http://e/a> <http://e/p> ?o }"
    written = engine_solutions(store.query(query), fmt, 100)
    assert written is not None and (written.count, written.truncated) == (4, False)
    if fmt == "csv":  # the engine cannot read CSV back (it is lossy)
        rows = list(csv.reader(io.StringIO(written.body.decode(), newline="")))
        assert len(rows) == 5 and "x\r\ny,z" in {row[0] for row in rows}
    else:
        parsed = ox.parse_query_results(written.body, format=SOLUTION_FORMATS[fmt])
        assert isinstance(parsed, ox.QuerySolutions)
        assert len(list(parsed)) == 4
    empty = engine_solutions(store.query("SELECT ?x WHERE { FILTER(false) }"),
                             fmt, 100)
    assert empty is not None and empty.count == 0


# Literals made of the characters that frame a JSON row, so that a string can end the way a
# row starts ("[{", "},{") or hold an empty object.
FRAMING = st.text(alphabet='[]{},":\\ab', max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["x", "y2", "_z"]), FRAMING), max_size=6),
       st.booleans())
def test_json_rows_are_counted_from_the_bytes_as_a_parser_counts_them(
        rows: list[tuple[str, str]], unbound: bool) -> None:
    """The byte count (results._json_rows) against reading the document back, on strings
    built of the characters that frame a row, rows binding one or two variables or none."""
    values = " ".join(
        f'("{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}" '
        f"{'UNDEF' if unbound and i % 2 else '<http://e/' + name + '>'})"
        for i, (name, value) in enumerate(rows))
    query = f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {values} }} }}"
    store = ox.Store()
    written = engine_solutions(store.query(query), "json", 100)
    assert written is not None
    parsed = ox.parse_query_results(written.body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    assert written.count == len(list(parsed)) == len(rows)
    empty_rows = engine_solutions(store.query("SELECT ?a WHERE { VALUES ?a { UNDEF UNDEF } }"),
                                  "json", 100)
    assert empty_rows is not None and empty_rows.count == 2
    assert count_rows(b'{"head":{"vars":[]},"results":{"bindings":[{},{}]}}', "json") == 2


def test_over_the_cap_or_the_budget_the_engine_hands_over() -> None:
    store = ox.Store()
    store.load(TRICKY.encode(), format=ox.RdfFormat.N_TRIPLES)
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    assert engine_solutions(store.query(query), "json", 3) is None
    assert engine_solutions(store.query(query), "json", 4) is not None
    assert engine_solutions(store.query(query), "json", 100, budget=10) is None


def test_graphs_are_grouped_by_subject_then_predicate_in_the_order_of_their_terms() -> None:
    """serialize_triples sorts by subject then predicate as N-Triples (the pair compared as
    one string): a subject that is a prefix of another first, IRIs before blank nodes, the
    order of the input kept among equals; and the prefixes found in every position."""
    e, d = "http://e/", "http://www.w3.org/2001/XMLSchema#"
    terms = [ox.NamedNode(e + "a"), ox.NamedNode(e + "a/b"), ox.NamedNode(e + "a0"),
             ox.BlankNode("b"), ox.BlankNode("b1"), ox.NamedNode(e + "a#")]
    pairs = [(s, p) for s in reversed(terms) for p in ("q", "p", "p/x", "p")]
    triples = [ox.Triple(s, ox.NamedNode(e + p),
                         ox.Literal(f"{i}", datatype=ox.NamedNode(d + "int")))
               for i, (s, p) in enumerate(pairs)]
    expected = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate)))
    turtle = write_triples(iter(triples), "ntriples", 100).body.decode()  # the input order
    assert turtle.splitlines() == [f"{t} ." for t in triples]
    nquads = write_triples(iter(triples), "nquads", 100).body.decode()
    assert nquads.splitlines() == [f"{t} ." for t in expected]
    assert used_prefixes(triples, {"e": e})["e"] == e and "xsd" in used_prefixes(triples)


def test_used_prefixes_are_the_namespaces_some_iri_starts_with() -> None:
    triples = [ox.Triple(ox.NamedNode("http://e/x#1"), ox.NamedNode("http://e/p"),
                         ox.Literal("1", datatype=ox.NamedNode("http://d/int")))]
    extra = {"e": "http://e/", "ex": "http://e/x#", "d": "http://d/", "f": "http://f/",
             "ey": "http://e/y#", "z": "http://e/x#2"}
    found = used_prefixes(triples, extra)
    assert {p: ns for p, ns in found.items() if p in extra} == {
        "e": "http://e/", "ex": "http://e/x#", "d": "http://d/"}
