"""Districts: the districts a plan names, and targets stated once for each district (各区)."""

from __future__ import annotations

import re
from typing import Final

from ezhou_recovery.drafting._patterns import EACH_DISTRICT


def each_district(before: str, districts: tuple[str, ...]) -> tuple[list[str], str]:
    """The districts a target stated once for 各区 (each district) holds for, and why."""
    matches = list(EACH_DISTRICT.finditer(before))
    m = matches[-1] if matches else None
    if m is None or not districts:
        return [], ""
    if m.group(1):
        named = [d for d in districts if d in before[: m.start()]]
        rest = [d for d in districts if d not in named]
        return (
            rest,
            f"其他各区: one target for each district the text names but this sentence ({'、'.join(rest)})",
        )
    return list(
        districts
    ), f"各区: one target for each district the text names ({'、'.join(districts)})"


#: Words ending in 区 that name a kind of area, not a district.
_AREA_WORDS: Final = (
    "经济区",
    "开发区",
    "建成区",
    "建设区",
    "示范区",
    "保护区",
    "集聚区",
    "聚集区",
    "敏感区",
    "空白区",
    "都市区",
    "功能区",
    "试验区",
    "实验区",
    "小区",
    "病区",
    "港区",
    "园区",
    "社区",
    "景区",
    "灌区",
    "山区",
    "库区",
    "辖区",
    "片区",
    "街区",
    "厂区",
    "校区",
    "营区",
    "地区",
    "垸区",
    "中心城区",
    "主城区",
    "老城区",
    "旧城区",
    "市区",
    "各区",
    "全区",
    "本区",
    "该区",
    "城区",
    "新区",
)


def district_names(text: str) -> tuple[str, ...]:
    """The districts a plan names: names of three or four characters ending in 区 that recur with
    the same characters before them and are not words for a kind of area (建成区, 开发区, 小区)."""
    two: dict[str, int] = {}
    three: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in re.finditer("区", text):
        i = m.start()
        for n, counts in ((2, two), (3, three)):
            name = text[max(0, i - n) : i + 1]
            if len(name) == n + 1 and all("\u4e00" <= c <= "\u9fff" for c in name):
                counts[name] = counts.get(name, 0) + 1
                first.setdefault(name, i)
    names = []
    for short, count in two.items():
        if count < 2:
            continue
        longer = [(k, c) for k, c in three.items() if k.endswith(short)]
        best = max(longer, key=lambda kc: kc[1], default=None)
        name = best[0] if best is not None and best[1] == count else short
        # 鄂城区 is a district although 城区 is a word for an area; 中心城区 and 老旧城区 are not
        if name in _AREA_WORDS or name.endswith(tuple(w for w in _AREA_WORDS if w != "城区")):
            continue
        names.append(name)
    return tuple(sorted(names, key=lambda n: first[n]))
