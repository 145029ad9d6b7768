"""Strategies for what happened: observations of a target (consistent with it, or deliberately not),
the raw values loaders read, investment reports and plans, and submissions against deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

from hypothesis import strategies as st

from ezhou_recovery.analysis.duedates import DueConvention
from ezhou_recovery.evidence._values import FALSE_WORDS, TRUE_WORDS
from ezhou_recovery.evidence.observations import (
    AnnualInvestmentPlan,
    InvestmentReport,
    Observation,
    QualitativeLevel,
    Quality,
)
from ezhou_recovery.evidence.submissions import CHINA_TIME, Submission
from ezhou_recovery.model.obligations import (
    Deadline,
)
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Programme
from ezhou_recovery.model.targets import (
    Target,
    TargetKind,
)
from ezhou_recovery.strategies._basics import (
    EARLIEST,
    LATEST,
    UNITS,
    dates,
    decimal_magnitudes,
    memo,
    money,
    quantities,
    slugs,
    texts_zh,
)
from ezhou_recovery.strategies._model import targets
from ezhou_recovery.units import (
    Quantity,
    ureg,
)


@memo
def investment_reports(
    *, subject: str | None = None, programme: Programme | None = None
) -> st.SearchStrategy[InvestmentReport]:
    """Reports of investment completed for a category or project.

    Args:
        subject: Only this subject (a category or project key).
        programme: Subjects among its categories and projects, dated inside its period.
    """
    if programme is not None and subject is None:
        keys = [c.key for c in programme.categories] + [p.key for p in programme.projects]
        subjects: st.SearchStrategy[str] = st.sampled_from(keys)
    else:
        subjects = st.just(subject) if subject is not None else slugs()
    return st.builds(
        InvestmentReport,
        subject=subjects,
        as_of=dates(within=None if programme is None else programme.period),
        completed=money(),
        source=st.none() | texts_zh(max_size=6),
        quality=st.sampled_from(Quality),
    )


@memo
def annual_investment_plans(
    *, subject: str | None = None
) -> st.SearchStrategy[AnnualInvestmentPlan]:
    """Investment planned for a category or project in one year."""
    return st.builds(
        AnnualInvestmentPlan,
        subject=st.just(subject) if subject is not None else slugs(),
        year=st.integers(2000, 2049),
        planned=money(),
    )


#: What makes an observation inconsistent with its target, for ``observations(consistent=False)``.
Inconsistency = Literal["unit", "kind", "date", "key"]


def _compatible_units(target: Target) -> list[str]:
    assert target.unit is not None
    own = ureg.Unit(target.unit)
    others = [u for u in UNITS if ureg.Unit(u).dimensionality == own.dimensionality]
    return sorted(set(others), key=lambda u: (ureg.Unit(u) != own, UNITS.index(u)))


def _incompatible_units(target: Target | None) -> list[str]:
    own = None if target is None or target.unit is None else ureg.Unit(target.unit)
    return [u for u in UNITS if own is None or ureg.Unit(u).dimensionality != own.dimensionality]


@memo
def observed_values(*, target: Target, consistent: bool = True) -> st.SearchStrategy[Any]:
    """Raw values as people report them, which :meth:`Observation.for_target` (and the loaders)
    read for ``target``, or, with ``consistent=False``, refuse with a UnitError.

    Consistent: for a quantitative target a quantity in its unit or another unit of the same
    dimension, a bare number (in its unit), or a text (``"77600米"``, ``"77.6 kilometer"``, a bare
    ``"12.5"``); for a milestone True/False or a yes/no word (``是``, ``done``); for a qualitative
    goal a :class:`QualitativeLevel` or its name (``推进中``, ``in_progress``).

    Inconsistent: a quantity or text in a unit of another dimension, a unit that does not exist,
    a negative number, or a value of the wrong kind (a level for a quantity, a number for a
    milestone, true/false for a qualitative goal).
    """
    if target.kind is TargetKind.MILESTONE:
        if consistent:
            words = sorted(TRUE_WORDS | FALSE_WORDS, key=lambda w: (len(w), w))
            return st.booleans() | st.sampled_from(words)
        return quantities(max_value=100) | st.sampled_from(QualitativeLevel) | st.just("maybe")
    if target.kind is TargetKind.QUALITATIVE:
        if consistent:
            names = [n for lv in QualitativeLevel for n in (lv.value, lv.name_zh, lv.name_en)]
            return st.sampled_from(QualitativeLevel) | st.sampled_from(names)
        return st.booleans() | quantities(max_value=100) | st.just("halfway")
    units = _compatible_units(target)
    if consistent:
        return st.one_of(
            st.sampled_from(units).flatmap(lambda u: quantities(unit=u)),
            decimal_magnitudes(),
            decimal_magnitudes().map(str),
            st.sampled_from(units).flatmap(lambda u: quantities(unit=u, as_text=True)),
        )
    wrong = _incompatible_units(target)
    return st.one_of(
        st.sampled_from(wrong).flatmap(lambda u: quantities(unit=u)),
        st.sampled_from(wrong).flatmap(lambda u: quantities(unit=u, as_text=True)),
        decimal_magnitudes(max_value=1000).map(lambda m: f"{m} 茶杯"),
        decimal_magnitudes(max_value=1000).filter(bool).map(lambda m: -m),
        st.booleans(),
        st.sampled_from(QualitativeLevel),
    )


def _consistent_value(target: Target, draw: st.DrawFn) -> Quantity | bool | QualitativeLevel:
    if target.kind is TargetKind.MILESTONE:
        return draw(st.booleans())
    if target.kind is TargetKind.QUALITATIVE:
        level: QualitativeLevel = draw(st.sampled_from(QualitativeLevel))
        return level
    unit = draw(st.sampled_from(_compatible_units(target)))
    value: Quantity = draw(quantities(unit=unit))
    return value


@memo
def observations(
    *,
    programme: Programme | None = None,
    target: Target | None = None,
    consistent: bool = True,
    problems: Sequence[Inconsistency] = ("unit", "kind", "date", "key"),
) -> st.SearchStrategy[Observation]:
    """Observations of a target, consistent with it or, for error paths, deliberately not.

    Consistent: the value fits the target (a quantity in its unit or another unit of the same
    dimension; True/False for a milestone; a :class:`QualitativeLevel` for a qualitative goal),
    dated inside the programme's period (else in the three years up to the target's deadline).

    Inconsistent (``consistent=False``): each observation has one of ``problems``: ``"unit"`` (a
    quantity of another dimension), ``"kind"`` (a value of the wrong kind: true/false for a
    quantity, a quantity for a milestone), ``"date"`` (dated outside the programme's period, or
    after the target's deadline without a programme) or ``"key"`` (a target key the programme does
    not have). Every observation still passes :class:`Observation`'s own validators.

    Args:
        programme: Observe one of its targets (the strategy is empty if it has none).
        target: Observe this target (of ``programme``, if both are given).
        consistent: Whether the observations fit their target.
        problems: The inconsistencies to draw from.
    """
    if target is None and programme is not None:
        choices: st.SearchStrategy[Target] = (
            st.sampled_from(tuple(programme.targets)) if len(programme.targets) else st.nothing()
        )
    elif target is not None:
        choices = st.just(target)
    else:
        choices = targets()
    period = None if programme is None else programme.period
    wanted = tuple(problems)
    if not consistent and not wanted:
        raise ValueError("consistent=False needs at least one problem to draw")

    @st.composite
    def build(draw: st.DrawFn) -> Observation:
        t = draw(choices)
        if period is not None:
            window = Period(period.start, period.end)
        else:
            first = max(EARLIEST, date(max(t.deadline.year - 3, EARLIEST.year), 1, 1))
            window = Period(min(first, t.deadline), t.deadline)
        as_of = draw(dates(within=window))
        quality = draw(st.sampled_from(Quality))
        source = draw(st.none() | texts_zh(max_size=6))
        key = t.key
        if consistent:
            return Observation(key, as_of, _consistent_value(t, draw), source, quality)
        usable = [
            p
            for p in wanted
            if not (p == "unit" and not t.kind.quantitative)
            and not (p == "date" and window.end >= LATEST)
        ]
        problem = draw(st.sampled_from(usable or ["kind"]))
        value: Any = _consistent_value(t, draw)
        if problem == "unit":
            value = draw(quantities(unit=draw(st.sampled_from(_incompatible_units(t)))))
        elif problem == "kind":
            value = draw(quantities()) if not t.kind.quantitative else draw(st.booleans())
        elif problem == "date":
            as_of = draw(st.dates(window.end + timedelta(days=1), LATEST))
        else:
            known = {x.key for x in programme.targets} if programme is not None else {t.key}
            key = draw(
                st.builds(lambda c, s: f"{c}.{s}", slugs(), slugs()).filter(
                    lambda k: k not in known
                )
            )
        return Observation(key, as_of, value, source, quality)

    return build()


#: What happens to each deadline in :func:`submissions`.
SubmissionKind = Literal["on_time", "late", "missing", "duplicate", "any"]
_OFFSETS = (timedelta(hours=8), timedelta(0), timedelta(hours=-5), timedelta(hours=5, minutes=30))


@memo
def moments(*, within: Period | None = None) -> st.SearchStrategy[date | datetime]:
    """When a report arrived: a date, or a time with a UTC offset (whole minutes, like ``+08:00``,
    ``Z`` or ``-05:00``) whose day in China time lies inside ``within`` when given."""

    @st.composite
    def aware(draw: st.DrawFn) -> datetime:
        day = draw(dates(within=within))
        at = datetime.combine(day, draw(st.times()), tzinfo=CHINA_TIME)
        offset = draw(
            st.sampled_from(_OFFSETS)
            | st.integers(-14 * 60, 14 * 60).map(lambda m: timedelta(minutes=m))
        )
        return at.astimezone(timezone(offset))

    return dates(within=within) | aware()


def _days_from(day: date, low: int, high: int) -> st.SearchStrategy[date]:
    """Days ``low`` to ``high`` days after ``day`` (shrinking towards ``day``)."""
    return st.integers(low, high).map(lambda n: day + timedelta(days=n))


def _group(d: Deadline) -> tuple[str, str, str]:
    return d.obligation, d.department.key, d.period.label


def _arrival(day: date, draw: st.DrawFn) -> date | datetime:
    """A moment whose day in China time is ``day``."""
    if not draw(st.booleans()):
        return day
    at = datetime.combine(day, draw(st.times()), tzinfo=CHINA_TIME)
    return at.astimezone(timezone(draw(st.sampled_from(_OFFSETS))))


@memo
def single_submissions(*, within: Period | None = None) -> st.SearchStrategy[Submission]:
    """Submissions on their own, not tied to a programme (for the round trip of the class)."""
    return st.builds(
        Submission,
        obligation=slugs(),
        department=slugs(),
        submitted_at=moments(within=within),
        period=st.none() | st.sampled_from(("2021Q1", "2021Q2", "2022Q4")),
        category=st.none() | slugs(),
        note=st.none() | texts_zh(max_size=8),
    )


@memo
def submissions(
    *,
    programme: Programme,
    kind: SubmissionKind = "any",
    start: date | None = None,
    end: date | None = None,
    convention: DueConvention | None = None,
    max_days_late: int = 60,
) -> st.SearchStrategy[list[Submission]]:
    """Reports received for ``programme``'s deadlines (those due from ``start`` to ``end``).

    Each deadline is answered by submissions for it alone (:meth:`Submission.for_deadline`), dated
    by its day in China time (a date, or a time in some UTC offset):

    * ``"on_time"``: every deadline once, on or before its last on-time day;
    * ``"late"``: every deadline once, 1 to ``max_days_late`` days after that day;
    * ``"missing"``: at least one deadline (when there are any) has no submission, the rest one on
      time;
    * ``"duplicate"``: every deadline two to three times, on time or late;
    * ``"any"``: each deadline on time, late, missing or duplicated.

    The list is shuffled. Compliance computed on a status date after every last day (plus
    ``max_days_late``) sees each deadline as intended, with one rule of matching to keep in mind:
    a report without a category (the answer to a duty of named departments) also answers the
    same department's category deadlines of that duty and period, which fall due the same day.
    So under ``"missing"`` such a deadline is missing whenever one of its category deadlines is,
    and under ``"duplicate"`` the category deadlines count its reports as resubmissions too.

    Args:
        programme: The programme whose deadlines are answered.
        kind: What happens to each deadline.
        start: First due date considered; None for all.
        end: Last due date considered; None for all.
        convention: How due dates are read (the default convention when None).
        max_days_late: Most days late.
    """
    owed = tuple(programme.deadlines(start, end))
    rule = convention if convention is not None else DueConvention()
    outcomes: dict[str, tuple[str, ...]] = {
        "on_time": ("on_time",),
        "late": ("late",),
        "missing": ("on_time",),
        "duplicate": ("duplicate",),
        "any": ("missing", "on_time", "late", "duplicate"),  # shrinks to fewest reports
    }
    if kind not in outcomes:
        raise ValueError(f"kind must be one of {', '.join(outcomes)}: {kind!r}")
    choices = outcomes[kind]

    @st.composite
    def build(draw: st.DrawFn) -> list[Submission]:
        fates = [draw(st.sampled_from(choices)) for _ in owed]
        if kind == "missing" and owed:
            for i in draw(st.lists(st.integers(0, len(owed) - 1), min_size=1, unique=True)):
                fates[i] = "missing"
            # A report without a category answers the department's category deadlines too: the
            # category-less deadline of a group stays missing whenever one of the group does.
            gone = {_group(d) for d, fate in zip(owed, fates, strict=True) if fate == "missing"}
            fates = [
                "missing" if d.category is None and _group(d) in gone else fate
                for d, fate in zip(owed, fates, strict=True)
            ]
        out: list[Submission] = []
        for d, fate in zip(owed, fates, strict=True):
            last = rule.last_on_time_day(d.due)
            # On time, and not before the period reported on began (a premature report is not
            # counted), when the deadline lies in that period.
            earliest = -30 if d.period.start > last else max(-30, (d.period.start - last).days)
            on_time = _days_from(last, earliest, 0)
            late = _days_from(last, 1, max_days_late)
            if fate == "missing":
                continue
            if fate == "on_time":
                days = [draw(on_time)]
            elif fate == "late":
                days = [draw(late)]
            else:
                days = draw(st.lists(on_time | late, min_size=2, max_size=3))
            out += [Submission.for_deadline(d, _arrival(day, draw)) for day in days]
        return draw(st.permutations(out))

    return build()
