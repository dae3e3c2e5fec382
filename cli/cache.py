"""The load stage's content-hash cache: a document that has not changed is not read again.

``kyotei build`` reads every document of the manifest through the loaders. What the loaders
produce for one document — its records, findings, count checks and repairs, i.e. its
:class:`~kyotei.graph.model.records.LoadResult` (several for an RDF source) — depends only
on the document's bytes, its manifest entry, the path the loader is given and the code
that reads it. :class:`DocumentCache` keeps that output in ``<build folder>/cache/``, one
file per document, under a SHA-256 key of exactly those inputs:

- the document's bytes, and the path as the loader sees it (a finding may name it);
- its manifest entry, every field (:class:`~kyotei.graph.model.records.DocumentInfo`);
- the code: kyotei's version, every file of ``kyotei.loaders`` and ``kyotei.graph.model``
  (modules and their data files), this cache's codec, the Python version and the installed
  distributions with their versions (so an upgraded PDF or spreadsheet library reads again).

Curation is not a key: it applies after the load stage (:mod:`kyotei.graph.curation`).

An entry is written atomically (a temporary file, then ``os.replace``) and only when it
reads back equal to what the loaders produced; it carries its key and the SHA-256 of its
payload, both checked when it is read, so a damaged, truncated or foreign entry is ignored
with one warning and the document is read again — never trusted. Entries of this build are
kept; of the others, the most recently used :data:`STALE_KEPT` are kept and the rest pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kyotei import __version__, codec
from kyotei.codec import CodecError
from kyotei.graph.build.validate import Baseline
from kyotei.graph.model.records import DocumentInfo, LoadResult
from kyotei.graph.publish.snapshot import SnapshotError, SnapshotStore
from kyotei.loaders import load_document
from kyotei.loaders.manifest import load_manifest
from kyotei.loaders.rdf import is_rdf_source, load_rdf_source

__all__ = ["CACHE_FOLDER", "GRAPHS_FOLDER", "CacheStats", "DocumentCache", "code_fingerprint",
           "document_key"]

log = logging.getLogger(__name__)

#: The cache's folder inside the build folder.
CACHE_FOLDER = "cache"
#: The entry format; a change of it invalidates every entry.
FORMAT = 1
#: Entries kept besides the ones the last build used (older versions of documents).
STALE_KEPT = 32
_SUFFIX = ".json"
_TEMP = ".tmp-"
_CODE_PACKAGES = ("kyotei.loaders", "kyotei.graph.model")
#: In the cache's folder: the asserted graphs an incremental validation compares with.
GRAPHS_FOLDER = "graphs"


@dataclass(slots=True)
class CacheStats:
    """What one load did: documents of the manifest, read from the cache, newly stored, and
    entries ignored (damaged or unreadable)."""

    documents: int = 0
    from_cache: int = 0
    stored: int = 0
    ignored: int = 0


def _package_files(package: str) -> list[tuple[str, Path]]:
    root = Path(next(iter(importlib.import_module(package).__path__)))
    return sorted(
        (f"{package}/{path.relative_to(root).as_posix()}", path)
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def _distributions() -> list[str]:
    """The installed distributions with their versions (``name-version.dist-info``)."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


@cache
def code_fingerprint() -> str:
    """SHA-256 of the code that reads documents (see the module's docstring): a change of
    any of it gives every document a new key."""
    digest = hashlib.sha256()
    head = [f"format {FORMAT}", f"kyotei {__version__}", f"python {sys.version}"]
    for line in head + _distributions():
        digest.update(line.encode("utf-8", "surrogateescape") + b"\0")
    files = [item for package in _CODE_PACKAGES for item in _package_files(package)]
    files.append(("kyotei/codec.py", Path(codec.__file__)))
    for name, path in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def document_key(doc: DocumentInfo, path: Path) -> str | None:
    """The cache key of ``doc`` read from ``path``; None when the file cannot be read
    (the loader then reads it and says why)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256()
    for part in (code_fingerprint().encode(), os.fsencode(path), codec.canonical(doc),
                 hashlib.sha256(data).digest()):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _load(doc: DocumentInfo, folder: Path) -> list[LoadResult]:
    """One manifest entry through the loaders, as :func:`kyotei.loaders.load_sources` does."""
    if is_rdf_source(doc.file):
        return load_rdf_source(doc, folder / doc.file)
    return [load_document(doc, folder)]


class DocumentCache:
    """The loaders' output per document, kept in ``folder`` (``<build folder>/cache``)."""

    def __init__(self, folder: Path, stale_kept: int = STALE_KEPT) -> None:
        self.folder = folder
        self.stale_kept = stale_kept
        self.stats = CacheStats()
        self._writable = True

    def load_sources(self, manifest: Path) -> list[LoadResult]:
        """What :func:`kyotei.loaders.load_sources` returns for ``manifest``, each unchanged
        document's part read from the cache; raises what the loaders raise."""
        documents = load_manifest(manifest)
        self.stats = CacheStats(documents=len(documents))
        results: list[LoadResult] = []
        used: set[str] = set()
        for doc in documents:
            loaded, key = self._document(doc, manifest.parent)
            results.extend(loaded)
            if key is not None:
                used.add(key)
        self._prune(used)
        return results

    def baseline(self, snapshots: SnapshotStore) -> Baseline:
        """What an incremental SHACL validation compares with: the graphs' hashes and the
        fingerprint the current snapshot recorded (none: a full validation), the graphs
        kept in :data:`GRAPHS_FOLDER` (:mod:`kyotei.graph.build.shacl.baseline`)."""
        folder = self.folder / GRAPHS_FOLDER
        try:
            current = snapshots.current()
        except SnapshotError:
            current = None
        state = current.meta.get("validation") if current is not None else None
        if not isinstance(state, dict) or not isinstance(state.get("graphs"), dict):
            return Baseline(folder)
        return Baseline(folder, str(state.get("fingerprint")), dict(state["graphs"]))

    def _document(self, doc: DocumentInfo, folder: Path) -> tuple[list[LoadResult], str | None]:
        path = folder / doc.file
        key = document_key(doc, path)
        if key is None:
            return _load(doc, folder), None
        cached = self._read(key, doc.file)
        if cached is not None:
            self.stats.from_cache += 1
            return cached, key
        loaded = _load(doc, folder)
        if document_key(doc, path) == key:  # not stored if the file changed while it was read
            self._write(key, doc.file, loaded)
        return loaded, key

    def _entry(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def _read(self, key: str, file: str) -> list[LoadResult] | None:
        path = self._entry(key)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no entry (or no cache folder) yet
            return None
        except OSError as exc:
            self._ignore(path, file, f"cannot be read: {exc.strerror or exc}")
            return None
        try:
            results = _verified(data, key)
        except CodecError as exc:
            self._ignore(path, file, str(exc))
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # most recently used: pruned last
        return results

    def _ignore(self, path: Path, file: str, why: str) -> None:
        log.warning("cache entry %s for %s ignored (%s): the document is read again",
                    path, file, why)
        self.stats.ignored += 1

    def _write(self, key: str, file: str, results: list[LoadResult]) -> None:
        if not self._writable:
            return
        try:
            payload = codec.dumps(results)
            if codec.loads(payload) != results:
                raise CodecError("it does not read back equal")
        except CodecError as exc:
            log.info("%s is not cached: %s", file, exc)
            return
        header = {"kyotei_cache": FORMAT, "key": key, "document": file,
                  "sha256": hashlib.sha256(payload).hexdigest()}
        data = json.dumps(header, ensure_ascii=True, sort_keys=True).encode() + b"\n" + payload
        temp: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=_TEMP, suffix=_SUFFIX)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temp, self._entry(key))
        except OSError as exc:
            log.warning("the cache %s cannot be written (%s): documents are read, not cached",
                        self.folder, exc.strerror or exc)
            self._writable = False
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            return
        self.stats.stored += 1

    def _prune(self, used: set[str]) -> None:
        """Keep the entries of ``used`` and the :attr:`stale_kept` most recently used
        others; remove the rest, and temporary files a crashed build left an hour ago."""
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return  # no cache yet (or none can be kept): nothing to prune
        stale: list[tuple[float, Path]] = []
        for path in entries:
            with contextlib.suppress(OSError):
                modified = path.stat().st_mtime
                if path.name.startswith(_TEMP):
                    if modified < time.time() - 3600:
                        path.unlink()
                elif path.suffix == _SUFFIX and path.stem not in used:
                    stale.append((modified, path))
        stale.sort(reverse=True)
        for _, path in stale[self.stale_kept:]:
            with contextlib.suppress(OSError):
                path.unlink()


def _verified(data: bytes, key: str) -> list[LoadResult]:
    """An entry's results, after its header names ``key`` and its payload's SHA-256."""
    head, newline, payload = data.partition(b"\n")
    if not newline:
        raise CodecError("no header")
    try:
        header = json.loads(head)
    except ValueError as exc:
        raise CodecError(f"unreadable header: {exc}") from exc
    if not isinstance(header, dict) or header.get("kyotei_cache") != FORMAT:
        raise CodecError("not a cache entry of this format")
    if header.get("key") != key:
        raise CodecError("its header names another key")
    if header.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise CodecError("its payload does not match its SHA-256 (damaged)")
    return codec.loads(payload)
