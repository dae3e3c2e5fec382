"""The compiled rules run as SPARQL ``CONSTRUCT`` queries inside the build store, when they
can be: no Python term per asserted triple.

In an on-disk store the cost of :func:`kyotei.graph.build.materialise.closure_in_store`'s
streamed pass is reading terms back (a look-up per term, ~4 µs) and handling each triple in
Python. When the rules need no iteration — ``rdf:type`` is in no property axiom, and what a
chain (``owl:propertyChainAxiom``) derives is no step of a chain — the closure tables of
:class:`kyotei.graph.build.seminaive.Rules` say, for each derived predicate and each derived
class, which asserted patterns give it: one query per derived predicate (a union of those
patterns, chains as joins), one per set of classes with the same patterns (their nodes once
each), each without what an asserted graph holds (``MINUS``: a hash of the store's own
identifiers, no term read). Only what is derived is read back, as N-Triples text the store
writes itself, and loaded in one bulk load into the inferred graph; those files are then
handed to the build store, whose snapshot writer sorts them rather than read the graph back
(:meth:`kyotei.graph.build.quads.BuildStore.derived`, docs/decisions/0016). :func:`plan`
returns ``None`` when the rules need more (the streamed pass then runs).

What :func:`kyotei.graph.build.reason.keep` drops is left out as in the streamed pass:
classes and predicates by name before any query; subjects by a test on the text (a blank
node, a term of the ontology or of a built-in vocabulary; a literal subject the store never
writes). A blank object goes in as a quad (a bulk load would rename it).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kyotei.graph.build.seminaive import Move, Rules

_BUILTIN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
            "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#")

# a line that starts so (a blank node, a built-in vocabulary: :func:`keep` drops it), or one
# with a blank object (loaded apart), is looked at; other lines go in as the store wrote them
_SUSPECT = (b"\n_:", b"\n<http://www.w3.org/", b" _:")
_PART = 64_000_000  # bytes of N-Triples per bulk load (~500k derived triples)
_BLANK_OBJECT = re.compile(rb"<([^>]*)> <([^>]*)> _:(\S+) \.\r?\n?$")


@dataclass(frozen=True, slots=True)
class Plan:
    """What writes the kept closure: :func:`queries` makes the ``CONSTRUCT`` queries."""

    # each derived predicate's groups binding (?a, ?b) to the (subject, object) it derives
    per_predicate: dict[str, list[str]]
    # each group binding ?a ?b (a triple read, a chain's join): what it derives, as (derived
    # predicate, swapped); one query derives them all when none needs a MINUS (below)
    by_source: dict[str, list[tuple[str, bool]]]
    types: list[str]  # the queries of the derived types
    vocabulary: str  # the IRIs no derived triple may have as subject, for a VALUES
    # an ASK whether the data gives a triple of a predicate the queries leave out (functional:
    # checked on every derived triple, kept or not; or one :func:`keep` tests by value)
    unsure: str | None


def _pattern(p: Any, swapped: bool, graph: str, a: str, b: str) -> str:
    """A triple of ``p`` seen as ``a q b`` (subject and object swapped when ``swapped``)."""
    return f"GRAPH {graph} {{ {b} {p} {a} }}" if swapped else f"GRAPH {graph} {{ {a} {p} {b} }}"


def _union(groups: Iterable[str]) -> str:
    return " UNION ".join(f"{{ {g} }}" for g in sorted(set(groups)))


def plan(engine: Rules[Any], predicates: list[Any], *, keep_class: Callable[[Any], bool],
         keep_predicate: Callable[[Any], bool], special: set[Any], dropped: Iterable[str]
         ) -> Plan | None:
    """The queries for ``engine``'s rules over the triples of ``predicates`` (those read,
    ``rdf:type`` among them), or None when they need the streamed pass: ``rdf:type`` in a
    property axiom, or a chain whose result is a step of a chain. A derived predicate that
    is functional (``special``) or that :func:`keep` tests on its values (``keep_predicate``
    false for a name alone: ``owl:sameAs``) gets no query: :attr:`Plan.unsure` asks whether
    the data gives one (the streamed pass then runs). No subject among ``dropped`` (IRIs:
    the ontology's terms) is written."""
    if not engine.plain:
        return None
    steps: dict[Any, list[tuple[Any, bool]]] = {}  # a step's (predicate read, swapped)
    direct: list[tuple[Any, Move[Any]]] = []
    for p in predicates:
        for move in engine.moves.get(p, ()):
            direct.append((p, move))
            if move.join:
                steps.setdefault(move.predicate, []).append((p, move.swapped))
    emitted: dict[Any, list[str]] = {}  # a derived predicate's groups binding ?a ?b
    by_source: dict[str, list[tuple[str, bool]]] = {}
    typed: dict[Any, list[str]] = {}  # a derived class's groups binding ?x

    def derives(q: Any, swapped: bool, group: Callable[[str, str], str]) -> None:
        emitted.setdefault(q, []).append(group("?b", "?a") if swapped else group("?a", "?b"))
        by_source.setdefault(group("?a", "?b"), []).append((str(q), swapped))

    for p, move in direct:
        q = move.predicate
        if move.emit:
            derives(q, move.swapped, partial(_pattern, p, False, "?g"))
        for classes, node in ((move.subject_types, "?x"), (move.object_types, "?y")):
            for c in classes:
                other = "?y" if node == "?x" else "?x"
                typed.setdefault(c, []).append(_pattern(p, move.swapped, "?g", node, other))
    for head, chain in engine.chains:
        heads = engine.moves.get(head) or (Move(head, False, False, (), (), False),)
        if any(m.join for m in heads):
            return None  # a chain feeds a chain (transitivity): the streamed pass iterates
        if not all(steps.get(step) for step in chain):
            continue  # a step no triple read gives: the chain never holds
        for move in heads:  # the chain's triple (x0 head xn) led to ``move``: (a q b)
            derives(move.predicate, move.swapped, partial(_chain, chain, steps))
            for classes, node, other in ((move.subject_types, "?x", "?y"),
                                         (move.object_types, "?y", "?x")):
                for c in classes:  # the derived subject (object) as ?x
                    ends = (other, node) if move.swapped else (node, other)
                    typed.setdefault(c, []).append(_chain(chain, steps, *ends))
    for d, supers in engine.supers.items():
        for c in supers:
            typed.setdefault(c, []).append(f"GRAPH ?g {{ ?x {engine.type} {d} }}")
    iris = " ".join(sorted(f"<{t}>" for t in dropped))
    vocabulary = f" MINUS {{{{ VALUES {{}} {{{{ {iris} }}}} }}}}" if iris else ""
    unsure = [g for q, groups in emitted.items() if q in special or not keep_predicate(q)
              for g in groups]
    left_out = {str(q) for q in emitted if q in special or not keep_predicate(q)}
    types: list[str] = []
    by_sources: dict[str, list[Any]] = {}
    for c, groups in typed.items():
        if keep_class(c):
            by_sources.setdefault(_union(groups), []).append(c)
    for union, kinds in sorted(by_sources.items()):
        values = " ".join(sorted(str(c) for c in kinds))
        types.append(
            f"CONSTRUCT {{ ?x {engine.type} ?c }} WHERE {{ {{ SELECT DISTINCT ?x WHERE {{ "
            f"{union} }} }} VALUES ?c {{ {values} }} "
            # the classes named in the MINUS too: it is evaluated on its own (else every
            # rdf:type triple of the store is read for each query)
            f"MINUS {{ VALUES ?c {{ {values} }} GRAPH ?h {{ ?x {engine.type} ?c }} }}"
            f"{vocabulary.format('?x')} }}")
    return Plan({str(q): groups for q, groups in emitted.items() if str(q) not in left_out},
                {g: [t for t in targets if t[0] not in left_out]
                 for g, targets in by_source.items()},
                types, iris, f"ASK {{ {_union(unsure)} }}" if unsure else None)


def queries(found: Plan, ask: Callable[[str], bool]) -> list[str]:
    """The plan's ``CONSTRUCT`` queries, ``ask`` answering an ``ASK`` on the data.

    A derived predicate some asserted graph holds gets a query of its own, without what
    they hold (``MINUS``). The others are derived by one query per group that gives them
    (a chain joined once for its triples both ways and their super-properties), but a
    group that meets a term of the ontology: then one query per direction, without it."""
    held = {q for q in found.per_predicate if ask(f"ASK {{ GRAPH ?h {{ ?s {q} ?o }} }}")}
    made = []
    terms = found.vocabulary
    for group, targets in sorted(found.by_source.items()):
        free = sorted({t for t in targets if t[0] not in held})
        if not free:
            continue
        meets = bool(terms) and ask(f"ASK {{ {{ VALUES ?a {{ {terms} }} {group} }} UNION "
                                    f"{{ VALUES ?b {{ {terms} }} {group} }} }}")
        sides = [[t for t in free if t[1] is swapped] for swapped in (False, True)]
        for swapped, side in zip((False, True), sides if meets else [free], strict=False):
            if not side:
                continue
            template = " . ".join(f"?b {q} ?a" if back else f"?a {q} ?b" for q, back in side)
            minus = (f" MINUS {{ VALUES {'?b' if swapped else '?a'} {{ {terms} }} }}"
                     if meets else "")
            made.append(f"CONSTRUCT {{ {template} }} WHERE {{ {group}{minus} }}")
    for q in sorted(held):
        minus = f" MINUS {{ VALUES ?a {{ {terms} }} }}" if terms else ""
        made.append(f"CONSTRUCT {{ ?a {q} ?b }} WHERE {{ {_union(found.per_predicate[q])} "
                    f"MINUS {{ GRAPH ?h {{ ?a {q} ?b }} }}{minus} }}")
    return made + found.types


def _chain(chain: tuple[Any, ...], steps: dict[Any, list[tuple[Any, bool]]], first: str,
           last: str) -> str:
    """The join of a chain's steps from ``first`` (x0) to ``last`` (xn), each step the
    union of the triples read that give it."""
    links = []
    for i, step in enumerate(chain):
        a = first if i == 0 else f"?m{i}"
        b = last if i == len(chain) - 1 else f"?m{i + 1}"
        link = _union(_pattern(p, swapped, f"?g{i}", a, b) for p, swapped in steps[step])
        links.append(f"{{ {link} }}")
    return " ".join(links)


def run(store: ox.Store, found: Plan, named: list[Any] | None, inferred: ox.NamedNode,
        folder: Path | None = None) -> Derived | None:
    """Run the plan's queries and load what they write into ``inferred`` (but a blank or
    built-in subject), from N-Triples files in ``folder`` (a temporary folder), once all
    queries have run (a query reads every named graph: not ``inferred`` then). Each query's
    result goes to a file as the store writes it, read back a part at a time (never whole in
    memory). Returns the files loaded, for the snapshot writer (the caller owns them: it
    closes them), or None when a blank object went in as a quad (the files then do not say
    all the graph holds; removed)."""
    skip = re.compile(rb"_:|<(?:" + "|".join(map(re.escape, _BUILTIN)).encode() + rb")")
    quads: list[ox.Quad] = []
    spool = tempfile.TemporaryDirectory(dir=folder, prefix=".inferred-")
    try:
        parts = _Parts(Path(spool.name))
        scratch = Path(spool.name) / "query.nt"
        for query in queries(found, lambda ask: bool(store.query(ask, named_graphs=named))):
            result = store.query(query, named_graphs=named)
            assert isinstance(result, ox.QueryTriples)  # noqa: S101 - a CONSTRUCT's type
            with scratch.open("w+b") as out:
                result.serialize(output=out, format=ox.RdfFormat.N_TRIPLES)
                out.seek(0)
                for data in _pieces(out):
                    if any(data.startswith(n[1:]) or n in data for n in _SUSPECT):
                        data = _kept(data, skip, quads, inferred)
                    parts.write(data)
        scratch.unlink(missing_ok=True)
        paths = parts.close()
        for path in paths:
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=inferred,
                            lenient=True)  # the store wrote it: nothing to check
        if quads:
            store.extend(quads)
    except BaseException:
        spool.cleanup()
        raise
    if quads:
        spool.cleanup()
        return None
    return Derived(store, inferred, paths, spool)


def _pieces(file: IO[bytes]) -> Iterator[bytes]:
    """``file``'s whole lines, about :data:`_PART` bytes at a time."""
    held = b""
    while data := file.read(_PART):
        data = held + data
        cut = data.rfind(b"\n") + 1
        held = data[cut:]
        if cut:
            yield data[:cut]
    if held:
        yield held


@dataclass(frozen=True, slots=True)
class Derived:
    """The N-Triples files :func:`run` loaded into ``graph``: every triple that graph holds
    then, as the store wrote it (a line may be in two files); ``folder`` holds them."""

    store: ox.Store
    graph: ox.NamedNode
    paths: list[Path]
    folder: tempfile.TemporaryDirectory[str]

    def close(self) -> None:
        self.folder.cleanup()


class _Parts:
    """N-Triples files of at most ~:data:`_PART` bytes: Oxigraph's bulk loader holds a
    file's quads up to a million at a time (~0.8 GB); ~500k lines hold half of that."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.paths = folder, [folder / "0.nt"]
        self.out, self.size = self.paths[0].open("wb"), 0

    def write(self, data: bytes) -> None:
        while data:
            room = _PART - self.size
            if len(data) > room:  # up to the last whole line that fits (or one line)
                cut = data.rfind(b"\n", 0, max(room, 1)) + 1 or data.find(b"\n") + 1
                head, data = data[:cut] if cut else data, data[cut:] if cut else b""
            else:
                head, data = data, b""
            self.out.write(head)
            self.size += len(head)
            if data:
                self.out.close()
                self.paths.append(self.folder / f"{len(self.paths)}.nt")
                self.out, self.size = self.paths[-1].open("wb"), 0

    def close(self) -> list[Path]:
        self.out.close()
        return self.paths


def _kept(data: bytes, skip: re.Pattern[bytes], quads: list[ox.Quad],
          inferred: ox.NamedNode) -> bytes:
    """The lines of ``data`` whose subject is kept; those with a blank object as ``quads``
    (a bulk load would give the blank node a new label)."""
    lines = []
    for line in data.splitlines(keepends=True):
        if skip.match(line):
            continue
        if (blank := _BLANK_OBJECT.match(line)) is not None:
            s, p, o = (part.decode("utf-8") for part in blank.groups())
            quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.BlankNode(o), inferred))
            continue
        lines.append(line)
    return b"".join(lines)


__all__ = ["Derived", "Plan", "plan", "queries", "run"]
