"""The query page's result views in headless Chromium: which views a result's shape offers,
and what each one draws (bars and their labels, the timeline's years, the map's coloured
countries, the graph's nodes), checked against the endpoint's own answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pycountry
import rdflib
from browser_support import (
    BROWSER_MARKS,
    Console,
    example_rows,
    run_example,
    run_query,
    screenshot,
    server_rows,
    tabs,
)

from kyotei.graph.model.namespaces import KYOTEI

pytestmark = BROWSER_MARKS
VENDOR = Path(__file__).parents[2] / "server" / "pages" / "static" / "vendor"


def _atlas_ids() -> set[str]:
    world = json.loads((VENDOR / "countries-110m.json").read_text("utf-8"))
    return {g["id"] for g in world["objects"]["countries"]["geometries"] if "id" in g}


def test_each_example_offers_only_the_views_its_shape_allows(
    page: Any, console: Console, base_url: str
) -> None:
    offered = {}
    for key in ("01", "02", "04", "06", "07", "08"):
        run_example(page, base_url, key)
        offered[key] = tabs(page)
    assert offered == {
        "01": ["table", "chart", "map"],  # a number by country (codes and Country IRIs)
        "02": ["table", "chart", "graph"],  # two department IRI columns: a graph
        "04": ["table", "chart", "scatter"],  # a Japanese country label, no code; two counts
        "06": ["table", "chart", "line", "scatter", "timeline"],  # counts, one row per year
        "07": ["table"],  # line numbers are no measure: nothing to chart
        "08": ["table", "graph"],  # CONSTRUCT
    }
    assert console.errors == [] and console.outside == []


def test_bar_chart_labels_fall_back_to_japanese_and_are_cut_with_an_ellipsis(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    long_name = "A very long institution name that cannot fit in the label column of a chart"
    body = (
        "SELECT ?name_ja ?name_en ?agreements WHERE { VALUES (?name_ja ?name_en ?agreements) {"
        ' ("東京の大学" UNDEF 3) ("大阪の大学" "Osaka University" 5)'
        f' ("長い名前" "{long_name}" 4) }} }}'
    )
    run_query(page, base_url, body)
    assert tabs(page) == ["table", "chart"]
    page.locator("#tab-chart").click()
    labels = page.locator("svg.chart g.bar text.label")
    labels.first.wait_for()
    assert page.locator("#chart-label").input_value() == "name_en"  # the page is in English
    texts = labels.all_text_contents()
    assert texts[0] == "Osaka University" and texts[2] == "東京の大学"  # largest first
    assert labels.nth(2).get_attribute("class") == "label fallback"  # marked: no English name
    assert labels.nth(0).get_attribute("class") == "label"
    assert texts[1].endswith("…") and long_name.startswith(texts[1][:-1])
    titles = page.locator("svg.chart g.bar title").all_text_contents()
    assert titles[1].startswith(long_name)  # the full name on hover
    assert "no English name" in page.locator(".chart-note").inner_text()
    screenshot(page, tmp_path, "chart-fallback")
    page.locator("#lang-toggle").click()  # in Japanese: the Japanese names, none missing
    page.wait_for_function("() => document.querySelector('#chart-label').value === 'name_ja'")
    assert labels.all_text_contents() == ["大阪の大学", "長い名前", "東京の大学"]
    assert page.locator("svg.chart text.fallback").count() == 0
    assert page.locator("#tab-chart").inner_text() == "グラフ"
    assert console.errors == []


def test_multi_series_chart_and_timeline_of_agreements_per_year(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    rows = example_rows(page, base_url, "06")
    years = [int(r["year"]["value"]) for r in rows]
    page.locator("#tab-timeline").click()
    drawn = page.locator("svg.timeline g.year")
    drawn.first.wait_for()
    assert drawn.count() == max(years) - min(years) + 1  # every year on the axis, gaps too
    for series in ("university_level", "department_level", "agreements"):
        values = page.locator("svg.timeline g.year").evaluate_all(
            "(groups, k) => groups.map(g => [Number(g.dataset.year),"
            " Number(g.querySelectorAll('rect')[k].dataset.value)])",
            ["university_level", "department_level", "agreements"].index(series))
        expected = {int(r["year"]["value"]): int(r[series]["value"]) for r in rows}
        assert {y: v for y, v in values if v} == {y: v for y, v in expected.items() if v}
    screenshot(page, tmp_path, "timeline")
    page.locator("#tab-chart").click()
    page.locator("#chart-series input[value='department_level']").check()
    page.locator("svg.chart g.bar").first.wait_for()
    assert page.locator("svg.chart .legend-item").all_text_contents() == [
        "department_level", "agreements"]
    assert page.locator("svg.chart g.bar").first.locator("rect").count() == 2  # two series
    assert page.locator("svg.chart g.bar text.label").all_text_contents() == [str(y) for y in years]
    screenshot(page, tmp_path, "chart-series")
    assert console.errors == []


def test_map_colours_the_countries_of_the_result(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    rows = example_rows(page, base_url, "01")
    on_atlas = _atlas_ids()
    codes = {r["code"]["value"] for r in rows}
    expected = {c for c in codes if pycountry.countries.get(alpha_2=c).numeric in on_atlas}
    assert expected, "the fixture names countries the atlas draws"
    page.locator("#tab-map").click()
    coloured = page.locator("svg.map path.has-value")
    coloured.first.wait_for()
    drawn = coloured.evaluate_all("paths => paths.map(p => p.dataset.code)")
    assert sorted(drawn) == sorted(expected)
    fills = coloured.evaluate_all("paths => paths.map(p => getComputedStyle(p).fill)")
    assert all(f != "rgb(220, 223, 229)" for f in fills)  # not the grey of no data
    assert page.locator("svg.map path.country:not(.has-value)").count() > 100
    tips = page.locator("svg.map path.has-value title").all_text_contents()
    by_code = {r["code"]["value"]: r["agreements"]["value"] for r in rows}
    assert sorted(tips) == sorted(
        f"{next(r['name_en']['value'] for r in rows if r['code']['value'] == c)} ({c}): "
        f"{by_code[c]}" for c in expected)
    assert page.locator("svg.map .legend rect").count() == 1
    screenshot(page, tmp_path, "map")
    page.locator("#map-value").select_option("")  # colour by the number of rows instead
    assert page.locator("svg.map .legend text").first.text_content() == "number of rows"
    assert console.errors == [] and console.outside == []  # the map needs no other host


def test_map_from_country_iris_alone(page: Any, console: Console, base_url: str) -> None:
    body = (f"SELECT ?place (COUNT(?a) AS ?n) WHERE {{ ?a <{KYOTEI}country> ?place }} "
            "GROUP BY ?place")
    rows = server_rows(base_url, body)["results"]["bindings"]
    run_query(page, base_url, body)
    page.locator("#tab-map").wait_for()  # the tabs follow the status once countries are known
    assert "map" in tabs(page)  # the IRIs are kyotei:Country with a skos:notation
    page.locator("#tab-map").click()
    page.locator("svg.map path.has-value").first.wait_for()
    assert page.locator("svg.map path.has-value").count() == len(rows)
    assert console.errors == []


def test_graph_view_opens_for_the_network_example_and_links_to_pages(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    query = run_example(page, base_url, "08")
    assert page.locator("#tab-graph").get_attribute("aria-selected") == "true"  # opened first
    triples = httpx.post(f"{base_url}/sparql", data={"query": query},
                         headers={"Accept": "application/n-triples"})
    graph = rdflib.Graph().parse(data=triples.text, format="nt")
    edges = list(graph.subject_objects(rdflib.URIRef(KYOTEI + "hasAgreementWith")))
    ends = {str(node) for edge in edges for node in edge}
    nodes = page.locator("svg.graph g.node")
    nodes.first.wait_for()
    assert nodes.count() == len(ends)
    assert page.locator("svg.graph .links line").count() == len(edges)
    assert sorted(nodes.evaluate_all("gs => gs.map(g => g.dataset.iri)")) == sorted(ends)
    # labels from the CONSTRUCT's own skos:prefLabel triples, in English
    label = page.locator("svg.graph g.node text").first.text_content() or ""
    english = {str(o) for o in graph.objects(None, rdflib.SKOS.prefLabel)
               if getattr(o, "language", None) == "en"}
    japanese = {str(o) for o in graph.objects(None, rdflib.SKOS.prefLabel)
                if getattr(o, "language", None) == "ja"}
    assert label.rstrip("…") and any(n.startswith(label.rstrip("…")) for n in english | japanese)
    screenshot(page, tmp_path, "graph")
    target = nodes.first.get_attribute("data-iri")
    nodes.first.locator("circle").click()
    page.wait_for_url("**/id/" + target.split("/id/", 1)[1])
    assert page.locator("h1").inner_text().strip()
    assert console.errors == []


def test_graph_from_two_iri_columns(page: Any, console: Console, base_url: str) -> None:
    rows = example_rows(page, base_url, "02")
    page.locator("#tab-graph").click()
    page.locator("svg.graph g.node").first.wait_for()
    ends = {r[v]["value"] for r in rows for v in ("department1", "department2")}
    assert page.locator("svg.graph g.node").count() == len(ends)
    assert page.locator("#graph-from").input_value() == "department1"
    assert page.locator("#graph-to").input_value() == "department2"
    assert console.errors == []


def test_default_view_comment_as_in_wdqs(page: Any, console: Console, base_url: str) -> None:
    """``#defaultView:Map`` opens the map; regions (skos:notation "asia") would rule it out."""
    body = ("#defaultView:Map\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            f"SELECT ?country ?code WHERE {{ ?country a <{KYOTEI}Country> ; skos:notation ?code }}")
    page.goto(base_url + "/#" + urlencode({"query": body}))
    page.locator("svg.map path.has-value").first.wait_for()
    assert page.locator("#tab-map").get_attribute("aria-selected") == "true"
    assert console.errors == []


def test_every_view_works_under_a_strict_content_security_policy(
    page: Any, console: Console, base_url: str
) -> None:
    """The page must keep working once the server sends a CSP without inline script or style
    (another change adds the header): here the test adds it to the page's response."""
    policy = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; object-src 'none'; base-uri 'none'")

    def with_policy(route: Any) -> None:
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": policy}
        route.fulfill(response=response, headers=headers)

    page.route(base_url + "/", with_policy)
    run_example(page, base_url, "01")
    page.locator("table.results tbody tr").first.wait_for()
    for view in ("chart", "map"):
        page.locator(f"#tab-{view}").click()
    page.locator("svg.map path.has-value").first.wait_for()
    page.locator("#lang-toggle").click()
    page.locator("#tab-chart").click()
    page.locator("svg.chart g.bar").first.wait_for()
    page.locator("#query").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# kyotei:Inst")
    page.locator("#completions li").first.wait_for()
    page.locator('button.example[data-key^="08"]').click()
    page.locator("#run").click()
    page.locator("svg.graph g.node").first.wait_for()
    assert console.errors == [] and console.outside == []
    # the policy was in force: an inline script is refused (and reported)
    blocked = page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true'; document.body.append(s);
        return window.inlineRan === undefined; }""")
    assert blocked
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in error for error in console.errors)
