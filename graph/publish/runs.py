"""Sorts that spill: items sorted a run at a time, runs past a size kept in temporary files
and merged, so that memory stays that of one run however many items there are.

Each sort reads every item before it gives the first (a caller may stop on an exception
raised while the items are read, before anything is written).
"""

from __future__ import annotations

import heapq
import itertools
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

Pair = tuple[bytes, bytes]
_CHUNK = 4_096  # pairs pickled together in a run (and read back together)


def sorted_lines(batches: Iterable[list[bytes]], spill_at: int, end: bytes = b""
                 ) -> Iterator[bytes]:
    """The distinct lines of ``batches`` (bytes, no newline), sorted, each ended by
    ``end``, in pieces of many lines. Past ``spill_at`` lines held, a sorted run goes to a
    file. (A line's order is that of the line ended: ``end`` is a space and a dot, and the
    lines, N-Triples rows, hold nothing below a space.)"""
    runs: list[IO[bytes]] = []
    held: list[bytes] = []
    try:
        for batch in batches:
            held += batch
            if len(held) >= spill_at:
                runs.append(_spill_lines(held, end))
                held = []
        if not runs:
            lines = sorted(set(held))
            for start in range(0, len(lines), _CHUNK * 16):
                yield (end + b"\n").join(lines[start:start + _CHUNK * 16]) + end + b"\n"
            return
        if held:
            runs.append(_spill_lines(held, end))
        merged = (line for line, _ in itertools.groupby(heapq.merge(*runs)))
        while piece := b"".join(itertools.islice(merged, _CHUNK * 16)):
            yield piece
    finally:
        for run in runs:
            run.close()


def _spill_lines(lines: list[bytes], end: bytes) -> IO[bytes]:
    run = tempfile.TemporaryFile()
    run.write((end + b"\n").join(sorted(set(lines))) + end + b"\n")
    run.seek(0)
    return run


def sorted_pairs(pairs: Iterable[Pair], spill_at: int) -> Iterator[Pair]:
    """``pairs`` sorted; past ``spill_at`` pairs held, a sorted run goes to a file."""
    runs: list[IO[bytes]] = []
    held: list[Pair] = []
    try:
        for pair in pairs:
            held.append(pair)
            if len(held) >= spill_at:
                runs.append(_spill_pairs(held))
                held = []
        held.sort()
        if not runs:
            yield from held
            return
        yield from heapq.merge(*(_read_pairs(run) for run in runs), iter(held))
    finally:
        for run in runs:
            run.close()


def _spill_pairs(pairs: list[Pair]) -> IO[bytes]:
    pairs.sort()
    run = tempfile.TemporaryFile()
    for start in range(0, len(pairs), _CHUNK):
        pickle.dump(pairs[start:start + _CHUNK], run, protocol=pickle.HIGHEST_PROTOCOL)
    run.seek(0)
    return run


def _read_pairs(run: IO[bytes]) -> Iterator[Pair]:
    while True:
        try:
            chunk = pickle.load(run)  # noqa: S301 - our own temporary file
        except EOFError:
            return
        yield from chunk


__all__ = ["sorted_lines", "sorted_pairs"]
