"""Helpers of the general reader's tests: a document written to disk, read, and its records
as plain tuples (so a failing test prints only the fields that differ)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kyotei.graph.model.records import AgreementRecord, DocumentInfo, Level, LoadResult
from kyotei.loaders.formats import read_document
from kyotei.loaders.layouts.general import read_general


def info(name: str) -> DocumentInfo:
    return DocumentInfo(file=name, title="test list", as_of=None, as_of_text="",
                        languages=("ja", "en"), publisher_status="unidentified")


def read_file(path: Path, level: Level = Level.UNIVERSITY) -> LoadResult:
    return read_general(info(path.name), read_document(path), level)


def read_text(tmp_path: Path, text: str, name: str = "list.txt",
              level: Level = Level.UNIVERSITY) -> LoadResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path, level)


def row(record: AgreementRecord) -> tuple[Any, ...]:
    """(level, home unit, institution ja, institution en, unit ja, unit en, country,
    signed on (ISO), waiver)."""
    p = record.partner
    return (record.level.value, record.home_unit_ja, p.institution_ja, p.institution_en,
            p.unit_ja, p.unit_en, record.country,
            record.signed_on.isoformat() if record.signed_on else None, record.tuition_waiver)


def rows(result: LoadResult) -> list[tuple[Any, ...]]:
    return [row(r) for r in result.agreements]


def codes(result: LoadResult) -> list[str]:
    return [f.code for f in result.findings]
