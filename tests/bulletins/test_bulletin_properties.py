"""Properties of the bulletin on generated programmes, observations and submissions: its figures
are the results', what changed is exactly what differs, and it reads back from JSON."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.bulletins.contents import DepartmentChangeKind, bulletin
from ezhou_recovery.bulletins.sections import outline


@st.composite
def worlds(
    draw: st.DrawFn,
) -> tuple[er.Programme, list[er.Observation], list[er.Submission], date, date]:
    programme = draw(ers.programmes())
    targets = list(programme.targets)
    observations = (
        draw(
            st.lists(
                ers.observations(programme=programme),
                max_size=8,
                unique_by=lambda o: (o.target, o.as_of),  # one figure per target and day
            )
        )
        if targets
        else []
    )
    submissions = draw(ers.submissions(programme=programme))
    period = programme.period
    first = draw(ers.dates(within=period))
    second = draw(ers.dates(within=period).filter(lambda d: d > first))
    return programme, observations, submissions, first, second


def _results(
    programme: er.Programme,
    observations: list[er.Observation],
    submissions: list[er.Submission],
    day: date,
) -> tuple[er.Assessment, er.Compliance]:
    return er.assess(programme, observations, as_of=day), er.compliance(programme, submissions, day)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(worlds())
def test_a_bulletin_holds_the_results_and_what_differs(
    world: tuple[er.Programme, list[er.Observation], list[er.Submission], date, date],
) -> None:
    programme, observations, submissions, first, second = world
    before = _results(programme, observations, submissions, first)
    after = _results(programme, observations, submissions, second)
    b = bulletin(programme, *after, previous=before)
    a, c = after
    assert dict(b.headline.counts) == a.overall.counts
    assert b.headline.reporting == c.programme
    assert [s.rollup for s in b.categories] == list(a.categories)
    assert b.changes is not None
    assert {ch.key for ch in b.changes.status_changes} == {
        r.key for r in a.results if r.status is not before[0].target(r.key).status
    }
    for ch in b.changes.status_changes:
        assert ch.before == before[0].target(ch.key)
        assert ch.after == a.target(ch.key)
    late = {d.department.key for d in b.changes.newly_late}
    recovered = {d.department.key for d in b.changes.recovered}
    assert not late & recovered
    for d in b.changes.departments:
        assert d.reports
        if d.kind is DepartmentChangeKind.NEWLY_LATE:
            assert all(s in c.statuses for s in d.reports)
        else:
            assert all(s in before[1].statuses for s in d.reports)
    assert all(second < d.due <= b.next_quarter.end for d in b.next_deadlines)
    assert er.from_json(er.to_json(b), er.Bulletin) == b
    assert er.from_json(er.to_json(before[0]), er.Assessment) == before[0]
    body = b.to_html()
    assert all(f'id="{s.anchor}"' in body for s in outline(b))
    assert b.as_of - b.changes.previous_as_of == timedelta(days=(second - first).days)
