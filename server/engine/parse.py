"""The screen's verdict from a real parse: rdflib's SPARQL 1.1 grammar, run inside the worker.

The lexical screen (``engine_screen``) is a cheap pre-check in the server; what decides is
this module, which parses the query or update with rdflib's parser and looks at the parse
tree: a ``SERVICE`` pattern or a ``LOAD`` anywhere, a ``FROM``/``FROM NAMED``/``USING``/
``WITH`` naming a graph the store does not hold, too deep an expression or too many
patterns, and the query is refused. Text that rdflib cannot parse is refused too (fail
closed): it is not known what the engine would make of it.

It runs in the query worker, not in the server, because pyparsing is slow and recursive
on adversarial input (measured: seconds for a 2 KB arithmetic chain): there it is bounded
by the worker's time limit, memory ceiling and large stack, and it can be killed. The
lexical pre-check in the server has already bounded bracket nesting, which bounds the
parser's recursion; a :class:`RecursionError` is a refusal all the same.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kyotei.server.engine.screen import ScreenError

# Frames the parser may use: pyparsing recurses ~11 frames per triple of a block and ~30
# per bracket level. The worker's main thread has a stack large enough for this many.
PARSE_RECURSION_LIMIT = 60_000

# Nodes whose depth oxigraph's evaluator recurses through, and the chains it makes
# left-deep (n operands: n - 1 nested nodes).
CHAINS = {"ConditionalOrExpression", "ConditionalAndExpression", "AdditiveExpression",
          "MultiplicativeExpression", "PathAlternative", "PathSequence"}
PATTERNS = {"Bind", "Filter", "InlineData", "SubSelect", "OptionalGraphPattern",
            "MinusGraphPattern", "GraphGraphPattern", "GroupOrUnionGraphPattern",
            "ServiceGraphPattern", "GroupGraphPatternSub"}


@dataclass(frozen=True, slots=True)
class Shape:
    """What the parse tree says: the form, the graphs named, the measures limited."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE
    graphs: tuple[str, ...]  # FROM, FROM NAMED, USING, USING NAMED and WITH, resolved
    expression_depth: int
    patterns: int


class _Prologue:
    """BASE and PREFIX, applied as SPARQL says (not rdflib's namespace manager, which
    knows prefixes the query never declared)."""

    def __init__(self, base: str | None) -> None:
        self.base = base or ""
        self.prefixes: dict[str, str] = {}

    def declare(self, declarations: Any) -> None:
        for item in declarations or ():
            if not isinstance(item, CompValue):
                self.declare(item)  # an update's prologue is a list of lists
            elif item.name == "Base":
                self.base = self.iri(_get(item, "iri"))
            elif item.name == "PrefixDecl":
                self.prefixes[str(_get(item, "prefix") or "")] = self.iri(_get(item, "iri"))

    def iri(self, value: Any) -> str:
        if isinstance(value, CompValue) and value.name == "pname":
            prefix = str(_get(value, "prefix") or "")
            if prefix not in self.prefixes:
                raise ScreenError(f"undeclared prefix {prefix!r}", syntax=True)
            return self.prefixes[prefix] + str(_get(value, "localname") or "")
        text = str(value)
        return urljoin(self.base, text) if self.base else text


def _get(node: CompValue, key: str) -> Any:
    """``node[key]``, or None (CompValue's own ``get`` resolves values, and may raise)."""
    return OrderedDict.get(node, key)


def _children(node: Any) -> Iterator[Any]:
    if isinstance(node, CompValue):
        yield from node.values()
    elif isinstance(node, (ParseResults, list, tuple)):
        yield from node


def _walk(root: Any) -> Iterator[tuple[Any, int]]:
    """Every node with its expression depth (iterative: the tree may be deep)."""
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            continue  # terms and keywords are leaves
        if isinstance(node, CompValue):
            name = node.name
            if name.endswith("Expression") or name.startswith(("Builtin_", "Unary")) \
                    or name in CHAINS or name == "Function":
                depth += 1
                if name in CHAINS:
                    depth += max(0, len(_get(node, "other") or _get(node, "part") or ()) - 1)
        yield node, depth
        stack.extend((child, depth) for child in _children(node))


def _triples(node: CompValue) -> int:
    return sum(len(block) // 3 for block in _get(node, "triples") or ())


def _parse(text: str, update: bool) -> Any:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, PARSE_RECURSION_LIMIT))
    try:
        return parseUpdate(text) if update else parseQuery(text)
    except ParseException as error:
        # "error at L:C" as Oxigraph words it: the query page marks the error there.
        raise ScreenError(f"error at {error.lineno}:{error.col}: {error.msg} "
                          f"(SPARQL 1.1 grammar), found {error.found}", syntax=True) from None
    except RecursionError:
        raise ScreenError("the query is too deeply structured to be checked") from None
    finally:
        sys.setrecursionlimit(previous)


def warm() -> None:
    """Parse a trivial query once: pyparsing prepares rdflib's grammar on its first parse
    (a few hundred milliseconds), which a worker does while starting, not on a query."""
    _parse("ASK {}", update=False)
    _parse("CLEAR DEFAULT", update=True)


def check(
    text: str, *, base_iri: str | None, update: bool, has_graph: Callable[[str], bool],
    max_expression_depth: int, max_patterns: int,
) -> Shape:
    """Parse ``text`` and refuse it (:class:`ScreenError`) on what must never run."""
    tree = _parse(text, update)
    prologue = _Prologue(base_iri)
    if update:
        prologue.declare(_get(tree, "prologue"))
        form = "UPDATE"
    else:
        prologue.declare(tree[0])
        form = tree[1].name.removesuffix("Query").upper()
    graphs: list[str] = []
    deepest = patterns = 0
    for node, depth in _walk(tree if update else tree[1]):
        deepest = max(deepest, depth)
        if not isinstance(node, CompValue):
            continue
        name = node.name
        if name == "ServiceGraphPattern":
            raise ScreenError("SERVICE is not allowed: this endpoint never sends requests to "
                              "other services (federated query is disabled)")
        if name == "Load":
            raise ScreenError("LOAD is not allowed: this endpoint never fetches data")
        if name in ("DatasetClause", "UsingClause"):
            graphs.append(prologue.iri(_get(node, "default") or _get(node, "named")))
        if name == "Modify" and _get(node, "withClause") is not None:
            graphs.append(prologue.iri(_get(node, "withClause")))
        if _get(node, "triples") is not None:  # a block, template or quads of triples
            patterns += _triples(node)
        elif name in PATTERNS:
            patterns += 1
    for iri in graphs:
        if iri.lower().startswith("file:") or not has_graph(iri):
            raise ScreenError(f"<{iri}> is not a graph of this dataset, and this endpoint "
                              "never fetches graphs from elsewhere")
    if deepest > max_expression_depth:
        raise ScreenError(f"the query's expressions nest {deepest} deep; the limit is "
                          f"{max_expression_depth}")
    if patterns > max_patterns:
        raise ScreenError(f"the query has {patterns} patterns; the limit is {max_patterns}")
    return Shape(form, tuple(graphs), deepest, patterns)
