"""What the browser tests share: Debian's chromium driven by Playwright, a page that records
console errors, the live server's URL, and small readers of the query page.

Imported by ``test_browser*.py``; the fixtures (``browser``, ``page``, ``base_url``) reach them
through ``conftest.py``, so numpy and matplotlib are imported only when a screenshot is checked.
Screenshots go to the test's ``tmp_path``, or to ``$KYOTEI_SCREENSHOTS`` when it is set, so
that a person can look at them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                       "at /usr/bin/chromium (apt-get install chromium)"),
]


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
    """Console errors, uncaught exceptions and requests to other hosts of a page."""

    def __init__(self, page: Any, base_url: str | None = None) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        if base_url is not None:
            page.on("request", lambda r: None if r.url.startswith((base_url, "data:", "blob:"))
                    else self.outside.append(r.url))


@pytest.fixture
def console(page: Any, base_url: str) -> Console:
    """The page's console, listening from before the test opens anything."""
    return Console(page, base_url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        accept_downloads=True, locale="en-US", viewport={"width": 1280, "height": 900}
    )
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    yield opened
    context.close()


def shots(tmp_path: Path) -> Path:
    """Where to save screenshots: ``$KYOTEI_SCREENSHOTS`` if set, else ``tmp_path``."""
    folder = Path(os.environ.get("KYOTEI_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page: Any, tmp_path: Path, name: str) -> Path:
    path = shots(tmp_path) / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert_not_blank(path)
    return path


def server_rows(base_url: str, query: str) -> dict[str, Any]:
    response = httpx.get(f"{base_url}/sparql", params={"query": query, "format": "json"})
    response.raise_for_status()
    parsed: dict[str, Any] = json.loads(response.text)
    return parsed


def assert_not_blank(path: Path) -> None:
    import matplotlib.image
    import numpy as np

    image = np.asarray(matplotlib.image.imread(str(path)))
    assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100
    colours = np.unique(image.reshape(-1, image.shape[2]), axis=0)
    assert len(colours) > 16, f"{path.name} looks blank ({len(colours)} colours)"


def column(page: Any, index: int) -> list[str]:
    cells = page.locator(f"table.results tbody tr td:nth-child({index + 1})")
    return [text.strip() for text in cells.all_inner_texts()]


def headings(page: Any) -> list[str]:
    texts = page.locator("table.results thead th").all_inner_texts()
    return [h.replace("↕", "").replace("▲", "").replace("▼", "").strip() for h in texts]


def choose_example(page: Any, base_url: str, prefix: str) -> str:
    """Open the page and choose the example whose key starts with ``prefix``; its query."""
    page.goto(base_url + "/")
    page.locator(f'button.example[data-key^="{prefix}"]').click()
    query: str = page.locator("#query").input_value()
    return query


def run_example(page: Any, base_url: str, prefix: str) -> str:
    """Choose the example whose key starts with ``prefix`` and run it; the query."""
    query = choose_example(page, base_url, prefix)
    page.locator("#run").click()
    page.locator("#status.ok").wait_for()
    page.locator("#tabs button").first.wait_for()
    return query


def example_rows(page: Any, base_url: str, prefix: str) -> list[dict[str, Any]]:
    """Run the example whose key starts with ``prefix`` in the page; the server's bindings
    for the same query, to compare the page with."""
    query = run_example(page, base_url, prefix)
    rows: list[dict[str, Any]] = server_rows(base_url, query)["results"]["bindings"]
    return rows


def run_query(page: Any, base_url: str, query: str) -> None:
    """Open the page with ``query`` in its URL (it runs at once) and wait for the result."""
    from urllib.parse import urlencode

    page.goto(base_url + "/#" + urlencode({"query": query}))
    page.locator("#status.ok, #status.error").first.wait_for()


def tabs(page: Any) -> list[str]:
    ids = page.locator("#tabs button").evaluate_all("tabs => tabs.map(t => t.id)")
    return [str(i).removeprefix("tab-") for i in ids]
