"""The measuring corpus: the generator is deterministic and its ground truth is true.

Measuring kyotei on the corpus is not a test (``measure.py`` is run by hand); these tests
check the corpus itself: the same seed gives the same documents and truth, the committed
corpus is what the generator makes, and every locator in the truth points at text that
prints the partner it names (read back with plain openpyxl, pdfplumber, csv, html.parser).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("openpyxl")

from corpus_read import text_at
from scripts import load_script

HERE = Path(__file__).resolve().parent


_generator = load_script(HERE / "generate.py", "kyotei_corpus_generate")
DEFAULT_SEED: int = _generator.DEFAULT_SEED
SPECS: tuple[Any, ...] = _generator.SPECS
generate = _generator.generate
BYTE_STABLE = (".txt", ".csv", ".html", ".xlsx", ".pdf")  # zip and PDF dates are fixed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate(DEFAULT_SEED, out)
    return out


def truths(root: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((root / "truth").glob("*.truth.json"))]


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def test_same_seed_same_documents_and_truth(corpus: Path, tmp_path: Path) -> None:
    generate(DEFAULT_SEED, tmp_path)
    for path in sorted((corpus / "documents").iterdir()):
        if path.suffix in (*BYTE_STABLE, ".toml"):
            assert (tmp_path / "documents" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in sorted((corpus / "truth").iterdir()):
        assert (tmp_path / "truth" / path.name).read_bytes() == path.read_bytes(), path.name


def test_another_seed_gives_other_documents(corpus: Path, tmp_path: Path) -> None:
    generate(DEFAULT_SEED + 1, tmp_path)
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) != sorted(
        p.name for p in (corpus / "documents").iterdir()
    ) or any(
        (tmp_path / "truth" / p.name).read_bytes() != p.read_bytes()
        for p in (corpus / "truth").iterdir()
        if (tmp_path / "truth" / p.name).exists()
    )


def test_committed_corpus_is_the_generated_one(corpus: Path) -> None:
    committed = HERE / "truth"
    if not committed.exists():
        pytest.skip("the corpus is not committed")
    for path in sorted((corpus / "truth").iterdir()):
        assert (committed / path.name).read_bytes() == path.read_bytes(), path.name
    for path in sorted((corpus / "documents").iterdir()):
        # Workbooks and PDFs are compared by their truth only: their bytes depend on the
        # versions of openpyxl, reportlab and zlib installed, not on the generator.
        if path.suffix in (".txt", ".csv", ".html", ".toml"):
            assert (HERE / "documents" / path.name).read_bytes() == path.read_bytes(), path.name


def test_composition(corpus: Path) -> None:
    records = truths(corpus)
    assert len(records) == len(SPECS) == 35
    assert {r["format"] for r in records} == {"txt", "csv", "html", "xlsx", "pdf"}
    countries = {row["country"] for r in records for row in r["rows"]}
    assert len(countries) >= 40
    ids: dict[str, set[str]] = {}
    for record in records:
        for row in record["rows"]:
            ids.setdefault(row["partner"]["id"], set()).add(record["document"])
    assert sum(1 for docs in ids.values() if len(docs) >= 2) >= 40  # recurring institutions
    assert sum(len(r["unreadable"]) for r in records) >= 10


def test_manifest_names_every_document_with_no_sections(corpus: Path) -> None:
    manifest = tomllib.loads((corpus / "documents" / "sources.toml").read_text("utf-8"))
    files = [d["file"] for d in manifest["document"]]
    assert sorted(files) == sorted(r["document"] for r in truths(corpus))
    assert all(
        "section" not in d and d["publisher"]["status"] == "stated" for d in manifest["document"]
    )


def shows(path: Path, locator: dict[str, Any], name: str) -> bool:
    """The name stands at the locator; a wrapped one begins on its first line, ends on the next."""
    if name in squash(text_at(path, locator)):
        return True
    if "lines" not in locator:
        return False
    first, last = locator["lines"]
    head = squash(text_at(path, {**locator, "line": first, "lines": [first, first]}))
    tail = squash(text_at(path, {**locator, "line": last, "lines": [last, last]}))
    return any(name[:k] in head and name[k:] in tail for k in range(1, len(name)))


def _document(corpus: Path, spec: Any) -> tuple[dict[str, Any], Path]:
    """The truth of the document of ``spec`` and its path (skipped for a PDF without
    pdfplumber to read it back)."""
    if spec.fmt == "pdf":
        pytest.importorskip("pdfplumber")
    record = next(r for r in truths(corpus) if r["document"].startswith(spec.id + "-"))
    return record, corpus / "documents" / record["document"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_every_locator_points_at_its_partner(corpus: Path, spec: Any) -> None:
    record, path = _document(corpus, spec)
    assert record["rows"], record["document"]
    for row in record["rows"]:
        printed = row["partner"]["printed_ja"] or row["partner"]["printed_en"]
        assert shows(path, row["locator"], squash(printed)), (row["locator"], printed)
    for bad in record["unreadable"]:
        assert squash(bad["text"]) in squash(text_at(path, bad["locator"])), bad["locator"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_every_stated_waiver_is_printed(corpus: Path, spec: Any) -> None:
    """A waiver the truth states shows at its locator: the mark, or the column's value."""
    record, path = _document(corpus, spec)
    styles = record["styles"]
    stated = [row for row in record["rows"] if row["waiver"] is not None]
    if styles["waiver"] == "none":
        assert not stated
    for row in stated:
        text = squash(text_at(path, row["locator"]))
        if styles["waiver"] == "mark":
            assert (styles["waiver_mark"] in text) == row["waiver"], (row["locator"], text)
        else:
            assert row["layout"] in ("table", "dept-table"), row["locator"]
            yes, no = styles["waiver_values"]
            if row["waiver"] or no:  # PDF prints the dash – as ‒ (U+2012)
                value = yes if row["waiver"] else no
                assert value in text or (value == "–" and "‒" in text), (row["locator"], text)
