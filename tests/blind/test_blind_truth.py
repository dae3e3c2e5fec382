"""The blind corpus's truth agrees with its documents (it says nothing of kyotei's scores).

Every truth locator, read back with plain csv / html.parser / openpyxl / pdfplumber, shows the
partner it names; every unreadable locator shows its garbage; every duplicate shows the same
partner as the row it doubles; every stated total is printed; dates are ISO or null.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import tomllib
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
DOCS = HERE / "documents"
TRUTHS = sorted((HERE / "truth").glob("*.truth.json"))


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


class Cells(HTMLParser):
    """Text of every <tr> per <table> and every <li> per <ul>, in document order, inside
    <main> (the whole body when the page has none); a nested table's rows are its own."""

    def __init__(self, whole: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = whole
        self.tables: list[list[str]] = []
        self.lists: list[list[str]] = []
        self.stack: list[tuple[str, int]] = []  # open tables/lists and their index
        self.open: list[tuple[str, int, int]] = []  # open rows/items: (kind, owner, position)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.inside = True
        if not self.inside:
            return
        if tag in ("table", "ul"):
            group = self.tables if tag == "table" else self.lists
            group.append([])
            self.stack.append((tag, len(group) - 1))
        elif tag in ("tr", "li"):
            kind = "table" if tag == "tr" else "ul"
            owner = next(i for t, i in reversed(self.stack) if t == kind)
            group = self.tables if kind == "table" else self.lists
            group[owner].append("")
            self.open.append((kind, owner, len(group[owner]) - 1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.inside = False
        elif tag in ("table", "ul") and self.stack:
            self.stack.pop()
        elif tag in ("tr", "li") and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for kind, owner, position in self.open:
            group = self.tables if kind == "table" else self.lists
            group[owner][position] += data


def read_at(fmt: str, path: Path, loc: dict[str, Any]) -> str:
    """The text at a locator, as plain readers give it."""
    if fmt == "text":
        lines = path.read_text("utf-8").split("\n")
        first, last = loc["lines"] if "lines" in loc else (loc["line"], loc["line"])
        return "\n".join(lines[first - 1:last])
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle))
        return " ".join(records[loc["row"] - 1])
    if fmt == "html":
        text = path.read_text("utf-8")
        parser = Cells(whole="<main" not in text)
        parser.feed(text)
        if "table" in loc:
            return parser.tables[loc["table"] - 1][loc["row"] - 1]
        return parser.lists[loc["list"] - 1][loc["item"] - 1]
    if fmt == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        sheet, cell = loc["cell"].rsplit("!", 1)
        assert sheet == loc["sheet"] and cell.endswith(str(loc["row"]))
        ws = openpyxl.load_workbook(path)[sheet]
        values = [ws[cell].value] + [c.value for c in ws[loc["row"]]]  # the cell, then its row
        return "\n".join("" if v is None else str(v) for v in values)
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[loc["page"] - 1]
        if "table" in loc:
            cells = page.extract_tables()[loc["table"] - 1][loc["row"] - 1]
            return " ".join(c or "" for c in cells)
        lines = [t for t in (page.extract_text() or "").splitlines() if t.strip()]
        return str(lines[loc["line"] - 1])


def shows(name: str, text: str) -> bool:
    """The name is in the text, or (a wrapped row) begins on a line and the next line begins
    with the rest of it."""
    whole = norm(name)
    if whole in norm(text):
        return True
    lines = [norm(t) for t in text.split("\n")]
    return any(whole[:cut] in a and b.startswith(whole[cut:])
               for a, b in itertools.pairwise(lines) for cut in range(1, len(whole)))


def printed_names(row: dict[str, Any]) -> list[str]:
    partner = row["partner"]
    return [n for n in (partner["printed_ja"], partner["printed_en"]) if n]


@pytest.fixture(scope="module", params=TRUTHS, ids=lambda p: p.name.split(".")[0])
def truth(request: pytest.FixtureRequest) -> dict[str, Any]:
    return dict(json.loads(request.param.read_text("utf-8")))


def test_every_locator_shows_its_partner(truth: dict[str, Any]) -> None:
    path = DOCS / truth["document"]
    for row in truth["rows"]:
        text = read_at(truth["format"], path, row["locator"])
        names = printed_names(row)
        assert names, row
        for name in names:
            assert shows(name, text), (row["locator"], name, text)
        if truth["format"] == "xlsx":  # the locator's cell holds the first printed name
            assert norm(text.split("\n")[0]) == norm(names[0]), (row["locator"], text)


def test_unreadable_and_doubled_rows_are_where_the_truth_says(truth: dict[str, Any]) -> None:
    path = DOCS / truth["document"]
    for bad in truth["unreadable"]:
        assert norm(bad["text"]) in norm(read_at(truth["format"], path, bad["locator"]))
    for double in truth["duplicates"]:
        again = norm(read_at(truth["format"], path, double["locator"]))
        first = next(r for r in truth["rows"] if r["locator"] == double["of"])
        assert all(norm(n) in again for n in printed_names(first))


def test_stated_totals_are_printed(truth: dict[str, Any]) -> None:
    path = DOCS / truth["document"]
    if truth["format"] == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(path)
        text = " ".join(str(c.value) for ws in book for r in ws.iter_rows() for c in r
                        if c.value is not None)  # fmt: skip
    elif truth["format"] == "pdf":
        pdfplumber = pytest.importorskip("pdfplumber")
        with pdfplumber.open(path) as pdf:
            text = " ".join(p.extract_text() or "" for p in pdf.pages)
    else:
        text = path.read_text("utf-8-sig")
    for stated in truth["stated_totals"]:
        assert norm(stated["text"]).replace(",", "") in norm(text).replace(",", ""), stated


def test_dates_and_fields_are_well_formed(truth: dict[str, Any]) -> None:
    for row in truth["rows"]:
        assert row["signed"] is None or re.fullmatch(r"\d{4}-\d\d(-\d\d)?", row["signed"])
        assert row["waiver"] in (True, False, None)
        assert row["level"] in ("university", "department")
        assert (row["home_unit"] is not None) == (row["level"] == "department")
        assert row["layout"] in truth["layouts"]
        assert row["layout"].startswith("dept") == (row["level"] == "department")
        printed = row.get("signed_printed") or ""
        if row["signed"] and printed and row["signed"][:4].isdigit() and printed[:4].isdigit():
            assert printed.startswith(row["signed"][:4]), row


def test_the_manifest_names_every_document_once() -> None:
    manifest = tomllib.loads((DOCS / "sources.toml").read_text("utf-8"))
    files = [d["file"] for d in manifest["document"]]
    assert sorted(files) == sorted(json.loads(p.read_text("utf-8"))["document"] for p in TRUTHS)
    assert all((DOCS / f).is_file() for f in files)
    assert all("section" not in d and "sections" not in d for d in manifest["document"])
