"""The query page's editor in headless Chromium: completion from the ontology, the parser's
error marked where it stopped, one clear line for an undeclared prefix, Cancel, history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser_support import BROWSER_MARKS, Console, screenshot

pytestmark = BROWSER_MARKS
# 220 triples in the fixture: 220³ solutions to count take the engine a few seconds.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _type_at_end(page: Any, text: str) -> None:
    editor = page.locator("#query")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_completion_of_classes_properties_and_prefixes(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/")
    _type_at_end(page, "\n# ?x a kyotei:Agr")
    items = page.locator("#completions li .c-term")
    items.first.wait_for()
    assert items.all_inner_texts() == ["kyotei:Agreement", "kyotei:AgreementLevel"]
    assert "class" in page.locator("#completions li .c-detail").first.inner_text()
    assert page.locator("#completions li").first.get_attribute("title").startswith(
        "An exchange agreement")  # the ontology's rdfs:comment, in English
    screenshot(page, tmp_path, "completion")
    page.keyboard.press("Enter")
    assert page.locator("#completions").is_hidden()
    assert page.locator("#query").input_value().endswith("# ?x a kyotei:Agreement")
    # a property of the ontology, chosen with the arrow keys
    _type_at_end(page, " ; kyotei:partnerI")
    items.first.wait_for()
    assert items.all_inner_texts() == ["kyotei:partnerInstitution"]
    page.keyboard.press("Tab")
    assert page.locator("#query").input_value().endswith("kyotei:partnerInstitution")
    # a term whose prefix the query does not declare: its PREFIX line is added
    value = page.locator("#query").input_value()
    assert "PREFIX schema:" not in value
    _type_at_end(page, " schema:Organi")
    items.first.wait_for()
    assert items.all_inner_texts() == ["schema:Organization"]
    page.keyboard.press("Enter")
    value = page.locator("#query").input_value()
    assert "PREFIX schema: <http://schema.org/>\n" in value
    assert value.endswith(" schema:Organization")
    # prefixes after PREFIX
    _type_at_end(page, "\nPREFIX fo")
    items.first.wait_for()
    assert items.all_inner_texts() == ["foaf:"]
    page.keyboard.press("Enter")
    assert page.locator("#query").input_value().endswith("PREFIX foaf: <http://xmlns.com/foaf/0.1/>")
    page.keyboard.type(" x")
    assert page.locator("#completions").is_hidden()
    assert console.errors == []


def test_a_syntax_error_is_marked_where_the_parser_stopped(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/")
    lines = ["SELECT ?x WHERE {", "  ?x a ?y .", "  FILTER(?x = ) }"]
    page.locator("#query").fill("\n".join(lines))
    page.locator("#run").click()
    page.locator(".status.error").wait_for()
    status = page.locator("#status").inner_text()
    assert status.startswith("Error: Syntax error (line 3, column ")
    column = int(status.split("line 3, column ", 1)[1].split(")")[0])
    offset = len(lines[0]) + 1 + len(lines[1]) + 1 + column - 1
    before = page.locator("#marks").evaluate(
        "pre => pre.querySelector('mark').previousSibling.textContent.length")
    assert before == offset  # the mark starts where the parser stopped, in the user's text
    assert offset >= len(lines[0]) + len(lines[1]) + 2  # on the third line
    page.locator("#go-to-error").click()
    assert page.locator("#query").evaluate("t => t.selectionStart") == offset
    screenshot(page, tmp_path, "syntax-error")
    page.keyboard.type("1")  # editing clears the mark
    assert page.locator("#marks mark").count() == 0
    assert all("400" in error for error in console.errors), console.errors


def test_an_undeclared_prefix_gets_one_clear_line(
    page: Any, console: Console, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/")
    page.locator("#query").fill("SELECT ?x WHERE { ?x foo:bar ?y }")
    page.locator("#run").click()
    page.locator(".status.error").wait_for()
    assert page.locator("#status").inner_text() == (
        "Error: Unknown prefix `foo:` — declare it with PREFIX foo: <…> (line 1, column 29)")
    assert page.locator(".error-detail").is_hidden()  # the grammar dump stays folded
    before = page.locator("#marks").evaluate(
        "pre => pre.querySelector('mark').previousSibling.textContent.length")
    assert before == "SELECT ?x WHERE { ?x foo:bar ?y }".index("foo:")  # the name is marked
    assert page.locator("#marks mark").text_content() == "foo:bar"
    assert page.locator("#declare-prefix").count() == 0  # no namespace known for foo:
    # a prefix kyotei knows: one click declares it, and the query then runs
    page.locator("#query").fill("SELECT ?x ?name WHERE { ?x skos:prefLabel ?name } LIMIT 2")
    page.locator("#run").click()
    page.locator("#declare-prefix").wait_for()
    assert page.locator("#status").inner_text().startswith(
        "Error: Unknown prefix `skos:` — declare it with PREFIX skos: "
        "<http://www.w3.org/2004/02/skos/core#>")
    screenshot(page, tmp_path, "unknown-prefix")
    page.locator("#declare-prefix").click()
    assert page.locator("#query").input_value().startswith(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT")
    page.locator("#run").click()
    page.locator("table.results tbody tr").first.wait_for()
    assert page.locator("table.results tbody tr").count() == 2
    assert all("400" in error for error in console.errors), console.errors


def test_cancel_stops_waiting_for_a_slow_query(page: Any, console: Console, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("#cancel").is_hidden()
    page.locator("#query").fill(SLOW)
    page.locator("#run").click()
    page.locator("#cancel").wait_for()
    assert page.locator("#run").is_disabled()
    page.locator("#cancel").click()
    page.locator(".status.error").wait_for()
    assert page.locator("#status").inner_text() == "Error: Query cancelled."
    assert page.locator("#cancel").is_hidden()
    assert page.locator("#run").is_enabled()
    assert page.locator("table.results").count() == 0
    assert console.errors == []


def test_history_keeps_the_last_queries_and_loads_them_back(
    page: Any, console: Console, base_url: str
) -> None:
    page.goto(base_url + "/")
    first = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
    second = "ASK { ?s ?p ?o }"
    for query in (first, second):
        page.locator("#query").fill(query)
        page.locator("#run").click()
        page.locator("#status.ok").wait_for()
    page.locator("#history summary").click()
    entries = page.locator("#history-list button.history-entry")
    assert entries.count() == 2
    assert entries.locator("code").all_inner_texts() == [second, first]  # newest first
    assert "1 rows" in entries.nth(1).inner_text()
    entries.nth(1).click()
    assert page.locator("#query").input_value() == first
    page.reload()  # kept in this browser
    page.locator("#history summary").click()
    assert page.locator("#history-list button.history-entry").count() == 2
    kept = page.evaluate("""async () => {
        const history = await import('/static/history.js');
        for (let i = 0; i < 60; i += 1) history.remember(`SELECT * WHERE { ?s ?p ${i} }`, i);
        return history.loadHistory().map((e) => e.query);
    }""")
    assert len(kept) == 50 and kept[0].endswith("59 }") and kept[-1].endswith("10 }")
    page.locator("#history-clear").click()
    assert page.locator("#history-list button.history-entry").count() == 0
    assert console.errors == []
