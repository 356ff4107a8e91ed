"""A question explorer: controls that change a question and a panel with its answer.

:class:`Explorer` lets a reader change the question (a year, a membership
definition, an indicator...) and see the answer change. Every answer is
computed in Python when the book is built; the front end (``web/explorer.js``)
only looks it up, so the widget works in the static book where no Python runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Callable

import anywidget
import pandas as pd
import traitlets

from sco_course.widgets import front_end

KEY_SEPARATOR = "|"


@dataclass(frozen=True)
class Control:
    """One control of an :class:`Explorer`.

    ``kind`` is ``"slider"`` (ordered options such as years, moved with the
    arrow keys) or ``"select"`` (a drop-down list). ``initial`` is the
    option shown first (by default the first).
    """

    label: str
    options: tuple[str, ...]
    kind: str = "select"
    initial: str | None = None

    def __post_init__(self):
        if self.kind not in ("slider", "select"):
            raise ValueError(f"kind must be 'slider' or 'select', not {self.kind!r}")
        if not self.options:
            raise ValueError(f"control {self.label!r} has no options")
        if any(KEY_SEPARATOR in option for option in self.options):
            raise ValueError(f"options may not contain {KEY_SEPARATOR!r}")
        if self.initial is not None and self.initial not in self.options:
            raise ValueError(f"initial {self.initial!r} is not an option of {self.label!r}")


@dataclass(frozen=True)
class Answer:
    """What the explorer shows for one choice: a sentence and an optional table."""

    summary: str
    table: pd.DataFrame | None = None

    def payload(self) -> dict:
        table = self.table if self.table is not None else pd.DataFrame()
        return {
            "summary": self.summary,
            "columns": [str(column) for column in table.columns],
            "rows": [["" if pd.isna(value) else str(value) for value in row]
                     for row in table.itertuples(index=False)],
        }


class Explorer(anywidget.AnyWidget):
    """Controls that change the question and a panel that shows the answer.

    Build it with :meth:`build`. ``selection`` holds the option chosen on
    each control; set or observe it from Python when a kernel runs.
    """

    _esm = front_end.module("explorer.js")
    _css = front_end.stylesheet("explorer.css")

    controls = traitlets.List(traitlets.Dict()).tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    caption = traitlets.Unicode("").tag(sync=True)
    empty_text = traitlets.Unicode("No answer for this choice.").tag(sync=True)
    selection = traitlets.List(traitlets.Unicode()).tag(sync=True)

    @classmethod
    def build(cls, controls: list[Control], answer: Callable[..., Answer | None], *, caption: str = "",
              empty_text: str = "No answer for this choice.") -> "Explorer":
        """An explorer over every combination of the controls' options.

        ``answer`` is called with one option of each control, in order, and
        returns the :class:`Answer` to show, or None where the combination
        has no answer (the explorer then shows ``empty_text``).
        """
        if not controls:
            raise ValueError("an explorer needs at least one control")
        answers = {}
        for choice in product(*(control.options for control in controls)):
            result = answer(*choice)
            if result is not None:
                answers[KEY_SEPARATOR.join(choice)] = result.payload()
        selection = [control.initial or control.options[0] for control in controls]
        return cls(
            controls=[{"label": control.label, "kind": control.kind, "options": list(control.options)}
                      for control in controls],
            answers=answers, caption=caption, empty_text=empty_text, selection=selection,
        )

    @traitlets.validate("selection")
    def _check_selection(self, proposal):
        value = list(proposal["value"])
        if len(value) != len(self.controls):
            raise traitlets.TraitError(f"selection needs one option per control ({len(self.controls)})")
        for option, control in zip(value, self.controls):
            if option not in control["options"]:
                raise traitlets.TraitError(f"{option!r} is not an option of {control['label']!r}")
        return value

    def current(self) -> dict | None:
        """The answer shown for the current selection (None if it has none)."""
        return self.answers.get(KEY_SEPARATOR.join(self.selection))
