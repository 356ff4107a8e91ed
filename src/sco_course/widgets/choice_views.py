"""Precomputed views that a reader switches between without a kernel.

The views are computed in Python when the book is built and saved with the
widget; its front end (``web/choice-views.js``) shows the chosen one, so
choosing an option works in the static book as well as live.
"""

from __future__ import annotations


import anywidget
import traitlets

from sco_course.widgets import front_end


class ChoiceViews(anywidget.AnyWidget):
    """A labelled drop-down that shows one of several precomputed HTML views.

    Build it with :func:`choice_views`. ``index`` is the option shown; set or
    observe it from Python when a kernel runs.
    """

    _esm = front_end.module("choice-views.js")
    _css = front_end.stylesheet("choice-views.css")

    label = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    views = traitlets.List(traitlets.Unicode()).tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)

    @traitlets.validate("index")
    def _check_index(self, proposal):
        if not 0 <= proposal["value"] < len(self.options):
            raise traitlets.TraitError(f"index must be between 0 and {len(self.options) - 1}")
        return proposal["value"]


def choice_views(label: str, views: dict[str, str]) -> ChoiceViews:
    """A drop-down labelled ``label`` that shows one of ``views``.

    ``views`` maps each option's label to its HTML, which must already be
    escaped (build tables with :func:`sco_course.tables.reader_table`).
    """
    if not views:
        raise ValueError("choice_views needs at least one view")
    return ChoiceViews(label=label, options=list(views), views=list(views.values()))
