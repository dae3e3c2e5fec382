"""Entity resolution: one identity per real institution, across documents and languages.

Steps (decision record: docs/decisions/0004-identity.md; guide: docs/identity.md):

1. the faculty split at identity level (:mod:`kyotei.graph.identity.split`);
2. *mentions*: every partner of every record, every document's home institution and every
   crosswalk row, each with its names and the country its layout gives it;
3. *name clusters*: mentions sharing a key are one cluster. A Japanese name gives its
   identity key (:mod:`kyotei.graph.identity.names`); an English name its English key; a
   mention printed in both languages links the two (the bilingual list's pairs let an
   English-only or a Japanese-only mention match). In the university-list layout a quoted
   English name right after a Japanese name (``甲大学 "The School of …"``) is a
   qualifier, not a translation: the key is the pair, never the Japanese name alone.
   Curated ``merge`` overrides join two clusters; ``split`` overrides give a mention an
   identity of its own; :mod:`kyotei.graph.identity.joins` joins clusters in one country
   that no key joins (a katakana name and its Latin spelling, ヴ/バ, 国立), when unambiguous;
4. the partition of each cluster by country (:mod:`kyotei.graph.identity.country`);
5. explanations: every merge of two printed names with the rules it needed and where each
   name is printed; pairs the rules cannot decide are candidates for curation.

The canonical key of an institution (what its IRI hashes) is the smallest Japanese identity
key among its mentions, or the smallest English key when none is Japanese: it depends only on
the folded keys, so a new spelling of a known institution never changes its IRI.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kyotei.graph.identity.country import (
    CLEAN,
    CURATED,
    NONE,
    Evidence,
    SectionQuality,
    mark_drifted_rows,
    partition,
    place_by_key,
    regroup_regions,
)
from kyotei.graph.identity.dates import date_conflicts
from kyotei.graph.identity.evidence import ambiguous_keys, mention_keys
from kyotei.graph.identity.explain import candidates, explain_group, ocr_slip_pairs
from kyotei.graph.identity.joins import Join, cross_joins, join_decisions, spelling_joins
from kyotei.graph.identity.model import (
    Conflict,
    Decision,
    InstitutionInfo,
    InstitutionRef,
    Place,
    Resolution,
)
from kyotei.graph.identity.names import JaName, NameRules, parse_ja
from kyotei.graph.identity.split import split_known_prefixes
from kyotei.graph.model.curated import CrosswalkRow, Override
from kyotei.graph.model.iris import name_key
from kyotei.graph.model.records import AgreementRecord, Basis, DocumentInfo, Level, LoadResult

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Mention:
    index: int
    kind: str  # "record" | "home" | "crosswalk"
    place: Place
    ja: JaName | None
    en: str | None
    en_qualifier: bool
    evidence: Evidence
    keys: list[str] = field(default_factory=list)
    record: int | None = None
    crosswalk: CrosswalkRow | None = None
    university: bool = False  # a university-level record


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Resolver:
    """Resolve identities for the records of a build (callable by ``build_dataset``)."""

    def __init__(
        self,
        rules: NameRules | None = None,
        crosswalk: Sequence[CrosswalkRow] = (),
        pins: Sequence[Override] = (),
    ) -> None:
        self.rules = rules or NameRules()
        self.crosswalk = tuple(crosswalk)
        self.pins = tuple(pins)
        self.pinned: list[Decision] = []
        self.joins: tuple[list[Join], list[Join]] = ([], [])

    def __call__(
        self, results: Sequence[LoadResult], records: Sequence[AgreementRecord]
    ) -> Resolution:
        homes = {
            r.document.file: r.document
            for r in results
            if r.document.publisher_status != "unidentified"
            and (r.document.publisher_ja or r.document.publisher_en)
        }
        home_names = [d.publisher_ja for d in homes.values() if d.publisher_ja]
        split, decisions = split_known_prefixes(records, home_names, self.rules)
        quality = SectionQuality(results, split)
        mentions = self._record_mentions(split, quality)
        for doc in homes.values():
            ja = parse_ja(doc.publisher_ja, self.rules) if doc.publisher_ja else None
            place = Place(doc.file, 0, f"publisher (sources manifest): {doc.publisher_ja or ''}")
            # the manifest states the publisher's country: as good as a clean heading, no
            # better (a partner printed with the same name and another clean country is a
            # homonym, kept apart)
            ev = Evidence(
                len(mentions),
                doc.publisher_country,
                CLEAN if doc.publisher_country else NONE,
                place,
            )
            mentions.append(Mention(len(mentions), "home", place, ja, doc.publisher_en, False, ev))
        for row in self.crosswalk:
            ja = parse_ja(row.name_ja, self.rules) if row.name_ja else None
            place = Place("crosswalk.csv", row.row, row.source)
            ev = Evidence(len(mentions), row.country, CURATED if row.country else NONE, place)
            mentions.append(
                Mention(
                    len(mentions), "crosswalk", place, ja, row.name_en, False, ev, crosswalk=row
                )
            )
        ambiguous = ambiguous_keys(mentions)
        for mention in mentions:
            m = mention
            country = m.evidence.country
            mention.keys = mention_keys(m.ja, m.en, m.en_qualifier, country, ambiguous) or [
                # a name that folds to nothing (e.g. only punctuation) matches nothing: it
                # stands alone, keyed by the place it is printed at
                f"place:{mention.place.document}:{mention.place.line}:{mention.place.text}"
            ]
        self._apply_splits(mentions, split)
        self.pinned = []
        clusters = self._cluster(mentions, split)
        mark_drifted_rows([[m.evidence for m in c] for c in clusters])
        return self._resolve(quality, split, mentions, clusters, homes, decisions)

    # -- mentions --------------------------------------------------------------------------
    def _record_mentions(
        self, records: Sequence[AgreementRecord], quality: SectionQuality
    ) -> list[Mention]:
        mentions = []
        for i, record in enumerate(records):
            partner = record.partner
            ja = parse_ja(partner.institution_ja, self.rules) if partner.institution_ja else None
            en = partner.institution_en
            qualifier = bool(ja and en and f'"{en}"' in record.source.text)
            place = Place(record.document, record.source.line, record.source.text)
            row = (record.document, record.source.line)
            ev = Evidence(
                i, record.country, quality.rank(record), place, record.country_candidates, row,
                # a country printed and not read (several named at once are candidates)
                unread=(record.country_text or None)
                if record.country is None and not record.country_candidates else None,
            )
            university = record.level is Level.UNIVERSITY
            mentions.append(
                Mention(i, "record", place, ja, en, qualifier, ev, record=i, university=university)
            )
        return mentions

    def _apply_splits(self, mentions: list[Mention], records: Sequence[AgreementRecord]) -> None:
        for pin in self.pins:
            if pin.kind != "split":
                continue
            for m in mentions:
                if m.record is not None and any(p.matches(records[m.record]) for p in pin.places):
                    m.keys = [f"split:{pin.group}:{key}" for key in m.keys]

    def _cluster(
        self, mentions: list[Mention], records: Sequence[AgreementRecord]
    ) -> list[list[Mention]]:
        union = _Union()
        for m in mentions:
            for key in m.keys[1:]:
                union.union(m.keys[0], key)
        for first, other in ocr_slip_pairs(mentions):
            union.union(first.keys[0], other.keys[0])
        for pin in self.pins:
            if pin.kind != "merge" or pin.other is None:
                continue
            ends = [
                next(
                    (
                        m
                        for m in mentions
                        if m.record is not None and m.keys and ref.matches(records[m.record])
                    ),
                    None,
                )
                for ref in (pin.places[0], pin.other)
            ]
            if ends[0] is not None and ends[1] is not None:
                union.union(ends[0].keys[0], ends[1].keys[0])
                self.pinned.append(
                    Decision(
                        "merge",
                        f"curation.merge:{pin.id}",
                        (_name(ends[0]), _name(ends[1])),
                        pin.reason,
                        (ends[0].place, ends[1].place),
                        curated=True,
                    )
                )
        # names no key joins (spellings, then scripts and languages): graph/identity/joins.py
        roots: dict[str, str] = {}  # a key's root, found once while no union is made

        def root(m: Mention) -> str:
            key = m.keys[0]
            return roots[key] if key in roots else roots.setdefault(key, union.find(key))

        spelled, undecided = spelling_joins(mentions, root, self.rules)
        for join in spelled:
            union.union(join.first.keys[0], join.other.keys[0])
        roots.clear()  # the unions moved roots
        crossed, uncrossed = cross_joins(mentions, root)
        for join in crossed:
            union.union(join.first.keys[0], join.other.keys[0])
        self.joins = (spelled + crossed, undecided + uncrossed)
        groups: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.keys:
                groups[union.find(m.keys[0])].append(m)
        return [groups[k] for k in sorted(groups)]

    # -- resolution ------------------------------------------------------------------------
    def _resolve(
        self,
        quality: SectionQuality,
        records: list[AgreementRecord],
        mentions: list[Mention],
        clusters: list[list[Mention]],
        homes: dict[str, DocumentInfo],
        decisions: list[Decision],
    ) -> Resolution:
        refs: dict[int, InstitutionRef] = {}
        infos: dict[InstitutionRef, InstitutionInfo] = {}
        conflicts: list[Conflict] = []
        joined = frozenset(m.index for j in self.joins[0] for m in (j.first, j.other))
        for cluster in clusters:
            subject = _subject(cluster)
            groups, found = partition([m.evidence for m in cluster], subject)
            groups = place_by_key(groups, {m.index: m.keys for m in cluster})
            by_index = {m.index: m for m in cluster}
            for group in groups:
                members = [by_index[i] for i in group.members]
                ref = InstitutionRef(group.country, _canonical(members))
                info = infos.setdefault(ref, InstitutionInfo(ref))
                for m in members:
                    refs[m.index] = ref
                    self._collect(info, m, records)
                decisions.extend(explain_group(ref, members, self.rules, joined))
            conflicts.extend(
                replace(c, institutions=tuple(sorted({refs[m.index] for m in cluster})))
                for c in found
            )
        resolved = [_resolve_country(record, refs[i]) for i, record in enumerate(records)]
        resolved = regroup_regions(resolved)
        ref_list = [refs[i] for i in range(len(records))]
        resolved, dated = date_conflicts(resolved, ref_list, quality.is_clean)
        conflicts.extend(dated)
        for pinned in self.pinned:
            index = {m.place: m.index for m in mentions}
            owners = tuple(sorted({refs[index[p]] for p in pinned.places if p in index}))
            decisions.append(replace(pinned, institutions=owners))
        for made, joins in ((True, self.joins[0]), (False, self.joins[1])):
            decisions.extend(join_decisions(joins, lambda m: refs[m.index], merged=made))
        decisions.extend(candidates(infos, mentions, refs))
        home_refs = {m.place.document: refs[m.index] for m in mentions if m.kind == "home"}
        printed = {(r.country, r.partner.institution_ja or r.partner.institution_en or "")
                   for r in records}  # each (country, name) once: name_key is not cheap
        before = {(country, name_key(name)) for country, name in printed} | {
            (d.publisher_country, name_key(d.publisher_ja or "")) for d in homes.values()}
        summary = _summary(before, infos, decisions, conflicts, resolved, records)
        return Resolution(resolved, ref_list, home_refs, infos, decisions, conflicts, summary,
                          self.rules)

    def _collect(
        self, info: InstitutionInfo, m: Mention, records: Sequence[AgreementRecord]
    ) -> None:
        if m.kind == "crosswalk" and m.crosswalk is not None:
            row = m.crosswalk
            src = f"crosswalk.csv line {row.row}: {row.source}"
            if row.name_ja:
                info.preferred_ja = info.preferred_ja or row.name_ja
                info.names_ja[row.name_ja] += 0
                info.curated_facts.append(f"Japanese name {row.name_ja!r} ({src})")
            if row.name_en:
                info.preferred_en = info.preferred_en or row.name_en
                info.names_en[row.name_en] += 0
                info.curated_facts.append(f"English name {row.name_en!r} ({src})")
            for iri in (row.ror, row.wikidata):
                if iri:
                    info.same_as.append((iri, src))
            return
        info.places.append(m.place)
        if m.kind == "home":
            info.home = True
            if m.ja:
                info.preferred_ja = m.ja.printed
            if m.en:
                info.preferred_en = m.en
        if m.ja is not None:
            info.names_ja[m.ja.core + "".join(m.ja.qualifiers)] += 1
            info.former.update(m.ja.former)
            if m.ja.abbreviated:
                info.avoid.add(m.ja.core + "".join(m.ja.qualifiers))
        if m.en:
            info.names_en[m.en] += 1


def _name(m: Mention) -> str:
    return (m.ja.printed if m.ja else m.en) or ""


def _canonical(members: Sequence[Mention]) -> str:
    """The key an institution's IRI hashes: its Japanese key printed most often (ties: the
    smallest); an English key only when no mention is Japanese."""
    counts = Counter(m.keys[0] for m in members if m.keys and m.kind != "crosswalk")
    counts.update({m.keys[0]: 0 for m in members if m.keys})
    ja = [k for k in counts if k.startswith(("ja:", "split:"))]
    return min(ja or list(counts), key=lambda k: (-counts[k], k))


def _subject(cluster: Sequence[Mention]) -> str:
    names = Counter(
        (m.ja.printed if m.ja else m.en) or "" for m in cluster if m.kind != "crosswalk"
    )
    return min(names, key=lambda n: (-names[n], n)) if names else ""


def _resolve_country(record: AgreementRecord, ref: InstitutionRef) -> AgreementRecord:
    if ref.country is None or record.country == ref.country:
        return record
    if (
        record.country is None
        and record.country_candidates
        and (ref.country not in record.country_candidates)
    ):
        return record
    return replace(record, country=ref.country, country_basis=Basis.RESOLVED)


def _summary(
    before: set[tuple[str | None, str]],
    infos: dict[InstitutionRef, InstitutionInfo],
    decisions: Sequence[Decision],
    conflicts: Sequence[Conflict],
    resolved: Sequence[AgreementRecord],
    records: Sequence[AgreementRecord],
) -> dict[str, object]:
    merges: Counter[str] = Counter()
    for d in decisions:
        if d.kind == "merge":
            for rule in d.rule.split("+"):
                merges[rule.split(":")[0]] += 1
    return {
        "institutions_before": len(before),
        "institutions_after": sum(1 for i in infos.values() if i.places),
        "merges": sum(1 for d in decisions if d.kind == "merge"),
        "merges_by_rule": dict(sorted(merges.items())),
        "splits": sum(1 for d in decisions if d.kind == "split"),
        "candidates": sum(1 for d in decisions if d.kind == "candidate"),
        "conflicts": dict(sorted(Counter(f"{c.kind}/{c.status}" for c in conflicts).items())),
        "countries_resolved": sum(
            1 for a, b in zip(resolved, records, strict=True) if a.country != b.country
        ),
    }


__all__ = ["Mention", "Resolver"]
