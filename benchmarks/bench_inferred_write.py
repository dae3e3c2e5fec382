"""``inferred.nt`` written two ways from one build store: read back, or from the closure's files.

Usage:  python benchmarks/bench_inferred_write.py [--triples 1000000] [--repeat 2]

One synthetic list (``benchmarks/generate.py``) is built into a store on disk and reasoned
(the closure inside the store, ``graph/build/inplace.py``); then, alternately and
``--repeat`` times, the inferred graph's N-Triples are written (hashed, not kept) by
reading the graph back (``streamed.ntriples_chunks``, the writer before decision 0016) and
from the N-Triples files the closure's queries loaded (``derived.derived_lines``, a copy of
them each time: they are consumed). Prints CPU and wall seconds of each, and checks that
both give the same bytes. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def _timed(pieces: Callable[[], Iterable[bytes]]) -> tuple[float, float, str, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    digest, size = hashlib.sha256(), 0
    for piece in pieces():
        digest.update(piece)
        size += len(piece)
    return (time.perf_counter() - wall, time.process_time() - cpu, digest.hexdigest()[:12],
            size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    import pyoxigraph as ox
    from generate import generate

    from kyotei.graph.build.dataset import build_store
    from kyotei.graph.build.quads import Derived
    from kyotei.graph.build.reason import reason_store
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
    from kyotei.graph.publish.derived import derived_lines
    from kyotei.graph.publish.streamed import encoded, ntriples_chunks
    from kyotei.graph.publish.writers import inferred_graph_iri
    from kyotei.pipeline import load_ontology

    iri = inferred_graph_iri(DEFAULT_BASE_IRI)
    graph = ox.NamedNode(str(iri))
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
        built = build_store(generate(args.triples), base_iri=DEFAULT_BASE_IRI, curation=None,
                            folder=Path(folder))
        data = built.store
        count = reason_store(data, load_ontology(), inferred=iri)
        kept = data.derived(graph)
        if kept is None:
            sys.exit("the closure's files were not kept (the streamed pass ran?)")
        saved = Path(folder) / "saved"
        saved.mkdir()
        copies = [Path(shutil.copy(p, saved / p.name)) for p in kept.paths]
        kept.close()

        def from_files() -> Iterable[bytes]:
            spool = tempfile.TemporaryDirectory(dir=folder)
            paths = [Path(shutil.copy(p, Path(spool.name) / p.name)) for p in copies]
            return derived_lines(Derived(data.store, graph, paths, spool), data.codec, count)

        def read_back() -> Iterable[bytes]:
            return encoded(ntriples_chunks(data, graph))

        sys.stdout.write(f"{args.triples:,} asked, {count:,} inferred triples, "
                         f"{sum(p.stat().st_size for p in copies) / 1e6:.0f} MB in "
                         f"{len(copies)} files\n| way | wall s | CPU s | MB | sha256 |\n"
                         "|---|---|---|---|---|\n")
        for _ in range(args.repeat):
            for name, way in (("read back", read_back), ("closure's files", from_files)):
                wall, cpu, digest, size = _timed(way)
                sys.stdout.write(f"| {name} | {wall:.2f} | {cpu:.2f} | {size / 1e6:.0f} | "
                                 f"{digest} |\n")
                sys.stdout.flush()
        data.close()


if __name__ == "__main__":
    main()
