"""In headless Chromium: the line and scatter views (offered by the result's shape, drawn
from the endpoint's own answer), the editor's check as you type, and ``/store`` as pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser_support import (
    BROWSER_MARKS,
    Console,
    example_rows,
    run_example,
    run_query,
    screenshot,
    tabs,
)

from kyotei.graph.model.namespaces import KYOTEI

pytestmark = BROWSER_MARKS


def test_line_of_agreements_per_year(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    rows = example_rows(page, base_url, "06")
    assert "line" in tabs(page)
    page.locator("#tab-line").click()
    page.locator("svg.line g.series").first.wait_for()
    assert page.locator("#line-x").input_value() == "year"
    drawn = page.locator("svg.line g.series").evaluate_all(
        "groups => groups.map(g => [g.dataset.series,"
        " [...g.querySelectorAll('circle.point')].map(c => [Number(c.dataset.x),"
        " Number(c.dataset.value)])])")
    expected = {series: sorted((int(r["year"]["value"]), int(r[series]["value"])) for r in rows)
                for series in ("university_level", "department_level", "agreements")}
    assert {name: [tuple(p) for p in points] for name, points in drawn} == expected
    ticks = page.locator("svg.line .x-axis .tick text").all_text_contents()
    assert ticks and all(t.isdigit() and len(t) == 4 for t in ticks)  # years, no "2,010"
    assert page.locator("svg.line .x-title").text_content() == "year"
    screenshot(page, tmp_path, "line")
    page.locator("#line-series input[value='agreements']").uncheck()
    page.locator("#line-series input[value='university_level']").uncheck()
    assert page.locator("svg.line g.series").evaluate_all(
        "gs => gs.map(g => g.dataset.series)") == ["department_level"]
    assert page.locator("svg.line .y-title").text_content() == "department_level"
    assert console.errors == []


def test_scatter_of_two_counts_with_labels_on_hover(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    rows = example_rows(page, base_url, "04")
    assert tabs(page) == ["table", "chart", "scatter"]  # no year: no line
    page.locator("#tab-scatter").click()
    page.locator("svg.scatter circle.point").first.wait_for()
    assert page.locator("#scatter-x").input_value() == "university_level"
    assert page.locator("#scatter-y").input_value() == "department_level"
    circles = page.locator("svg.scatter circle.point").evaluate_all(
        "cs => cs.map(c => [Number(c.dataset.x), Number(c.dataset.y), Number(c.dataset.n)])")
    expected: dict[tuple[int, int], int] = {}
    for r in rows:
        key = (int(r["university_level"]["value"]), int(r["department_level"]["value"]))
        expected[key] = expected.get(key, 0) + 1
    assert {(x, y): n for x, y, n in circles} == expected
    titles = page.locator("svg.scatter circle.point title").all_text_contents()
    names = {r[v]["value"] for r in rows for v in ("name_en", "name_ja") if v in r}
    assert names and all(any(name in title for name in names) for title in titles)
    screenshot(page, tmp_path, "scatter")
    assert console.errors == []


def test_line_and_scatter_only_when_they_mean_something(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    # line numbers and IRIs are no measure: nothing to plot
    run_example(page, base_url, "07")
    assert tabs(page) == ["table"]
    # a year repeated on several rows is no line (one row per x), though a timeline
    repeated = "SELECT ?year ?n WHERE { VALUES (?year ?n) { (2001 1) (2001 2) (2002 3) } }"
    run_query(page, base_url, repeated)
    page.locator("#tab-timeline").wait_for()
    assert "line" not in tabs(page) and "timeline" in tabs(page)
    # unless a category column makes (year, category) unique: one line per category
    split = ('SELECT ?year ?level ?n WHERE { VALUES (?year ?level ?n) { '
             '(2001 "university" 1) (2001 "department" 2) (2002 "university" 3) '
             '(2002 "department" 5) (2003 "university" 4) } }')
    run_query(page, base_url, split)
    page.locator("#tab-line").click()
    page.locator("svg.line g.series").first.wait_for()
    assert page.locator("#line-split").input_value() == "level"
    lines = page.locator("svg.line g.series").evaluate_all(
        "gs => gs.map(g => [g.dataset.series, [...g.querySelectorAll('circle.point')]"
        ".map(c => [Number(c.dataset.x), Number(c.dataset.value)])])")
    assert lines == [["university", [[2001, 1], [2002, 3], [2003, 4]]],
                     ["department", [[2001, 2], [2002, 5]]]]
    assert page.locator("svg.line .y-title").text_content() == "n"
    screenshot(page, tmp_path, "line-split")
    # #defaultView:LineChart opens the line, as WDQS reads it
    run_query(page, base_url, f"""#defaultView:LineChart
PREFIX kyotei: <{KYOTEI}>
SELECT ?year (COUNT(?a) AS ?n) WHERE {{ ?a kyotei:signedOn ?d BIND(YEAR(?d) AS ?year) }}
GROUP BY ?year""")
    page.locator("svg.line circle.point").first.wait_for()
    assert page.locator("#tab-line").get_attribute("aria-selected") == "true"
    assert console.errors == []


def test_errors_are_marked_as_you_type(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/?lang=en")
    editor = page.locator("#query")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nFILTER(")  # after the query's last line: the parser stops there
    page.locator("#check-note").wait_for()
    note = page.locator("#check-note").inner_text()
    text = editor.input_value()
    lines = text.split("\n")
    assert note.startswith(f"Syntax error (line {len(lines)}, column ")
    column = int(note.split("column ", 1)[1].split(")")[0])
    offset = len(text) - len(lines[-1]) + column - 1
    before = page.locator("#marks").evaluate(
        "pre => pre.querySelector('mark').previousSibling.textContent.length")
    assert before == offset  # the mark is in the editor's own lines (no preset PREFIX shift)
    assert page.locator("#status").inner_text() == ""  # nothing was run
    screenshot(page, tmp_path, "check-as-you-type")
    for _ in range(len("\nFILTER(")):
        page.keyboard.press("Backspace")
    page.locator("#check-note").wait_for(state="hidden")
    assert page.locator("#marks mark").count() == 0
    # an undeclared prefix: one line naming it, and a button that declares it
    editor.fill("")
    editor.type("SELECT ?x WHERE { ?x skos:prefLabel ?y }")
    page.locator("#check-declare").wait_for()
    assert page.locator("#check-note").inner_text().startswith(
        "Unknown prefix `skos:` — declare it with PREFIX skos: "
        "<http://www.w3.org/2004/02/skos/core#> (line 1, column 22)")
    assert page.locator("#marks mark").text_content() == "skos:prefLabel"
    screenshot(page, tmp_path, "check-prefix")
    page.locator("#check-declare").click()
    assert editor.input_value().startswith("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
    page.locator("#check-note").wait_for(state="hidden")
    assert console.errors == [] and console.outside == []


def test_store_pages_in_a_browser(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/store?lang=en")
    page.locator("a.graph-link").first.wait_for()
    screenshot(page, tmp_path, "store-graphs")
    page.locator("a.graph-link").first.click()
    page.locator("table.triples tbody tr").first.wait_for()
    assert page.locator("table.triples tbody tr").count() == 100
    first_page = page.locator("table.triples tbody").inner_text()
    screenshot(page, tmp_path, "store-default")
    page.locator("nav.store-pager a.next").first.click()
    page.locator("table.triples tbody tr").first.wait_for()
    assert page.locator("table.triples tbody").inner_text() != first_page
    assert "page 2 of" in page.locator("nav.store-pager .where").first.inner_text()
    link = page.locator('table.triples a[href^="/id/"]').first
    link.click()
    page.locator("article.entity h1").wait_for()
    assert "/id/" in page.url
    assert console.errors == [] and console.outside == []
