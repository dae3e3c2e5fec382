"""The query page and a linked-data page in headless Chromium, against a live server.

Debian's ``chromium`` driven by Playwright (never ``playwright install``). Skipped, with the
reason, only when /usr/bin/chromium is missing; CI installs it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import matplotlib.image
import numpy as np
import pytest

from kyotei.server.pages import gallery

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                       "at /usr/bin/chromium (apt-get install chromium)"),
]
EXAMPLE = "01-agreements-per-country"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def base_url(live_server: Any) -> str:
    url = getattr(live_server, "url", live_server)
    return str(url).rstrip("/")


class Console:
    """Console errors and uncaught exceptions of a page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        accept_downloads=True, locale="en-US", viewport={"width": 1280, "height": 900}
    )
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    yield opened
    context.close()


def _server_rows(base_url: str, query: str) -> dict[str, Any]:
    response = httpx.get(f"{base_url}/sparql", params={"query": query, "format": "json"})
    response.raise_for_status()
    parsed: dict[str, Any] = json.loads(response.text)
    return parsed


def _assert_not_blank(path: Path) -> None:
    image = np.asarray(matplotlib.image.imread(str(path)))
    assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100
    colours = np.unique(image.reshape(-1, image.shape[2]), axis=0)
    assert len(colours) > 16, f"{path.name} looks blank ({len(colours)} colours)"


def _column(page: Any, index: int) -> list[str]:
    cells = page.locator(f"table.results tbody tr td:nth-child({index + 1})")
    return [text.strip() for text in cells.all_inner_texts()]


def test_run_an_example_sort_chart_download_and_share(
    page: Any, base_url: str, tmp_path: Path
) -> None:
    console = Console(page)
    page.goto(base_url + "/")
    page.locator(f'button.example[data-key="{EXAMPLE}"]').click()
    query = page.locator("#query").input_value()
    assert "kyotei:country" in query and query.startswith("PREFIX")
    assert page.locator("#highlight .tok-keyword").count() > 0  # highlighted
    expected = _server_rows(base_url, query)
    variables = expected["head"]["vars"]
    bindings = expected["results"]["bindings"]
    assert bindings, "the example returns rows on the fixture"

    page.locator("#run").click()
    page.locator("table.results tbody tr").first.wait_for()
    assert page.locator("table.results tbody tr").count() == len(bindings)
    headings = page.locator("table.results thead th").all_inner_texts()
    assert [h.replace("↕", "").strip() for h in headings] == variables
    links = page.locator("table.results tbody a")
    assert links.count() > 0
    assert links.first.get_attribute("href").startswith("/id/")  # IRIs under the base

    count = variables.index("agreements")
    sort = page.locator("table.results thead th button").nth(count)
    sort.click()
    ascending = [int(v) for v in _column(page, count)]
    assert ascending == sorted(ascending)
    sort.click()
    descending = [int(v) for v in _column(page, count)]
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
    page.screenshot(path=str(tmp_path / "chart.png"), full_page=True)
    _assert_not_blank(tmp_path / "chart.png")

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
    page.screenshot(path=str(tmp_path / "table.png"), full_page=True)
    _assert_not_blank(tmp_path / "table.png")
    assert console.errors == [] and other_console.errors == []


def test_query_in_the_url_search_runs_too(page: Any, base_url: str) -> None:
    console = Console(page)
    body = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
    page.goto(base_url + "/?" + urlencode({"query": body}))
    page.locator("table.results tbody tr").first.wait_for()
    assert page.locator("#query").input_value() == body
    assert int(_column(page, 0)[0]) > 0
    assert console.errors == []


def test_a_long_result_is_capped_in_the_page_not_in_the_download(
    page: Any, base_url: str
) -> None:
    console = Console(page)
    body = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y } LIMIT 2500"
    page.goto(base_url + "/#" + urlencode({"query": body}))
    page.locator("table.results tbody tr").first.wait_for()
    total = len(_server_rows(base_url, body)["results"]["bindings"])
    assert total == 2500, "the fixture should have enough triples for 2,500 pairs"
    assert page.locator("table.results tbody tr").count() == 2000
    assert "2,500" in page.locator("p.capped").inner_text()
    assert "2,500" in page.locator("#status").inner_text()
    assert console.errors == []


def test_entity_page_from_a_result_link(page: Any, base_url: str, tmp_path: Path) -> None:
    console = Console(page)
    network = next(e for e in gallery.examples() if e.key.startswith("05-"))
    page.goto(base_url + "/")
    page.locator(f'button.example[data-key="{network.key}"]').click()
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
    page.screenshot(path=str(tmp_path / "agreement.png"), full_page=True)
    _assert_not_blank(tmp_path / "agreement.png")
    assert console.errors == []


def test_switching_to_japanese_relabels_the_page(page: Any, base_url: str) -> None:
    console = Console(page)
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


def test_a_syntax_error_is_shown_not_thrown(page: Any, base_url: str) -> None:
    console = Console(page)
    page.goto(base_url + "/")
    page.locator("#query").fill("SELECT ?x WHERE { ?x ?y }")
    page.locator("#run").click()
    page.locator(".status.error").wait_for()
    assert page.locator(".error-detail").inner_text().strip()
    assert page.locator("table.results").count() == 0
    # the browser reports the failed request itself; nothing else may go wrong
    assert all("400" in error for error in console.errors), console.errors
