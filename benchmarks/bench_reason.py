"""Time OWL RL reasoning (kyotei.graph.build.reason) on synthetic agreement graphs.

Usage:  python benchmarks/bench_reason.py [N ...]     (default: 1000 10000 agreements)

The synthetic graph has the shape of docs/model.md: each agreement has a level, a home
party (one of 20 home faculties or the home institution), a partner party (a faculty of a
partner institution for department-level agreements), a partner institution, country,
region, bases, an optional date and waiver and one source record; partner institutions,
faculties, countries, regions and documents are shared. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kyotei.graph.build.reason import reason
from kyotei.graph.model.namespaces import DCTERMS, KYOTEI, ORG, PROV, SKOS

BASE = "https://w3id.org/kyotei/id/"


def synthetic_graph(agreements: int, *, seed: int = 1) -> Graph:
    """An asserted graph of ``agreements`` agreements in kyotei's shape."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not cryptography
    g = Graph()
    countries = [f"{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(50)]  # "aa", "ab", ...
    regions = [f"region{i}" for i in range(7)]
    for c in countries:
        node = URIRef(f"{BASE}country/{c}")
        g.add((node, RDF.type, KYOTEI.Country))
        g.add((node, SKOS.notation, Literal(c.upper())))
        g.add((node, SKOS.prefLabel, Literal(f"国{c}", lang="ja")))
        g.add((node, SKOS.prefLabel, Literal(f"Country {c}", lang="en")))
    for r in regions:
        node = URIRef(f"{BASE}region/{r}")
        g.add((node, RDF.type, KYOTEI.Region))
        g.add((node, SKOS.notation, Literal(r)))
        g.add((node, SKOS.inScheme, URIRef(f"{BASE}scheme/regions")))
        g.add((node, SKOS.prefLabel, Literal(f"地域{r}", lang="ja")))
    document = URIRef(f"{BASE}document/doc")
    home = URIRef(f"{BASE}institution/jp/home")
    g.add((document, RDF.type, KYOTEI.SourceDocument))
    g.add((document, DCTERMS.identifier, Literal("doc.txt")))
    g.add((document, DCTERMS.title, Literal("synthetic", lang="en")))
    g.add((document, KYOTEI.asOf, Literal("2023-09-01", datatype=XSD.date)))
    g.add((document, KYOTEI.publisherStatus, Literal("stated")))
    g.add((document, DCTERMS.publisher, home))
    g.add((home, RDF.type, KYOTEI.Institution))
    g.add((home, SKOS.prefLabel, Literal("自機関", lang="ja")))
    home_units = []
    for i in range(20):
        unit = URIRef(f"{BASE}institution/jp/home/unit/{i}")
        home_units.append(unit)
        g.add((unit, RDF.type, KYOTEI.Faculty))
        g.add((unit, ORG.unitOf, home))
        g.add((unit, SKOS.prefLabel, Literal(f"部局{i}", lang="ja")))
    partners = max(1, agreements // 4)
    for i in range(agreements):
        a = URIRef(f"{BASE}agreement/{i:08x}")
        p = rng.randrange(partners)
        country = countries[p % len(countries)]
        partner = URIRef(f"{BASE}institution/{country}/{p:08x}")
        g.add((partner, RDF.type, KYOTEI.Institution))
        g.add((partner, SKOS.prefLabel, Literal(f"大学{p}", lang="ja")))
        g.add((partner, SKOS.prefLabel, Literal(f"University {p}", lang="en")))
        g.add((partner, KYOTEI.country, URIRef(f"{BASE}country/{country}")))
        department = rng.random() < 0.6
        if department:
            party = URIRef(f"{partner}/unit/{rng.randrange(5)}")
            g.add((party, RDF.type, KYOTEI.Faculty))
            g.add((party, ORG.unitOf, partner))
            g.add((party, SKOS.prefLabel, Literal(f"学部{p}", lang="ja")))
        else:
            party = partner
        record = URIRef(f"{BASE}record/doc/{i + 1}/1")
        g.add((a, RDF.type, KYOTEI.Agreement))
        g.add((a, KYOTEI.level, KYOTEI.DepartmentLevel if department else KYOTEI.UniversityLevel))
        g.add((a, KYOTEI.homeParty, rng.choice(home_units) if department else home))
        g.add((a, KYOTEI.partnerParty, party))
        g.add((a, KYOTEI.partnerInstitution, partner))
        g.add((a, KYOTEI.country, URIRef(f"{BASE}country/{country}")))
        g.add((a, KYOTEI.countryBasis, Literal("printed")))
        g.add((a, KYOTEI.inRegion, URIRef(f"{BASE}region/{regions[p % len(regions)]}")))
        g.add((a, KYOTEI.regionBasis, Literal("printed")))
        if rng.random() < 0.5:
            day = f"{1990 + i % 30}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            g.add((a, KYOTEI.signedOn, Literal(day, datatype=XSD.date)))
        if rng.random() < 0.3:
            g.add((a, KYOTEI.tuitionWaiver, Literal(rng.random() < 0.5)))
        g.add((a, PROV.wasDerivedFrom, record))
        g.add((record, RDF.type, KYOTEI.SourceRecord))
        g.add((record, KYOTEI.sourceDocument, document))
        g.add((record, KYOTEI.sourceLine, Literal(i + 1, datatype=XSD.positiveInteger)))
        g.add((record, KYOTEI.verbatimText, Literal(f"大学{p} 学部")))
        g.add((record, KYOTEI.section, Literal("部局間協定" if department else "大学間協定")))
    return g


def load_ontology() -> Graph:
    data = resources.files("kyotei.ontology").joinpath("kyotei.ttl").read_bytes()
    return Graph().parse(data=data, format="turtle")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    ontology = load_ontology()
    for size in args.sizes:
        graph = synthetic_graph(size)
        wall, cpu = [], []
        inferred = Graph()
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            inferred = reason(graph, ontology)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(  # noqa: T201 - a benchmark prints its figures
            f"{size:>7} agreements  {len(graph):>8} asserted  {len(inferred):>8} inferred  "
            f"reason {statistics.median(wall):7.2f} s wall, {statistics.median(cpu):7.2f} s CPU "
            f"(median of {args.runs})"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
