"""Deterministic IRIs for everything kyotei mints (decision: docs/decisions/0002-iris.md).

IRIs are ASCII, lower-case and stable across rebuilds. Names (which may be Japanese, and
whose spelling varies) never appear in an IRI: a name enters only through
:func:`name_key`, a documented normalisation, and then a hash. Structure stays readable:

* ``institution/{cc}/{hash}``: ``cc`` the ISO 3166-1 alpha-2 code in lower case (``xx`` when
  the country is unknown: country is part of identity), ``hash`` of the institution's
  canonical identity key (``kyotei.graph.identity.resolve``; decision:
  docs/decisions/0004-identity.md);
* ``institution/unidentified/{document}``: the unnamed publisher of a document;
* ``{institution}/unit/{hash}``: a faculty or institute of it (hash of the unit's key);
* ``identity/decision/{hash}``: an identity decision (a merge, split, candidate, conflict);
* ``agreement/{hash}`` of (document, level, home party, partner party);
* ``record/{document}/{line}-{hash}``: one place in a source (hash of its verbatim text);
* ``document/{document}``, ``country/{cc}``, ``region/{key}``, ``graph/…``, ``dataset``.
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
from kyotei.graph.model.text import fold_key


def name_key(name: str) -> str:
    """The identity key of a name: NFKC, dots unified, spaces removed, case-folded.

    >>> name_key("甲 工科大学") == name_key("甲工科大学")
    True
    """
    return fold_key(name)


def short_hash(*parts: str, length: int = 12) -> str:
    """A lower-case hex digest of the parts (joined with a separator that cannot occur)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def ascii_key(text: str) -> str:
    """A document key or region key made safe for an IRI path segment."""
    key = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-")
    if not key:
        raise ValueError(f"no ASCII key can be made from {text!r}")
    return key


class Minter:
    """Mints IRIs under one base IRI (configurable; default https://w3id.org/kyotei/id/)."""

    def __init__(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        if not base_iri.endswith(("/", "#")):
            raise ValueError(f"the base IRI must end with '/' or '#': {base_iri!r}")
        self.base = base_iri

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def institution(self, country: str | None, name: str) -> URIRef:
        return self.institution_for_key(country, name_key(name))

    def institution_for_key(self, country: str | None, key: str) -> URIRef:
        """An institution from its canonical identity key (already folded: hashed as is)."""
        cc = country.lower() if country else "xx"
        return self._iri(f"institution/{cc}/{short_hash(key, length=10)}")

    def unit_for_key(self, institution: str, key: str) -> URIRef:
        return URIRef(f"{institution}/unit/{short_hash(key, length=10)}")

    def decision(self, *parts: str) -> URIRef:
        return self._iri(f"identity/decision/{short_hash(*parts, length=16)}")

    def unidentified(self, document_key: str) -> URIRef:
        return self._iri(f"institution/unidentified/{ascii_key(document_key)}")

    def unit(self, institution: str, name: str) -> URIRef:
        return self.unit_for_key(institution, name_key(name))

    def agreement(
        self, document_key: str, level: str, home: str, partner: str, signed: str = ""
    ) -> URIRef:
        """One agreement of a document; ``signed`` only for a second agreement between the
        same parties at the same level that states another signing date (decision 0019)."""
        parts = [document_key, level, str(home), str(partner)]
        if signed:
            parts.append(f"signed:{signed}")
        return self._iri(f"agreement/{short_hash(*parts)}")

    def record(self, document_key: str, line: int, text: str) -> URIRef:
        doc = ascii_key(document_key)
        return self._iri(f"record/{doc}/{line}-{short_hash(text, length=8)}")

    def repair(self, owner: str, index: int) -> URIRef:
        return URIRef(f"{owner}/repair/{index}")

    def document(self, document_key: str) -> URIRef:
        return self._iri(f"document/{ascii_key(document_key)}")

    def country(self, code: str) -> URIRef:
        return self._iri(f"country/{code.lower()}")

    def region(self, key: str) -> URIRef:
        return self._iri(f"region/{ascii_key(key)}")

    def region_scheme(self) -> URIRef:
        return self._iri("scheme/regions")

    def graph(self, name: str) -> URIRef:
        return self._iri(f"graph/{name}")

    def source_graph(self, document_key: str) -> URIRef:
        return self.graph(f"source/{ascii_key(document_key)}")

    def dataset(self) -> URIRef:
        return self._iri("dataset")
