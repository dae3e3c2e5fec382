"""The query page and a linked-data page in headless Chromium, against a live server.

Debian's ``chromium`` driven by Playwright (never ``playwright install``). Skipped, with the
reason, only when /usr/bin/chromium is missing; CI installs it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from browser_support import (
    BROWSER_MARKS,
    Console,
    assert_not_blank,
    choose_example,
    column,
    headings,
    server_rows,
    shots,
)

from kyotei.server.pages import gallery

pytestmark = BROWSER_MARKS
EXAMPLE = "01-agreements-per-country"


def test_run_an_example_sort_chart_download_and_share(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    query = choose_example(page, base_url, EXAMPLE)
    assert "kyotei:country" in query and query.startswith("PREFIX")
    assert page.locator("#highlight .tok-keyword").count() > 0  # highlighted
    expected = server_rows(base_url, query)
    variables = expected["head"]["vars"]
    bindings = expected["results"]["bindings"]
    assert bindings, "the example returns rows on the fixture"

    page.locator("#run").click()
    page.locator("table.results tbody tr").first.wait_for()
    assert page.locator("table.results tbody tr").count() == len(bindings)
    assert headings(page) == variables
    links = page.locator("table.results tbody a")
    assert links.count() > 0
    assert links.first.get_attribute("href").startswith("/id/")  # IRIs under the base

    count = variables.index("agreements")
    sort = page.locator("table.results thead th button").nth(count)
    sort.click()
    ascending = [int(v) for v in column(page, count)]
    assert ascending == sorted(ascending)
    sort.click()
    descending = [int(v) for v in column(page, count)]
    assert descending == sorted(ascending, reverse=True)
    assert page.locator("table.results thead th").nth(count).get_attribute(
        "aria-sort") == "descending"

    page.locator("#tab-chart").click()
    bars = page.locator("svg.chart g.bar")
    bars.first.wait_for()
    assert bars.count() == min(len(bindings), 40)
    widths = [float(w or 0) for w in page.locator("svg.chart g.bar rect").evaluate_all(
        "rects => rects.map(r => r.getAttribute('width'))")]
    values = sorted((int(b["agreements"]["value"]) for b in bindings), reverse=True)[:40]
    assert widths.index(max(widths)) == values.index(max(values)) == 0
    page.screenshot(path=str(shots(tmp_path) / "chart.png"), full_page=True)
    assert_not_blank(shots(tmp_path) / "chart.png")

    with page.expect_download() as download:
        page.locator('#downloads a[data-format="csv"]').click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert rows[0] == variables
    assert len(rows) - 1 == len(bindings)
    by_country = {r[0]: r[variables.index("agreements")] for r in rows[1:]}
    assert by_country == {b["country"]["value"]: b["agreements"]["value"] for b in bindings}

    shared = page.locator("#share-url").input_value()
    assert urlsplit(shared).fragment.startswith("query=")
    other = page.context.new_page()
    other_console = Console(other)
    other.goto(shared)
    other.locator("table.results tbody tr").first.wait_for()
    assert other.locator("#query").input_value() == query
    assert other.locator("table.results tbody tr").count() == len(bindings)
    page.locator("#tab-table").click()
    page.screenshot(path=str(shots(tmp_path) / "table.png"), full_page=True)
    assert_not_blank(shots(tmp_path) / "table.png")
    assert console.errors == [] and other_console.errors == []


def test_query_in_the_url_search_runs_too(page: Any, console: Console, base_url: str) -> None:
    body = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
    page.goto(base_url + "/?" + urlencode({"query": body}))
    page.locator("table.results tbody tr").first.wait_for()
    assert page.locator("#query").input_value() == body
    assert int(column(page, 0)[0]) > 0
    assert console.errors == []


def test_every_row_of_a_long_result_can_be_paged_through(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    body = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y } LIMIT 2500"
    expected = server_rows(base_url, body)["results"]["bindings"]
    assert len(expected) == 2500, "the fixture should have enough triples for 2,500 pairs"
    page.goto(base_url + "/#" + urlencode({"query": body}))
    page.locator("table.results tbody tr").first.wait_for()
    assert "2,500" in page.locator("#status").inner_text()
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 25  # the first page, at the default size
    assert page.locator(".pager .page-info").inner_text().startswith("Rows 1–25 of 2,500")
    page.locator(".pager select.page-size").select_option("1000")
    assert rows.count() == 1000
    page.locator(".pager .page-next").click()
    assert page.locator(".pager .page-info").inner_text().startswith("Rows 1,001–2,000 of 2,500")
    page.locator(".pager .page-last").click()
    assert rows.count() == 500  # rows 2,001–2,500: the page is not capped
    assert page.locator(".pager .page-next").is_disabled()
    # the last page shows the last rows the server sent (IRIs on hover)
    shown = page.locator("table.results tbody tr:last-child td a").evaluate_all(
        "links => links.map(a => a.title)")
    assert shown == [expected[-1]["a"]["value"], expected[-1]["b"]["value"]]
    page.locator(".pager .page-first").click()
    assert page.locator(".pager .page-info").inner_text().startswith("Rows 1–1,000 of 2,500")
    screenshot_path = shots(tmp_path) / "paged.png"
    page.screenshot(path=str(screenshot_path))
    assert_not_blank(screenshot_path)
    assert console.errors == [] and console.outside == []


def test_select_star_keeps_the_query_s_column_order(
    page: Any, console: Console, base_url: str
) -> None:
    body = "SELECT * WHERE { ?s ?p ?o } LIMIT 3"
    assert server_rows(base_url, body)["head"]["vars"] == ["o", "p", "s"]  # the engine's order
    page.goto(base_url + "/#" + urlencode({"query": body}))
    page.locator("table.results tbody tr").first.wait_for()
    assert headings(page) == ["s", "p", "o"]
    body = "SELECT * WHERE { ?thing <http://www.w3.org/2004/02/skos/core#notation> ?code } LIMIT 3"
    page.goto(base_url + "/#" + urlencode({"query": body}))
    page.wait_for_function("() => (document.querySelector('table.results th') || {})"
                           ".textContent?.includes('thing')")  # a function: no eval under CSP
    assert headings(page) == ["thing", "code"]
    assert console.errors == []


def test_iris_are_shown_by_their_label_in_the_chosen_language(
    page: Any, console: Console, base_url: str
) -> None:
    query = choose_example(page, base_url, EXAMPLE)
    bindings = server_rows(base_url, query)["results"]["bindings"]
    first = bindings[0]
    page.locator("#run").click()
    link = page.locator("table.results tbody tr").first.locator("td").first.locator("a")
    link.wait_for()
    page.wait_for_function(
        "text => document.querySelector('table.results tbody td a').textContent === text",
        arg=first["name_en"]["value"])
    assert link.get_attribute("title") == first["country"]["value"]  # the IRI on hover
    assert link.get_attribute("href") == "/id/" + first["country"]["value"].split("/id/", 1)[1]
    page.locator("#lang-toggle").click()  # Japanese: the same cell, its Japanese label
    page.wait_for_function(
        "text => document.querySelector('table.results tbody td a').textContent === text",
        arg=first["name_ja"]["value"])
    page.locator("#show-iris").check()  # and the IRIs themselves on demand
    assert page.locator("table.results tbody td a").first.inner_text() == (
        "id:" + first["country"]["value"].split("/id/", 1)[1])
    assert console.errors == []


def test_entity_page_from_a_result_link(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    network = next(e for e in gallery.examples() if e.key.startswith("05-"))
    choose_example(page, base_url, network.key)
    page.locator("#run").click()
    first = page.locator("table.results tbody tr a").first
    first.wait_for()
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").inner_text().strip()
    assert page.locator("table.agreements tbody tr").count() > 0
    page.locator("table.agreements thead th").nth(4).click()  # sort by signing date
    assert page.locator("table.agreements thead th").nth(4).get_attribute(
        "aria-sort") == "ascending"
    agreement = page.locator('table.agreements a[href^="/id/agreement/"]').first
    agreement.click()
    page.locator("table.provenance").wait_for()
    assert page.locator("q.verbatim").first.inner_text().strip()
    page.screenshot(path=str(shots(tmp_path) / "agreement.png"), full_page=True)
    assert_not_blank(shots(tmp_path) / "agreement.png")
    assert console.errors == []


def test_switching_to_japanese_relabels_the_page(
    page: Any, console: Console, base_url: str
) -> None:
    page.goto(base_url + "/")
    assert page.locator("#run").inner_text() == "Run"
    page.locator("#lang-toggle").click()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("#run").inner_text() == "実行"
    example = gallery.examples()[0]
    assert page.locator("button.example .ex-title").first.inner_text() == example.title["ja"]
    page.reload()  # the choice is remembered
    assert page.locator("#run").inner_text() == "実行"
    assert console.errors == []


def test_a_syntax_error_is_shown_not_thrown(page: Any, console: Console, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("#query").fill("SELECT ?x WHERE { ?x ?y }")
    page.locator("#run").click()
    page.locator(".status.error").wait_for()
    assert page.locator(".error-detail").inner_text().strip()
    assert page.locator("table.results").count() == 0
    # the browser reports the failed request itself; nothing else may go wrong
    assert all("400" in error for error in console.errors), console.errors


def test_the_filter_box_narrows_the_rows(page: Any, console: Console, base_url: str) -> None:
    query = choose_example(page, base_url, EXAMPLE)
    bindings = server_rows(base_url, query)["results"]["bindings"]
    needle = bindings[-1]["code"]["value"]
    expected = [b for b in bindings
                if any(needle.lower() in term["value"].lower() for term in b.values())]
    assert 0 < len(expected) < len(bindings)
    page.locator("#run").click()
    page.locator("table.results tbody tr").first.wait_for()
    page.locator(".table-filter").fill(needle)
    rows = page.locator("table.results tbody tr")
    assert rows.count() == len(expected)
    assert page.locator(".pager .page-info").inner_text().startswith(
        f"Rows 1–{len(expected)} of {len(expected)}")
    page.locator(".table-filter").fill("")
    assert rows.count() == len(bindings)
    assert console.errors == []
