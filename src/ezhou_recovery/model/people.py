"""The people, offices and districts a programme names."""

from __future__ import annotations

import enum

import attrs

from ezhou_recovery._core import validators as v

__all__ = ["Department", "District", "DistrictKind", "Official"]


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


class DistrictKind(enum.StrEnum):
    """What sort of area a district of a programme is."""

    #: A district with its people's government (区人民政府: 鄂城区).
    DISTRICT = "district"
    #: A development zone run by its committee (管委会: 葛店开发区, 临空经济区).
    ZONE = "zone"


@attrs.frozen
class District:
    """An area a programme is addressed to, which commitments and accountability can name.

    Attributes:
        key: Stable identifier, for example ``echeng``.
        name_zh: Name in Chinese, as the plan writes it (``鄂城区``).
        name_en: Name in English.
        kind: A district (区人民政府) or a development zone (管委会).
    """

    key: str = attrs.field(validator=v.slug)
    name_zh: str = attrs.field(validator=v.text)
    name_en: str = attrs.field(validator=v.text)
    kind: DistrictKind = attrs.field(
        default=DistrictKind.DISTRICT, validator=attrs.validators.instance_of(DistrictKind)
    )

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.name_en})"
