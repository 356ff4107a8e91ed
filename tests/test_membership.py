"""Membership on a date, state names and the status palette."""

from __future__ import annotations

import pytest

from sco_course.membership import STATUS_STYLE, members_on, names_of, state_name, state_names, status_on, statuses_by_year


def test_status_on_a_date_answers_for_every_state():
    assert status_on("1995-12-31").empty
    assert members_on("2001-06-14") == []
    assert status_on("2001-06-14")["status"].eq("shanghai_five").sum() == 5
    assert members_on("2001-06-15") == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert len(members_on("2017-06-09")) == 8
    assert "IRN" not in members_on("2023-07-03") and "IRN" in members_on("2023-07-04")
    on_2026 = status_on("2026-11-26")["status"].value_counts()
    assert on_2026["member"] == 10 and on_2026["sco_partner"] == 17


def test_status_on_rejects_what_is_not_a_date():
    with pytest.raises(ValueError, match="is not a date"):
        status_on("last Tuesday")


def test_statuses_by_year_takes_the_end_of_each_year():
    statuses = statuses_by_year([2016, 2017])
    assert statuses[2016]["IND"] == "observer" and statuses[2017]["IND"] == "member"


def test_every_status_has_a_label_and_colour():
    assert set(STATUS_STYLE) >= set(status_on("2026-01-01")["status"]) | {"none"}


def test_state_names_come_from_the_shapes_then_iso():
    assert state_names()["WLD"] == "World"
    assert state_name("KAZ") == "Kazakhstan"
    assert state_name("UKR") == "Ukraine"
    assert state_name("XXX") == "XXX"
    assert names_of([]) == "none" and names_of(["CHN", "RUS"]) == "China, Russia"
