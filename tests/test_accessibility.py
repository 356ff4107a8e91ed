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


CONTRAST_SCRIPT = """(selector) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (value) => { value /= 255; return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].map((element) => {
    const [light, dark] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  });
}"""
OWN_WIDGET_TEXT = (".sco-timeline p, .sco-timeline legend, .sco-timeline li, .sco-ex td, .sco-ex p, .sco-ex label, "
                   ".sco-cv label, .sco-cv td, .sco-cv th, .sco-cv caption")
WIDGET_PAGES = ["chapters/1-security/shanghai-five-to-ten-members", "chapters/2-economy/how-big", "chapters/synthesis"]


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("document", WIDGET_PAGES)
def test_the_course_widgets_text_is_legible(document, mode, watched_page, book_url):
    """axe cannot always tell a widget's background; measure the course's own widgets directly."""
    page, problems = watched_page
    page.add_init_script(f"localStorage.setItem('mode', '{mode}');")
    page.goto(book_url + f"{document}.html", wait_until="networkidle")
    page.wait_for_selector(".sco-timeline, .sco-ex, .sco-cv")
    ratios = page.evaluate(CONTRAST_SCRIPT, OWN_WIDGET_TEXT)
    assert ratios, "no widget text found"
    assert min(ratios) >= 4.5, f"lowest contrast {min(ratios):.2f}"
    problems.assert_clean()
