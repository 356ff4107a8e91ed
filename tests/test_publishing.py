"""Publishing the book with its repository: one address switches on the header's repository
button, the repository in the citation and the notebook pages' launch buttons.

The build tests build a two-page book of their own (``build`` layer, a few seconds each):
with an address from a temporary copy of ``_config.yml``, with one from the environment
(as ``.github/workflows/publish.yml`` sets it), and with none (the project's default).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from booktools.book import build_command, run
from helpers import PROJECT_ROOT
from sco_course.book.sphinx_ext import (
    CITATION_SECTION,
    REPOSITORY_BRANCH_ENV,
    REPOSITORY_URL_ENV,
    publishing_options,
)

SAMPLE_URL = "https://github.com/example-org/sco-course"
SAMPLE_HUB = "https://hub.example.edu"
PUBLISHING_ENV = (REPOSITORY_URL_ENV, REPOSITORY_BRANCH_ENV)


def test_the_environment_names_the_repository_before_the_configuration():
    configured = {"repository_url": "https://github.com/a/b", "repository_branch": "main",
                  "launch_buttons": {"binderhub_url": "https://mybinder.org"}}
    options = publishing_options(configured, {REPOSITORY_URL_ENV: f"{SAMPLE_URL}.git/",
                                              REPOSITORY_BRANCH_ENV: "publish"})
    assert options["repository_url"] == SAMPLE_URL
    assert options["repository_branch"] == "publish"
    assert options["use_repository_button"] is True
    assert options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert publishing_options(configured, {REPOSITORY_URL_ENV: " "})["repository_url"] == "https://github.com/a/b"


def test_without_a_repository_no_launch_service_is_left_on():
    configured = {"repository_url": "", "use_repository_button": True,
                  "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "https://mybinder.org",
                                     "jupyterhub_url": SAMPLE_HUB}}
    options = publishing_options(configured, {})
    assert options["use_repository_button"] is False
    assert options["launch_buttons"]["binderhub_url"] == options["launch_buttons"]["jupyterhub_url"] == ""
    assert options["launch_buttons"]["notebook_interface"] == "jupyterlab"
    assert configured["launch_buttons"]["binderhub_url"] == "https://mybinder.org", "the configuration was changed"


def write_small_book(folder):
    """A landing page with the citation and one notebook page (markdown only: nothing to execute)."""
    folder.mkdir()
    (folder / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: lesson\n", encoding="utf-8")
    (folder / "index.md").write_text(
        f"# A small book\n\n## Citing\n\n({CITATION_SECTION})=\n### How to cite\n\n> {{{{ course_citation }}}}\n",
        encoding="utf-8")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Lesson\n\nRead this.")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "lesson.ipynb")
    shutil.copy(PROJECT_ROOT / "CITATION.cff", folder / "CITATION.cff")
    (folder / "references.bib").symlink_to(PROJECT_ROOT / "references.bib")
    (folder / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    return folder


def build_small_book(tmp_path, config=PROJECT_ROOT / "_config.yml", **environment):
    book = write_small_book(tmp_path / "book")
    env = {name: value for name, value in os.environ.items() if name not in PUBLISHING_ENV}
    result = run(build_command(book, tmp_path / "out", config=config), timeout=240, env={**env, **environment})
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    html = tmp_path / "out" / "_build" / "html"
    return {page: BeautifulSoup((html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
            for page in ("index", "lesson")}


def header_links(soup) -> dict[str, str]:
    """The header's links by their text (the repository button has none: 'repository')."""
    links = {}
    for link in soup.select(".article-header-buttons a[href]"):
        text = link.get_text(" ", strip=True)
        links[text or ("repository" if "btn-source-repository-button" in link["class"] else link["href"])] = link["href"]
    return links


def citation(soup) -> str:
    return soup.find(id=CITATION_SECTION).find_next("blockquote").get_text(" ", strip=True)


def assert_published_with(pages, url: str, branch: str, hub: str | None) -> None:
    for page in pages.values():
        assert header_links(page)["repository"] == url
    lesson = header_links(pages["lesson"])
    assert lesson["Binder"] == f"https://mybinder.org/v2/gh/example-org/sco-course/{branch}?urlpath=lab/tree/lesson.ipynb"
    if hub:
        assert lesson["JupyterHub"] == (f"{hub}/hub/user-redirect/git-pull?repo={url.replace(':', '%3A')}"
                                        f"&urlpath=lab/tree/sco-course/lesson.ipynb&branch={branch}")
    else:
        assert "JupyterHub" not in lesson
    assert "Binder" not in header_links(pages["index"]), "a page that is no notebook has nothing to launch"
    assert citation(pages["index"]).endswith(url)


@pytest.mark.build
def test_an_address_in_the_configuration_publishes_the_book_with_its_repository(tmp_path):
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = SAMPLE_URL
    config["launch_buttons"]["jupyterhub_url"] = SAMPLE_HUB
    temporary_config = tmp_path / "_config.yml"
    temporary_config.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    pages = build_small_book(tmp_path, config=temporary_config)
    assert_published_with(pages, SAMPLE_URL, "main", SAMPLE_HUB)


@pytest.mark.build
def test_an_address_in_the_environment_publishes_the_book_with_its_repository(tmp_path):
    pages = build_small_book(tmp_path, **{REPOSITORY_URL_ENV: SAMPLE_URL, REPOSITORY_BRANCH_ENV: "gh-pages-source"})
    assert_published_with(pages, SAMPLE_URL, "gh-pages-source", None)


@pytest.mark.build
def test_without_an_address_the_book_has_no_repository_button_launch_button_or_address(tmp_path):
    pages = build_small_book(tmp_path)
    for page in pages.values():
        links = header_links(page)
        assert "Cite" in links and not {"repository", "Binder", "JupyterHub"} & set(links), links
        assert not page.select(".dropdown-launch-buttons, [aria-label='Launch interactive content']")
    assert "http" not in citation(pages["index"])


def test_binder_builds_the_environment_of_make_live_on_the_oldest_supported_python():
    """repo2docker reads binder/ only (not the root, whose pyproject.toml it would install a second
    time, not editable, so that the course package would no longer find data/ beside it)."""
    lines = [line.strip() for line in (PROJECT_ROOT / "binder" / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines == ["-r ../requirements.txt"]
    assert "-e ." in (PROJECT_ROOT / "requirements.txt").read_text().splitlines()
    floor = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert (PROJECT_ROOT / "binder" / "runtime.txt").read_text().strip() == f"python-{floor.removeprefix('>=')}"


WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "publish.yml"


def test_the_publishing_workflow_runs_make_targets_that_exist_and_deploys_the_built_book():
    """The workflow cannot run here; this checks what can be: it parses, its commands are make
    targets of the Makefile, it publishes _build/html and names the repository for the build."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(workflow[True]) >= {"push", "workflow_dispatch"}  # YAML reads the key `on` as true
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [step["run"].strip() for step in steps if "run" in step]
    targets = [command.removeprefix("make ") for command in commands]
    assert all(command.startswith("make ") for command in commands), commands
    assert "book" in targets
    for target in targets:
        dry_run = subprocess.run(["make", "--dry-run", target], cwd=PROJECT_ROOT, capture_output=True, text=True,
                                 timeout=60)
        assert dry_run.returncode == 0, f"make {target}: {dry_run.stderr}"
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [step["with"]["path"] for step in uploads] == ["_build/html"]
    assert all(re.search(r"@v\d+$", step["uses"]) for step in steps if "uses" in step)
    build_env = workflow["jobs"]["build"]["env"]
    assert build_env[REPOSITORY_URL_ENV] == "${{ github.server_url }}/${{ github.repository }}"
    assert REPOSITORY_BRANCH_ENV in build_env
