"""What happens in the world: reported values and reported investment."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from . import _validators as v
from .projects import _money
from .units import Quantity

__all__ = ["InvestmentReport", "Quality"]


class Quality(enum.StrEnum):
    """Where a reported figure comes from."""

    #: Reported by a department (部门报送).
    REPORTED = "reported"
    #: Official statistics (统计数据).
    OFFICIAL_STATISTICS = "official_statistics"
    #: An estimate (估算).
    ESTIMATE = "estimate"


@attrs.frozen
class InvestmentReport:
    """Investment completed for a category or a project, cumulative from the programme start.

    Attributes:
        subject: Key of a category (``transport``) or of a project (``transport.ezhou_xianning_expressway``).
        as_of: The date the amount is reported for.
        completed: Investment completed from the programme start up to ``as_of`` (开累完成投资).
        source: Who reported it, free text.
        quality: Where the figure comes from.
    """

    subject: str = attrs.field(validator=v.text)
    as_of: date = attrs.field(validator=v.a_date)
    completed: Quantity = attrs.field(validator=_money)
    source: str | None = attrs.field(default=None, validator=v.optional_text)
    quality: Quality = attrs.field(
        default=Quality.REPORTED, validator=attrs.validators.instance_of(Quality)
    )
