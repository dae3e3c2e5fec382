"""The inferred N-Triples written from the text the reasoner's queries wrote: no term read back.

When the closure was written by SPARQL ``CONSTRUCT`` queries inside the build store
(:mod:`kyotei.graph.build.inplace`), the N-Triples files it loaded into the inferred graph
are kept (:meth:`kyotei.graph.build.quads.BuildStore.derived`): every triple that graph holds, as
Oxigraph wrote it (a line may be in two files: two queries can derive one triple).
:func:`derived_lines` gives from them the very bytes
:func:`kyotei.graph.publish.streamed.ntriples_chunks` gives by reading the graph back
(tested on the shipped build and on seeded samples), without reading it:

- a line of IRIs, or with a plain or language-tagged literal and no escape, is already the
  writers' line: Oxigraph writes an IRI as it is, and a literal's text and tag as the
  codec stored them (:class:`kyotei.graph.build.terms.TermCodec`);
- any other line (a typed literal, kept aside or normalised by rdflib; an escape, which
  Oxigraph may spell otherwise: ``\\b`` for the writers' ``\\u0008``) is parsed and spelled
  by :meth:`kyotei.graph.publish.spelling.Spelling.line`, as the store's terms would be.

Each file (~64 MB, :data:`kyotei.graph.build.inplace._PART`) is sorted in memory and written
as a sorted run to a temporary file; the runs are merged. A line spelled otherwise than
Oxigraph wrote it keeps Oxigraph's text after a NUL byte (which no line holds: both escape
it), so that the merge drops the repeats of one triple (the same text) but keeps two
triples the writers happen to spell alike, as reading the graph back does; how many
distinct triples were written is checked against the graph's count.
"""

from __future__ import annotations

import heapq
import re
import tempfile
from collections.abc import Iterable, Iterator
from itertools import groupby, islice
from operator import itemgetter
from typing import IO

import pyoxigraph as ox

from kyotei.graph.build.quads import Derived, TermCodec
from kyotei.graph.publish.spelling import Spelling
from kyotei.graph.publish.writers import TermNames

_PIECE = 8_192  # lines joined into one piece of the file (~1 MB)
_RESPELL = (b"\\", b'"^^<')  # an escape, a datatype: the line is spelled again
_TAIL = re.compile(rb"\0[^\n]*")  # Oxigraph's text after a line spelled otherwise


class DerivedMismatchError(RuntimeError):
    """The kept files do not hold what the inferred graph holds (a bug: nothing is
    published)."""


def derived_lines(derived: Derived, codec: TermCodec, expected: int) -> Iterator[bytes]:
    """The inferred N-Triples (sorted lines, each once) of ``derived``'s files, in pieces;
    ``expected``: how many triples the graph holds (:class:`DerivedMismatchError` if not so many
    distinct ones were written). The files are removed at the end."""
    spelling = Spelling(TermNames(""), codec)
    runs: list[IO[bytes]] = []
    try:
        for path in derived.paths:
            runs.append(_sorted_run(path.read_bytes(), spelling))
            path.unlink()
        merged: Iterable[bytes] = runs[0] if len(runs) == 1 else heapq.merge(*runs)
        distinct = map(itemgetter(0), groupby(merged))  # each line once, in C
        written = 0
        while piece := list(islice(distinct, _PIECE)):
            written += len(piece)
            text = b"".join(piece)
            yield _TAIL.sub(b"", text) if b"\0" in text else text
        if written != expected:
            raise DerivedMismatchError(f"{derived.graph}: {written} triples written from the "
                                  f"reasoner's files, {expected} in the graph")
    finally:
        for run in runs:
            run.close()
        derived.close()


def _sorted_run(data: bytes, spelling: Spelling) -> IO[bytes]:
    """The distinct lines of ``data`` (N-Triples as Oxigraph writes them), each as the
    writers spell it (with Oxigraph's text after a NUL when not the same), sorted, in a
    temporary file."""
    lines = set(data.split(b"\n"))
    lines.discard(b"")
    respelled = sorted(_respelled(data)) if b'"' in data else []
    lines.difference_update(respelled)
    if respelled:
        text = b"\n".join(respelled)
        triples = ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        for raw, triple in zip(respelled, triples, strict=True):
            line = spelling.line(triple.subject, triple.predicate, triple.object)
            spelled = line[:-1].encode("utf-8")
            lines.add(spelled if spelled == raw else spelled + b"\0" + raw)
    items = sorted(lines)
    run = tempfile.TemporaryFile()
    if items:
        run.write(b"\n".join(items))
        run.write(b"\n")
    run.seek(0)
    return run


def _respelled(data: bytes) -> set[bytes]:
    """The lines of ``data`` (without their newline) with an escape or a datatype, found
    by a search of the text for each (``bytes.find``: no test of each line)."""
    found: set[bytes] = set()
    for mark in _RESPELL:
        at = data.find(mark)
        while at >= 0:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            found.add(data[start:end])
            at = data.find(mark, end)
    return found


__all__ = ["DerivedMismatchError", "derived_lines"]
