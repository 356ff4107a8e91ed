"""The question explorer, from Python: its controls and the answers it precomputes."""

from __future__ import annotations

import pandas as pd
import pytest
import traitlets

from sco_course.widgets import Answer, Control, Explorer


def test_controls_reject_bad_definitions():
    with pytest.raises(ValueError):
        Control("Year", ())
    with pytest.raises(ValueError):
        Control("Year", ("2001",), kind="knob")
    with pytest.raises(ValueError):
        Control("Year", ("2001|2002",))
    with pytest.raises(ValueError):
        Control("Year", ("2001",), initial="1999")


def test_explorer_precomputes_every_answer_and_skips_none():
    def answer(base, end):
        if base >= end:
            return None
        return Answer(f"{base}-{end}", pd.DataFrame({"x": [1.5, None]}))

    explorer = Explorer.build(
        [Control("Base", ("1", "2", "3"), "slider"), Control("End", ("1", "2", "3"), initial="3")],
        answer, caption="test", empty_text="nothing",
    )
    assert sorted(explorer.answers) == ["1|2", "1|3", "2|3"]
    assert explorer.selection == ["1", "3"]
    assert explorer.current() == {"summary": "1-3", "columns": ["x"], "rows": [["1.5"], [""]]}
    assert explorer.controls[0] == {"label": "Base", "kind": "slider", "options": ["1", "2", "3"]}
    explorer.selection = ["3", "1"]
    assert explorer.current() is None
    with pytest.raises(traitlets.TraitError):
        explorer.selection = ["4", "1"]
    with pytest.raises(traitlets.TraitError):
        explorer.selection = ["1"]


def test_explorer_needs_a_control():
    with pytest.raises(ValueError):
        Explorer.build([], lambda: Answer("x"))
