"""Finding things without SPARQL, on a live server: search over folded names, browse by
country with counts and filters, VoID as a page; and the same pages in headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from kyotei.server.pages.search_index import fold

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
HANGANG = "https://w3id.org/kyotei/id/institution/kr/p10000000a"
LUMIERE = "https://w3id.org/kyotei/id/institution/fr/p20000000b"


def test_fold_reaches_every_spelling() -> None:
    assert fold("ﾘｭﾐｴｰﾙ") == fold("リュミエール") == fold("りゅみえーる")
    assert fold("Lumière  Institute") == "lumièreinstitute"
    assert fold("工学研究科·工学部") == fold("工学研究科・工学部") == "工学研究科工学部"
    assert fold("ＨＡＮＧＡＮＧ") == "hangang"


@pytest.mark.parametrize("q", ["漢江", "hangang", "HANGANG university", "漢江大学校"])
def test_search_institution_by_any_spelling(live_server: Any, q: str) -> None:
    reply = httpx.get(f"{live_server.url}/search", params={"q": q}, headers=JSON, timeout=10)
    first = reply.json()["results"][0]
    assert (first["iri"], first["kind"]) == (HANGANG, "institution")
    assert first["href"] == "/id/institution/kr/p10000000a"


def test_search_kana_faculty_country(live_server: Any) -> None:
    url = f"{live_server.url}/search"
    found = httpx.get(url, params={"q": "りゅみえーる", "format": "json"}, timeout=10).json()
    assert [r["iri"] for r in found["results"]] == [LUMIERE]
    found = httpx.get(url, params={"q": "工学研究科·工学部", "format": "json"}, timeout=10).json()
    assert [(r["kind"], r["labels"]["en"]) for r in found["results"]] == [
        ("faculty", "Graduate School of Engineering")]
    found = httpx.get(url, params={"q": "france", "kind": "country", "format": "json"},
                      timeout=10).json()
    assert [(r["code"], r["browse"]) for r in found["results"]] == [("FR", "/browse/country/FR")]
    assert httpx.get(url, params={"q": "", "format": "json"}, timeout=10).json()["results"] == []


def test_search_page_html_links_to_entity(live_server: Any) -> None:
    page = httpx.get(f"{live_server.url}/search", params={"q": "hangang", "lang": "en"},
                     headers=BROWSER, timeout=10)
    assert page.headers["content-type"].startswith("text/html")
    link = f'<a href="/id/institution/kr/p10000000a" title="{HANGANG}">Hangang University</a>'
    assert link in page.text
    assert "<script" not in page.text


def test_browse_countries_counts_and_filters(live_server: Any) -> None:
    url = f"{live_server.url}/browse/countries"
    rows = httpx.get(url, headers=JSON, timeout=10).json()["countries"]
    assert [(r["code"], r["agreements"], r["institutions"]) for r in rows] == [
        ("FR", 3, 1), ("KR", 3, 1), ("US", 1, 1)]
    rows = httpx.get(url, params={"level": "UniversityLevel"}, headers=JSON, timeout=10
                     ).json()["countries"]
    assert [(r["code"], r["agreements"]) for r in rows] == [("FR", 1), ("KR", 1), ("US", 1)]
    rows = httpx.get(url, params={"waiver": "yes"}, headers=JSON, timeout=10).json()["countries"]
    assert [(r["code"], r["agreements"]) for r in rows] == [("KR", 2), ("FR", 1)]
    rows = httpx.get(url, params={"year": 1999}, headers=JSON, timeout=10).json()["countries"]
    assert [(r["code"], r["agreements"]) for r in rows] == [("US", 1)]


def test_browse_one_country(live_server: Any) -> None:
    url = f"{live_server.url}/browse/country/kr"
    body = httpx.get(url, params={"format": "json"}, timeout=10).json()
    assert body["country"]["code"] == "KR"
    assert [(r["iri"], r["agreements"], r["university"], r["department"], r["waiver"],
             r["years"]) for r in body["institutions"]] == [
        (HANGANG, 3, 1, 2, 2, [2003, 2008, 2011])]
    assert httpx.get(f"{live_server.url}/browse/country/zz", timeout=10).status_code == 404


def test_void_is_a_page_for_a_browser_and_rdf_otherwise(live_server: Any) -> None:
    url = f"{live_server.url}/.well-known/void"
    page = httpx.get(url, headers=BROWSER, timeout=10)
    assert page.headers["content-type"].startswith("text/html")
    assert "void:Dataset" in page.text and "void:sparqlEndpoint" in page.text
    assert httpx.get(url, timeout=10).headers["content-type"].startswith("text/turtle")
    assert httpx.get(url, headers={"Accept": "application/ld+json"}, timeout=10
                     ).headers["content-type"].startswith("application/ld+json")


def test_navigation_links_search_and_browse(live_server: Any) -> None:
    page = httpx.get(f"{live_server.url}/browse/countries", headers=BROWSER, timeout=10).text
    assert 'href="/search"' in page and 'href="/browse/countries"' in page


def test_analytics_report_links_back(live_server: Any) -> None:
    page = httpx.get(f"{live_server.url}/analytics", headers=BROWSER, timeout=60).text
    assert '<nav><a href="/">kyotei: query</a>' in page


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_search_and_browse_in_chromium(live_server: Any) -> None:
    from playwright.sync_api import sync_playwright

    shots = Path(__file__).parent / "screenshots"
    shots.mkdir(exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{live_server.url}/?lang=en")
        page.click("header.site nav >> text=Search")
        page.wait_for_url("**/search")
        page.screenshot(path=str(shots / "search-empty.png"), full_page=True)
        page.fill("input[name=q]", "ﾘｭﾐｴｰﾙ")
        page.click("button[type=submit]")
        page.wait_for_selector("ul.hits li")
        page.screenshot(path=str(shots / "search.png"), full_page=True)
        page.click("text=Lumiere Institute of Science")
        assert page.url.endswith("/id/institution/fr/p20000000b")
        page.goto(f"{live_server.url}/browse/countries?lang=en")
        page.select_option("select[name=waiver]", "yes")
        page.click("button[type=submit]")
        assert "waiver=yes" in page.url
        assert page.locator("table.browse tbody tr").count() == 2
        page.click("text=Korea, Republic of")
        page.wait_for_selector("h1:has-text('KR')")
        page.screenshot(path=str(shots / "browse-country.png"), full_page=True)
        page.goto(f"{live_server.url}/.well-known/void?lang=en")
        page.screenshot(path=str(shots / "void.png"), full_page=True)
        browser.close()
    assert errors == []


def test_browse_institutions_with_filters(live_server: Any) -> None:
    url = f"{live_server.url}/browse/institutions"
    rows = httpx.get(url, headers=JSON, timeout=10).json()["institutions"]
    assert [(r["country"], r["agreements"]) for r in rows] == [("FR", 3), ("KR", 3), ("US", 1)]
    rows = httpx.get(url, params={"level": "DepartmentLevel", "year": "2011", "waiver": "yes"},
                     headers=JSON, timeout=10).json()["institutions"]
    assert [(r["iri"], r["department"], r["years"]) for r in rows] == [(HANGANG, 1, [2011])]
    assert httpx.get(url, params={"level": "x"}, timeout=10).status_code == 400
    page = httpx.get(url, params={"level": "", "waiver": "", "year": ""}, headers=BROWSER,
                     timeout=10)
    assert page.status_code == 200 and 'href="/browse/country/KR"' in page.text
