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
wall seconds, and the process's peak resident memory (``ru_maxrss``; the store is on disk,
so the figure is what the analysis itself holds). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import json
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
    from generate import generate  # type: ignore[import-not-found]

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


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, base_iri: str | None, profile: Path | None) -> dict[str, Any]:
    """analyze() and render_html() on the store (or snapshot directory) at ``path``."""
    import pyoxigraph as ox

    from kyotei.graph.analytics import analyze, render_html
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI

    if base_iri is None:  # a snapshot directory (kyotei build's --build-dir)
        from kyotei.graph.publish.snapshot import SnapshotStore

        snapshot = SnapshotStore(path).current()
        if snapshot is None:
            raise SystemExit(f"no snapshot in {path}")
        store, base_iri = snapshot.load_oxigraph(), snapshot.base_iri
    else:
        store, base_iri = ox.Store.read_only(str(path / "store")), base_iri or DEFAULT_BASE_IRI
    figures: dict[str, Any] = {"load_mb": _peak_mb()}
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
    figures["peak_mb"] = _peak_mb()
    figures["html_mb"] = len(html.encode()) / 1e6
    figures["json_mb"] = len(json.dumps(result.to_dict(), ensure_ascii=False).encode()) / 1e6
    figures["agreements"] = result.agreements
    figures["nodes"] = result.network.nodes
    figures["departments"] = len(result.bipartite.departments)
    figures["betweenness_sample"] = result.network.betweenness_sample
    return figures


def run(python: str, path: Path, base_iri: str | None, profile: Path | None) -> dict[str, Any]:
    command = [python, __file__, "--child", str(path), base_iri or ""]
    if profile:
        command += ["--profile", str(profile)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


HEAD = ("graph", "agreements", "home universities", "network nodes", "departments",
        "analyze s CPU (wall)", "render_html s CPU (wall)", "peak MB", "JSON MB", "HTML MB")


def row(name: str, shape: dict[str, Any], f: dict[str, Any]) -> str:
    analyze, render = f["analyze"], f["render"]
    cells = (name, f"{f['agreements']:,}", str(shape.get("homes", "?")),
             f"{f['nodes']:,}", f"{f['departments']:,}",
             f"{analyze[1]:.1f} ({analyze[0]:.1f})", f"{render[1]:.1f} ({render[0]:.1f})",
             f"{f['peak_mb']:.0f}", f"{f['json_mb']:.1f}", f"{f['html_mb']:.1f}")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, nargs="+", default=[20_000, 100_000])
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
        path = prepare(agreements, args.seed, args.cache)
        shape = json.loads((path / "shape.json").read_text("utf-8"))
        figures = run(args.python, path, DEFAULT_BASE_IRI, args.profile)
        out.write(row(f"generate {agreements:,}", shape, figures) + "\n")
        out.flush()
    if args.build_dir is not None:
        figures = run(args.python, args.build_dir.resolve(), None, args.profile)
        out.write(row(str(args.build_dir), {}, figures) + "\n")


if __name__ == "__main__":
    main()
