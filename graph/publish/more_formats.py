"""RDF/XML and N-Quads exports, written by rdflib from the snapshot's dataset.

Not from :meth:`Snapshot.load_oxigraph`'s store: read that way, every
``"314"^^xsd:positiveInteger`` (``kyotei:sourceLine``) comes back as ``xsd:integer``, so a
file written from it would change the graph's datatypes. Here the dataset read from the
snapshot's files is written as it is; ``kyotei export`` and the server's downloads agree.
"""

from __future__ import annotations

from typing import IO

from rdflib import Dataset

from kyotei.graph.publish.writers import asserted_graphs, merged_graph

#: name -> (media type, file extension) of the formats kyotei's sorted writers lack.
MORE_FORMATS: dict[str, tuple[str, str]] = {
    "rdfxml": ("application/rdf+xml", "rdf"),
    "nquads": ("application/n-quads", "nq"),
}


def export_more(dataset: Dataset, fmt: str, out: IO[bytes], *, inferred: bool = False,
                base_iri: str) -> None:
    """The asserted graph (and the inferred one if asked) as RDF/XML (one merged graph) or
    N-Quads (each named graph kept, lines sorted so that rebuilds compare)."""
    if fmt == "rdfxml":
        out.write(merged_graph(dataset, base_iri=base_iri, inferred=inferred).serialize(
            format="xml", encoding="utf-8"))
        return
    if fmt != "nquads":
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(MORE_FORMATS)}")
    kept = Dataset()
    for graph in asserted_graphs(dataset, base_iri=base_iri, inferred=inferred):
        named = kept.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    text = kept.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    out.write("".join(sorted(line + "\n" for line in text.splitlines() if line)).encode())


__all__ = ["MORE_FORMATS", "export_more"]
