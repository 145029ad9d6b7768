"""What a quarterly bulletin holds: its typed parts, every figure one of the assessment or the
compliance it was made from."""

from __future__ import annotations

import enum
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from ezhou_recovery.analysis.attainment import Assessment, Rollup, Status, TargetResult
from ezhou_recovery.analysis.compliance import Compliance, DeadlineStatus, Tally
from ezhou_recovery.analysis.investment import MoneyResult
from ezhou_recovery.model.obligations import Deadline
from ezhou_recovery.model.people import Department, Official
from ezhou_recovery.model.periods import Period, quarter_of
from ezhou_recovery.units import Quantity, quantity_in

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocxDocument

    from ezhou_recovery.display.labels import Lang


@attrs.frozen(kw_only=True)
class BulletinHeader:
    """What the issuing office writes on the document; None where not given (a placeholder shows).

    Attributes:
        issuer: The issuing office (发文机关).
        number: The document number (发文字号), such as 鄂十大办〔2021〕3号.
        addressees: The addressees (主送机关).
        date: The date of the document (成文日期).
    """

    issuer: str | None = None
    number: str | None = None
    addressees: str | None = None
    date: date | None = None


@attrs.frozen(kw_only=True)
class Headline:
    """The programme at a glance.

    Attributes:
        targets: Number of targets.
        counts: Targets by status, every status, worst first.
        with_data: Targets with a reported value (coverage's numerator).
        money: The programme's investment completion (the assessment's ``money_total``).
        reporting: The programme's reporting tally (the compliance's ``programme``).
        money_reported: Categories with a figure of investment completed.
        money_categories: Categories with an investment figure or estimate.
    """

    targets: int
    counts: tuple[tuple[Status, int], ...]
    with_data: int
    money: MoneyResult
    reporting: Tally
    money_reported: int = 0
    money_categories: int = 0

    @property
    def coverage(self) -> Fraction | None:
        """Targets with data / all targets; None without targets."""
        return Fraction(self.with_data, self.targets) if self.targets else None


@attrs.frozen(kw_only=True)
class StatusChange:
    """A target whose status changed since the previous bulletin.

    Attributes:
        before: Its result in the previous bulletin.
        after: Its result now.
    """

    before: TargetResult
    after: TargetResult

    @property
    def key(self) -> str:
        """The target's key."""
        return self.after.key


class DepartmentChangeKind(enum.StrEnum):
    """Whether a department fell behind or caught up since the previous bulletin."""

    NEWLY_LATE = "newly_late"
    RECOVERED = "recovered"


@attrs.frozen(kw_only=True)
class DepartmentChange:
    """A department newly behind, or recovered, with the reports that decide it.

    Attributes:
        department: The department.
        kind: Newly late or recovered.
        reports: The late or missing reports that make it behind (now when newly late, in the
            previous bulletin when recovered).
    """

    department: Department
    kind: DepartmentChangeKind
    reports: tuple[DeadlineStatus, ...]


@attrs.frozen(kw_only=True)
class InvestmentChange:
    """Investment completed since the previous bulletin, for a category or the programme.

    Attributes:
        subject: The category key, or the programme's key.
        before: Completed as of the previous bulletin.
        after: Completed now.
    """

    subject: str
    before: Quantity | None
    after: Quantity | None

    @property
    def added(self) -> Quantity | None:
        """``after - before`` in 亿元; None when either is unknown."""
        if self.before is None or self.after is None:
            return None
        added: Quantity = quantity_in(self.after, "yi_yuan") - quantity_in(self.before, "yi_yuan")
        return added


@attrs.frozen(kw_only=True)
class Changes:
    """What changed since the previous bulletin.

    Attributes:
        previous_as_of: The previous bulletin's date.
        status_changes: Targets whose status changed, worst new status first.
        departments: Departments newly late, then those recovered, each in the programme's order.
        investment: The programme's investment change first, then each category's.
    """

    previous_as_of: date
    status_changes: tuple[StatusChange, ...]
    departments: tuple[DepartmentChange, ...]
    investment: tuple[InvestmentChange, ...]

    @property
    def newly_late(self) -> tuple[DepartmentChange, ...]:
        """Departments behind now and not in the previous bulletin."""
        return tuple(d for d in self.departments if d.kind is DepartmentChangeKind.NEWLY_LATE)

    @property
    def recovered(self) -> tuple[DepartmentChange, ...]:
        """Departments behind in the previous bulletin and not now."""
        return tuple(d for d in self.departments if d.kind is DepartmentChangeKind.RECOVERED)


@attrs.frozen(kw_only=True)
class CategorySection:
    """One category: who leads it, its targets worst first, its money.

    Attributes:
        key: The category's key.
        number: Its number in the plan.
        name_zh: Its name in Chinese.
        name_en: Its name in English.
        leader: Its leading official; None when the plan names none.
        departments: Its lead departments.
        rollup: Its roll-up (results worst first, with their reasons).
        money: Its investment completion; None without a portfolio or a report.
        with_data: Its targets with a reported value (coverage's numerator).
    """

    key: str
    number: int
    name_zh: str
    name_en: str
    leader: Official | None
    departments: tuple[Department, ...]
    rollup: Rollup
    money: MoneyResult | None
    with_data: int = 0

    @property
    def coverage(self) -> Fraction | None:
        """Targets with data / all its targets; None without targets."""
        total = self.rollup.total
        return Fraction(self.with_data, total) if total else None


@attrs.frozen(kw_only=True)
class DepartmentReporting:
    """A department's reporting tally with its late and missing reports named.

    Attributes:
        department: The department.
        tally: Its tally (the compliance's ``by_department``).
        late: Its reports received late.
        missing: Its reports due and not received.
    """

    department: Department
    tally: Tally
    late: tuple[DeadlineStatus, ...]
    missing: tuple[DeadlineStatus, ...]


class CallInBasis(enum.StrEnum):
    """Where the 约谈问责 list comes from."""

    #: The programme's accountability rule.
    RULE = "rule"
    #: The laggard ranking of the compliance result (the programme states no rule).
    LAGGARDS = "laggards"


@attrs.frozen(kw_only=True)
class CallInEntry:
    """A unit to be called in (约谈问责), with the reasons that quote the figures.

    Attributes:
        rank: 1 for the first named.
        name_zh: The unit's name in Chinese.
        name_en: The unit's name in English.
        reasons_zh: The reasons in Chinese.
        reasons_en: The same in English.
    """

    rank: int
    name_zh: str
    name_en: str
    reasons_zh: tuple[str, ...]
    reasons_en: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Bulletin:
    """The quarterly bulletin (通报): one date's results arranged as the office sends them out.

    Attributes:
        programme: The programme's key.
        title_zh: The programme's title in Chinese.
        title_en: The programme's title in English.
        as_of: The date of the results.
        header: Issuing office, number, addressees and date (placeholders where None).
        headline: The programme at a glance.
        changes: What changed since the previous bulletin; None without one.
        categories: One section per category, in the programme's order.
        reporting: One reporting tally per department, in the programme's order.
        call_ins: The 约谈问责 list.
        call_in_basis: Whether it comes from the programme's rule or the laggard ranking.
        call_in_rule_zh: The rule in words (Chinese), when there is one.
        call_in_rule_en: The same in English.
        next_quarter: The calendar quarter after the one ``as_of`` falls in.
        next_deadlines: Deadlines due after ``as_of`` up to the end of ``next_quarter``.
        obligation_names: Each obligation's key, Chinese and English names (for the deadlines).
        assessment: The assessment the figures come from.
        compliance: The compliance result the figures come from.
    """

    programme: str
    title_zh: str
    title_en: str
    as_of: date
    header: BulletinHeader
    headline: Headline
    changes: Changes | None
    categories: tuple[CategorySection, ...]
    reporting: tuple[DepartmentReporting, ...]
    call_ins: tuple[CallInEntry, ...]
    call_in_basis: CallInBasis
    call_in_rule_zh: str | None = None
    call_in_rule_en: str | None = None
    next_quarter: Period
    next_deadlines: tuple[Deadline, ...]
    obligation_names: tuple[tuple[str, str, str], ...]
    assessment: Assessment
    compliance: Compliance

    @property
    def quarter(self) -> Period:
        """The calendar quarter of ``as_of``."""
        return quarter_of(self.as_of)

    def obligation_name(self, key: str, lang: str = "zh") -> str:
        """The name of the obligation ``key`` in ``lang`` (the key itself when unknown)."""
        for k, zh, en in self.obligation_names:
            if k == key:
                return zh if lang == "zh" else en
        return key

    # Renderings --------------------------------------------------------------------------------

    def to_html(self, lang: str = "zh") -> str:
        """The bulletin as one self-contained HTML page (see :mod:`ezhou_recovery.bulletins.html`)."""
        from ezhou_recovery.bulletins.html import bulletin_html

        return bulletin_html(self, lang=_lang(lang))

    def to_markdown(self, lang: str = "zh") -> str:
        """The bulletin in Markdown, for wikis and e-mail."""
        from ezhou_recovery.bulletins.markdown import bulletin_markdown

        return bulletin_markdown(self, lang=_lang(lang))

    def to_docx(self, lang: str = "zh") -> DocxDocument:
        """The bulletin as a Word document in the official layout (needs the ``bulletin`` extra)."""
        from ezhou_recovery.bulletins.docx import bulletin_docx

        return bulletin_docx(self, lang=_lang(lang))

    def _repr_html_(self) -> str:
        from ezhou_recovery.bulletins.html import bulletin_notebook_html

        return bulletin_notebook_html(self, lang="zh")

    def __repr__(self) -> str:
        counts = ", ".join(f"{s.value}={n}" for s, n in self.headline.counts if n)
        return f"Bulletin({self.programme!r}, as_of={self.as_of.isoformat()}, {counts})"


def _lang(lang: str) -> Lang:
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    raise ValueError(f"lang must be 'zh' or 'en': {lang!r}")
