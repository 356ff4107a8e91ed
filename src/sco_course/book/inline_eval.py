"""The ``{eval}`` role in the built book: the values a page's text quotes.

A page's text quotes computed values as ``{eval}`prose.name` ``. Run live,
jupyterlab-myst sends a Markdown cell's expressions to the kernel when the
cell runs and shows each result's ``text/plain``. MyST-NB evaluates ``{eval}``
only when it executes a notebook inline, during the build; this book runs its
notebooks before the build, several at a time, into the execution cache
(``booktools.execute``). That runner evaluates each Markdown cell's
expressions at that cell, as JupyterLab does, and stores each result as a
hidden glue output of the code cell before it, under ``eval:<expression>``.
The role here shows that stored text as it is, so the book and JupyterLab
show the same text.
"""

from __future__ import annotations

import re

from docutils import nodes
from myst_nb.core.variables import RetrievalError, create_warning
from myst_nb.ext.glue.utils import retrieve_glue_data
from myst_nb.ext.utils import RoleBase

EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")
KEY_PREFIX = "eval:"
HIDDEN_MIME_PREFIX = "application/papermill.record/"
"""What ``glue(..., display=False)`` puts before its MIME types: MyST-NB then shows the output nowhere."""


def expressions(markdown: str) -> list[str]:
    """The ``{eval}`` expressions of a Markdown cell, each once, in order."""
    return list(dict.fromkeys(match.strip() for match in EVAL_ROLE.findall(markdown)))


def stored_value(expression: str, text: str) -> dict:
    """The hidden output that holds ``expression``'s text for the build (a glue output)."""
    return {"output_type": "display_data", "data": {HIDDEN_MIME_PREFIX + "text/plain": text},
            "metadata": {"scrapbook": {"name": KEY_PREFIX + expression, "mime_prefix": HIDDEN_MIME_PREFIX}}}


def stored_expressions(notebook) -> set[str]:
    """The expressions whose values an executed notebook holds."""
    names = {output.get("metadata", {}).get("scrapbook", {}).get("name", "")
             for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])}
    return {name[len(KEY_PREFIX):] for name in names if name.startswith(KEY_PREFIX)}


class EvalRole(RoleBase):
    """``{eval}`expression` ``: the text the expression evaluated to when the notebook ran."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        expression = self.text.strip()
        try:
            data = retrieve_glue_data(self.document, KEY_PREFIX + expression)
        except RetrievalError:
            message = (f"no value for {{eval}}`{expression}`: the notebooks are run before the build by "
                       "'python -m booktools.execute' (as 'make book' does), which evaluates it")
            return [], [create_warning(message, self.document, self.line, subtype="eval")]
        text = data.data["text/plain"]
        node = nodes.inline(text, text, classes=["pasted-text"])
        self.set_source_info(node)
        return [node], []


def setup(app) -> None:
    """Called by the book's extension after MyST-NB, whose ``eval`` role this replaces."""
    app.add_role("eval", EvalRole(), override=True)
