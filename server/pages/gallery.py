"""The query page's gallery: example queries shipped as ``server/pages/queries/*.rq``.

Each file is a SPARQL query body under a comment header that names it in English and
Japanese::

    # title: Agreements per country or region
    # title@ja: 国・地域別の協定数
    # description: How many agreements …
    # description@ja: 国・地域ごとの協定数 …
    SELECT …

The body uses kyotei's prefixes without declaring them; :func:`with_prologue` puts the
``PREFIX`` lines in front, as the page does: ``id:`` is the configured base IRI and
``graph:`` its named graphs, so that the inferences are ``GRAPH graph:inferred``.

:func:`vocabulary` lists the classes and properties of the packaged ontology (and the
terms of other vocabularies it uses) for the editor's completion.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kyotei.graph.model.namespaces import PREFIXES

#: Prefixes the editor always declares, in this order; others are added when a query uses them.
EDITOR_PREFIXES = ("kyotei", "org", "skos", "prov", "dcterms", "rdfs", "xsd", "id")
_HEADER = re.compile(r"^#\s*(title|description)(?:@([a-z]{2}))?\s*:\s*(.*?)\s*$")
_PREFIXED = re.compile(r"(?<![\w<?$:#/])([A-Za-z][\w-]*):")


@dataclass(frozen=True, slots=True)
class Example:
    """One example query: a stable key (the file name's stem), its names and its body."""

    key: str
    title: dict[str, str]  # "en" / "ja"
    description: dict[str, str]
    body: str  # without the header, without PREFIX lines


def parse_example(key: str, text: str) -> Example:
    """Split a ``.rq`` file into its header (title, description per language) and body."""
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    lines = text.splitlines()
    start = 0
    for start, line in enumerate(lines):  # noqa: B007 - the index is used after the loop
        match = _HEADER.match(line)
        if match is None:
            break
        target = title if match.group(1) == "title" else description
        target[match.group(2) or "en"] = match.group(3)
    else:
        start = len(lines)
    missing = {"en", "ja"} - set(title) | {"en", "ja"} - set(description)
    if missing:
        raise ValueError(f"example {key}: header lacks title/description in {sorted(missing)}")
    return Example(key, title, description, "\n".join(lines[start:]).strip() + "\n")


@functools.cache
def examples() -> tuple[Example, ...]:
    """The packaged examples, in file-name order."""
    folder = importlib.resources.files("kyotei.server.pages") / "queries"
    found = [
        parse_example(item.name.removesuffix(".rq"), item.read_text(encoding="utf-8"))
        for item in folder.iterdir()
        if item.name.endswith(".rq")
    ]
    return tuple(sorted(found, key=lambda example: example.key))


def prologue(body: str, base_iri: str) -> str:
    """``PREFIX`` lines for the editor's prefixes and any other known prefix ``body`` uses."""
    known = {**PREFIXES, "id": base_iri, "graph": base_iri + "graph/"}
    used = [p for p in dict.fromkeys(_PREFIXED.findall(body)) if p in known]
    names = list(EDITOR_PREFIXES) + [p for p in used if p not in EDITOR_PREFIXES]
    width = max(len(name) for name in names)
    return "".join(f"PREFIX {name + ':':<{width + 1}} <{known[name]}>\n" for name in names)


def with_prologue(body: str, base_iri: str) -> str:
    """The query as the editor shows it: the prefixes, a blank line, the body."""
    return prologue(body, base_iri) + "\n" + body


_VOCABULARY_QUERY = """
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sh:   <http://www.w3.org/ns/shacl#>
SELECT ?term ?kind ?label ?comment WHERE {
  {
    { ?term a owl:Class } UNION { ?term a rdfs:Class } UNION { [] rdfs:subClassOf ?term }
    UNION { [] rdfs:domain ?term } UNION { [] rdfs:range ?term ; a owl:ObjectProperty }
    UNION { [] sh:class ?term } UNION { [] sh:targetClass ?term }
    BIND("class" AS ?kind)
  } UNION {
    { ?term a owl:ObjectProperty } UNION { ?term a owl:DatatypeProperty }
    UNION { ?term a owl:AnnotationProperty } UNION { ?term a rdf:Property }
    UNION { [] rdfs:subPropertyOf ?term } UNION { [] owl:equivalentProperty ?term }
    UNION { [] owl:inverseOf ?term } UNION { [] sh:path ?term }
    UNION { [] ?term [] FILTER(!STRSTARTS(STR(?term), STR(sh:))) }
    BIND("property" AS ?kind)
  }
  FILTER(isIRI(?term))
  OPTIONAL { ?term skos:prefLabel|rdfs:label ?label }
  OPTIONAL { ?term rdfs:comment ?comment }
}
"""


@functools.cache
def vocabulary() -> tuple[dict[str, Any], ...]:
    """The ontology's classes and properties, and the other vocabularies' terms it and the
    shapes use (``sh:path``, ``sh:class``), as
    ``{"term": "kyotei:Agreement", "iri": …, "kind": "class", "label": {"en": …, "ja": …},
    "comment": {…}}``, for completion in the editor. Terms outside the known prefixes are left
    out (they could not be written as a prefixed name)."""
    namespaces = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
    found: dict[str, dict[str, Any]] = {}
    store = ox.Store()
    sources = (("kyotei.ontology", "kyotei.ttl"), ("kyotei.shapes", "kyotei-shapes.ttl"))
    for package, name in sources:
        source = importlib.resources.files(package) / name
        store.load(source.read_bytes(), format=ox.RdfFormat.TURTLE)
    answer = store.query(_VOCABULARY_QUERY)
    assert isinstance(answer, ox.QuerySolutions)  # noqa: S101 - a SELECT gives solutions
    for row in answer:
        iri = row["term"].value
        prefix = next((p for p, ns in namespaces if iri.startswith(ns)), None)
        local = iri[len(PREFIXES[prefix]):] if prefix else ""
        if prefix is None or not re.fullmatch(r"[A-Za-z_][\w-]*", local):
            continue
        entry = found.setdefault(iri, {"term": f"{prefix}:{local}", "iri": iri,
                                       "kind": row["kind"].value, "label": {}, "comment": {}})
        if entry["kind"] != row["kind"].value and local[:1].isupper():
            entry["kind"] = "class"  # named in both roles: a capital initial says class
        for key in ("label", "comment"):
            literal = row[key]
            if isinstance(literal, ox.Literal) and literal.language:
                entry[key].setdefault(literal.language, literal.value)
    return tuple(sorted(found.values(), key=lambda entry: str(entry["term"])))
