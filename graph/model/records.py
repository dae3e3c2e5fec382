"""Plain records: what loaders yield and the graph builder turns into RDF.

Loaders (``kyotei.loaders``) read one document layout each and produce a
:class:`LoadResult`: agreement records that keep the verbatim text and the 1-based line
they stand on, findings (what could not be read, what was repaired, what is doubtful) and
count checks (every total the document states, against what was extracted).

These types carry no RDF: the graph package owns the mapping (``kyotei.graph.build.dataset``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """Agreement level, as the CSV export spells it."""

    UNIVERSITY = "university"
    DEPARTMENT = "department"


class Basis(StrEnum):
    """How a value was read from the layout."""

    PRINTED = "printed"  # on the partner's own line
    HEADING = "heading"  # from a heading above (a country heading in a list)
    CARRIED = "carried"  # from an earlier row of a table (a merged cell)
    DOCUMENT = "document"  # from what the same document says elsewhere
    CURATED = "curated"  # from a curated override
    RESOLVED = "resolved"  # from the same institution's country elsewhere (identity)


class Severity(StrEnum):
    INFO = "info"  # a repair applied by rule, a note
    WARNING = "warning"  # doubtful: read, but the layout is damaged around it
    ERROR = "error"  # could not be read: the fact is not in the graph


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """One place in a source document.

    ``text`` is the verbatim text of the item itself (one partner's name as printed, not
    normalised); ``line_text`` is the whole line it stands in, verbatim.
    """

    document: str  # file name, e.g. "agreements-2024.pdf"
    line: int  # 1-based: the text file's line, or the row's place in reading order
    text: str
    line_text: str = ""
    locator: str = ""  # where, in the format's own terms: "l17", "p3 t1 r12 c2", "Sheet1!C12"
    text_line: bool = True  # False where the format has no lines (``line`` is then an order)

    @property
    def where(self) -> str:
        """The locator, or ``l<line>`` for a text line."""
        return self.locator or f"l{self.line}"


@dataclass(frozen=True, slots=True)
class Repair:
    """A correction applied by a stated rule (or a curated override)."""

    rule: str  # stable identifier, e.g. "dept.duplicate-row"
    description: str  # human explanation naming the evidence
    lines: tuple[int, ...] = ()
    curated: bool = False


@dataclass(frozen=True, slots=True)
class PartyName:
    """A party as printed and normalised: an institution and optionally one of its units.

    ``institution_ja``/``unit_ja`` are normalised labels (see
    :func:`kyotei.loaders.normalize.normalize_label`); ``*_en`` come from the document's
    own English text where it has one (never translated by kyotei).
    """

    institution_ja: str | None = None
    institution_en: str | None = None
    unit_ja: str | None = None
    unit_en: str | None = None

    @property
    def has_institution(self) -> bool:
        return bool(self.institution_ja or self.institution_en)


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    """One agreement as one document lists it (one partner on one row)."""

    document: str
    level: Level
    partner: PartyName
    source: SourceSpan  # where the partner's text stands
    section: str  # heading as printed: "大学間協定", "工学研究所・工学部(69)"
    home_unit_ja: str | None = None  # normalised home faculty/institute (department level)
    home_unit_source: SourceSpan | None = None  # where that header stands, verbatim
    country: str | None = None  # ISO 3166-1 alpha-2
    country_text: str | None = None  # the country name as printed
    country_basis: Basis | None = None
    country_candidates: tuple[str, ...] = ()  # when a cell names several countries
    region: str | None = None  # region key (kyotei.loaders.regions), e.g. "asia"
    region_text: str | None = None
    region_basis: Basis | None = None
    signed_on: dt.date | None = None
    signed_on_text: str | None = None
    signed_in_month: str | None = None  # "YYYY-MM": a date printed to the month (no signed_on)
    tuition_waiver: bool | None = None  # None = the document does not say
    umbrella: SourceSpan | None = None  # member campus: the umbrella agreement's line
    also_printed_at: tuple[SourceSpan, ...] = ()  # the same agreement printed again
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a loader reports: unreadable, doubtful, or repaired."""

    code: str  # stable identifier, e.g. "dept.country-not-printed"
    severity: Severity
    document: str
    lines: tuple[int, ...]
    message: str
    text: str = ""  # the verbatim text concerned
    locators: tuple[str, ...] = ()  # where, for a format without lines ("Sheet1!C12")


@dataclass(frozen=True, slots=True)
class CountCheck:
    """A total the document states, checked against what was extracted."""

    document: str
    section: str  # heading as printed, e.g. "工学研究所・工学部(69)" or "大学間協定"
    unit: str  # "institutions", "countries" or "partners"
    stated: int
    found: int
    lines: tuple[int, ...]  # where the statement stands and the lines counted
    note: str = ""

    @property
    def status(self) -> str:
        return "ok" if self.stated == self.found else "mismatch"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A source document's metadata, from the sources manifest."""

    file: str
    title: str
    as_of: dt.date | None
    as_of_text: str
    languages: tuple[str, ...]
    publisher_status: str  # "stated" | "curated" | "unidentified"
    publisher_ja: str | None = None
    publisher_en: str | None = None
    publisher_country: str | None = None
    publisher_note: str = ""
    level_note: str = ""
    sections: tuple[SectionInfo, ...] = ()
    level: Level | None = None  # without sections: the level until a heading says otherwise

    @property
    def key(self) -> str:
        """A short ASCII key for IRIs, lower-case: a text file's name without ``.txt``; any
        other file's name with its extension after a hyphen (``list.csv`` → ``list-csv``),
        so that ``list.csv`` and ``list.xlsx`` in one folder never share a key."""
        stem, dot, extension = self.file.rpartition(".")
        if not dot:
            return self.file.lower()
        if extension.lower() == "txt":
            return stem.lower()
        return f"{stem}-{extension}".lower()


@dataclass(frozen=True, slots=True)
class SectionInfo:
    """One section of a document and the layout (loader) that reads it."""

    heading: str
    layout: str  # loader name, e.g. "bilingual-list", "university-list", "department-table"
    level: Level
    start_line: int
    end_line: int


@dataclass(slots=True)
class LoadResult:
    """What one loader produced from one section of one document."""

    document: DocumentInfo
    agreements: list[AgreementRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checks: list[CountCheck] = field(default_factory=list)

    def extend(self, other: LoadResult) -> None:
        self.agreements.extend(other.agreements)
        self.findings.extend(other.findings)
        self.checks.extend(other.checks)
