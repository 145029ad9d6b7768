"""Quantities in a sentence: the number, its unit, and the comparator the words around it say."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from ezhou_recovery.drafting._patterns import ARABIC, CHINESE, ENUMERATION, RANGE_AFTER
from ezhou_recovery.drafting._review import DraftState, ReviewSubject
from ezhou_recovery.drafting._text import Piece, cn_number, split_at
from ezhou_recovery.drafting._vocabulary import (
    AT_LEAST_WORDS,
    AT_MOST_WORDS,
    CIRCLES,
    DATE_UNITS,
    HEDGE_WORDS,
    NOUN_UNITS,
    SEATED,
    all_unit_words,
    head_unit,
    noun_after,
    noun_before,
    unit_words,
)
from ezhou_recovery.errors import UnitError
from ezhou_recovery.model.targets import Comparator
from ezhou_recovery.units import (
    GENERIC_MEASURE_WORDS,
    Quantity,
    is_money,
    parse_quantity,
    parse_unit,
    ureg,
)


@attrs.frozen
class Found:
    """A quantity in a sentence: where, what, and the words that say how to read it."""

    start: int
    end: int
    number: Decimal
    unit_word: str
    quantity: Quantity
    reasons: tuple[str, ...]
    unit_guessed: bool


def find_quantities(sentence: Piece, skip: list[tuple[int, int]], state: DraftState) -> list[Found]:
    """The quantities of a sentence that can be targets, in order; others go to the review."""
    text = sentence.normal
    candidates: list[tuple[int, int, Decimal]] = []
    for m in ARABIC.finditer(text):
        candidates.append((m.start(), m.end(), Decimal(m.group(0))))
    quoted = _quoted(text)
    for m in CHINESE.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        value = cn_number(m.group(0))
        if value is not None:
            candidates.append((m.start(), m.end(), Decimal(value)))
    candidates.sort()
    found: list[Found] = []
    for start, end, number in candidates:
        if any(a <= start < b for a, b in skip):
            continue
        item = _read_quantity(text, start, end, number, found)
        if isinstance(item, str):
            if item:
                state.add(
                    ReviewSubject.UNREAD,
                    None,
                    sentence.sub(start, min(len(text), end + 6)).span(),
                    [("number", text[start:end])],
                    (item,),
                )
            continue
        found.append(item)
    return found


def _quoted(text: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"“[^“”]{0,30}”|\"[^\"]{0,30}\"", text):
        out.append((m.start(), m.end()))
    return out


def _read_quantity(
    text: str, start: int, end: int, number: Decimal, before: list[Found]
) -> Found | str:
    """Read the unit after a number; a string says why it is not a target ('' for silence)."""
    chinese = not text[start].isdigit()
    if start > 0 and text[start - 1] in "第":
        return ""
    if RANGE_AFTER.match(text, end) or (start > 0 and text[start - 1] in "—-\u2013~"):
        return "a range of numbers: not read as a target"
    pos = end
    multiplier = Decimal(1)
    if text[pos : pos + 1] in ("万", "亿") and not text.startswith(("亿元", "万元"), pos):
        multiplier = Decimal(10_000) if text[pos] == "万" else Decimal(100_000_000)
        pos += 1
    words, longest = unit_words()
    reasons: list[str] = []
    value = number * multiplier
    nxt = text[pos : pos + 1]
    if not nxt:
        return "" if chinese else "a number without a unit"
    if nxt in GENERIC_MEASURE_WORDS:
        after = pos + 1
        if nxt == "座" and value >= 100 and any(text.startswith(s, after) for s in SEATED):
            return Found(
                start,
                after,
                value,
                "个座位",
                quantity_of(value, "个座位"),
                ("座 before a venue: seats",),
                False,
            )
        noun = noun_after(text, after)
        head = head_unit(noun) if noun else None
        if head:
            reasons.append(f"unit from the noun after the number ({noun})")
            return Found(start, after, value, head, quantity_of(value, head), tuple(reasons), False)
        floor = before[-1].end if before else 0
        noun = noun_before(text, start, floor)
        head = head_unit(noun) if noun else None
        if head:
            reasons.append(f"unit from the noun before the number ({noun})")
            return Found(start, after, value, head, quantity_of(value, head), tuple(reasons), False)
        prev = next((f for f in reversed(before) if f.quantity.units != ureg.piece), None)
        if prev is not None and not chinese and before[-1].end >= start - 12:
            reasons.append(f"unit of the count before it ({prev.unit_word})")
            return Found(
                start,
                after,
                value,
                prev.unit_word,
                quantity_of(value, prev.unit_word),
                tuple(reasons),
                False,
            )
        if chinese:
            return ""
        reasons.append(f"{nxt}: a count of unnamed things")
        return Found(start, after, value, nxt, quantity_of(value, "个"), tuple(reasons), True)
    if text.startswith("%", pos):
        return Found(start, pos + 1, value, "%", quantity_of(value, "%"), (), False)
    word = None
    for n in range(min(longest + 8, len(text) - pos), 0, -1):
        cand = text[pos : pos + n]
        if (cand in words or cand in all_unit_words()) and cand not in NOUN_UNITS:
            word = cand
            break
    if word is None:
        return (
            "" if chinese else f"no unit the library knows after the number ({text[pos : pos + 4]})"
        )
    if word in DATE_UNITS:
        return ""
    e = pos + len(word)
    if word == "公里" and text.startswith("/平方公里", e):
        word, e = "公里/平方公里", e + 5
    floor = before[-1].end if before else 0
    if "人均" in text[max(floor, start - 16) : start] and word in (
        "平方米",
        "平方公里",
        "公顷",
        "亩",
    ):
        word = f"{word}/人"
        reasons.append("人均: per person")
    q = quantity_of(value, word)
    if q.dimensionality == ureg.year.dimensionality and word in ("年",):
        return ""
    if is_money(q) and not re.search(r"完成|累计|到位|争取", text[max(0, start - 12) : start]):
        return "an amount of money (a cost, not a target)"
    tail = text[e : e + 8]
    if (
        tail[:1]
        and ("\u4e00" <= tail[0] <= "\u9fff")
        and not re.match(r"以上|以下|以内|之内|左右|的|和|及|或|、", tail)
    ):
        noun = noun_after(text, e)
        if noun.endswith(CIRCLES) and q.dimensionality == ureg.minute.dimensionality:
            return Found(start, e, value, word, q, ("a circle of this radius: at most",), False)
        if "能力" in noun:
            return Found(start, e, value, word, q, (f"a capacity ({word}{noun})",), False)
        if "范围" in tail:
            return "an area (…范围内): read as a scope, not a target"
        return f"describes a thing ({word}{noun}), not a target"
    return Found(start, e, value, word, q, tuple(reasons), False)


@cache
def unit_text(unit: Any) -> str:
    """A unit as the review writes it (``km``, ``%``; ``1`` for a pure number)."""
    return f"{unit:~P}" or "1"


def quantity_of(value: Decimal, word: str) -> Quantity:
    """``value`` in the unit the word names (万元, 公里, 个座位); a unit word pint does not parse
    whole is read as a unit on its own."""
    text = format(value.normalize(), "f")
    try:
        return parse_quantity(f"{text}{word}")
    except UnitError:
        return parse_quantity(text, unit=parse_unit(word)) if word else parse_quantity(text)


def read_comparator(
    text: str, f: Found, floor: int, previous: Comparator | None
) -> tuple[Comparator, str | None, bool]:
    """The comparator of a quantity, the word that says it, and whether it is a hedge (力争)."""
    after = text[f.end : f.end + 3]
    if after.startswith(("以上", "及以上")):
        return Comparator.AT_LEAST, "以上", False
    if after.startswith(("以下", "以内", "之内")):
        return Comparator.AT_MOST, after[:2], False
    if any("圈" in r or "at most" in r for r in f.reasons):
        return Comparator.AT_MOST, "…圈", False
    window = text[max(floor, f.start - 14) : f.start]
    best: tuple[int, Comparator, str] | None = None
    for words, comparator in (
        (AT_MOST_WORDS, Comparator.AT_MOST),
        (AT_LEAST_WORDS, Comparator.AT_LEAST),
    ):
        for w in words:
            i = window.rfind(w)
            if i >= 0 and (
                best is None
                or i + len(w) > best[0]
                or (i + len(w) == best[0] and len(w) > len(best[2]))
            ):
                best = (i + len(w), comparator, w)
    hedge = any(h in text[max(0, f.start - 30) : f.start] for h in HEDGE_WORDS)
    if best is not None:
        return best[1], best[2], hedge
    if previous is not None:
        return previous, None, hedge
    return Comparator.AT_LEAST, None, hedge


def enumerations(sentence: Piece, found: list[Found]) -> list[Found]:
    """Clauses that list the things to set up by name without a number (组建A、B、C区级疾控中心)."""
    out: list[Found] = []
    offset = sentence.start
    for clause in split_at(sentence, frozenset(",:")):
        a, b = clause.start - offset, clause.end - offset
        if any(a <= f.start < b for f in found):
            continue
        m = ENUMERATION.search(clause.normal)
        if not m:
            continue
        items = m.group(1).split("、")
        head = head_unit(items[-1])
        if head is None or not items[-1].endswith(head):
            continue
        value = Decimal(len(items))
        reason = f"no number: the {len(items)} names listed are counted"
        out.append(
            Found(a + m.start(1), b, value, head, quantity_of(value, head), (reason,), False)
        )
    return out
