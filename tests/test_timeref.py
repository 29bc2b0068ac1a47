from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.timeref import DateError, ImpossibleDate, parse_date, resolve_when

D = date


@pytest.mark.parametrize("text,lo,hi", [
    ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("2025-06", D(2025, 6, 1), D(2025, 6, 30)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2025-06-04", D(2025, 6, 4), D(2025, 6, 4)),
    ("2025-Q4", D(2025, 10, 1), D(2025, 12, 31)),
    ("2025-H1", D(2025, 1, 1), D(2025, 6, 30)),
    ("2017..2025-03", D(2017, 1, 1), D(2025, 3, 31)),
    ("June 2025", D(2025, 6, 1), D(2025, 6, 30)),
    ("June 3, 2025", D(2025, 6, 3), D(2025, 6, 3)),
    ("3 June 2025", D(2025, 6, 3), D(2025, 6, 3)),
    ("May 9, 2025", D(2025, 5, 9), D(2025, 5, 9)),
    ("Sept 2024", D(2024, 9, 1), D(2024, 9, 30)),
])
def test_parse_date(text, lo, hi):
    w = parse_date(text)
    assert (w.lo, w.hi, w.relative, w.direction, w.text) == (lo, hi, False, None, text)


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13", "25", "earlier this month", "", "2025..2024",
                                  "May 32, 2025"])
def test_parse_date_rejects(text):
    with pytest.raises(DateError):
        parse_date(text)


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)))
def test_parse_iso_day(d):
    w = parse_date(d.isoformat())
    assert w.lo == w.hi == d


DAY = parse_date("2025-06-04")  # a Wednesday
JUNE = parse_date("2025-06")


@pytest.mark.parametrize("text,lo,hi,direction", [
    ("earlier this month", D(2025, 6, 1), D(2025, 6, 3), "past"),
    ("this month", D(2025, 6, 1), D(2025, 6, 30), "present"),
    ("last month", D(2025, 5, 1), D(2025, 5, 31), "past"),
    ("later this month", D(2025, 6, 5), D(2025, 6, 30), "future"),
    ("this year", D(2025, 1, 1), D(2025, 12, 31), "present"),
    ("last year", D(2024, 1, 1), D(2024, 12, 31), "past"),
    ("next year", D(2026, 1, 1), D(2026, 12, 31), "future"),
    ("earlier this year", D(2025, 1, 1), D(2025, 6, 3), "past"),
    ("yesterday", D(2025, 6, 3), D(2025, 6, 3), "past"),
    ("today", D(2025, 6, 4), D(2025, 6, 4), "present"),
    ("a day ago", D(2025, 6, 3), D(2025, 6, 3), "past"),
    ("3 days ago", D(2025, 6, 1), D(2025, 6, 1), "past"),
    ("2 weeks ago", D(2025, 5, 19), D(2025, 5, 25), "past"),
    ("two months ago", D(2025, 4, 1), D(2025, 4, 30), "past"),
    ("5 years ago", D(2020, 1, 1), D(2020, 12, 31), "past"),
    ("this week", D(2025, 6, 2), D(2025, 6, 8), "present"),
    ("last week", D(2025, 5, 26), D(2025, 6, 1), "past"),
    ("Friday", D(2025, 5, 30), D(2025, 5, 30), "past"),
    ("on Wednesday", D(2025, 6, 4), D(2025, 6, 4), None),  # a Wednesday story: that day
    ("last Wednesday", D(2025, 5, 28), D(2025, 5, 28), "past"),
    ("Tuesday", D(2025, 6, 3), D(2025, 6, 3), "past"),
    ("next Friday", D(2025, 6, 6), D(2025, 6, 6), "future"),
    ("in April", D(2025, 4, 1), D(2025, 4, 30), None),
    ("April", D(2025, 4, 1), D(2025, 4, 30), None),
    ("in July", D(2024, 7, 1), D(2024, 7, 31), None),
    ("mid-May", D(2025, 5, 11), D(2025, 5, 20), None),
    ("early June", D(2025, 6, 1), D(2025, 6, 10), None),
    ("late April", D(2025, 4, 21), D(2025, 4, 30), None),
    ("May 9", D(2025, 5, 9), D(2025, 5, 9), None),
    ("this spring", D(2025, 3, 1), D(2025, 5, 31), "present"),
    ("last spring", D(2025, 3, 1), D(2025, 5, 31), "past"),
    ("last fall", D(2024, 9, 1), D(2024, 11, 30), "past"),
    ("next summer", D(2026, 6, 1), D(2026, 8, 31), "future"),
    ("this quarter", D(2025, 4, 1), D(2025, 6, 30), "present"),
    ("last quarter", D(2025, 1, 1), D(2025, 3, 31), "past"),
    ("since 2017", D(2017, 1, 1), D(2025, 6, 4), None),
    ("recent decades", D(1995, 6, 4), D(2025, 6, 4), "past"),
])
def test_relative_against_a_day(text, lo, hi, direction):
    w = resolve_when(text, DAY)
    assert (w.lo, w.hi, w.direction, w.relative) == (lo, hi, direction, True)


@pytest.mark.parametrize("text,lo,hi", [
    ("earlier this month", D(2025, 6, 1), D(2025, 6, 29)),
    ("later this month", D(2025, 6, 2), D(2025, 6, 30)),
    ("yesterday", D(2025, 5, 31), D(2025, 6, 29)),
    ("Friday", D(2025, 5, 30), D(2025, 6, 27)),
    ("since 2017", D(2017, 1, 1), D(2025, 6, 30)),
    ("last month", D(2025, 5, 1), D(2025, 5, 31)),
])
def test_imprecise_publication_gives_the_union(text, lo, hi):
    w = resolve_when(text, JUNE)
    assert (w.lo, w.hi) == (lo, hi)


def test_absolute_dates_pass_through():
    w = resolve_when("1990", DAY)
    assert (w.lo, w.hi, w.relative) == (D(1990, 1, 1), D(1990, 12, 31), False)
    assert resolve_when("in 2024", DAY).lo == D(2024, 1, 1)
    assert resolve_when("2025-05-09", DAY).hi == D(2025, 5, 9)


def test_earlier_this_month_on_the_first_is_impossible():
    with pytest.raises(ImpossibleDate) as err:
        resolve_when("earlier this month", parse_date("2025-06-01"))
    assert str(err.value) == ("'earlier this month' leaves no day before the publication date 2025-06-01")
    assert isinstance(err.value, DateError)


def test_unknown_phrase_lists_examples():
    with pytest.raises(DateError, match="earlier this month") as err:
        resolve_when("the other day", DAY)
    assert not isinstance(err.value, ImpossibleDate)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_earlier_this_month_lies_before_publication_in_the_month(p):
    published = parse_date(p.isoformat())
    if p.day == 1:
        with pytest.raises(ImpossibleDate):
            resolve_when("earlier this month", published)
        return
    w = resolve_when("earlier this month", published)
    assert w.lo == p.replace(day=1)
    assert w.hi == p - timedelta(days=1)
    assert (w.lo.year, w.lo.month) == (w.hi.year, w.hi.month) == (p.year, p.month)


@pytest.mark.parametrize("text,lo,direction", [
    ("on Friday", D(2025, 6, 6), "future"),        # "will vote on Friday" in a Wednesday story
    ("Wednesday", D(2025, 6, 4), None),            # "opens Wednesday" on the day itself
    ("in April", D(2026, 4, 1), None),             # "will open in April" in a June story
    ("mid-June", D(2025, 6, 11), None),
])
def test_future_tense_points_weekdays_and_months_forward(text, lo, direction):
    w = resolve_when(text, DAY, tense="future")
    assert (w.lo, w.direction) == (lo, direction)
