"""Start-up: what every ``kyotei`` command pays before it does its work, side by side.

    python benchmarks/bench_startup.py                      # this checkout
    python benchmarks/bench_startup.py --before /tmp/old    # and another checkout of kyotei

Each checkout is laid out as the package ``kyotei`` in a temporary tree of symlinks (as
tests/test_static.py does) and put first on ``PYTHONPATH``; every command runs in a fresh
interpreter from an empty folder, the checkouts interleaved, ``--repeats`` times. Prints the
median wall and CPU (user + system) seconds per command and checkout, and the ratio. The
machine is shared: read the CPU column and the ratios, not single wall figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
MAPPED = ("graph", "loaders", "server", "ontology", "shapes")
COMMANDS: dict[str, list[str]] = {
    "import kyotei.cli": ["-c", "import kyotei.cli"],
    "kyotei --help": ["-m", "kyotei", "--help"],
    "kyotei version": ["-m", "kyotei", "version"],
    "kyotei build --help": ["-m", "kyotei", "build", "--help"],
    "import kyotei.pipeline": ["-c", "import kyotei.cli, kyotei.pipeline"],
}


def package_tree(checkout: Path, into: Path) -> Path:
    """``into/kyotei``: the checkout's cli/ files and its mapped folders, as symlinks."""
    package = into / "kyotei"
    package.mkdir(parents=True)
    for item in (checkout / "cli").iterdir():
        if item.name != "__pycache__":
            (package / item.name).symlink_to(item)
    for name in MAPPED:
        (package / name).symlink_to(checkout / name)
    return into


def run_once(args: list[str], path: Path, cwd: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one fresh interpreter running ``args``."""
    env = {**os.environ, "PYTHONPATH": str(path), "COLUMNS": "100"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=cwd, env=env, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout to compare with")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    checkouts = {"this": HERE}
    if args.before is not None:
        checkouts = {"before": args.before.resolve(), "this": HERE}
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        trees = {name: package_tree(path, root / name) for name, path in checkouts.items()}
        empty = root / "empty"
        empty.mkdir()
        for tree in trees.values():  # warm the bytecode caches once
            run_once(COMMANDS["kyotei --help"], tree, empty)
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.repeats):
            for command, argv in COMMANDS.items():
                for name, tree in trees.items():
                    times.setdefault((command, name), []).append(run_once(argv, tree, empty))
    out = sys.stdout
    head = "".join(f" {n + ' wall':>12} {n + ' cpu':>11}" for n in checkouts)
    out.write(f"{'command':<24}{head}" + (f" {'cpu ratio':>9}" if len(checkouts) > 1 else "")
              + "\n")
    for command in COMMANDS:
        row = f"{command:<24}"
        cpus = []
        for name in checkouts:
            walls = [w for w, _ in times[(command, name)]]
            cpu = statistics.median(c for _, c in times[(command, name)])
            cpus.append(cpu)
            row += f" {statistics.median(walls):>12.3f} {cpu:>11.3f}"
        if len(cpus) > 1:
            row += f" {cpus[0] / cpus[-1]:>8.1f}×"
        out.write(row + "\n")
    out.write(f"(median of {args.repeats} runs, seconds; {os.cpu_count()} CPUs, load "
              f"{os.getloadavg()[0]:.1f})\n")


if __name__ == "__main__":
    main()
