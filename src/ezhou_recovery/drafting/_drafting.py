"""Drafting a programme: the text read part by part into a programme and its review."""

from __future__ import annotations

import re

from ezhou_recovery.drafting._categories import draft_category
from ezhou_recovery.drafting._districts import district_names
from ezhou_recovery.drafting._draft import MAX_TEXT_CHARS, Draft
from ezhou_recovery.drafting._duties import draft_duties
from ezhou_recovery.drafting._review import TODO, DraftState, ReviewSubject
from ezhou_recovery.drafting._structure import read_header, read_structure
from ezhou_recovery.drafting._text import split_paragraphs
from ezhou_recovery.errors import DraftError
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Programme


def draft_programme(
    text: str,
    *,
    key: str | None = None,
    period: Period | None = None,
    source: str = "plan",
) -> Draft:
    """Draft a programme from the text of a plan.

    Args:
        text: The plan's text (a :class:`str`; :func:`decode_plan_text` reads UTF-8 or GB18030 bytes).
        key: The programme's key; by default ``draft_<first year>_<last year>``.
        period: The years the programme covers; by default the years the title gives
            (``(2020—2022年)``), else the issue year (a TODO).
        source: The text's name, for the review.

    Returns:
        The draft: a programme that validates, and the review list. A text that reads as no plan
        gives a programme without categories and a review that says so.

    Raises:
        DraftError: The text is longer than :data:`MAX_TEXT_CHARS`, ``key`` is not a lower-case
            identifier, or cn2an (the ``draft`` extra) is not installed.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise DraftError(f"{source}: the text has {len(text)} characters; at most {MAX_TEXT_CHARS}")
    if key is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise DraftError(f"key must be a lower-case identifier ([a-z][a-z0-9_]*): {key!r}")
    try:
        import cn2an  # noqa: F401  (the ``draft`` extra; imported only when drafting)
    except ImportError:
        raise DraftError(
            "drafting reads Chinese numerals with cn2an: pip install 'ezhou-recovery[draft]'"
        ) from None
    state = DraftState()
    lines = split_paragraphs(text)
    state.districts = district_names("\n".join(ln.normal for ln in lines))
    categories, general, first_body = read_structure(lines, state)
    header = read_header(lines[:first_body] if first_body else lines, lines, period, state)
    drafted: list[Category] = []
    used_keys: dict[str, int] = {}
    for cat in categories:
        built = draft_category(cat, header.period, header.issued, used_keys, state)
        if built is not None:
            drafted.append(built)
    duties = draft_duties(general, header.period, header.issued, state)
    p = header.period
    programme = Programme(
        key=key or f"draft_{p.start.year}_{p.end.year}",
        document_number=header.document_number,
        title_zh=header.title,
        title_en=TODO,
        issuer=header.issuer,
        issued=header.issued,
        period=p,
        categories=tuple(drafted),
        obligations=tuple(duties),
        published=header.published,
    )
    if not drafted:
        state.add(
            ReviewSubject.DOCUMENT,
            None,
            None,
            reasons=("no category heading (（一）…) with a leader or lead department was found",),
            todo=("this does not read as an implementation plan: nothing was drafted",),
        )
    return Draft(programme, tuple(state.review), source)
