"""Bulletins for the tests: the example dataset's 2021Q2 against 2021Q1, and a constructed pair of
quarters with every kind of change."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path

import ezhou_recovery as er
from ezhou_recovery.bulletins.contents import Bulletin, bulletin

Q1 = date(2021, 3, 31)
Q2 = date(2021, 6, 30)


@cache
def plan() -> er.Programme:
    return er.load_ezhou_plan()


def results(as_of: date) -> tuple[er.Assessment, er.Compliance]:
    p = plan()
    a = er.assess(
        p,
        er.example_observations(p),
        as_of=as_of,
        investment=er.example_investment_reports(p),
    )
    return a, er.compliance(p, er.example_submissions(), as_of)


@cache
def example_q1() -> Bulletin:
    return bulletin(plan(), *results(Q1))


@cache
def example_q2() -> Bulletin:
    return bulletin(plan(), *results(Q2), previous=example_q1())


# A constructed pair of quarters ------------------------------------------------------------------

#: Misses its 2021Q2 report: newly late in Q2.
NEWLY_LATE = "water_bureau"
#: Its 2021Q1 report arrives on 2021-04-10, after the Q1 bulletin: behind in Q1, recovered in Q2.
RECOVERED = "transport_bureau"

OBSERVATIONS = """target,as_of,value
new_infrastructure.base_stations_5g,2020-12-31,500个
new_infrastructure.base_stations_5g,2021-06-30,"1,000个"
public_health.district_cdcs,2021-05-01,1个
transport.rural_roads,2020-12-31,25公里
"""

INVESTMENT = """subject,as_of,completed
public_health,2021-03-31,6.1亿元
public_health,2021-06-30,15.3亿元
transport,2021-06-30,120亿元
"""


def constructed_submissions() -> list[er.Submission]:
    """Every report up to 2021-06-30 on its due date, but for the two departments above."""
    out = []
    for d in plan().deadlines(None, Q2):
        if d.department.key == NEWLY_LATE and d.period.label == "2021Q2":
            continue
        if d.department.key == RECOVERED and d.period.label == "2021Q1":
            out.append(er.Submission.for_deadline(d, date(2021, 4, 10)))
            continue
        out.append(er.Submission.for_deadline(d, d.due - timedelta(days=1)))
    return out


def constructed(tmp: Path) -> tuple[Bulletin, Bulletin]:
    """The Q1 and Q2 bulletins of the constructed world."""
    p = plan()
    (tmp / "obs.csv").write_text(OBSERVATIONS, encoding="utf-8")
    (tmp / "inv.csv").write_text(INVESTMENT, encoding="utf-8")
    observations = er.load_observations(tmp / "obs.csv", p)
    investment = er.load_investment_reports(tmp / "inv.csv", p)
    submissions = constructed_submissions()

    def at(day: date) -> tuple[er.Assessment, er.Compliance]:
        return (
            er.assess(p, observations, as_of=day, investment=investment),
            er.compliance(p, submissions, day),
        )

    first = bulletin(p, *at(Q1))
    return first, bulletin(p, *at(Q2), previous=first)
