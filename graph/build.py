"""Records → RDF under the kyotei ontology (the shape is documented in docs/model.md).

``build_dataset`` turns the loaders' results into an rdflib ``Dataset`` with one named graph
per source document (``<base>graph/source/<doc>``: its documents, parties, agreements,
records and repairs) and ``<base>graph/common`` (countries, regions). It asserts only what
the records say; reasoning and validation are separate steps (``reason``, ``validate``).

Identity within this step: a party is keyed by its normalised name and its country
(:mod:`kyotei.graph.iris`). A record whose country the layout could not read takes the
country its institution has elsewhere in the *same document*, when that is exactly one
country (basis ``resolved``); across documents and languages, identity is the resolver's
job (``kyotei.graph.identity``), passed in as ``resolve``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from kyotei.graph.build_agreements import add_agreements
from kyotei.graph.countries import country_labels
from kyotei.graph.iris import Minter, name_key
from kyotei.graph.labels import LabelBag
from kyotei.graph.namespaces import DCTERMS, KYOTEI, ORG, PROV, RDF, RDFS, SKOS, bind_prefixes
from kyotei.graph.records import (
    AgreementRecord,
    Basis,
    DocumentInfo,
    Finding,
    Level,
    LoadResult,
    Severity,
    SourceSpan,
)
from kyotei.graph.regions import region_labels
from rdflib import XSD, Dataset, Graph, Literal, URIRef

log = logging.getLogger(__name__)

Resolver = Callable[[list[AgreementRecord]], list[AgreementRecord]]


@dataclass(slots=True)
class BuildResult:
    dataset: Dataset
    findings: list[Finding] = field(default_factory=list)
    agreements: int = 0


def resolve_within_documents(records: list[AgreementRecord]) -> list[AgreementRecord]:
    """Give a country-less record the one country its institution has in the same document."""
    countries: dict[tuple[str, str], set[str]] = defaultdict(set)
    for record in records:
        name = record.partner.institution_ja or record.partner.institution_en
        if name and record.country:
            countries[(record.document, name_key(name))].add(record.country)
    resolved: list[AgreementRecord] = []
    for record in records:
        name = record.partner.institution_ja or record.partner.institution_en
        known = countries.get((record.document, name_key(name or "")), set())
        if record.country is None and name and len(known) == 1:
            (country,) = known
            if not record.country_candidates or country in record.country_candidates:
                record = replace(record, country=country, country_basis=Basis.RESOLVED)
        resolved.append(record)
    return resolved


class _Builder:
    def __init__(self, base_iri: str) -> None:
        self.mint = Minter(base_iri)
        self.dataset = Dataset()
        bind_prefixes(self.dataset, base_iri)
        self.common = self.dataset.graph(self.mint.graph("common"))
        self.labels: dict[URIRef, LabelBag] = {}
        self.findings: list[Finding] = []
        self.countries: set[str] = set()
        self.regions: set[str] = set()

    def source_graph(self, doc: DocumentInfo) -> Graph:
        return self.dataset.graph(self.mint.source_graph(doc.key))

    def bag(self, graph: Graph) -> LabelBag:
        return self.labels.setdefault(URIRef(str(graph.identifier)), LabelBag())

    # -- documents and home parties ---------------------------------------------------
    def document(self, doc: DocumentInfo) -> URIRef:
        g = self.source_graph(doc)
        node = self.mint.document(doc.key)
        g.add((node, RDF.type, KYOTEI.SourceDocument))
        g.add((node, DCTERMS.identifier, Literal(doc.file)))
        g.add((node, DCTERMS.title, Literal(doc.title, lang=doc.languages[0])))
        if doc.as_of is not None:
            g.add((node, KYOTEI.asOf, Literal(doc.as_of.isoformat(), datatype=XSD.date)))
        for lang in doc.languages:
            g.add((node, DCTERMS.language, Literal(lang)))
        g.add((node, KYOTEI.publisherStatus, Literal(doc.publisher_status)))
        if doc.publisher_note:
            g.add((node, RDFS.comment, Literal(" ".join(doc.publisher_note.split()), lang="en")))
        home = self.home_institution(doc)
        if doc.publisher_status != "unidentified":
            g.add((node, DCTERMS.publisher, home))
        return node

    def home_institution(self, doc: DocumentInfo) -> URIRef:
        g = self.source_graph(doc)
        if doc.publisher_status == "unidentified" or not (doc.publisher_ja or doc.publisher_en):
            node = self.mint.unidentified(doc.key)
            g.add((node, RDF.type, KYOTEI.UnidentifiedInstitution))
            g.add((node, RDF.type, KYOTEI.Institution))
            bag = self.bag(g)
            bag.fix(node, f"未特定の発行元 ({doc.file})", "ja")
            bag.fix(node, f"Unidentified publisher of {doc.file}", "en")
            return node
        name = doc.publisher_ja or doc.publisher_en or ""
        node = self.mint.institution(doc.publisher_country, name)
        g.add((node, RDF.type, KYOTEI.Institution))
        if doc.publisher_status == "curated":
            g.add((node, KYOTEI.curated, Literal(True)))
        if doc.publisher_country:
            g.add((node, KYOTEI.country, self.country(doc.publisher_country)))
        bag = self.bag(g)
        if doc.publisher_ja:
            bag.fix(node, doc.publisher_ja, "ja")
        if doc.publisher_en:
            bag.fix(node, doc.publisher_en, "en")
        return node

    def home_party(self, doc: DocumentInfo, record: AgreementRecord) -> URIRef:
        institution = self.home_institution(doc)
        if record.level is Level.UNIVERSITY or not record.home_unit_ja:
            return institution
        g = self.source_graph(doc)
        unit = self.mint.unit(institution, record.home_unit_ja)
        g.add((unit, RDF.type, KYOTEI.Faculty))
        g.add((unit, ORG.unitOf, institution))
        self.bag(g).add(unit, record.home_unit_ja, "ja")
        if record.home_unit_source is not None:
            g.add(
                (
                    unit,
                    PROV.wasDerivedFrom,
                    self.source_record(doc, record.home_unit_source, record.section),
                )
            )
        return unit

    # -- shared vocabulary ---------------------------------------------------------------
    def country(self, code: str) -> URIRef:
        self.countries.add(code)
        return self.mint.country(code)

    def region(self, key: str) -> URIRef:
        self.regions.add(key)
        return self.mint.region(key)

    def emit_common(self) -> None:
        g = self.common
        bag = self.bag(g)
        for code in sorted(self.countries):
            node = self.mint.country(code)
            ja, en = country_labels(code)
            g.add((node, RDF.type, KYOTEI.Country))
            g.add((node, SKOS.notation, Literal(code)))
            bag.fix(node, ja, "ja")
            bag.fix(node, en, "en")
        scheme = self.mint.region_scheme()
        if self.regions:
            g.add((scheme, RDF.type, SKOS.ConceptScheme))
            g.add((scheme, SKOS.prefLabel, Literal("地域(エリア)", lang="ja")))
            g.add(
                (scheme, SKOS.prefLabel, Literal("Regions as the documents group them", lang="en"))
            )
        for key in sorted(self.regions):
            node = self.mint.region(key)
            ja, en = region_labels(key)
            g.add((node, RDF.type, KYOTEI.Region))
            g.add((node, RDF.type, SKOS.Concept))
            g.add((node, SKOS.inScheme, scheme))
            g.add((node, SKOS.notation, Literal(key)))
            bag.fix(node, ja, "ja")
            bag.fix(node, en, "en")

    # -- provenance ----------------------------------------------------------------------
    def source_record(self, doc: DocumentInfo, span: SourceSpan, section: str) -> URIRef:
        g = self.source_graph(doc)
        node = self.mint.record(doc.key, span.line, span.text)
        g.add((node, RDF.type, KYOTEI.SourceRecord))
        g.add((node, KYOTEI.sourceDocument, self.mint.document(doc.key)))
        g.add((node, KYOTEI.sourceLine, Literal(span.line, datatype=XSD.positiveInteger)))
        g.add((node, KYOTEI.verbatimText, Literal(span.text)))
        if span.line_text:
            g.add((node, KYOTEI.lineText, Literal(span.line_text)))
        g.add((node, KYOTEI.section, Literal(section)))
        return node

    def emit_labels(self) -> None:
        for graph_iri, bag in self.labels.items():
            bag.emit(self.dataset.graph(graph_iri))


def build_dataset(
    results: Sequence[LoadResult],
    *,
    base_iri: str,
    resolve: Resolver = resolve_within_documents,
) -> BuildResult:
    """Turn loader results into the asserted dataset."""
    builder = _Builder(base_iri)
    records = resolve([r for result in results for r in result.agreements])
    by_document: dict[str, list[AgreementRecord]] = defaultdict(list)
    for record in records:
        by_document[record.document].append(record)
    count = 0
    for result in results:
        doc = result.document
        builder.document(doc)
        count += add_agreements(builder, doc, by_document.get(doc.file, []))
    builder.emit_common()
    builder.emit_labels()
    if count == 0:
        builder.findings.append(
            Finding(
                "build.empty", Severity.WARNING, "", (), "no agreement was read from any source"
            )
        )
    return BuildResult(builder.dataset, builder.findings, count)


__all__ = ["BuildResult", "Resolver", "build_dataset", "resolve_within_documents"]
