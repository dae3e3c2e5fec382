"""One agreement printed with two signing dates.

After identity resolution, two records of one document name the same agreement when they
have the same level, the same home unit and the same partner (resolved institution and
unit). When their printed dates differ, the conflict is reported with both lines and
settled by rule ``date.clean-section-wins`` when exactly one date stands in an undamaged
section (the others in a damaged table): that date is the agreement's, and the other
records carry it with a repair naming the rule. Otherwise it is left open (the builder then
keeps the first printing's date, and says so).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from kyotei.graph.identity.model import Conflict, InstitutionRef, Place
from kyotei.graph.identity.names import typographic
from kyotei.graph.model.records import AgreementRecord, Repair

RULE = "date.clean-section-wins"


def date_conflicts(
    records: Sequence[AgreementRecord],
    refs: Sequence[InstitutionRef],
    is_clean: Callable[[AgreementRecord], bool],
) -> tuple[list[AgreementRecord], list[Conflict]]:
    """Find agreements printed with two dates; settle those a clean section decides."""
    groups: dict[tuple[str, str, str, InstitutionRef, str], list[int]] = defaultdict(list)
    for i, (record, ref) in enumerate(zip(records, refs, strict=True)):
        unit = typographic(record.partner.unit_ja or record.partner.unit_en or "")
        home = typographic(record.home_unit_ja or "")
        groups[(record.document, record.level.value, home, ref, unit)].append(i)
    out = list(records)
    conflicts: list[Conflict] = []
    for (_doc, _level, _home, ref, _unit), members in sorted(groups.items(), key=lambda g: g[1]):
        dated = [i for i in members if records[i].signed_on is not None]
        dates = sorted({d for i in dated if (d := records[i].signed_on) is not None})
        if len(dates) < 2:
            continue
        clean_dates = {records[i].signed_on for i in dated if is_clean(records[i])}
        places = tuple(
            Place(records[i].document, records[i].source.line, records[i].source.text)
            for i in dated
        )
        values = tuple(d.isoformat() for d in dates)
        subject = records[members[0]].source.text
        if len(clean_dates) == 1:
            (winner,) = clean_dates
            assert winner is not None  # noqa: S101 - dated records only
            for i in dated:
                if records[i].signed_on != winner:
                    repair = Repair(
                        RULE,
                        f"printed here with {records[i].signed_on}, but with {winner} in an "
                        "undamaged section: the clean section wins",
                        tuple(p.line for p in places),
                    )
                    out[i] = replace(
                        records[i], signed_on=winner, repairs=(*records[i].repairs, repair)
                    )
            detail = (
                f"one agreement printed with {len(dates)} dates; {winner} stands in the "
                "clean section"
            )
            conflicts.append(
                Conflict(
                    "agreement.two-dates", "settled", RULE, subject, detail, places, (ref,), values
                )
            )
        else:
            detail = (
                f"one agreement printed with {len(dates)} dates and no clean section to decide: "
                "left for curation (the graph keeps the first printing's date)"
            )
            conflicts.append(
                Conflict(
                    "agreement.two-dates",
                    "open",
                    "date.undecided",
                    subject,
                    detail,
                    places,
                    (ref,),
                    values,
                )
            )
    return out, conflicts
