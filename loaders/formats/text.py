"""Text files: one :class:`~kyotei.loaders.document.Line` per physical line.

Lines are split on ``\\n`` only and a trailing ``\\r`` is dropped, exactly as
:func:`kyotei.loaders.manifest.read_source_lines` does, so line numbers are the ones editors
and ``sed -n`` show. A form feed does not start a line; it starts a page: form feeds before
a line's first printed character begin a new :class:`~kyotei.loaders.document.Part` with that
line, form feeds after it begin one with the next line. The line keeps its form feed in the
verbatim text and says ``page_break``; an empty page after a final form feed is dropped.
"""

from __future__ import annotations

from pathlib import Path

from kyotei.loaders.document import Document, Format, Line, Locator, Part
from kyotei.loaders.formats.encoding import decode, read_bytes

__all__ = ["read_text", "split_lines"]


def split_lines(text: str) -> list[str]:
    """The physical lines of ``text``, without line endings.

    >>> split_lines("a\\r\\nb\\fc\\n")
    ['a', 'b\\x0cc']
    """
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_text(path: Path) -> Document:
    """Read a text file (UTF-8, with or without BOM, or a detected encoding)."""
    decoded = decode(read_bytes(path), path)
    parts: list[Part] = []
    blocks: list[Line] = []

    def close_page() -> None:
        parts.append(Part(len(parts) + 1, f"page {len(parts) + 1}", tuple(blocks)))
        blocks.clear()

    for number, raw in enumerate(split_lines(decoded.text), start=1):
        lead = raw[: len(raw) - len(raw.lstrip())]
        before = lead.count("\f")
        for _ in range(before):
            close_page()
        locator = Locator(part=len(parts) + 1, block=number, format=Format.TEXT, line=number)
        blocks.append(Line(raw, locator, page_break="\f" in raw))
        for _ in range(raw.count("\f") - before):
            close_page()
    if blocks or not parts:
        close_page()
    notes = (decoded.note,) if decoded.note else ()
    return Document(path, Format.TEXT, tuple(parts), decoded.encoding, notes)
