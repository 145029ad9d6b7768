"""Charts of assessment and compliance results, with matplotlib (the ``charts`` extra).

:mod:`~ezhou_recovery.display.charts.attainment`, :mod:`~ezhou_recovery.display.charts.investment`
and :mod:`~ezhou_recovery.display.charts.compliance` each draw one chart; fonts, colours and
the language are shared (``_style``). Every name is importable from this module.

Each function takes results (:class:`~ezhou_recovery.Assessment`,
:class:`~ezhou_recovery.Compliance`) and returns a :class:`matplotlib.figure.Figure`; it draws
what the computation found and computes nothing of its own. Save a figure with
``fig.savefig("chart.png")``; in Jupyter it displays as the cell's value.

Chinese labels need a font with CJK glyphs: the first family of :data:`CJK_FAMILIES` installed on
the machine, else the subset of WenQuanYi Micro Hei that ships inside the package (GB2312 and every
character of the embedded plan; Apache-2.0, see ``data/fonts/``). Only if no font can be loaded do the
charts fall back to English labels with a :class:`ChartFontWarning`, rather than drawing empty boxes. This module is not imported by ``import ezhou_recovery``; import it as
``from ezhou_recovery.display import charts``.
"""

from ezhou_recovery.display.charts._style import (
    CJK_FAMILIES,
    REPORT_COLOURS,
    STATUS_COLOURS,
    ChartFontWarning,
    Language,
    cjk_font,
    cjk_font_file,
    shipped_font_file,
)
from ezhou_recovery.display.charts.attainment import attainment_chart
from ezhou_recovery.display.charts.compliance import deadline_calendar
from ezhou_recovery.display.charts.investment import investment_chart

__all__ = [
    "CJK_FAMILIES",
    "REPORT_COLOURS",
    "STATUS_COLOURS",
    "ChartFontWarning",
    "Language",
    "attainment_chart",
    "cjk_font",
    "cjk_font_file",
    "deadline_calendar",
    "investment_chart",
    "shipped_font_file",
]
