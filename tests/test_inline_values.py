"""{eval}`name` in the book: the value glued under ``name``, or a failed build.

Each test builds a one-page Sphinx project with myst-nb and
``companion.book.inline_values`` (no execution: the notebook carries its
outputs, as the book's executed notebooks do) with warnings as errors.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

CONF = 'extensions = ["myst_nb", "companion.book.inline_values"]\nnb_execution_mode = "off"\n'


def build(folder: Path, markdown: str) -> subprocess.CompletedProcess:
    """Build a notebook whose one code cell glued share_pct = '56', then ``markdown``."""
    source = folder / "src"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    code = nbformat.v4.new_code_cell("share_pct = glue_value('share_pct', '56')")
    code.outputs = [nbformat.v4.new_output(
        "display_data",
        data={"application/papermill.record/text/plain": "'56'",
              "application/papermill.record/text/markdown": "56"},
        metadata={"scrapbook": {"name": "share_pct", "mime_prefix": "application/papermill.record/"}},
    )]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Page"), code,
                                               nbformat.v4.new_markdown_cell(markdown)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, source / "index.ipynb")
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(folder / "out")],
                          capture_output=True, text=True)


def test_a_glued_name_shows_its_value(tmp_path):
    result = build(tmp_path, "The fee takes {eval}`share_pct` per cent.")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "The fee takes <span class=\"pasted-text\">56</span> per cent." in html


def test_a_name_that_was_not_glued_fails_the_build(tmp_path):
    result = build(tmp_path, "The fee takes {eval}`fee_share` per cent.")
    assert result.returncode != 0
    assert "fee_share" in result.stderr


def test_an_expression_fails_the_build(tmp_path):
    """JupyterLab would show its value but the book could not: refused."""
    result = build(tmp_path, "The fee takes {eval}`share_pct + 1` per cent.")
    assert result.returncode != 0
    assert "can only show a variable name that the notebook glued" in result.stderr
