"""The quarterly bulletin: its figures are those of assess and compliance, what changed is right on
a constructed pair of quarters, and the HTML and Markdown say it escaped and in both languages."""

from __future__ import annotations

import json
import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import ezhou_recovery as er
from _bulletin_data import (
    NEWLY_LATE,
    Q1,
    Q2,
    RECOVERED,
    constructed,
    example_q1,
    example_q2,
    plan,
    results,
)
from ezhou_recovery.bulletins.contents import (
    Bulletin,
    BulletinHeader,
    CallInBasis,
    DepartmentChangeKind,
    bulletin,
)
from ezhou_recovery.bulletins.sections import outline, share
from ezhou_recovery.display.labels import LABELS, label

# Figures ----------------------------------------------------------------------------------------


def test_figures_are_those_of_assess_and_compliance() -> None:
    a, c = results(Q2)
    b = example_q2()
    assert b.assessment == a
    assert b.compliance == c
    assert dict(b.headline.counts) == a.overall.counts
    assert b.headline.targets == a.overall.total == len(plan().targets)
    assert b.headline.with_data == sum(1 for r in a.results if r.value is not None)
    assert b.headline.money == a.money_total
    assert b.headline.reporting == c.programme
    for section, category in zip(b.categories, plan().categories, strict=True):
        assert section.key == category.key
        assert section.rollup == a.category(category.key)
        assert section.leader == category.leader
        assert section.departments == category.lead_departments
    assert [(r.department, r.tally) for r in b.reporting] == list(c.by_department)
    for r in b.reporting:
        assert r.tally.late == len(r.late)
        assert r.tally.missing == len(r.missing)
        assert all(s.deadline.department == r.department for s in (*r.late, *r.missing))
    assert b.call_in_basis is CallInBasis.RULE  # the embedded plan states a rule


def test_the_rendered_figures_are_the_results() -> None:
    b = example_q2()
    t = b.compliance.programme
    page = b.to_html()
    md = b.to_markdown()
    for text in (page, md):
        assert f"应报{t.expected}份" in text
        assert f"按时报送率{share(t.on_time_rate)}" in text
        assert f"目标{b.assessment.overall.total}项" in text
    worst = b.categories[0].rollup.results[0]
    assert worst.reason_zh in md.replace("\\", "")


def test_shares_never_round_up() -> None:
    assert share(0.9996) == "99.9%"
    assert share(1) == "100.0%"
    assert share(None) == "-"


# What changed -----------------------------------------------------------------------------------


def test_what_changed_on_a_constructed_pair_of_quarters(tmp_path: Path) -> None:
    first, second = constructed(tmp_path)
    assert first.changes is None
    changes = second.changes
    assert changes is not None
    assert changes.previous_as_of == Q1
    # every target whose status differs, and no other, with both results
    expected = {
        r.key
        for r in second.assessment.results
        if r.status is not first.assessment.target(r.key).status
    }
    assert {c.key for c in changes.status_changes} == expected
    by_key = {c.key: c for c in changes.status_changes}
    cdcs = by_key["public_health.district_cdcs"]
    assert (cdcs.before.status, cdcs.after.status) == (er.Status.NO_DATA, er.Status.AT_RISK)
    assert cdcs.before.value is None
    assert str(cdcs.after.value) == str(second.assessment.target(cdcs.key).value)
    five_g = by_key["new_infrastructure.base_stations_5g"]
    assert (five_g.before.status, five_g.after.status) == (er.Status.AT_RISK, er.Status.ON_TRACK)
    assert five_g.before.value == er.parse_quantity("500个基站")
    assert five_g.after.value == er.parse_quantity("1000个基站")
    # departments
    assert [(d.department.key, d.kind) for d in changes.departments] == [
        (NEWLY_LATE, DepartmentChangeKind.NEWLY_LATE),
        (RECOVERED, DepartmentChangeKind.RECOVERED),
    ]
    late = changes.newly_late[0]
    assert {s.deadline.period.label for s in late.reports} == {"2021Q2"}
    assert all(s.status is er.ReportStatus.MISSING for s in late.reports)
    recovered = changes.recovered[0]
    assert {s.deadline.period.label for s in recovered.reports} == {"2021Q1"}
    # investment added this quarter
    money = {c.subject: c for c in changes.investment}
    assert money["public_health"].added == er.money("9.2亿元")
    assert money["transport"].before is None
    assert money["transport"].added is None
    assert "water" not in money
    assert money[plan().key].added is None  # the programme total is not complete on both dates


def test_what_changed_is_rendered_with_both_statuses_and_figures(tmp_path: Path) -> None:
    _, second = constructed(tmp_path)
    md = second.to_markdown()
    assert "▲ 存在风险 | ● 进度正常 | 500个基站 → 1000个基站" in md
    assert "新出现迟报、未报的单位" in md
    assert "市水利和湖泊局" in md or "水利" in md
    assert "公共卫生体系补短板工程：本期新增完成投资9.2亿元" in md
    en = second.to_markdown("en")
    assert "RMB 0.92 billion invested this quarter" in en


def test_previous_as_a_bulletin_as_results_or_read_back_from_json(tmp_path: Path) -> None:
    a, c = results(Q2)
    q1 = example_q1()
    from_pair = bulletin(plan(), a, c, previous=(q1.assessment, q1.compliance))
    stored = er.from_json(er.to_json(q1), er.Bulletin)
    assert stored == q1
    from_file = bulletin(plan(), a, c, previous=stored)
    assert from_pair == example_q2() == from_file
    again = er.from_json(er.to_json(example_q2()), er.Bulletin)
    assert again == example_q2()


def test_results_that_do_not_fit_together_are_refused() -> None:
    a1, c1 = results(Q1)
    a2, c2 = results(Q2)
    with pytest.raises(ValueError, match="one date"):
        bulletin(plan(), a2, c1)
    with pytest.raises(ValueError, match="not before"):
        bulletin(plan(), a1, c1, previous=(a2, c2))


# 约谈问责 and deadlines ---------------------------------------------------------------------------


def _without_rule() -> Bulletin:
    """The example's 2021Q2 bulletin for the plan with its accountability rule taken out."""
    a, c = results(Q2)
    return bulletin(attrs.evolve(plan(), accountability=None), a, c)


def test_call_ins_come_from_the_laggard_ranking_without_a_rule() -> None:
    b = _without_rule()
    assert b.call_in_basis is CallInBasis.LAGGARDS
    assert b.call_in_rule_zh is None
    first = b.compliance.laggards[0]
    assert [ci.name_zh for ci in b.call_ins] == [
        lag.department.name_zh for lag in b.compliance.laggards
    ]
    assert (
        b.call_ins[0]
        .reasons_zh[0]
        .startswith(f"迟报{first.tally.late}份、未报{first.tally.missing}份")
    )
    assert label("basis_laggards") in b.to_markdown()


def test_the_programmes_accountability_rule_makes_the_list() -> None:
    a, c = results(Q2)
    b = example_q2()
    rule = plan().accountability
    assert rule is not None
    applied = er.accountability(plan(), c, a)
    assert b.call_in_basis is CallInBasis.RULE
    assert [(ci.name_zh, ci.reasons_zh) for ci in b.call_ins] == [
        (x.unit.name_zh, tuple(g.reason_zh for g in x.grounds)) for x in applied.call_ins
    ]
    assert [ci.rank for ci in b.call_ins] == list(range(1, len(b.call_ins) + 1))
    assert b.call_in_rule_zh == rule.describe("zh")
    assert f"依据：{rule.describe('zh')}" in b.to_markdown().replace("\\", "")
    # a rule given to the bulletin replaces the programme's
    strict = attrs.evolve(rule, late_or_missing_reports=10, missing_reports=10, category_targets=50)
    lenient = bulletin(plan(), a, c, rule=strict)
    assert [ci.name_zh for ci in lenient.call_ins] == [
        x.unit.name_zh for x in er.accountability(plan(), c, a, strict).call_ins
    ]
    assert len(lenient.call_ins) < len(b.call_ins)


def test_next_quarter_deadlines() -> None:
    b = example_q2()
    assert b.next_quarter.label == "2021Q3"
    assert b.next_deadlines
    assert all(Q2 < d.due <= date(2021, 9, 30) for d in b.next_deadlines)
    expected = [d for d in plan().deadlines(None, date(2021, 9, 30)) if d.due > Q2]
    assert list(b.next_deadlines) == expected


# Renderings -------------------------------------------------------------------------------------


def test_every_section_is_in_each_rendering_in_order() -> None:
    b = example_q2()
    page = b.to_html()
    md = b.to_markdown()
    positions_html = [page.index(f'id="{s.anchor}"') for s in outline(b)]
    assert positions_html == sorted(positions_html)
    positions_md = [
        md.index("#" * (s.level + 1) + " " + s.title.replace(".", ".")) for s in outline(b)
    ]
    assert positions_md == sorted(positions_md)
    for s in outline(b):
        assert f'href="#{s.anchor}"' in page or s.level == 2


def test_bilingual_from_one_label_table() -> None:
    b = example_q2()
    zh, en = b.to_html(), b.to_html("en")
    for key in ("headline", "changes", "reporting", "call_ins", "next_deadlines"):
        assert LABELS[key][0] in zh
        assert LABELS[key][1].replace("(", "(") in en.replace("&#x27;", "'")
    assert '<html lang="zh-CN">' in zh
    assert '<html lang="en">' in en
    with pytest.raises(ValueError, match="lang"):
        b.to_html("fr")


def test_the_html_page_is_self_contained() -> None:
    page = example_q2().to_html()
    assert "<svg" in page
    assert not re.search(r"""(src|href)=["']https?:""", page)
    assert "@import" not in page
    assert "url(http" not in page
    assert "@media print" in page
    assert "size: A4" in page
    assert '"Noto Sans CJK SC"' in page
    assert "sans-serif" in page


def test_status_never_by_colour_alone() -> None:
    page = example_q2().to_html()
    for cell in re.findall(r'<span class="status s-(\w+)">([^<]*)</span>', page):
        status = er.Status(cell[0])
        assert status.label_zh in cell[1]
        assert cell[1][0] in "✔●▲▼✖⊘○■"


def test_placeholders_and_given_header_fields() -> None:
    b = example_q2()
    md = b.to_markdown()
    assert "〔待填：发文字号〕" in md
    assert "〔待填：主送机关〕" in md
    a, c = results(Q2)
    given = bulletin(
        plan(),
        a,
        c,
        header=BulletinHeader(
            issuer="鄂州市十大工程指挥部办公室",
            number="鄂十大办〔2021〕3号",
            addressees="各区人民政府",
            date=date(2021, 7, 5),
        ),
    )
    md = given.to_markdown()
    assert "鄂十大办〔2021〕3号" in md
    assert "2021年7月5日" in md
    assert "待填" not in md


def test_text_from_the_data_is_escaped() -> None:
    a, c = results(Q2)
    hostile = "<script>alert('x')</script> | **bold** [link](http://x)"
    b = bulletin(plan(), a, c, header=BulletinHeader(issuer=hostile))
    page = b.to_html()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    md = b.to_markdown()
    assert "<script>" not in md
    assert "\\*\\*bold\\*\\*" in md
    assert "\\[link\\]" in md
    assert "| **bold**" not in md


def test_notebook_view_is_the_page_body() -> None:
    b = example_q2()
    body = b._repr_html_()
    assert "<html" not in body
    assert "<h1>" in body
    assert all(f'id="{s.anchor}"' in body for s in outline(b))
    assert body.startswith('<div class="ezhou-bulletin"><style>')
    style = body[body.index("<style>") : body.index("</style>")]
    assert "body" not in style  # styles the bulletin only, not the notebook
    assert ".ezhou-bulletin .s-missed" in style


def test_the_bulletin_document_has_a_schema_and_reads_back() -> None:
    import jsonschema

    from ezhou_recovery.io.json.schema import json_schema

    data = json.loads(er.to_json(example_q1()))
    assert data["format"] == "ezhou-recovery/bulletin"
    jsonschema.validate(data, json_schema(er.Bulletin))


def test_call_in_reasons_quote_the_tally_as_the_table_does() -> None:
    b = _without_rule()
    tallies = {lag.department.name_zh: lag.tally for lag in b.compliance.laggards}
    for ci in b.call_ins:
        t = tallies[ci.name_zh]
        assert f"按时报送率{share(t.on_time_rate)}（{t.on_time}/{t.expected}）" in ci.reasons_zh[0]


def test_the_docs_worked_example_is_what_the_bulletin_says() -> None:
    text = (Path(__file__).parents[2] / "docs" / "bulletin.md").read_text(encoding="utf-8")
    b = example_q2()
    t = b.compliance.programme
    h = b.headline
    assert f"({h.with_data} of {h.targets}, {share(h.coverage)}" in text
    assert f"{t.received} of {t.expected} ({share(t.reporting_rate)})" in text
    assert f"{t.on_time} of {t.expected} ({share(t.on_time_rate)})" in text
    assert b.changes is not None
    assert [d.department.name_zh for d in b.changes.newly_late] == ["市水利局"]
    assert "市水利局 is\n  newly late" in text
    assert "市生态环境局" in [d.department.name_zh for d in b.changes.recovered]
    added = {c.subject: c.added for c in b.changes.investment}
    assert added["public_health"] == er.money("9.2亿元")
    assert "9.2亿元 added" in text
    five_g = next(c for c in b.changes.status_changes if c.key.endswith("base_stations_5g"))
    assert (five_g.before.status, five_g.after.status) == (er.Status.AT_RISK, er.Status.ON_TRACK)
    from ezhou_recovery.bulletins.docx import grid_values

    line_pitch, char_space = grid_values()
    assert f'w:linePitch="{line_pitch}" w:charSpace="{char_space}"' in text
    first = b.call_ins[0]
    assert f"{first.name_zh}: {first.reasons_zh[0].split('：')[0]}" in text
    laggard = _without_rule().call_ins[0]
    assert f"({laggard.reasons_zh[0]})" in text


def test_each_category_shows_its_counts_and_coverage() -> None:
    b = example_q2()
    md = b.to_markdown()
    for c in b.categories:
        assert c.with_data == sum(1 for r in c.rollup.results if r.value is not None)
        total = c.rollup.total
        assert f"目标{total}项" in md
        assert f"有数据{c.with_data}项，占{share(c.coverage)}" in md
    health = b.categories[0]
    assert health.coverage == Fraction(health.with_data, health.rollup.total)


def test_a_partial_investment_figure_says_how_many_categories_reported() -> None:
    b = example_q2()
    money = b.assessment.money
    keys = {c.key for c in b.categories}
    reported = [m for m in money if m.subject in keys and m.completed is not None]
    assert b.assessment.money_total.completed is None
    assert b.headline.money_reported == len(reported) == 3
    assert b.headline.money_categories == len([m for m in money if m.subject in keys])
    assert f"{b.headline.money_categories}项工程中3项已报送" in b.to_markdown()
