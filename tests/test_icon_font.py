"""The icon subset: which glyphs the book uses, and the font and stylesheet written for them."""

from __future__ import annotations

import io
from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from sco_course.icon_font import (SOLID_FONT, code_points, font_face_css, icon_classes, read_stylesheet,
                                  subset_font)

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
