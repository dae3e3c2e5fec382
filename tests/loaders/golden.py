"""What the layouts' golden tests share: an excerpt of a data file read and loaded by a
layout, and its records compared with the expected ones, one by one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kyotei.graph.model.records import LoadResult
from kyotei.loaders.manifest import read_source_lines

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


def load_excerpt(name: str, load: Callable[[list[str]], LoadResult]
                 ) -> tuple[list[str], LoadResult]:
    """The lines of ``fixtures/name`` and what ``load`` makes of them."""
    lines = read_source_lines(FIXTURES / name)
    return lines, load(lines)


def assert_records(got: Sequence[object], expected: Sequence[object]) -> None:
    """As many records as expected, each equal to its expected one (a failure names it)."""
    assert len(got) == len(expected)
    for record, wanted in zip(got, expected, strict=True):
        assert record == wanted, (record, wanted)
