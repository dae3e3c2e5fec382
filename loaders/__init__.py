"""Loaders: source documents in, plain records out (``kyotei.graph.model.records``).

One loader per document layout, chosen by the sources manifest (``sources.toml``): each
reads the lines of one section and returns a :class:`~kyotei.graph.model.records.LoadResult`
whose records keep the verbatim text and the 1-based line, with the findings (what could
not be read, what was repaired) and the count checks (every total the document states).
Only an unreadable file raises (:class:`~kyotei.loaders.errors.LoaderError`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from kyotei.graph.model.records import (
    DocumentInfo,
    Finding,
    Level,
    LoadResult,
    SectionInfo,
    Severity,
)
from kyotei.loaders.document import Document, Table
from kyotei.loaders.errors import LoaderError
from kyotei.loaders.fields.dates import order_stated, written_in
from kyotei.loaders.formats import read_document
from kyotei.loaders.layouts.bilingual.reader import load_bilingual_list
from kyotei.loaders.layouts.department.table import load_department_table
from kyotei.loaders.layouts.general import read_general
from kyotei.loaders.layouts.university_list import load_university_list
from kyotei.loaders.manifest import load_manifest, read_source_lines, unlisted_files
from kyotei.loaders.rdf import is_rdf_source, load_rdf_source
from kyotei.loaders.screen import screen

Loader = Callable[[DocumentInfo, SectionInfo, list[str]], LoadResult]

LAYOUTS: dict[str, Loader] = {
    "bilingual-list": load_bilingual_list,
    "university-list": load_university_list,
    "department-table": load_department_table,
}


def load_document(doc: DocumentInfo, sources_dir: Path) -> LoadResult:
    """Run each section's loader over the document's lines; without sections, read the
    file in whatever format it is and find its layout (:mod:`kyotei.loaders.layouts.general`).
    Every record then passes :func:`kyotei.loaders.screen.screen`: a row whose partner name
    cannot be read is reported, never yielded with an institution made of another cell.
    Dates and country names are read in the languages the manifest declares for the
    document (:func:`kyotei.loaders.fields.dates.written_in`).
    """
    with written_in(doc.languages, country=doc.publisher_country, as_of=doc.as_of,
                    said=f"{doc.title}\n{doc.as_of_text}"):  # its calendars: decision 0027
        return screen(_load_document(doc, sources_dir))


def _load_document(doc: DocumentInfo, sources_dir: Path) -> LoadResult:
    if not doc.sections:
        document = read_document(sources_dir / doc.file)
        level = doc.level or Level.UNIVERSITY
        with order_stated(_texts(document)):  # DD/MM/YYYY said or shown: decision 0027
            result = read_general(doc, document, level)
        if doc.level is None:
            result.findings.insert(0, Finding(
                "general.level-assumed", Severity.INFO, doc.file, (),
                "the manifest gives no level for this document: rows are read as "
                "university-level until a heading or a column says otherwise"))
        for note in document.notes:
            result.findings.append(Finding("format.note", Severity.WARNING, doc.file, (), note))
        for where, what, read in document.hidden:  # decision 0022: never lost silently
            result.findings.append(Finding(
                "format.hidden", Severity.INFO if read else Severity.WARNING, doc.file, (),
                f"{what} {where} "
                + ("read, though the file hides it from its reader" if read
                   else "not read: the file hides it from its reader"), where,
                locators=(where,)))
        return result
    lines = read_source_lines(sources_dir / doc.file)
    result = LoadResult(document=doc)
    for section in doc.sections:
        loader = LAYOUTS[section.layout]
        result.extend(loader(doc, section, lines))
    result.findings.extend(account_for_lines(doc, lines, result))
    return result


def _texts(document: Document) -> Iterator[str]:
    """Every line and cell of ``document``, in order."""
    for part in document.parts:
        for block in part.blocks:
            if isinstance(block, Table):
                yield from (cell.verbatim for row in block.rows for cell in row)
            else:
                yield block.verbatim


def account_for_lines(doc: DocumentInfo, lines: list[str], result: LoadResult) -> list[Finding]:
    """Every line of a sectioned text file, accounted for: blank, read into a record, reported
    by a loader, otherwise inside a section (structure: headings, legends, totals), or outside
    every section — the last reported, run by run, so that text a section's line range no
    longer covers (after an edit of the source) is never dropped without a word.
    """
    covered = {n for s in doc.sections for n in range(s.start_line, s.end_line + 1)}
    recorded = {r.source.line for r in result.agreements}
    reported = {n for f in result.findings for n in f.lines}
    counts = {"blank": 0, "read": 0, "reported": 0, "structure": 0, "outside": 0}
    outside: list[int] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            counts["blank"] += 1
        elif number not in covered:
            counts["outside"] += 1
            outside.append(number)
        elif number in recorded:
            counts["read"] += 1
        elif number in reported:
            counts["reported"] += 1
        else:
            counts["structure"] += 1
    findings = [Finding("document.accounting", Severity.INFO, doc.file, (),
                        "lines accounted for: " + ", ".join(f"{k} {v}" for k, v in counts.items()))]
    runs: list[list[int]] = []
    for number in outside:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        where = f"line {run[0]}" if len(run) == 1 else f"lines {run[0]}-{run[-1]}"
        findings.append(Finding(
            "document.outside-sections", Severity.WARNING, doc.file, tuple(run),
            f"{where} stand outside every section of the manifest: not read",
            lines[run[0] - 1]))
    return findings


def load_sources(manifest: Path) -> list[LoadResult]:
    """Every document of a sources manifest, loaded. An RDF file yields one result per
    source document its graph describes (:mod:`kyotei.loaders.rdf`)."""
    results: list[LoadResult] = []
    for doc in load_manifest(manifest):
        if is_rdf_source(doc.file):
            results.extend(load_rdf_source(doc, manifest.parent / doc.file))
        else:
            results.append(load_document(doc, manifest.parent))
    return results


# What other rooms may use: these names, and the modules the graph's builders and the CLI
# read records with (tests/test_architecture.py holds every import from another room to it).
__all__ = [
    "LAYOUTS",
    "LoadResult",
    "Loader",
    "LoaderError",
    "account_for_lines",
    "document",
    "errors",
    "load_document",
    "load_sources",
    "manifest",
    "names",
    "normalize",
    "rdf",
    "screen",
    "unlisted_files",
]
