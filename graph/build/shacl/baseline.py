"""What incremental validation compares with: the asserted graphs of the last published (so
conforming) build, kept content-addressed, and what changed since.

Each asserted graph of a build's store is dumped as N-Triples by Oxigraph (the store's own
terms, the codec's kept forms included) and kept in a folder of the build folder under the
SHA-256 of its bytes (:class:`GraphKeeper`); the snapshot's ``build.json`` records the hash
of each graph and the :func:`fingerprint` of what validation depends on. The next build
dumps its graphs again: a graph whose bytes hash alike is unchanged; for the others the
kept dump is read (and its hash checked: a damaged or missing file means a full
validation) and the two are compared line by line (:func:`changes`). Nothing here trusts
the order of a dump: equal hashes prove equal graphs, and unequal ones are compared as sets.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
import logging
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kyotei import __version__

log = logging.getLogger(__name__)

_SUFFIX = ".nt"
_TEMP = ".tmp-"
_LIBRARIES = ("pyoxigraph", "rdflib", "pyshacl")


@cache
def fingerprint() -> str:
    """SHA-256 of what a validation's verdict depends on besides the data: kyotei's version,
    Python's and the RDF libraries' versions, the shapes, the ontology and every file of
    :mod:`kyotei.graph.build` (the validator, the term codec, ...). A build whose
    fingerprint differs from its baseline's validates in full."""
    digest = hashlib.sha256()
    head = [f"kyotei {__version__}", f"python {sys.version}"]
    for name in _LIBRARIES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            head.append(f"{name} {importlib.metadata.version(name)}")
    for line in head:
        digest.update(line.encode() + b"\0")
    files = [("shapes", resources.files("kyotei.shapes").joinpath("kyotei-shapes.ttl")),
             ("ontology", resources.files("kyotei.ontology").joinpath("kyotei.ttl"))]
    root = Path(next(iter(importlib.import_module("kyotei.graph.build").__path__)))
    files += sorted((p.relative_to(root).as_posix(), p) for p in root.rglob("*.py")
                    if "__pycache__" not in p.parts)
    for name, path in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Baseline:
    """The last published build's validation state: its :func:`fingerprint` and the hash of
    each asserted graph (None when it recorded none: a full validation)."""

    folder: Path  # where the graphs' dumps are kept
    fingerprint: str | None = None
    graphs: dict[str, str] | None = None

    def usable(self) -> str | None:
        """Why this baseline cannot serve (None: it can)."""
        if self.graphs is None or self.fingerprint is None:
            return "no previous snapshot with a validation state"
        if self.fingerprint != fingerprint():
            return "the shapes, the ontology or kyotei's code changed"
        return None


@dataclass(slots=True)
class Changes:
    """The triples added and removed (the store's terms), graph by graph merged."""

    added: set[ox.Triple] = field(default_factory=set)
    removed: set[ox.Triple] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.added) + len(self.removed)


class GraphKeeper:
    """The asserted graphs' dumps, kept in ``folder`` by the SHA-256 of their bytes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, digest: str) -> Path:
        return self.folder / f"{digest}{_SUFFIX}"

    def dump(self, store: ox.Store, graphs: Iterable[ox.NamedNode]) -> dict[str, bytes]:
        """Each graph's N-Triples, as Oxigraph writes them."""
        return {g.value: store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b""
                for g in graphs}

    def keep(self, dumps: dict[str, bytes]) -> dict[str, str]:
        """Write each dump not kept yet (atomically); the hash of each graph."""
        hashes = {name: hashlib.sha256(data).hexdigest() for name, data in dumps.items()}
        for name, digest in hashes.items():
            if self._path(digest).exists():
                continue
            temp: str | None = None
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                fd, temp = tempfile.mkstemp(dir=self.folder, prefix=_TEMP, suffix=_SUFFIX)
                with os.fdopen(fd, "wb") as out:
                    out.write(dumps[name])
                os.replace(temp, self._path(digest))
            except OSError as exc:
                log.warning("the validation state cannot be kept in %s (%s): the next build "
                            "validates in full", self.folder, exc.strerror or exc)
                if temp is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(temp)
        return hashes

    def read(self, digest: str) -> bytes | None:
        """A kept dump, None when missing or when its bytes do not hash to ``digest``."""
        try:
            data = self._path(digest).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == digest else None

    def prune(self, kept: Iterable[str]) -> None:
        """Remove the dumps but ``kept`` (and stale temporary files)."""
        wanted = {f"{digest}{_SUFFIX}" for digest in kept}
        with contextlib.suppress(OSError):
            for path in self.folder.iterdir():
                if path.name not in wanted:
                    with contextlib.suppress(OSError):
                        path.unlink()


def changes(keeper: GraphKeeper, baseline: dict[str, str], dumps: dict[str, bytes]
            ) -> Changes | None:
    """What differs between the baseline's graphs and ``dumps`` (None: a kept dump is
    missing or damaged, or a changed triple holds a blank node: nothing can be said)."""
    found = Changes()
    for name in sorted(set(baseline) | set(dumps)):
        new = dumps.get(name, b"")
        digest = baseline.get(name)
        if digest is not None and hashlib.sha256(new).hexdigest() == digest:
            continue
        old = keeper.read(digest) if digest is not None else b""
        if old is None:
            log.info("SHACL: the kept graph %s is missing or damaged", name)
            return None
        old_lines, new_lines = set(old.splitlines()), set(new.splitlines())
        added, removed = new_lines - old_lines, old_lines - new_lines
        if any(b"_:" in line for line in (*added, *removed)):
            if _has_blank(added) or _has_blank(removed):
                return None
        found.added.update(_triples(added))
        found.removed.update(_triples(removed))
    overlap = found.added & found.removed  # moved from one graph to another: unchanged
    found.added -= overlap
    found.removed -= overlap
    return found


def _triples(lines: set[bytes]) -> Iterable[ox.Triple]:
    if not lines:
        return []
    return [q.triple for q in ox.parse(b"\n".join(sorted(lines)) + b"\n",
                                       format=ox.RdfFormat.N_TRIPLES)]


def _has_blank(lines: set[bytes]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
               for t in _triples({line for line in lines if b"_:" in line}))


__all__ = ["Baseline", "Changes", "GraphKeeper", "changes", "fingerprint"]
