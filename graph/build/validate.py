"""SHACL validation of the asserted graph against kyotei's shapes.

The shapes (``shapes/kyotei-shapes.ttl``) are data, read through ``importlib.resources``.
Validation runs with no inference and no ontology mixed in: the shapes are written so that
this is enough (see the comment at the top of the shapes file). Two engines give the same
results (tested on the shipped build and on seeded broken samples): by default
:mod:`kyotei.graph.build.shacl` (each constraint one Oxigraph query returning its
violations: linear), which hands over to pySHACL — the reference, ``engine="pyshacl"`` —
for any SHACL feature it does not implement. Neither changes the caller's graph.

Every violation is traced back to a place in a source document: the focus node's own
``prov:wasDerivedFrom`` record, or the record of an agreement that names the focus node
(an institution, a faculty, a country, ...), so that a report line reads like a compiler
error: ``agreements.txt:352: <focus> kyotei:partnerParty: message``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kyotei.graph.build.quads import BuildStore, StoreView, TermCodec
from kyotei.graph.build.shacl import Result, UnsupportedShapeError, compile_shapes
from kyotei.graph.build.shacl import validate_store as validate_store_sparql
from kyotei.graph.build.shacl.baseline import Baseline, fingerprint
from kyotei.graph.build.shacl.incremental import FULL, check
from kyotei.graph.build.shacl.places import SourceLocator, SourcePlace, StoreLookup
from kyotei.graph.model.namespaces import RDF, bind_prefixes

log = logging.getLogger(__name__)

SHAPES_PACKAGE = "kyotei.shapes"
SHAPES_FILE = "kyotei-shapes.ttl"

_SEVERITY_NAMES: dict[Node, str] = {
    SH.Violation: "Violation",
    SH.Warning: "Warning",
    SH.Info: "Info",
}


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, with the source place of its focus node when known."""

    focus_node: Node
    result_path: Node | None
    message: str  # English message (the shape's sh:message), or pySHACL's own
    severity: str  # "Violation" | "Warning" | "Info"
    value: Node | None
    source_shape: Node | None
    constraint: Node | None  # the SHACL constraint component, e.g. sh:MinCountConstraintComponent
    message_ja: str | None = None
    source: SourcePlace | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What :func:`validate_graph` found: pySHACL's verdict, graph and text, made readable."""

    conforms: bool
    violations: tuple[Violation, ...]
    text: str
    report_graph: Graph
    mode: str = FULL  # "full" or "incremental" (see kyotei.graph.build.shacl.incremental)
    why_full: str | None = None  # why a build given a baseline validated in full
    checked: int | None = None  # focus nodes checked (incremental); None: all
    graphs: dict[str, str] | None = None  # the graphs' hashes kept for the next build

    def meta(self) -> dict[str, object]:
        """``build.json``'s ``validation``: the mode, the focus nodes checked, and (when the
        graphs were kept) what the next build's incremental validation compares with."""
        meta: dict[str, object] = {"mode": self.mode, "focus_nodes": self.checked}
        if self.why_full is not None:
            meta["why_full"] = self.why_full
        if self.graphs is not None:
            meta.update(fingerprint=fingerprint(), graphs=self.graphs)
        return meta


def load_shapes() -> Graph:
    """Parse the packaged shapes (a fresh graph each call; callers may modify it)."""
    data = resources.files(SHAPES_PACKAGE).joinpath(SHAPES_FILE).read_bytes()
    shapes = Graph()
    shapes.parse(data=data, format="turtle")
    return shapes


VALIDATORS: tuple[str, ...] = ("sparql", "pyshacl")


def validate_graph(
    data: Graph, *, shapes: Graph | None = None, engine: str = "sparql"
) -> ValidationReport:
    """Validate ``data`` (asserted triples) against ``shapes`` (default: kyotei's).

    ``engine`` is ``"sparql"`` (:mod:`kyotei.graph.build.shacl`, on an Oxigraph copy;
    it hands over to pySHACL for a feature it does not implement, or data Oxigraph refuses)
    or ``"pyshacl"`` (the reference). Both give the same results (tested).

    A :class:`rdflib.Dataset` is validated as the union of its graphs (copied into one
    graph first: pySHACL would otherwise validate each named graph on its own, and an
    agreement's country lives in another graph than the agreement). ``data`` is never
    changed.
    """
    if engine not in VALIDATORS:
        raise ValueError(f"unknown validator {engine!r}: choose one of {', '.join(VALIDATORS)}")
    graph = _union(data) if isinstance(data, Dataset) else data
    shapes_graph = shapes if shapes is not None else load_shapes()
    outcome = _sparql(graph, shapes_graph) if engine == "sparql" else None
    if outcome is None:
        outcome = _pyshacl(graph, shapes_graph)
    return _readable(outcome, graph, engine)


def validate_store(
    data: BuildStore, *, shapes: Graph | None = None, engine: str = "sparql",
    skip: Iterable[str] = (), baseline: Baseline | None = None,
) -> ValidationReport:
    """Validate the build store's asserted graphs (all its named graphs but ``skip``), as
    :func:`validate_graph` validates the same triples (tested): the default engine asks the
    store itself; pySHACL (asked for, or for shapes the default engine does not implement)
    gets an rdflib copy of the union, as :func:`validate_graph` gives it.

    ``baseline`` (the default engine and shapes only): the last published build's graphs;
    the focus nodes a change can reach are validated, the rest keep the baseline's verdict
    when that is sound, else all are (:func:`kyotei.graph.build.shacl.incremental.check`);
    the graphs are kept for the next build either way."""
    if engine not in VALIDATORS:
        raise ValueError(f"unknown validator {engine!r}: choose one of {', '.join(VALIDATORS)}")
    graphs = data.graph_names(skip=skip)
    shapes_graph = shapes if shapes is not None else load_shapes()
    outcome = None
    if engine == "sparql":
        try:
            compiled = compile_shapes(shapes_graph)
        except UnsupportedShapeError as exc:
            log.info("SHACL: the shapes need pySHACL (%s)", exc)
        else:
            if baseline is not None and shapes is None:
                done = check(data.store, data.codec, graphs, shapes_graph, compiled, baseline)
                report = _readable(_report(done.results, shapes_graph),
                                   StoreLookup(data.store, data.codec, graphs), engine)
                return dataclasses.replace(report, mode=done.mode, why_full=done.why,
                                           checked=done.checked, graphs=done.graphs)
            results = validate_store_sparql(data.store, data.codec, graphs, compiled)
            outcome = _report(results, shapes_graph)
    if outcome is None:
        union = Graph()
        for triple in data.triples(graphs):
            union.add(triple)
        outcome = _pyshacl(union, shapes_graph)
    return _readable(outcome, StoreLookup(data.store, data.codec, graphs), engine)


def _readable(outcome: tuple[bool, Graph, str], graph: Graph | StoreView, engine: str
              ) -> ValidationReport:
    conforms, report_graph, text = outcome
    locator = SourceLocator(graph)
    violations = sorted(
        (_violation(report_graph, result, locator) for result in _results(report_graph)),
        key=_sort_key,
    )
    log.info("SHACL (%s): conforms=%s, %d result(s)", engine, conforms, len(violations))
    return ValidationReport(
        conforms=bool(conforms),
        violations=tuple(violations),
        text=str(text),
        report_graph=report_graph,
    )


def _pyshacl(graph: Graph, shapes_graph: Graph) -> tuple[bool, Graph, str]:
    import pyshacl  # imported only when the reference engine runs (start-up time)

    conforms, report_graph, text = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=False,
        inplace=False,
        abort_on_first=False,
        allow_warnings=True,
    )
    if not isinstance(report_graph, Graph):  # pragma: no cover - pySHACL's documented type
        raise TypeError(f"pySHACL returned {type(report_graph).__name__}, not a Graph")
    return bool(conforms), report_graph, str(text)


def _sparql(graph: Graph, shapes_graph: Graph) -> tuple[bool, Graph, str] | None:
    codec, store = TermCodec(), ox.Store()
    try:  # the codec's terms, as the build's store holds them
        compiled = compile_shapes(shapes_graph)
        store.bulk_extend([codec.quad(triple) for triple in graph])
    except (UnsupportedShapeError, TypeError, ValueError) as exc:  # a literal subject, ...
        log.info("SHACL: pySHACL must run (%s)", exc)
        return None
    results = validate_store_sparql(store, codec, None, compiled)
    return _report(results, shapes_graph)


def _report(results: list[Result], shapes_graph: Graph) -> tuple[bool, Graph, str]:
    """pySHACL's report graph and text for the default engine's results."""
    conforms = not any(r.severity == SH.Violation for r in results)
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(conforms)))
    for r in results:
        result = BNode()
        report.add((node, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, r.focus))
        report.add((result, SH.sourceShape, r.shape))
        report.add((result, SH.sourceConstraintComponent, r.component))
        report.add((result, SH.resultSeverity, r.severity))
        if r.value is not None:
            report.add((result, SH.value, r.value))
        if r.path is not None:
            report.add((result, SH.resultPath, r.path))
            _copy_description(shapes_graph, r.path, report)
        for message in r.messages:
            report.add((result, SH.resultMessage, message))
    text = f"Validation Report\nConforms: {conforms}\nResults ({len(results)})\n"
    return conforms, report, text


def _copy_description(source: Graph, node: Node, target: Graph) -> None:
    """Copy what ``source`` says about a blank node (a path's list or inverse), recursively."""
    if not isinstance(node, BNode) or (node, None, None) in target:
        return
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        _copy_description(source, o, target)


def format_report(report: ValidationReport, *, graph: Graph | None = None) -> str:
    """One line per result: ``document:line: <focus> <path>: message``.

    Names are shortened with kyotei's prefixes (and ``graph``'s, when given).
    """
    names = Graph()
    bind_prefixes(names)
    if graph is not None:
        for prefix, namespace in graph.namespaces():
            names.bind(prefix, namespace, override=False)
    lines = []
    for v in report.violations:
        place = str(v.source) if v.source is not None else "-"
        path = _path_text(report.report_graph, v.result_path, names)
        focus = v.focus_node.n3(names.namespace_manager)
        severity = "" if v.severity == "Violation" else f" [{v.severity}]"
        lines.append(f"{place}: {focus} {path}:{severity} {v.message}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- internals


def _union(dataset: Dataset) -> Graph:
    merged = Graph()
    for prefix, namespace in dataset.namespaces():
        merged.bind(prefix, namespace)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _results(report_graph: Graph) -> Iterator[Node]:
    yield from report_graph.subjects(RDF.type, SH.ValidationResult)


def _violation(report_graph: Graph, result: Node, locator: SourceLocator) -> Violation:
    focus = report_graph.value(result, SH.focusNode)
    if focus is None:  # pragma: no cover - every SHACL result has a focus node
        raise ValueError(f"SHACL result {result!r} has no sh:focusNode")
    messages = list(report_graph.objects(result, SH.resultMessage))
    severity = report_graph.value(result, SH.resultSeverity)
    return Violation(
        focus_node=focus,
        result_path=report_graph.value(result, SH.resultPath),
        message=_pick_message(messages, ("en", None)) or "",
        message_ja=_pick_message(messages, ("ja",)),
        severity=_severity_name(severity),
        value=report_graph.value(result, SH.value),
        source_shape=report_graph.value(result, SH.sourceShape),
        constraint=report_graph.value(result, SH.sourceConstraintComponent),
        source=locator.locate(focus),
    )


def _severity_name(severity: Node | None) -> str:
    if severity is None:
        return "Violation"
    return _SEVERITY_NAMES.get(severity, str(severity))


def _pick_message(messages: list[Node], languages: tuple[str | None, ...]) -> str | None:
    for language in languages:
        found = sorted(
            str(m) for m in messages if isinstance(m, Literal) and m.language == language
        )
        if found:
            return found[0]
    if None in languages:
        rest = sorted(str(m) for m in messages)
        return rest[0] if rest else None
    return None


def _sort_key(v: Violation) -> tuple[str, int, str, str, str]:
    place = v.source
    return (
        place.document if place else "\uffff",
        place.line or 0 if place else 0,
        str(v.focus_node),
        str(v.result_path or ""),
        v.message,
    )


def _path_text(report_graph: Graph, path: Node | None, names: Graph) -> str:
    if path is None:
        return "(node)"
    if isinstance(path, BNode) and report_graph.value(path, RDF.first) is not None:
        steps = Collection(report_graph, path)
        return "/".join(_path_text(report_graph, step, names) for step in steps)
    if isinstance(path, BNode):
        inverse = report_graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(report_graph, inverse, names)
    return path.n3(names.namespace_manager)


__all__ = [
    "SHAPES_FILE",
    "SHAPES_PACKAGE",
    "VALIDATORS",
    "Baseline",
    "SourcePlace",
    "ValidationReport",
    "Violation",
    "fingerprint",
    "format_report",
    "load_shapes",
    "validate_graph",
    "validate_store",
]
