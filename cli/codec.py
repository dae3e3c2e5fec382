"""The loaders' results (:class:`~kyotei.graph.model.records.LoadResult`) as JSON and back,
for the load stage's cache (:mod:`kyotei.cache`).

Every value keeps its exact type, so that a result read back is equal (``==``) to the one
the loaders produced and the build that follows is byte-identical: a tuple is
``{"t": [...]}``, a date ``{"d": "YYYY-MM-DD"}``, an enum member ``{"e": class, "v": value}``
and a record ``{"c": class, "v": [its fields' values, in order]}``; lists, strings, numbers,
booleans and null are themselves. Only the record and enum classes of
:mod:`kyotei.graph.model.records` are ever constructed; anything else — a type this codec
does not know when it encodes, an unknown tag or class or a wrong number of fields when it
decodes — raises :class:`CodecError`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from typing import Any

from kyotei.graph.model import records
from kyotei.graph.model.records import LoadResult

__all__ = ["CodecError", "canonical", "dumps", "loads"]


class CodecError(ValueError):
    """A value this codec cannot write, or a text that is not a codec's JSON."""


@cache
def _classes() -> dict[str, type]:
    """The record and enum classes of :mod:`kyotei.graph.model.records`, by name."""
    return {
        name: value for name, value in vars(records).items()
        if isinstance(value, type) and value.__module__ == records.__name__
        and (is_dataclass(value) or issubclass(value, Enum))
    }


def _encode(value: object) -> Any:
    if isinstance(value, Enum):  # before str: a StrEnum member is a str
        if _classes().get(type(value).__name__) is not type(value):
            raise CodecError(f"cannot store the enum {type(value).__qualname__}")
        return {"e": type(value).__name__, "v": value.value}
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CodecError(f"cannot store the number {value}")
        return value
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return {"t": [_encode(item) for item in value]}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"d": value.isoformat()}
    if is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _classes().get(name) is not type(value) or not all(f.init for f in fields(value)):
            raise CodecError(f"cannot store a {type(value).__qualname__}")
        return {"c": name, "v": [_encode(getattr(value, f.name)) for f in fields(value)]}
    raise CodecError(f"cannot store a {type(value).__qualname__}")


def _decode(data: dict[str, Any]) -> Any:
    """One JSON object, its members already decoded (``json.loads``' ``object_hook``)."""
    if len(data) == 1:
        if isinstance(data.get("t"), list):
            return tuple(data["t"])
        if isinstance(data.get("d"), str):
            return dt.date.fromisoformat(data["d"])
    elif len(data) == 2 and "v" in data:
        if "e" in data:
            kind = _classes().get(str(data["e"]))
            if kind is None or not issubclass(kind, Enum):
                raise CodecError(f"unknown enum {data['e']!r}")
            return kind(data["v"])
        if "c" in data and isinstance(data["v"], list):
            kind = _classes().get(str(data["c"]))
            if kind is None or not is_dataclass(kind):
                raise CodecError(f"unknown record class {data['c']!r}")
            if len(data["v"]) != len(fields(kind)):
                raise CodecError(f"{data['c']} has {len(fields(kind))} fields, not "
                                 f"{len(data['v'])}")
            return kind(*data["v"])
    raise CodecError(f"not a codec value: keys {sorted(data)}")


def dumps(results: list[LoadResult]) -> bytes:
    """``results`` as compact ASCII JSON (a lone surrogate in a text survives as ``\\udcxx``);
    CodecError if a value is of a type the codec does not know."""
    return json.dumps(_encode(results), ensure_ascii=True, separators=(",", ":"),
                      allow_nan=False).encode("ascii")


def canonical(value: object) -> bytes:
    """One value (a manifest entry, …) as JSON text that is the same for equal values: what
    a cache key hashes."""
    return json.dumps(_encode(value), ensure_ascii=True, separators=(",", ":"),
                      sort_keys=True, allow_nan=False).encode("ascii")


def loads(data: bytes) -> list[LoadResult]:
    """The results :func:`dumps` wrote; CodecError if ``data`` is anything else."""
    try:
        value = json.loads(data, object_hook=_decode)
    except CodecError:
        raise
    except (TypeError, ValueError, RecursionError) as exc:  # JSON, a date, an enum value
        raise CodecError(f"not readable: {exc}") from exc
    if not isinstance(value, list) or not all(isinstance(r, LoadResult) for r in value):
        raise CodecError("not a list of load results")
    return value
