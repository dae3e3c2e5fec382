"""Agreements, partner parties and repairs of one document (part of ``build_dataset``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import XSD, Graph, Literal, URIRef

from kyotei.graph.identity.model import InstitutionRef
from kyotei.graph.identity.names import unit_key
from kyotei.graph.model.namespaces import KYOTEI, ORG, PROV, RDF, RDFS
from kyotei.graph.model.records import AgreementRecord, DocumentInfo, Finding, Repair, Severity

if TYPE_CHECKING:
    from kyotei.graph.build.dataset import _Builder

_LEVELS = {"university": KYOTEI.UniversityLevel, "department": KYOTEI.DepartmentLevel}


def _partner(
    builder: _Builder, record: AgreementRecord, ref: InstitutionRef
) -> tuple[URIRef, URIRef]:
    """(partner party, partner institution) of a record, under its resolved institution.

    The institution itself (type, country, labels) is described by the identity graph; a
    partner unit is described there too, keyed by its unit key under that institution.
    """
    partner = record.partner
    if not partner.has_institution:
        raise ValueError(f"{record.document}:{record.source.line}: a record with no partner name")
    institution = builder.institution_iri(ref)
    unit_name = partner.unit_ja or partner.unit_en
    if not unit_name:
        return institution, institution
    unit = builder.mint.unit_for_key(institution, unit_key(unit_name, builder.resolution_rules))
    g = builder.identity
    g.add((unit, RDF.type, KYOTEI.Faculty))
    g.add((unit, ORG.unitOf, institution))
    builder.unit_labels.add(unit, partner.unit_ja, "ja")
    builder.unit_labels.add(unit, partner.unit_en, "en")
    return unit, institution


def _add_repairs(
    builder: _Builder, g: Graph, owner: URIRef, repairs: tuple[Repair, ...], start: int
) -> int:
    index = start
    for repair in repairs:
        index += 1
        node = builder.mint.repair(owner, index)
        g.add((owner, KYOTEI.repair, node))
        g.add((node, RDF.type, KYOTEI.Repair))
        g.add((node, KYOTEI.rule, Literal(repair.rule)))
        g.add((node, RDFS.comment, Literal(repair.description, lang="en")))
        if repair.curated:
            g.add((node, KYOTEI.curated, Literal(True)))
    return index


def add_agreements(
    builder: _Builder, doc: DocumentInfo, pairs: list[tuple[AgreementRecord, InstitutionRef]]
) -> int:
    """Add the document's agreements (each record with its resolved institution); return
    how many distinct agreements it has."""
    g = builder.source_graph(doc)
    seen: dict[URIRef, AgreementRecord] = {}
    repair_counts: dict[URIRef, int] = {}
    by_line: dict[int, URIRef] = {}
    pending_umbrellas: list[tuple[URIRef, AgreementRecord]] = []
    for record, ref in sorted(pairs, key=lambda p: (p[0].source.line, p[0].source.text)):
        home = builder.home_party(doc, record)
        partner, institution = _partner(builder, record, ref)
        node = builder.mint.agreement(doc.key, record.level.value, home, partner)
        primary = builder.source_record(doc, record.source, record.section)
        by_line.setdefault(record.source.line, node)
        g.add((node, PROV.wasDerivedFrom, primary))
        for span in record.also_printed_at:
            g.add((node, PROV.wasDerivedFrom, builder.source_record(doc, span, record.section)))
        if node in seen:
            _merge_note(builder, doc, seen[node], record)
            continue
        seen[node] = record
        g.add((node, KYOTEI.primaryRecord, primary))
        g.add((node, RDF.type, KYOTEI.Agreement))
        g.add((node, KYOTEI.level, _LEVELS[record.level.value]))
        g.add((node, KYOTEI.homeParty, home))
        g.add((node, KYOTEI.partnerParty, partner))
        g.add((node, KYOTEI.partnerInstitution, institution))
        if record.level.value == "department" and not record.home_unit_ja:
            g.add((node, KYOTEI.homeUnitUnknown, Literal(True)))
        if record.country:
            g.add((node, KYOTEI.country, builder.country(record.country)))
        if record.country_basis is not None and record.country:
            g.add((node, KYOTEI.countryBasis, Literal(record.country_basis.value)))
        if record.region:
            g.add((node, KYOTEI.inRegion, builder.region(record.region)))
            if record.region_basis is not None:
                g.add((node, KYOTEI.regionBasis, Literal(record.region_basis.value)))
        if record.signed_on is not None:
            g.add((node, KYOTEI.signedOn, Literal(record.signed_on.isoformat(), datatype=XSD.date)))
        elif record.signed_in_month is not None:  # printed to the month: no day is invented
            g.add((node, KYOTEI.signedInMonth,
                   Literal(record.signed_in_month, datatype=XSD.gYearMonth)))
        if record.tuition_waiver is not None:
            g.add((node, KYOTEI.tuitionWaiver, Literal(record.tuition_waiver)))
        home_label = (
            builder.bag(g).preferred(home, "ja") or record.home_unit_ja or doc.publisher_ja or ""
        )
        partner_label = " ".join(
            p for p in (record.partner.institution_ja, record.partner.unit_ja) if p
        ) or (record.partner.institution_en or "")
        label = f"{home_label} — {partner_label}" if home_label else partner_label
        g.add(
            (node, RDFS.label, Literal(label, lang="ja" if record.partner.institution_ja else "en"))
        )
        repair_counts[node] = _add_repairs(builder, g, node, record.repairs, 0)
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
        g.add((node, KYOTEI.umbrellaAgreement, umbrella))
    return len(seen)


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
