"""What a submission names that the programme does not have: shared by the matching of
submissions to deadlines and by the readers of submission files, which check each row as they go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ezhou_recovery.evidence.submissions import Submission

if TYPE_CHECKING:  # pragma: no cover
    from ezhou_recovery.model.programme import Programme

__all__ = ["programme_keys", "unknown_part"]


def programme_keys(programme: Programme) -> tuple[set[str], set[str], set[str]]:
    """The keys of the programme's duties, departments and categories."""
    return (
        {o.key for o in programme.obligations},
        {d.key for d in programme.departments},
        {c.key for c in programme.categories},
    )


def unknown_part(
    s: Submission, obligations: set[str], departments: set[str], categories: set[str]
) -> tuple[str, str] | None:
    """The field of ``s`` that names nothing of the programme, and the problem; None if none."""
    if s.obligation not in obligations:
        return "obligation", f"unknown duty (known: {', '.join(sorted(obligations))})"
    if s.department not in departments:
        return "department", "unknown department"
    if s.category is not None and s.category not in categories:
        return "category", "unknown category"
    return None
