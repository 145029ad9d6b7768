"""The review of a draft: what each item is about, where it was read, what was inferred and why."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Final

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.model.people import Department

#: Written wherever a person must supply or confirm a value.
TODO: Final = "TODO"


class ReviewSubject(enum.StrEnum):
    """What a review item is about."""

    DOCUMENT = "document"
    CATEGORY = "category"
    PORTFOLIO = "portfolio"
    TARGET = "target"
    TASK = "task"
    DUTY = "duty"
    #: Text with a number or a rule that became nothing in the programme.
    UNREAD = "unread"


@attrs.frozen
class SourceSpan:
    """Where in the text an item was read.

    Attributes:
        line: The line, from 1.
        start: The first character within the line, from 0.
        end: One past the last character within the line (within ``end_line`` if given).
        text: The text of the span, as written (a paragraph cut over lines joined).
        end_line: The last line, when the span runs over several lines of a wrapped paragraph.
    """

    line: int = attrs.field(validator=v.non_negative_int)
    start: int = attrs.field(validator=v.non_negative_int)
    end: int = attrs.field(validator=v.non_negative_int)
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    end_line: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(v.non_negative_int)
    )

    def __str__(self) -> str:
        if self.end_line is not None:
            return f"lines {self.line}-{self.end_line}, character {self.start} to {self.end}"
        return f"line {self.line}, characters {self.start}-{self.end}"


@attrs.frozen
class ReviewItem:
    """One thing the draft read, or could not read, and why.

    Attributes:
        subject: What it is about.
        key: The key of the drafted item (a target's, a category's), if one was drafted.
        span: Where in the text it was read, if anywhere.
        inferred: What was read, as ``(field, value)`` pairs (value, unit, comparator, ...).
        reasons: Why each inference was made, in words.
        todo: What a person must decide or supply.
    """

    subject: ReviewSubject = attrs.field(validator=attrs.validators.instance_of(ReviewSubject))
    key: str | None
    span: SourceSpan | None
    inferred: tuple[tuple[str, str], ...] = ()
    reasons: tuple[str, ...] = ()
    todo: tuple[str, ...] = ()

    def value(self, field: str) -> str | None:
        """The inferred value of ``field``, or None."""
        return dict(self.inferred).get(field)

    def __str__(self) -> str:
        where = f"L{self.span.line}" if self.span else "-"
        what = ", ".join(f"{k}={val}" for k, val in self.inferred)
        head = f"{where} {self.subject.value} {self.key or ''}".rstrip()
        tail = f"; TODO: {'; '.join(self.todo)}" if self.todo else ""
        reasons = f" ({'; '.join(self.reasons)})" if self.reasons else ""
        return f"{head}: {what}{reasons}{tail}"


@attrs.define
class DraftState:
    """What drafting gathers as it reads: the review, the departments named so far (one key per
    name), the number of targets drafted, and the districts the plan names."""

    review: list[ReviewItem] = attrs.Factory(list)
    departments: dict[str, Department] = attrs.Factory(dict)
    targets: int = 0
    districts: tuple[str, ...] = ()

    def add(
        self,
        subject: ReviewSubject,
        key: str | None,
        span: SourceSpan | None,
        inferred: Sequence[tuple[str, str]] = (),
        reasons: Sequence[str] = (),
        todo: Sequence[str] = (),
    ) -> None:
        self.review.append(
            ReviewItem(subject, key, span, tuple(inferred), tuple(reasons), tuple(todo))
        )
