"""The held-out corpus: its truth holds, and kyotei keeps the floors measured on it.

The floors are the figures measured after the fixes of the held-out session (README.md),
rounded down a little: coarse, so that the test fails when the loaders regress on these
shapes, not when a figure moves by one row. No time is asserted. Builds the 14 documents
once with ``kyotei build`` (a few seconds).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("openpyxl")
pytest.importorskip("pdfplumber")

from scripts import load_script

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
_measure = load_script(CORPUS / "measure.py", "kyotei_heldout_measure")
from corpus_read import text_at  # noqa: E402  (tests/corpus, put on sys.path by measure.py)

sys.path.insert(0, str(HERE))
from heldout_docs2 import TWO_COLUMNS  # noqa: E402
from make_heldout import pdf_column_lines  # noqa: E402

TRUTHS = {p.name: json.loads(p.read_text("utf-8")) for p in sorted((HERE / "truth").glob("*.json"))}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2060\ufeff"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text.translate(_INVISIBLE)))


def _readable(locator: dict[str, Any]) -> bool:
    """Locators the plain readers of tests/corpus can open (not ``dt``, ``card``, ``brline``)."""
    return bool({"line", "lines", "row", "rows", "sheet", "page"} & set(locator))


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_truth_locators_print_their_partner(name: str) -> None:
    truth = TRUTHS[name]
    path = HERE / "documents" / truth["document"]
    for row in truth["rows"]:
        if not _readable(row["locator"]) or ("row" in row["locator"] and "table" in
                                             row["locator"] and path.suffix == ".html"):
            continue
        printed = row["partner"]["printed_ja"] or row["partner"]["printed_en"]
        assert _norm(printed) in _norm(_text(path, row["locator"])), (row["locator"], printed)


def _text(path: Path, locator: dict[str, Any]) -> str:
    """``text_at``, a range of lines read one line at a time (as ``text_at`` wants them)."""
    if path.suffix == ".csv":  # text_at reads commas only; this corpus has ';' too
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp932")
        delimiter = ";" if text.split("\n", 1)[0].count(";") > 1 else ","
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        return " ".join(records[locator["row"] - 1])
    if path.name in TWO_COLUMNS:  # lines numbered in reading order, left column first
        lines = pdf_column_lines(path, locator["page"], **TWO_COLUMNS[path.name])
        return lines[locator["line"] - 1]
    if "lines" in locator:
        first, last = locator["lines"]
        return " ".join(text_at(path, {"line": n}) for n in range(first, last + 1))
    return text_at(path, locator)


def test_every_document_has_truth_and_a_manifest_entry() -> None:
    manifest = (HERE / "documents" / "sources.toml").read_text("utf-8")
    documents = {t["document"] for t in TRUTHS.values()}
    assert documents == {p.name for p in (HERE / "documents").iterdir()
                         if p.name != "sources.toml"}
    assert all(f'file = "{d}"' in manifest for d in documents)


FLOORS = {"recall": 0.92, "name": 0.97, "country": 0.97, "date": 0.97, "waiver": 0.92,
          "home_unit": 0.97, "level": 0.97}
FORMAT_RECALL = {"csv": 0.95, "html": 0.95, "txt": 0.95, "xlsx": 0.95, "pdf": 0.6}


def test_kyotei_keeps_the_floors_measured_on_the_heldout_corpus() -> None:
    kyotei = _measure.Kyotei([sys.executable, "-m", "kyotei"])
    with tempfile.TemporaryDirectory(prefix="kyotei-heldout-") as work:
        state = _measure.run_builds(kyotei, HERE, Path(work))
    assert state["whole"] is None, state["whole"]  # all 14 documents build together
    truths = {t["document"]: t for t in TRUTHS.values()}
    figures = _measure.score(truths, state, _measure.corpus_namesakes(HERE))
    every = figures["groups"]["all"]["all"]
    low = {k: round(every[k], 3) for k, floor in FLOORS.items() if every[k] < floor}
    assert not low, low
    assert every["spurious"] <= 0.02
    for fmt, floor in FORMAT_RECALL.items():
        assert figures["groups"]["format"][fmt]["recall"] >= floor, fmt
    assert figures["identity"]["one_iri"] >= 22 and not figures["identity"]["false_merges"]
    assert figures["totals"]["checked"] == figures["totals"]["stated"]
    assert figures["unreadable"]["reported"] == figures["unreadable"]["total"]
