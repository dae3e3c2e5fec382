"""What identity resolution decides, as plain data (turned into RDF by
``kyotei.graph.build.identity`` and into the build report by :meth:`Resolution.report`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kyotei.graph.identity.names import NameRules
from kyotei.graph.model.records import AgreementRecord


@dataclass(frozen=True, slots=True)
class InstitutionRef:
    """One resolved institution: its canonical identity key and its country (or None)."""

    country: str | None
    key: str

    def __lt__(self, other: InstitutionRef) -> bool:
        return (self.country or "", self.key) < (other.country or "", other.key)


@dataclass(frozen=True, slots=True, order=True)
class Place:
    """A place in a source (or in a curation file) that evidences a decision."""

    document: str
    line: int
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "line": self.line, "text": self.text}


@dataclass(frozen=True, slots=True)
class Decision:
    """One explained identity decision.

    ``kind``: ``merge`` (two printed names are one institution), ``split`` (a name read as an
    institution and a unit of it), ``kept-apart`` (one name, two institutions),
    ``candidate`` (undecided: left for curation).
    """

    kind: str
    rule: str
    names: tuple[str, ...]
    evidence: str
    places: tuple[Place, ...] = ()
    institutions: tuple[InstitutionRef, ...] = ()
    curated: bool = False

    def as_dict(self, iri: Any) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "names": list(self.names),
            "evidence": self.evidence,
            "institutions": [str(iri(ref)) for ref in self.institutions],
            "places": [p.as_dict() for p in self.places],
            "curated": self.curated,
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two facts about one thing that disagree, and how (or whether) the build settled it.

    ``status``: ``settled`` (by ``rule``), ``kept-apart`` (treated as two institutions),
    ``open`` (left for curation).
    """

    kind: str
    status: str
    rule: str
    subject: str
    detail: str
    places: tuple[Place, ...]
    institutions: tuple[InstitutionRef, ...] = ()
    values: tuple[str, ...] = ()

    def as_dict(self, iri: Any) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "status": self.status,
            "rule": self.rule,
            "subject": self.subject,
            "detail": self.detail,
            "values": list(self.values),
            "institutions": [str(iri(ref)) for ref in self.institutions],
            "places": [p.as_dict() for p in self.places],
        }


@dataclass(slots=True)
class InstitutionInfo:
    """Everything known about one resolved institution, across documents."""

    ref: InstitutionRef
    names_ja: Counter[str] = field(default_factory=Counter)
    names_en: Counter[str] = field(default_factory=Counter)
    preferred_ja: str | None = None  # fixed (manifest or crosswalk) preferred labels
    preferred_en: str | None = None
    former: set[str] = field(default_factory=set)
    places: list[Place] = field(default_factory=list)
    home: bool = False
    curated_facts: list[str] = field(default_factory=list)  # descriptions, with sources
    same_as: list[tuple[str, str]] = field(default_factory=list)  # (IRI, source)
    country_basis: str | None = None  # how the country was decided
    avoid: set[str] = field(default_factory=set)  # names not to prefer (abbreviations)


@dataclass(slots=True)
class Resolution:
    """The resolver's answer: resolved records, one ref per record, and the explanations."""

    records: list[AgreementRecord]
    refs: list[InstitutionRef]
    homes: dict[str, InstitutionRef]
    institutions: dict[InstitutionRef, InstitutionInfo]
    decisions: list[Decision] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    rules: NameRules = field(default_factory=NameRules)

    def report(self, iri: Any) -> dict[str, Any]:
        """The ``identity`` and ``conflicts`` sections of the build report."""
        return {
            "identity": [d.as_dict(iri) for d in self.decisions],
            "conflicts": [c.as_dict(iri) for c in self.conflicts],
            "identity_summary": self.summary,
        }
