"""What a linked-data HTML page shows about one resource, read from the store.

:class:`Viewer` turns a data IRI into an :class:`EntityView`: its labels in Japanese and
English, types, every property (asserted and, marked, inferred), incoming links, and for an
organisation its agreements, partners and units, for an agreement its provenance (source
document, line, verbatim text) and repairs. Everything is bounded: long lists are cut and
say how much was left out. The view carries plain strings; the template escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kyotei.graph.model.namespaces import KYOTEI, ORG, PROV, RDFS, XSD
from kyotei.server.pages import linked_data as ld

MAX_VALUES = 50  # values shown per property, and subjects per incoming property
MAX_INCOMING = 2000  # incoming triples read
MAX_AGREEMENTS = 2000  # agreements listed on an organisation's page


def _k(local: str) -> ox.NamedNode:
    return ox.NamedNode(str(KYOTEI) + local)


AGREEMENT, INSTITUTION, FACULTY = _k("Agreement"), _k("Institution"), _k("Faculty")
UNIDENTIFIED = _k("UnidentifiedInstitution")
HOME, PARTNER, PARTNER_INST = _k("homeParty"), _k("partnerParty"), _k("partnerInstitution")
LEVEL, SIGNED, WAIVER, COUNTRY = _k("level"), _k("signedOn"), _k("tuitionWaiver"), _k("country")
HAS_AGREEMENT = _k("hasAgreementWith")
SOURCE_DOC, SOURCE_LINE, LOCATOR = _k("sourceDocument"), _k("sourceLine"), _k("sourceLocator")
VERBATIM, LINE_TEXT, SECTION = _k("verbatimText"), _k("lineText"), _k("section")
REPAIR, RULE, UMBRELLA = _k("repair"), _k("rule"), _k("umbrellaAgreement")
UNIT_OF = ox.NamedNode(str(ORG.unitOf))
SUB_ORG_OF = ox.NamedNode(str(ORG.subOrganizationOf))
DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
COMMENT = ox.NamedNode(str(RDFS.comment))
ORGANISATION_TYPES = {INSTITUTION, FACULTY, UNIDENTIFIED, ox.NamedNode(str(ORG.OrganizationalUnit))}


@dataclass(frozen=True, slots=True)
class Link:
    iri: str
    href: str | None  # this server's path under the base, an http(s)/mailto IRI, or None
    text: str  # label in the page's language, or the compact IRI
    compact: str


@dataclass(frozen=True, slots=True)
class Value:
    link: Link | None = None
    text: str = ""  # a literal's lexical form
    lang: str = ""
    datatype: str = ""  # compact datatype; empty for plain and language-tagged strings
    inferred: bool = False


@dataclass(slots=True)
class Group:
    """A predicate with its values (or, for incoming links, its subjects)."""

    predicate: Link
    values: list[Value] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True, slots=True)
class AgreementRow:
    agreement: Link
    level: Link | None
    home: Link | None
    partner: Link | None
    partner_institution: Link | None
    signed_on: str
    waiver: bool | None
    country: Link | None


@dataclass(frozen=True, slots=True)
class ProvenanceRow:
    record: Link
    document: Link | None
    line: str
    verbatim: str
    line_text: str
    section: str


@dataclass(frozen=True, slots=True)
class RepairRow:
    repair: Link
    rule: str
    comment: str


@dataclass(slots=True)
class EntityView:
    iri: str
    compact: str
    labels: dict[str, str]
    alt_labels: list[Value]
    types: list[Link]
    properties: list[Group]
    incoming: list[Group]
    incoming_capped: bool = False
    is_organisation: bool = False
    is_agreement: bool = False
    agreements: list[AgreementRow] = field(default_factory=list)
    agreements_total: int = 0
    partners: list[tuple[Link, Link | None]] = field(default_factory=list)
    units: list[Link] = field(default_factory=list)
    parent: Link | None = None
    provenance: list[ProvenanceRow] = field(default_factory=list)
    repairs: list[RepairRow] = field(default_factory=list)


class Viewer:
    """Reads views of resources from one store, labelling links in one language."""

    def __init__(self, store: ox.Store, base_iri: str, lang: str) -> None:
        self.store = store
        self.base_iri = base_iri
        self.lang = lang
        self.inferred = ld.inferred_graph(base_iri)
        self._links: dict[str, Link] = {}

    # -- small pieces ------------------------------------------------------------------------

    def label(self, term: ld.Term) -> str | None:
        labels = ld.labels_of(self.store, term)
        for lang in (self.lang, "en" if self.lang == "ja" else "ja", ""):
            if lang in labels:
                return labels[lang]
        return next(iter(labels.values()), None)

    def link(self, term: ld.Term) -> Link:
        key = str(term)
        if key not in self._links:
            if isinstance(term, ox.NamedNode):
                compact = ld.compact(term.value, self.base_iri)
                href = ld.local_href(self.base_iri, term.value)
                self._links[key] = Link(term.value, href, self.label(term) or compact, compact)
            else:
                self._links[key] = Link(key, "", self.label(term) or key, key)
        return self._links[key]

    def value(self, term: ld.Term, inferred: bool = False) -> Value:
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value
            plain = term.language or datatype == str(XSD.string)
            shown = "" if plain else ld.compact(datatype, self.base_iri)
            return Value(text=term.value, lang=term.language or "", datatype=shown,
                         inferred=inferred)
        return Value(link=self.link(term), inferred=inferred)

    def first(self, subject: ld.Subject, predicate: ox.NamedNode) -> ld.Term | None:
        found = ld.objects(self.store, subject, predicate)
        return found[0] if found else None

    def first_link(self, subject: ld.Subject, predicate: ox.NamedNode) -> Link | None:
        term = self.first(subject, predicate)
        return self.link(term) if isinstance(term, ox.NamedNode) else None

    def first_text(self, subject: ld.Subject, predicate: ox.NamedNode) -> str:
        term = self.first(subject, predicate)
        return term.value if isinstance(term, ox.Literal) else ""

    # -- the page ----------------------------------------------------------------------------

    def entity(self, iri: str) -> EntityView:
        node = ox.NamedNode(iri)
        own = ld.statements(self.store, self.inferred, subject=node)
        types = [st.object for st in own if st.predicate == ld.RDF_TYPE and not st.inferred]
        view = EntityView(
            iri=iri,
            compact=ld.compact(iri, self.base_iri),
            labels=ld.labels_of(self.store, node),
            alt_labels=[self.value(st.object) for st in own if st.predicate == ld.ALT_LABEL],
            types=[self.link(t) for t in types],
            properties=self._groups((st.predicate, st.object, st.inferred) for st in own),
            incoming=[],
        )
        incoming = ld.statements(self.store, self.inferred, obj=node, limit=MAX_INCOMING)
        view.incoming_capped = len(incoming) >= MAX_INCOMING
        view.incoming = self._groups((st.predicate, st.subject, st.inferred) for st in incoming)
        if ORGANISATION_TYPES.intersection(types):
            self._organisation(node, view)
        if AGREEMENT in types:
            self._agreement(node, view)
        return view

    def _groups(self, rows: Iterable[tuple[ox.NamedNode, ld.Term, bool]]) -> list[Group]:
        groups: dict[str, Group] = {}
        for predicate, term, inferred in sorted(rows, key=lambda row: row[2]):  # asserted first
            group = groups.get(predicate.value)
            if group is None:
                group = groups[predicate.value] = Group(self.link(predicate))
            group.total += 1
            if len(group.values) < MAX_VALUES:
                group.values.append(self.value(term, inferred))
        return sorted(groups.values(), key=lambda g: (g.values[0].inferred, g.predicate.compact))

    def _organisation(self, node: ox.NamedNode, view: EntityView) -> None:
        view.is_organisation = True
        view.parent = self.first_link(node, UNIT_OF) or self.first_link(node, SUB_ORG_OF)
        units = ld.subjects(self.store, UNIT_OF, node) + ld.subjects(self.store, SUB_ORG_OF, node)
        units = list(dict.fromkeys(units))
        view.units = sorted((self.link(u) for u in units), key=lambda link: link.text)
        found: dict[ld.Subject, None] = {}
        for party in [node, *units]:
            for predicate in (HOME, PARTNER):
                found.update(dict.fromkeys(ld.subjects(self.store, predicate, party)))
        found.update(dict.fromkeys(ld.subjects(self.store, PARTNER_INST, node)))
        view.agreements_total = len(found)
        rows = [self._agreement_row(a) for a in list(found)[:MAX_AGREEMENTS]]
        view.agreements = sorted(rows, key=_row_order)
        partners: dict[str, tuple[Link, Link | None]] = {}
        for party in [node, *units]:
            via = None if party == node else self.link(party)
            for other in ld.objects(self.store, party, HAS_AGREEMENT):
                if other not in units and other != node:
                    partners.setdefault(f"{other}|{via}", (self.link(other), via))
        view.partners = sorted(partners.values(), key=lambda p: (p[0].text, p[1] is not None))

    def _agreement_row(self, agreement: ld.Subject) -> AgreementRow:
        waiver = self.first(agreement, WAIVER)
        return AgreementRow(
            agreement=self.link(agreement),
            level=self.first_link(agreement, LEVEL),
            home=self.first_link(agreement, HOME),
            partner=self.first_link(agreement, PARTNER),
            partner_institution=self.first_link(agreement, PARTNER_INST),
            signed_on=self.first_text(agreement, SIGNED),
            waiver=(waiver.value == "true") if isinstance(waiver, ox.Literal) else None,
            country=self.first_link(agreement, COUNTRY),
        )

    def _agreement(self, node: ox.NamedNode, view: EntityView) -> None:
        view.is_agreement = True
        view.agreements = [self._agreement_row(node)]
        for umbrella in ld.objects(self.store, node, UMBRELLA):
            view.agreements.append(self._agreement_row(umbrella))  # type: ignore[arg-type]
        for record in ld.objects(self.store, node, DERIVED_FROM):
            if not isinstance(record, ox.NamedNode | ox.BlankNode):
                continue
            view.provenance.append(ProvenanceRow(
                record=self.link(record),
                document=self.first_link(record, SOURCE_DOC),
                # a text line, else the place in a table, page or sheet (HTML, PDF, XLSX)
                line=self.first_text(record, SOURCE_LINE) or self.first_text(record, LOCATOR),
                verbatim=self.first_text(record, VERBATIM),
                line_text=self.first_text(record, LINE_TEXT),
                section=self.first_text(record, SECTION),
            ))
        for repair in ld.objects(self.store, node, REPAIR):
            if isinstance(repair, ox.NamedNode | ox.BlankNode):
                comments = [t for t in ld.objects(self.store, repair, COMMENT)
                            if isinstance(t, ox.Literal)]
                chosen = next((c for c in comments if c.language == self.lang), None)
                chosen = chosen or (comments[0] if comments else None)
                view.repairs.append(RepairRow(self.link(repair), self.first_text(repair, RULE),
                                              chosen.value if chosen else ""))


def _row_order(row: AgreementRow) -> tuple[tuple[bool, str], ...]:
    """Level, country, partner, date; missing values after present ones."""

    def key(text: str | None) -> tuple[bool, str]:
        return (not text, text or "")

    def text(link: Link | None) -> str | None:
        return link.text if link else None

    return (key(text(row.level)), key(text(row.country)), key(text(row.partner_institution)),
            key(row.signed_on))

