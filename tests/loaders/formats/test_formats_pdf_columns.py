"""The PDF reader on pages set in text columns, and on an unruled table it must not split."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from kyotei.loaders.document import Table
from kyotei.loaders.formats.pdf import read_pdf

FONT = "HeiseiMin-W3"
LEFT = [("【中部】", 0), ("架空県", 0), ("霜月学院大学 2001.4.1", 12),
        ("皐月工業大学 2003.5.2", 12), ("仮名県", 0), ("弥生女子大学 2010.6.3", 12)]
RIGHT = [("【北部】", 0), ("想像国", 0), ("ノーザン架空大学 1999.7.4", 12), ("仮想国", 0),
         ("如月大学 2012.8.5", 12), ("卯月大学 2015.9.6", 12), ("師走大学 2016.10.7", 12)]


@pytest.fixture(scope="module")
def font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _page(path: Path, font: str, texts: list[tuple[float, float, str]]) -> Path:
    """A one-page A4 PDF with each text drawn at (x, top) in 10 pt type."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont(font, 10)
    for x, top, text in texts:
        pdf.drawString(x, 842 - top - 8, text)
    pdf.save()
    return path


def _columns(left: list[tuple[str, int]], right: list[tuple[str, int]], left_top: float,
             right_top: float) -> list[tuple[float, float, str]]:
    texts = [(50.0, 40.0, "架空大学 協定校一覧")]
    texts += [(50.0 + indent, left_top + 18 * i, text) for i, (text, indent) in enumerate(left)]
    texts += [(310.0 + indent, right_top + 18 * i, text) for i, (text, indent) in enumerate(right)]
    return [*texts, (290.0, 800.0, "1")]


def _lines(path: Path) -> list[tuple[str, str]]:
    return [(str(line.locator), line.verbatim.strip()) for line in read_pdf(path).lines()]


def _expected() -> list[tuple[str, str]]:
    texts = ["架空大学 協定校一覧"] + [t for t, _ in LEFT] + [t for t, _ in RIGHT] + ["1"]
    return [(f"p1 l{n}", text) for n, text in enumerate(texts, start=1)]


def test_two_text_columns_on_one_baseline_grid_read_left_column_first(
        tmp_path: Path, font: str) -> None:
    path = _page(tmp_path / "grid.pdf", font, _columns(LEFT, RIGHT, 100, 100))
    assert _lines(path) == _expected()


def test_two_text_columns_at_unrelated_heights_read_left_column_first(
        tmp_path: Path, font: str) -> None:
    path = _page(tmp_path / "loose.pdf", font, _columns(LEFT, RIGHT, 100, 107))
    assert _lines(path) == _expected()


def test_column_lines_are_indented_from_their_own_column(tmp_path: Path, font: str) -> None:
    path = _page(tmp_path / "indent.pdf", font, _columns(LEFT, RIGHT, 100, 100))
    lines = {line.verbatim.strip(): line.verbatim for line in read_pdf(path).lines()}
    assert lines["想像国"] == "想像国"  # not indented by the left column's width
    assert lines["如月大学 2012.8.5"] == "  如月大学 2012.8.5"


def test_unruled_table_with_aligned_columns_is_not_split(tmp_path: Path, font: str) -> None:
    rows = [("国・地域", "大学名", "締結日"), ("架空国", "霜月学院大学", "2001.4.1"),
            ("想像国", "ノーザン架空大学", "1999.7.4"), ("仮想国", "如月大学", "2012.8.5"),
            ("仮名国", "弥生女子大学", "2010.6.3")]
    texts = [(x, 100.0 + 18 * r, cell) for r, row in enumerate(rows)
             for x, cell in zip((50.0, 200.0, 420.0), row, strict=True)]
    doc = read_pdf(_page(tmp_path / "table.pdf", font, texts))
    assert not any(isinstance(block, Table) for block in doc.blocks())
    verbatims = [line.verbatim.split() for line in doc.lines()]
    assert verbatims == [list(row) for row in rows]


def test_a_page_number_under_an_unruled_table_makes_no_text_columns(
        tmp_path: Path, font: str) -> None:
    # columns at an even pitch, each filling it, the page number right under them, set in
    # the middle column: it is no indentation, and the rows stay rows
    rows = [("国・地域の名", "大学名の表記", "締結年月日"),
            ("架空共和国", "霜月学院大学", "平成13年4月1日"),
            ("想像民主国", "ノーザン架空大学", "平成11年7月4日"),
            ("仮想連合国", "如月国際大学", "平成24年8月5日"),
            ("仮名合衆国", "弥生女子大学", "平成22年6月3日")]
    texts = [(x, 100.0 + 18 * r, cell) for r, row in enumerate(rows)
             for x, cell in zip((50.0, 200.0, 350.0), row, strict=True)]
    texts.append((240.0, 100.0 + 18 * len(rows), "1/2"))
    doc = read_pdf(_page(tmp_path / "numbered.pdf", font, texts))
    verbatims = [line.verbatim.split() for line in doc.lines()]
    assert verbatims == [*map(list, rows), ["1/2"]]
