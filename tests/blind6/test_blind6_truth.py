"""The truth of the sixth blind corpus agrees with its documents (plain readers only).

Asserts nothing about kyotei."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import tomllib
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

HERE = Path(__file__).resolve().parent
DOCS, TRUTH = HERE / "documents", HERE / "truth"
sys.path.insert(0, str(HERE))

from blind6_data import NAMESAKES, PARTNERS  # noqa: E402

TRUTHS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(TRUTH.glob("*.truth.json"))]


class _Articles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.articles: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.articles.append("")
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.articles[-1] += data


def _texts(t: dict):
    """(locator text, row) per truth row, read back with a plain reader."""
    path = DOCS / t["document"]
    fmt = t["format"]
    if fmt == "html":
        p = _Articles()
        p.feed(path.read_text(encoding="utf-8"))
        return [(p.articles[r["locator"]["article"] - 1], r) for r in t["rows"]]
    if fmt == "csv":
        recs = list(csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))
        return [(" ".join(recs[r["locator"]["row"] - 1]), r) for r in t["rows"]]
    if fmt == "text":
        lines = path.read_text(encoding="utf-8").split("\n")
        out = []
        for r in t["rows"]:
            a, b = r["locator"].get("lines") or [r["locator"]["line"]] * 2
            out.append(("\n".join(lines[a - 1 : b]), r))
        return out
    if fmt == "pdf":
        with pdfplumber.open(path) as pdf:
            pages = [
                [x for x in (pg.extract_text() or "").split("\n") if x.strip()] for pg in pdf.pages
            ]
        out = []
        for r in t["rows"]:
            loc = r["locator"]
            out.append(("\n".join(pages[loc["page"] - 1][loc["line"] - 1 : loc["line"] + 7]), r))
        return out
    wb = openpyxl.load_workbook(path)
    out = []
    for r in t["rows"]:
        sheet, cell = r["locator"]["cell"].split("!")
        ws = wb[sheet]
        vals = [c.value for c in ws[r["locator"]["row"]]]
        out.append(
            (
                str(ws[cell].value)
                + " | "
                + " | ".join(
                    v.date().isoformat() if isinstance(v, dt.datetime) else str(v) for v in vals
                ),
                r,
            )
        )
    return out


@pytest.mark.parametrize("t", TRUTHS, ids=lambda t: t["document"])
def test_locators_show_partner_and_date(t):
    for text, r in _texts(t):
        for key in ("printed_ja", "printed_en"):
            name = r["partner"][key]
            if name:
                want = name.replace("Uni-versity", "Uni-\n" + " " * 6 + "versity")
                want = want.replace("Tech-nology", "Tech-\nnology")
                assert want in text, (t["document"], name, text)
        date = r.get("signed_printed") or r.get("signed_excel_cell")
        if date:
            assert date in text, (t["document"], date, text)


def test_unreadable_rows_are_garbage():
    for t in TRUTHS:
        lines = (
            (DOCS / t["document"]).read_text(encoding="utf-8").split("\n")
            if t["format"] == "text"
            else None
        )
        for u in t["unreadable"]:
            assert lines is not None and lines[u["locator"]["line"] - 1] == u["text"]
            assert "▮" in u["text"] and not any(
                n in u["text"] for _, (_, names) in PARTNERS.items() for n in names.values()
            )


def test_every_partner_named_by_two_documents():
    docs = defaultdict(set)
    for t in TRUTHS:
        for r in t["rows"]:
            docs[r["partner"]["id"]].add(t["document"])
            assert r["country"] == PARTNERS[r["partner"]["id"]][0]
    assert set(docs) == set(PARTNERS)
    assert all(len(d) >= 2 for d in docs.values()), {k: v for k, v in docs.items() if len(v) < 2}
    for a, b in NAMESAKES:
        assert a in PARTNERS and b in PARTNERS and PARTNERS[a][0] != PARTNERS[b][0]


def test_manifest_has_no_sections_and_names_every_document():
    m = tomllib.loads((DOCS / "sources.toml").read_text(encoding="utf-8"))
    files = [d["file"] for d in m["document"]]
    assert files == [t["document"] for t in TRUTHS]
    assert all("section" not in d and "sections" not in d for d in m["document"])


def test_generator_gives_the_committed_truth(tmp_path):
    from make_blind6 import build

    build(tmp_path)
    for p in sorted(TRUTH.glob("*.truth.json")):
        assert (tmp_path / "truth" / p.name).read_text(encoding="utf-8") == p.read_text(
            encoding="utf-8"
        )
    for p in sorted(DOCS.iterdir()):
        if p.suffix != ".xlsx":
            assert (tmp_path / "documents" / p.name).read_bytes() == p.read_bytes(), p.name
