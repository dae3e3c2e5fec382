"""gzip on downloads and large results, over a real socket: a client that sends
``Accept-Encoding: gzip`` gets gzip, and the body decompresses to the plain bytes."""

from __future__ import annotations

import gzip
from typing import Any

import httpx
import pytest

SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


def _raw(url: str, encoding: str, **kwargs: Any) -> tuple[httpx.Headers, bytes]:
    with httpx.Client(timeout=30) as client, client.stream(
            "GET", url, headers={"Accept-Encoding": encoding, **kwargs.pop("headers", {})},
            **kwargs) as reply:
        reply.raise_for_status()
        return reply.headers, b"".join(reply.iter_raw())


@pytest.mark.parametrize("name", ["kyotei.ttl", "kyotei.nt", "kyotei.rdf", "kyotei.nq",
                                  "kyotei.csv"])
def test_downloads_gzipped(live_server: Any, name: str) -> None:
    url = f"{live_server.url}/downloads/{name}"
    plain_headers, plain = _raw(url, "identity")
    headers, packed = _raw(url, "gzip")
    assert "content-encoding" not in plain_headers
    assert headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in headers["vary"]
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain)


def test_large_result_gzipped_and_small_one_not(live_server: Any) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    _, plain = _raw(live_server.sparql, "identity", params={"query": SELECT},
                     headers=accept)
    headers, packed = _raw(live_server.sparql, "gzip", params={"query": SELECT},
                           headers=accept)
    assert len(plain) > 1024 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(packed) == plain
    small_headers, small = _raw(live_server.sparql, "gzip", params={"query": "ASK {}"},
                     headers=accept)
    assert "content-encoding" not in small_headers
    assert small.startswith(b"{")
