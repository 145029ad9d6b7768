"""Targets: a target for each quantity of a sentence (with its baseline, deadline and kind), and
the goals without a number."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Final

import attrs

from ezhou_recovery.drafting._deadlines import (
    deadline_for,
    deadline_hits,
    pick_deadline,
    settle_deadline,
)
from ezhou_recovery.drafting._districts import each_district
from ezhou_recovery.drafting._draft import MAX_SENTENCE_CHARS, MAX_TARGETS
from ezhou_recovery.drafting._patterns import (
    ANNUAL,
    BASELINE,
    DEADLINE,
    EACH_DISTRICT,
    PORTFOLIO_COUNT,
    PORTFOLIO_TOTAL,
)
from ezhou_recovery.drafting._quantities import (
    Found,
    enumerations,
    find_quantities,
    quantity_of,
    read_comparator,
    unit_text,
)
from ezhou_recovery.drafting._review import TODO, DraftState, ReviewSubject
from ezhou_recovery.drafting._structure import CategoryText
from ezhou_recovery.drafting._text import SENTENCE_END, Piece, split_at
from ezhou_recovery.drafting._vocabulary import (
    BUILD_VERBS,
    LEVEL_NOUNS,
    LEVEL_WORDS,
    MILESTONE_VERBS,
    ONE_OFF_VERBS,
    all_unit_words,
)
from ezhou_recovery.errors import EzhouRecoveryError
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.targets import (
    Baseline,
    BaselineQualifier,
    Comparator,
    Section,
    Target,
    TargetKind,
)
from ezhou_recovery.units import format_quantity, is_money, ureg

#: The plan's section named as the programme file names it.
_SECTIONS: Final = {"goals": Section.GOALS, "tasks": Section.TASKS}
#: A verb of completion after a date or 将 (2020年底前建成, 将启动): a milestone.
_MILESTONE_AFTER_DATE: Final = re.compile(r"(?:底|前|将)(?:" + "|".join(MILESTONE_VERBS) + ")")


def draft_targets(cat: CategoryText, key: str, period: Period, state: DraftState) -> list[Target]:
    """The targets of a category's goals and tasks, keyed in the order of the text
    (``<category>.goal_01``, ``<category>.task_01``)."""
    out: list[Target] = []
    counters = {"goals": 0, "tasks": 0}

    def next_key(section: str) -> str:
        counters[section] += 1
        prefix = "goal" if section == "goals" else "task"
        return f"{key}.{prefix}_{counters[section]:02d}"

    pieces = [("goals", p) for p in cat.goals]
    tasks = [p for _, p in cat.tasks] + cat.task_text
    pieces += [("tasks", p) for p in sorted(tasks, key=lambda p: (p.line.number, p.start))]
    pending = iter(range(1, 1 << 62))
    for section, piece in pieces:
        for sentence in split_at(piece, SENTENCE_END):
            if state.targets >= MAX_TARGETS:
                state.add(
                    ReviewSubject.UNREAD,
                    None,
                    sentence.span(),
                    reasons=(f"{MAX_TARGETS} targets drafted: the rest of the text is not read",),
                )
                return out
            if len(sentence.normal) > MAX_SENTENCE_CHARS:
                state.add(
                    ReviewSubject.UNREAD,
                    None,
                    sentence.sub(0, 40).span(),
                    reasons=(
                        f"a sentence of {len(sentence.normal)} characters: longer than "
                        f"{MAX_SENTENCE_CHARS}, not read",
                    ),
                )
                continue
            if PORTFOLIO_TOTAL.search(sentence.normal) and PORTFOLIO_COUNT.search(sentence.normal):
                continue
            mark = len(state.review)
            made = sorted(
                _sentence_targets(
                    sentence,
                    section,
                    period,
                    lambda _: f"{key}.pending_{next(pending)}",
                    state,
                ),
                key=lambda pair: pair[0],
            )
            # keys follow the order of the text
            rename = {t.key: next_key(section) for _, t in made}
            out.extend(attrs.evolve(t, key=rename[t.key]) for _, t in made)
            state.targets += len(made)
            state.review[mark:] = [
                attrs.evolve(i, key=rename[i.key]) if i.key in rename else i
                for i in state.review[mark:]
            ]
    return out


def _sentence_targets(
    sentence: Piece,
    section: str,
    period: Period,
    next_key: Callable[[str], str],
    state: DraftState,
) -> Iterator[tuple[int, Target]]:
    text = sentence.normal
    baselines: list[tuple[re.Match[str], int, int]] = []
    skip: list[tuple[int, int]] = []
    for m in BASELINE.finditer(text):
        baselines.append((m, m.start(), m.end()))
        skip.append((m.start(), m.end()))
    found = find_quantities(sentence, skip, state)
    found = sorted([*found, *enumerations(sentence, found)], key=lambda f: f.start)
    hits = deadline_hits(text, skip)
    baseline_ends = {b[2]: b for b in baselines}
    sec = _SECTIONS[section]
    covered: list[tuple[int, int]] = []
    previous: Comparator | None = None
    clause_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in ",:"]
    for i, f in enumerate(found):
        clause_start = clause_starts[bisect.bisect_right(clause_starts, f.start) - 1]
        floor = max(clause_start, found[i - 1].end if i else 0)
        comparator, word, hedge = read_comparator(
            text, f, floor, previous if i and found[i - 1].end >= clause_start else None
        )
        previous = comparator
        reasons = list(f.reasons)
        todo: list[str] = ["description_en: English description", "key: rename"]
        reasons.append(
            f"comparator {comparator.value} from {word!r}"
            if word
            else f"no comparator word: {comparator.value}"
        )
        if hedge:
            reasons.append("力争/争取: an aspiration, drafted as a promise")
        if f.unit_guessed:
            todo.append("value: the unit is a count of unnamed things (个, 座…); name it")
        baseline = None
        base_match = next(
            (baseline_ends[e] for e in range(f.start - 2, f.start + 1) if e in baseline_ends), None
        )
        if base_match is not None:
            bm = base_match[0]
            qual = {
                "不足": BaselineQualifier.LESS_THAN,
                "不到": BaselineQualifier.LESS_THAN,
                "少于": BaselineQualifier.LESS_THAN,
                "大约": BaselineQualifier.ABOUT,
                "约": BaselineQualifier.ABOUT,
                "近": BaselineQualifier.ABOUT,
                "超过": BaselineQualifier.MORE_THAN,
                "多于": BaselineQualifier.MORE_THAN,
            }.get(bm.group(2) or "", BaselineQualifier.EXACT)
            note = re.sub(r"的$", "", bm.group(1).strip()) or None
            try:
                bq = quantity_of(Decimal(bm.group(3)), bm.group(4).strip() or f.unit_word)
                if bq.dimensionality != f.quantity.dimensionality:
                    bq = quantity_of(Decimal(bm.group(3)), f.unit_word)
                as_of = None
                if note and (y := re.fullmatch(r"((?:19|20)\d\d)年(?:底|末)?", note)):
                    as_of = date(int(y.group(1)), 12, 31)
                baseline = Baseline(bq, qual, as_of, note)
                verb = bm.group(5)
                if re.search(r"降|减|压|缩", verb):
                    comparator = Comparator.AT_MOST
                reasons.append(f"baseline from {bm.group(0)!r}")
            except EzhouRecoveryError:
                todo.append(f"baseline: {bm.group(0)!r} could not be read")
        deadline = settle_deadline(
            *pick_deadline(hits, text, f.start, period), period, reasons, todo
        )
        kind, why = _kind(text, f, clause_start, baseline is not None)
        districts, why_districts = each_district(text[: f.start], state.districts)
        if _one_off_build(text[clause_start : f.start], f, kind, districts):
            kind, why = TargetKind.MILESTONE, "one named build (建成…1个): a milestone"
        reasons.append(why)
        description = _description(sentence, clause_start, f)
        t_key = next_key(section)
        value = None if kind is TargetKind.MILESTONE else f.quantity
        try:
            target = Target(
                key=t_key,
                description_zh=description.text.strip() or sentence.text,
                description_en=TODO,
                kind=kind,
                deadline=deadline,
                value=value,
                comparator=comparator,
                baseline=baseline,
                section=sec,
                clause_zh=sentence.text.strip(),
            )
        except EzhouRecoveryError as exc:
            state.add(ReviewSubject.UNREAD, None, sentence.span(), (), (str(exc),))
            continue
        covered.append((clause_start, f.end))
        inferred = [
            ("kind", kind.value),
            ("value", "-" if value is None else format_quantity(f.quantity)),
            ("unit", "-" if value is None else unit_text(f.quantity.units)),
            ("comparator", comparator.value),
            ("baseline", str(baseline) if baseline else "-"),
            ("deadline", deadline.isoformat()),
            ("section", sec.value),
            ("clause", description.text.strip()),
        ]
        if not districts:
            state.add(ReviewSubject.TARGET, t_key, sentence.span(), inferred, reasons, todo)
            yield f.start, target
            continue
        for district in districts:
            copy = attrs.evolve(target, key=next_key(section), scope_zh=district, scope_en=TODO)
            state.add(
                ReviewSubject.TARGET,
                copy.key,
                sentence.span(),
                [*inferred, ("scope", district)],
                [*reasons, why_districts],
                [*todo, "scope_en: the district's English name"],
            )
            yield f.start, copy
    yield from _worded_targets(sentence, section, found, period, skip, next_key, state)


def _description(sentence: Piece, clause_start: int, f: Found) -> Piece:
    text = sentence.normal
    end = f.end
    while end < len(text) and text[end] not in ",;。:、(":
        end += 1
    start = clause_start
    while start < len(text) and text[start] == " ":
        start += 1
    lead = DEADLINE.match(text, start)
    if lead and text[lead.end() : lead.end() + 1] == ",":
        start = lead.end() + 1
    return sentence.sub(start, max(end, f.end))


def _one_off_build(before: str, f: Found, kind: TargetKind, districts: Sequence[str]) -> bool:
    """A count of exactly one thing built or won (建成民用机场1个, 争创1个重大科技基础设施), not stated
    per district: a milestone, not a 0-or-1 count."""
    return (
        kind is TargetKind.CUMULATIVE
        and f.number == 1
        and not districts
        and not EACH_DISTRICT.search(before)
        and any(verb in before for verb in ONE_OFF_VERBS)
    )


def _kind(text: str, f: Found, clause_start: int, has_baseline: bool) -> tuple[TargetKind, str]:
    before = text[clause_start : f.start]
    if ANNUAL.search(text[clause_start : f.end]):
        return TargetKind.ANNUAL_RATE, "每年: a yearly amount"
    if has_baseline:
        return TargetKind.LEVEL, "a value reached from a baseline: a level"
    q = f.quantity
    dim = q.dimensionality
    if (
        q.units == ureg.percent
        or dim == ureg.minute.dimensionality
        or "/" in unit_text(q.units)
        or f.unit_word in ("年一遇",)
        or any(n in before for n in LEVEL_NOUNS)
    ):
        return TargetKind.LEVEL, "a rate, ratio, standard or time: a level"
    if any(verb in before for verb in BUILD_VERBS):
        return TargetKind.CUMULATIVE, "a verb of building before it: an amount to build"
    if any(w in before for w in LEVEL_WORDS):
        return TargetKind.LEVEL, "达到: a level"
    if (
        str(dim) == "dimensionless"
        or dim == ureg.piece.dimensionality
        or f.unit_word in all_unit_words()
    ):
        if dim == ureg.km.dimensionality or is_money(q):
            return TargetKind.CUMULATIVE, "an amount without a verb: drafted as an amount to build"
        return TargetKind.CUMULATIVE, "a count: an amount to build"
    return TargetKind.LEVEL, "a measure without a verb: drafted as a level"


def _worded_targets(
    sentence: Piece,
    section: str,
    found: list[Found],
    period: Period,
    skip: list[tuple[int, int]],
    next_key: Callable[[str], str],
    state: DraftState,
) -> Iterator[tuple[int, Target]]:
    """Goals without a number: milestones (建成, 完成, 启动) and goals in words."""
    sec = _SECTIONS[section]
    clauses = split_at(sentence, frozenset(",:"))
    offset = sentence.start
    hits = deadline_hits(sentence.normal, skip)
    groups: list[list[Piece]] = []
    for clause in clauses:
        a, b = clause.start - offset, clause.end - offset
        if any(a <= f.start < b for f in found) or any(a <= s < b for s, _ in skip):
            groups.append([])
            continue
        norm = clause.normal
        if DEADLINE.fullmatch(norm.replace("到", "", 1).replace("于", "", 1)) or len(norm) < 4:
            continue
        if section == "tasks":
            deadline, said = deadline_for(norm, len(norm), [], period)
            if said is None or (
                not _starts_milestone(clause) and not _MILESTONE_AFTER_DATE.search(norm)
            ):
                continue
            groups.append([clause])
            groups.append([])
            continue
        starts_milestone = norm.startswith(MILESTONE_VERBS)
        if not groups or not groups[-1] or starts_milestone or _starts_milestone(groups[-1][0]):
            groups.append([clause])
        else:
            groups[-1].append(clause)
    for group in groups:
        if not group:
            continue
        piece = sentence.sub(group[0].start - offset, group[-1].end - offset)
        norm = piece.normal
        deadline, said = pick_deadline(hits, sentence.normal, group[0].start - offset, period)
        milestone = _starts_milestone(group[0]) or bool(_MILESTONE_AFTER_DATE.search(norm))
        kind = TargetKind.MILESTONE if milestone else TargetKind.QUALITATIVE
        reasons = [
            "starts with a verb of completion (建成, 完成, 启动…): a milestone"
            if milestone
            else "a goal in words: qualitative"
        ]
        todo = ["description_en: English description", "key: rename"]
        deadline = settle_deadline(deadline, said, period, reasons, todo)
        t_key = next_key(section)
        target = Target(
            key=t_key,
            description_zh=piece.text.strip(),
            description_en=TODO,
            kind=kind,
            deadline=deadline,
            section=sec,
            clause_zh=piece.text.strip(),
        )
        state.add(
            ReviewSubject.TARGET,
            t_key,
            piece.span(),
            [
                ("kind", kind.value),
                ("deadline", deadline.isoformat()),
                ("section", sec.value),
                ("clause", piece.text.strip()),
            ],
            reasons,
            todo,
        )
        yield group[0].start - offset, target


def _starts_milestone(clause: Piece) -> bool:
    """Whether a clause begins with a verb of completion (建成, 完成, 启动), after 于/在/将."""
    return clause.normal.lstrip("于在将").startswith(MILESTONE_VERBS)
