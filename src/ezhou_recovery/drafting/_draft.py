"""The result of drafting: the draft programme with its review, and the limits of what is read."""

from __future__ import annotations

from typing import Final

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.drafting._review import ReviewItem, ReviewSubject
from ezhou_recovery.drafting._toml import programme_toml
from ezhou_recovery.model.programme import Programme

#: The longest text drafted (characters); a plan is a few tens of thousands.
MAX_TEXT_CHARS: Final = 1_000_000
#: The longest sentence read for targets (characters); a plan's are a few hundred at most.
MAX_SENTENCE_CHARS: Final = 1000
#: The most targets drafted; a plan has a few hundred at most.
MAX_TARGETS: Final = 5000


@attrs.frozen
class Draft:
    """A programme drafted from a plan's text, with its review list.

    Attributes:
        programme: The drafted programme; it validates, but its TODO texts must be filled in.
        review: One item per drafted item and per piece of text that could not be read.
        source: The name of the text (a file name).
    """

    programme: Programme = attrs.field(validator=attrs.validators.instance_of(Programme))
    review: tuple[ReviewItem, ...] = attrs.field(validator=v.instances_of(ReviewItem))
    source: str = "plan"

    @property
    def empty(self) -> bool:
        """Whether nothing of a programme was read (no category)."""
        return not self.programme.categories

    def items(self, subject: ReviewSubject) -> tuple[ReviewItem, ...]:
        """The review items about ``subject``."""
        return tuple(i for i in self.review if i.subject is subject)

    def item(self, key: str) -> ReviewItem:
        """The review item of the drafted item ``key``.

        Raises:
            KeyError: No drafted item has that key.
        """
        for i in self.review:
            if i.key == key:
                return i
        raise KeyError(f"the draft has no item {key!r}")

    @property
    def todo_count(self) -> int:
        """How many decisions are left to a person."""
        return sum(len(i.todo) for i in self.review)

    def summary(self) -> str:
        """The review in a few lines: counts, then every TODO and every unread piece of text."""
        p = self.programme
        lines = [
            f"{self.source}: {len(p.categories)} categories, {len(p.targets)} targets "
            f"({sum(1 for t in p.targets if t.kind.quantitative)} with a value), "
            f"{sum(len(c.tasks) for c in p.categories)} tasks, "
            f"{sum(1 for c in p.categories if c.portfolio)} portfolios, "
            f"{len(p.obligations)} reporting duties; {self.todo_count} TODO, "
            f"{len(self.items(ReviewSubject.UNREAD))} pieces of text not read"
        ]
        if self.empty:
            lines.append("no category was found: this does not read as an implementation plan")
        for i in self.review:
            if i.todo or i.subject is ReviewSubject.UNREAD:
                lines.append(f"  {i}")
        return "\n".join(lines) + "\n"

    def to_toml(self) -> str:
        """The programme file (TOML): each item's source sentence beside it, TODO where to decide."""
        return programme_toml(self)
