"""Agreements, partner parties and repairs of one document (part of ``build_dataset``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import XSD

from kyotei.graph.build.quads import GraphOut, nt
from kyotei.graph.identity.model import InstitutionRef
from kyotei.graph.identity.names import unit_key
from kyotei.graph.model.namespaces import KYOTEI, ORG, PROV, RDF, RDFS
from kyotei.graph.model.records import AgreementRecord, DocumentInfo, Finding, Repair, Severity

if TYPE_CHECKING:
    from kyotei.graph.build.dataset import _Builder

_LEVELS = {"university": nt(KYOTEI.UniversityLevel), "department": nt(KYOTEI.DepartmentLevel)}
_TYPE, _DERIVED = nt(RDF.type), nt(PROV.wasDerivedFrom)
_XSD_DATE, _XSD_BOOLEAN, _XSD_GYEARMONTH = str(XSD.date), str(XSD.boolean), str(XSD.gYearMonth)


def _partner(builder: _Builder, record: AgreementRecord, ref: InstitutionRef) -> tuple[str, str]:
    """(partner party, partner institution) of a record, under its resolved institution.

    The institution itself (type, country, labels) is described by the identity graph; a
    partner unit is described there too, keyed by its unit key under that institution.
    """
    partner = record.partner
    if not partner.has_institution:
        raise ValueError(f"{record.document}:{record.source.line}: a record with no partner name")
    institution = builder.institution(ref)
    unit_name = partner.unit_ja or partner.unit_en
    if not unit_name:
        return institution, institution
    unit = builder.partner_units.get((institution, unit_name))
    if unit is None:  # described once (the same triples for every record naming it)
        key = unit_key(unit_name, builder.resolution_rules)
        unit = nt(builder.mint.unit_for_key(builder.institution_iri(ref), key))
        builder.partner_units[(institution, unit_name)] = unit
        g = builder.identity
        g.add(unit, _TYPE, nt(KYOTEI.Faculty))
        g.add(unit, nt(ORG.unitOf), institution)
    builder.unit_labels.add(unit, partner.unit_ja, "ja")
    builder.unit_labels.add(unit, partner.unit_en, "en")
    return unit, institution


def _add_repairs(
    builder: _Builder, g: GraphOut, owner: str, repairs: tuple[Repair, ...], start: int
) -> int:
    index, t = start, builder.terms
    for repair in repairs:
        index += 1
        node = nt(builder.mint.repair(owner[1:-1], index))
        g.add(owner, nt(KYOTEI.repair), node)
        g.add(node, _TYPE, nt(KYOTEI.Repair))
        g.add(node, nt(KYOTEI.rule), t.text(repair.rule))
        g.add(node, nt(RDFS.comment), t.text(repair.description, "en"))
        if repair.curated:
            g.add(node, nt(KYOTEI.curated), t.typed(True, _XSD_BOOLEAN))
    return index


def add_agreements(
    builder: _Builder, doc: DocumentInfo, pairs: list[tuple[AgreementRecord, InstitutionRef]]
) -> int:
    """Add the document's agreements (each record with its resolved institution); return
    how many distinct agreements it has."""
    g, t = builder.source_graph(doc), builder.terms
    seen: dict[str, AgreementRecord] = {}
    by_line: dict[int, str] = {}
    pending_umbrellas: list[tuple[str, AgreementRecord]] = []
    for record, ref in sorted(pairs, key=lambda p: (p[0].source.line, p[0].source.text)):
        home = builder.home_party(doc, record)
        partner, institution = _partner(builder, record, ref)
        parties = (doc.key, record.level.value, home[1:-1], partner[1:-1])
        node = nt(builder.mint.agreement(*parties))
        if node in seen and _signed(seen[node]) and _signed(record):
            # two printings that state different signing dates are two agreements (a
            # renewal, a second agreement), not one read twice (decision 0019)
            node = _dated_node(builder, parties, record, seen, node)
        primary = builder.source_record(doc, record.source, record.section)
        by_line.setdefault(record.source.line, node)
        g.add(node, _DERIVED, primary)
        for span in record.also_printed_at:
            g.add(node, _DERIVED, builder.source_record(doc, span, record.section))
        if node in seen:
            _merge_note(builder, doc, seen[node], record)
            continue
        seen[node] = record
        g.add(node, _PRIMARY, primary)
        g.add(node, _TYPE, _AGREEMENT)
        g.add(node, _LEVEL, _LEVELS[record.level.value])
        g.add(node, _HOME, home)
        g.add(node, _PARTNER, partner)
        g.add(node, _INSTITUTION, institution)
        if record.level.value == "department" and not record.home_unit_ja:
            g.add(node, nt(KYOTEI.homeUnitUnknown), t.typed(True, _XSD_BOOLEAN))
        if record.country:
            g.add(node, _COUNTRY, builder.country(record.country))
        if record.country_basis is not None and record.country:
            g.add(node, _COUNTRY_BASIS, t.text(record.country_basis.value))
        if record.region:
            g.add(node, _REGION, builder.region(record.region))
            if record.region_basis is not None:
                g.add(node, _REGION_BASIS, t.text(record.region_basis.value))
        if record.signed_on is not None:
            g.add(node, _SIGNED_ON, t.typed(record.signed_on.isoformat(), _XSD_DATE))
        elif record.signed_in_month is not None:  # printed to the month: no day is invented
            g.add(node, nt(KYOTEI.signedInMonth), t.typed(record.signed_in_month, _XSD_GYEARMONTH))
        if record.tuition_waiver is not None:
            g.add(node, _WAIVER, t.typed(record.tuition_waiver, _XSD_BOOLEAN))
        home_label = (
            builder.bag(g).preferred(home, "ja") or record.home_unit_ja or doc.publisher_ja or ""
        )
        partner_label = " ".join(
            p for p in (record.partner.institution_ja, record.partner.unit_ja) if p
        ) or (record.partner.institution_en or "")
        label = f"{home_label} — {partner_label}" if home_label else partner_label
        g.add(node, _LABEL, t.text(label, "ja" if record.partner.institution_ja else "en"))
        _add_repairs(builder, g, node, record.repairs, 0)
        if record.umbrella is not None:
            pending_umbrellas.append((node, record))
    for node, record in pending_umbrellas:
        assert record.umbrella is not None  # noqa: S101 - filtered above
        umbrella = by_line.get(record.umbrella.line)
        if umbrella is None or umbrella == node:
            builder.findings.append(
                Finding(
                    "build.umbrella-missing",
                    Severity.WARNING,
                    doc.file,
                    (record.source.line, record.umbrella.line),
                    "a member row names an umbrella line that holds no agreement",
                )
            )
            continue
        g.add(node, nt(KYOTEI.umbrellaAgreement), umbrella)
    return len(seen)


_PRIMARY, _AGREEMENT = nt(KYOTEI.primaryRecord), nt(KYOTEI.Agreement)
_LEVEL, _HOME, _PARTNER = nt(KYOTEI.level), nt(KYOTEI.homeParty), nt(KYOTEI.partnerParty)
_INSTITUTION, _COUNTRY = nt(KYOTEI.partnerInstitution), nt(KYOTEI.country)
_COUNTRY_BASIS, _REGION = nt(KYOTEI.countryBasis), nt(KYOTEI.inRegion)
_REGION_BASIS, _SIGNED_ON = nt(KYOTEI.regionBasis), nt(KYOTEI.signedOn)
_WAIVER, _LABEL = nt(KYOTEI.tuitionWaiver), nt(RDFS.label)


def _signed(record: AgreementRecord) -> str:
    """The signing date a record states (a day or a month), else ''."""
    if record.signed_on is not None:
        return record.signed_on.isoformat()
    return record.signed_in_month or ""


def _same_date(first: str, other: str) -> bool:
    """Two stated signing dates that can name one day (a month and a day in it can)."""
    return first == other or (min(len(first), len(other)) == 7 and first[:7] == other[:7])


def _dated_node(
    builder: _Builder,
    parties: tuple[str, str, str, str],
    record: AgreementRecord,
    seen: dict[str, AgreementRecord],
    node: str,
) -> str:
    """The agreement of a record whose parties repeat an earlier agreement's: that one when
    their dates can be one, else the agreement of its own date (minted with the date; a
    third printing of that date is that agreement again)."""
    date = _signed(record)
    if _same_date(_signed(seen[node]), date):
        return node
    return nt(builder.mint.agreement(*parties, signed=date))


def _merge_note(
    builder: _Builder, doc: DocumentInfo, first: AgreementRecord, again: AgreementRecord
) -> None:
    """The same agreement read twice in one document: one node; report differing facts."""
    differs = [
        name
        for name in ("signed_on", "signed_in_month", "tuition_waiver", "country")
        if getattr(first, name) != getattr(again, name) and getattr(again, name) is not None
    ]
    severity = Severity.WARNING if differs else Severity.INFO
    detail = f"; differing: {', '.join(differs)} (the first printing is kept)" if differs else ""
    builder.findings.append(
        Finding(
            "build.same-agreement-twice",
            severity,
            doc.file,
            (first.source.line, again.source.line),
            f"lines {first.source.line} and {again.source.line} name the same parties at the "
            f"same level: one agreement with both places in its provenance{detail}",
            again.source.text,
        )
    )
