"""Curated facts as plain data: crosswalk rows and overrides, read by
``kyotei.graph.curation.overrides`` from ``data/curation/`` and used by the identity resolver
(which must not depend on how they are read)."""

from __future__ import annotations

from dataclasses import dataclass

from kyotei.graph.model.records import AgreementRecord

__all__ = ["CrosswalkRow", "MentionRef", "Override"]


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    row: int
    name_ja: str | None
    name_en: str | None
    country: str | None
    ror: str | None
    wikidata: str | None
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class MentionRef:
    """A partner as printed at one place: the document, the line and a verbatim excerpt."""

    document: str
    line: int
    expect: str

    def matches(self, record: AgreementRecord) -> bool:
        return (
            record.document == self.document
            and record.source.line == self.line
            and self.expect in record.source.text
        )


@dataclass(frozen=True, slots=True)
class Override:
    id: str
    kind: str
    places: tuple[MentionRef, ...]
    reason: str
    unit: str | None = None
    country: str | None = None
    other: MentionRef | None = None  # merge: the second mention
    group: str | None = None  # split: the name of the separate identity
