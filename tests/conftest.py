"""Fixtures: the built book, the fixture book, a local server and Chromium; the test layers.

Every test is put in one layer, from the fixtures it uses (see
``pytest_collection_modifyitems``): ``browser`` (drives Chromium), ``build``
(reads a built book), else ``unit``. ``slow`` is set by hand on a test that
takes long whatever its layer. ``make test-unit`` runs ``unit and not slow``
without building the book; ``make test`` builds the book and runs everything.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from booktools.chromium import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS, launch
from helpers import ARTIFACTS, BOOK_HTML, FIXTURE_BOOK, build_book, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "LOCAL_HOSTS", "PageProblems", "watch"]

LAYERS = ("unit", "build", "browser")
BROWSER_FIXTURES = {"browser"}
BUILD_FIXTURES = {"book_html", "book_url", "fixture_book_html", "fixture_book_url"}


def layer_of(item) -> str:
    """``browser`` if the test drives Chromium, ``build`` if it reads a built book, else ``unit``.

    ``item.fixturenames`` holds the fixtures a test uses through other
    fixtures too. A layer marked by hand (``build`` on a test that builds its
    own small book) counts if it is the more expensive one.
    """
    names = set(getattr(item, "fixturenames", ()))
    found = "browser" if names & BROWSER_FIXTURES else "build" if names & BUILD_FIXTURES else "unit"
    marked = [layer for layer in LAYERS if item.get_closest_marker(layer)]
    return max([found, *marked], key=LAYERS.index)


def pytest_collection_modifyitems(config, items):
    for item in items:
        layer = layer_of(item)
        if not item.get_closest_marker(layer):
            item.add_marker(getattr(pytest.mark, layer))


@pytest.fixture(scope="session")
def book_html():
    """The book built by `make book`; the tests read it, they do not rebuild it."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"{BOOK_HTML} holds no built book: run `make book` first (`make test` does).")
    return BOOK_HTML


@pytest.fixture(scope="session")
def fixture_book_html(tmp_path_factory):
    """The wiring fixture book, built strictly with the project's configuration, as `make book` builds."""
    output = tmp_path_factory.mktemp("fixture-book")
    result = build_book(FIXTURE_BOOK, output, pre_execute=True)
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
        browser = launch(playwright)
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
    context = browser.new_context(**SCREENS["laptop"])
    yield watch(context)
    context.close()


SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    "laptop": {"viewport": {"width": 1280, "height": 900}},
    "wide": {"viewport": {"width": 1920, "height": 1080}},
}
"""The screens every page is tried on: a phone held upright (touch), a laptop, a wide monitor."""


@pytest.fixture(params=list(SCREENS))
def screen_page(browser, request):
    """(screen name, page, problems) for each of :data:`SCREENS` in turn, as ``watched_page``."""
    context = browser.new_context(**SCREENS[request.param])
    page, problems = watch(context)
    yield request.param, page, problems
    context.close()


@pytest.fixture
def watched_phone_page(browser):
    """As ``watched_page``, on a phone-sized touch screen (390 x 844)."""
    context = browser.new_context(**SCREENS["phone"])
    yield watch(context)
    context.close()
