"""/docs and /redoc in real headless Chromium with every request off the loopback
refused: Swagger UI lists the operations and ReDoc renders, from files this server ships."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).parent / "screenshots"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                       "at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture
def offline_page(live_server: Any) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page whose requests to any host but the server's are aborted (and recorded)."""
    from playwright.sync_api import sync_playwright

    server_host = urlsplit(live_server.url).netloc
    refused: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def route(r: Any) -> None:
            if urlsplit(r.request.url).netloc == server_host:
                r.continue_()
            else:
                refused.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        yield page, refused, errors
        browser.close()


def test_swagger_ui_offline(live_server: Any, offline_page: Any) -> None:
    page, refused, errors = offline_page
    page.goto(f"{live_server.url}/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = {p.inner_text().strip().replace("\u200b", "")
             for p in page.query_selector_all(".opblock-summary-path")}
    assert {"/sparql", "/downloads/{name}", "/.well-known/void"} <= paths
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "docs-offline.png"))
    assert refused == [] and errors == []


def test_redoc_offline(live_server: Any, offline_page: Any) -> None:
    page, refused, errors = offline_page
    page.goto(f"{live_server.url}/redoc")
    page.wait_for_selector("h1")
    assert page.locator("h1").first.inner_text().startswith("kyotei")
    page.wait_for_selector("h2:has-text('SPARQL query (GET), or the service description')")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "redoc-offline.png"))
    assert refused == []
    # ReDoc's sidebar logo from its CDN is refused by the page's policy, never requested.
    assert [e for e in errors if "cdn.redoc.ly/redoc/logo-mini.svg" not in e] == []


def test_vendor_files_and_licences(live_server: Any) -> None:
    for name in ("swagger-ui.LICENSE", "redoc.LICENSE"):
        reply = httpx.get(f"{live_server.url}/docs/vendor/{name}", timeout=10)
        assert reply.status_code == 200 and "License" in reply.text
    page = httpx.get(f"{live_server.url}/docs", timeout=10).text
    assert "cdn" not in page.lower() and "<script>" not in page
    assert httpx.get(f"{live_server.url}/docs/vendor/x.js", timeout=10).status_code == 404
