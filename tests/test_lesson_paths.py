"""The time each page states and the instructor guide's three paths agree.

Every lesson page states its time in one line, in three parts (read, do the
exercises, discuss). The guide's paths are tables of steps, each giving a
page, a part and minutes. The checks:

- every page of the book that is not a reference page has exactly one time line;
- the single lesson takes 50 minutes, each of the three sessions 90 minutes in class;
- no path gives a page more minutes for a part than the page states;
- the full unit lists every page with exactly its stated time, and its total is
  the sum of the pages plus the final assessment, within the time the synthesis
  page states for it;
- every exercise and assessment item a path names exists, and every item has a time.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from helpers import PROJECT_ROOT, toc_files

GUIDE = PROJECT_ROOT / "chapters" / "instructor-guide.md"
ITEMS = "chapters/assessment-items"

NOT_TIMED = {
    "chapters/intro",
    "chapters/1-security/index",
    "chapters/2-economy/index",
    "chapters/3-connectivity/index",
    "chapters/appendix/data-and-sources",
    "chapters/glossary",
    "chapters/instructor-guide",
    "chapters/assessment-items",
    "chapters/bibliography",
}
"""The landing page, chapter openers and reference pages, which the guide says are not timed."""

TIME_LINE = re.compile(
    r"^- Time: about (?P<read>\d+) minutes to read(?: and explore)?, (?P<do>\d+) minutes for the exercises, "
    r"(?P<discuss>\d+) minutes to discuss(?P<rest>[^.]*)\.$"
)
ASSESSMENT_HOURS = re.compile(r"the final assessment takes another (\d+)–(\d+) hours")
ITEM_TIME = re.compile(r"^- Time: about (\d+) minutes\.$")
PARTS = ("read", "do", "discuss")
LESSON_MINUTES = 50
SESSION_MINUTES = 90
SESSIONS = 3


# --- reading the pages ---------------------------------------------------------------

def page_lines(document: str) -> list[str]:
    """The markdown lines of a page, whether it is a notebook or a markdown file."""
    notebook = PROJECT_ROOT / f"{document}.ipynb"
    if notebook.is_file():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        return [line for cell in cells if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines()]
    return (PROJECT_ROOT / f"{document}.md").read_text(encoding="utf-8").splitlines()


def time_lines(document: str) -> list[str]:
    return [line for line in page_lines(document) if line.startswith("- Time:")]


def stated_times() -> dict[str, dict[str, int]]:
    """Each timed page's minutes for read, do and discuss."""
    times = {}
    for document in toc_files(PROJECT_ROOT / "_toc.yml"):
        if document in NOT_TIMED:
            continue
        match = TIME_LINE.match(time_lines(document)[0]) if time_lines(document) else None
        if match:
            times[document] = {part: int(match[part]) for part in PARTS}
    return times


def assessment_range() -> tuple[int, int]:
    """The minutes the synthesis page gives the final assessment, as (least, most)."""
    for line in time_lines("chapters/synthesis"):
        found = ASSESSMENT_HOURS.search(line)
        if found:
            return int(found[1]) * 60, int(found[2]) * 60
    raise AssertionError("the synthesis page's time line gives no time for the final assessment")


def item_times(text: str) -> dict[str, int]:
    """Each assessment item's label and the minutes it states."""
    times, label = {}, None
    for line in text.splitlines():
        target = re.match(r"^\((item-[\w-]+)\)=$", line)
        if target:
            label = target[1]
        elif label and ITEM_TIME.match(line):
            times[label] = int(ITEM_TIME.match(line)[1])
            label = None
    return times


def exercise_labels() -> set[str]:
    labels = set()
    for document in toc_files(PROJECT_ROOT / "_toc.yml"):
        labels |= {match[1] for line in page_lines(document) for match in [re.match(r"^:label: (\S+)$", line)]
                   if match}
    return labels


# --- reading the guide ------------------------------------------------------------------

def section(text: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    lines = text.splitlines()
    start = lines.index(heading)
    level = len(heading) - len(heading.lstrip("#"))
    end = next((number for number in range(start + 1, len(lines))
                if re.match(rf"^#{{1,{level}}} ", lines[number])), len(lines))
    return "\n".join(lines[start + 1:end])


def headings(text: str, prefix: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(prefix)]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the markdown tables in a text, as lists of cells."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in rows]
    return [row for row in cells if not all(set(cell) <= set("-: ") for cell in row)
            and row[0] not in ("Minutes", "When", "Page")]


def target(cell: str) -> tuple[str, str]:
    """('doc', 'chapters/...') or ('ref', label) for the one link a Page cell holds."""
    found = re.fullmatch(r"\{(doc|ref)\}`(?:[^`<]*<)?([^`>]+)>?`", cell)
    assert found, f"a path step must name one page or item, not {cell!r}"
    kind, name = found.groups()
    return (kind, f"chapters/{name}") if kind == "doc" else (kind, name)


def steps(table_text: str, columns: tuple[str, ...]) -> list[dict]:
    """The steps of a path's table, with their minutes, page or item, and part."""
    result = []
    for row in table_rows(table_text):
        step = dict(zip(columns, row))
        kind, name = target(step["page"])
        result.append({**step, "minutes": int(step["minutes"]), "kind": kind, "name": name})
    return result


def labels_used(text: str) -> set[str]:
    return {match[1] for match in re.finditer(r"\{ref\}`(?:[^`<]*<)?([^`>]+)>?`", text)}


# --- the checks, as functions that return the problems they find -----------------------

def budget_problems(path: str, path_steps: list[dict], times: dict, items: dict) -> list[str]:
    """Steps that name an unknown page or part, or give a page more than it states."""
    problems, given = [], defaultdict(int)
    for step in path_steps:
        if step["part"] == "assess":
            if step["kind"] != "ref" or step["name"] not in items:
                problems.append(f"{path}: an assessment step names {step['name']}, which is no assessment item")
            elif step["minutes"] > items[step["name"]]:
                problems.append(f"{path}: {step['name']} gets {step['minutes']} minutes; the item states "
                                f"{items[step['name']]}")
        elif step["part"] not in PARTS or step["kind"] != "doc" or step["name"] not in times:
            problems.append(f"{path}: the step {step['page']} / {step['part']} names no timed page and part")
        else:
            given[step["name"], step["part"]] += step["minutes"]
    for (document, part), minutes in given.items():
        if minutes > times[document][part]:
            problems.append(f"{path}: {document} gets {minutes} minutes to {part}; the page states "
                            f"{times[document][part]}")
    return problems


def lesson_problems(guide: str, times: dict, items: dict) -> list[str]:
    text = section(guide, "### Path 1: a single 50-minute lesson")
    lesson = steps(text, ("minutes", "page", "part", "what"))
    problems = budget_problems("the single lesson", lesson, times, items)
    total = sum(step["minutes"] for step in lesson)
    if total != LESSON_MINUTES:
        problems.append(f"the single lesson's steps add up to {total} minutes, not {LESSON_MINUTES}")
    if "chapters/the-commentary-annotated" not in {step["name"] for step in lesson}:
        problems.append("the single lesson does not use the annotated commentary")
    return problems


def sessions_problems(guide: str, times: dict, items: dict) -> list[str]:
    text = section(guide, "### Path 2: three sessions of 90 minutes")
    sessions = headings(text, "#### Session")
    problems = [] if len(sessions) == SESSIONS else [f"{len(sessions)} sessions, not {SESSIONS}"]
    every_step, homework = [], 0
    for heading in sessions:
        session_steps = steps(section(text, heading), ("when", "minutes", "page", "part", "what"))
        every_step += session_steps
        in_class = sum(step["minutes"] for step in session_steps if step["when"] == "In class")
        homework += sum(step["minutes"] for step in session_steps if step["when"] != "In class")
        if in_class != SESSION_MINUTES:
            problems.append(f"{heading}: {in_class} minutes in class, not {SESSION_MINUTES}")
        unknown = {step["when"] for step in session_steps} - {"Before class", "In class", "After class"}
        if unknown:
            problems.append(f"{heading}: steps at unknown times {unknown}")
    stated = re.search(r"\((\d+) minutes in all, besides the (\d+) in class\)", text)
    if not stated or (int(stated[1]), int(stated[2])) != (homework, SESSIONS * SESSION_MINUTES):
        problems.append(f"the sessions' homework adds up to {homework} minutes, which the text does not say")
    return problems + budget_problems("the three sessions", every_step, times, items)


def unit_problems(guide: str, times: dict, assessment: tuple[int, int]) -> list[str]:
    text = section(guide, "### Path 3: the full unit")
    problems, pages, rows = [], {}, table_rows(text)
    for row in rows:
        if row[0].startswith("{doc}"):
            document = target(row[0])[1]
            read, do, discuss, total = (int(cell) for cell in row[1:])
            pages[document] = (read, do, discuss, total)
            if document not in times:
                problems.append(f"the full unit lists {document}, which states no time")
            elif (read, do, discuss) != tuple(times[document][part] for part in PARTS):
                problems.append(f"the full unit gives {document} {(read, do, discuss)}; the page states "
                                f"{tuple(times[document][part] for part in PARTS)}")
            if total != read + do + discuss:
                problems.append(f"the full unit's total for {document} is {total}, not {read + do + discuss}")
    missing = set(times) - set(pages)
    if missing:
        problems.append(f"the full unit leaves out {sorted(missing)}")
    final = next((int(row[-1]) for row in rows if row[0].startswith("Final assessment")), None)
    if final is None or not assessment[0] <= final <= assessment[1]:
        problems.append(f"the final assessment gets {final} minutes; the synthesis page states "
                        f"{assessment[0]} to {assessment[1]}")
        final = final or 0
    total_row = next((row for row in rows if row[0] == "Total"), None)
    sums = [sum(page[index] for page in pages.values()) for index in range(4)]
    expected = [*sums[:3], sums[3] + final]
    if total_row is None or [int(cell) for cell in total_row[1:]] != expected:
        problems.append(f"the full unit's total row should read {expected}, not {total_row}")
    if f"The pages take {sums[3]} minutes" not in " ".join(text.split()):
        problems.append(f"the text does not say that the pages take {sums[3]} minutes")
    return problems


# --- the tests ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def times() -> dict:
    return stated_times()


@pytest.fixture(scope="module")
def items() -> dict:
    return item_times("\n".join(page_lines(ITEMS)))


@pytest.mark.parametrize("document", [document for document in toc_files(PROJECT_ROOT / "_toc.yml")
                                      if document not in NOT_TIMED])
def test_every_lesson_page_states_its_time_in_one_line_of_three_parts(document):
    lines = time_lines(document)
    assert len(lines) == 1, f"{document}: {len(lines)} time lines"
    assert TIME_LINE.match(lines[0]), f"{document}: the time line does not read as the others do: {lines[0]}"


def test_the_pages_not_timed_are_pages_of_the_book():
    assert NOT_TIMED <= set(toc_files(PROJECT_ROOT / "_toc.yml"))


def test_the_single_lesson_takes_50_minutes_within_the_pages_times(guide, times, items):
    assert lesson_problems(guide, times, items) == []


def test_each_of_three_sessions_takes_90_minutes_in_class_within_the_pages_times(guide, times, items):
    assert sessions_problems(guide, times, items) == []


def test_the_full_unit_is_every_page_s_time_plus_the_final_assessment(guide, times):
    assert unit_problems(guide, times, assessment_range()) == []


def test_every_exercise_and_item_a_path_names_exists_and_every_item_is_used(guide, items):
    used = labels_used(section(guide, "## Three paths through the course"))
    targets = set(re.findall(r"^\(([\w-]+)\)=$", guide, re.M))
    unknown = used - exercise_labels() - set(items) - targets
    assert not unknown, f"the paths name labels that do not exist: {sorted(unknown)}"
    assert set(items) <= used, f"items no path links to: {sorted(set(items) - used)}"


def test_every_assessment_item_states_its_time():
    text = "\n".join(page_lines(ITEMS))
    labels = re.findall(r"^\((item-[\w-]+)\)=$", text, re.M)
    assert len(labels) >= 4
    assert set(item_times(text)) == set(labels)


def test_the_assessment_page_comes_right_after_the_instructor_guide():
    toc = (PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "- file: chapters/instructor-guide\n  - file: chapters/assessment-items\n" in toc


# --- the checks can fail -----------------------------------------------------------------

def test_the_checks_notice_a_step_that_breaks_a_budget(guide, times, items):
    lesson_row = "| 10 | {doc}`3-connectivity/case-study-railway` | do |"
    session_row = "| In class | 10 | {doc}`2-economy/how-big` | do |"
    assert lesson_row in guide and session_row in guide
    longer_lesson = guide.replace(lesson_row, lesson_row.replace("| 10 |", "| 15 |", 1))
    assert any("55 minutes" in problem for problem in lesson_problems(longer_lesson, times, items))
    longer_session = guide.replace(session_row, session_row.replace("| 10 |", "| 40 |"))
    problems = sessions_problems(longer_session, times, items)
    assert any("120 minutes in class" in problem for problem in problems)
    assert any("how-big gets 40 minutes to do" in problem for problem in problems)


def test_the_checks_notice_a_page_whose_time_changed(guide, times):
    changed = {**times, "chapters/synthesis": {**times["chapters/synthesis"], "read": 25}}
    problems = unit_problems(guide, changed, assessment_range())
    assert any("synthesis" in problem for problem in problems)
    total_row = "| Total | 320 | 395 | 120 | 985 |"
    assert total_row in guide
    wrong_total = guide.replace(total_row, total_row.replace("985", "980"))
    assert any("total row" in problem for problem in unit_problems(wrong_total, times, assessment_range()))
    dropped = {document: minutes for document, minutes in times.items() if document != "chapters/synthesis"}
    assert any("synthesis" in problem for problem in unit_problems(guide, dropped, assessment_range()))
