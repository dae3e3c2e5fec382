"""Turtle and N-Triples bytes of the build store's triples, from the N-Triples Oxigraph writes.

The snapshot writers (:mod:`kyotei.graph.publish.writers`) spell rdflib terms; the build's
store holds Oxigraph terms, which :class:`kyotei.graph.build.quads.TermCodec` turns back into
the builder's rdflib terms. Making a term (rdflib's or Oxigraph's) of every term read, only to
spell it, is most of the cost of writing a large snapshot, so the store writes a graph's
triples itself, as the rows of a ``SELECT ?s ?p ?o`` in the TSV results format (cheaper for
the store than ``Store.dump``, which reads each triple's graph name back too), a row
``<s> <p> o`` once its tabs are spaces, and :class:`Spelling` turns these rows, as bytes,
into the very text (and the sort keys) the writers give for the rdflib terms the codec makes
of them (the TSV terms are N-Triples terms, but for a boolean or number written bare):

- an IRI is ``<value>`` in both (Oxigraph escapes nothing in an IRI); its Turtle spelling is
  the writers' (a prefixed name, relative to ``@base``, or whole), kept once found;
- a literal with no backslash in its text holds no character either writer escapes (the two
  escape the same characters), so a plain or language-tagged one is spelled as Oxigraph
  wrote it, its value between the quotes;
- a language tag the store lower-cases is kept in a private datatype
  (``urn:kyotei:language:…``) and spelled back as the tag;
- any other typed literal (a date, a number, a datatype the codec kept aside), and a literal
  with a backslash (``\\b``, ``\\f``: Oxigraph's escapes are not quite the writers'), is made
  an Oxigraph term once and spelled from its rdflib term by the writers' own functions,
  because rdflib normalises some lexical forms (``"01"^^xsd:integer`` is ``1``) and the
  Turtle writer shortens some; the answer is kept, for typed values repeat (dates).

A blank node (or a triple term) is not spelled here (:class:`Unspelled`): the writers relabel
blank nodes canonically, a whole graph at a time, so a graph holding one is written their way.

Sort keys are those of the writers (``_sort_key``) in UTF-8: bytes compare as their text's
code points do.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kyotei.graph.build.quads import KEPT_LANGUAGE, TermCodec
from kyotei.graph.model.namespaces import RDF, XSD
from kyotei.graph.publish.writers import _escape, _Names, _nt, _sort_key

Key = tuple[int, bytes, bytes, bytes]

_TYPE = f"<{RDF.type}>".encode()
_XSD_STRING = str(XSD.string)
_KEPT_LANGUAGE = KEPT_LANGUAGE.encode()
_TYPED = b'"^^<'  # in a literal with no backslash: only after its closing quote
_MAX_CACHED = 200_000  # spellings kept before a cache starts again
_LT, _QUOTE = ord("<"), ord('"')
_CLOSING = (ord(">"), _QUOTE)  # a row ending so needs nothing done (but see Spelling.lines)
_BARE = {  # how the TSV results format writes a boolean or number, by the Turtle grammar
    "boolean": re.compile(rb"true|false"),
    "integer": re.compile(rb"[+-]?[0-9]+"),
    "decimal": re.compile(rb"[+-]?[0-9]*\.[0-9]+"),
    "double": re.compile(rb"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
}


class Unspelled(Exception):  # noqa: N818 - a signal to the caller, not an error
    """A term this module does not spell (a blank node): write the graph the writers' way."""


class Spelling:
    """Spellings of the store's N-Triples terms for one snapshot (IRIs relative to
    ``names``' base)."""

    def __init__(self, names: _Names, codec: TermCodec) -> None:
        self.names = names
        self.codec = codec
        self._iris: dict[bytes, bytes] = {}  # <IRI> -> its Turtle spelling
        self._literals: dict[bytes, tuple[Key, bytes, bytes]] = {}  # -> key, Turtle, N-T
        self._orders: dict[tuple[bytes, ...], list[tuple[bytes, bytes]]] = {}

    # ------------------------------------------------------------------ Turtle and TriG

    def block(self, subject: bytes, terms: list[bytes], indent: bytes) -> bytes:
        """One subject's Turtle block (the text :meth:`_Names.body` gives for its triples,
        with the blank line after it); ``terms``: its predicates and objects (as in a row,
        see the module's docstring), one after the other."""
        if subject[0] != _LT or subject[1] == _LT:
            raise Unspelled(subject)
        objects: dict[bytes, list[bytes]] = {}
        pairs = iter(terms)
        for predicate, obj in zip(pairs, pairs):  # noqa: B905 - pairs by construction
            found = objects.get(predicate)
            if found is None:
                objects[predicate] = [obj]
            else:
                found.append(obj)
        turtle = self.turtle
        joiner = b" ,\n" + indent + b"        "
        lines = []
        for predicate, verb in self._verbs(tuple(objects)):
            found = objects[predicate]
            if len(found) == 1:
                lines.append(verb + turtle(found[0]))
            else:
                texts = dict(sorted(map(self.keyed, found)))  # sorted, one per key
                lines.append(verb + joiner.join(texts.values()))
        return (indent + self.iri(subject) + b" "
                + (b" ;\n" + indent + b"    ").join(lines) + b" .\n\n")

    def _verbs(self, predicates: tuple[bytes, ...]) -> list[tuple[bytes, bytes]]:
        """(predicate, its verb and a space) in the writers' order: ``a`` (rdf:type) first,
        then by IRI. Subjects of one kind have the same predicates: the order is kept."""
        found = self._orders.get(predicates)
        if found is None:
            if len(self._orders) > _MAX_CACHED:
                self._orders.clear()
            ordered = sorted(predicates, key=lambda p: (p != _TYPE, p[1:-1]))
            found = self._orders[predicates] = [
                (p, b"a " if p == _TYPE else self.iri(p) + b" ") for p in ordered]
        return found

    def iri(self, term: bytes) -> bytes:
        """An N-Triples IRI (``<…>``) as :meth:`_Names.term` spells it."""
        found = self._iris.get(term)
        if found is None:
            if len(self._iris) > _MAX_CACHED:
                self._iris.clear()
            found = self._iris[term] = self.names._iri(term[1:-1].decode()).encode()
        return found

    def turtle(self, term: bytes) -> bytes:
        """An N-Triples object as :meth:`_Names.term` spells its rdflib term."""
        first = term[0]
        if first == _QUOTE:
            if b"\\" not in term and _TYPED not in term:
                return term  # a plain or language-tagged literal: as Oxigraph wrote it
            return self.literal(term)[1]
        if first == _LT:
            if term[1] == _LT:
                raise Unspelled(term)
            return self.iri(term)
        return self.literal(term)[1]  # a bare number or boolean, or Unspelled

    def keyed(self, term: bytes) -> tuple[Key, bytes]:
        """(the writers' sort key, the Turtle text) of an N-Triples object."""
        if term[0] == _LT:
            if term[1] == _LT:
                raise Unspelled(term)
            return (0, term[1:-1], b"", b""), self.iri(term)
        key, text, _ = self.literal(term)
        return key, text

    # ------------------------------------------------------------------ N-Triples

    def lines(self, rows: list[bytes]) -> list[bytes]:
        """Rows (``<s> <p> o``, see the module's docstring) as N-Triples lines, without their
        closing `` .``, as :func:`_nt` spells their terms."""
        line = self.line
        return [line(row) if _TYPED in row or b"\\" in row or b"_:" in row or b"<<" in row
                or not (row[-1] in _CLOSING or b'"@' in row) else row for row in rows]

    def line(self, row: bytes) -> bytes:
        """One row that may need spelling anew (a typed literal, a backslash, a blank node,
        a triple term or a bare number somewhere in it)."""
        subject, predicate, obj = row.split(b" ", 2)
        if subject[0] != _LT or subject[1] == _LT or (obj[0] == _LT and obj[1] == _LT):
            raise Unspelled(row)
        if obj[0] == _LT:
            return row
        return b"%s %s %s" % (subject, predicate, self.literal(obj)[2])

    # ------------------------------------------------------------------ literals

    def literal(self, term: bytes) -> tuple[Key, bytes, bytes]:
        """(sort key, Turtle, N-Triples) of a literal as a row holds it."""
        found = self._literals.get(term)
        if found is None:
            if len(self._literals) > _MAX_CACHED:
                self._literals.clear()
            found = self._literals[term] = self._spelled(term)
        return found

    def _spelled(self, term: bytes) -> tuple[Key, bytes, bytes]:
        if term[0] != _QUOTE:
            term = _bare(term)
        if b"\\" in term:  # Oxigraph's escapes: its own parser reads them back
            [triple] = ox.parse(b"<s:> <p:> " + term + b" .\n", format=ox.RdfFormat.N_TRIPLES)
            return self._term(triple.object)
        end = term.rindex(b'"')
        value, suffix = term[1:end], term[end + 1:]
        if not suffix:
            return (2, value, b"", b""), term, term
        if suffix[0] == ord("@"):
            return (2, value, b"", suffix[1:]), term, term
        datatype = suffix[3:-1]
        if datatype.startswith(_KEPT_LANGUAGE):
            language = datatype[len(_KEPT_LANGUAGE):]
            text = term[:end + 1] + b"@" + language
            return (2, value, b"", language), text, text
        return self._term(ox.Literal(value.decode(), datatype=ox.NamedNode(datatype.decode())))

    def _term(self, term: object) -> tuple[Key, bytes, bytes]:
        """(sort key, Turtle, N-Triples) of an Oxigraph literal of the store."""
        if type(term) is not ox.Literal:
            raise Unspelled(term)
        value = term.value
        language = term.language
        if not language:
            datatype = term.datatype.value
            if datatype.startswith(KEPT_LANGUAGE):
                language = datatype.removeprefix(KEPT_LANGUAGE)
            elif datatype == _XSD_STRING:
                text = f'"{_escape(value)}"'.encode()
                return (2, value.encode(), b"", b""), text, text
            else:
                literal = self.codec.term(term)
                key = _sort_key(literal)
                return ((key[0], key[1].encode(), key[2].encode(), key[3].encode()),
                        self.names.term(literal).encode(), _nt(literal).encode())
        text = f'"{_escape(value)}"@{language}'.encode()
        return (2, value.encode(), b"", language.encode()), text, text


def _bare(term: bytes) -> bytes:
    """A literal the TSV results format writes bare (``true``, ``-7``, ``1.5``, ``1e3``), as
    N-Triples writes it; anything else is not spelled here."""
    for name, form in _BARE.items():
        if form.fullmatch(term):
            return b'"%s"^^<%s%s>' % (term, str(XSD).encode(), name.encode())
    raise Unspelled(term)


__all__ = ["Spelling", "Unspelled"]
