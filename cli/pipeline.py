"""The build: sources → records → asserted graph → validated → reasoned → snapshot.

This module sits on top of ``kyotei.loaders`` and ``kyotei.graph`` (the CLI and the
server's reload call it; the server never imports the loaders). A build either publishes a
complete snapshot or publishes nothing: an unreadable source or a SHACL violation leaves
the previous snapshot serving, and the outcome says why.

Guards, each checked before any work (docs/decisions/0005-durable-updates.md):

- one build at a time per build folder: ``<build>/.build.lock`` is held with ``fcntl.flock``
  for the whole build; a second build is refused at once, naming the process that holds it
  (refusing is predictable for the server's reload and for scripts; waiting is a loop away);
- a build folder that cannot be written is reported before the sources are read;
- a build that loses agreements of a document, compared with the snapshot being served
  (``CURRENT``, or the newest verified one), is held back (not published, so a running
  server never swaps it in) unless the operator accepts the loss (``accept_loss``,
  ``kyotei build --accept-loss``); the outcome names each document and how many it loses.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kyotei import __version__
from kyotei.graph.build.dataset import StoreBuild, build_store
from kyotei.graph.build.validate import ValidationReport, format_report
from kyotei.graph.curation.overrides import CurationError, load_curation
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
from kyotei.graph.model.records import AgreementRecord, Finding, LoadResult
from kyotei.graph.publish.overlapped import Checked, check_store
from kyotei.graph.publish.snapshot import Snapshot, SnapshotStore
from kyotei.graph.publish.streamed import write_snapshot
from kyotei.loaders import LoaderError, load_sources, unlisted_files

if TYPE_CHECKING:
    from kyotei.cache import DocumentCache

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
STORE_ON_DISK_FROM = 20_000  # records (~560k triples): from here the build's store is on disk


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """What a build reads and where it writes (built by the CLI, or by tests directly)."""

    sources: Path = Path("data/sources/sources.toml")
    build_dir: Path = Path("kyotei-build")
    base_iri: str = DEFAULT_BASE_IRI
    keep_snapshots: int = 3
    curation_dir: Path | None = None  # default: data/curation, beside the sources folder
    no_curation: bool = False  # build from the loaders alone (identity rules still apply)
    reasoner: str = "sparql"  # "sparql" (compiled rules on Oxigraph) or "owlrl" (reference)
    validator: str = "sparql"  # "sparql" (SHACL on Oxigraph) or "pyshacl" (reference)
    accept_loss: bool = False  # publish even if a document loses agreements
    cache: DocumentCache | None = None  # the load stage's content-hash cache (kyotei.cache)


@dataclass(slots=True)
class BuildOutcome:
    """The result of a build, explaining itself whether it published or not."""

    ok: bool
    message: str
    snapshot: Snapshot | None = None
    report: dict[str, Any] = field(default_factory=dict)
    validation: ValidationReport | None = None
    timings: dict[str, float] = field(default_factory=dict)
    losses: dict[str, tuple[int, int]] = field(default_factory=dict)  # file: (before, now)


def load_ontology() -> Graph:
    graph = Graph()
    text = resources.files("kyotei.ontology").joinpath("kyotei.ttl").read_text("utf-8")
    graph.parse(data=text, format="turtle")
    return graph


def _source_hashes(manifest: Path, results: list[LoadResult]) -> dict[str, str]:
    """SHA-256 of the manifest and of every document the build read (an RDF source's
    documents are ``FILE#KEY``: the file is hashed)."""
    paths = [manifest, *(manifest.parent / r.document.file.partition("#")[0] for r in results)]
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def _finding_dict(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data["lines"] = list(finding.lines)
    return data


def _repairs(records: list[AgreementRecord]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, tuple[int, ...]], dict[str, Any]] = {}
    for record in records:
        for repair in record.repairs:
            key = (record.document, repair.rule, repair.lines)
            entry = seen.setdefault(
                key,
                {
                    "document": record.document,
                    "rule": repair.rule,
                    "lines": list(repair.lines),
                    "description": repair.description,
                    "curated": repair.curated,
                    "agreements": 0,
                },
            )
            entry["agreements"] += 1
    return sorted(seen.values(), key=lambda r: (r["document"], r["lines"], r["rule"]))


def make_report(
    results: list[LoadResult],
    build_findings: list[Finding],
    final_records: list[AgreementRecord] | None = None,
    unlisted: Sequence[str] = (),
) -> dict[str, Any]:
    """The reconciliation and repairs report (``kyotei report --format json``).

    Repairs are listed from ``final_records`` (after curation and identity resolution) when
    given, else from the loaders' records. ``warnings`` names each document that yielded no
    agreement (with its format notes: why) and each ``unlisted`` file of the sources folder."""
    records = [r for result in results for r in result.agreements]
    findings = [f for result in results for f in result.findings] + build_findings
    reconciliation = [
        {
            "document": c.document,
            "section": c.section,
            "unit": c.unit,
            "stated": c.stated,
            "found": c.found,
            "status": c.status,
            "lines": list(c.lines),
            "note": c.note,
        }
        for result in results
        for c in result.checks
    ]
    severities = Counter(f.severity.value for f in findings)
    warnings = [f"{r.document.file}: no agreement was read from this document" + "".join(
        f" ({f.message})" for f in r.findings if f.code == "format.note")
                for r in results if not r.agreements]
    warnings += [f"{name}: in the sources folder but not named in the manifest: not read"
                 for name in unlisted]
    return {
        "kyotei_version": __version__,
        "documents": [
            {
                "file": result.document.file,
                "title": result.document.title,
                "as_of": result.document.as_of.isoformat() if result.document.as_of else None,
                "publisher_status": result.document.publisher_status,
                "records": len(result.agreements),
                "findings": len(result.findings),
            }
            for result in results
        ],
        "warnings": warnings,
        "reconciliation": reconciliation,
        "repairs": _repairs(records if final_records is None else final_records),
        "findings": [_finding_dict(f) for f in findings],
        "summary": {
            "records": len(records),
            "findings": dict(sorted(severities.items())),
            "reconciliation_ok": sum(1 for r in reconciliation if r["status"] == "ok"),
            "reconciliation_mismatch": sum(
                1 for r in reconciliation if r["status"] == "mismatch"
            ),
        },
        "identity": [],
        "conflicts": [],
    }


LOCK = ".build.lock"


class BuildBusyError(RuntimeError):
    """Another build holds the build folder's lock."""


def _writable(build_dir: Path) -> str | None:
    """Why ``build_dir`` cannot take a snapshot, or None when it can."""
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=build_dir):
            pass
    except OSError as error:
        return f"cannot write to the build folder {build_dir}: {error.strerror or error}"
    return None


@contextlib.contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold ``<build_dir>/.build.lock`` (fcntl) for one build; BuildBusyError if taken."""
    path = build_dir / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise BuildBusyError(f"another build is running in {build_dir} ({holder}); "
                                 "nothing was built: try again when it ends") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def agreement_losses(previous: dict[str, Any], report: dict[str, Any]
                     ) -> dict[str, tuple[int, int]]:
    """Documents with fewer agreements in ``report`` than in ``previous`` (both build
    reports): ``{file: (before, now)}``; a document no longer built counts as 0 now."""
    now = {d["file"]: int(d["records"]) for d in report.get("documents", [])}
    losses = {}
    for doc in previous.get("documents", []):
        before = int(doc.get("records", 0))
        if now.get(doc["file"], 0) < before:
            losses[doc["file"]] = (before, now.get(doc["file"], 0))
    return losses


def _previous_report(store: SnapshotStore) -> dict[str, Any]:
    snapshot, _ = store.serveable()
    if snapshot is None:
        return {}
    try:
        report: dict[str, Any] = snapshot.load_report()
    except (OSError, ValueError) as error:
        log.warning("the report of snapshot %s cannot be read (%s): no loss check", snapshot.id,
                    error)
        return {}
    return report


def run_build(settings: BuildSettings, progress: Progress | None = None) -> BuildOutcome:
    """Build, validate, reason and publish a snapshot; publish nothing on failure, when
    the build folder cannot be written, while another build runs, or (unless accepted) when
    a document loses agreements."""
    problem = _writable(settings.build_dir)
    if problem is not None:
        return BuildOutcome(False, problem)
    try:
        with build_lock(settings.build_dir):
            return _run_build(settings, progress)
    except BuildBusyError as error:
        return BuildOutcome(False, str(error))


def _run_build(settings: BuildSettings, progress: Progress | None = None) -> BuildOutcome:
    say = progress or (lambda _msg: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        timings[name] = round(now - started, 3)
        started = now

    say("reading sources")
    try:
        results = (load_sources(settings.sources) if settings.cache is None
                   else settings.cache.load_sources(settings.sources))
        hashes = _source_hashes(settings.sources, results)
    except LoaderError as exc:
        return BuildOutcome(False, f"cannot read the sources: {exc}")
    lap("load")
    say("building the graph")
    folder = settings.curation_dir or settings.sources.parent.parent / "curation"
    try:
        curation = load_curation(folder, facts=not settings.no_curation)
        built = build_store(results, base_iri=settings.base_iri, curation=curation,
                            folder=_store_folder(settings, results))
    except CurationError as exc:
        return BuildOutcome(False, f"curation does not apply: {exc}")
    try:
        return _check_and_write(settings, built, results, hashes, timings, lap, say)
    finally:
        built.store.close()


def _store_folder(settings: BuildSettings, results: list[LoadResult]) -> Path | None:
    """Where the build's store lives: in memory for a small build, else on disk (a new
    folder under the build folder, removed when the build ends)."""
    for stale in settings.build_dir.glob(".store-*"):  # a killed build's (the lock is ours)
        shutil.rmtree(stale, ignore_errors=True)
    records = sum(len(r.agreements) for r in results)
    return None if records < STORE_ON_DISK_FROM else settings.build_dir


def _check_and_write(
    settings: BuildSettings,
    built: StoreBuild,
    results: list[LoadResult],
    hashes: dict[str, str],
    timings: dict[str, float],
    lap: Callable[[str], None],
    say: Progress,
) -> BuildOutcome:
    """Validate, reason and publish what :func:`build_store` wrote (the build's store).

    A large build (store on disk) validates and writes the asserted TriG in a second
    process while this one reasons (:func:`kyotei.graph.publish.overlapped.check_store`,
    decision 0012): its ``validate`` timing is then that process's validation, which
    overlaps ``reason``; a small build runs the stages in turn. The outcome is the same."""
    lap("build")
    report = make_report(results, built.findings, built.records,
                         unlisted=unlisted_files(settings.sources,
                                                 [r.document for r in results]))
    report.update(built.report)  # identity, conflicts, identity_summary, curation
    with check_store(built.store, load_ontology, base_iri=settings.base_iri,
                     validator=settings.validator, reasoner=settings.reasoner,
                     folder=settings.build_dir, timings=timings, lap=lap, say=say,
                     baseline=None if settings.cache is None
                     else settings.cache.baseline(SnapshotStore(settings.build_dir))) as checked:
        return _publish(settings, built, report, hashes, checked, timings, lap, say)


def _publish(
    settings: BuildSettings,
    built: StoreBuild,
    report: dict[str, Any],
    hashes: dict[str, str],
    checked: Checked,
    timings: dict[str, float],
    lap: Callable[[str], None],
    say: Progress,
) -> BuildOutcome:
    """Publish the checked store as a snapshot, unless it does not conform or loses
    agreements."""
    validation = checked.validation
    if not validation.conforms or checked.inferred is None:
        message = "the graph does not conform to the shapes:\n" + format_report(validation)
        return BuildOutcome(False, message, report=report, validation=validation, timings=timings)
    inferred = checked.inferred
    say("writing the snapshot")
    counts = checked.counts
    asserted = int(counts["asserted"])
    report["summary"].update(
        agreements=built.agreements,
        triples_asserted=asserted,
        triples_inferred=inferred,
    )
    meta = {
        "kyotei_version": __version__,
        "base_iri": settings.base_iri,
        "sources": hashes,
        "agreements": built.agreements,
        "triples_asserted": asserted,
        "triples_inferred": inferred,
        "timings": timings,
        "validation": validation.meta(),
    }
    store = SnapshotStore(settings.build_dir)
    losses = agreement_losses(_previous_report(store), report)
    if losses and not settings.accept_loss:
        lost = "; ".join(f"{file}: {before} → {now} agreements"
                         for file, (before, now) in sorted(losses.items()))
        return BuildOutcome(
            False, f"build held back, nothing published: it loses agreements compared with "
            f"the snapshot being served ({lost}). Check the sources; if the loss is meant, "
            "rerun with --accept-loss", report=report, validation=validation, timings=timings,
            losses=losses)
    if losses:
        log.warning("publishing a build that loses agreements (accepted): %s", losses)
    snapshot = write_snapshot(store, built.store, report, meta, counts, checked.asserted)
    store.prune(keep=settings.keep_snapshots)
    lap("write")
    return BuildOutcome(
        True,
        f"built snapshot {snapshot.id}: {built.agreements} agreements, "
        f"{asserted} asserted and {inferred} inferred triples",
        snapshot=snapshot,
        report=report,
        validation=validation,
        timings=timings,
    )
