"""HTML rendering: a university web page, its list or table inside the site's chrome.

The page has a header with a navigation menu, breadcrumbs, a side menu and a footer — all
lists and links a reader must ignore. Tables use ``rowspan`` for country (and unit) cells.
Locators count inside ``<main>``: ``table``/``row`` (every ``<tr>``, header included) or
``list``/``item`` (every ``<ul>`` in main, every ``<li>`` in it).
"""

from __future__ import annotations

from html import escape

from corpus_layout import columns, legend_line, list_entries, locate, table_rows, total_line
from corpus_model import Doc, Section
from corpus_render_text import as_of_text

NAV_JA = ("ホーム", "大学案内", "学部・大学院", "入試情報", "研究", "国際交流", "お問い合わせ")
NAV_EN = ("Home", "About", "Academics", "Admissions", "Research", "International", "Contact")


def chrome(doc: Doc, body: str) -> str:
    en = doc.spec.language == "en"
    nav = "".join(
        f'<li><a href="/{i}/">{escape(t)}</a></li>' for i, t in enumerate(NAV_EN if en else NAV_JA)
    )
    side = "".join(
        f'<li><a href="/intl/{i}/">{escape(t)}</a></li>'
        for i, t in enumerate(
            ("Study Abroad", "Exchange Students", "Partner Institutions", "Scholarships")
            if en
            else ("海外留学", "交換留学生の受入れ", "協定校一覧", "奨学金")
        )
    )
    home = doc.home.en if en else doc.home.ja
    crumbs = " &gt; ".join(
        escape(t)
        for t in ((home, "International", doc.title) if en else (home, "国際交流", doc.title))
    )
    lang = "en" if en else "ja"
    office = "Office of International Affairs" if en else "国際交流課"
    privacy = "Privacy Policy" if en else "プライバシーポリシー"
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{escape(doc.title)} | {escape(home)}</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body>
<header class="site-header"><div class="logo"><a href="/">{escape(home)}</a></div>
<nav class="global-nav"><ul>{nav}</ul></nav></header>
<div class="breadcrumb">{crumbs}</div>
<div class="container">
<aside class="side-menu"><ul>{side}</ul></aside>
<main id="content">
<h1>{escape(doc.title)}</h1>
<p class="update">{escape(as_of_text(doc))}</p>
{body}
</main>
</div>
<footer class="site-footer"><p>{escape(home)} {office}
 TEL 000-000-0000</p><p>&copy; {doc.as_of.year} {escape(doc.home.en)}. All rights reserved.</p>
<ul class="footer-links"><li><a href="/privacy/">{privacy}</a></li>
<li><a href="/sitemap/">{"Sitemap" if en else "サイトマップ"}</a></li></ul></footer>
</body>
</html>
"""


class Counter:
    def __init__(self) -> None:
        self.tables = 0
        self.lists = 0


def list_html(doc: Doc, section: Section, counter: Counter) -> str:
    parts = [f"<h2>{escape(section.heading)}</h2>"]
    open_list = False
    item = 0
    for entry in list_entries(doc, section):
        if entry.kind in ("item", "dup", "garbage", "cont"):
            if entry.kind == "cont":  # a web page does not wrap rows: join the two halves
                parts[-1] = parts[-1][: -len("</li>")] + escape(entry.text.strip()) + "</li>"
                continue
            if not open_list:
                parts.append("<ul>")
                counter.lists += 1
                open_list, item = True, 0
            item += 1
            parts.append(f"<li>{escape(entry.text)}</li>")
            locate(entry.row, entry.kind, {"list": counter.lists, "item": item}, "items")
            continue
        if open_list:
            parts.append("</ul>")
            open_list = False
        if entry.kind == "heading":
            continue
        tag = {"region": "h3", "country": "h4", "unit": "h3"}.get(entry.kind, "p")
        parts.append(f"<{tag}>{escape(entry.text)}</{tag}>")
    if open_list:
        parts.append("</ul>")
    return "\n".join(parts)


def table_html(doc: Doc, section: Section, counter: Counter) -> str:
    counter.tables += 1
    cols = [k for k, _ in columns(doc, section)]
    lines = [f"<h2>{escape(section.heading)}</h2>", '<table class="partners">']
    number = 0
    for trow in table_rows(doc, section):
        if trow.kind == "header" and "lost_header" in doc.furniture:
            continue
        number += 1
        tag = "th" if trow.kind == "header" else "td"
        cells = []
        for key in cols:
            span = trow.spans.get(key, 1)
            if span == 0:
                continue
            attr = f' rowspan="{span}"' if span > 1 else ""
            cells.append(f"<{tag}{attr}>{escape(trow.cells.get(key, ''))}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
        kind = {"data": "item", "cont": "cont"}.get(trow.kind, trow.kind)
        locate(trow.row, kind, {"table": counter.tables, "row": number}, "rows")
    lines.append("</table>")
    if (text := legend_line(doc)) is not None:
        lines.append(f'<p class="note">{escape(text)}</p>')
    lines.append(f'<p class="total">{escape(total_line(doc, section.rows, section.level))}</p>')
    return "\n".join(lines)


def render_html(doc: Doc) -> bytes:
    counter = Counter()
    body = "\n".join(
        table_html(doc, s, counter)
        if s.layout in ("table", "dept-table")
        else list_html(doc, s, counter)
        for s in doc.sections
    )
    return chrome(doc, body).encode("utf-8")
