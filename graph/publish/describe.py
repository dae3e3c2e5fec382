"""The dataset's own description: DCAT (catalogue) and VoID (statistics, vocabularies).

:func:`describe_dataset` returns a small graph about ``<base>dataset``; the build adds it to
the common graph. All its IRIs are deterministic (under ``<base>dataset``), it makes no
blank nodes, and the statistics count the *asserted* triples only: the inferred graph and
any earlier description of the dataset (subjects under ``<base>dataset``) are left out, so
describing a dataset that already holds its description gives the same figures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kyotei.graph.model.namespaces import (
    DCAT,
    DCTERMS,
    KYOTEI,
    PREFIXES,
    RDF,
    VOID,
    XSD,
    bind_prefixes,
)
from kyotei.graph.publish.writers import FORMATS, inferred_graph_iri

log = logging.getLogger(__name__)

TITLE = {
    "en": "kyotei: international exchange agreements between universities",
    "ja": "kyotei: 大学の国際交流協定",
}
DESCRIPTION = {
    "en": "University-level and department-level international exchange agreements, as the "
    "source documents list them: parties, level, signing date, tuition waiver, country and "
    "region, each with the document, line and verbatim text it was read from.",
    "ja": "資料に掲載された大学間・部局間の国際交流協定。当事者、種別、締結日、授業料不徴収、"
    "国・地域を、読み取った資料・行・原文とともに記述する。",
}
FORMAT_TITLES = {
    "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
    "trig": "TriG (one named graph per source document)", "csv": "CSV (one row per agreement)",
}  # fmt: skip
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")


@dataclass(frozen=True, slots=True)
class OtherDownload:
    """A file a publisher serves beside the export formats, as one DCAT distribution;
    ``dump``: it holds the described (asserted) data, so it is also a ``void:dataDump``."""

    key: str  # the distribution's IRI ends with it
    title: str
    media_type: str
    url: str
    dump: bool


def dataset_iri(base_iri: str) -> URIRef:
    return URIRef(f"{base_iri}dataset")


def describe_dataset(
    dataset: Dataset,
    *,
    base_iri: str,
    endpoint_url: str | None = None,
    download_urls: dict[str, str] | None = None,
    issued: dt.date | None = None,
    modified: dt.date | None = None,
    other_downloads: Sequence[OtherDownload] = (),
) -> Graph:
    """DCAT and VoID description of ``dataset``'s asserted graphs.

    ``download_urls`` maps export format names (:data:`kyotei.graph.publish.writers.FORMATS`)
    to URLs; ``other_downloads`` are further files a publisher serves (another syntax of the
    data, the inferred graph), each a distribution of its own.
    ``issued``/``modified`` are the publication dates (a date or a datetime); when
    ``modified`` is not given it is the newest ``kyotei:asOf`` of the source documents
    (the date the data is current as of), and ``issued`` is left out.
    """
    downloads = download_urls or {}
    unknown = sorted(set(downloads) - set(FORMATS))
    if unknown:
        raise ValueError(f"download URLs for unknown formats: {', '.join(unknown)}")
    root = dataset_iri(base_iri)
    triples = _asserted_triples(dataset, base_iri)
    g = Graph()
    bind_prefixes(g, base_iri)
    g.add((root, RDF.type, DCAT.Dataset))
    g.add((root, RDF.type, VOID.Dataset))
    for lang, text in TITLE.items():
        g.add((root, DCTERMS.title, Literal(text, lang=lang)))
    for lang, text in DESCRIPTION.items():
        g.add((root, DCTERMS.description, Literal(text, lang=lang)))
    if issued is not None:
        g.add((root, DCTERMS.issued, _date_literal(issued)))
    newest = modified if modified is not None else _newest_as_of(triples)
    if newest is not None:
        g.add((root, DCTERMS.modified, _date_literal(newest)))
    documents = {s for s, p, o in triples if p == RDF.type and o == KYOTEI.SourceDocument}
    for document in sorted(documents, key=str):
        g.add((root, DCTERMS.source, document))
    _distributions(g, root, downloads)
    for other in other_downloads:
        node = URIRef(f"{root}/distribution/{other.key}")
        g.add((root, DCAT.distribution, node))
        g.add((node, RDF.type, DCAT.Distribution))
        g.add((node, DCTERMS.title, Literal(other.title, lang="en")))
        g.add((node, DCAT.mediaType, URIRef(IANA_MEDIA_TYPES + other.media_type)))
        g.add((node, DCTERMS["format"], Literal(other.media_type)))
        g.add((node, DCAT.downloadURL, URIRef(other.url)))
        if other.dump:
            g.add((root, VOID.dataDump, URIRef(other.url)))
    if endpoint_url:
        service = URIRef(f"{root}/service")
        g.add((root, VOID.sparqlEndpoint, URIRef(endpoint_url)))
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCTERMS.title, Literal("kyotei SPARQL endpoint", lang="en")))
        g.add((service, DCAT.endpointURL, URIRef(endpoint_url)))
        g.add((service, DCAT.servesDataset, root))
        g.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    _statistics(g, root, triples, base_iri)
    log.info("described %s: %d asserted triples", root, len(triples))
    return g


def _asserted_triples(dataset: Dataset, base_iri: str) -> set[tuple[Node, Node, Node]]:
    skip = inferred_graph_iri(base_iri)
    own = str(dataset_iri(base_iri))
    return {
        (s, p, o)
        for s, p, o, graph in dataset.quads((None, None, None, None))
        if _graph_name(graph) != skip and not str(s).startswith(own)
    }


def _graph_name(graph: object) -> URIRef | None:
    identifier = getattr(graph, "identifier", graph)
    return URIRef(str(identifier)) if identifier is not None else None


def _date_literal(value: dt.date) -> Literal:
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def _newest_as_of(triples: set[tuple[Node, Node, Node]]) -> dt.date | None:
    dates = [o.toPython() for _, p, o in triples if p == KYOTEI.asOf and isinstance(o, Literal)]
    valid = [d for d in dates if isinstance(d, dt.date)]
    return max(valid) if valid else None


def _distributions(g: Graph, root: URIRef, downloads: dict[str, str]) -> None:
    for fmt, (media_type, _extension) in FORMATS.items():
        node = URIRef(f"{root}/distribution/{fmt}")
        g.add((root, DCAT.distribution, node))
        g.add((node, RDF.type, DCAT.Distribution))
        g.add((node, DCTERMS.title, Literal(FORMAT_TITLES[fmt], lang="en")))
        g.add((node, DCAT.mediaType, URIRef(IANA_MEDIA_TYPES + media_type)))
        g.add((node, DCTERMS["format"], Literal(media_type)))
        if fmt in downloads:
            g.add((node, DCAT.downloadURL, URIRef(downloads[fmt])))
            if fmt != "csv":
                g.add((root, VOID.dataDump, URIRef(downloads[fmt])))


def _statistics(
    g: Graph, root: URIRef, triples: set[tuple[Node, Node, Node]], base_iri: str
) -> None:
    members: dict[Node, set[Node]] = defaultdict(set)
    for s, p, o in triples:
        if p == RDF.type:
            members[o].add(s)
    entities = {s for s, _, _ in triples if isinstance(s, URIRef) and str(s).startswith(base_iri)}
    predicates = {p for _, p, _ in triples}
    g.add((root, VOID.uriSpace, Literal(base_iri)))
    g.add((root, VOID.triples, Literal(len(triples))))
    g.add((root, VOID.entities, Literal(len(entities))))
    g.add((root, VOID.classes, Literal(len(members))))
    g.add((root, VOID.properties, Literal(len(predicates))))
    for cls in sorted(members, key=str):
        partition = URIRef(f"{root}/class/{_slug(cls)}")
        g.add((root, VOID.classPartition, partition))
        g.add((partition, RDF.type, VOID.Dataset))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(len(members[cls]))))
    datatypes = {o.datatype for _, _, o in triples if isinstance(o, Literal) and o.datatype}
    for namespace in sorted({_namespace(t) for t in [*members, *predicates, *datatypes]}):
        if namespace != base_iri:
            g.add((root, VOID.vocabulary, URIRef(namespace)))


def _namespace(term: Node) -> str:
    text = str(term)
    known = sorted((iri for iri in PREFIXES.values() if text.startswith(iri)), key=len)
    if known:
        return str(known[-1])
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1] if cut > 0 else text


def _slug(term: Node) -> str:
    """``kyotei-agreement`` for kyotei:Agreement; a readable, stable, lower-case key."""
    text = str(term)
    for prefix, iri in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        local = text[len(iri):]
        if text.startswith(iri) and local.replace("_", "").replace("-", "").isalnum():
            return f"{prefix}-{local.lower()}"
    return "class-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


__all__ = ["DESCRIPTION", "TITLE", "dataset_iri", "describe_dataset"]
