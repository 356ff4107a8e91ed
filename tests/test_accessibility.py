"""axe-core on every page of the built book, in light and dark mode."""

from __future__ import annotations

import pytest

from helpers import PROJECT_ROOT, toc_files

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = toc_files(PROJECT_ROOT / "_toc.yml")
BLOCKING = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    # With RequireJS on the page axe would register as an AMD module instead of
    # setting window.axe; run its source with `define` shadowed.
    page.add_script_tag(content=f"(function (define) {{\n{AXE.read_text(encoding='utf-8')}\n}})();")
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [violation for violation in result if violation["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:5])
        for violation in violations
    )


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("document", PAGES)
def test_no_serious_or_critical_accessibility_violations(document, mode, watched_page, book_url, artifacts):
    page, problems = watched_page
    page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page.goto(book_url + f"{document}.html", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    violations = axe_violations(page)
    if mode == "dark":
        page.screenshot(path=artifacts / f"dark-{document.replace('/', '-')}.png")
    assert not violations, describe(violations)
    problems.assert_clean()
