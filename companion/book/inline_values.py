"""Numbers in prose that both the book and JupyterLab show: ``{eval}`name```.

A session page writes a computed number into its prose as
``{eval}`fee_share_18```, where ``fee_share_18`` is a variable of the
notebook that was also glued under the same name
(``fee_share_18 = glue_value("fee_share_18", ...)``):

* In JupyterLab, jupyterlab-myst evaluates the expression in the running
  kernel and shows its value (it does not render myst-nb's glue roles).
* In the book, myst-nb's own ``{eval}`` needs a live kernel (execution mode
  "inline"), but the book is executed ahead of time through the
  jupyter-cache. This Sphinx extension therefore replaces the ``eval`` role
  with one that pastes the value glued under that name, exactly as
  ``{glue:text}`` would; the build keeps its cache and its parallel
  pre-execution, and a name that was not glued fails the build (``-W``).

Only a bare variable name is accepted: an expression the book cannot look up
would show one thing in JupyterLab and nothing in the book.
tests/test_exercises.py checks that every name's glued text and its value in
the kernel agree.
"""

from __future__ import annotations

import re

from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import glue_warning

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class GluedEvalRole(PasteTextRole):
    """``{eval}`name``` in the book: the text glued under ``name``."""

    def run(self):
        if not NAME.fullmatch(self.text):
            return [], [glue_warning(
                f"{{eval}}`{self.text}`: the book can only show a variable name that the notebook glued",
                self.document, self.line)]
        return super().run()


def setup(app):
    """Register the role after myst-nb, whose own ``eval`` role it replaces."""
    app.setup_extension("myst_nb")
    app.add_role("eval", GluedEvalRole(), override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
