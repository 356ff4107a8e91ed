"""Fixtures: the built book, the fixture book, a local server and Chromium."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from helpers import ARTIFACTS, BOOK_HTML, FIXTURE_BOOK, build_book, serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}


@pytest.fixture(scope="session")
def book_html():
    """The book built by `make book`; the tests read it, they do not rebuild it."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"{BOOK_HTML} holds no built book: run `make book` first (`make test` does).")
    return BOOK_HTML


@pytest.fixture(scope="session")
def fixture_book_html(tmp_path_factory):
    """The wiring fixture book, built strictly with the project's configuration."""
    output = tmp_path_factory.mktemp("fixture-book")
    result = build_book(FIXTURE_BOOK, output)
    assert result.returncode == 0, f"fixture book failed to build:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return output / "_build" / "html"


@pytest.fixture(scope="session")
def book_url(book_html):
    with serve(book_html) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_book_url(fixture_book_html):
    with serve(fixture_book_html) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts():
    """Folder for screenshots; emptied once per run."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """Everything that went wrong while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.external_requests, f"requests left the machine: {self.external_requests}"
        assert not self.failed_requests, f"failed requests: {self.failed_requests}"
        assert not self.page_errors, f"page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def watch(context) -> tuple:
    """A new page in ``context`` whose off-machine requests are aborted and counted, with its problems."""
    problems = PageProblems()

    def route(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            problems.external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems.console_errors.append(message.text))
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on(
        "requestfailed",
        lambda request: urlparse(request.url).hostname in LOCAL_HOSTS
        and problems.failed_requests.append(f"{request.url} ({request.failure})"),
    )
    page.on(
        "response",
        lambda response: response.status >= 400 and problems.failed_requests.append(f"{response.url} ({response.status})"),
    )
    return page, problems


@pytest.fixture
def watched_page(browser):
    """A fresh page whose off-machine requests are aborted and counted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watch(context)
    context.close()


@pytest.fixture
def watched_phone_page(browser):
    """As ``watched_page``, on a phone-sized touch screen (390 x 844)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield watch(context)
    context.close()
