"""A submission checked against its duty's checklist of contents (docs/accountability.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ezhou_recovery.model.obligations import ContentItem

if TYPE_CHECKING:
    from ezhou_recovery.model.programme import Programme

__all__ = ["ContentCheck", "check_contents"]


@attrs.frozen
class ContentCheck:
    """A submission checked against its duty's checklist.

    Attributes:
        obligation: Key of the reporting duty.
        department: Key of the department that submitted.
        present: Items the submission contains, in checklist order.
        missing: Items it lacks, in checklist order.
        unknown: Keys it claims that the checklist does not have, sorted.
    """

    obligation: str
    department: str
    present: tuple[ContentItem, ...]
    missing: tuple[ContentItem, ...]
    unknown: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every item of the checklist is present."""
        return not self.missing

    @property
    def reason(self) -> str:
        """Why, in one English sentence with the counts."""
        total = len(self.present) + len(self.missing)
        if not self.missing:
            return f"complete: all {total} items present"
        names = ", ".join(i.name_en for i in self.missing)
        return f"incomplete: {len(self.missing)} of {total} items missing ({names})"

    @property
    def reason_zh(self) -> str:
        """The same in Chinese."""
        total = len(self.present) + len(self.missing)
        if not self.missing:
            return f"内容齐全：{total}项均已包含"
        names = "、".join(i.name_zh for i in self.missing)
        return f"内容不全：{total}项中缺{len(self.missing)}项（{names}）"

    def __str__(self) -> str:
        return f"{self.obligation} {self.department}: {self.reason}"


def check_contents(
    programme: Programme, obligation: str, department: str, provided: Iterable[str]
) -> ContentCheck:
    """Check what a submission contains (``provided``: item keys) against its duty's checklist.

    Args:
        programme: The programme.
        obligation: Key of the reporting duty (``special_plan``).
        department: Key of the department that submitted.
        provided: Keys of the checklist items the submission contains.

    Raises:
        KeyError: No such duty.
    """
    checklist = programme.obligation(obligation).contents
    given = set(provided)
    known = {i.key for i in checklist}
    return ContentCheck(
        obligation=obligation,
        department=department,
        present=tuple(i for i in checklist if i.key in given),
        missing=tuple(i for i in checklist if i.key not in given),
        unknown=tuple(sorted(given - known)),
    )
