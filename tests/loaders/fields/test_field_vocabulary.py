"""The vocabulary files: no duplicate or contradictory entries; doctests; junk never raises."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kyotei.loaders.fields as fields
from kyotei.loaders.fields._vocab import compact, entries, load
from kyotei.loaders.fields.headers import Role, column_role, header_words
from kyotei.loaders.fields.units import parse_department_header, unit_endings
from kyotei.loaders.fields.waiver import (
    is_waiver_header,
    read_legend,
    read_waiver_cell,
    strip_marks,
)

FILES = ("waiver_words.toml", "unit_endings.toml", "header_words.toml")


def _duplicates(keys: list[object]) -> list[object]:
    return sorted((k for k, n in Counter(keys).items() if n > 1), key=str)


@pytest.mark.parametrize("name", FILES)
def test_every_entry_has_text_and_note(name: str) -> None:
    data = load(name)  # raises ValueError on a malformed entry
    assert data and all(isinstance(items, list) and items for items in data.values())


@pytest.mark.parametrize(
    "table",
    [
        "note_prefix", "mark_word", "connector", "mark_particle", "mark_after", "mark_before",
        "meaning", "negation", "header", "cell", "partial",
    ],
)
def test_waiver_words_have_no_duplicates(table: str) -> None:
    keys: list[object] = [compact(e["text"]) for e in entries("waiver_words.toml", table)]
    assert _duplicates(keys) == []


def test_waiver_cells_do_not_contradict() -> None:
    cells = entries("waiver_words.toml", "cell")
    yes = {compact(e["text"]) for e in cells if e["value"] is True}
    no = {compact(e["text"]) for e in cells if e["value"] is False}
    partial = {compact(e["text"]) for e in entries("waiver_words.toml", "partial")}
    assert all(isinstance(e["value"], bool) for e in cells)
    assert yes & no == set()
    assert (yes | no) & partial == set()
    negations = [e["text"] for e in entries("waiver_words.toml", "negation")]
    assert not any(compact(n) in yes for n in negations)


@pytest.mark.parametrize("table", ["ending", "count_word"])
def test_unit_endings_have_no_duplicates(table: str) -> None:
    keys: list[object] = [
        (compact(e["text"]), e["position"]) for e in entries("unit_endings.toml", table)
    ]
    assert _duplicates(keys) == []


def test_unit_endings_are_well_formed() -> None:
    for ending in unit_endings():
        assert ending.lang in ("ja", "en") and ending.position in ("suffix", "prefix", "contains")
        # an English form is written as printed, a Japanese one without spaces
        assert (" " not in ending.text) or ending.lang == "en"


def test_header_words_have_no_duplicates_across_both_files() -> None:
    keys: list[object] = [compact(word.text) for word in header_words()]
    assert _duplicates(keys) == []


def test_header_words_are_not_contradictory() -> None:
    for word in header_words():
        assert word.also is not word.role
        assert 0 < word.confidence <= 1
    for q in entries("header_words.toml", "qualifier"):
        assert Role(q["of"]) is not Role(q["role"])
    # every role but the waiver has words of its own in header_words.toml
    roles = {Role(e["role"]) for e in entries("header_words.toml", "word")}
    assert roles == set(Role) - {Role.WAIVER}


def _modules() -> list[str]:
    prefix = fields.__name__ + "."
    return sorted(info.name for info in pkgutil.iter_modules(fields.__path__, prefix=prefix))


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("※*＊○◎✓()（）[]【】:：=＝ 1２学部Faculty of・/有無"))),
)


@settings(max_examples=300)
@given(_TEXT)
def test_no_reader_raises_on_junk(text: str) -> None:
    legend = read_legend(text)
    legends = [legend] if legend is not None else []
    reading = strip_marks(text, legends)
    assert reading.verbatim == text
    assert all(m.mark and m.mark in text for m in reading.marks)
    read_waiver_cell(text, legends)
    is_waiver_header(text)
    column_role(text)
    header = parse_department_header(text, require_count=False)
    assert header is None or all(unit and unit in text for unit in header.units)
