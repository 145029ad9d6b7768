"""Drafting a programme from the text of a plan (实施方案), for a person to review.

:func:`draft_programme` reads the usual structure and wording of a Chinese implementation plan with
rules (no model, no network): the notice's number, issuer and date; the categories (（一）…工程) with
their leader (分管领导), lead departments (牵头部门) and portfolio (项目N个, 估算总投资X亿元, 2020年估算
投资Y亿元); each category's goals (三年目标) and main tasks (主要任务); every quantity with its comparator
(达到, 以上, 不低于, 控制在…以下, 力争), baseline (从…增加到…, 由…提高到…), deadline (到2022年, 2020年底前,
三年内) and kind (每年…: a yearly rate; 建成/完成/启动: a milestone); and the reporting duties (每季度最后一
个月25日前报送, 11月底前报送). Quantities are read by the library's own
:func:`~ezhou_recovery.parse_quantity`; Chinese numerals (三天, 二十八个) by cn2an (the ``draft``
extra), imported only here.

The result is a :class:`Draft`: a :class:`~ezhou_recovery.Programme` that validates, and a review
list that says, for every item, where in the text it came from, what was inferred and why, and what
could not be read. :meth:`Draft.to_toml` writes the programme file with each item's source sentence
beside it and ``TODO`` wherever a person must decide.
"""

from ezhou_recovery.drafting._draft import (
    MAX_SENTENCE_CHARS,
    MAX_TARGETS,
    MAX_TEXT_CHARS,
    Draft,
)
from ezhou_recovery.drafting._drafting import draft_programme
from ezhou_recovery.drafting._review import ReviewItem, ReviewSubject, SourceSpan
from ezhou_recovery.drafting._scoring import DraftScore, FieldScore, draft_differences, score_draft
from ezhou_recovery.drafting._text import decode_plan_text
from ezhou_recovery.errors import DraftError

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
