"""Turtle and N-Triples text of the build store's Oxigraph terms, without rdflib terms.

The snapshot writers (:mod:`kyotei.graph.publish.writers`) spell rdflib terms; the build's
store holds Oxigraph terms, which :class:`kyotei.graph.build.quads.TermCodec` turns back into
the builder's rdflib terms. Making an rdflib term of every term read, only to spell it, is
most of the cost of writing a large snapshot, so :class:`Spelling` spells an Oxigraph term
straight away, giving the very text (and the sort key) the writers give for the rdflib term
the codec makes of it:

- an IRI and a plain or language-tagged literal are spelled here: their text is their value
  (escaped as :func:`~kyotei.graph.publish.writers.escape_text` escapes it) and their tag, which
  rdflib keeps as given;
- a literal with any other datatype (a date, a number, a datatype the codec kept aside)
  is turned into its rdflib term once and spelled by the writers' own functions, because
  rdflib normalises some lexical forms (``"01"^^xsd:integer`` is ``1``) and the Turtle
  writer shortens some; the answer is kept, for typed values repeat (dates, line numbers).

A blank node is not spelled here (:class:`Unspelled`): the writers relabel blank nodes
canonically, a whole graph at a time, so a graph holding one is written their way.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kyotei.graph.build.quads import KEPT_LANGUAGE, TermCodec
from kyotei.graph.model.namespaces import RDF, XSD
from kyotei.graph.publish.writers import TermNames, escape_text, nt_term, term_sort_key

SortKey = tuple[int, str, str, str]

_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)
_MAX_CACHED = 100_000  # spellings kept before a cache starts again


class Unspelled(Exception):  # noqa: N818 - a signal to the caller, not an error
    """A term this module does not spell (a blank node): write the graph the writers' way."""


class Spelling:
    """Spellings of Oxigraph terms for one snapshot (IRIs relative to ``names``' base)."""

    def __init__(self, names: TermNames, codec: TermCodec) -> None:
        self.names = names
        self.codec = codec
        self._iris: dict[str, str] = {}  # IRI -> its Turtle spelling
        self._typed: dict[ox.Literal, tuple[SortKey, str, str]] = {}  # -> key, Turtle, N-T

    # ------------------------------------------------------------------ Turtle and TriG

    def block(self, subject: ox.NamedNode | ox.BlankNode | ox.Triple,
              terms: list[Any], indent: str) -> str:
        """One subject's Turtle block (the text :meth:`TermNames.body` gives for its triples,
        with the blank line after it); ``terms``: its predicates and objects, one after the
        other (a flat list: a tuple per triple would be one more object for the garbage
        collector to look at, and a large build holds many)."""
        if type(subject) is not ox.NamedNode:
            raise Unspelled(subject)
        iri = self.iri
        objects: dict[str, list[object]] = {}
        pairs = iter(terms)
        for verb_term, obj in zip(pairs, pairs):  # noqa: B905 - pairs by construction
            found = objects.get(verb_term.value)
            if found is None:
                objects[verb_term.value] = [obj]
            else:
                found.append(obj)
        predicates = sorted(objects)
        if _RDF_TYPE in objects:
            predicates.remove(_RDF_TYPE)
            predicates.insert(0, _RDF_TYPE)
        joiner = f" ,\n{indent}        "
        lines = []
        for predicate in predicates:
            verb = "a" if predicate == _RDF_TYPE else iri(predicate)
            found = objects[predicate]
            if len(found) == 1:
                lines.append(f"{verb} {self.turtle(found[0])}")
            else:
                texts = dict(sorted(self.keyed(o) for o in found))  # sorted, one per key
                lines.append(f"{verb} {joiner.join(texts.values())}")
        return f"{indent}{iri(subject.value)} " + f" ;\n{indent}    ".join(lines) + " .\n\n"

    def iri(self, value: str) -> str:
        found = self._iris.get(value)
        if found is None:
            if len(self._iris) > _MAX_CACHED:
                self._iris.clear()
            found = self._iris[value] = self.names._iri(value)  # what .term gives an IRI
        return found

    def turtle(self, term: object) -> str:
        """``term`` as :meth:`TermNames.term` spells its rdflib term."""
        kind = type(term)
        if kind is ox.NamedNode:
            return self.iri(term.value)  # type: ignore[attr-defined]
        if kind is ox.Literal:
            language = term.language  # type: ignore[attr-defined]
            if language:
                return f'"{escape_text(term.value)}"@{language}'  # type: ignore[attr-defined]
            datatype = term.datatype.value  # type: ignore[attr-defined]
            if datatype == _XSD_STRING:
                return f'"{escape_text(term.value)}"'  # type: ignore[attr-defined]
            if datatype.startswith(KEPT_LANGUAGE):
                return (f'"{escape_text(term.value)}"'  # type: ignore[attr-defined]
                        f"@{datatype.removeprefix(KEPT_LANGUAGE)}")
            return self._typed_literal(term)[1]  # type: ignore[arg-type]
        raise Unspelled(term)

    def keyed(self, term: object) -> tuple[SortKey, str]:
        """(the writers' sort key, the Turtle text) of ``term``."""
        kind = type(term)
        if kind is ox.NamedNode:
            value = term.value  # type: ignore[attr-defined]
            return (0, value, "", ""), self.iri(value)
        if kind is ox.Literal:
            value = term.value  # type: ignore[attr-defined]
            language = term.language  # type: ignore[attr-defined]
            if not language:
                datatype = term.datatype.value  # type: ignore[attr-defined]
                if datatype.startswith(KEPT_LANGUAGE):
                    language = datatype.removeprefix(KEPT_LANGUAGE)
                elif datatype == _XSD_STRING:
                    return (2, value, "", ""), f'"{escape_text(value)}"'
                else:
                    key, text, _ = self._typed_literal(term)  # type: ignore[arg-type]
                    return key, text
            return (2, value, "", language), f'"{escape_text(value)}"@{language}'
        raise Unspelled(term)

    # ------------------------------------------------------------------ N-Triples

    def line(self, subject: Any, predicate: Any, obj: Any) -> str:
        """A triple as an N-Triples line (:func:`nt_term` of each rdflib term)."""
        if type(subject) is not ox.NamedNode:
            raise Unspelled(subject)
        head = f"<{subject.value}> <{predicate.value}> "
        if type(obj) is ox.NamedNode:
            return f"{head}<{obj.value}> .\n"
        if type(obj) is not ox.Literal:
            raise Unspelled(obj)
        language = obj.language
        if language:
            return f'{head}"{escape_text(obj.value)}"@{language} .\n'
        datatype = obj.datatype.value
        if datatype == _XSD_STRING:
            return f'{head}"{escape_text(obj.value)}" .\n'
        if datatype.startswith(KEPT_LANGUAGE):
            return f'{head}"{escape_text(obj.value)}"@{datatype.removeprefix(KEPT_LANGUAGE)} .\n'
        return f"{head}{self._typed_literal(obj)[2]} .\n"

    # ------------------------------------------------------------------ typed literals

    def _typed_literal(self, term: ox.Literal) -> tuple[SortKey, str, str]:
        """(sort key, Turtle, N-Triples) of a typed literal, from its rdflib term."""
        found = self._typed.get(term)
        if found is None:
            if len(self._typed) > _MAX_CACHED:
                self._typed.clear()
            literal = self.codec.term(term)
            found = self._typed[term] = (term_sort_key(literal), self.names.term(literal),
                                         nt_term(literal))
        return found


__all__ = ["Spelling", "Unspelled"]
