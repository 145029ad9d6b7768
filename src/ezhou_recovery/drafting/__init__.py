"""Drafting a programme from the text of a plan (实施方案), for a person to review (see :mod:`ezhou_recovery.drafting._drafting`)."""

from ezhou_recovery.drafting._drafting import (
    MAX_SENTENCE_CHARS,
    MAX_TARGETS,
    MAX_TEXT_CHARS,
    Draft,
    DraftError,
    DraftScore,
    FieldScore,
    ReviewItem,
    ReviewSubject,
    SourceSpan,
    decode_plan_text,
    draft_differences,
    draft_programme,
    score_draft,
)

__all__ = [
    "MAX_SENTENCE_CHARS",
    "MAX_TARGETS",
    "MAX_TEXT_CHARS",
    "Draft",
    "DraftError",
    "DraftScore",
    "FieldScore",
    "ReviewItem",
    "ReviewSubject",
    "SourceSpan",
    "decode_plan_text",
    "draft_differences",
    "draft_programme",
    "score_draft",
]
