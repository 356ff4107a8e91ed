"""The course's widgets. Each draws itself in the browser from data saved with
the page (front ends in ``web/``), so it works in the static book with no
kernel, and live in Jupyter as an ordinary ipywidget.

* :class:`Timeline`: dated events with a year range, theme toggles and details;
* :class:`Explorer`: controls that change a question and its precomputed answer;
* :class:`ChoiceViews`: a drop-down between precomputed HTML views;
* :class:`AnnotatedCommentary`: the commentary with every claim marked in place.
"""

from sco_course.widgets.choice_views import ChoiceViews, choice_views
from sco_course.widgets.explorer import Answer, Control, Explorer
from sco_course.widgets.reader import AnnotatedCommentary, annotated_commentary
from sco_course.widgets.timeline import Timeline

__all__ = ["AnnotatedCommentary", "Answer", "ChoiceViews", "Control", "Explorer", "Timeline",
           "annotated_commentary", "choice_views"]
