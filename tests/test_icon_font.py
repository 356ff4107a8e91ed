"""The icon subset: which glyphs the book uses, and the font and stylesheet written for them."""

from __future__ import annotations

import io
from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from sco_course.book.icon_font import (SOLID_FONT, SUBSET_FONT, code_points, font_face_css, icon_classes, read_stylesheet,
                                  subset_font, write_icon_subset)

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def test_code_points_reads_escapes_and_literal_characters():
    assert code_points(r"\f002") == {0xF002}
    assert code_points("\uf05a") == {0xF05A}
    assert code_points("a plain string") == set()


def test_stylesheet_splits_icon_classes_from_the_theme_s_own_glyphs():
    css = (r'.fa-magnifying-glass:before,.fa-search:before{content:"\f002"}'
           r'.admonition:before{content:"\f05a";font:var(--fa-font-solid)}'
           'html{--pst-icon-lightbulb:"\uf0eb"}.fa-spin{animation:x}')
    icons, others = read_stylesheet(css)
    assert icons == {"fa-magnifying-glass": {0xF002}, "fa-search": {0xF002}}
    assert others == {0xF05A, 0xF0EB}


def test_icon_classes_are_read_from_class_attributes_only():
    html = '<i class="theme-switch fa-solid fa-moon fa-lg"></i><p>fa-not-a-class</p>'
    assert icon_classes(html) == {"fa-solid", "fa-moon", "fa-lg"}


def test_font_face_serves_only_the_listed_code_points():
    css = font_face_css({0xF002, 0xF05A}, "subset.woff")
    assert 'font-family:"Font Awesome 6 Free"' in css and "font-weight:900" in css
    assert "unicode-range:U+F002,U+F05A" in css and "url(subset.woff)" in css


def test_subset_font_keeps_exactly_the_glyphs_asked_for():
    font = THEME_STATIC / SOLID_FONT
    subset = subset_font(font, {0xF002, 0xF05A})
    mapped = set(TTFont(io.BytesIO(subset)).getBestCmap())
    assert mapped == {0xF002, 0xF05A}
    assert len(subset) < font.stat().st_size / 10
    assert subset_font(font, {0xF002, 0xF05A}) == subset, "the subset must be the same on every build"


def test_write_icon_subset_covers_the_pages_icons_and_remakes_the_font_only_when_they_change(tmp_path):
    site = tmp_path / "html"
    (site / "_static" / "styles").mkdir(parents=True)
    (site / "_static" / "styles" / "theme.css").write_text(
        r'.fa-moon:before{content:"\f186"}.fa-sun:before{content:"\f185"}.note:before{content:"\f05a"}',
        encoding="utf-8")
    (site / "_static" / SOLID_FONT).parent.mkdir(parents=True)
    (site / "_static" / SOLID_FONT).write_bytes((THEME_STATIC / SOLID_FONT).read_bytes())
    page = site / "page.html"
    page.write_text('<i class="fa-solid fa-moon"></i>', encoding="utf-8")
    target = site / "_static" / "assets"

    assert write_icon_subset(site, target, "icons.css") == {0xF186, 0xF05A}
    assert "unicode-range:U+F05A,U+F186" in (target / "icons.css").read_text(encoding="utf-8")
    font = target / SUBSET_FONT
    assert set(TTFont(font).getBestCmap()) == {0xF186, 0xF05A}

    font.write_bytes(b"unchanged glyphs: not remade")
    write_icon_subset(site, target, "icons.css")
    assert font.read_bytes() == b"unchanged glyphs: not remade"

    page.write_text('<i class="fa-solid fa-sun"></i>', encoding="utf-8")
    assert write_icon_subset(site, target, "icons.css") == {0xF185, 0xF05A}
    assert set(TTFont(font).getBestCmap()) == {0xF185, 0xF05A}
