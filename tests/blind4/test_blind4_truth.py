# ruff: noqa: E501  (data tables and printed strings)
"""The truth of tests/blind4 agrees with its documents (read with plain readers); nothing about kyotei."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DOCS, TRUTH = HERE / "documents", HERE / "truth"
TRUTHS = {
    p.name.removesuffix(".truth.json"): json.loads(p.read_text(encoding="utf-8"))
    for p in sorted(TRUTH.glob("*.truth.json"))
}


def norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def printed(r: dict) -> list[str]:
    return [norm(n) for n in (r["partner"]["printed_ja"], r["partner"]["printed_en"]) if n]


class Rows(HTMLParser):
    """Every <tr> inside <main>, per <table>: text of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.main = False
        self.tables: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "main":
            self.main = True
        elif self.main and tag == "table":
            self.tables.append([])
        elif self.main and tag == "tr":
            self.tables[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.main = False

    def handle_data(self, data: str) -> None:
        if self.main and self.tables and self.tables[-1]:
            self.tables[-1][-1] += data


def cells(doc: str) -> dict:
    """locator key -> text at it."""
    path = DOCS / doc
    out: dict = {}
    if doc.endswith(".csv"):
        raw = path.read_bytes()
        text = (
            raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8")
        )
        delim = ";" if ";" in text.splitlines()[3] else ","
        for i, rec in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delim), 1):
            out[("row", i)] = " ".join(rec)
    elif doc.endswith(".txt"):
        for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            out[("line", i)] = line
    elif doc.endswith(".html"):
        p = Rows()
        p.feed(path.read_text(encoding="utf-8"))
        for t, trs in enumerate(p.tables, 1):
            for r, tx in enumerate(trs, 1):
                out[("table", t, "row", r)] = tx
    elif doc.endswith(".xlsx"):
        from openpyxl import load_workbook

        wb = load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        out[("cell", f"{ws.title}!{c.coordinate}")] = str(c.value)
    elif doc.endswith(".pdf"):
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for pno, page in enumerate(pdf.pages, 1):
                lines = [ln for ln in (page.extract_text() or "").split("\n") if ln.strip()]
                for n, ln in enumerate(lines, 1):
                    out[("page", pno, "line", n)] = ln
                for tno, tab in enumerate(page.extract_tables(), 1):
                    for r, cl in enumerate(tab, 1):
                        out[("page", pno, "table", tno, "row", r)] = " ".join(c or "" for c in cl)
    return out


def key(loc: dict) -> tuple:
    if "cell" in loc:
        return ("cell", loc["cell"])
    if "page" in loc and "line" in loc:
        return ("page", loc["page"], "line", loc["line"])
    if "page" in loc:
        return ("page", loc["page"], "table", loc["table"], "row", loc["row"])
    if "table" in loc:
        return ("table", loc["table"], "row", loc["row"])
    if "line" in loc:
        return ("line", loc["line"])
    return ("row", loc["row"])


@pytest.mark.parametrize("doc", sorted(TRUTHS))
def test_every_locator_shows_its_partner(doc: str) -> None:
    t, got = TRUTHS[doc], cells(doc)
    for r in t["rows"]:
        text = norm(got[key(r["locator"])])
        assert any(n in text for n in printed(r)), (doc, r["locator"], text)


@pytest.mark.parametrize("doc", sorted(TRUTHS))
def test_dates_and_waivers_printed(doc: str) -> None:
    t = TRUTHS[doc]
    got = cells(doc)
    for r in t["rows"]:
        loc = r["locator"]
        if "cell" in loc:  # the row's cells on the sheet
            sheet = loc["sheet"]
            text = " ".join(
                v
                for k, v in got.items()
                if k[1].startswith(f"{sheet}!")
                and k[1].removeprefix(f"{sheet}!").lstrip("ABCDEFG") == str(loc["row"])
            )
        else:
            text = got[key(loc)]
        if r["signed_printed"]:
            assert norm(r["signed_printed"]) in norm(text), (doc, loc)
        if r["signed"] is None:
            assert r["signed_printed"] is None or not any(
                ch.isdigit() for ch in r["signed_printed"]
            )


def test_unreadable_rows_are_garbage() -> None:
    for doc, t in TRUTHS.items():
        got = cells(doc)
        for u in t["unreadable"]:
            assert got[key(u["locator"])] == u["text"]
            assert "■" in u["text"]


def test_counts_and_namesakes() -> None:
    import sys

    sys.path.insert(0, str(HERE))
    from blind4_data import NAMESAKES, PARTNERS

    rows = [r for t in TRUTHS.values() for r in t["rows"]]
    assert len(TRUTHS) == 9 and len(rows) == 121
    ids = {r["partner"]["id"] for r in rows}
    assert ids <= set(PARTNERS)
    docs_of = {
        i: {t["document"] for t in TRUTHS.values() for r in t["rows"] if r["partner"]["id"] == i}
        for i in ids
    }
    assert sum(len(d) >= 2 for d in docs_of.values()) == len(ids)
    for a, b in NAMESAKES:
        assert a in ids and b in ids
        assert PARTNERS[a][0] != PARTNERS[b][0]


def test_sources_manifest_names_every_document() -> None:
    import tomllib

    m = tomllib.loads((DOCS / "sources.toml").read_text(encoding="utf-8"))
    assert sorted(d["file"] for d in m["document"]) == sorted(TRUTHS)
    assert all("section" not in d for d in m["document"])
