"""Time ``analyze()`` and ``render_html()`` on built graphs of growing size, with peak memory.

    python benchmarks/bench_analytics.py                           # 20k and 100k agreements
    python benchmarks/bench_analytics.py --agreements 2000 20000 100000 345000
    python benchmarks/bench_analytics.py --python /other/venv/bin/python   # another kyotei
    python benchmarks/bench_analytics.py --build-dir kyotei-build  # a real snapshot too
    python benchmarks/bench_analytics.py --profile /tmp/prof       # cProfile per size

The graphs are what ``kyotei build`` makes of ``benchmarks/generate.py``'s lists (many home
universities, ~120 countries, both levels, partners shared between homes): the records go
through kyotei's own streaming build (``build_store``, identity resolution included) and its
reasoner (``reason_store``: the inferred graph the integrity check reads), and the store is
then laid out as a served snapshot is (every asserted triple in the default graph too, the
inferred ones in ``<base>graph/inferred``). Each graph is built once and kept on disk under
``--cache`` (default ``$TMPDIR/kyotei-bench-analytics``), so before/after runs read the same
store.

Each measurement runs in a fresh subprocess (``--python`` picks the interpreter, so another
checkout of kyotei can be measured on the same stores): analyze() and render_html() CPU and
wall seconds, and the process's peak resident memory (``ru_maxrss``). A snapshot
(``--build-dir``) is loaded as ``kyotei analyze`` loads it (``load_snapshot``: the triples
the queries read, in memory), the load timed; a store is on disk, and copied into memory
first (``BENCH_STORE=disk`` queries the read-only on-disk store instead). Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CACHE = Path(tempfile.gettempdir()) / "kyotei-bench-analytics"
TRIPLES_PER_AGREEMENT = 24  # what generate.py asks per agreement (see its docstring)


def _store_dir(cache: Path, agreements: int, seed: int) -> Path:
    return cache / f"agreements-{agreements}-seed-{seed}"


def prepare(agreements: int, seed: int, cache: Path) -> Path:
    """The on-disk Oxigraph store of the build of ``generate()``'s lists for about
    ``agreements`` agreements (built once, then reused); writes ``shape.json`` beside it."""
    target = _store_dir(cache, agreements, seed)
    if (target / "shape.json").exists():
        return target
    sys.path.insert(0, str(HERE))
    import pyoxigraph as ox
    from generate import generate

    from kyotei.graph.build.dataset import build_store
    from kyotei.graph.build.reason import reason_store
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
    from kyotei.graph.publish.writers import inferred_graph_iri
    from kyotei.pipeline import load_ontology

    started = time.perf_counter()
    results = list(generate(agreements * TRIPLES_PER_AGREEMENT, seed=seed))
    homes = len(results)
    cache.mkdir(parents=True, exist_ok=True)
    built = build_store(results, base_iri=DEFAULT_BASE_IRI, folder=cache / "work")
    del results
    inferred_iri = inferred_graph_iri(DEFAULT_BASE_IRI)
    inferred = reason_store(built.store, load_ontology(), inferred=inferred_iri)
    store = built.store.store
    asserted = 0
    for graph in built.store.graph_names(skip=[str(inferred_iri)]):
        batch: list[Any] = []
        for quad in store.quads_for_pattern(None, None, None, graph):
            batch.append(ox.Quad(quad.subject, quad.predicate, quad.object))
            if len(batch) >= 200_000:
                store.bulk_extend(batch)
                asserted += len(batch)
                batch = []
        store.bulk_extend(batch)
        asserted += len(batch)
    for name in built.store.store.named_graphs():  # the build's working graphs are not served
        if isinstance(name, ox.NamedNode) and name.value != str(inferred_iri) and \
                not name.value.startswith(DEFAULT_BASE_IRI):
            store.clear_graph(name)
    store.flush()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    store.backup(str(target / "store"))
    built.store.close()
    shape = {"agreements": built.agreements, "homes": homes, "asserted": asserted,
             "inferred": inferred, "seconds": round(time.perf_counter() - started, 1)}
    (target / "shape.json").write_text(json.dumps(shape) + "\n", encoding="utf-8")
    return target


def prepare_direct(agreements: int, seed: int, cache: Path) -> Path:
    """The same shape as :func:`prepare` (generate.py's proportions: a home university per
    150 agreements with 3-15 faculties each, a partner per 3 agreements over 120 countries
    in 7 regions, 45 % university-level, 60 % dated, 40 % of department-level partners
    named by a faculty), written straight as the triples the analytics read, with the
    ``kyotei:hasAgreementWith`` links the reasoner infers: seconds instead of a build, for
    sizes the build would take an hour to make on a shared machine."""
    target = _store_dir(cache, agreements, seed).with_name(
        f"direct-{agreements}-seed-{seed}")
    if (target / "shape.json").exists():
        return target
    import pyoxigraph as ox

    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, KYOTEI

    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    base, k = DEFAULT_BASE_IRI, str(KYOTEI)

    def node(path: str) -> ox.NamedNode:
        return ox.NamedNode(base + path)

    def term(name: str) -> ox.NamedNode:
        return ox.NamedNode(k + name)

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    notation = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
    unit_of = ox.NamedNode("http://www.w3.org/ns/org#unitOf")
    derived = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    publisher = ox.NamedNode("http://purl.org/dc/terms/publisher")
    identifier = ox.NamedNode("http://purl.org/dc/terms/identifier")
    date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    inferred = ox.NamedNode(base + "graph/inferred")
    quads: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal,
            g: ox.NamedNode | None = None) -> None:
        quads.append(ox.Quad(s, p, o, g) if g is not None else ox.Quad(s, p, o))

    regions = [node(f"region/r{i}") for i in range(7)]
    countries = [node(f"country/c{i:03d}") for i in range(120)]
    for i, r in enumerate(regions):
        add(r, rdf_type, term("Region"))
        add(r, notation, ox.Literal(f"r{i}"))
    for i, c in enumerate(countries):
        add(c, rdf_type, term("Country"))
        add(c, notation, ox.Literal(f"C{i:03d}"))
        add(c, label, ox.Literal(f"Country {i}", language="en"))
    region_of = {c: rng.choice(regions) for c in countries}
    partners = [node(f"institution/p{i}") for i in range(max(10, agreements // 3))]
    country_of = {p: rng.choice(countries) for p in partners}
    for i, p in enumerate(partners):
        add(p, rdf_type, term("Institution"))
        add(p, label, ox.Literal(f"University of P{i}", language="en"))
        add(p, label, ox.Literal(f"大学{i}", language="ja"))
        add(p, term("country"), country_of[p])
    homes = max(1, agreements // 150)
    links: set[tuple[ox.NamedNode, ox.NamedNode]] = set()
    number = 0
    for h in range(homes):
        home = node(f"institution/h{h}")
        add(home, rdf_type, term("Institution"))
        add(home, label, ox.Literal(f"本学{h}", language="ja"))
        faculties = [node(f"institution/h{h}/unit/f{i}") for i in range(rng.randint(3, 15))]
        for i, f in enumerate(faculties):
            add(f, rdf_type, term("Faculty"))
            add(f, unit_of, home)
            add(f, label, ox.Literal(f"学部{h}-{i}", language="ja"))
        document, record = node(f"document/d{h}"), node(f"record/d{h}")
        add(document, rdf_type, term("SourceDocument"))
        add(document, identifier, ox.Literal(f"bench_{h:04d}.txt"))
        add(document, term("asOf"), ox.Literal("2023-04-01", datatype=date))
        add(document, publisher, home)
        add(document, term("publisherStatus"), ox.Literal("stated"))
        add(record, term("sourceDocument"), document)
        for _ in range(agreements // homes + (1 if h < agreements % homes else 0)):
            a = node(f"agreement/a{number}")
            number += 1
            university = rng.random() < 0.45
            partner = rng.choice(partners)
            party = partner
            if not university and rng.random() < 0.4:
                party = ox.NamedNode(partner.value + f"/unit/u{rng.randrange(4)}")
                add(party, rdf_type, term("Faculty"))
                add(party, unit_of, partner)
            home_party = home if university else rng.choice(faculties)
            add(a, rdf_type, term("Agreement"))
            add(a, term("level"), term("UniversityLevel" if university else "DepartmentLevel"))
            add(a, term("homeParty"), home_party)
            add(a, term("partnerParty"), party)
            add(a, term("partnerInstitution"), partner)
            add(a, derived, record)
            if rng.random() > 0.02:
                add(a, term("country"), country_of[partner])
                add(a, term("inRegion"), region_of[country_of[partner]])
            if rng.random() < 0.6:
                add(a, term("signedOn"), ox.Literal(
                    f"{rng.randint(1980, 2023)}-{rng.randint(1, 12):02d}-01", datatype=date))
            links.add((home_party, party))
    for home_party, party in links:
        add(home_party, term("hasAgreementWith"), party, inferred)
        add(party, term("hasAgreementWith"), home_party, inferred)
    target.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(target / "store"))
    store.bulk_extend(quads)
    store.flush()
    del store
    shape = {"agreements": number, "homes": homes, "asserted": len(quads) - 2 * len(links),
             "inferred": 2 * len(links)}
    (target / "shape.json").write_text(json.dumps(shape) + "\n", encoding="utf-8")
    return target


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, base_iri: str | None, profile: Path | None) -> dict[str, Any]:
    """analyze() and render_html() on the store (or snapshot directory) at ``path``."""
    import pyoxigraph as ox

    from kyotei.graph.analytics import analyze, render_html
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI

    wall, cpu = time.perf_counter(), time.process_time()
    if base_iri is None:  # a snapshot directory (kyotei build's --build-dir)
        from kyotei.graph.analytics import load_snapshot
        from kyotei.graph.publish.snapshot import SnapshotStore

        snapshot = SnapshotStore(path).current()
        if snapshot is None:
            raise SystemExit(f"no snapshot in {path}")
        # as `kyotei analyze` loads it: the triples the queries read, in memory
        store, base_iri = load_snapshot(snapshot), snapshot.base_iri
    else:
        store, base_iri = ox.Store.read_only(str(path / "store")), base_iri or DEFAULT_BASE_IRI
        if os.environ.get("BENCH_STORE", "memory") == "memory":
            # queries run ~9x faster in memory than on a read-only on-disk store
            memory = ox.Store()
            memory.bulk_extend(store.quads_for_pattern(None, None, None, None))
            store = memory
    figures: dict[str, Any] = {"load": (time.perf_counter() - wall, time.process_time() - cpu),
                               "load_mb": _peak_mb()}
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = analyze(store, base_iri=base_iri)
    figures["analyze"] = (time.perf_counter() - wall, time.process_time() - cpu)
    figures["analyze_mb"] = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    html = render_html(result)
    if profiler and profile:
        profiler.disable()
        profile.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(profile / f"{path.name}.prof"))
    figures["render"] = (time.perf_counter() - wall, time.process_time() - cpu)
    figures["html_mb"] = len(html.encode()) / 1e6
    from rich.console import Console

    from kyotei.commands.analyze import Format, write_result

    wall, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as folder:  # as `kyotei analyze -f json -o FILE`
        written = Path(folder) / "analysis.json"
        write_result(result, Format.json, written, Console())
        figures["json_mb"] = written.stat().st_size / 1e6
    figures["json"] = (time.perf_counter() - wall, time.process_time() - cpu)
    figures["peak_mb"] = _peak_mb()  # of the whole run: load, analyze, HTML and JSON
    figures["agreements"] = result.agreements
    figures["nodes"] = result.network.nodes
    figures["departments"] = len(result.bipartite.departments)
    figures["documents"] = len(result.documents)  # the generator: one per home university
    figures["betweenness_sample"] = result.network.betweenness_sample
    return figures


def run(python: str, path: Path, base_iri: str | None, profile: Path | None) -> dict[str, Any]:
    command = [python, __file__, "--child", str(path), base_iri or ""]
    if profile:
        command += ["--profile", str(profile)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


HEAD = ("graph", "agreements", "home universities", "network nodes", "departments", "load s CPU",
        "analyze s CPU (wall)", "render_html s CPU (wall)", "to JSON s CPU", "peak MB",
        "JSON MB", "HTML MB")


def row(name: str, shape: dict[str, Any], f: dict[str, Any]) -> str:
    analyze, render = f["analyze"], f["render"]
    homes = shape.get("homes", f"{f['documents']:,} (documents)" if "documents" in f else "?")
    cells = (name, f"{f['agreements']:,}", str(homes),
             f"{f['nodes']:,}", f"{f['departments']:,}", f"{f['load'][1]:.1f}",
             f"{analyze[1]:.1f} ({analyze[0]:.1f})", f"{render[1]:.1f} ({render[0]:.1f})",
             f"{f['json'][1]:.1f}" if "json" in f else "?",
             f"{f['peak_mb']:.0f}", f"{f['json_mb']:.1f}", f"{f['html_mb']:.1f}")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--graphs", choices=("build", "direct"), default="build",
                        help="build: generate.py through kyotei's build; direct: the same "
                        "shape written as triples (prepare_direct)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--build-dir", type=Path, default=None)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        figures = measure(Path(args.child[0]), args.child[1] or None, args.profile)
        sys.stdout.write(json.dumps(figures) + "\n")
        return
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI

    out = sys.stdout
    out.write(f"kyotei from {args.python}; seconds CPU (wall); peak = max resident set of the "
              "measuring process\n| " + " | ".join(HEAD) + " |\n|" + "---|" * len(HEAD) + "\n")
    out.flush()
    for agreements in args.agreements:
        make = prepare if args.graphs == "build" else prepare_direct
        path = make(agreements, args.seed, args.cache)
        shape = json.loads((path / "shape.json").read_text("utf-8"))
        figures = run(args.python, path, DEFAULT_BASE_IRI, args.profile)
        out.write(row(f"{args.graphs} {agreements:,}", shape, figures) + "\n")
        out.flush()
    if args.build_dir is not None:
        figures = run(args.python, args.build_dir.resolve(), None, args.profile)
        out.write(row(str(args.build_dir), {}, figures) + "\n")


if __name__ == "__main__":
    main()
