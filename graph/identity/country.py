"""Country as part of identity: how much a printed country is worth, and the partition of
one name cluster into institutions by country.

Every mention of an institution carries the country its layout gives it, with a *rank*:

* 4 ``curated``: a curated fact (a crosswalk row, a set-country override);
* 3 ``clean``: the manifest's publisher country, or a country printed on the partner's own
  row or in a heading above it, in a section whose layout is undamaged;
* 2 ``table``: a country printed in a table section whose layout is damaged (the section has
  rows whose country had to be carried from a merged cell or could not be read at all);
* 1 ``damaged``: a country carried from an earlier row, or printed on a *drifted* row: a row
  of a damaged table whose country cell is contradicted, for one of its partners, by that
  partner's clean country (the cell belongs to a neighbouring row, so it is wrong for all);
* 0: no country.

Partition of a cluster (mentions whose names denote one institution). The *anchors* are
the countries given by clean or curated evidence (rank 3 or more). One anchor: the cluster is
one institution of that country; mentions with no country join it (basis ``resolved``), and
a mention whose table-cell or damaged country disagrees is *settled* by rule
``country.clean-section-wins``. Two anchors or more: country is part of identity, two clean
countries never merge (one institution per country, ``kept-apart``). No anchor: the highest
rank decides when it names one country; when it names several, damaged evidence cannot decide
(``open``, left for curation). Where the cluster is kept apart or left open, every mention
stays with its own country (or none).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from kyotei.graph.identity.model import Conflict, Place
from kyotei.graph.model.records import AgreementRecord, Basis, DocumentInfo, LoadResult, Repair

CURATED, CLEAN, TABLE, DAMAGED, NONE = 4, 3, 2, 1, 0
RANK_NAMES = {CURATED: "curated", CLEAN: "clean", TABLE: "table", DAMAGED: "damaged", NONE: "none"}


@dataclass(slots=True)
class Evidence:
    """The country one mention gives its institution."""

    mention: int
    country: str | None
    rank: int
    place: Place
    candidates: tuple[str, ...] = ()
    row: tuple[str, int] | None = None  # (document, line) of a table row
    unread: str | None = None  # a country printed on the row that kyotei could not read


@dataclass(frozen=True, slots=True)
class Group:
    country: str | None
    members: tuple[int, ...]
    unread: bool = False  # mentions printed with a country kyotei could not read


def _section_key(doc: DocumentInfo, line: int) -> tuple[str, int] | None:
    for section in doc.sections:
        if section.start_line <= line <= section.end_line:
            return (doc.file, section.start_line)
    return None


class SectionQuality:
    """Which layout sections are damaged (their country cells cannot be fully trusted)."""

    def __init__(self, results: Sequence[LoadResult], records: Sequence[AgreementRecord]) -> None:
        self.docs = {r.document.file: r.document for r in results}
        self.damaged: set[tuple[str, int | str] | None] = set()
        for record in records:
            if record.country_basis is Basis.CARRIED or record.country is None:
                self.damaged.add(self.section(record))

    def section(self, record: AgreementRecord) -> tuple[str, int | str] | None:
        doc = self.docs.get(record.document)
        if doc is None:
            return None
        if not doc.sections:  # a layout found by the general reader: its section heading
            return (doc.file, record.section)
        return _section_key(doc, record.source.line)

    def is_clean(self, record: AgreementRecord) -> bool:
        return self.section(record) not in self.damaged

    def rank(self, record: AgreementRecord) -> int:
        basis = record.country_basis
        if record.country is None or basis is None or basis is Basis.RESOLVED:
            return NONE
        if basis is Basis.CURATED:
            return CURATED
        doc = self.docs.get(record.document)
        if doc is not None and not doc.sections:
            # The general layout repairs or reports a damaged row on its own (a shifted row,
            # a wrapped name): a country printed on the row or in a heading above it is clean,
            # one carried down from the row above (a blank or merged cell) is a table's.
            if basis in (Basis.HEADING, Basis.PRINTED):
                return CLEAN
            return TABLE if basis is Basis.CARRIED else DAMAGED
        if basis in (Basis.HEADING, Basis.PRINTED):
            # A heading's country is evidence like a printed cell's: clean only where the
            # section's layout is undamaged, never stronger because it came from a heading.
            return TABLE if self.section(record) in self.damaged else CLEAN
        if basis is Basis.DOCUMENT:
            return TABLE
        return DAMAGED


def mark_drifted_rows(clusters: Sequence[Sequence[Evidence]]) -> set[tuple[str, int]]:
    """Downgrade table-cell evidence on rows whose country cell a clean country contradicts."""
    drifted: set[tuple[str, int]] = set()
    for cluster in clusters:
        clean = {e.country for e in cluster if e.rank >= CLEAN and e.country}
        if not clean:
            continue
        for e in cluster:
            if e.rank == TABLE and e.country not in clean and e.row is not None:
                drifted.add(e.row)
    for cluster in clusters:
        for e in cluster:
            if e.rank == TABLE and e.row in drifted:
                e.rank = DAMAGED
    return drifted


def partition(cluster: Sequence[Evidence], subject: str) -> tuple[list[Group], list[Conflict]]:
    """Split one name cluster into institutions by country (see the module docstring).

    A mention whose row prints a country kyotei could not read, in a document that prints
    the same name with a country it reads on another row, is no mention *without* a country:
    the document itself prints two countries beside one name (namesakes, as decision 0023's
    one name for two), so it is not joined by the name alone but kept apart and reported
    (``country.unread``, open). Elsewhere an unread cell is most often a damaged one (an
    OCR slip in the country's name) and the mention joins as one printed without a country.
    """
    ranked = [e for e in cluster if e.country and e.rank > NONE]
    if not ranked:
        return [Group(None, tuple(e.mention for e in cluster))], []
    read_in = {e.place.document for e in ranked}
    unread = [e for e in cluster if e.country is None and e.unread
              and e.place.document in read_in]
    if unread:
        apart = {e.mention for e in unread}
        rest = [e for e in cluster if e.mention not in apart]
        groups, conflicts = partition(rest, subject)
        return [*groups, Group(None, tuple(e.mention for e in unread), unread=True)], [
            *conflicts, _unread(unread, ranked, subject)]
    anchors = sorted({e.country for e in ranked if e.rank >= CLEAN and e.country})
    if anchors:
        tops, top = anchors, CLEAN
    else:
        top = max(e.rank for e in ranked)
        tops = sorted({e.country for e in ranked if e.rank == top and e.country})
    if len(tops) == 1:
        (country,) = tops
        best = max(e.rank for e in ranked)
        return [Group(country, tuple(e.mention for e in cluster))], _settled(
            cluster, country, best, subject
        )
    by_country: dict[str | None, list[int]] = defaultdict(list)
    for e in cluster:
        by_country[e.country].append(e.mention)
    groups = [Group(c, tuple(m)) for c, m in sorted(by_country.items(), key=lambda i: str(i[0]))]
    status = "kept-apart" if top >= CLEAN else "open"
    rule = "country.two-clean-countries" if top >= CLEAN else "country.undecided"
    detail = (
        f"one name is printed with {len(tops)} countries ({', '.join(tops)}) by "
        f"{RANK_NAMES[top]} evidence: country is part of identity, "
        + (
            "so these are kept as separate institutions; merge them by a curated override if "
            "they are one"
            if top >= CLEAN
            else "and damaged table cells cannot decide between them: left for curation"
        )
    )
    conflict = Conflict(
        "country.two-countries",
        status,
        rule,
        subject,
        detail,
        tuple(sorted(e.place for e in ranked)),
        values=tuple(tops),
    )
    return groups, [conflict]


def place_by_key(groups: list[Group], keys: Mapping[int, Sequence[str]]) -> list[Group]:
    """Where a cluster is kept apart by country, a mention printed without one joins the
    country whose mentions alone print every one of its keys.

    ``ニューカッスル大学`` joins a GB and an AU institution into one cluster (namesakes); a row
    printing only ``The University of Newcastle`` with no country belongs to the one of them
    that is printed so, when the other never is. A mention whose keys two countries print, or
    that a key of its own sets apart, keeps no country.
    """
    homeless = [g for g in groups if g.country is None and not g.unread]
    if len(groups) < 2 or not homeless:
        return groups
    owners: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for m in group.members if group.country else ():
            for key in keys[m]:
                owners[key].add(str(group.country))
    moved: dict[str | None, list[int]] = defaultdict(list)
    for m in homeless[0].members:
        countries = {c for key in keys[m] for c in owners.get(key, ())}
        placed = len(countries) == 1 and all(key in owners for key in keys[m])
        moved[countries.pop() if placed else None].append(m)
    out = [
        Group(g.country, tuple(sorted((*g.members, *moved.get(g.country, ())))))
        for g in groups
        if g.country is not None
    ]
    if moved.get(None):
        out.append(Group(None, tuple(moved[None])))
    out += [g for g in groups if g.unread]
    return sorted(out, key=lambda g: (str(g.country), g.unread))


def _unread(unread: Sequence[Evidence], ranked: Sequence[Evidence], subject: str) -> Conflict:
    printed = sorted({e.unread or "" for e in unread})
    countries = sorted({e.country or "" for e in ranked})
    detail = (
        f"printed with a country kyotei could not read ({', '.join(map(repr, printed))}) at "
        f"{', '.join(f'{e.place.document}:{e.place.line}' for e in sorted(unread, key=_at))}, "
        f"and elsewhere with {', '.join(countries)}: not joined by the name alone (a namesake "
        "in another country is printed the same); merge them by a curated override if they "
        "are one"
    )
    return Conflict(
        "country.unread",
        "open",
        "country.unread-not-joined",
        subject,
        detail,
        tuple(sorted({e.place for e in unread} | {e.place for e in ranked})),
        values=tuple(countries),
    )


def _at(e: Evidence) -> Place:
    return e.place


def _settled(cluster: Sequence[Evidence], country: str, top: int, subject: str) -> list[Conflict]:
    losing = [e for e in cluster if e.country and e.country != country]
    if not losing:
        return []
    winners = sorted(e.place for e in cluster if e.country == country and e.rank == top)
    kinds = sorted({RANK_NAMES[e.rank] for e in losing})
    detail = (
        f"printed with {', '.join(sorted({e.country or '' for e in losing}))} at "
        f"{', '.join(f'{p.document}:{p.line}' for p in sorted(e.place for e in losing))} "
        f"({'/'.join(kinds)} evidence), but with {country} at "
        f"{', '.join(f'{p.document}:{p.line}' for p in winners[:5])}"
        f"{' …' if len(winners) > 5 else ''} ({RANK_NAMES[top]} evidence): the clean section "
        f"wins; those agreements take {country} (countryBasis resolved)"
    )
    return [
        Conflict(
            "country.layout-disagrees",
            "settled",
            "country.clean-section-wins",
            subject,
            detail,
            tuple(sorted({e.place for e in losing} | set(winners))),
            values=tuple(sorted({country} | {e.country or "" for e in losing})),
        )
    ]


def regroup_regions(records: list[AgreementRecord]) -> list[AgreementRecord]:
    """An agreement whose country was *resolved* takes the region its own document prints
    beside that country, when its region was only carried or derived from the old country.

    Regions are the documents' grouping: the evidence is the rows of the same document that
    print both a country and an area on one line. A region printed on the agreement's own row
    is never changed; without evidence the region stays as it was.
    """
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        if (
            record.country
            and record.region
            and record.country_basis is Basis.PRINTED
            and record.region_basis is Basis.PRINTED
        ):
            votes[(record.document, record.country)][record.region] += 1
    regrouped: list[AgreementRecord] = []
    for record in records:
        counts = votes.get((record.document, record.country or ""))
        if (
            counts
            and record.country_basis is Basis.RESOLVED
            and record.region_basis in (Basis.CARRIED, Basis.DOCUMENT, None)
        ):
            region = min(counts, key=lambda key: (-counts[key], key))
            if region != record.region:
                note = Repair(
                    rule="identity.region-regrouped",
                    description=(
                        f"country resolved to {record.country}; region "
                        f"{record.region or 'none'} ({record.region_basis or 'unread'}) "
                        f"replaced by {region}, the area this document prints beside "
                        f"{record.country} ({counts[region]} line(s))"
                    ),
                    lines=(record.source.line,),
                )
                record = replace(
                    record,
                    region=region,
                    region_basis=Basis.DOCUMENT,
                    region_text=None,
                    repairs=(*record.repairs, note),
                )
        regrouped.append(record)
    return regrouped
