"""Consistency checks a fact-checker would make: the book agrees with its own data.

- A connectivity feature is never more certain than the events it rests on,
  and the dates and quantities its popup gives are the events' own.
- Counts of "members" count only states that were members on the day.
- The chapters quote counts in words (the helpers are tested in test_wording.py).
- Author-year citations are unambiguous, and no page or table cites the
  course's working notes instead of a publication.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from sco_course.connectivity import projects, status_date_text
from sco_course.data import load
from sco_course.maps.projects import project_popup
from sco_course.membership import members_on
from sco_course.security import exercise_participation

ROOT = Path(__file__).resolve().parent.parent
CERTAINTY_RANK = {"unconfirmed": 0, "partly": 1, "confirmed": 2}
# The chapters this file checks for prose problems (their sources, not the build).
CHECKED_SOURCES = [ROOT / "chapters" / name for name in ("intro.md", "glossary.md")] + sorted(
    path for folder in ("1-security", "2-economy", "3-connectivity")
    for path in (ROOT / "chapters" / folder).iterdir() if path.suffix in (".md", ".ipynb")
)


# --- connectivity features against the events they rest on ---------------------

@pytest.fixture(scope="module")
def events():
    return load("events").set_index("id")


@pytest.fixture(scope="module")
def features():
    return [feature["properties"] for feature in load("connectivity")["features"]]


def feature_text(properties: dict) -> str:
    return " ".join(str(properties.get(key, "")) for key in ("name", "summary", "key_dates", "note"))


def date_as_written(date: pd.Timestamp, precision: str) -> str:
    """How the key dates write an event's date: '25 May 2006', 'Nov 2022' or '1997'."""
    return {"day": f"{date.day} {date:%b %Y}", "month": f"{date:%b %Y}", "year": str(date.year)}[precision]


def test_every_feature_names_the_events_it_rests_on(features, events):
    for properties in features:
        refs = properties.get("event_refs")
        assert refs, f"{properties['id']}: no event_refs"
        missing = [ref for ref in refs if ref not in events.index]
        assert not missing, f"{properties['id']}: event_refs not in the events table: {missing}"


def test_a_feature_is_never_more_certain_than_the_events_it_rests_on(features, events):
    problems = []
    for properties in features:
        for ref in properties["event_refs"]:
            if CERTAINTY_RANK[properties["certainty"]] > CERTAINTY_RANK[events.loc[ref, "certainty"]]:
                problems.append(f"{properties['id']} is '{properties['certainty']}' but rests on {ref}, "
                                f"'{events.loc[ref, 'certainty']}'")
    assert not problems, "\n".join(problems)


def test_a_feature_gives_each_event_on_the_events_own_date(features, events):
    problems = []
    for properties in features:
        text = feature_text(properties)
        for ref in properties["event_refs"]:
            event = events.loc[ref]
            written = date_as_written(event["date"], event["date_precision"])
            if written not in text:
                problems.append(f"{properties['id']}: {ref} is dated {written} in the events table, "
                                f"but the feature does not say so")
    assert not problems, "\n".join(problems)


QUANTITY = re.compile(r"(\d[\d,.]*)\s*(km|bcm|Mt|t)\b")


def test_a_feature_gives_each_events_quantities_with_the_same_value(features, events):
    """A length, capacity or tonnage in an event's summary appears, the same, on the feature it supports."""
    problems = []
    for properties in features:
        text = feature_text(properties)
        shown = set(QUANTITY.findall(text))
        for ref in properties["event_refs"]:
            for quantity in QUANTITY.findall(events.loc[ref, "summary"]):
                if quantity not in shown:
                    problems.append(f"{properties['id']}: {ref} gives {' '.join(quantity)}, the feature does not")
    assert not problems, "\n".join(problems)


def test_status_dates_are_shown_no_more_precisely_than_known(features):
    for properties in features:
        precision = properties.get("status_date_precision", "day")
        shown = status_date_text(properties)
        assert len(shown) == {"day": 10, "month": 7, "year": 4}[precision], (properties["id"], shown)
        popup = project_popup(properties)
        if precision != "day":
            assert properties["status_date"] not in popup, f"{properties['id']}: popup shows an invented day"


def test_the_photo_caption_year_is_not_invented(features, events):
    """The commentary's caption dates the photo 'August 9' with no year; nothing may state one as fact."""
    caption = load("commentary").splitlines()
    assert any("on August 9." in line for line in caption)
    kpi = next(properties for properties in features if properties["id"] == "kpi-atyrau-petrochemical-complex")
    assert "9 Aug 2022" not in kpi["key_dates"]
    assert "9 Aug 2022" not in events.loc["con-guangming-commentary-2022", "summary"]


def test_projects_count_members_on_the_day():
    for day in ("2022-09-15", "2025-09-01"):
        members = set(members_on(day))
        for row in projects(on=day).itertuples():
            assert set(row.members_crossed) <= members, (day, row.id)
            assert set(row.members_crossed) | set(row.non_members_crossed) == set(row.states)


# --- counts of members ---------------------------------------------------------

def test_exercise_participants_are_counted_as_members_only_while_members():
    exercises = load("exercises")
    table = exercise_participation(exercises)
    for row, exercise in zip(table.itertuples(), exercises.dropna(subset=["participants"]).itertuples()):
        members = set(members_on(exercise.start_date))
        assert set(row.members) <= members, row.name
        assert not set(row.non_members) & members, row.name
        assert row.members_taking_part <= row.members_that_day == len(members), row.name
    belarus_2021 = table.set_index("name").loc["Peace Mission 2021"]
    assert "BLR" in belarus_2021["non_members"] and "BLR" not in belarus_2021["members"]


def test_interstate_incidents_name_only_states_the_event_involves():
    incidents = load("interstate_incidents")
    events = load("events").set_index("id")
    for row in incidents.itertuples():
        assert row.event_id in events.index
        assert len(row.states.split(";")) == 2, row.event_id
    strikes = incidents[incidents["kind"] == "cross_border_strike"]
    for row in strikes.itertuples():
        # A strike the government says targeted armed groups is not a fight between the two states' forces.
        assert "fought" not in events.loc[row.event_id, "summary"], row.event_id


# --- prose generated from numbers --------------------------------------------------

BAD_PROSE = [
    (re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) of the \1\b"), "'N of the N': write 'all N'"),
    (re.compile(r"\b(in|of|named in) (0|zero) of\b"), "'in 0 of': write 'none of'"),
    (re.compile(r"\b(0|zero) of the\b"), "'0 of the': write 'none of the'"),
    (re.compile(r"\b(changed|grew|rose|fell|shrank) by [-+\u2212]\d"), "a signed change after a verb"),
    (re.compile(r"(?<![\w.])[-\u2212]\d[\d,]* days\b"), "a negative number of days"),
    (re.compile(r"\b\d+th member\b"), "an ordinal in figures up to ten"),
]


def prose_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text())["cells"]
        return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    return path.read_text()


def test_chapter_sources_quote_counts_in_words():
    """A quoted count followed by 'of the' and another quoted count is how '9 of the 9' is made."""
    pattern = re.compile(r"\{eval\}`[^`]+` of the\s+\{eval\}`")
    problems = [path.name for path in CHECKED_SOURCES if pattern.search(prose_of(path))]
    assert not problems, f"use sco_course.wording.count_of instead of quoting two counts: {problems}"


def test_chapter_sources_keep_no_caveat_about_an_unread_text():
    stale = re.compile(r"could not be read|was not visible|not in the text (?:retrieved|that was read)|"
                       r"could not be checked against\s+the full text|only the opening of|claims register records",
                       re.IGNORECASE)
    problems = [f"{path.name}: {match.group(0)!r}" for path in CHECKED_SOURCES
                for match in stale.finditer(prose_of(path))]
    assert not problems, "\n".join(problems)


def test_no_page_or_table_cites_the_courses_working_notes():
    notes = re.compile(r"research notes|the reference file|/work/research|course's research", re.IGNORECASE)
    problems = [f"{path.name}: {match.group(0)!r}" for path in CHECKED_SOURCES
                for match in notes.finditer(prose_of(path))]
    for name in ("events.csv", "summits.csv", "membership.csv", "exercises.csv", "casualty_reports.csv",
                 "connectivity.geojson"):
        text = (ROOT / "data" / name).read_text()
        problems += [f"data/{name}: {match.group(0)!r}" for match in notes.finditer(text)]
    assert not problems, "\n".join(problems)


def test_built_pages_have_no_badly_generated_prose(book_html):
    problems = []
    for page in sorted(book_html.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        text = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", page.read_text(errors="replace"), flags=re.S)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
        for pattern, rule in BAD_PROSE:
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 60):match.end() + 40]
                problems.append(f"{page.relative_to(book_html)}: {rule}: ...{context}...")
    assert not problems, "\n".join(problems)


# --- citations -------------------------------------------------------------------

def bib_entries() -> dict[str, dict[str, str]]:
    text = (ROOT / "references.bib").read_text()
    entries = {}
    for key, body in re.findall(r"@\w+\{([^,\s]+),(.*?)\n\}", text, re.S):
        fields = {name.lower(): value for name, value in re.findall(r"(\w+)\s*=\s*\{(.*)\},?\s*$", body, re.M)}
        entries[key] = fields
    return entries


def test_author_year_labels_are_unambiguous():
    """Two works by one author in one year (or two undated ones) need distinct years: 2024a, 2024b."""
    labels = defaultdict(list)
    for key, fields in bib_entries().items():
        author = fields.get("author") or fields.get("title", key)
        first = author.split(" and ")[0].strip("{} ")
        labels[(first, fields.get("year", "n.d."))].append(key)
    clashes = {label: keys for label, keys in labels.items() if len(keys) > 1}
    assert not clashes, f"ambiguous author-year labels: {clashes}"
