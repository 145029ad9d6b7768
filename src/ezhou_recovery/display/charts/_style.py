"""What every chart shares: the CJK font, colours, markers, the language and the style."""

from __future__ import annotations

import functools
import textwrap
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Final, Literal

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from ezhou_recovery.analysis.attainment import Assessment, Rollup, Status, percent_text
from ezhou_recovery.analysis.compliance import ReportStatus
from ezhou_recovery.display.labels import status_label

CJK_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Sarasa Gothic SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans CJK JP",
    "AR PL UMing CN",
)
_SHIPPED_FONT: Final = "WenQuanYiMicroHei-subset.ttf"
#: Characters a font must have to be chosen (common ones of the plan's names and the labels).
_PROBE: Final = "鄂州市十大工程按时迟报未到期进度正常存在风险已达成无数据投资完成率时间"

#: ``"zh"``: Chinese labels; ``"en"``: English labels; ``"auto"``: Chinese when a CJK font is
#: installed, else English with a :class:`ChartFontWarning`.
Language = Literal["auto", "zh", "en"]

#: Colour of each attainment status.
STATUS_COLOURS: Final = {
    Status.ATTAINED: "#1b7837",
    Status.ON_TRACK: "#7fbf7b",
    Status.AT_RISK: "#f1a340",
    Status.OFF_TRACK: "#d6604d",
    Status.MISSED: "#8e0152",
    Status.NO_DATA: "#d9d9d9",
    Status.OVERDUE: "#542788",
}
#: Colour of each report status.
REPORT_COLOURS: Final = {
    ReportStatus.ON_TIME: "#1b7837",
    ReportStatus.LATE: "#f1a340",
    ReportStatus.MISSING: "#b2182b",
    ReportStatus.NOT_YET_DUE: "#969696",
}
STATUS_ORDER: Final = (
    Status.ATTAINED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.MISSED,
    Status.OVERDUE,
    Status.NO_DATA,
)
REPORT_MARKERS: Final = {
    ReportStatus.ON_TIME: "o",
    ReportStatus.LATE: "s",
    ReportStatus.MISSING: "X",
    ReportStatus.NOT_YET_DUE: "o",
}
TIME_COLOUR: Final = "#252525"
BAR_COLOUR: Final = "#4393c3"


class ChartFontWarning(UserWarning):
    """No installed font has Chinese glyphs; the chart is drawn with English labels."""


# Fonts ------------------------------------------------------------------------------------------


def _covers(path: str, text: str) -> bool:
    try:
        charmap = FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in set(text))


def _regular_file(family: str) -> str | None:
    """The file of ``family``'s regular face (a family such as Noto Sans CJK has one file per
    weight, listed in no fixed order); None when the family is not known."""
    entries = [e for e in font_manager.fontManager.ttflist if e.name == family]
    if not entries:
        return None

    def weight(entry: font_manager.FontEntry) -> int:
        w = entry.weight
        if isinstance(w, int):
            return w
        return 400 if str(w).lower() in ("normal", "regular", "book") else 700

    entries.sort(key=lambda e: (e.style != "normal", abs(weight(e) - 400), e.fname))
    return str(entries[0].fname)


def _installed_cjk() -> str | None:
    for family in CJK_FAMILIES:
        path = _regular_file(family)
        if path is not None and _covers(path, _PROBE):
            return family
    return None


@functools.cache
def cjk_font() -> str | None:
    """The family name of the CJK font the charts use, or None when none is installed.

    Fonts installed after matplotlib cached its font list are picked up: when no family of
    :data:`CJK_FAMILIES` is known, the system's font files not yet in the list are added to it;
    when the system has none, the font shipped with the package (:func:`shipped_font_file`) is.
    The result is cached; ``cjk_font.cache_clear()`` looks again.
    """
    found = _installed_cjk()
    if found is None:
        manager = font_manager.fontManager
        known = {entry.fname for entry in manager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = _installed_cjk()
    if found is None:
        try:
            font_manager.fontManager.addfont(shipped_font_file())
        except (OSError, RuntimeError, ValueError):  # pragma: no cover - a damaged installation
            return None
        found = _installed_cjk()
    return found


def shipped_font_file() -> str:
    """The CJK font that ships with the package (a subset of WenQuanYi Micro Hei)."""
    return str(resources.files("ezhou_recovery").joinpath("data", "fonts", _SHIPPED_FONT))


def cjk_font_file() -> str | None:
    """The file of the CJK font the charts use, or None when none is installed."""
    family = cjk_font()
    return None if family is None else _regular_file(family)


def use_chinese(lang: Language) -> bool:
    """Whether to draw Chinese labels for ``lang`` (warns when ``auto`` finds no CJK font)."""
    if lang not in ("auto", "zh", "en"):
        raise ValueError(f"lang must be 'auto', 'zh' or 'en', not {lang!r}")
    if lang == "en":
        return False
    if cjk_font() is None:
        warnings.warn(
            "no font with Chinese glyphs could be loaded (neither an installed one such as "
            "fonts-wqy-microhei nor the one shipped in ezhou_recovery/data/fonts); "
            "drawing English labels",
            ChartFontWarning,
            stacklevel=3,
        )
        return False
    return True


@contextmanager
def chart_style(zh: bool) -> Iterator[None]:
    """matplotlib settings while a chart is drawn: the CJK font first when ``zh``."""
    # The CJK font first, DejaVu Sans (matplotlib's own) after it for any glyph it lacks.
    families = [cjk_font() or "DejaVu Sans", "DejaVu Sans"] if zh else ["DejaVu Sans"]
    # Concrete family names, not the generic "sans-serif": text keeps the families it was made
    # with, whereas a generic name would be looked up again in the rcParams of drawing time.
    with mpl.rc_context(
        {
            "font.family": families,
            "axes.unicode_minus": False,
            "font.size": 9,
            "axes.titlesize": 11,
        }
    ):
        yield


def pick(zh: bool, en_text: str, zh_text: str) -> str:
    """``zh_text`` in a Chinese chart, else ``en_text``."""
    return zh_text if zh else en_text


def wrap(text: str, width: int = 32) -> str:
    """``text`` over lines of at most ``width`` characters."""
    return "\n".join(textwrap.wrap(text, width)) or text


def percent(value: float) -> str:
    """A share as a whole percentage that never flatters."""
    return percent_text(value)


def status_text(status: Status, zh: bool) -> str:
    """The name of ``status`` in the chart's language."""
    return status_label(status, "zh" if zh else "en")


def rollup_name(rollup: Rollup, zh: bool) -> str:
    """A roll-up's name in the chart's language (English wrapped)."""
    return rollup.name_zh if zh else wrap(rollup.name_en)


def chart_title(assessment: Assessment, zh: bool, what_en: str, what_zh: str) -> str:
    """The programme's name over what the chart shows and the status date."""
    name = assessment.overall.name_zh if zh else assessment.overall.name_en
    when = assessment.as_of.isoformat()
    head = f"{what_zh}（截至{when}）" if zh else f"{what_en} as of {when}"
    return f"{wrap(name, 40 if zh else 80)}\n{head}"
