"""Validation and reasoning of the build's store, overlapped for a large build (decision 0012).

SHACL validation and the asserted TriG read only the asserted graphs, complete once the
build stage ends; reasoning only adds the inferred graph. A build whose store is on disk
therefore runs validation, the asserted graphs' counts and the asserted TriG in a second
process (``python -m kyotei.graph.publish.overlapped``) while this one reasons, then writes
the inferred N-Triples and publishes both files (:func:`check_store`).

The second process reads a *backup* of the store (``Store.backup``: a RocksDB checkpoint,
hard links to the store's immutable files, taken in a moment), opened read-only: Oxigraph
calls a read-only instance beside a writing process undefined behaviour, and the reasoner
writes (and RocksDB compacts, removing files) while the second process reads. The backup,
the job, the second process's result and its TriG live in one ``.store-*`` folder beside the
store, removed when the build ends (a killed build's is removed by the next build,
:func:`kyotei.pipeline._store_folder`; the second process ends by itself within a second of
its parent's death). Its result (the :class:`ValidationReport`, counts, timings) comes back
pickled; an error in it comes back as its traceback, raised here as :class:`SideError`.

A small build (store in memory) runs the stages one after the other, as before; both ways
give the same bytes (tested).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kyotei.graph.build.quads import BuildStore, TermCodec
from kyotei.graph.build.reason import reason_store
from kyotei.graph.build.validate import Baseline, ValidationReport, validate_store
from kyotei.graph.publish.streamed import asserted_counts, encoded, trig_chunks, triple_counts
from kyotei.graph.publish.writers import inferred_graph_iri

_JOB, _RESULT, _ERROR, _LOG = "job.json", "result.pickle", "error.txt", "log.txt"
_STORE, _TRIG = "store", "asserted.trig"
_PIECE = 1 << 20  # bytes read at a time from the second process's TriG
# A store on disk validates in full, keeping no state: reading its graphs back (the changes'
# dumps) costs as much as validating them (~5 s CPU per million triples, both; figures:
# benchmarks/bench_incremental.py). True: incrementally there too (tested).
INCREMENTAL_ON_DISK = False


class SideError(RuntimeError):
    """The second process (validation, asserted TriG) failed: its traceback, or how it died."""


@dataclass(slots=True)
class Checked:
    """What :func:`check_store` found: the validation report; when the graph conforms, the
    inferred triples' number, ``build.json``'s counts, and the asserted TriG's bytes when
    the second process wrote them (None: :func:`write_snapshot` writes them itself)."""

    validation: ValidationReport
    inferred: int | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    asserted: Iterable[bytes] | None = None
    side: dict[str, float] = field(default_factory=dict)  # the second process's figures


@contextlib.contextmanager
def check_store(
    data: BuildStore,
    ontology: Callable[[], Graph],
    *,
    base_iri: str,
    validator: str,
    reasoner: str,
    folder: Path,
    timings: dict[str, float],
    lap: Callable[[str], None],
    say: Callable[[str], None],
    baseline: Baseline | None = None,
) -> Iterator[Checked]:
    """Validate ``data`` (its asserted graphs), and reason when they conform; what is
    yielded stays valid (the second process's TriG kept) until the ``with`` block ends.

    Stages in ``timings`` (``lap(name)`` closes one): a store in memory runs them in turn,
    ``validate`` then ``reason`` (the counts then fall in the caller's next stage, as
    before). A store on disk overlaps them: ``validate`` is the second process's validation
    wall time, which runs during ``reason`` (the stages then add up to more than the build's
    wall time); ``reason`` runs from the end of the build stage (it includes starting the
    second process); the asserted TriG is written during ``reason`` too, and what is left
    of it (waiting for the second process, copying its file) falls in the caller's next
    stage (``write``). ``folder``: where the second process's folder is made (beside the
    store, on the same file system: the backup is hard links). ``baseline``: the last
    published build's graphs, for an incremental validation (:func:`validate_store`; a
    store in memory only, unless :data:`INCREMENTAL_ON_DISK`).
    """
    inferred_iri = inferred_graph_iri(base_iri)
    if not data.on_disk:
        say("validating (SHACL)")
        validation = validate_store(data, engine=validator, skip=[inferred_iri],
                                    baseline=baseline)
        lap("validate")
        if not validation.conforms:
            yield Checked(validation)
            return
        say("reasoning (OWL RL)")
        inferred = reason_store(data, ontology(), inferred=inferred_iri, engine=reasoner)
        lap("reason")
        yield Checked(validation, inferred, triple_counts(data, base_iri))
        return
    say("validating (SHACL) and writing the asserted graphs in a second process")
    baseline = baseline if INCREMENTAL_ON_DISK else None
    with _Side(data, folder, base_iri=base_iri, validator=validator,
               skip=[str(inferred_iri)], baseline=baseline) as side:
        timings["validate"] = 0.0  # the stages' order; its figure comes from the second process
        say("reasoning (OWL RL)")
        inferred = reason_store(data, ontology(), inferred=inferred_iri, engine=reasoner)
        lap("reason")
        say("waiting for the validation")
        result = side.result()
        timings["validate"] = round(result["validate"][0], 3)
        figures = {f"{stage} {kind}": result[stage][i] for stage in ("validate", "trig")
                   if stage in result for i, kind in enumerate(("wall", "cpu"))}
        figures["peak MB"] = result["peak MB"]
        verdict: ValidationReport = result["validation"]
        if not verdict.conforms:
            yield Checked(verdict, side=figures)
            return
        asserted = result["counts"]
        counts = {"asserted": asserted["asserted"],
                  "inferred": inferred,  # reason_store counted the graph: not again
                  "graphs": asserted["graphs"]}
        yield Checked(verdict, inferred, counts, side.asserted(), figures)


class _Side:
    """The second process: started on entering (backup, then ``python -m``), killed if
    still running and its folder removed on leaving."""

    def __init__(self, data: BuildStore, folder: Path, *, base_iri: str, validator: str,
                 skip: list[str], baseline: Baseline | None) -> None:
        self._data, self._folder = data, folder
        self._job: dict[str, Any] = {"base_iri": base_iri, "validator": validator,
                                     "skip": skip}
        if baseline is not None:
            self._job["baseline"] = [str(baseline.folder), baseline.fingerprint,
                                     baseline.graphs]
        self._dir: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _Side:
        try:
            self._dir = Path(tempfile.mkdtemp(prefix=".store-side-", dir=self._folder))
            self._data.compact()  # the spooled lines in, compacted (read by both processes)
            self._data.store.flush()  # and the store's buffers on disk
            self._data.store.backup(str(self._dir / _STORE))
            (self._dir / _JOB).write_text(json.dumps(self._job), "utf-8")
            with (self._dir / _LOG).open("wb") as log:
                self._process = subprocess.Popen(  # noqa: S603 - this module, our own folder
                    [sys.executable, "-m", __name__, str(self._dir), str(os.getpid())],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def result(self) -> dict[str, Any]:
        """Wait for the second process; its result, or :class:`SideError`."""
        assert self._process is not None and self._dir is not None  # noqa: S101 - entered
        code = self._process.wait()
        error = self._dir / _ERROR
        if error.exists():
            raise SideError("validation (second process) failed:\n"
                            + error.read_text("utf-8", "replace"))
        if code != 0 or not (self._dir / _RESULT).exists():
            how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
            log = (self._dir / _LOG).read_text("utf-8", "replace")[-4000:]
            raise SideError(f"validation (second process) ended without a result ({how})"
                            + (f":\n{log}" if log.strip() else ""))
        with (self._dir / _RESULT).open("rb") as file:
            found: dict[str, Any] = pickle.load(file)  # noqa: S301 - written by our own child
        return found

    def asserted(self) -> Iterator[bytes]:
        """The asserted TriG the second process wrote, in pieces."""
        assert self._dir is not None  # noqa: S101 - entered
        with (self._dir / _TRIG).open("rb") as file:
            while piece := file.read(_PIECE):
                yield piece


class _ReadOnly(BuildStore):
    """The backup of the build's store, opened read-only (nothing buffered, nothing to
    remove: the second process's folder is its parent's to remove)."""

    def __init__(self, path: Path) -> None:  # not BuildStore's: it makes a new store
        self.codec = TermCodec()
        self.store = ox.Store.read_only(str(path))

    @property
    def on_disk(self) -> bool:
        return True

    def flush(self) -> None:
        """Nothing is ever buffered here."""

    def close(self) -> None:
        del self.store


def _run(folder: Path) -> dict[str, Any]:
    """The second process's work: validate; when the graph conforms, count the asserted
    graphs and write their TriG."""
    job = json.loads((folder / _JOB).read_text("utf-8"))
    data = _ReadOnly(folder / _STORE)
    out: dict[str, Any] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    kept = job.get("baseline")
    baseline = None if kept is None else Baseline(Path(kept[0]), kept[1], kept[2])
    out["validation"] = validate_store(data, engine=job["validator"], skip=job["skip"],
                                       baseline=baseline)
    out["validate"] = (time.perf_counter() - wall, time.process_time() - cpu)
    if out["validation"].conforms:
        wall, cpu = time.perf_counter(), time.process_time()
        counts = out["counts"] = asserted_counts(data, job["base_iri"])
        graphs = [ox.NamedNode(g) for g in sorted(counts["graphs"])]
        with (folder / _TRIG).open("wb") as file:
            for piece in encoded(trig_chunks(data, graphs, base_iri=job["base_iri"])):
                file.write(piece)
        out["trig"] = (time.perf_counter() - wall, time.process_time() - cpu)
    data.close()
    out["peak MB"] = _peak_mb()
    return out


def _peak_mb() -> float:
    """This process's peak resident memory (``VmHWM``: Linux keeps ``ru_maxrss`` across
    ``exec``, so that it would be the parent's when the parent's was larger)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _watch_parent(parent: int) -> None:
    """End this process when its parent (``parent``: the pid the parent gave, as it may
    have died before this process started looking) is gone: nothing waits for it."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(3)


def main(folder: Path, parent: int) -> int:
    """The second process: its result (or its error's traceback) in ``folder``; it ends
    when the process ``parent`` is no longer its parent."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        result = _run(folder)
    except BaseException:  # everything, even an interrupt, goes back to the parent
        (folder / _ERROR).write_text(traceback.format_exc(), "utf-8")
        return 1
    part = folder / (_RESULT + ".part")
    with part.open("wb") as file:
        pickle.dump(result, file, protocol=pickle.HIGHEST_PROTOCOL)
    part.rename(folder / _RESULT)
    return 0


__all__ = ["INCREMENTAL_ON_DISK", "Checked", "SideError", "check_store", "main"]

if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
