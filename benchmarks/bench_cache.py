"""The load stage with and without the content-hash cache (kyotei.cache), side by side.

    python benchmarks/bench_cache.py                         # the shipped sources
    python benchmarks/bench_cache.py path/to/sources.toml --repeats 7

Fills a cache in a temporary folder once, then, in fresh interpreters (so no reader's
in-process memo helps), times the load stage alone — every module imported first — reading
every document through the loaders ("cold", what ``kyotei build --no-cache`` does) and
taking every unchanged document from the cache ("warm"), interleaved. Prints the median
CPU and wall seconds of each and the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SHIPPED = HERE / "data" / "sources" / "sources.toml"
PROBE = """
import json, sys, time
from pathlib import Path
import kyotei.pipeline
from kyotei.cache import DocumentCache
from kyotei.loaders import load_sources
manifest, folder, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
cpu, wall = time.process_time(), time.perf_counter()
if mode == "cold":
    results = load_sources(manifest)
else:
    cache = DocumentCache(folder)
    results = cache.load_sources(manifest)
    assert mode == "fill" or cache.stats.from_cache == cache.stats.documents, cache.stats
print(json.dumps([time.process_time() - cpu, time.perf_counter() - wall, len(results)]))
"""


def probe(manifest: Path, folder: Path, mode: str) -> tuple[float, float, int]:
    out = subprocess.run(  # noqa: S603 - this interpreter, with this script's own probe
        [sys.executable, "-c", PROBE, str(manifest), str(folder), mode],
        capture_output=True, text=True, check=True)
    cpu, wall, results = json.loads(out.stdout)
    return float(cpu), float(wall), int(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", nargs="?", type=Path, default=SHIPPED)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    manifest = args.manifest.resolve()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "cache"
        probe(manifest, folder, "fill")  # fills the cache (and the bytecode caches)
        times: dict[str, list[tuple[float, float, int]]] = {"cold": [], "warm": []}
        for _ in range(args.repeats):
            for mode in times:
                times[mode].append(probe(manifest, folder, mode))
        entries = sum(p.stat().st_size for p in folder.glob("*.json"))
    out = sys.stdout
    out.write(f"{manifest} ({times['cold'][0][2]} load results; cache {entries / 1e6:.2f} MB)\n")
    out.write(f"{'load stage':<12} {'cpu s':>8} {'wall s':>8}\n")
    medians = {}
    for mode, runs in times.items():
        medians[mode] = (statistics.median(r[0] for r in runs),
                         statistics.median(r[1] for r in runs))
        out.write(f"{mode:<12} {medians[mode][0]:>8.3f} {medians[mode][1]:>8.3f}\n")
    cpu = medians["cold"][0] / max(medians["warm"][0], 1e-6)
    wall = medians["cold"][1] / max(medians["warm"][1], 1e-6)
    out.write(f"{'cold / warm':<12} {cpu:>7.1f}× {wall:>7.1f}×  (median of {args.repeats})\n")


if __name__ == "__main__":
    main()
