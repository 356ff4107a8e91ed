"""The chapter notebooks live in JupyterLab (with jupyterlab-myst): they read like the book, their widgets work.

One JupyterLab per session, started with ``booktools.live``'s command (127.0.0.1, a free
port, a token, ``--allow-root`` only as root), serves a copy of ``chapters/`` in a
temporary folder, so that running the notebooks never writes to the repository. Its
settings, also in that folder: no autosave, every cell kept in the page (no windowing),
the notebook's kernel started without asking, no news. The kernel imports this
checkout's ``sco_course``, and a map inlines Leaflet from ``node_modules``, as under
``make live``.

A test opens a notebook in a fresh workspace and a fresh kernel, runs all its cells from
the Run menu, and waits until every code cell has run. Every request the page makes to a
host other than 127.0.0.1 is aborted and fails the test. Screenshots go to
``tests/artifacts/jupyterlab/``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from booktools import live
from conftest import SCREENS, watch
from helpers import PROJECT_ROOT, toc_notebooks
from test_timeline_browser import mouse_drag

NOTEBOOKS = [path.relative_to(PROJECT_ROOT).as_posix() for path in toc_notebooks(PROJECT_ROOT)]
MEMBERS = "chapters/1-security/shanghai-five-to-ten-members.ipynb"
COMMENTARY = "chapters/the-commentary-annotated.ipynb"
RUN_TIMEOUT = 240
"""Seconds for one notebook's Run All on a busy machine (about 20 s on 2 idle cores)."""

SETTINGS = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none", "autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}`(?P<content>[^`]*)`")
DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{(?P<name>[\w:.-]+)\}(?P<argument>[^\n]*)\n(?P<options>(?::[^\n]*\n)*)", re.M)
RAW_TEXT = {
    "a role": re.compile(r"\{[\w:.-]+\}`"),
    "a directive fence": re.compile(r"(?:`{3,}|:{3,})\s*\{"),
    "a directive option": re.compile(r"^\s*:(?:label|class|name|tags|dropdown)\b:?", re.M),
    "an {eval} error": re.compile(r"\b\w+Error: "),
}
SHOWS_ITS_TEXT = {"term", "sub", "sup", "kbd", "abbr"}
"""Roles whose content is the text a reader should see: showing it is not showing raw MyST."""
CITATION_ROLES = {"cite", "cite:p", "cite:t"}
"""Known gap, not checked here: jupyterlab-myst reads no bibliography file, so a citation
shows its key (``howell2001reliable``) marked "Citation Not Found". The book renders them."""


@dataclass
class Lab:
    url: str
    token: str
    root: Path

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(f"{self.url}api/{path}?token={self.token}", method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def close_sessions(self) -> None:
        """Shut every kernel down, so that the next notebook starts in a fresh one."""
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    shutil.copytree(PROJECT_ROOT / "chapters", root / "chapters")
    if (PROJECT_ROOT / "node_modules").is_dir():
        (root / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    settings = base / "settings"
    for plugin, values in SETTINGS.items():
        package, name = plugin.split(":")
        path = settings / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    port, token = live.free_port(), secrets.token_hex(24)
    command = live.lab_command(port, root, live.running_as_root(), open_browser=False) + [
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={base / 'workspaces'}"]
    source = str(PROJECT_ROOT / "src")
    env = {**os.environ, "JUPYTER_TOKEN": token, "JUPYTER_CONFIG_DIR": str(base / "config"),
           "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
           "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))}
    log = base / "jupyterlab.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        if not live.wait_until_ready(process, port, token):
            pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-4000:]}")
        yield Lab(f"http://{live.HOST}:{port}/", token, root)
    finally:
        live.stop(process)


@pytest.fixture(scope="session")
def lab_artifacts(artifacts):
    folder = artifacts / "jupyterlab"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def lab_page(browser, lab):
    context = browser.new_context(**SCREENS["laptop"])
    page, problems = watch(context)
    yield page, problems
    context.close()


def open_notebook(page, lab: Lab, notebook: str) -> None:
    """Open ``notebook`` in a fresh workspace and kernel, and wait until the kernel is idle."""
    lab.close_sessions()
    page.goto(f"{lab.url}lab/workspaces/{uuid.uuid4().hex[:12]}/tree/{notebook}?reset&token={lab.token}")
    expect(page.locator(".jp-NotebookPanel-notebook")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("contentinfo").get_by_role("button", name=re.compile(r"\| Idle$"))).to_be_visible(timeout=60_000)


def run_all(page, lab: Lab, notebook: str, opened: bool = False) -> None:
    """Run all of ``notebook``'s cells (opening it first unless ``opened``) and wait until they have run."""
    if not opened:
        open_notebook(page, lab, notebook)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt")
    indicator = page.locator(".jp-Notebook-ExecutionIndicator")
    deadline, seen_busy = time.monotonic() + RUN_TIMEOUT, False
    while time.monotonic() < deadline:
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
        if errors.count():
            pytest.fail(f"{notebook} failed in JupyterLab:\n{errors.first.inner_text()[-3000:]}")
        idle = indicator.get_attribute("data-status") == "idle"
        seen_busy = seen_busy or not idle
        # A folded cell (source_hidden) renders no prompt: the prompts shown must all be numbers, and
        # a notebook whose code cells are all folded must have been seen busy.
        shown = [text.strip() for text in prompts.all_text_contents() if text.strip()]
        if idle and all(re.fullmatch(r"\[\d+\]:", text) for text in shown) and (shown or seen_busy):
            return
        time.sleep(0.25)
    pytest.fail(f"{notebook} did not finish running in {RUN_TIMEOUT} s: prompts {prompts.all_text_contents()}")


def cells(page):
    return page.locator(".jp-Notebook .jp-Cell")


def active_cell(page) -> int:
    """The index of JupyterLab's active cell."""
    return page.evaluate("() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]"
                         ".findIndex((cell) => cell.classList.contains('jp-mod-active'))")


def name_of(notebook: str) -> str:
    return notebook.removeprefix("chapters/").removesuffix(".ipynb").replace("/", "-")


# Reading: the markdown as the book shows it.

def raw_items(source: str, shown: str) -> list[str]:
    """What of one markdown cell's MyST ``source`` shows raw in its rendered text ``shown``."""
    found = []
    for what, pattern in RAW_TEXT.items():
        found += [f"{what}: {match.group(0).strip()!r}" for match in pattern.finditer(shown)]
    for match in ROLE.finditer(source):
        name, content = match["name"], match["content"]
        # jupyterlab-myst shows a role it does not know as its bare content ({glue:text}`name` as "name").
        target = re.fullmatch(r"(?s).*<(.+)>", content)
        raw = content if not target else target[1]
        if name not in SHOWS_ITS_TEXT | CITATION_ROLES and raw.strip() and raw in shown:
            found.append(f"{match.group(0)} shows as {raw!r}")
    return found


def gated_solutions(notebook_cells) -> list[tuple[str, int, int]]:
    """(exercise label, start cell, end cell) of each solution written as solution-start ... solution-end."""
    spans, start = [], None
    for index, cell in enumerate(notebook_cells):
        if cell.cell_type != "markdown":
            continue
        for match in DIRECTIVE.finditer(cell.source):
            if match["name"] == "solution-start":
                start = (match["argument"].strip(), index)
            elif match["name"] == "solution-end" and start:
                spans.append((*start, index))
                start = None
    return spans


@pytest.mark.slow
@pytest.mark.timeout(RUN_TIMEOUT + 180)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=name_of)
def test_notebook_reads_like_the_book(lab_page, lab, lab_artifacts, notebook):
    page, problems = lab_page
    source = nbformat.read(PROJECT_ROOT / notebook, as_version=4).cells
    open_notebook(page, lab, notebook)
    expect(cells(page)).to_have_count(len(source))
    # A solution gated across cells opens folded. (Run All unfolds a Markdown cell it renders and
    # the outputs it makes, as JupyterLab does; the student edition has no solutions.)
    found = [f"cell {index}: part of the solution to {label}, it opens unfolded"
             for label, start, end in gated_solutions(source) for index in range(start + 1, end + 1)
             if not cells(page).nth(index).locator(".jp-InputPlaceholder").first.is_visible()]
    run_all(page, lab, notebook, opened=True)
    for index, cell in enumerate(source):
        if cell.cell_type != "markdown":
            continue
        rendered = cells(page).nth(index).locator(".myst").first
        shown = rendered.inner_text()
        found += [f"cell {index}: {item}" for item in raw_items(cell.source, shown)]
        for directive in DIRECTIVE.finditer(cell.source):
            label = re.search(r"^:label:\s*(\S+)", directive["options"], re.M)
            if directive["name"] == "exercise":
                exercise = rendered.locator(f'aside.myst-exercise[id="{label[1]}"]' if label else "aside.myst-exercise")
                if not exercise.count() or not re.match(r"Exercise \d+", exercise.first.inner_text()):
                    found.append(f"cell {index}: exercise {label[1] if label else ''} does not render as an exercise")
        for solution in rendered.locator("details.myst-exercise").all():
            summary = solution.locator("summary")
            body = solution.locator(".details-body")
            title = " ".join(summary.inner_text().split())
            if not re.match(r"(Start of )?Solution to Exercise", title):
                found.append(f"cell {index}: a dropdown that is not a solution: {title!r}")
            if not (body.text_content() or "").strip():
                if not title.startswith("Start of"):  # a gated solution's body is the folded cells after it
                    found.append(f"cell {index}: {title!r} is empty")
                continue
            if body.is_visible():
                found.append(f"cell {index}: {title!r} shows its body before it is opened")
            summary.click()
            if not body.is_visible():
                found.append(f"cell {index}: {title!r} does not open when its summary is clicked")
            summary.click()
        solutions = len(re.findall(r"^(?:`{3,}|:{3,})\{solution(?:-start)?\}", cell.source, re.M))
        if rendered.locator("details.myst-exercise").count() != solutions:
            found.append(f"cell {index}: {solutions} solution(s) in the source, "
                         f"{rendered.locator('details.myst-exercise').count()} collapsed")
    page.screenshot(path=lab_artifacts / f"{name_of(notebook)}.png")
    if source and any(cell.cell_type == "markdown" and "{solution" in cell.source for cell in source):
        first = cells(page).filter(has=page.locator("details.myst-exercise")).first
        first.scroll_into_view_if_needed()
        page.screenshot(path=lab_artifacts / f"{name_of(notebook)}-exercises.png")
    assert not problems.external_requests, f"requests left the machine: {problems.external_requests}"
    assert not found, f"{notebook} does not read like the book in JupyterLab:\n" + "\n".join(found)


# Widgets: they render, and they keep the keys they handle.

def slider_value(slider) -> int:
    return int(slider.input_value())


@pytest.mark.slow
@pytest.mark.timeout(RUN_TIMEOUT + 120)
def test_timeline_drags_and_keeps_its_keys_in_jupyterlab(lab_page, lab, lab_artifacts):
    page, problems = lab_page
    run_all(page, lab, MEMBERS)
    timeline = page.locator(".sco-timeline").first
    expect(timeline.locator(".sco-tl-mark").first).to_be_visible(timeout=20_000)
    timeline.scroll_into_view_if_needed()
    start = timeline.get_by_label("From year")
    low, high = int(start.get_attribute("min")), int(start.get_attribute("max"))
    shown = timeline.locator(".sco-tl-year output").first

    # Escape closes the tooltip a mark shows when the keyboard brings the focus to it.
    marks = timeline.locator(".sco-tl-mark")
    marks.first.focus()
    before = active_cell(page)
    page.keyboard.press("ArrowRight")
    expect(marks.nth(1)).to_be_focused()
    expect(timeline.locator(".sco-tl-tooltip")).to_be_visible()
    page.keyboard.press("Escape")
    expect(timeline.locator(".sco-tl-tooltip")).to_be_hidden()
    assert active_cell(page) == before, "arrow keys on a timeline mark moved JupyterLab to another cell"

    mouse_drag(page, "From year", low + 5, within=timeline)
    expect(shown).to_have_text(str(low + 5))
    page.screenshot(path=lab_artifacts / "timeline-dragged.png")

    start.focus()
    before = active_cell(page)
    for key, year in [("ArrowRight", low + 6), ("ArrowLeft", low + 5), ("Home", low), ("End", high)]:
        page.keyboard.press(key)
        expect(shown).to_have_text(str(year))
        assert slider_value(start) == year, f"{key} left the slider at {slider_value(start)}"
        expect(start).to_be_focused()
        assert active_cell(page) == before, f"{key} on the slider moved JupyterLab's active cell"
    page.screenshot(path=lab_artifacts / "timeline-keys.png")
    assert not problems.external_requests, f"requests left the machine: {problems.external_requests}"
    assert not problems.page_errors, f"page errors: {problems.page_errors}"


@pytest.mark.slow
@pytest.mark.timeout(RUN_TIMEOUT + 120)
def test_annotated_reader_keeps_its_keys_in_jupyterlab(lab_page, lab, lab_artifacts):
    page, problems = lab_page
    run_all(page, lab, COMMENTARY)
    tag = page.locator(".sco-rd-tag").first
    expect(tag).to_be_visible(timeout=20_000)
    tag.scroll_into_view_if_needed()
    tag.focus()
    before = active_cell(page)
    page.keyboard.press("Enter")
    expect(page.locator(".sco-rd-panel .sco-rd-panel-title")).to_contain_text("Claim 1 ")
    page.screenshot(path=lab_artifacts / "reader-open.png")
    page.keyboard.press("Escape")
    expect(page.locator(".sco-rd-panel .sco-rd-hint")).to_be_visible()
    expect(tag).to_be_focused()
    page.keyboard.press(" ")
    expect(tag).to_have_attribute("aria-expanded", "true")
    for key in ["ArrowDown", "ArrowUp", "End", "Home"]:
        page.keyboard.press(key)
        assert active_cell(page) == before, f"{key} in the reader moved JupyterLab's active cell"
    assert active_cell(page) == before, "keys in the reader moved JupyterLab's active cell"
    assert not problems.external_requests, f"requests left the machine: {problems.external_requests}"
    assert not problems.page_errors, f"page errors: {problems.page_errors}"


def test_the_same_keys_still_work_in_the_book(watched_page, book_url):
    """The guard that keeps keys from JupyterLab changes nothing in the static book, and leaves no mark."""
    page, problems = watched_page
    page.goto(book_url + MEMBERS.replace(".ipynb", ".html"))
    timeline = page.locator(".sco-timeline").first
    expect(timeline.locator(".sco-tl-mark").first).to_be_visible(timeout=20_000)
    start = timeline.get_by_label("From year")
    low, high = int(start.get_attribute("min")), int(start.get_attribute("max"))
    start.focus()
    for key, year in [("ArrowRight", low + 1), ("ArrowLeft", low), ("End", high), ("Home", low)]:
        page.keyboard.press(key)
        expect(timeline.locator(".sco-tl-year output").first).to_have_text(str(year))
    marks = timeline.locator(".sco-tl-mark")
    marks.first.focus()
    page.keyboard.press("ArrowRight")
    expect(marks.nth(1)).to_be_focused()
    expect(timeline.locator(".sco-tl-tooltip")).to_be_visible()
    page.keyboard.press("Escape")
    expect(timeline.locator(".sco-tl-tooltip")).to_be_hidden()
    expect(page.locator("[data-lm-suppress-shortcuts]")).to_have_count(0)
    problems.assert_clean()
