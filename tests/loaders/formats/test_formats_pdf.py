"""The PDF reader on generated PDFs: ruled tables with spanning cells, and text layout."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import grid, outline, read_error, sample_rows

from kyotei.loaders.document import Format, Table
from kyotei.loaders.formats import read_document
from kyotei.loaders.formats.pdf import read_pdf


def test_ruled_pdf_outline_keeps_page_furniture_in_reading_order(pdfs: dict[str, Path]) -> None:
    doc = read_document(pdfs["ruled"])
    assert doc.format is Format.PDF
    assert [part.name for part in doc.parts] == ["page 1", "page 2"]
    assert outline(doc) == [
        (1, "p1 l1", "大学間交流協定校一覧"),
        (1, "p1 t1", "TABLE"),
        (1, "p1 l2", " " * 48 + "- 1 -"),  # centred: indented from the title's left edge
        (2, "p2 l1", "大学間交流協定校一覧"),
        (2, "p2 t1", "TABLE"),
        (2, "p2 l2", " " * 48 + "- 2 -"),
    ]
    assert doc.notes == ()


def test_ruled_table_fills_spanning_cells_explicitly(pdfs: dict[str, Path]) -> None:
    tables = list(read_pdf(pdfs["ruled"]).tables())
    assert grid(tables[0]) == [
        *sample_rows(lambda r, c: f"p1 t1 r{r} c{c}"),
        [("アメリカ合衆国", "p1 t1 r4 c1", None), ("Example University", "p1 t1 r4 c2", None),
         ("1999.5.31", "p1 t1 r4 c3", None)],
        [("備考:全学協定", "p1 t1 r5 c1", None),
         ("備考:全学協定", "p1 t1 r5 c2", "p1 t1 r5 c1"),
         ("備考:全学協定", "p1 t1 r5 c3", "p1 t1 r5 c1")],
    ]
    assert grid(tables[1]) == [
        [("国・地域", "p2 t1 r1 c1", None), ("大学名", "p2 t1 r1 c2", None),
         ("締結日", "p2 t1 r1 c3", None)],
        [("韓国", "p2 t1 r2 c1", None), ("テスト大学校", "p2 t1 r2 c2", None),
         ("2010.3.1", "p2 t1 r2 c3", None)],
    ]
    filled = tables[0].rows[2][0]
    assert filled.filled and not tables[0].rows[1][0].filled


def test_text_layout_page_keeps_column_gaps_as_runs_of_spaces(pdfs: dict[str, Path]) -> None:
    doc = read_document(pdfs["text_layout"])
    assert not any(isinstance(block, Table) for block in doc.blocks())
    lines = list(doc.lines())
    assert [str(line.locator) for line in lines] == ["p1 l1", "p1 l2", "p1 l3", "p1 l4"]
    assert lines[0].verbatim == "中国"
    # Columns drawn at x = 72, 200 and 420 pt in 10 pt type: the 68 pt gap after the six
    # full-width characters (72 + 60 = 132) is round(68 / 5) = 14 spaces; the row with an
    # empty first column is indented by round((200 - 72) / 5) = 26 spaces.
    assert [line.verbatim for line in lines[1:]] == [
        "サンプル大学" + " " * 14 + "Sample University" + " " * 27 + "2001.4.1",
        " " * 26 + "Sample University Campus",
        "見本工科大学" + " " * 14 + "Example Institute of Technology" + " " * 13 + "2005.10.1",
    ]
    assert [re.split(r" {2,}", line.verbatim) for line in lines[1:]] == [
        ["サンプル大学", "Sample University", "2001.4.1"],
        ["", "Sample University Campus"],
        ["見本工科大学", "Example Institute of Technology", "2005.10.1"],
    ]


def test_rows_iterator_gives_lines_as_one_cell_rows(pdfs: dict[str, Path]) -> None:
    rows = list(read_document(pdfs["ruled"]).rows())
    assert [str(row.locator) for row in rows[:3]] == ["p1 l1", "p1 t1 r1", "p1 t1 r2"]
    assert rows[0].texts == ["大学間交流協定校一覧"]
    assert rows[3].texts == ["中国", "見本工科大学", "2005.10.1"]
    assert rows[3].table is not None and rows[0].table is None
    assert len(rows) == 11


def test_a_file_that_is_not_a_pdf_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    error = read_error(bad, b"%PDF-1.4\nthis is not a PDF body")
    assert error.file == str(bad)
    assert "not readable as PDF" in error.reason


def test_fake_bold_glyphs_drawn_twice_are_read_once(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    path = tmp_path / "bold.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.setFont("HeiseiKakuGo-W5", 12)
    for dx in (0.0, 0.3):  # the same text overprinted a third of a point to the right
        canvas.drawString(72 + dx, 700, "サンプル大学")
    canvas.showPage()
    canvas.save()
    assert [line.verbatim for line in read_document(path).lines()] == ["サンプル大学"]
