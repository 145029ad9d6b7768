"""Measuring a draft against a programme encoded by hand from the same text."""

from __future__ import annotations

import re
from typing import Any, Final

import attrs

from ezhou_recovery.drafting._text import TO_ASCII
from ezhou_recovery.model.programme import Category, Programme
from ezhou_recovery.model.targets import Baseline, Target


@attrs.frozen
class FieldScore:
    """How well one field was drafted.

    Attributes:
        name: The field (value, unit, comparator, baseline, deadline, kind, ...).
        correct: Reference items whose matched draft has the same value of the field.
        reference: Reference items that have the field.
        drafted: Drafted items that have the field.
    """

    name: str
    correct: int
    reference: int
    drafted: int

    @property
    def recall(self) -> float:
        """Share of the reference's items drafted with the same value (1 when there are none)."""
        return self.correct / self.reference if self.reference else 1.0

    @property
    def precision(self) -> float:
        """Share of the drafted items that carry the reference's value (1 when there are none)."""
        return min(1.0, self.correct / self.drafted) if self.drafted else 1.0


@attrs.frozen
class DraftScore:
    """A draft compared with a programme encoded by hand from the same text.

    Matching rule: a drafted target matches a reference target of the category with the same number
    when the reference's clause lies within the drafted target's clause (its source sentence), or
    the two share most of their characters (Dice coefficient of their characters at least 0.6); each
    target matches at most one, the pairs that agree on most fields first.

    Attributes:
        fields: Recall and precision per target field.
        quantitative: Reference targets with a value that were drafted with the same value, unit,
            comparator, baseline and deadline, and how many there are.
        unmatched: Drafted targets that match no reference target, and how many were drafted.
        categories: Per category field (name, leader, lead departments, portfolio): recall and
            precision over the categories.
        duties: Reference reporting duties drafted with the same rule, reporters, departments and
            recipient, and how many there are.
    """

    fields: tuple[FieldScore, ...]
    quantitative: tuple[int, int]
    unmatched: tuple[int, int]
    categories: tuple[FieldScore, ...]
    duties: tuple[int, int]

    def field(self, name: str) -> FieldScore:
        """The score of the field ``name``.

        Raises:
            KeyError: No such field.
        """
        for f in (*self.fields, *self.categories):
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def quantitative_recall(self) -> float:
        """Share of the reference's quantitative targets recovered whole."""
        got, total = self.quantitative
        return got / total if total else 1.0

    @property
    def unmatched_share(self) -> float:
        """Share of the drafted targets that match nothing in the reference."""
        none, total = self.unmatched
        return none / total if total else 0.0

    def table(self) -> str:
        """The scores as a Markdown table."""
        rows = [
            "| Field | Recall | Precision | Correct | Reference | Drafted |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in (*self.fields, *self.categories):
            rows.append(
                f"| {f.name} | {f.recall:.1%} | {f.precision:.1%} | {f.correct} | {f.reference} | {f.drafted} |"
            )
        got, total = self.quantitative
        rows.append(
            f"| quantitative target, all five fields | {self.quantitative_recall:.1%} | | {got} | {total} | |"
        )
        dgot, dtotal = self.duties
        rows.append(
            f"| reporting duty | {dgot / dtotal if dtotal else 1:.1%} | | {dgot} | {dtotal} | |"
        )
        none, drafted = self.unmatched
        rows.append(
            f"| drafted targets matching nothing | {self.unmatched_share:.1%} | | {none} | | {drafted} |"
        )
        return "\n".join(rows) + "\n"


def _plain(text: str | None) -> str:
    return re.sub(r"\s+", "", (text or "").translate(TO_ASCII))


def _dice(a: str, b: str) -> float:
    from collections import Counter

    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def _same_baseline(a: Baseline | None, b: Baseline | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.value == b.value and a.qualifier is b.qualifier)


def _target_fields(t: Target) -> dict[str, Any]:
    fields: dict[str, Any] = {"deadline": t.deadline, "kind": t.kind}
    if t.value is not None:
        fields.update(value=t.value, unit=t.value.units, comparator=t.comparator)
    if t.baseline is not None:
        fields["baseline"] = t.baseline
    return fields


def _agrees(name: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two targets' fields (:func:`_target_fields`) both have ``name``, with one value."""
    if name not in a or name not in b:
        return False
    if name == "baseline":
        return _same_baseline(a[name], b[name])
    if name == "value":
        return bool(a[name].units == b[name].units and a[name] == b[name])
    return bool(a[name] == b[name])


_TARGET_FIELDS: Final = ("value", "unit", "comparator", "baseline", "deadline", "kind")


def _pairs(drafted: Programme, reference: Programme) -> list[tuple[Target, Target]]:
    """Drafted and reference targets matched one to one (the rule of :class:`DraftScore`)."""
    names = _TARGET_FIELDS
    pairs: list[tuple[Target, Target]] = []
    ref_by_number = {c.number: c for c in reference.categories}
    for dc in drafted.categories:
        rc = ref_by_number.get(dc.number)
        if rc is None:
            continue
        scored = []
        for d in dc.targets:
            dn = _plain(d.clause_zh or d.description_zh)
            for r in rc.targets:
                rn = _plain(r.clause_zh or r.description_zh)
                within = bool(rn) and rn in dn
                dice = _dice(rn, dn)
                if not (within or dice >= 0.6):
                    continue
                df, rf = _target_fields(d), _target_fields(r)
                agree = sum(1 for n in names if _agrees(n, df, rf))
                agree += sum(1 for n in names if (n in df) == (n in rf))
                scored.append((agree, within, dice, d.key, r.key, d, r))
        scored.sort(key=lambda s: (-s[0], -s[1], -s[2], s[3], s[4]))
        used_d: set[str] = set()
        used_r: set[str] = set()
        for _, _, _, dk, rk, d, r in scored:
            if dk not in used_d and rk not in used_r:
                used_d.add(dk)
                used_r.add(rk)
                pairs.append((d, r))
    return pairs


def _whole(d: Target, r: Target) -> bool:
    """Whether a drafted target has the reference's value, unit, comparator, baseline and deadline."""
    return (
        r.value is not None
        and d.value is not None
        and d.value.units == r.value.units
        and d.value == r.value
        and d.comparator is r.comparator
        and d.deadline == r.deadline
        and _same_baseline(d.baseline, r.baseline)
    )


def draft_differences(drafted: Programme, reference: Programme) -> tuple[list[str], list[Target]]:
    """The reference's quantitative targets not recovered whole (each with what was drafted for
    it), and the drafted targets that match nothing."""
    pairs = _pairs(drafted, reference)
    by_ref = {r.key: d for d, r in pairs}
    missed = []
    for r in reference.targets:
        if r.value is None:
            continue
        d = by_ref.get(r.key)
        if d is None:
            missed.append(f"{r.key} ({r.describe_value()}): nothing drafted for {r.clause_zh!r}")
        elif not _whole(d, r):
            missed.append(f"{r.key} ({r.describe_value()}): drafted {d.key} ({d.describe_value()})")
    matched = {d.key for d, _ in pairs}
    return missed, [d for d in drafted.targets if d.key not in matched]


def score_draft(drafted: Programme, reference: Programme) -> DraftScore:
    """Compare a drafted programme with one encoded by hand from the same text (see :class:`DraftScore`)."""
    names = _TARGET_FIELDS
    pairs = _pairs(drafted, reference)
    fields = []
    for n in names:
        correct = 0
        for d, r in pairs:
            if _agrees(n, _target_fields(d), _target_fields(r)):
                correct += 1
        fields.append(
            FieldScore(
                n,
                correct,
                sum(1 for r in reference.targets if n in _target_fields(r)),
                sum(1 for d in drafted.targets if n in _target_fields(d)),
            )
        )
    whole = sum(1 for d, r in pairs if _whole(d, r))
    quantitative = (whole, sum(1 for r in reference.targets if r.value is not None))
    matched = {d.key for d, _ in pairs}
    unmatched = (sum(1 for d in drafted.targets if d.key not in matched), len(drafted.targets))
    cats = _category_scores(drafted, reference)
    duty_hits = 0
    for ro in reference.obligations:
        for o in drafted.obligations:
            if (
                o.rule == ro.rule
                and o.reporters is ro.reporters
                and {x.name_zh for x in o.departments} == {x.name_zh for x in ro.departments}
                and o.recipient_zh == ro.recipient_zh
            ):
                duty_hits += 1
                break
    return DraftScore(
        tuple(fields), quantitative, unmatched, cats, (duty_hits, len(reference.obligations))
    )


def _category_scores(drafted: Programme, reference: Programme) -> tuple[FieldScore, ...]:
    def views(c: Category) -> dict[str, Any]:
        out: dict[str, Any] = {
            "category name": c.name_zh,
            "leader": None if c.leader is None else c.leader.name_zh,
            "lead departments": frozenset(d.name_zh for d in c.lead_departments),
        }
        if c.portfolio is not None:
            out["portfolio"] = c.portfolio
        return out

    by_number = {c.number: c for c in drafted.categories}
    out = []
    for name in ("category name", "leader", "lead departments", "portfolio"):
        correct = 0
        for r in reference.categories:
            d = by_number.get(r.number)
            rv = views(r).get(name)
            if d is not None and rv is not None and views(d).get(name) == rv:
                correct += 1
        out.append(
            FieldScore(
                name,
                correct,
                sum(1 for r in reference.categories if name in views(r)),
                sum(1 for d in drafted.categories if name in views(d)),
            )
        )
    return tuple(out)
