"""The fifth blind corpus's truth agrees with its documents, read with plain readers.

Asserts nothing about kyotei: every locator shows its partner and its date as printed, the
unreadable rows are garbage, the doubled row is a copy, every partner is named by two documents
or more, and the generator gives the committed corpus.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
DOCS = HERE / "documents"
TRUTH = HERE / "truth"
sys.path.insert(0, str(HERE))

import blind5_data  # noqa: E402

pdfplumber = pytest.importorskip("pdfplumber")
openpyxl = pytest.importorskip("openpyxl")

ENCODING = {"f03-nanying.csv": "cp950", "f08-coralbay-crm.csv": "utf-8-sig"}


def truths() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(TRUTH.glob("*.truth.json"))]


def squash(s: str) -> str:
    return re.sub(r"[\s│]", "", unicodedata.normalize("NFKC", s))


def printed(r: dict[str, Any]) -> str:
    p = r["partner"]
    return p["printed_ja"] or p["printed_en"]


class _Html(HTMLParser):
    """Texts of the <li> of every <ul> inside <main>, and of every role=row div."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.lists: list[list[str]] = []
        self.ul_stack: list[int] = []
        self.li_stack: list[list[Any]] = []
        self.rows: list[str] = []
        self.div_depth: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag == "ul":
            self.lists.append([])
            self.ul_stack.append(len(self.lists) - 1)
        elif tag == "li":
            self.lists[self.ul_stack[-1]].append("")
            self.li_stack.append([self.ul_stack[-1], len(self.lists[self.ul_stack[-1]]) - 1])
        elif tag == "div":
            is_row = a.get("role") == "row"
            if is_row:
                self.rows.append("")
            self.div_depth.append(is_row)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        elif tag == "ul" and self.ul_stack:
            self.ul_stack.pop()
        elif tag == "li" and self.li_stack:
            self.li_stack.pop()
        elif tag == "div" and self.div_depth:
            self.div_depth.pop()

    def handle_data(self, data: str) -> None:
        if self.li_stack:
            ul, li = self.li_stack[-1]
            self.lists[ul][li] += data
        if any(self.div_depth):
            self.rows[-1] += data + " "


def located_text(doc: str, loc: dict[str, Any]) -> list[str]:
    """The texts (cells or one line) the locator points at."""
    path = DOCS / doc
    if doc.endswith(".txt"):
        lines = path.read_text(encoding="utf-8").split("\n")
        first, last = loc.get("lines", [loc.get("line"), loc.get("line")])
        if "│" in lines[first - 1]:  # a box-drawn table: join each column over the lines
            cells = [ln.strip("│").split("│") for ln in lines[first - 1 : last]]
            return ["".join(col) for col in zip(*cells, strict=False)]
        return ["".join(lines[first - 1 : last])]
    if doc.endswith(".csv"):
        recs = list(csv.reader(io.StringIO(path.read_bytes().decode(ENCODING[doc]), newline="")))
        return recs[loc["row"] - 1]
    if doc.endswith(".html"):
        p = _Html()
        p.feed(path.read_text(encoding="utf-8"))
        if "list" in loc:
            return [p.lists[loc["list"] - 1][loc["item"] - 1]]
        return [p.rows[loc["row"] - 1]]
    if doc.endswith(".xlsx"):
        wb = openpyxl.load_workbook(path)
        ws = wb[loc["sheet"]]
        out = []
        for cell in ws[loc["row"]]:
            v = cell.value
            for rng in ws.merged_cells.ranges:
                if cell.coordinate in rng:
                    v = ws.cell(rng.min_row, rng.min_col).value
            if isinstance(v, dt.datetime):
                v = v.date().isoformat()
            out.append("" if v is None else str(v))
        name_cell = ws[loc["cell"].split("!")[1]]
        assert name_cell.row == loc["row"]
        return out
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[loc["page"] - 1]
        if "table" in loc:
            table = page.extract_tables()[loc["table"] - 1]
            return [c or "" for c in table[loc["row"] - 1]]
        lines = [ln for ln in (page.extract_text() or "").split("\n") if ln.strip()]
        return [lines[loc["line"] - 1]]


ROWS = [(t["document"], i, r) for t in truths() for i, r in enumerate(t["rows"])]


@pytest.mark.parametrize(("doc", "i", "r"), ROWS, ids=[f"{d}-{i}" for d, i, _ in ROWS])
def test_locator_shows_partner_and_date(doc: str, i: int, r: dict[str, Any]) -> None:
    text = squash(" ".join(located_text(doc, r["locator"])))
    assert squash(printed(r)) in text, (printed(r), text)
    for key in ("printed_ja", "printed_en"):
        if r["partner"][key]:
            assert squash(r["partner"][key]) in text, (r["partner"][key], text)
    if r["signed_printed"]:
        assert squash(r["signed_printed"]) in text
    elif r.get("signed_excel_cell"):
        assert r["signed"] in text
    else:
        assert r["signed"] is None


def test_clean_names_are_the_prints_without_damage() -> None:
    for t in truths():
        for r in t["rows"]:
            p = r["partner"]
            names = blind5_data.PARTNERS[p["id"]][1]
            assert p["ja"] or p["en"]
            if p["ja"] and "ocr_slip" not in r["damage"]:
                assert p["ja"] in (p["printed_ja"] or "") or p["ja"] in names.values(), p
            if p["en"] and p["printed_en"]:
                assert squash(p["en"]) in squash(p["printed_en"]) or p["en"] in names.values(), p


def test_unreadable_rows_are_garbage() -> None:
    seen = 0
    for t in truths():
        for u in t["unreadable"]:
            seen += 1
            text = " ".join(located_text(t["document"], u["locator"]))
            assert "■" in text or re.search("[À-ÿ]{4}", text), text
            for _pid, (_c, names) in blind5_data.PARTNERS.items():
                assert not any(n in text for n in names.values())
    assert seen == 2


def test_doubled_row_is_a_copy() -> None:
    n = 0
    for t in truths():
        for d in t["duplicates"]:
            n += 1
            assert (
                located_text(t["document"], d["locator"])[2:]
                == located_text(t["document"], d["of"])[2:]
            )
    assert n == 1


def test_every_partner_is_named_by_two_documents() -> None:
    docs: dict[str, set[str]] = defaultdict(set)
    for t in truths():
        for r in t["rows"]:
            docs[r["partner"]["id"]].add(t["document"])
    assert set(docs) == set(blind5_data.PARTNERS)
    assert {p: d for p, d in docs.items() if len(d) < 2} == {}
    for a, b in blind5_data.NAMESAKES:
        assert a in docs and b in docs


def test_manifest_has_no_sections() -> None:
    manifest = tomllib.loads((DOCS / "sources.toml").read_text(encoding="utf-8"))
    files = {d["file"] for d in manifest["document"]}
    assert files == {p.name for p in DOCS.iterdir() if p.name != "sources.toml"}
    assert files == {t["document"] for t in truths()}
    for d in manifest["document"]:
        assert set(d) <= {"file", "title", "as_of", "as_of_text", "languages", "publisher"}


def test_totals_in_half_the_documents() -> None:
    ts = truths()
    assert sum(bool(t["stated_totals"]) for t in ts) * 2 >= len(ts)
    for t in ts:
        body = (
            ""
            if t["format"] in ("xlsx", "pdf")
            else (DOCS / t["document"]).read_bytes().decode(ENCODING.get(t["document"], "utf-8"))
        )
        for s in t["stated_totals"]:
            if body and t["format"] != "csv":
                assert s["text"] in body, s


def test_generator_gives_the_committed_corpus(tmp_path: Path) -> None:
    import make_blind5

    for f in make_blind5.MANIFEST:
        assert (DOCS / f).exists()
    from make_blind5_au import f07, f08
    from make_blind5_jp import f05
    from make_blind5_jp_box import f06
    from make_blind5_kr import f01
    from make_blind5_kr_dept import f10
    from make_blind5_kr_sheet import f02
    from make_blind5_th import f09
    from make_blind5_tw import f03, f04

    for fn in (f01, f02, f03, f04, f05, f06, f07, f08, f09, f10):
        t = fn(tmp_path)
        committed = json.loads((TRUTH / f"{t['document']}.truth.json").read_text(encoding="utf-8"))
        assert json.loads(json.dumps(t, ensure_ascii=False)) == committed, t["document"]
        if not t["document"].endswith(".xlsx"):  # workbooks carry openpyxl's save time
            assert (tmp_path / t["document"]).read_bytes() == (DOCS / t["document"]).read_bytes()
