"""Tables for readers: what a DataFrame looks like once sco_course.tables shows it."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from sco_course.economy import usd
from sco_course.tables import reader_table

HOSTILE = '<script>alert("x")</script>'


def parsed(table) -> BeautifulSoup:
    return BeautifulSoup(table._repr_html_(), "html.parser")


def cells(table) -> list[list[str]]:
    return [[cell.get_text() for cell in row.select("td")] for row in parsed(table).select("tbody tr")]


def headings(table) -> list[str]:
    return [cell.get_text() for cell in parsed(table).select("thead th")]


def test_a_positional_index_is_dropped_and_a_meaningful_one_kept():
    positional = pd.DataFrame({"state": ["CHN", "RUS"]}, index=[4, 9])
    assert headings(reader_table(positional, "States")) == ["State"]
    by_year = pd.DataFrame({"total": [1, 2]}, index=pd.Index([2016, 2017], name="year"))
    assert headings(reader_table(by_year, "Totals")) == ["Year", "Total"]
    assert cells(reader_table(by_year, "Totals"))[0] == ["2016", "1"]


def test_columns_get_human_labels_unless_given():
    frame = pd.DataFrame({"start_date": [pd.Timestamp("2022-09-15")], "members_taking_part": [3]})
    assert headings(reader_table(frame, "Dates")) == ["Start date", "Members taking part"]
    assert headings(reader_table(frame, "Dates", labels={"members_taking_part": "Members"})) == ["Start date", "Members"]


def test_numbers_read_as_written_never_in_scientific_notation():
    frame = pd.DataFrame({"total": [1.274732e13, 23178.0, 12.66, 0.531, 1.70], "year": [2016, 2017, 2018, 2019, 2020]})
    rows = cells(reader_table(frame, "Numbers"))
    assert [row[0] for row in rows] == ["12,747,320,000,000", "23,178", "12.7", "0.53", "1.7"]
    assert [row[1] for row in rows] == ["2016", "2017", "2018", "2019", "2020"], "years take no thousands separator"
    assert "e+" not in parsed(reader_table(frame, "Numbers")).get_text()


def test_a_formatter_gives_a_column_its_unit():
    frame = pd.DataFrame({"gdp": [1.274732e13]})
    assert cells(reader_table(frame, "GDP", formats={"gdp": usd})) == [["US$ 12.7 trillion"]]


def test_missing_values_lists_and_booleans_read_as_text():
    frame = pd.DataFrame({"killed": [None, 3.0], "states": [["China", "Kyrgyzstan"], []], "all": [True, False]})
    rows = cells(reader_table(frame, "Mixed"))
    assert rows == [["—", "China and Kyrgyzstan", "yes"], ["3", "none", "no"]]
    assert "NaN" not in str(reader_table(frame, "Mixed")) and "[]" not in str(reader_table(frame, "Mixed"))


def test_web_addresses_and_book_pages_become_links():
    frame = pd.DataFrame({
        "source_url": ["https://www.rferl.org/a/1080434.html"],
        "source_publisher": ["Radio Free Europe/Radio Liberty"],
        "page": ["chapters/synthesis.ipynb"],
    })
    table = parsed(reader_table(frame, "Sources", link_text={"source_url": "source_publisher"},
                                page="chapters/1-security/testing-stabilizer.ipynb"))
    links = [(link["href"], link.get_text()) for link in table.select("a")]
    assert links == [("https://www.rferl.org/a/1080434.html", "Radio Free Europe/Radio Liberty"),
                     ("../synthesis.html", "Synthesis: what holds up?")]
    assert [th.get_text() for th in table.select("th")] == ["Source url", "Page"]


def test_every_text_is_escaped():
    frame = pd.DataFrame({HOSTILE: [HOSTILE], "url": ['https://example.org/"><script>']})
    html = str(reader_table(frame, HOSTILE))
    assert "<script>" not in html
    assert parsed(reader_table(frame, HOSTILE)).caption.get_text() == HOSTILE


def test_the_table_has_a_caption_and_scrolls_in_its_own_box():
    table = parsed(reader_table(pd.DataFrame({"a": range(20)}), "Twenty rows"))
    box = table.select_one("div.sco-table-scroll")
    assert box["role"] == "region" and box["aria-label"] == "Twenty rows" and box["tabindex"] == "0"
    assert "sco-table-long" in box["class"]
    assert "sco-table-long" not in parsed(reader_table(pd.DataFrame({"a": [1]}), "One")).div["class"]


def test_a_table_without_a_caption_or_rows_is_refused_or_says_so():
    with pytest.raises(ValueError, match="caption"):
        reader_table(pd.DataFrame({"a": [1]}), "")
    assert cells(reader_table(pd.DataFrame({"a": []}), "Nothing")) == [["No rows."]]


def test_dates_show_no_more_than_is_known():
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2022-09-15", "2021-08-01", "1997-01-01"]),
        "date_precision": ["day", "month", "year"],
        "title": ["a", "b", "c"],
    })
    table = reader_table(frame, "Events")
    assert headings(table) == ["Date", "Title"]
    assert [row[0] for row in cells(table)] == ["15 Sep 2022", "Aug 2021", "1997"]
