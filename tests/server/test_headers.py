"""Pages: only http(s)/mailto IRIs become links, and every HTML response carries the
security headers (a CSP without inline script but by nonce, nosniff, no framing, a
referrer policy)."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import MutableHeaders

from kyotei.server import security
from kyotei.server.pages import linked_data as ld

ClientWith = Callable[..., AbstractContextManager[TestClient]]
TOKEN = "t0ken-for-header-tests"  # noqa: S105
BASE = "https://w3id.org/kyotei/id/"
HTML = {"Accept": "text/html"}


@pytest.mark.parametrize(
    ("iri", "href"),
    [("javascript:alert(1)", None), ("JavaScript:alert(1)", None), ("data:text/html,x", None),
     ("vbscript:x", None), ("file:///etc/passwd", None),
     ("https://example.org/a", "https://example.org/a"), ("HTTP://example.org/", "HTTP://example.org/"),
     ("mailto:someone@example.org", "mailto:someone@example.org"),
     (BASE + "institution/xx/a", "/id/institution/xx/a")],
)
def test_only_http_and_mailto_iris_become_links(iri: str, href: str | None) -> None:
    assert ld.local_href(BASE, iri) == href


def test_a_javascript_iri_inserted_with_the_token_renders_as_text(
    client_with: ClientWith, tmp_path: Path,
) -> None:
    subject = BASE + "institution/zz/link-test"
    update = (f"INSERT DATA {{ <{subject}> a <https://w3id.org/kyotei/def#Institution> ; "
              "<http://www.w3.org/2004/02/skos/core#prefLabel> 'Link test'@en ; "
              "<http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(1)> , "
              "<https://example.org/fine> }")
    with client_with(update_token=TOKEN, build_dir=tmp_path) as client:  # edits kept there
        applied = client.post("/sparql", content=update, headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"})
        assert applied.status_code == 200, applied.text
        page = client.get("/id/institution/zz/link-test", headers=HTML)
        assert page.status_code == 200
    hrefs = re.findall(r'href="([^"]*)"', page.text)
    assert "https://example.org/fine" in hrefs
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "javascript:alert(1)" in page.text  # shown, as text


@pytest.mark.parametrize("path", ["/", "/id/no-such-thing", "/analytics?format=html", "/docs"])
def test_every_html_response_has_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    if path != "/docs":
        script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script
        assert re.fullmatch(r"script-src 'self' 'nonce-[A-Za-z0-9_-]{22}'", script.strip())


def test_the_nonce_is_new_for_every_response(client: TestClient) -> None:
    first = client.get("/", headers=HTML).headers["content-security-policy"]
    second = client.get("/", headers=HTML).headers["content-security-policy"]
    assert first != second


def test_pages_carry_no_inline_script_without_the_nonce(client: TestClient) -> None:
    for path in ("/", "/id/institution/xx/a"):
        response = client.get(path, headers=HTML)
        nonce = re.search(r"'nonce-([^']+)'", response.headers["content-security-policy"])
        assert nonce is not None
        for tag in re.findall(r"<script\b[^>]*>", response.text):
            allowed = "src=" in tag or 'type="application/json"' in tag
            assert allowed or f'nonce="{nonce.group(1)}"' in tag, tag


def test_other_responses_are_not_sniffed(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in response.headers


def _reference_head(message: dict[str, Any], path: str, nonce: str) -> None:
    """What the middleware did before ``secure_head``: Starlette's MutableHeaders."""
    headers = MutableHeaders(scope=message)
    for name, value in security.COMMON_HEADERS.items():
        headers.setdefault(name, value)
    if headers.get("content-type", "").startswith("text/html"):
        headers["Content-Security-Policy"] = (
            security.DOCS_CSP if path.startswith(security.DOCS_PATHS)
            else security.CSP.format(nonce=nonce))


@pytest.mark.parametrize("path", ["/sparql", "/docs", "/entity/x"])
@pytest.mark.parametrize("headers", [
    [(b"content-type", b"application/sparql-results+json"), (b"content-length", b"26")],
    [(b"content-type", b"text/html; charset=utf-8"), (b"x-frame-options", b"SAMEORIGIN")],
    [(b"content-type", b"text/html"), (b"content-security-policy", b"x"),
     (b"content-security-policy", b"y"), (b"vary", b"Accept")],
    [],
    ((b"content-type", b"text/plain"),),  # a tuple, as an ASGI app may send
])
def test_security_headers_are_added_as_starlettes_headers_did(
        path: str, headers: Any) -> None:
    mine = {"type": "http.response.start", "status": 200, "headers": headers}
    theirs = {"type": "http.response.start", "status": 200, "headers": headers}
    security.secure_head(mine, path, "n0nce")
    _reference_head(theirs, path, "n0nce")
    assert mine["headers"] == theirs["headers"]
    assert mine["headers"] is not headers  # the app's list is not changed in place
