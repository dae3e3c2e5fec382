"""The sources manifest (``data/sources/sources.toml``) → :class:`DocumentInfo` records.

Every problem in the manifest raises :class:`ManifestError` naming the manifest, the line
(TOML syntax errors carry one; for a bad value, the line of that value or of the
document's ``file = "…"`` entry) and the reason. A source file that cannot be read raises
:class:`SourceFileError`. The manifest's fields are documented in its header comment.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from kyotei.graph.model.records import DocumentInfo, Level, SectionInfo
from kyotei.loaders.errors import ManifestError, SourceFileError

__all__ = ["KNOWN_LAYOUTS", "load_manifest", "read_source_lines"]

KNOWN_LAYOUTS: tuple[str, ...] = ("bilingual-list", "university-list", "department-table")
PUBLISHER_STATUSES = ("stated", "curated", "unidentified")

_DOCUMENT_KEYS = {"file", "title", "as_of", "as_of_text", "languages", "publisher",
                  "level", "level_note", "section"}
_PUBLISHER_KEYS = {"status", "note", "ja", "en", "country"}
_SECTION_KEYS = {"heading", "layout", "level", "start_line", "end_line"}
_TOML_LINE = re.compile(r"at line (\d+)")
_DOCUMENT_HEADER = re.compile(r"^\s*\[\[\s*document\s*\]\]")
_SECTION_HEADER = re.compile(r"^\s*\[\[\s*document\.section\s*\]\]")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def read_source_lines(path: Path) -> list[str]:
    """A source file's lines (1-based line N is ``lines[N - 1]``), without line endings.

    Lines are split on ``\\n`` only (a form feed or U+2028 inside a line does not start a
    new one, so numbers agree with ``sed -n`` and editors). Raises :class:`SourceFileError`
    if the file is missing, unreadable or not UTF-8.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise SourceFileError(str(path), None, "file not found") from None
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise SourceFileError(str(path), line, f"not UTF-8: {err.reason}") from None
    except OSError as err:
        raise SourceFileError(str(path), None, f"cannot read: {err.strerror}") from None
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True, slots=True)
class _Where:
    """Finds the manifest line to blame for a semantic error."""

    manifest: Path
    lines: list[str]

    def block(self, document: int, section: int | None = None) -> tuple[int, int]:
        """(first, last) 0-based line indexes of a [[document]] or its n-th section."""
        starts = [i for i, line in enumerate(self.lines) if _DOCUMENT_HEADER.match(line)]
        if document >= len(starts):
            return 0, len(self.lines) - 1
        first = starts[document]
        last = starts[document + 1] - 1 if document + 1 < len(starts) else len(self.lines) - 1
        if section is None:
            sections = [i for i in range(first, last + 1) if _SECTION_HEADER.match(self.lines[i])]
            return first, (sections[0] - 1 if sections else last)
        sections = [i for i in range(first, last + 1) if _SECTION_HEADER.match(self.lines[i])]
        if section >= len(sections):
            return first, last
        end = sections[section + 1] - 1 if section + 1 < len(sections) else last
        return sections[section], end

    def line(self, document: int, section: int | None = None, key: str = "file") -> int:
        """The 1-based line of ``key`` in the block, else of ``file``, else of the header."""
        first, last = self.block(document, section)
        for wanted in (key, "file"):
            pattern = re.compile(rf"^\s*{re.escape(wanted)}\s*=")
            for i in range(first, last + 1):
                if pattern.match(self.lines[i]):
                    return i + 1
            first, last = self.block(document)
        return first + 1

    def error(
        self, reason: str, document: int, section: int | None = None, key: str = "file"
    ) -> ManifestError:
        return ManifestError(str(self.manifest), self.line(document, section, key), reason)


def unlisted_files(path: Path, documents: list[DocumentInfo]) -> list[str]:
    """Files in the manifest's folder that no ``[[document]]`` names (a warning, not an
    error: a list a user dropped there and forgot to add is said, never silently ignored).
    The manifest itself, hidden files and notes (``README``, ``*.md``) are not sources."""
    named = {d.file.partition("#")[0] for d in documents}  # an RDF source: FILE#KEY
    return sorted(
        f.name for f in path.parent.iterdir()
        if f.is_file() and f.name not in named and f != path and not f.name.startswith(".")
        and not f.name.upper().startswith("README") and f.suffix.lower() != ".md"
    )


def load_manifest(path: Path) -> list[DocumentInfo]:
    """Read the sources manifest; source files are resolved relative to its folder."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(str(path), None, "manifest not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ManifestError(str(path), None, f"cannot read manifest: {err}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = _TOML_LINE.search(str(err))
        raise ManifestError(
            str(path), int(match[1]) if match else None, f"invalid TOML: {err}"
        ) from None
    where = _Where(path, text.split("\n"))
    documents = data.get("document")
    if not isinstance(documents, list) or not documents:
        raise ManifestError(str(path), None, "no [[document]] entries")
    infos = [_document(entry, i, path.parent, where) for i, entry in enumerate(documents)]
    seen: set[str] = set()
    for i, info in enumerate(infos):
        if info.file in seen:
            raise where.error(f"document {info.file!r} is listed twice", i)
        seen.add(info.file)
    return infos


def _text(entry: dict[str, Any], key: str, where: _Where, doc: int,
          section: int | None = None, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        problem = "missing" if value is None else "not a non-empty string"
        raise where.error(f"field {key!r} is {problem}", doc, section, key)
    return value


def _document(entry: Any, i: int, folder: Path, where: _Where) -> DocumentInfo:
    if not isinstance(entry, dict):
        raise where.error("a [[document]] entry must be a table", i)
    unknown = sorted(set(entry) - _DOCUMENT_KEYS)
    if unknown:
        raise where.error(f"unknown field(s) {', '.join(unknown)}", i, key=unknown[0])
    file = _text(entry, "file", where, i)
    languages = entry.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) and x for x in languages):
        raise where.error("field 'languages' must be a list of tags", i, key="languages")
    as_of = _date(entry.get("as_of"), where, i)
    as_of_text = _text(entry, "as_of_text", where, i, required=as_of is not None)
    publisher = _publisher(entry.get("publisher"), where, i)
    source = folder / file
    if not source.resolve().is_relative_to(folder.resolve()):
        raise where.error(f"source file {file!r} is outside the sources folder {folder}", i)
    if not source.is_file():
        raise where.error(f"source file {file!r} not found in {folder}", i)
    raw_sections = entry.get("section", [])
    if not isinstance(raw_sections, list):
        raise where.error("[[document.section]] must be an array of tables", i, key="section")
    # Sections name lines: only a text file has them. Without sections the layout is found.
    line_count = len(read_source_lines(source)) if raw_sections else 0
    sections = tuple(_section(s, i, j, line_count, where) for j, s in enumerate(raw_sections))
    level: Level | None = None
    if entry.get("level") is not None:
        try:
            level = Level(str(entry["level"]))
        except ValueError:
            raise where.error(f"level must be one of {', '.join(m.value for m in Level)}, "
                              f"not {entry['level']!r}", i, key="level") from None
    ordered = sorted(enumerate(sections), key=lambda pair: pair[1].start_line)
    for (_, before), (j, after) in pairwise(ordered):
        if after.start_line <= before.end_line:
            raise where.error(
                f"section {after.heading!r} overlaps section {before.heading!r}", i, j, "start_line"
            )
    return DocumentInfo(
        file=file,
        title=_text(entry, "title", where, i),
        as_of=as_of,
        as_of_text=as_of_text,
        languages=tuple(languages),
        publisher_status=publisher["status"],
        publisher_ja=publisher.get("ja") or None,
        publisher_en=publisher.get("en") or None,
        publisher_country=publisher.get("country") or None,
        publisher_note=publisher.get("note", ""),
        level_note=_text(entry, "level_note", where, i, required=False),
        sections=sections,
        level=level,
    )


def _date(value: Any, where: _Where, doc: int) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise where.error(f"field 'as_of' is not a date (YYYY-MM-DD): {value!r}", doc, key="as_of")


def _publisher(value: Any, where: _Where, doc: int) -> dict[str, str]:
    if not isinstance(value, dict):
        raise where.error("field 'publisher' (publisher.status …) is missing", doc)
    unknown = sorted(set(value) - _PUBLISHER_KEYS)
    if unknown:
        raise where.error(f"unknown publisher field(s) {', '.join(unknown)}", doc, key="publisher")
    if not all(isinstance(v, str) for v in value.values()):
        raise where.error("publisher fields must be strings", doc, key="publisher")
    status = value.get("status")
    if status not in PUBLISHER_STATUSES:
        raise where.error(
            f"publisher.status must be one of {', '.join(PUBLISHER_STATUSES)}, not {status!r}",
            doc, key="publisher.status",
        )
    named = value.get("ja") or value.get("en")
    if status == "unidentified" and (named or value.get("country")):
        raise where.error("an unidentified publisher cannot have a name or country", doc,
                          key="publisher.status")
    if status != "unidentified" and not named:
        raise where.error(f"a {status} publisher needs publisher.ja or publisher.en", doc,
                          key="publisher.status")
    country = value.get("country")
    if country is not None and not _COUNTRY_CODE.match(country):
        raise where.error(f"publisher.country must be ISO 3166-1 alpha-2, not {country!r}", doc,
                          key="publisher.country")
    return dict(value)


def _section(entry: Any, doc: int, j: int, line_count: int, where: _Where) -> SectionInfo:
    if not isinstance(entry, dict):
        raise where.error("a [[document.section]] entry must be a table", doc, j)
    unknown = sorted(set(entry) - _SECTION_KEYS)
    if unknown:
        raise where.error(f"unknown section field(s) {', '.join(unknown)}", doc, j, unknown[0])
    heading = _text(entry, "heading", where, doc, j)
    layout = _text(entry, "layout", where, doc, j)
    if layout not in KNOWN_LAYOUTS:
        raise where.error(
            f"unknown layout {layout!r} (known: {', '.join(KNOWN_LAYOUTS)})", doc, j, "layout"
        )
    try:
        level = Level(str(entry.get("level")))
    except ValueError:
        raise where.error(
            f"level must be one of {', '.join(m.value for m in Level)}, not {entry.get('level')!r}",
            doc, j, "level",
        ) from None
    bounds: list[int] = []
    for key in ("start_line", "end_line"):
        value = entry.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise where.error(f"field {key!r} must be an integer", doc, j, key)
        bounds.append(value)
    start, end = bounds
    if not 1 <= start <= end <= line_count:
        raise where.error(
            f"section {heading!r}: lines {start}-{end} are outside 1-{line_count} "
            "(or start after end)", doc, j, "end_line" if end > line_count else "start_line",
        )
    return SectionInfo(heading=heading, layout=layout, level=level, start_line=start,
                       end_line=end)
