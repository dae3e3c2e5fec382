"""The HTML reader: what is read, what is ignored, spans filled explicitly, encodings."""

from __future__ import annotations

from pathlib import Path

from conftest import grid, outline, sample_rows

from kyotei.loaders.document import Format, Line, LineKind
from kyotei.loaders.formats import read_document

PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>協定校</title>
<style>td { color: red }</style><script>var x = "中国";</script></head>
<body>
<header><div class="logo">Example University</div><h1 class="site">サイト名</h1></header>
<nav><ul><li>ホーム</li><li>交流協定</li></ul></nav>
<div role="navigation">パンくず</div>
<main>
  <h1>大学間交流協定校一覧</h1>
  <p>2024年4月1日現在<br>  国・地域別  </p>
  <p hidden>hidden text</p><p aria-hidden="true">aria hidden</p>
  <p style="display: none">not shown</p>
  <table>
    <caption>アジア</caption>
    <thead><tr><th>国・地域</th><th>大学名</th><th>締結日</th></tr></thead>
    <tbody>
      <tr><td rowspan="2">中国</td><td>サンプル大学</td><td>2001.4.1</td></tr>
      <tr><td>見本<br>工科大学</td><td>2005.10.1</td></tr>
      <tr><td colspan="2">Example University</td><td>1999.5.31</td></tr>
      <tr style="display:none"><td>hidden row</td></tr>
    </tbody>
  </table>
  <h2>注記</h2>
  <ul><li>＊ 授業料不徴収</li><li>第二項目<ul><li>入れ子</li></ul></li></ul>
  <!-- a comment -->
</main>
<footer><p>© Example University</p></footer>
</body></html>
"""


def test_page_outline_ignores_navigation_furniture_and_hidden_text(tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert (doc.format, doc.encoding) == (Format.HTML, "utf-8")
    assert outline(doc) == [
        (1, "heading1", "大学間交流協定校一覧"),
        (1, "para1", "2024年4月1日現在"),
        (1, "para2", "国・地域別"),
        (1, "caption1", "アジア"),
        (1, "table1", "TABLE"),
        (1, "heading2", "注記"),
        (1, "list1 item1", "＊ 授業料不徴収"),
        (1, "list1 item2", "第二項目"),
        (1, "list2 item1", "入れ子"),
    ]
    headings = [b for b in doc.blocks() if isinstance(b, Line) and b.kind is LineKind.HEADING]
    assert [h.level for h in headings] == [1, 2]
    assert next(b for b in doc.lines() if b.kind is LineKind.LIST_ITEM).folded == "* 授業料不徴収"


def test_only_the_main_content_is_read_and_items_are_numbered_in_their_list(
        tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_text(
        "<html><body><div class='crumbs'>ホーム &gt; 国際交流</div>"
        "<aside><ul><li>留学案内</li><li>協定校一覧</li></ul></aside>"
        "<div role='main'><h2>欧州</h2><ol><li>見本大学</li><li>試験大学</li></ol>"
        "<h2>北米</h2><ul><li>Example University</li></ul><li>迷子の項目</li></div>"
        "<aside><p>お問い合わせ</p></aside></body></html>", encoding="utf-8")
    assert outline(read_document(path)) == [
        (1, "heading1", "欧州"),
        (1, "list1 item1", "見本大学"),
        (1, "list1 item2", "試験大学"),
        (1, "heading2", "北米"),
        (1, "list2 item1", "Example University"),
        (1, "item4", "迷子の項目"),
    ]


def test_a_page_without_main_content_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_text("<html><body><aside><ul><li>留学案内</li></ul></aside>"
                    "<section><ul><li>見本大学</li></ul></section></body></html>",
                    encoding="utf-8")
    assert outline(read_document(path)) == [
        (1, "list1 item1", "留学案内"), (1, "list2 item1", "見本大学")]


def test_rowspan_and_colspan_are_filled_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_text(PAGE, encoding="utf-8")
    (table,) = read_document(path).tables()
    assert grid(table) == [
        *sample_rows(lambda r, c: f"table1 r{r} c{c}", name="見本\n工科大学"),
        [("Example University", "table1 r4 c1", None),
         ("Example University", "table1 r4 c2", "table1 r4 c1"),
         ("1999.5.31", "table1 r4 c3", None)],
    ]
    assert [cell.header for cell in table.rows[0]] == [True, True, True]
    assert not table.rows[1][0].header


def test_layout_table_is_read_as_text_and_inner_table_as_table(tmp_path: Path) -> None:
    path = tmp_path / "layout.htm"
    path.write_text(
        "<html><body><table><tr><td>左メニュー</td><td><h3>欧州</h3>"
        "<table><tr><td>ドイツ</td><td>Beispiel-Universität</td></tr></table>"
        "</td></tr></table><table><tr><td>  </td></tr></table>"
        "<table><tr><td>韓国</td><td>テスト大学校</td></tr></table></body></html>",
        encoding="utf-8")
    doc = read_document(path)
    assert outline(doc) == [
        (1, "text1", "左メニュー"),
        (1, "heading1", "欧州"),
        (1, "table1", "TABLE"),
        (1, "table2", "TABLE"),
    ]
    assert [row.texts for row in doc.rows() if row.table is not None] == [
        ["ドイツ", "Beispiel-Universität"], ["韓国", "テスト大学校"]]


def test_shift_jis_page_with_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "sjis.html"
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
            "</head><body><p>①サンプル大学</p></body></html>")
    path.write_bytes(html.encode("cp932"))
    doc = read_document(path)
    assert doc.encoding == "cp932"
    assert [line.verbatim for line in doc.lines()] == ["①サンプル大学"]


def test_html_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text("<!doctype html><p>見本大学</p>", encoding="utf-8")
    doc = read_document(path)
    assert doc.format is Format.HTML
    assert [str(line.locator) for line in doc.lines()] == ["para1"]


def test_pre_keeps_spacing(tmp_path: Path) -> None:
    path = tmp_path / "pre.html"
    path.write_text("<pre>中国    サンプル大学   2001.4.1\nタイ    見本大学</pre>",
                    encoding="utf-8")
    assert [(str(line.locator), line.verbatim) for line in read_document(path).lines()] == [
        ("text1", "中国    サンプル大学   2001.4.1"), ("text2", "タイ    見本大学")]


def test_header_and_footer_inside_an_article_are_content(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(
        "<body><header>サイト</header><article><header><h2>協定一覧</h2></header>"
        "<p>本文</p><footer><p>2024年4月1日現在</p></footer></article>"
        "<footer>© サンプル大学</footer></body>", encoding="utf-8")
    assert [str(line.locator) + " " + line.verbatim for line in read_document(path).lines()] == [
        "heading1 協定一覧", "para1 本文", "para2 2024年4月1日現在"]


def test_spans_past_the_table_stop_at_its_edge_and_overlaps_keep_the_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "spans.html"
    path.write_text(
        "<table><tr><td rowspan='5'>A</td><td>B</td></tr>"
        "<tr><td colspan='2'>C</td></tr></table>", encoding="utf-8")
    (table,) = read_document(path).tables()
    assert grid(table) == [
        [("A", "table1 r1 c1", None), ("B", "table1 r1 c2", None)],
        [("A", "table1 r2 c1", "table1 r1 c1"), ("C", "table1 r2 c2", None),
         ("C", "table1 r2 c3", "table1 r2 c2")],
    ]
