"""The people and offices a programme names."""

from __future__ import annotations

import attrs

from . import _validators as v

__all__ = ["Department", "Official"]


@attrs.frozen
class Official:
    """A leading official (分管领导).

    Attributes:
        name_zh: Name in Chinese, as the plan writes it.
        name_en: Name in pinyin.
    """

    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.name_en})"


@attrs.frozen
class Department:
    """A government office: a lead department (牵头部门), a reporting unit or an issuer.

    Attributes:
        key: Stable identifier, for example ``development_reform``.
        name_zh: Name in Chinese, as the plan writes it (``市发改委``).
        name_en: Name in English.
    """

    key: str = attrs.field(validator=v.slug)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.name_en})"
