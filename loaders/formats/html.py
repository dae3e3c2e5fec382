"""HTML pages: headings, paragraphs, list items and tables, in document order.

Parsed with lxml's HTML parser. The encoding: a byte-order mark, else the ``<meta charset>``
or ``http-equiv`` declaration in the first 4 KiB, else UTF-8, else detected
(:mod:`.encoding`).

Ignored, with everything inside: ``script``, ``style``, ``noscript``, ``template``, ``nav``,
``menu``, forms' ``select``; elements with ``hidden``, ``aria-hidden="true"``, an inline
``display:none`` or ``visibility:hidden``, or the landmark roles navigation, banner,
contentinfo, menu, menubar and search; and the page-level ``header`` and ``footer`` (those
not inside ``article``, ``main``, ``section`` or ``aside``, which are the page's banner and
footer in ARIA's terms). Comments are ignored.

A page that marks its main content (one shown ``main`` element, or ``role="main"``) is read
there only: what stands around it is the site's frame (menus, side bars, breadcrumbs).

Text outside tables becomes :class:`~kyotei.loaders.document.Line` objects: one per block
element (``h1``–``h6`` as headings with their level, ``p``, ``li``, ``caption``; any other
block such as ``div`` or ``dd`` as plain text), split at ``<br>``. Whitespace runs collapse
to one space as a browser shows them; inside ``pre`` spacing is kept and each line of it
is a line. Locators number a list item by its list (the ``ul``/``ol`` elements read, in
document order, nested ones too) and its place in that list, as a browser numbers an
``ol``: ``list3 item2``; other lines per kind: ``heading3``, ``para4``, ``caption1``,
``text5``.

Tables become :class:`~kyotei.loaders.document.Table` objects (``table2 r5 c1``): rows are
the ``tr`` elements in source order; ``rowspan`` and ``colspan`` are expanded, each covered
position filled with the spanning cell's text and ``filled_from`` its locator. A table that
holds another table is a layout table: it is not a table in the model, its cells are read as
blocks of text. Inside a cell, ``<br>`` and block elements become line breaks (``\\n``).
A grid of boxes with no ``<table>`` (rows of ``div`` cells that repeat one structure: a CSS
grid, ``role="row"``) is a table too, numbered among the tables (:func:`.table_spans.grid_rows`).
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html

from kyotei.loaders.document import Block, Document, Format, Line, LineKind, Locator, Part
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats.encoding import decode, read_bytes
from kyotei.loaders.formats.table_spans import caption_text, grid_rows, read_grid, read_table

__all__ = ["read_html"]

_IGNORED_TAGS = {"script", "style", "noscript", "template", "nav", "menu", "select",
                 "head", "title", "iframe", "object", "svg", "button"}
_IGNORED_ROLES = {"navigation", "banner", "contentinfo", "menu", "menubar", "search"}
_SECTIONING = {"article", "main", "section", "aside"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_KINDS = {"p": LineKind.PARAGRAPH, "li": LineKind.LIST_ITEM, "caption": LineKind.CAPTION}
_LISTS = {"ul", "ol"}
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def is_ignored(element: lxml.html.HtmlElement) -> bool:
    """True for an element the reader skips with everything inside it."""
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    tag = element.tag.lower()
    if tag in _IGNORED_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden", "") == "true":
        return True
    if _HIDDEN_STYLE.search(element.get("style", "")):
        return True
    if element.get("role", "").strip().lower() in _IGNORED_ROLES:
        return True
    if tag in {"header", "footer"}:
        return not any(
            isinstance(a.tag, str) and a.tag.lower() in _SECTIONING for a in element.iterancestors()
        )
    return False


def main_content(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page's main content when it marks one (a shown ``main``, or ``role="main"``), for
    the rest is the site's frame (menus, side bars, banners); else the whole page."""
    mains = [e for e in root.iter() if isinstance(e.tag, str) and (
        e.tag.lower() == "main" or e.get("role", "").strip().lower() == "main")]
    shown = [e for e in mains if not is_ignored(e)
             and not any(is_ignored(a) for a in e.iterancestors())]
    outermost = [e for e in shown if not any(a in shown for a in e.iterancestors())]
    return outermost[0] if len(outermost) == 1 else root


def has_nested_table(table: lxml.html.HtmlElement) -> bool:
    """True for a table with a table inside it (a layout table)."""
    return any(True for _ in table.iterdescendants("table"))


def collapse(text: str) -> str:
    """Whitespace as a browser shows it: runs of HTML whitespace as one space.

    >>> collapse("  サンプル\\n  大学 ")
    'サンプル 大学'
    """
    return _WHITESPACE.sub(" ", text).strip()


class _Walker:
    """Walks the tree once, flushing inline text into lines at block boundaries."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.context: list[str] = []
        self.counts: dict[str, int] = {}
        self.pre = 0
        self.lists: list[list[int]] = []  # open lists: [its number, items so far]
        self.items: list[tuple[int, int]] = []  # open items: (list number, place in it)

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer.clear()
        texts = raw.split("\n") if self.pre else [collapse(raw)]
        tag = next((t for t in reversed(self.context) if t in _HEADINGS or t in _KINDS), "")
        kind = LineKind.HEADING if tag in _HEADINGS else _KINDS.get(tag, LineKind.TEXT)
        for text in texts:
            if not text.strip():
                continue
            index = self.counts[kind] = self.counts.get(kind, 0) + 1
            in_list = 0
            if kind is LineKind.LIST_ITEM and self.items and self.items[-1][0]:
                in_list, index = self.items[-1]
            locator = Locator(1, len(self.blocks) + 1, format=Format.HTML, line=index,
                              kind=str(kind), in_list=in_list)
            self.blocks.append(Line(text, locator, kind, _HEADINGS.get(tag, 0)))

    def open_list_or_item(self, tag: str) -> None:
        """Number a list in the page, an item in its list (as a browser numbers an ``ol``)."""
        if tag in _LISTS:
            number = self.counts["list"] = self.counts.get("list", 0) + 1
            self.lists.append([number, 0])
        elif tag == "li":
            if self.lists:
                self.lists[-1][1] += 1
                self.items.append((self.lists[-1][0], self.lists[-1][1]))
            else:  # an item outside any list: numbered among items, as other lines are
                self.items.append((0, 0))

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def walk(self, element: lxml.html.HtmlElement) -> None:
        if is_ignored(element):
            self.add(element.tail)
            return
        tag = element.tag.lower()
        if tag == "table" and not has_nested_table(element):
            self.flush()
            caption = caption_text(element, is_ignored)
            for line in caption.split("\n"):
                self.context.append("caption")
                self.add(line)
                self.flush()
                self.context.pop()
            number = self.counts.get("table", 0) + 1
            locator = Locator(1, len(self.blocks) + 1, format=Format.HTML, table=number)
            table = read_table(element, locator, is_ignored)
            if table.rows:
                self.counts["table"] = number
                self.blocks.append(table)
        elif (grid := grid_rows(element, is_ignored)) is not None:
            self.flush()
            number = self.counts["table"] = self.counts.get("table", 0) + 1
            locator = Locator(1, len(self.blocks) + 1, format=Format.HTML, table=number)
            self.blocks.append(read_grid(grid, locator, is_ignored))
        elif tag == "br":
            self.flush()
        elif tag in BLOCK_TAGS:
            self.flush()
            self.context.append(tag)
            self.pre += tag == "pre"
            self.open_list_or_item(tag)
            self.add(element.text)
            for child in element:
                self.walk(child)
            self.flush()
            if tag in _LISTS:
                self.lists.pop()
            elif tag == "li":
                self.items.pop()
            self.pre -= tag == "pre"
            self.context.pop()
        else:
            self.add(element.text)
            for child in element:
                self.walk(child)
        self.add(element.tail)


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def read_html(path: Path) -> Document:
    """Read an HTML page into one part of lines and tables."""
    data = read_bytes(path)
    decoded = decode(data, path, _declared_charset(data))
    if not decoded.text.strip():
        return Document(path, Format.HTML, (Part(1, path.name, ()),), decoded.encoding)
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(decoded.text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as err:
        raise SourceFileError(str(path), None, f"not readable as HTML: {err}") from None
    walker = _Walker()
    walker.walk(main_content(root))
    walker.flush()
    notes = (decoded.note,) if decoded.note else ()
    part = Part(1, path.name, tuple(walker.blocks))
    return Document(path, Format.HTML, (part,), decoded.encoding, notes)
