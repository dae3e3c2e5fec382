"""Records → RDF under the kyotei ontology (the shape is documented in docs/model.md).

``build_store`` writes the loaders' results straight into the build's Oxigraph store
(:mod:`kyotei.graph.build.quads`; what ``kyotei build`` does) and ``build_dataset`` into an
rdflib ``Dataset`` (the reference engines' way, and the tests'): the same emission code,
one named graph per source document (``<base>graph/source/<doc>``: its documents,
parties, agreements, records and repairs) and ``<base>graph/common`` (countries,
regions). It asserts only what the records say; reasoning and validation are separate
steps (``reason``, ``validate``).

Identity (:mod:`kyotei.graph.identity.resolve`): before anything is written, the records go
through the curation overrides (:func:`kyotei.graph.curation.overrides.apply_overrides`) and the
resolver, which gives every partner one resolved institution across documents and
languages, fills or corrects countries by stated rules (basis ``resolved``) and explains
itself. Institutions, partner units, their labels and the identity decisions are described
once, in ``<base>graph/identity``; curated ``owl:sameAs`` links in ``<base>graph/links``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import XSD, Dataset, Graph, Literal, URIRef

from kyotei.graph.build.agreements import add_agreements
from kyotei.graph.build.identity import add_links, emit_identity
from kyotei.graph.build.quads import BuildStore
from kyotei.graph.curation.overrides import Curation, apply_overrides
from kyotei.graph.identity.model import InstitutionRef, Resolution
from kyotei.graph.identity.resolve import Resolver
from kyotei.graph.model.countries import country_labels
from kyotei.graph.model.iris import Minter
from kyotei.graph.model.labels import LabelBag
from kyotei.graph.model.namespaces import DCTERMS, KYOTEI, ORG, PROV, RDF, RDFS, SKOS, bind_prefixes
from kyotei.graph.model.records import (
    AgreementRecord,
    DocumentInfo,
    Finding,
    Level,
    LoadResult,
    Severity,
    SourceSpan,
)
from kyotei.graph.model.regions import region_labels

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BuildResult:
    dataset: Dataset
    findings: list[Finding] = field(default_factory=list)
    agreements: int = 0
    report: dict[str, Any] = field(default_factory=dict)  # identity, conflicts, curation
    records: list[AgreementRecord] = field(default_factory=list)  # after curation and identity


@dataclass(slots=True)
class StoreBuild:
    """What :func:`build_store` wrote: the store, and the same figures as BuildResult."""

    store: BuildStore
    findings: list[Finding] = field(default_factory=list)
    agreements: int = 0
    report: dict[str, Any] = field(default_factory=dict)
    records: list[AgreementRecord] = field(default_factory=list)


class _Builder:
    def __init__(
        self,
        base_iri: str,
        resolution: Resolution,
        documents: list[DocumentInfo],
        target: Dataset | BuildStore,
    ) -> None:
        self.mint = Minter(base_iri)
        self.dataset = target  # each graph(name) is a Graph the builder adds to
        if isinstance(target, Dataset):
            bind_prefixes(target, base_iri)
        self.common = self.dataset.graph(self.mint.graph("common"))
        self.identity = self.dataset.graph(self.mint.graph("identity"))
        self.resolution = resolution
        self.resolution_rules = resolution.rules
        self.documents = {d.file: d for d in documents}
        self.labels: dict[URIRef, LabelBag] = {}
        self.findings: list[Finding] = []
        self.countries: set[str] = set()
        self.unit_labels = LabelBag()
        self.regions: set[str] = set()

    def source_graph(self, doc: DocumentInfo) -> Graph:
        return self.dataset.graph(self.mint.source_graph(doc.key))

    def institution_iri(self, ref: InstitutionRef) -> URIRef:
        return self.mint.institution_for_key(ref.country, ref.key)

    def bag(self, graph: Graph) -> LabelBag:
        return self.labels.setdefault(URIRef(str(graph.identifier)), LabelBag())

    # -- documents and home parties ---------------------------------------------------
    def document(self, doc: DocumentInfo) -> URIRef:
        g = self.source_graph(doc)
        node = self.mint.document(doc.key)
        g.add((node, RDF.type, KYOTEI.SourceDocument))
        g.add((node, DCTERMS.identifier, Literal(doc.file)))
        g.add((node, DCTERMS.title, Literal(doc.title, lang=_title_language(doc))))
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
        node = self.institution_iri(self.resolution.homes[doc.file])
        if doc.publisher_status == "curated":
            g.add((node, KYOTEI.curated, Literal(True)))
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
        if span.text_line:
            g.add((node, KYOTEI.sourceLine, Literal(span.line, datatype=XSD.positiveInteger)))
        g.add((node, KYOTEI.sourceLocator, Literal(span.where)))
        g.add((node, KYOTEI.verbatimText, Literal(span.text)))
        if span.line_text:
            g.add((node, KYOTEI.lineText, Literal(span.line_text)))
        g.add((node, KYOTEI.section, Literal(section)))
        return node

    def emit_labels(self) -> None:
        for graph_iri, bag in self.labels.items():
            bag.emit(self.dataset.graph(graph_iri))


def _title_language(doc: DocumentInfo) -> str:
    """The title's language: the document's first, else the title's own script."""
    if doc.languages:
        return doc.languages[0]
    japanese = any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in doc.title)
    return "ja" if japanese else "en"


def build_dataset(
    results: Sequence[LoadResult],
    *,
    base_iri: str,
    curation: Curation | None = None,
) -> BuildResult:
    """Turn loader results into the asserted dataset (an rdflib ``Dataset``).

    ``curation``: the curated data to apply (:func:`kyotei.graph.curation.overrides.load_curation`);
    ``None`` builds from the loaders alone, with the identity rules but no curated fact.
    Raises :class:`kyotei.graph.curation.overrides.CurationError` when an override no longer
    matches.
    """
    dataset = Dataset()
    findings, count, report, records = _emit(results, base_iri, curation, dataset)
    return BuildResult(dataset, findings, count, report, records)


def build_store(
    results: Sequence[LoadResult],
    *,
    base_iri: str,
    curation: Curation | None = None,
    folder: Path | None = None,
) -> StoreBuild:
    """Write loader results straight into a new :class:`BuildStore` (on disk under
    ``folder`` when given); the same triples as :func:`build_dataset` (tested)."""
    store = BuildStore(folder)
    try:
        findings, count, report, records = _emit(results, base_iri, curation, store)
        store.flush()
    except BaseException:
        store.close()
        raise
    return StoreBuild(store, findings, count, report, records)


def _emit(
    results: Sequence[LoadResult],
    base_iri: str,
    curation: Curation | None,
    target: Dataset | BuildStore,
) -> tuple[list[Finding], int, dict[str, Any], list[AgreementRecord]]:
    curation = curation or Curation()
    records = apply_overrides([r for result in results for r in result.agreements], curation)
    resolver = Resolver(curation.rules, curation.crosswalk, curation.pins)
    resolution = resolver(results, records)
    builder = _Builder(base_iri, resolution, [r.document for r in results], target)
    by_document: dict[str, list[tuple[AgreementRecord, InstitutionRef]]] = defaultdict(list)
    for record, ref in zip(resolution.records, resolution.refs, strict=True):
        by_document[record.document].append((record, ref))
    count = 0
    for result in results:
        doc = result.document
        builder.document(doc)
        count += add_agreements(builder, doc, by_document.get(doc.file, []))
    emit_identity(builder, resolution, builder.institution_iri)
    if curation.links is not None:
        emitted = {
            builder.institution_iri(r) for r, i in resolution.institutions.items() if i.places
        }
        for dangling in add_links(builder, curation.links, emitted):
            builder.findings.append(
                Finding(
                    "build.link-dangling",
                    Severity.WARNING,
                    "",
                    (),
                    f"a curated link names an institution this build does not have: {dangling}",
                )
            )
    builder.labels.setdefault(URIRef(str(builder.identity.identifier)), builder.unit_labels)
    builder.emit_common()
    builder.emit_labels()
    if count == 0:
        builder.findings.append(
            Finding(
                "build.empty", Severity.WARNING, "", (), "no agreement was read from any source"
            )
        )
    report = resolution.report(builder.institution_iri)
    report["curation"] = {
        "applied": list(curation.applied),
        "overrides": len(curation.applied),
        "crosswalk_rows": len(curation.crosswalk),
        "links": len(list(curation.links.triples((None, None, None)))) if curation.links else 0,
    }
    return builder.findings, count, report, list(resolution.records)


__all__ = ["BuildResult", "StoreBuild", "build_dataset", "build_store"]
