"""What the line layouts share: a section's line numbers, and a reader's findings at lines.

A layout reads lines ``section.start_line..end_line`` (1-based) of a document's text; the
manifest's end may lie past the text's last line, so the numbers stop there. A finding names
the lines it is about and quotes the first of them unless it is given another text.
"""

from __future__ import annotations

from kyotei.graph.model.records import DocumentInfo, Finding, LoadResult, SectionInfo, Severity

__all__ = ["LineReader", "section_lines"]


def section_lines(section: SectionInfo, lines: list[str]) -> range:
    """The 1-based numbers of the section's lines that ``lines`` holds."""
    return range(section.start_line, min(section.end_line, len(lines)) + 1)


class LineReader:
    """A layout's reader of one section: the document, the section, its lines, the result."""

    def __init__(self, doc: DocumentInfo, section: SectionInfo, lines: list[str]) -> None:
        self.doc, self.section, self.lines = doc, section, lines
        self.result = LoadResult(document=doc)

    def finding(self, code: str, severity: Severity, lines: tuple[int, ...], message: str,
                text: str | None = None) -> None:
        """Report ``message`` about ``lines``, quoting ``text``, else the first of the lines."""
        text = self.lines[lines[0] - 1] if text is None else text
        self.result.findings.append(Finding(code, severity, self.doc.file, lines, message, text))
