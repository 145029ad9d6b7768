"""Charts: what they draw comes from the results; Chinese labels have their glyphs; PNGs save."""

from __future__ import annotations

import copy
import io
import subprocess
import sys
import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import font_manager
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

import ezhou_recovery as er
from ezhou_recovery.analysis.attainment import Status, percent_text
from ezhou_recovery.analysis.compliance import ReportStatus
from ezhou_recovery.display import charts
from ezhou_recovery.display.charts import _style as chart_style

EXAMPLES = Path(__file__).parents[2] / "examples"
PLAN = er.load_ezhou_plan()
OBSERVATIONS = er.load_observations(EXAMPLES / "ezhou_progress.csv", er.load_ezhou_plan())
INVESTMENT = er.load_investment_reports(EXAMPLES / "ezhou_investment.csv", er.load_ezhou_plan())
SUBMISSIONS = er.load_submissions(EXAMPLES / "ezhou_submissions.csv", er.load_ezhou_plan())
AS_OF = date(2021, 6, 30)
STATUS_DATE = date(2021, 10, 15)


def assessment(as_of: date = AS_OF) -> er.Assessment:
    return er.assess(PLAN, OBSERVATIONS, as_of=as_of, investment=INVESTMENT)


def compliance(as_of: date = STATUS_DATE) -> er.Compliance:
    return er.compliance(PLAN, SUBMISSIONS, as_of)


def rendered(fig: Figure) -> Figure:
    """Draw the figure (to PNG in memory), failing on any warning such as a missing glyph."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png", dpi=50)
    return fig


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def bars(ax: object) -> list[BarContainer]:
    return [c for c in ax.containers if isinstance(c, BarContainer)]  # type: ignore[attr-defined]


def tick_labels(ax: object) -> list[str]:
    """The y tick labels in the order given (the charts give them top to bottom)."""
    return [t.get_text() for t in ax.get_yticklabels()]  # type: ignore[attr-defined]


def is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def all_figures(lang: charts.Language) -> Iterator[Figure]:
    a = assessment()
    yield charts.attainment_chart(a, lang=lang)
    yield charts.attainment_chart(a, category="urban", lang=lang)
    yield charts.investment_chart(a, lang=lang)
    yield charts.deadline_calendar(compliance(), lang=lang)


# Fonts ------------------------------------------------------------------------------------------


def test_a_cjk_font_is_found() -> None:
    # An installed CJK font, or else the one shipped in the package: never none.
    family = charts.cjk_font()
    assert family in charts.CJK_FAMILIES
    path = charts.cjk_font_file()
    assert path is not None
    assert Path(path).is_file()


def test_the_shipped_font_covers_the_plan_and_gb2312() -> None:
    charmap = FT2Font(charts.shipped_font_file()).get_charmap()
    plan = Path(__file__).parents[2] / "src" / "ezhou_recovery" / "data" / "ezhou_2020_2022.toml"
    chinese = {ch for ch in plan.read_text(encoding="utf-8") if is_cjk(ch)}
    assert chinese
    assert not {ch for ch in chinese if ord(ch) not in charmap}
    common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    assert not {ch for ch in common if ord(ch) not in charmap}


def test_without_an_installed_cjk_font_the_shipped_one_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manager = copy.copy(font_manager.fontManager)
    manager.ttflist = [e for e in manager.ttflist if e.name not in charts.CJK_FAMILIES]
    monkeypatch.setattr(font_manager, "fontManager", manager)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    charts.cjk_font.cache_clear()
    try:
        assert charts.cjk_font() == "WenQuanYi Micro Hei"
        assert charts.cjk_font_file() == charts.shipped_font_file()
    finally:
        charts.cjk_font.cache_clear()


def test_the_cjk_font_covers_every_character_drawn() -> None:
    path = charts.cjk_font_file()
    assert path is not None
    cjk_map = FT2Font(path).get_charmap()
    dejavu = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
    both = set(cjk_map) | set(FT2Font(dejavu).get_charmap())
    drawn = "".join(s for fig in all_figures("zh") for s in texts(rendered(fig)))
    chinese = {ch for ch in drawn if is_cjk(ch)}
    assert len(chinese) > 50  # the labels really are Chinese
    assert not {ch for ch in chinese if ord(ch) not in cjk_map}
    assert not {ch for ch in set(drawn) - {"\n"} if ord(ch) not in both}


def test_chinese_text_is_drawn_with_the_cjk_font() -> None:
    fig = rendered(charts.attainment_chart(assessment(), lang="zh"))
    label = fig.axes[0].get_yticklabels()[0]
    assert label.get_text() == PLAN.categories[0].name_zh
    assert font_manager.findfont(label.get_fontproperties()) == charts.cjk_font_file()


def test_without_a_cjk_font_labels_are_english_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The charts look the font up where fonts are chosen, the module their styling shares.
    monkeypatch.setattr(chart_style, "cjk_font", lambda: None)
    with pytest.warns(charts.ChartFontWarning, match="could be loaded"):
        fig = charts.attainment_chart(assessment())
    drawn = "".join(texts(rendered(fig)))
    assert not [ch for ch in drawn if is_cjk(ch)]
    # Long names are wrapped over lines.
    labels = [label.replace("\n", " ") for label in tick_labels(fig.axes[0])]
    assert PLAN.categories[1].name_en in labels


def test_english_labels_on_request_need_no_cjk_font() -> None:
    for fig in all_figures("en"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            drawn = "".join(texts(rendered(fig)))
        assert not [ch for ch in drawn if is_cjk(ch)]


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang"):
        charts.attainment_chart(assessment(), lang="fr")  # type: ignore[arg-type]


# Attainment -------------------------------------------------------------------------------------


def test_attainment_by_category_draws_the_rollups() -> None:
    a = assessment()
    fig = rendered(charts.attainment_chart(a, lang="zh"))
    counts_ax, progress_ax = fig.axes
    assert tick_labels(counts_ax) == [c.name_zh for c in a.categories]
    stacks = bars(counts_ax)
    assert len(stacks) == len(Status)
    for status, stack in zip(
        (Status.ATTAINED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.MISSED),
        stacks,
        strict=False,
    ):
        assert [p.get_width() for p in stack] == [c.count(status) for c in a.categories]
        assert {p.get_facecolor() for p in stack} == {to_rgba(charts.STATUS_COLOURS[status])}
    # Every target of every category is in one of the stacks.
    assert sum(p.get_width() for s in stacks for p in s) == len(PLAN.targets)
    (progress,) = bars(progress_ax)
    widths = [p.get_width() for p in progress]
    assert widths == [c.mean_progress or 0.0 for c in a.categories]
    (marks,) = progress_ax.collections
    expected = sorted(c.mean_expected_progress for c in a.categories if c.mean_expected_progress)
    assert sorted(x for x, _ in marks.get_offsets()) == pytest.approx(expected)
    assert a.as_of.isoformat() in fig.get_suptitle()


def test_attainment_of_one_category_draws_each_target() -> None:
    a = assessment()
    urban = a.category("urban")
    fig = rendered(charts.attainment_chart(a, category="urban", lang="zh"))
    (ax,) = fig.axes
    (stack,) = bars(ax)
    assert len(stack) == urban.total == len(PLAN.category("urban").targets)
    in_plan_order = [a.target(t.key) for t in PLAN.category("urban").targets]
    assert [p.get_facecolor() for p in stack] == [
        to_rgba(charts.STATUS_COLOURS[r.status]) for r in in_plan_order
    ]
    assert [p.get_width() for p in stack] == [r.capped_progress or 0.0 for r in in_plan_order]
    assert len(tick_labels(ax)) == urban.total
    with pytest.raises(KeyError):
        charts.attainment_chart(a, category="no_such_category", lang="en")


# Investment -------------------------------------------------------------------------------------


def test_investment_chart_draws_completion_and_time_progress() -> None:
    a = assessment()
    fig = rendered(charts.investment_chart(a, lang="zh"))
    total_ax, first_ax = fig.axes  # the Ezhou portfolio has a first-year plan
    money = [m for m in a.money if m.subject in {c.key for c in PLAN.categories}]
    money.append(a.money_total)
    labels = tick_labels(total_ax)  # top to bottom
    assert labels[-1] == "全部工程合计"
    assert labels[:-1] == [a.category(m.subject).name_zh for m in money[:-1]]
    (cumulative,) = bars(total_ax)
    assert [p.get_width() for p in cumulative] == [
        min(float(m.completion_rate), 1.25) if m.completion_rate is not None else 0.0 for m in money
    ]
    (first,) = bars(first_ax)
    assert [p.get_width() for p in first] == [
        min(float(m.first_year_rate), 1.25) if m.first_year_rate is not None else 0.0 for m in money
    ]
    (marks,) = total_ax.collections
    assert {x for x, _ in marks.get_offsets()} == {float(a.money_total.time_progress)}
    drawn = texts(fig)
    transport = a.money_for("transport")
    assert transport.completion_rate is not None
    assert any(s.startswith(percent_text(transport.completion_rate)) for s in drawn)
    assert drawn.count("未报送数据") == 2 * sum(m.completion_rate is None for m in money)


# Compliance -------------------------------------------------------------------------------------


def status_points(fig: Figure) -> dict[str, int]:
    (ax,) = fig.axes
    return {
        str(c.get_label()): len(c.get_offsets())
        for c in ax.collections
        if isinstance(c, PathCollection)
    }


def test_deadline_calendar_draws_every_deadline() -> None:
    c = compliance()
    fig = rendered(charts.deadline_calendar(c, lang="zh"))
    (ax,) = fig.axes
    tally = c.programme
    # The example has every kind of deadline.
    assert min(tally.on_time, tally.late, tally.missing, tally.not_yet_due) > 0
    assert status_points(fig) == {
        f"按时 ({tally.on_time})": tally.on_time,
        f"迟报 ({tally.late})": tally.late,
        f"未报 ({tally.missing})": tally.missing,
        f"未到期 ({tally.not_yet_due})": tally.not_yet_due,
    }
    assert sum(status_points(fig).values()) == len(c.statuses)
    assert tick_labels(ax) == [d.name_zh for d, _ in c.by_department]
    # One line per late report, from its last on-time day to the day it arrived.
    late_colour = charts.REPORT_COLOURS[ReportStatus.LATE]
    late_lines = [tuple(ln.get_xdata()) for ln in ax.get_lines() if ln.get_color() == late_colour]  # type: ignore[arg-type]
    assert late_lines == [
        (st.last_day, st.received) for st in c.statuses if st.status is ReportStatus.LATE
    ]
    assert tally.on_time_rate is not None
    assert percent_text(tally.on_time_rate) in fig.get_suptitle()


@settings(max_examples=8)
@given(st.integers(min_value=0, max_value=(PLAN.period.end - PLAN.period.start).days))
def test_charts_follow_the_results_on_any_date(offset: int) -> None:
    day = PLAN.period.start + timedelta(days=offset)
    c = compliance(day)
    points = status_points(charts.deadline_calendar(c, lang="en"))
    by_status = {label.split(" (")[0]: n for label, n in points.items()}
    assert by_status == {
        "on time": c.programme.on_time,
        "late": c.programme.late,
        "missing": c.programme.missing,
        "not yet due": c.programme.not_yet_due,
    }
    a = assessment(day)
    fig = charts.attainment_chart(a, lang="en")
    assert sum(p.get_width() for s in bars(fig.axes[0]) for p in s) == len(PLAN.targets)


# Saving and importing ---------------------------------------------------------------------------


def test_charts_save_to_png(tmp_path: Path) -> None:
    from matplotlib.image import imread

    for n, fig in enumerate(all_figures("zh")):
        path = tmp_path / f"chart{n}.png"
        fig.savefig(path, dpi=60)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        height, width, _ = imread(path).shape
        assert (width, height) == pytest.approx(
            (fig.get_figwidth() * 60, fig.get_figheight() * 60), abs=1
        )


def test_importing_the_library_does_not_import_matplotlib() -> None:
    code = "import sys, ezhou_recovery; print('matplotlib' in sys.modules)"
    src = str(Path(__file__).parents[2] / "src")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src},
    )
    assert out.stdout.strip() == "False"


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = charts.cjk_font_file()
    assert path is not None
    manager = font_manager.fontManager
    family = charts.cjk_font()
    # As if the font list had been cached before the font (each of its weights) was installed.
    monkeypatch.setattr(manager, "ttflist", [e for e in manager.ttflist if e.name != family])
    charts.cjk_font.cache_clear()
    try:
        assert charts.cjk_font() in charts.CJK_FAMILIES
        assert charts.cjk_font_file() == path
    finally:
        charts.cjk_font.cache_clear()
