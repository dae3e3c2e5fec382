"""SHACL validation after one document changed: in full, against incrementally.

Usage:  python benchmarks/bench_incremental.py [--sizes 0 100000 1000000]

Size 0 is the shipped sources (one partner's English name shortened in the first
document); a synthetic size (asserted triples asked of ``benchmarks/generate.py``) changes
the first generated document: one agreement's signing date moved and one agreement dropped.
For each size one fresh subprocess builds the base store (on disk from
``kyotei.pipeline.STORE_ON_DISK_FROM`` records, compacted as the build compacts it before
validation), validates it keeping its graphs (the state a published build leaves), then
builds the changed sources and validates them three ways, printing CPU seconds:

- ``full``: :func:`validate_store` as a build without the cache runs it (no state kept);
- ``full+keep``: in full, the graphs' dumps hashed and kept (what a build with the cache
  and no usable baseline does: the overhead of keeping the state);
- ``incremental``: against the base's kept graphs (dumps, comparison, the focus nodes).

The incremental and full reports must agree (checked here, not timed). Figures are printed,
never asserted; on a shared machine read the CPU columns and their ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parents[1] / "data"


def _sources(triples: int, changed: bool) -> tuple[Any, Any, int]:
    if triples == 0:
        from kyotei.graph.curation.overrides import load_curation
        from kyotei.loaders import load_sources

        results = load_sources(SHIPPED / "sources" / "sources.toml")
        if changed:
            first = results[0]
            records = [dataclasses.replace(r, partner=dataclasses.replace(
                r.partner, institution_en=(r.partner.institution_en or "") + " Tech"))
                if i == 12 else r for i, r in enumerate(first.agreements)]
            results = [dataclasses.replace(first, agreements=records), *results[1:]]
        return results, load_curation(SHIPPED / "curation"), sum(
            len(r.agreements) for r in results)
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import agreements_for, generate

    def documents() -> Iterator[Any]:
        for index, result in enumerate(generate(triples)):
            if changed and index == 0:
                records = list(result.agreements)
                records[3] = dataclasses.replace(records[3], signed_on=None)
                del records[7]
                result = dataclasses.replace(result, agreements=records)
            yield result

    return documents(), None, agreements_for(triples)


def child(triples: int) -> dict[str, Any]:
    from kyotei.graph.build.dataset import build_store
    from kyotei.graph.build.validate import Baseline, fingerprint, validate_store
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
    from kyotei.graph.publish.writers import inferred_graph_iri
    from kyotei.pipeline import STORE_ON_DISK_FROM

    skip = [inferred_graph_iri(DEFAULT_BASE_IRI)]
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as name:
        folder = Path(name)
        kept = folder / "kept"

        def built(changed: bool) -> Any:
            results, curation, records = _sources(triples, changed)
            made = build_store(results, base_iri=DEFAULT_BASE_IRI, curation=curation,
                               folder=folder if records >= STORE_ON_DISK_FROM else None)
            made.store.compact()
            return made

        base = built(False)
        first = validate_store(base.store, skip=skip, baseline=Baseline(kept))
        assert first.conforms and first.graphs is not None  # noqa: S101 - the base conforms
        out["asserted"] = sum(base.store.size(g) for g in base.store.graph_names(skip=skip))
        base.store.close()
        now = built(True)
        timed: dict[str, Any] = {}
        for mode, baseline in (("full", None), ("full+keep", Baseline(folder / "other")),
                               ("incremental", Baseline(kept, fingerprint(), first.graphs))):
            started = time.process_time()
            report = validate_store(now.store, skip=skip, baseline=baseline)
            out[mode] = round(time.process_time() - started, 3)
            timed[mode] = report
        now.store.close()
    inc, full = timed["incremental"], timed["full"]
    assert inc.mode == "incremental", inc.why_full  # noqa: S101 - what is measured
    assert (inc.conforms, inc.violations) == (full.conforms, full.violations)  # noqa: S101
    out["checked"], out["results"] = inc.checked, len(inc.violations)
    out["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        sys.stdout.write(json.dumps(child(args.child)) + "\n")
        return
    sys.stdout.write("| size | asserted | focus nodes checked | results | full CPU s | "
                     "full+keep CPU s | incremental CPU s | full / incremental | peak MB |\n"
                     "|---|---|---|---|---|---|---|---|---|\n")
    for size in args.sizes:
        done = subprocess.run(  # noqa: S603 - this script, with its own arguments
            [sys.executable, __file__, "--child", str(size)],
            check=True, capture_output=True, text=True)
        f = json.loads(done.stdout.strip().splitlines()[-1])
        label = "shipped" if size == 0 else f"{size:,}"
        sys.stdout.write(f"| {label} | {f['asserted']:,} | {f['checked']} | {f['results']} | "
                         f"{f['full']:.2f} | {f['full+keep']:.2f} | {f['incremental']:.2f} | "
                         f"{f['full'] / max(f['incremental'], 1e-9):.1f} | "
                         f"{f['peak MB']:.0f} |\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
