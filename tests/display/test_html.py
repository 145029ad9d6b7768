"""Notebook display: HTML tables (escaped, bilingual) and short text views."""

from __future__ import annotations

import tomllib
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery.io.programme_files import programme_from_data
from ezhou_recovery.model.obligations import Deadlines

SAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "small_programme.toml"
NASTY = "<script>alert('x')</script> & \"引号\""


def sample_data() -> dict[str, Any]:
    return tomllib.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample() -> er.Programme:
    return er.load_programme(SAMPLE)


@pytest.fixture(scope="module")
def nasty() -> er.Programme:
    data = sample_data()
    data["title_en"] = NASTY
    category = data["categories"][0]
    category["name_en"] = NASTY
    category["lead_departments"][0]["name_zh"] = NASTY
    category["targets"][0]["description_zh"] = NASTY
    category["projects"][0]["name_en"] = NASTY
    return programme_from_data(data, source="nasty")


def test_programme_html_lists_every_category_bilingually(sample: er.Programme) -> None:
    html = sample._repr_html_()
    assert html.count("<table") == 1
    for c in sample.categories:
        assert escape(c.name_zh) in html
        assert escape(c.name_en) in html
    assert "工程 Category" in html
    assert escape(sample.document_number) in html


def test_category_html_shows_targets_and_projects(sample: er.Programme) -> None:
    transport = sample.category("transport")
    html = transport._repr_html_()
    for t in transport.targets:
        assert escape(t.description_zh) in html
        assert escape(t.describe_value()) in html
    assert escape(transport.projects[0].name_zh) in html
    assert escape(transport.leader.name_zh) in html


@pytest.mark.parametrize(
    "render",
    [
        lambda p: p._repr_html_(),
        lambda p: p.categories[0]._repr_html_(),
        lambda p: p.targets._repr_html_(),
        lambda p: p.targets[0]._repr_html_(),
        lambda p: p.deadlines()._repr_html_(),
    ],
    ids=["programme", "category", "targets", "target", "deadlines"],
)
def test_data_text_is_escaped(nasty: er.Programme, render: Any) -> None:
    html = render(nasty)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@settings(deadline=None, max_examples=60)
@given(
    st.text(
        st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\t\n\r"), min_size=1
    ).filter(str.strip)
)
def test_any_description_round_trips_through_escaping(text: str) -> None:
    target = er.Target(
        key="a.b", description_zh=text, description_en=text, kind=er.TargetKind.QUALITATIVE,
        deadline=date(2022, 12, 31),
    )  # fmt: skip
    html = target._repr_html_()
    assert escape(text) in html
    # Only the markup itself has tags: the data's own angle brackets are all escaped.
    stripped = html.replace(escape(text), "")
    assert stripped.count("<") == stripped.count(">")


def test_deadlines_are_a_tuple_that_renders(sample: er.Programme) -> None:
    deadlines = sample.deadlines(date(2021, 4, 1), date(2021, 6, 30))
    assert isinstance(deadlines, Deadlines)
    assert isinstance(deadlines, tuple)
    assert deadlines == tuple(deadlines)
    html = deadlines._repr_html_()
    assert html.count("<tr>") == len(deadlines) + 1
    assert f"{len(deadlines)} 个报送节点 deadlines" in html


def test_text_views_are_short_tables(sample: er.Programme) -> None:
    text = str(sample.targets)
    lines = text.splitlines()
    assert len(lines) == len(sample.targets) + 2
    assert all(t.key in text for t in sample.targets)
    deadlines = sample.deadlines(date(2021, 4, 1), date(2021, 6, 30))
    assert len(str(deadlines).splitlines()) == len(deadlines) + 2
    assert str(sample).startswith(f"{sample.key}: {sample.title_zh}")
    assert len(str(sample).splitlines()) == 1
    assert str(sample.categories[0]).startswith("(1) transport: ")


def test_text_table_columns_line_up_with_chinese(sample: er.Programme) -> None:
    from ezhou_recovery._core.text import width

    lines = str(sample.targets).splitlines()
    widths = [len(dashes) for dashes in lines[1].split("  ")]
    starts = [sum(widths[:i]) + 2 * i for i in range(len(widths))]
    for line, target in zip(lines[2:], sample.targets, strict=True):
        cells = [target.key, target.description_zh, target.describe_value()]
        at = 0
        for column, cell in enumerate(cells):
            at = line.index(cell, at)
            assert width(line[:at]) == starts[column], (line, cell)
            at += len(cell)
