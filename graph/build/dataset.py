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

import gc
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import XSD, Dataset, URIRef

from kyotei.graph.build.agreements import add_agreements
from kyotei.graph.build.identity import add_links, emit_identity
from kyotei.graph.build.quads import BuildStore, GraphOut, QuadLines, nt
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
    records: list[AgreementRecord] = field(default_factory=list)  # with repairs (see below)


@dataclass(slots=True)
class StoreBuild:
    """What :func:`build_store` wrote: the store, and the same figures as BuildResult.

    ``records``: the records that carry repairs, after curation and identity (what the
    report lists); the others are not kept once written.
    """

    store: BuildStore
    findings: list[Finding] = field(default_factory=list)
    agreements: int = 0
    report: dict[str, Any] = field(default_factory=dict)
    records: list[AgreementRecord] = field(default_factory=list)


class _Builder:
    """Writes the records' triples as N-Triples terms (:class:`~.quads.NTerms`) into ``out``;
    nodes are N-Triples IRIs (``<…>``), minted once per institution, country, region, unit."""

    def __init__(
        self, base_iri: str, resolution: Resolution, documents: list[DocumentInfo],
        out: QuadLines,
    ) -> None:
        self.mint = Minter(base_iri)
        self.out = out
        self.terms = out.terms
        self.common = out.graph(self.mint.graph("common"))
        self.identity = out.graph(self.mint.graph("identity"))
        self.resolution = resolution
        self.resolution_rules = resolution.rules
        self.documents = {d.file: d for d in documents}
        self.labels: dict[str, LabelBag] = {}
        self.findings: list[Finding] = []
        self.countries: set[str] = set()
        self.unit_labels = LabelBag()
        self.regions: set[str] = set()
        self._iris: dict[object, str] = {}  # minted IRIs that recur, by what they name
        self._graphs: dict[str, GraphOut] = {}  # each document's source graph, by its file
        self._written: dict[tuple[SourceSpan, str], str] = {}  # this document's source records
        self._derived: set[tuple[str, str]] = set()  # its home units' (unit, source record)
        self.partner_units: dict[tuple[str, str], str] = {}  # (institution, name): unit

    def source_graph(self, doc: DocumentInfo) -> GraphOut:
        found = self._graphs.get(doc.file)
        if found is None:
            found = self._graphs[doc.file] = self.out.graph(self.mint.source_graph(doc.key))
        return found

    def institution_iri(self, ref: InstitutionRef) -> str:
        """The institution's IRI (plain: ``nt`` makes the N-Triples term)."""
        found = self._iris.get(ref)
        if found is None:
            found = self._iris[ref] = str(self.mint.institution_for_key(ref.country, ref.key))
        return found

    def institution(self, ref: InstitutionRef) -> str:
        return nt(self.institution_iri(ref))

    def bag(self, graph: GraphOut) -> LabelBag:
        return self.labels.setdefault(graph.identifier, LabelBag())

    # -- documents and home parties ---------------------------------------------------
    def document(self, doc: DocumentInfo) -> str:
        g, t = self.source_graph(doc), self.terms
        self._written, self._derived = {}, set()  # written once (the triples are a set)
        node = nt(self.mint.document(doc.key))
        g.add(node, _TYPE, nt(KYOTEI.SourceDocument))
        g.add(node, nt(DCTERMS.identifier), t.text(doc.file))
        g.add(node, nt(DCTERMS.title), t.text(doc.title, _title_language(doc)))
        if doc.as_of is not None:
            g.add(node, nt(KYOTEI.asOf), t.typed(doc.as_of.isoformat(), _XSD_DATE))
        for lang in doc.languages:
            g.add(node, nt(DCTERMS.language), t.text(lang))
        g.add(node, nt(KYOTEI.publisherStatus), t.text(doc.publisher_status))
        if doc.publisher_note:
            g.add(node, nt(RDFS.comment), t.text(" ".join(doc.publisher_note.split()), "en"))
        home = self.home_institution(doc)
        if doc.publisher_status != "unidentified":
            g.add(node, nt(DCTERMS.publisher), home)
        return node

    def home_institution(self, doc: DocumentInfo) -> str:
        found = self._iris.get(("home", doc.file))
        if found is not None:
            return found
        g = self.source_graph(doc)
        if doc.publisher_status == "unidentified" or not (doc.publisher_ja or doc.publisher_en):
            node = nt(self.mint.unidentified(doc.key))
            g.add(node, _TYPE, nt(KYOTEI.UnidentifiedInstitution))
            g.add(node, _TYPE, nt(KYOTEI.Institution))
            bag = self.bag(g)
            bag.fix(node, f"未特定の発行元 ({doc.file})", "ja")
            bag.fix(node, f"Unidentified publisher of {doc.file}", "en")
        else:
            node = self.institution(self.resolution.homes[doc.file])
            if doc.publisher_status == "curated":
                g.add(node, nt(KYOTEI.curated), self.terms.typed(True, _XSD_BOOLEAN))
        self._iris[("home", doc.file)] = node
        return node

    def home_party(self, doc: DocumentInfo, record: AgreementRecord) -> str:
        institution = self.home_institution(doc)
        if record.level is Level.UNIVERSITY or not record.home_unit_ja:
            return institution
        g = self.source_graph(doc)
        unit = self._iris.get(("unit", institution, record.home_unit_ja))
        if unit is None:
            unit = nt(self.mint.unit(URIRef(institution[1:-1]), record.home_unit_ja))
            self._iris[("unit", institution, record.home_unit_ja)] = unit
            g.add(unit, _TYPE, nt(KYOTEI.Faculty))
            g.add(unit, nt(ORG.unitOf), institution)
        self.bag(g).add(unit, record.home_unit_ja, "ja")
        if record.home_unit_source is not None:
            source = self.source_record(doc, record.home_unit_source, record.section)
            if (unit, source) not in self._derived:
                self._derived.add((unit, source))
                g.add(unit, _DERIVED_FROM, source)
        return unit

    # -- shared vocabulary ---------------------------------------------------------------
    def country(self, code: str) -> str:
        return self._iris.get(("country", code)) or self._first_use(
            "country", code, self.countries, self.mint.country)

    def region(self, key: str) -> str:
        return self._iris.get(("region", key)) or self._first_use(
            "region", key, self.regions, self.mint.region)

    def _first_use(self, kind: str, key: str, used: set[str], mint: Callable[[str], URIRef]
                   ) -> str:
        """A country's or region's IRI, minted on its first use and remembered with it."""
        used.add(key)
        iri = self._iris[(kind, key)] = nt(mint(key))
        return iri

    def emit_common(self) -> None:
        g, t = self.common, self.terms
        bag = self.bag(g)
        for code in sorted(self.countries):
            node = nt(self.mint.country(code))
            ja, en = country_labels(code)
            g.add(node, _TYPE, nt(KYOTEI.Country))
            g.add(node, nt(SKOS.notation), t.text(code))
            bag.fix(node, ja, "ja")
            bag.fix(node, en, "en")
        scheme = nt(self.mint.region_scheme())
        if self.regions:
            g.add(scheme, _TYPE, nt(SKOS.ConceptScheme))
            g.add(scheme, nt(SKOS.prefLabel), t.text("地域(エリア)", "ja"))
            g.add(scheme, nt(SKOS.prefLabel), t.text("Regions as the documents group them", "en"))
        for key in sorted(self.regions):
            node = nt(self.mint.region(key))
            ja, en = region_labels(key)
            g.add(node, _TYPE, nt(KYOTEI.Region))
            g.add(node, _TYPE, nt(SKOS.Concept))
            g.add(node, nt(SKOS.inScheme), scheme)
            g.add(node, nt(SKOS.notation), t.text(key))
            bag.fix(node, ja, "ja")
            bag.fix(node, en, "en")

    # -- provenance ----------------------------------------------------------------------
    def source_record(self, doc: DocumentInfo, span: SourceSpan, section: str) -> str:
        """The node of a place in ``doc`` (the document being written), described once."""
        if (found := self._written.get((span, section))) is not None:
            return found
        g, t = self.source_graph(doc), self.terms
        node = nt(self.mint.record(doc.key, span.line, span.text))
        g.add(node, _TYPE, _SOURCE_RECORD)
        g.add(node, _SOURCE_DOCUMENT, self._document_iri(doc))
        if span.text_line:
            g.add(node, _SOURCE_LINE, t.typed(span.line, _XSD_POSITIVEINTEGER))
        g.add(node, _SOURCE_LOCATOR, t.text(span.where))
        g.add(node, _VERBATIM, t.text(span.text))
        if span.line_text:
            g.add(node, _LINE_TEXT, t.text(span.line_text))
        g.add(node, _SECTION, t.text(section))
        self._written[(span, section)] = node
        return node

    def _document_iri(self, doc: DocumentInfo) -> str:
        found = self._iris.get(("document", doc.key))
        if found is None:
            found = self._iris[("document", doc.key)] = nt(self.mint.document(doc.key))
        return found

    def emit_labels(self) -> None:
        for graph_iri, bag in self.labels.items():
            g, text = self.out.graph(graph_iri), self.terms.text
            for node, name, lang, preferred in bag.rows():
                literal = text(name, lang)
                if preferred:
                    g.add(node, _PREF_LABEL, literal)
                    g.add(node, _LABEL, literal)
                else:
                    g.add(node, _ALT_LABEL, literal)


_TYPE = nt(RDF.type)
_SOURCE_RECORD, _SOURCE_DOCUMENT = nt(KYOTEI.SourceRecord), nt(KYOTEI.sourceDocument)
_SOURCE_LINE, _SOURCE_LOCATOR = nt(KYOTEI.sourceLine), nt(KYOTEI.sourceLocator)
_DERIVED_FROM = nt(PROV.wasDerivedFrom)
_VERBATIM, _LINE_TEXT, _SECTION = nt(KYOTEI.verbatimText), nt(KYOTEI.lineText), nt(KYOTEI.section)
_PREF_LABEL, _ALT_LABEL, _LABEL = nt(SKOS.prefLabel), nt(SKOS.altLabel), nt(RDFS.label)

_XSD_DATE, _XSD_BOOLEAN = str(XSD.date), str(XSD.boolean)
_XSD_POSITIVEINTEGER = str(XSD.positiveInteger)


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
    lines = QuadLines()
    findings, count, report, records = _emit(results, base_iri, curation, lines)
    dataset = Dataset()
    bind_prefixes(dataset, base_iri)
    for name in lines.graphs:  # the graphs the builder asked for, even when empty
        dataset.graph(URIRef(name))
    if lines.lines:  # rdflib reads what the builder wrote (the store's loader is Oxigraph's)
        dataset.parse(data="".join(lines.lines), format="nquads")
    for triple, name in lines.triples:
        dataset.graph(URIRef(name)).add(triple)
    return BuildResult(dataset, findings, count, report, records)


def build_store(
    results: Iterable[LoadResult],
    *,
    base_iri: str,
    curation: Curation | None = None,
    folder: Path | None = None,
) -> StoreBuild:
    """Write loader results straight into a new :class:`BuildStore` (on disk under
    ``folder`` when given); the same triples as :func:`build_dataset` (tested)."""
    store = BuildStore(folder)
    try:
        with _no_cycle_collection():
            findings, count, report, records = _emit(list(results), base_iri, curation, store.out)
        store.flush()
    except BaseException:
        store.close()
        raise
    return StoreBuild(store, findings, count, report, records)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the records are emitted: they and the resolver's
    mentions are millions of live objects that each full collection walks again (3M triples:
    the resolver 21.4 s CPU with it, 14.5 s without); a cycle they leave waits for the next."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _emit(
    results: Sequence[LoadResult],
    base_iri: str,
    curation: Curation | None,
    target: QuadLines,
) -> tuple[list[Finding], int, dict[str, Any], list[AgreementRecord]]:
    curation = curation or Curation()
    records = apply_overrides([r for result in results for r in result.agreements], curation)
    resolution = Resolver(curation.rules, curation.crosswalk, curation.pins)(results, records)
    del records  # the resolved records replace them
    builder = _Builder(base_iri, resolution, [r.document for r in results], target)
    by_document: dict[str, list[tuple[AgreementRecord, InstitutionRef]]] = defaultdict(list)
    for record, ref in zip(resolution.records, resolution.refs, strict=True):
        by_document[record.document].append((record, ref))
    repaired = [r for r in resolution.records if r.repairs]  # what the report lists
    resolution.records, resolution.refs = [], []  # held once, in by_document
    count = 0
    for result in results:
        doc = result.document
        builder.document(doc)
        count += add_agreements(builder, doc, by_document.get(doc.file, []))
    emit_identity(builder, resolution, builder.institution_iri)
    if curation.links is not None:
        emitted = {
            builder.institution_iri(r) for r, i in resolution.institutions.items() if i.places
        }  # plain IRIs
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
    builder.labels.setdefault(builder.identity.identifier, builder.unit_labels)
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
    return builder.findings, count, report, repaired


__all__ = ["BuildResult", "StoreBuild", "build_dataset", "build_store"]
