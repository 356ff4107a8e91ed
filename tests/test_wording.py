"""Numbers and dates in prose read as a person would write them: no "9 of the 9",
"in 0 of them", "changed by -0.5 per cent", negative days or invented days of the month."""

from __future__ import annotations

import pytest

from sco_course import wording
from sco_course.events import event


@pytest.mark.parametrize("part, whole, noun, expected", [
    (9, 9, "", "all nine"),
    (9, 9, "incidents", "all nine incidents"),
    (0, 6, "", "none of the six"),
    (6, 8, "members", "six of the eight members"),
    (2, 2, "states", "both states"),
    (0, 2, "", "neither of the two"),
    (12, 27, "states", "12 of the 27 states"),
])
def test_count_of_reads_as_prose(part, whole, noun, expected):
    assert wording.count_of(part, whole, noun) == expected


def test_count_of_refuses_a_part_larger_than_the_whole_and_fractions():
    with pytest.raises(ValueError):
        wording.count_of(9, 8)
    with pytest.raises(ValueError):
        wording.spell(2.5)
    with pytest.raises(ValueError):
        wording.spell(-1)


@pytest.mark.parametrize("number, words, nth", [(0, "zero", "zeroth"), (3, "three", "third"), (10, "ten", "tenth"),
                                                (11, "11", "11th"), (12, "12", "12th"), (22, "22", "22nd"),
                                                (1000, "1,000", "1,000th")])
def test_spell_and_ordinal(number, words, nth):
    assert wording.spell(number) == words
    assert wording.ordinal(number) == nth


def test_changes_and_days_read_as_prose():
    assert wording.change(4.23) == "rose by 4.2 per cent"
    assert wording.change(-0.5) == "fell by 0.5 per cent"
    assert wording.change(0.04) == "was unchanged"
    assert wording.growth(-1.4) == "shrank by 1.4 per cent"
    assert wording.growth(2.3) == "grew by 2.3 per cent"
    assert wording.signed(-1.4) == "\N{MINUS SIGN}1.4"
    assert wording.days_from(834) == "834 days after"
    assert wording.days_from(-1567) == "1,567 days before"
    assert wording.days_from(-1) == "1 day before"
    assert wording.join(["China", "Russia", "Kazakhstan"]) == "China, Russia and Kazakhstan"


@pytest.mark.parametrize("precision, iso, words", [
    ("day", "2025-11-04", "4 November 2025"), ("month", "2021-08", "August 2021"), ("year", "2021", "2021")])
def test_dates_are_written_no_more_precisely_than_known(precision, iso, words):
    assert wording.iso_date("2025-11-04" if precision == "day" else "2021-08-01", precision) == iso
    assert wording.date_words("2025-11-04" if precision == "day" else "2021-08-01", precision) == words


def test_short_dates_have_no_leading_zero():
    assert wording.short_date("2022-09-05") == "5 Sep 2022"


def test_an_event_is_found_by_its_id_or_named_as_missing():
    assert event("con-cku-railway-launch-ceremony-2024")["date"].year == 2024
    with pytest.raises(KeyError, match="no event has the id 'no-such-event'"):
        event("no-such-event")


def test_prose_keeps_each_value_as_the_text_it_reads_as():
    prose = wording.Prose()
    prose.n_members = wording.spell(9)
    prose["factor_2020"] = 12
    assert (prose.n_members, prose["factor_2020"]) == ("nine", "12")
    # An {eval} role shows the repr: text, never a quoted str.
    assert (repr(prose.n_members), repr(prose.factor_2020)) == ("nine", "12")
    with pytest.raises(ValueError, match="not a name"):
        prose["ch2 factor"] = 1
    with pytest.raises(AttributeError):
        prose.never_set
