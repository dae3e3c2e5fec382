"""Linked-data pages: every IRI under the base dereferences, as HTML or RDF by Accept."""

from __future__ import annotations

import dataclasses
import html
import html.parser
import io
import typing
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kyotei.graph.model.namespaces import KYOTEI, PROV, RDF, SKOS
from kyotei.server import errors
from kyotei.server.errors import NotAcceptableError
from kyotei.server.pages import linked_data as ld
from kyotei.server.pages import routes as pages

TURTLE = "text/turtle"
JSONLD = "application/ld+json"
NTRIPLES = "application/n-triples"
PARSE = {TURTLE: ox.RdfFormat.TURTLE, JSONLD: ox.RdfFormat.JSON_LD,
         NTRIPLES: ox.RdfFormat.N_TRIPLES}


def _store(app: FastAPI) -> ox.Store:
    store: ox.Store = app.state.serving.current().store
    return store


def _base(app: FastAPI) -> str:
    base: str = app.state.serving.current().base_iri
    return base


def _select(app: FastAPI, body: str) -> list[ox.QuerySolution]:
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in ld.prefixes(_base(app)).items())
    result = _store(app).query(prologue + body)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def _path(app: FastAPI, iri: str) -> str:
    base = _base(app)
    assert iri.startswith(base)
    return "/id/" + iri[len(base):]


class _Anchors(html.parser.HTMLParser):
    """The links of a page, and those inside tables of a given class."""

    def __init__(self, table_class: str = "") -> None:
        super().__init__()
        self.table_class = table_class
        self.depth = 0  # >0 while inside the wanted table
        self.all: list[str] = []
        self.in_table: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            classes = (found.get("class") or "").split()
            if self.depth or (self.table_class and self.table_class in classes):
                self.depth += 1
        if tag == "a" and found.get("href"):
            self.all.append(found["href"] or "")
            if self.depth:
                self.in_table.append(found["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth -= 1


def _anchors(text: str, table_class: str = "") -> _Anchors:
    parser = _Anchors(table_class)
    parser.feed(text)
    return parser


def _institution(app: FastAPI) -> str:
    rows = _select(app, """
        SELECT ?i WHERE {
          ?a kyotei:partnerInstitution ?i .
          ?i skos:prefLabel ?ja , ?en FILTER(LANG(?ja) = "ja" && LANG(?en) = "en")
        } ORDER BY ?i LIMIT 1""")
    assert rows, "the fixture needs a partner institution named in ja and en"
    node = rows[0]["i"]
    assert isinstance(node, ox.NamedNode)
    return node.value


# --- HTML -----------------------------------------------------------------------------------


def test_institution_page_lists_labels_agreements_and_partners(
    client: TestClient, app: FastAPI
) -> None:
    iri = _institution(app)
    response = client.get(_path(app, iri), headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    labels = ld.labels_of(_store(app), ox.NamedNode(iri))
    for lang in ("ja", "en"):
        assert html.escape(labels[lang], quote=False) in response.text
    expected = {
        str(row["a"].value) for row in _select(app, f"""
            SELECT DISTINCT ?a WHERE {{
              {{ ?a kyotei:partnerInstitution <{iri}> }}
              UNION {{ ?a kyotei:homeParty|kyotei:partnerParty <{iri}> }}
              UNION {{ ?u org:unitOf <{iri}> . ?a kyotei:homeParty|kyotei:partnerParty ?u }}
            }}""")
    }
    assert expected
    listed = {href for href in _anchors(response.text, "agreements").in_table
              if href.startswith("/id/agreement/")}
    assert listed == {_path(app, a) for a in expected}
    partners = {
        str(row["p"].value) for row in _select(app, f"""
            SELECT DISTINCT ?p WHERE {{
              GRAPH <{_base(app)}graph/inferred> {{ <{iri}> kyotei:hasAgreementWith ?p }} }}""")
    }
    links = set(_anchors(response.text).all)
    assert {_path(app, p) for p in partners} <= links


def test_agreement_page_shows_its_provenance(client: TestClient, app: FastAPI) -> None:
    rows = _select(app, """
        SELECT ?a ?doc ?line ?text WHERE {
          ?a a kyotei:Agreement ; prov:wasDerivedFrom ?r .
          ?r kyotei:sourceDocument ?doc ; kyotei:sourceLine ?line ; kyotei:verbatimText ?text .
        } ORDER BY ?a LIMIT 1""")
    assert rows
    row = rows[0]
    response = client.get(_path(app, row["a"].value))
    assert response.status_code == 200
    assert html.escape(row["text"].value, quote=False) in response.text
    assert f'<td class="num">{row["line"].value}</td>' in response.text
    assert _path(app, row["doc"].value) in _anchors(response.text, "provenance").in_table


def test_links_under_the_base_stay_on_this_server(client: TestClient, app: FastAPI) -> None:
    iri = _institution(app)
    page = client.get(_path(app, iri)).text
    hrefs = _anchors(page).all
    base = _base(app)
    assert not [h for h in hrefs if h.startswith(base)], "data IRIs must link to /id/…"
    local = sorted({h.split("?")[0] for h in hrefs if h.startswith("/id/")})
    assert local
    for href in local[:20]:
        assert client.get(href).status_code == 200, href


def test_unknown_iri_is_404(client: TestClient) -> None:
    for accept in ("text/html", TURTLE):
        response = client.get("/id/institution/zz/no-such-thing", headers={"Accept": accept})
        assert response.status_code == 404
    assert client.get("/id/").status_code == 404


def test_html_escapes_labels_from_the_data(client: TestClient, app: FastAPI) -> None:
    served = app.state.serving.current()  # read-only on disk: serve a writable copy here
    store, base = ox.Store(), _base(app)
    store.bulk_extend(served.store)
    app.state.serving.swap(dataclasses.replace(served, store=store))
    evil = ox.NamedNode(base + "institution/zz/escaping-test")
    label = '<script>alert("kyotei")</script> & <b>bold</b>'
    target = ox.NamedNode(_institution(app))
    quads = [
        ox.Quad(evil, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KYOTEI.Institution))),
        ox.Quad(evil, ox.NamedNode(str(SKOS.prefLabel)), ox.Literal(label, language="en")),
        ox.Quad(evil, ox.NamedNode(str(SKOS.prefLabel)), ox.Literal(label, language="ja")),
        ox.Quad(evil, ox.NamedNode(str(SKOS.altLabel)), ox.Literal('"><img src=x>')),
        ox.Quad(evil, ox.NamedNode(str(PROV.wasDerivedFrom)), target),
    ]
    for quad in quads:
        store.add(quad)
    try:
        own = client.get(_path(app, evil.value)).text
        linked = client.get(_path(app, target.value)).text  # the label as a link's text
        for page in (own, linked):
            assert "<script>alert" not in page
            assert "&lt;script&gt;alert(" in page
            assert "<b>bold" not in page
        assert "<img src=x>" not in own
    finally:
        app.state.serving.swap(served)


# --- RDF by content negotiation ---------------------------------------------------------------


def _triples(body: bytes, media: str) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(io.BytesIO(body), format=PARSE[media])}


def _asserted_about(app: FastAPI, iri: str) -> set[ox.Triple]:
    inferred = ld.inferred_graph(_base(app))
    return {ox.Triple(q.subject, q.predicate, q.object)
            for q in _store(app).quads_for_pattern(ox.NamedNode(iri), None, None, None)
            if q.graph_name != inferred}


@pytest.mark.parametrize("media", [TURTLE, JSONLD, NTRIPLES])
def test_description_by_accept(client: TestClient, app: FastAPI, media: str) -> None:
    iri = _institution(app)
    response = client.get(_path(app, iri), headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "accept" in response.headers["vary"].lower()
    got = _triples(response.content, media)
    node = ox.NamedNode(iri)
    assert {t for t in got if t.subject == node} == _asserted_about(app, iri)
    # the labels of what it links to come along
    linked = {t.object for t in got if t.subject == node and isinstance(t.object, ox.NamedNode)}
    named = {n for n in linked if any(_store(app).quads_for_pattern(n, ld.PREF_LABEL, None))}
    assert named <= {t.subject for t in got if t.predicate == ld.PREF_LABEL}


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/html;q=0.1, text/turtle;q=0.9", TURTLE),
        ("application/ld+json, text/turtle;q=0.5", JSONLD),
        ("text/*", "text/html"),
        ("*/*", "text/html"),
        ("application/n-triples;q=0.2, */*;q=0.1", NTRIPLES),
    ],
)
def test_accept_q_values(client: TestClient, app: FastAPI, accept: str, media: str) -> None:
    response = client.get(_path(app, _institution(app)), headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


def test_format_parameter_overrides_accept(client: TestClient, app: FastAPI) -> None:
    path = _path(app, _institution(app))
    response = client.get(path, params={"format": "ttl"}, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith(TURTLE)
    assert _triples(response.content, TURTLE)
    assert client.get(path, params={"format": "pdf"}).status_code == 400
    assert client.get(path, headers={"Accept": "image/png"}).status_code == 406
    alternates = response.headers["link"]
    assert 'rel="alternate"' in alternates and JSONLD in alternates


# --- without the core: a base of http://127.0.0.1:PORT/id/ -----------------------------------


@dataclass
class _Snapshot:
    store: ox.Store
    base_iri: str


@dataclass
class _Serving:
    snapshot: _Snapshot

    def current(self) -> _Snapshot:
        return self.snapshot


LOCAL_BASE = "http://127.0.0.1:8000/id/"


@pytest.fixture
def local_client() -> Any:
    store = ox.Store()
    data = f"""
        @prefix kyotei: <{KYOTEI}> . @prefix skos: <{SKOS}> .
        @prefix org: <http://www.w3.org/ns/org#> .
        <{LOCAL_BASE}institution/xx/a> a kyotei:Institution ;
            skos:prefLabel "甲大学"@ja , "A University"@en .
        <{LOCAL_BASE}institution/xx/a/unit/1> a kyotei:Faculty ;
            org:unitOf <{LOCAL_BASE}institution/xx/a> ; skos:prefLabel "工学部"@ja .
    """
    store.load(data.encode(), format=ox.RdfFormat.TURTLE)
    app = FastAPI()
    errors.install(app)
    app.state.serving = _Serving(_Snapshot(store, LOCAL_BASE))
    app.include_router(pages.router)
    with TestClient(app) as client:
        yield client


def test_a_local_base_is_served_at_its_own_path(local_client: TestClient) -> None:
    response = local_client.get("/id/institution/xx/a", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "甲大学" in response.text and "A University" in response.text
    assert "/id/institution/xx/a/unit/1" in _anchors(response.text).all
    turtle = local_client.get("/id/institution/xx/a/unit/1", headers={"Accept": TURTLE})
    got = _triples(turtle.content, TURTLE)
    unit = ox.NamedNode(LOCAL_BASE + "institution/xx/a/unit/1")
    assert ox.Triple(unit, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KYOTEI.Faculty))) in got


# --- helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/html"),
        ("", "text/html"),
        ("text/turtle", TURTLE),
        ("text/turtle;q=0", None),
        ("application/json", JSONLD),
        ("text/plain", NTRIPLES),
        ("image/png", None),
        ("text/html;q=0.5, application/*;q=0.8", JSONLD),
        ("text/turtle; charset=utf-8; q=0.7, text/html; q=0.6", TURTLE),
        ("*/*;q=0.1, text/html;q=0", TURTLE),
        ("garbage", None),
    ],
)
def test_negotiate(accept: str | None, expected: str | None) -> None:
    names = {"text/html": "html", TURTLE: "turtle", JSONLD: "jsonld", NTRIPLES: "ntriples"}
    if expected is None:
        with pytest.raises(NotAcceptableError):
            ld.choose_format(accept, None)
    else:
        assert ld.choose_format(accept, None) == names[expected]


def test_documented_format_names_are_the_ones_served() -> None:
    assert set(typing.get_args(pages.FormatName)) == set(ld.FORMAT_NAMES)


def test_iri_mapping() -> None:
    base = "https://w3id.org/kyotei/id/"
    assert ld.iri_for_rest(base, "institution/kr/x") == base + "institution/kr/x"
    assert ld.iri_for_rest(base, "") is None
    assert ld.iri_for_rest(base, "a b") is None
    assert ld.local_href(base, base + "agreement/1") == "/id/agreement/1"
    assert ld.local_href(base, "http://schema.org/Thing") == "http://schema.org/Thing"
    assert ld.local_href(LOCAL_BASE, LOCAL_BASE + "country/kr") == "/id/country/kr"


def test_a_record_without_a_line_shows_its_locator() -> None:
    # an HTML, PDF or XLSX record has a place in a table, not a line of text
    import pyoxigraph as ox

    from kyotei.server.pages.entity_view import Viewer

    base = "https://example.org/k/"
    k = "https://w3id.org/kyotei/def#"
    agreement, record = ox.NamedNode(base + "id/agreement/a1"), ox.NamedNode(base + "id/record/r1")
    store = ox.Store()
    for s, p, o in [
        (agreement, ox.NamedNode(str(RDF.type)), ox.NamedNode(k + "Agreement")),
        (agreement, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), record),
        (record, ox.NamedNode(k + "sourceLocator"), ox.Literal("table1 r11")),
        (record, ox.NamedNode(k + "verbatimText"), ox.Literal("見本大学")),
    ]:
        store.add(ox.Quad(s, p, o))
    [row] = Viewer(store, base, "en").entity(agreement.value).provenance
    assert (row.line, row.verbatim) == ("table1 r11", "見本大学")
