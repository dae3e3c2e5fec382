"""PDF rendering with reportlab and a Japanese CID font (no font file needed).

``text`` variant: the list drawn line by line, pages with a running header and a page
number (locator: page and the n-th non-empty text line of the page, as pdfplumber reads
it). ``ruled`` variant: tables drawn with a grid; a country (or unit) cell spanning its
group has no rule under it; the column titles repeat on every page (locator: page, table 1,
row n counting the title row as 1).
"""

from __future__ import annotations

import io

from corpus_layout import Entry, TRow, columns, legend_line, locate, table_rows, total_line
from corpus_model import Doc, Section
from corpus_render_text import as_of_text, document_entries, header_line, paginate
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "HeiseiKakuGo-W5"
MARGIN = 40.0
WIDTH, HEIGHT = A4
TEXT_LINES = 40
TABLE_ROWS = 24
ROW_HEIGHT = 17.0


def _font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def canvas_for(buffer: io.BytesIO, doc: Doc) -> Canvas:
    _font()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(doc.title)
    canvas.setAuthor(doc.home.en)
    return canvas


def fit(text: str, size: float, room: float) -> float:
    """The font size at which ``text`` fits in ``room`` points (never above ``size``)."""
    needed = pdfmetrics.stringWidth(text, FONT, size)
    return size if needed <= room else max(4.0, size * room / needed)


def footer(canvas: Canvas, doc: Doc, number: int, total: int) -> None:
    canvas.setFont(FONT, 8)
    canvas.drawString(MARGIN, HEIGHT - 25, header_line(doc))
    canvas.drawCentredString(WIDTH / 2, 20, f"- {number} -" if total % 2 else f"{number} / {total}")


def render_text_pdf(doc: Doc) -> bytes:
    buffer = io.BytesIO()
    canvas = canvas_for(buffer, doc)
    doc.furniture = [f for f in doc.furniture if f != "page_furniture"]  # drawn apart, below
    pages = paginate(doc, document_entries(doc), TEXT_LINES)
    for number, page in enumerate(pages, start=1):
        footer(canvas, doc, number, len(pages))
        line = 1  # the running header is line 1 of every page
        y = HEIGHT - 50
        for entry in page:
            if entry.text.strip():
                line += 1
                size = 12.0 if entry.kind == "title" else 9.5
                canvas.setFont(FONT, fit(entry.text, size, WIDTH - 2 * MARGIN))
                canvas.drawString(MARGIN, y, entry.text)
                locate(entry.row, entry.kind, {"page": number, "line": line}, "lines")
            y -= 18
        canvas.showPage()
    doc.furniture.append("page_furniture")
    canvas.save()
    return buffer.getvalue()


def _widths(rows: list[TRow], cols: list[str]) -> list[float]:
    natural = [
        max(pdfmetrics.stringWidth(r.cells.get(k, ""), FONT, 8) for r in rows) + 8 for k in cols
    ]
    scale = (WIDTH - 2 * MARGIN) / sum(natural)
    return [w * scale for w in natural]


def _page_rows(rows: list[TRow]) -> list[list[TRow]]:
    """The title row and up to TABLE_ROWS rows per page; a split row stays on one page."""
    header, body = rows[0], rows[1:]
    pages: list[list[TRow]] = []
    start = 0
    while start < len(body):
        end = min(start + TABLE_ROWS, len(body))
        if end < len(body) and body[end].kind == "cont":
            end += 1
        pages.append([header, *body[start:end]])
        start = end
    return pages


def draw_table(
    canvas: Canvas, rows: list[TRow], cols: list[str], widths: list[float], top: float, page: int
) -> float:
    """Draw one page's table rows; return the y under the table."""
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    for index, trow in enumerate(rows):
        y = top - index * ROW_HEIGHT
        for column, key in enumerate(cols):
            if trow.spans.get(key, 1) != 0:
                text = trow.cells.get(key, "")
                canvas.setFont(FONT, fit(text, 8, widths[column] - 6))
                canvas.drawString(xs[column] + 3, y - 12, text)
            nxt = rows[index + 1] if index + 1 < len(rows) else None
            bottom_open = nxt is not None and nxt.spans.get(key, 1) == 0
            if not bottom_open:
                canvas.line(xs[column], y - ROW_HEIGHT, xs[column + 1], y - ROW_HEIGHT)
        if index == 0:
            canvas.line(xs[0], y, xs[-1], y)
        kind = {"data": "item", "header": "header"}.get(trow.kind, trow.kind)
        if kind != "header":
            locate(trow.row, kind, {"page": page, "table": 1, "row": index + 1}, "rows")
    bottom = top - len(rows) * ROW_HEIGHT
    for x in xs:
        canvas.line(x, top, x, bottom)
    return bottom


def render_ruled_pdf(doc: Doc) -> bytes:
    buffer = io.BytesIO()
    canvas = canvas_for(buffer, doc)
    plans: list[tuple[Section, list[TRow], list[str], list[float]]] = []
    for section in doc.sections:
        rows = table_rows(doc, section)
        cols = [k for k, _ in columns(doc, section)]
        plans.append((section, rows, cols, _widths(rows, cols)))
    pages = [
        (s, chunk, c, w, i == 0)
        for s, rows, c, w in plans
        for i, chunk in enumerate(_page_rows(rows))
    ]
    canvas.setLineWidth(0.5)
    for number, (section, chunk, cols, widths, first) in enumerate(pages, start=1):
        footer(canvas, doc, number, len(pages))
        top = HEIGHT - 50
        if number == 1:
            canvas.setFont(FONT, 12)
            canvas.drawString(MARGIN, top, doc.title)
            canvas.setFont(FONT, 9)
            canvas.drawString(MARGIN, top - 16, as_of_text(doc))
            top -= 36
        if first:
            canvas.setFont(FONT, 10)
            canvas.drawString(MARGIN, top, section.heading)
            top -= 14
        for trow in chunk[1:2]:  # a group cut by the page break starts again on this page
            for key in cols:
                if trow.spans.get(key) == 0:
                    trow.spans[key] = 1
        bottom = draw_table(canvas, chunk, cols, widths, top, number)
        if number == len(pages) or pages[number][4]:  # the section's last page
            y = bottom - 16
            canvas.setFont(FONT, 8)
            if (text := legend_line(doc)) is not None:
                canvas.drawString(MARGIN, y, text)
                y -= 14
            canvas.drawString(MARGIN, y, total_line(doc, section.rows, section.level))
        canvas.showPage()
    canvas.save()
    # Every page has its running header and number; column titles repeat when a table turns.
    doc.furniture = sorted({*doc.furniture, "page_furniture"} - {"repeated_header"})
    if len(pages) > sum(1 for page in pages if page[4]):
        doc.furniture = sorted({*doc.furniture, "repeated_header"})
    return buffer.getvalue()


def render_pdf(doc: Doc) -> bytes:
    return render_ruled_pdf(doc) if doc.spec.variant == "ruled" else render_text_pdf(doc)


__all__ = ["Entry", "render_pdf"]
