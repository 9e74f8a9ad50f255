"""Paragraph references: the ``{para}`` role and what it points to.

Every sentence of the book that says what happened at the meeting carries a
reference to the report's paragraph that records it, written
``{para}`II.4``` (paragraph 4 of session II) or ``{para}`II.4-6``` (a
range). The role renders a short link, "(II ¶4)", to that paragraph's entry
on the page *The report, paragraph by paragraph*
(``book/reference/paragraphs``), which is generated from ``data/paragraphs.csv``.

The numbering is the one every table of ``data/`` uses (see
``companion.data.report``): a part of the report (``sessions.id``: ``I`` to
``IX``, ``preface``, ``intro``, ...) and a paragraph number from 1. A
reference to a paragraph that ``data/paragraphs.csv`` does not hold is a
build warning, so the book's ``-W`` build fails on it.

Registered as a Sphinx extension in ``_config.yml`` (``sphinx.config.extensions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.data.tables import load_table
from companion.errors import CompanionDataError

PARAGRAPH_PAGE = "book/reference/paragraphs"
_REFERENCE = re.compile(r"^(?P<section>[A-Za-z][A-Za-z-]*)\.(?P<first>\d+)(?:-(?P<last>\d+))?$")


@dataclass(frozen=True)
class ParagraphReference:
    """A reference to one paragraph, or a range of paragraphs, of one part."""

    section: str
    first: int
    last: int

    @property
    def anchor(self) -> str:
        """The label of the first paragraph's entry on the paragraph page."""
        return paragraph_anchor(self.section, self.first)


def paragraph_anchor(section: str, number: int) -> str:
    """The label of a paragraph's entry on the paragraph page: ``para-ii-4``."""
    return f"para-{section.lower()}-{number}"


def known_paragraphs() -> dict[str, set[int]]:
    """The paragraph numbers of each part of the report, from ``data/paragraphs.csv``."""
    paragraphs = load_table("paragraphs")
    return {
        str(section): {int(number) for number in numbers}
        for section, numbers in paragraphs.groupby("section")["paragraph"]
    }


def reference_labels() -> dict[str, str]:
    """How a reference names each part: "II", "Preface" (``sessions.reference_label``)."""
    sessions = load_table("sessions")
    return dict(zip(sessions["id"], sessions["reference_label"]))


def parse_reference(text: str, known: dict[str, set[int]] | None = None) -> ParagraphReference:
    """Read ``"II.4"`` or ``"II.4-6"``; raise CompanionDataError if the text is
    malformed or names a part or paragraph that the report does not have."""
    known = known_paragraphs() if known is None else known
    match = _REFERENCE.match(text.strip())
    if not match:
        raise CompanionDataError(
            f"paragraph reference {text!r}: write PART.N or PART.N-M, for example II.4 or II.4-6"
        )
    section = match["section"]
    first = int(match["first"])
    last = int(match["last"]) if match["last"] else first
    if section not in known:
        raise CompanionDataError(
            f"paragraph reference {text!r}: the report has no part {section!r}; parts are {sorted(known)}"
        )
    if last < first:
        raise CompanionDataError(f"paragraph reference {text!r}: the range runs backwards")
    missing = [number for number in range(first, last + 1) if number not in known[section]]
    if missing:
        raise CompanionDataError(
            f"paragraph reference {text!r}: part {section} of the report has no paragraph {missing[0]}; "
            f"it has paragraphs {min(known[section])} to {max(known[section])} (data/paragraphs.csv)"
        )
    return ParagraphReference(section, first, last)


def reference_text(reference: ParagraphReference, labels: dict[str, str] | None = None) -> str:
    """The link text: "II ¶4", or "II ¶4–6" for a range."""
    labels = reference_labels() if labels is None else labels
    numbers = str(reference.first) if reference.first == reference.last else f"{reference.first}–{reference.last}"
    return f"{labels[reference.section]} ¶{numbers}"


def para_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """The ``{para}`` role: "(II ¶4)", linked to the paragraph's entry.

    A bad reference becomes a docutils error, which Sphinx reports as a
    warning at the reference's file and line, so ``-W`` fails the build.
    """
    from docutils import nodes
    from sphinx import addnodes

    env = inliner.document.settings.env
    known, labels = getattr(env, _LOOKUPS, None) or _read_lookups(env.app)
    try:
        reference = parse_reference(text, known)
    except CompanionDataError as error:
        message = inliner.reporter.error(str(error), line=lineno)
        problem = inliner.problematic(rawtext, rawtext, message)
        return [problem], [message]
    link = addnodes.pending_xref(
        rawtext,
        refdomain="std",
        reftype="ref",
        reftarget=reference.anchor,
        refexplicit=True,
        refwarn=True,
        refdoc=env.docname,
    )
    link += nodes.inline(rawtext, reference_text(reference, labels), classes=["para-ref"])
    return [nodes.Text("("), link, nodes.Text(")")], []


# The book has some 450 references: the tables are read once per build, not per reference.
_LOOKUPS = "companion_paragraph_lookups"


def _read_lookups(app) -> tuple[dict[str, set[int]], dict[str, str]]:
    """Read the paragraphs and the parts' labels for this build."""
    lookups = known_paragraphs(), reference_labels()
    setattr(app.env, _LOOKUPS, lookups)
    return lookups


def setup(app):
    """Register the ``para`` role with Sphinx."""
    app.add_role("para", para_role)
    app.connect("builder-inited", _read_lookups)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
