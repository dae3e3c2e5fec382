"""The third blind corpus's truth agrees with its documents.

Each locator, read back with plain csv / html.parser / openpyxl / pdfplumber, shows the
partner it names and (where printed) its date. Nothing here asserts anything about kyotei.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

import pytest

HERE = Path(__file__).resolve().parent
DOCS = HERE / "documents"
TRUTH = sorted((HERE / "truth").glob("*.truth.json"))


def _load(p: Path) -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(p.read_text(encoding="utf-8")))


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace(" ", "").replace("\u3000", "")


class _Tables(HTMLParser):
    """Every <tr> of every <table> inside <main>, as the texts of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.tables: list[list[list[str]]] = []
        self.stack: list[int] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag == "table":
            self.tables.append([])
            self.stack.append(len(self.tables) - 1)
        elif tag == "tr" and self.stack:
            self.tables[self.stack[-1]].append([])
        elif tag in ("td", "th") and self.stack:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        elif tag == "table" and self.stack:
            self.stack.pop()
        elif tag in ("td", "th") and self.cell is not None and self.stack:
            self.tables[self.stack[-1]][-1].append(" ".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data.strip())


def _text_at(doc: str, loc: dict[str, Any]) -> str:
    path = DOCS / doc
    if doc.endswith((".csv", ".tsv")):
        enc = "cp932" if doc == "d01-asama.csv" else "utf-8"
        delim = "\t" if doc.endswith(".tsv") else ","
        recs = list(csv.reader(io.StringIO(path.read_bytes().decode(enc)), delimiter=delim))
        return "|".join(recs[loc["row"] - 1])
    if doc.endswith(".txt"):
        return str(path.read_text(encoding="utf-8").split("\n")[loc["line"] - 1])
    if doc.endswith(".html"):
        p = _Tables()
        p.feed(path.read_text(encoding="utf-8"))
        return "|".join(p.tables[loc["table"] - 1][loc["row"] - 1])
    if doc.endswith(".xlsx"):
        import openpyxl

        ws = openpyxl.load_workbook(path)[loc["sheet"]]
        assert loc["cell"].split("!")[1][1:] == str(loc["row"])
        return "|".join(str(c.value) for c in ws[loc["row"]] if c.value is not None)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[loc["page"] - 1]
        if "table" in loc:
            t = page.extract_tables()[loc["table"] - 1]
            return "|".join(c or "" for c in t[loc["row"] - 1])
        lines = [ln for ln in (page.extract_text() or "").split("\n") if ln.strip()]
        return str(lines[loc["line"] - 1])


@pytest.mark.parametrize("tp", TRUTH, ids=lambda p: p.name.split(".")[0])
def test_every_row_is_printed_at_its_locator(tp: Path) -> None:
    t = _load(tp)
    for r in t["rows"]:
        got = _fold(_text_at(t["document"], r["locator"]))
        if "wrap" in r["damage"]:  # a wrapped PDF line: the name ends on the next line
            nxt = _fold(_text_at(t["document"], dict(r["locator"], line=r["locator"]["line"] + 1)))
            name = _fold(r["partner"]["printed_en"])
            assert any(name[:k] in got and name[k:] == nxt for k in range(4, len(name)))
            got += name
        names = [r["partner"][k] for k in ("printed_ja", "printed_en") if r["partner"][k]]
        assert names, r
        for n in names:
            assert _fold(n) in got, (t["document"], r["locator"], n, got)
        if r["signed_printed"]:
            assert _fold(r["signed_printed"]) in got, (r["locator"], r["signed_printed"], got)


@pytest.mark.parametrize("tp", TRUTH, ids=lambda p: p.name.split(".")[0])
def test_unreadable_and_doubled_rows_are_where_the_truth_says(tp: Path) -> None:
    t = _load(tp)
    for u in t["unreadable"]:
        assert _fold(u["text"]) in _fold(_text_at(t["document"], u["locator"]))
    for d in t["duplicates"]:
        assert _text_at(t["document"], d["locator"]) == _text_at(t["document"], d["of"])


@pytest.mark.parametrize("tp", TRUTH, ids=lambda p: p.name.split(".")[0])
def test_stated_totals_are_printed(tp: Path) -> None:
    t = _load(tp)
    path = DOCS / t["document"]
    if t["format"] in ("pdf", "xlsx"):
        return  # checked below for those formats
    raw = path.read_bytes().decode("cp932" if t["document"] == "d01-asama.csv" else "utf-8")
    for s in t["stated_totals"]:
        text = s["text"].replace(",", "")
        assert _fold(text) in _fold(
            raw.replace(",", "").replace("<td>", "").replace("</td>", "")
        ) or _fold(text) in _fold(raw), s


def test_pdf_and_xlsx_totals_are_printed() -> None:
    import openpyxl
    import pdfplumber

    for tp in TRUTH:
        t = _load(tp)
        path = DOCS / t["document"]
        if t["format"] == "pdf":
            with pdfplumber.open(path) as pdf:
                text = "".join(p.extract_text() or "" for p in pdf.pages)
        elif t["format"] == "xlsx":
            wb = openpyxl.load_workbook(path)
            text = "".join(
                str(c.value) for ws in wb for r in ws.iter_rows() for c in r if c.value is not None
            )
        else:
            continue
        for s in t["stated_totals"]:
            assert _fold(s["text"]).replace("|", "") in _fold(text), (t["document"], s)


def test_manifest_names_every_document_and_nothing_else() -> None:
    m = tomllib.loads((DOCS / "sources.toml").read_text(encoding="utf-8"))
    files = {d["file"] for d in m["document"]}
    assert files == {_load(p)["document"] for p in TRUTH}
    assert all("section" not in d for d in m["document"])
    assert len(files) == 12


def test_the_corpus_has_the_promised_spread() -> None:
    truths = [_load(p) for p in TRUTH]
    rows = [r for t in truths for r in t["rows"]]
    assert 150 <= len(rows) <= 200
    assert {t["format"] for t in truths} == {"csv", "html", "xlsx", "pdf", "text"}
    ids: dict[str, set[str]] = {}
    for t in truths:
        for r in t["rows"]:
            ids.setdefault(r["partner"]["id"], set()).add(t["document"])
    recurring = [i for i, d in ids.items() if len(d) >= 2]
    assert len(recurring) >= 0.8 * len(ids)


def test_hidden_rows_and_column_are_hidden_and_in_the_truth() -> None:
    import openpyxl

    ws = openpyxl.load_workbook(DOCS / "d06-tenryu.xlsx")["協定校一覧"]
    t = _load(HERE / "truth" / "d06-tenryu.xlsx.truth.json")
    hidden = [r["locator"]["row"] for r in t["rows"] if r.get("hidden_row")]
    assert len(hidden) == 2
    assert all(ws.row_dimensions[r].hidden for r in hidden)
    assert ws.column_dimensions["H"].hidden
    assert ws.auto_filter.ref
    assert ws["A5"].data_type == "s" and ws["E5"].value == "43191"


def test_cp932_csv_is_not_utf8() -> None:
    raw = (DOCS / "d01-asama.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


WAIVER_TRUE = ("不徴収", "相互免除", "Tuitionwaived", "Waived", "○", "〇", "✔")


@pytest.mark.parametrize("tp", TRUTH, ids=lambda p: p.name.split(".")[0])
def test_every_stated_waiver_is_printed_in_its_row(tp: Path) -> None:
    t = _load(tp)
    if t["document"] == "d05-lahntal-partner.html":
        return  # stated once for the whole page (see README)
    for r in t["rows"]:
        got = _fold(_text_at(t["document"], r["locator"]))
        if r["waiver"] is True:
            assert any(w in got for w in WAIVER_TRUE), (r["locator"], got)


def test_regenerating_gives_the_committed_corpus(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(HERE))
    import make_blind3

    for make in make_blind3.MAKERS:
        t = make(tmp_path)
        committed = _load(HERE / "truth" / f"{t['document']}.truth.json")
        assert json.loads(json.dumps(t, ensure_ascii=False)) == committed, t["document"]
        if t["format"] != "xlsx":  # workbooks carry openpyxl's save time
            assert (tmp_path / t["document"]).read_bytes() == (DOCS / t["document"]).read_bytes()
