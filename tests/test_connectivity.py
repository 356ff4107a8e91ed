"""Chapter 3's computations: the projects table, members crossed, dates at their precision, BRI endorsements."""

from __future__ import annotations

import pytest

from sco_course.connectivity import (
    PROJECT_STATUS_STYLE,
    TYPE_LABELS,
    bri_endorsements,
    date_words,
    members_crossed,
    parse_key_dates,
    projects,
    projects_table,
    status_date_text,
)
from sco_course.data import load
from sco_course.maps import ProjectLegend, project_layers
from sco_course.membership import members_on


def test_members_crossed_counts_members_on_the_day():
    assert members_crossed(["CHN", "KGZ", "UZB", "TKM"]) == ["CHN", "KGZ", "UZB"]
    assert members_crossed(["IRN"], on="2022-09-15") == []
    assert members_crossed(["IRN"], on="2023-07-04") == ["IRN"]


def test_projects_split_the_states_crossed_by_membership():
    frame = projects()
    assert len(frame) == len(load("connectivity")["features"])
    for row in frame.itertuples():
        assert sorted(row.members_crossed + row.non_members_crossed) == sorted(row.states)
        assert set(row.members_crossed) <= set(members_on("2022-09-15"))


def test_projects_table_names_states_and_labels_every_value():
    table = projects_table()
    assert list(table.columns) == ["Project or site", "Type", "Status", "Status reported on", "States crossed",
                                   "SCO members crossed (on 15 Sep 2022)", "Source"]
    assert set(table["Type"]) <= set(TYPE_LABELS.values())
    assert set(table["Status"]) <= {label for label, _ in PROJECT_STATUS_STYLE.values()}
    assert not table.isna().any().any()
    railway = table[table["Project or site"].str.startswith("China–Kyrgyzstan–Uzbekistan railway")].iloc[0]
    assert railway["States crossed"] == "China, Kyrgyzstan, Uzbekistan"


def test_dates_are_shown_at_their_precision():
    month = {"status_date": "2021-08-01", "status_date_precision": "month",
             "source_date": "2021-08-01", "source_date_precision": "month"}
    assert status_date_text(month) == "2021-08" and date_words(month) == "August 2021"
    day = {"status_date": "2025-11-24", "source_date": "2025-11-24"}
    assert status_date_text(day) == "2025-11-24" and date_words(day) == "24 November 2025"
    assert status_date_text({}) == "" and date_words({}) == ""


def test_key_dates_split_into_when_and_what():
    assert parse_key_dates("2022: agreed; May 2024: signed") == [("2022", "agreed"), ("May 2024", "signed")]
    assert parse_key_dates("") == []


def test_bri_endorsements_list_named_and_unnamed_members_per_summit():
    table = bri_endorsements()
    assert table["Summit"].is_unique and (table["Date"] >= "2017").all()
    named = table[~table["Named as supporting the BRI"].isin(["not checked", "no list read"])]
    assert len(named) > 0
    for row in named.itertuples():
        count = len(row._4.split(", ")) + len(row._5.split(", "))
        assert count == row._3, row.Summit


@pytest.mark.parametrize("status", list(PROJECT_STATUS_STYLE))
def test_each_status_has_one_layer_and_a_legend_entry(status):
    count = int((projects()["status"] == status).sum())
    names = [layer.layer_name for layer in project_layers()]
    matching = [name for name in names if PROJECT_STATUS_STYLE[status][0].lower() in name]
    assert len(matching) == (1 if count else 0)
    legend = ProjectLegend(projects()["status"]).legend_entries()
    assert (PROJECT_STATUS_STYLE[status][0] in legend) == bool(count)
