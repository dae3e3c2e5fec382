"""Time ``analyze()`` and ``render_html()`` on synthetic agreement graphs of growing size.

    python benchmarks/bench_analytics.py                 # 1k, 5k, 20k agreements
    python benchmarks/bench_analytics.py --sizes 500 --repeat 3
    python benchmarks/bench_analytics.py --build-dir build  # the real current snapshot too

The synthetic graph has the real graph's shape: one home institution with 40 faculties, two
documents (one with dated university-level agreements and region-less rows), partners spread
over 60 countries in 7 regions with a heavy head (a few partners shared by many faculties).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kyotei.graph.analytics import analyze, render_html

BASE = "https://example.org/bench/id/"
K = "https://w3id.org/kyotei/def#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def n(path: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + path)


def k(term: str) -> ox.NamedNode:
    return ox.NamedNode(K + term)


def synthetic(agreements: int, seed: int = 1) -> ox.Store:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    store = ox.Store()
    quads: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(s, p, o))

    label = ox.NamedNode(SKOS + "prefLabel")
    notation = ox.NamedNode(SKOS + "notation")
    regions = [n(f"region/r{i}") for i in range(7)]
    countries = [n(f"country/c{i:02d}") for i in range(60)]
    for i, r in enumerate(regions):
        add(r, RDF_TYPE, k("Region"))
        add(r, notation, ox.Literal(f"r{i}"))
        add(r, label, ox.Literal(f"Region {i}", language="en"))
    for i, c in enumerate(countries):
        add(c, RDF_TYPE, k("Country"))
        add(c, notation, ox.Literal(f"C{i:02d}"))
        add(c, label, ox.Literal(f"Country {i}", language="en"))
    home = n("institution/home")
    add(home, RDF_TYPE, k("Institution"))
    add(home, label, ox.Literal("本学", language="ja"))
    faculties = [n(f"institution/home/unit/f{i}") for i in range(40)]
    for i, f in enumerate(faculties):
        add(f, RDF_TYPE, k("Faculty"))
        add(f, ox.NamedNode("http://www.w3.org/ns/org#unitOf"), home)
        add(f, label, ox.Literal(f"学部{i}", language="ja"))
    partners = [n(f"institution/p{i}") for i in range(max(50, agreements // 3))]
    partner_country = {p: rng.choice(countries) for p in partners}
    for i, p in enumerate(partners):
        add(p, RDF_TYPE, k("Institution"))
        add(p, label, ox.Literal(f"Partner {i}", language="en"))
        add(p, k("country"), partner_country[p])
    documents = [n("document/old"), n("document/new")]
    for i, d in enumerate(documents):
        add(d, RDF_TYPE, k("SourceDocument"))
        add(d, ox.NamedNode("http://purl.org/dc/terms/identifier"), ox.Literal(f"doc{i}.txt"))
        add(d, k("asOf"), ox.Literal(f"{2012 + 11 * i}-05-01", datatype=XSD_DATE))
        add(d, k("publisherStatus"), ox.Literal("curated"))
        add(n(f"record/{i}"), k("sourceDocument"), d)
    for i in range(agreements):
        a = n(f"agreement/{i}")
        university = i % 4 == 0
        partner = partners[min(int(rng.paretovariate(1.2)) - 1, len(partners) - 1)
                           if rng.random() < 0.3 else rng.randrange(len(partners))]
        add(a, RDF_TYPE, k("Agreement"))
        add(a, k("level"), k("UniversityLevel" if university else "DepartmentLevel"))
        add(a, k("homeParty"), home if university else rng.choice(faculties))
        add(a, k("partnerParty"), partner)
        add(a, k("partnerInstitution"), partner)
        add(a, k("country"), partner_country[partner])
        add(a, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"),
            n(f"record/{int(rng.random() < 0.3)}"))
        if university:
            year = rng.randint(1980, 2012)
            add(a, k("signedOn"), ox.Literal(f"{year}-04-01", datatype=XSD_DATE))
        else:
            region = regions[countries.index(partner_country[partner]) % len(regions)]
            add(a, k("inRegion"), region)
    store.extend(quads)
    return store


def timed(action: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--build-dir", type=Path, default=None)
    args = parser.parse_args()
    out = sys.stdout
    out.write("graph                     agreements  analyze (s)  render_html (s)\n")
    for size in args.sizes:
        store = synthetic(size)
        result = analyze(store, base_iri=BASE)
        seconds = timed(lambda s=store: analyze(s, base_iri=BASE), args.repeat)
        html = timed(lambda r=result: render_html(r), args.repeat)
        out.write(f"synthetic                 {size:>10}  {seconds:>11.2f}  {html:>15.2f}\n")
    if args.build_dir is not None:
        from kyotei.commands.analyze import load_current

        store, base = load_current(args.build_dir)
        result = analyze(store, base_iri=base)
        seconds = timed(lambda: analyze(store, base_iri=base), args.repeat)
        html = timed(lambda: render_html(result), args.repeat)
        out.write(f"{args.build_dir!s:<25} {result.agreements:>10}  {seconds:>11.2f}  "
                  f"{html:>15.2f}\n")


if __name__ == "__main__":
    main()
