r"""The lexical pre-check of a query, in the server, before it is sent to a worker.

This is the cheap first depth (milliseconds even for 200 KB): it refuses the obvious
(``SERVICE``, ``LOAD``, too deep nesting, too long operator chains), learns the query form
for content negotiation and the ``FROM`` graphs to check, and, by bounding bracket nesting,
bounds the recursion of the real parse. What decides is the parse-tree screen in the worker
(``engine_parse``), and under both the worker's kernel guard (``sandbox``): a lexer can be
misled (a name with a middle dot or a combining mark before ``\#`` once hid the rest of a
line from it), the grammar and the kernel cannot.

The lexer knows SPARQL's strings, IRIs, comments, variables and prefixed names, so a
keyword inside a string or an IRI is not mistaken for one, and a keyword cannot hide from
it: a ``SERVICE`` call, a ``LOAD``, or a ``FROM`` naming a graph outside the store is found
wherever it stands (subquery, OPTIONAL, MINUS, EXISTS). It also measures how deeply the
query nests and how long its operator chains are, because pyoxigraph's recursive parser
and evaluator overflow their stack on deep input (measured: ~3000 nested braces, ~5000
nested parentheses, ~10000 UNIONs or ``&&``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_OPERATIONS = frozenset({
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
})
OPENING = {"{": "}", "(": ")", "[": "]"}
CHAIN_OPERATORS = frozenset({"UNION", "&&", "||", "|", "/", "^", "!"})

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<var>[?$][^\W]+)
  | (?P<bnode>_:[^\W](?:[\w.\-]*[\w\-])?)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:(?:[\w:%\-]|\\.|\.(?=[\w:%\-\\]))*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<op>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*+\-/|^!=<>?])
    """,
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    offset: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text`` (no whitespace or comments); a character the
    grammar has no token for becomes an ``other`` token, so nothing is skipped silently."""
    found: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            found.append(Token("other", text[position], position))
            position += 1
            continue
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            found.append(Token(kind, match.group(), position))
        position = match.end()
    return found


def unescape_codepoints(text: str) -> str:
    r"""``\uXXXX`` / ``\UXXXXXXXX`` replaced by their characters (SPARQL 1.1, 19.2)."""

    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _CODEPOINT.sub(one, text)


class ScreenError(ValueError):
    """The query is refused before execution; ``syntax`` when it cannot be a query at all."""

    def __init__(self, message: str, *, syntax: bool = False) -> None:
        super().__init__(message)
        self.syntax = syntax


@dataclass(frozen=True, slots=True)
class Screened:
    """What the screen learnt: the form, the dataset named in the query, its shape."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE
    from_graphs: tuple[str, ...] = ()
    from_named_graphs: tuple[str, ...] = ()
    depth: int = 0
    chains: dict[str, int] = field(default_factory=dict)


def _depth(found: list[Token]) -> int:
    depth = deepest = 0
    for token in found:
        if token.kind == "op" and token.text in OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif token.kind == "op" and token.text in OPENING.values():
            depth = max(0, depth - 1)
    return deepest


def _chains(found: list[Token]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for token in found:
        name = token.keyword or (token.text if token.kind == "op" else "")
        if name in CHAIN_OPERATORS:
            counts[name] += 1
    return counts


class _Prologue:
    """BASE and PREFIX declarations, to resolve the IRIs a FROM clause names."""

    def __init__(self, base: str | None) -> None:
        self.base = base or ""
        self.prefixes: dict[str, str] = {}

    def iri(self, token: Token) -> str | None:
        if token.kind == "iri":
            value = token.text[1:-1]
            return urljoin(self.base, value) if self.base else value
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            namespace = self.prefixes.get(prefix)
            if namespace is None:
                raise ScreenError(f"undeclared prefix {prefix!r}", syntax=True)
            return namespace + re.sub(r"\\(.)", r"\1", local)
        return None


def _form(found: list[Token], prologue: _Prologue) -> str:
    index = 0
    while index < len(found):
        word = found[index].keyword
        if word == "BASE" and index + 1 < len(found):
            value = prologue.iri(found[index + 1])
            prologue.base = value or prologue.base
            index += 2
        elif word == "PREFIX" and index + 2 < len(found):
            name = found[index + 1].text.rstrip(":") if found[index + 1].kind == "pname" else None
            value = prologue.iri(found[index + 2])
            if name is not None and value is not None:
                prologue.prefixes[name] = value
            index += 3
        elif word in QUERY_FORMS:
            return word
        elif word in UPDATE_OPERATIONS:
            return "UPDATE"
        else:
            break
    raise ScreenError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after "
                      "the prologue", syntax=True)


def _dataset(found: list[Token], prologue: _Prologue) -> tuple[list[str], list[str]]:
    default: list[str] = []
    named: list[str] = []
    for index, token in enumerate(found):
        if token.keyword != "FROM":
            continue
        position, target = index + 1, default
        if position < len(found) and found[position].keyword == "NAMED":
            position, target = position + 1, named
        iri = prologue.iri(found[position]) if position < len(found) else None
        if iri is None:
            raise ScreenError(f"{token.text} must name a graph by its IRI", syntax=True)
        target.append(iri)
    return default, named


def screen(
    text: str, *, base_iri: str | None, max_depth: int, max_chain: int, update: bool = False
) -> Screened:
    """Check ``text`` before execution; raise :class:`ScreenError` to refuse it."""
    found = tokens(text)
    for variant in (found, tokens(unescape_codepoints(text))):
        words = {t.keyword for t in variant}
        if "SERVICE" in words:
            raise ScreenError("SERVICE is not allowed: this endpoint never sends requests to "
                              "other services (federated query is disabled)")
        if update and "LOAD" in words:
            raise ScreenError("LOAD is not allowed: this endpoint never fetches data")
    depth = _depth(found)
    if depth > max_depth:
        raise ScreenError(f"the query nests {depth} levels deep; the limit is {max_depth}")
    chains = _chains(found)
    if sum(chains.values()) > max_chain:
        raise ScreenError(f"the query chains {sum(chains.values())} UNION / logical / path "
                          f"operators; the limit is {max_chain}")
    prologue = _Prologue(base_iri)
    form = "UPDATE" if update else _form(found, prologue)
    if update:
        return Screened(form, depth=depth, chains=dict(chains))
    if form == "UPDATE":
        raise ScreenError("this is an update, not a query: send it as `update`", syntax=True)
    default, named = _dataset(found, prologue)
    return Screened(form, tuple(default), tuple(named), depth, dict(chains))


# The same query texts come back (the gallery, a notebook's loop, a dashboard): the lexer's
# passes are kept, since it costs the server 0.3-1 ms per gallery query, as much as HTTP.
KEPT_PASSES = 512
KEPT_TEXT_CHARS = 20_000  # big one-off queries are not kept


@functools.lru_cache(maxsize=KEPT_PASSES)
def _kept(text: str, base_iri: str | None, max_depth: int, max_chain: int) -> Screened:
    return screen(text, base_iri=base_iri, max_depth=max_depth, max_chain=max_chain)


def screen_query(text: str, *, base_iri: str | None, max_depth: int,
                 max_chain: int) -> Screened:
    """:func:`screen` for a query, its passes remembered by everything the verdict depends
    on (the text, the base IRI, the limits); a refusal is not kept and is raised again each
    time. Callers must not change the :class:`Screened` they get: it is shared."""
    if len(text) > KEPT_TEXT_CHARS:
        return screen(text, base_iri=base_iri, max_depth=max_depth, max_chain=max_chain)
    return _kept(text, base_iri, max_depth, max_chain)
