"""The neutral model: locators, folding, the filled-cell record and the rows iterator."""

from __future__ import annotations

from pathlib import Path

from kyotei.loaders.document import (
    Cell,
    Document,
    Format,
    Line,
    Locator,
    Part,
    Table,
    fold_text,
)


def test_locator_strings_per_format() -> None:
    pdf = Locator(3, 2, format=Format.PDF, table=1)
    assert [str(pdf), str(pdf.cell(12, 0)), str(pdf.cell(12, 2))] == [
        "p3 t1", "p3 t1 r12", "p3 t1 r12 c2"]
    assert str(Locator(3, 5, format=Format.PDF, line=17)) == "p3 l17"
    sheet = Locator(1, 1, format=Format.XLSX, table=1, name="Sheet1")
    assert [str(sheet), str(sheet.cell(12, 0)), str(sheet.cell(12, 3))] == [
        "Sheet1", "Sheet1!12:12", "Sheet1!C12"]
    assert str(Locator(2, 1, 4, 703, Format.XLSX, 1, name="協定 '一覧'")) == "'協定 ''一覧'''!AAA4"
    html = Locator(1, 4, format=Format.HTML, table=2)
    assert [str(html), str(html.cell(5, 1))] == ["table2", "table2 r5 c1"]
    assert str(Locator(1, 1, format=Format.HTML, line=3, kind="heading")) == "heading3"
    csv = Locator(1, 1, format=Format.CSV, table=1)
    assert [str(csv), str(csv.cell(12, 0)), str(csv.cell(12, 3))] == ["table", "r12", "r12 c3"]
    assert str(Locator(1, 17, format=Format.TEXT, line=17)) == "l17"


def test_locators_sort_in_reading_order() -> None:
    table = Locator(1, 2, format=Format.PDF, table=1)
    shuffled = [
        Locator(2, 1, format=Format.PDF, line=1),
        table.cell(2, 1),
        Locator(1, 3, format=Format.PDF, line=2),
        table.cell(1, 2),
        Locator(1, 1, format=Format.PDF, line=1),
        table.cell(1, 1),
    ]
    assert [str(loc) for loc in sorted(shuffled)] == [
        "p1 l1", "p1 t1 r1 c1", "p1 t1 r1 c2", "p1 t1 r2 c1", "p1 l2", "p2 l1"]


def test_fold_text_maps_compatibility_characters_only() -> None:
    assert fold_text("⼤⽂⾼") == "大文高"  # Kangxi radicals U+2F24 U+2F42 U+2FBC
    assert fold_text("⻑⻄⻝") == "長西食"  # CJK radicals supplement U+2ED1 U+2EC4 U+2EDD
    assert fold_text("ＡＢＣ１２３（）") == "ABC123()"
    assert fold_text("A‧B･C·D") == "A・B・C・D"
    assert fold_text("學 大學 Example  University") == "學 大學 Example  University"


def test_cells_record_where_filled_text_comes_from() -> None:
    table = Locator(1, 1, format=Format.HTML, table=1)
    printed = Cell("中国", table.cell(1, 1))
    filled = Cell("中国", table.cell(2, 1), filled_from=printed.locator)
    assert (printed.filled, filled.filled) == (False, True)
    assert filled.filled_from == table.cell(1, 1)
    assert Cell("ＡＢＣ", table.cell(3, 1)).folded == "ABC"


def test_rows_iterator_covers_lines_and_tables() -> None:
    table = Locator(1, 2, format=Format.HTML, table=1)
    doc = Document(Path("x.html"), Format.HTML, (Part(1, "x.html", (
        Line("中国", Locator(1, 1, format=Format.HTML, line=1, kind="heading")),
        Table(table, (
            (Cell("サンプル大学", table.cell(1, 1)), Cell("2001.4.1", table.cell(1, 2))),
        )),
    )),))
    rows = list(doc.rows())
    assert [(str(row.locator), row.texts) for row in rows] == [
        ("heading1", ["中国"]), ("table1 r1", ["サンプル大学", "2001.4.1"])]
    assert [str(cell.locator) for cell in rows[0].cells] == ["heading1"]
    assert rows[0].line is not None and rows[0].line.level == 0 and rows[0].table is None
    assert rows[1].line is None and rows[1].table is not None
    assert rows[1].folded == ["サンプル大学", "2001.4.1"]
    assert doc.name == "x.html"
    assert [len(list(doc.lines())), len(list(doc.tables()))] == [1, 1]
