"""``/store`` for a browser: the list of graphs and each graph's triples as HTML pages, a
page at a time, with links to entity pages; RDF clients still get the Graph Store Protocol."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from kyotei.server.pages.store_view import PAGE_SIZE

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
INFERRED = "https://w3id.org/kyotei/id/graph/inferred"


class _Rows(HTMLParser):
    """The cells of ``table.triples`` (text, and the first link's href per cell)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str | None]]] = []
        self._in_table = False
        self._cell: list[str] | None = None
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and "triples" in (found.get("class") or ""):
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag == "td":
            self._cell, self._href = [], None
        elif self._cell is not None and tag == "a" and self._href is None:
            self._href = found.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append(("".join(self._cell).strip(), self._href))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _rows(html: str) -> list[list[tuple[str, str | None]]]:
    parser = _Rows()
    parser.feed(html)
    return [row for row in parser.rows if row]


def _graph_size(client: TestClient, query: str) -> int:
    reply = client.get(f"/store?{query}", headers={"Accept": "application/n-triples"})
    assert reply.status_code == 200
    return len(list(ox.parse(reply.content, format=ox.RdfFormat.N_TRIPLES)))


def test_the_list_of_graphs_is_a_page_with_their_sizes(client: TestClient) -> None:
    page = client.get("/store?lang=en", headers=BROWSER)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "nonce-" in page.headers["content-security-policy"]
    assert page.headers["vary"].startswith("Accept")
    links = re.findall(r'class="graph-link" href="/store(\?[^"]+)"[^>]*>([^<]+)</a></td>\s*'
                       r'<td class="n">([\d,]+)</td>', page.text)
    assert links[0][:2] == ("?default", "Default graph")
    assert ("?graph=https%3A%2F%2Fw3id.org%2Fkyotei%2Fid%2Fgraph%2Finferred",
            "id:graph/inferred") in [link[:2] for link in links]
    for query, _, size in links:
        assert int(size.replace(",", "")) == _graph_size(client, query[1:].replace("&amp;", "&"))
    # an RDF client naming no graph still gets the protocol's answer
    assert client.get("/store").status_code == 400


def test_a_graph_is_shown_a_page_at_a_time(client: TestClient) -> None:
    total = _graph_size(client, "default")
    assert total > PAGE_SIZE  # the fixture's default graph spans pages
    last = -(-total // PAGE_SIZE)
    seen: list[tuple[str, str, str]] = []
    subject = ""
    for number in range(1, last + 1):
        page = client.get(f"/store?default&page={number}&lang=en", headers=BROWSER)
        assert page.status_code == 200
        rows = _rows(page.text)
        assert len(rows) == (PAGE_SIZE if number < last else total - PAGE_SIZE * (last - 1))
        first = (number - 1) * PAGE_SIZE + 1
        assert (f"triples {first}–{first + len(rows) - 1} of {total} (page {number} of {last})"
                in page.text)
        for cells in rows:
            subject = cells[0][0] or subject  # a subject is written once for its triples
            seen.append((subject, cells[1][0], cells[2][0]))
        assert ('class="next"' in page.text) == (number < last)
        assert ('class="previous"' in page.text) == (number > 1)
    assert len(seen) == total
    past = client.get(f"/store?default&page={last + 1}", headers=BROWSER)
    assert past.status_code == 404


def test_iris_link_to_their_entity_pages_by_label(client: TestClient) -> None:
    page = client.get("/store?default&lang=en", headers=BROWSER)
    rows = _rows(page.text)
    hrefs = {href for row in rows for _, href in row if href}
    local = sorted(h for h in hrefs if h.startswith("/id/"))
    assert local, "no entity page linked"
    for href in local[:5]:
        assert client.get(href, headers=BROWSER).status_code == 200
    korea = [row for row in rows if row[0][1] == "/id/country/kr"]
    assert korea and korea[0][0][0] == "Korea, Republic of"  # the label, not the IRI


def test_a_named_graph_page_and_its_rdf_links(client: TestClient) -> None:
    page = client.get("/store", params={"graph": INFERRED, "lang": "en"}, headers=BROWSER)
    assert page.status_code == 200
    assert len(_rows(page.text)) == min(PAGE_SIZE, _graph_size(client, f"graph={INFERRED}"))
    assert 'rel="alternate"; type="text/turtle"' in page.headers["link"]
    turtle = re.search(r'href="(\?graph=[^"]+&amp;format=turtle)"', page.text)
    assert turtle is not None
    reply = client.get("/store" + turtle.group(1).replace("&amp;", "&"), headers=BROWSER)
    assert reply.headers["content-type"].startswith("text/turtle")
    missing = client.get("/store", params={"graph": INFERRED + "x"}, headers=BROWSER)
    assert missing.status_code == 404
    both = client.get(f"/store?default&graph={quote(INFERRED, safe='')}", headers=BROWSER)
    assert both.status_code == 400


@pytest.mark.parametrize(("accept", "fmt", "media"), [
    ("*/*", None, "text/turtle"),
    (None, None, "text/turtle"),
    ("application/ld+json", None, "application/ld+json"),
    (BROWSER["Accept"], "ntriples", "application/n-triples"),
    ("text/turtle", "html", "text/html"),
])
def test_rdf_by_accept_or_format_html_when_asked(
    client: TestClient, accept: str | None, fmt: str | None, media: str
) -> None:
    headers: dict[str, Any] = {"Accept": accept} if accept else {}
    reply = client.get("/store?default" + (f"&format={fmt}" if fmt else ""), headers=headers)
    assert reply.status_code == 200
    assert reply.headers["content-type"].split(";")[0] == media


def test_the_language_switch_keeps_the_graph_and_page(client: TestClient) -> None:
    page = client.get("/store?default&page=2&lang=en", headers=BROWSER)
    assert 'id="lang-toggle" class="lang" href="?default&amp;page=2&amp;lang=ja"' in page.text
