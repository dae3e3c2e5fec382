"""Repairs of the department table from the document's own evidence (stated counts).

Each department header states how many partners it has. Where the extraction moved rows
across a header, the counts show it, and a repair is possible *only* when the counts fit
exactly; otherwise nothing moves and the mismatch is reported.

Rules, applied in this order (each records a :class:`Repair` naming its evidence):

``dept.header-line-partner``
    Partners printed on a header's own line belong to the previous department when that
    department is short by exactly their number and this one keeps at least its stated
    count without them.
``dept.block-printed-twice``
    The rows after a department's count is reached (its *overflow*) share at least half of
    their partners with the next department, and overflow plus the next department give
    exactly the next department's stated count: the block was printed under the wrong
    header and again under the right one. It is merged into the next department; partners
    printed twice become one agreement with both places in its provenance.
``dept.rows-before-header``
    Otherwise, the last rows of the overflow hold exactly as many partners as the next
    department is short of: they were printed before their header and move to it.
``dept.headerless-block``
    Overflow that no rule explains stays a block of its own with no home unit: the header
    was lost. It is reported, never assigned by guess (a curated override can assign it).
"""

from __future__ import annotations

from itertools import pairwise

from kyotei.graph.model.records import Repair
from kyotei.loaders.layouts.department.rows import Block, Item, Row


def _count(rows: list[Row]) -> int:
    return len({item.key for row in rows for item in row.items})


def _lines(rows: list[Row]) -> tuple[int, ...]:
    return tuple(row.line for row in rows)


def move_header_line_partners(blocks: list[Block]) -> None:
    """``dept.header-line-partner``: the first partners printed on a header's line.

    The previous department must be short by exactly ``k`` and this one keep at least its
    stated count without its first ``k`` header-line partners. When only some of the line's
    partners move, the row's area and country stay with the ones that remain (they are
    printed for them), and the moved ones get no country from the layout.
    """
    for previous, block in pairwise(blocks):
        if previous.header is None or block.header is None or not block.rows:
            continue
        header_row = block.rows[0]
        short = previous.header.stated - len(previous.distinct())
        if short <= 0 or short > len(header_row.items):
            continue
        moved = header_row.items[:short]
        keys = {item.key for item in moved}
        remaining = {k for k in block.distinct() if k not in keys}
        if len(keys) != short or len(remaining) < block.header.stated:
            continue
        whole = short == len(header_row.items)
        carrier = Row(line=header_row.line, line_text=header_row.line_text, items=list(moved))
        if whole:
            carrier.area, carrier.area_text = header_row.area, header_row.area_text
            carrier.countries, carrier.country_text = header_row.countries, header_row.country_text
            header_row.area, header_row.area_text = None, None
            header_row.countries, header_row.country_text = (), None
        else:
            carrier.no_carry = True
        header_row.items = header_row.items[short:]
        previous.rows.append(carrier)
        names = ", ".join(item.name for item in moved)
        previous.repairs.append(
            Repair(
                rule="dept.header-line-partner",
                description=(
                    f"{names}, printed first on the header line of {block.header.text}, "
                    f"moved to {previous.header.text}: that department was short by exactly "
                    f"{short}, and {block.header.text} keeps {len(remaining)} without "
                    + ("them" if whole else "them (the line's country is not theirs: left open)")
                ),
                lines=(header_row.line,),
            )
        )


def _exact_prefix(block: Block) -> int | None:
    """Number of rows after which the block's distinct count equals its stated count."""
    assert block.header is not None  # noqa: S101 - callers pass header blocks only
    keys: set[str] = set()
    for index, row in enumerate(block.rows):
        keys.update(item.key for item in row.items)
        if len(keys) == block.header.stated:
            # the prefix ends after the last row that still adds nothing new
            end = index + 1
            while (
                end < len(block.rows)
                and all(item.key in keys for item in block.rows[end].items)
                and block.rows[end].items
            ):
                end += 1
            return end
        if len(keys) > block.header.stated:
            return None
    return None


def split_overflow(blocks: list[Block]) -> list[Block]:
    """Apply the overflow rules; return the new list of blocks."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        result.append(block)
        index += 1
        if block.header is None or len(block.distinct()) <= block.header.stated:
            continue
        cut = _exact_prefix(block)
        if cut is None or cut >= len(block.rows):
            continue
        overflow = block.rows[cut:]
        del block.rows[cut:]
        following = blocks[index] if index < len(blocks) else None
        leftover = _place_overflow(block, overflow, following)
        if leftover:
            lines = _lines(leftover)
            orphan = Block(
                header=None,
                rows=leftover,
                note=(
                    f"rows {lines[0]}-{lines[-1]} follow {block.header.text} after its "
                    f"stated count is reached; no rule assigns them: their header is lost"
                ),
            )
            orphan.repairs.append(
                Repair(
                    rule="dept.headerless-block",
                    description=orphan.note,
                    lines=lines,
                )
            )
            result.append(orphan)
    return result


def _place_overflow(block: Block, overflow: list[Row], following: Block | None) -> list[Row]:
    """Give overflow rows to the following department where the counts prove it."""
    if following is None or following.header is None:
        return overflow
    target = following.header.stated
    own = following.distinct()
    over_keys = {item.key for row in overflow for item in row.items}
    shared = over_keys & set(own)
    assert block.header is not None  # noqa: S101
    if over_keys and 2 * len(shared) >= len(over_keys) and len(over_keys | set(own)) == target:
        following.rows.extend(overflow)  # after its own rows: those stand under the right header
        following.repairs.append(
            Repair(
                rule="dept.block-printed-twice",
                description=(
                    f"rows {overflow[0].line}-{overflow[-1].line}, printed after "
                    f"{block.header.text} reached its count, repeat {len(shared)} of their "
                    f"{len(over_keys)} partners under {following.header.text}; merged there, "
                    f"giving its stated {target}"
                ),
                lines=_lines(overflow),
            )
        )
        return []
    short = target - len(own)
    if short <= 0:
        return overflow
    for start in range(len(overflow) - 1, -1, -1):
        tail = overflow[start:]
        tail_keys = {item.key for row in tail for item in row.items} - set(own)
        if len(tail_keys) == short:
            following.rows[0:0] = tail
            following.repairs.append(
                Repair(
                    rule="dept.rows-before-header",
                    description=(
                        f"rows {tail[0].line}-{tail[-1].line} stand before the header "
                        f"{following.header.text}, which is short by exactly {short} "
                        f"without them; moved there"
                    ),
                    lines=_lines(tail),
                )
            )
            return overflow[:start]
        if len(tail_keys) > short:
            break
    return overflow


def primary_items(block: Block) -> dict[str, tuple[Item, list[Item]]]:
    """Each distinct partner with the occurrence that stands for it and the others.

    The primary occurrence is the first one printed alone on its row (its row's country
    cannot belong to a neighbour), else the first printed.
    """
    groups: dict[str, list[Item]] = {}
    for item in block.items():
        groups.setdefault(item.key, []).append(item)
    result: dict[str, tuple[Item, list[Item]]] = {}
    for key, items in groups.items():
        alone = [item for item in items if item.alone]
        primary = alone[0] if alone else items[0]
        result[key] = (primary, [item for item in items if item is not primary])
    return result
