"""Citing a figure: the report's exact place, and the book that compiled it.

One function per format - plain text, Markdown, BibTeX, CSL-JSON - for two
forms: the figure in the report (the primary source, with section, paragraph
and quote), and the figure as compiled in this book (title, version, year and
the figure's anchor). The figures index page, the command line and the tests
all use these functions, so a citation reads the same everywhere.
"""

from __future__ import annotations

import json
import re

from companion import __version__
from companion.data.figures import Figure
from companion.data.tables import load_table

REPORT = {
    "key": "undesa2017coordination15",
    "author": "United Nations, Department of Economic and Social Affairs, Population Division",
    "year": 2017,
    "title": "Fifteenth Coordination Meeting on International Migration",
    "series": "Working Paper",
    "number": "ESA/P/WP/249",
    "publisher": "United Nations",
    "place": "New York",
    "url": "https://www.un.org/en/development/desa/population/migration/events/coordination/15/index.shtml",
}
BOOK = {
    "author": "The Coordination Meeting Companion project",
    "title": "Migration, counted: a companion to the Fifteenth Coordination Meeting on International Migration",
    "year": 2026,
    "version": __version__,
    # No published address yet: citations give the anchor's path in the built book.
    "base_url": "",
    "figures_page": "book/reference/figures.html",
}


def section_name(session: str) -> str:
    """How a citation names a part of the report: "Section VII (Implementing ...)"."""
    sessions = load_table("sessions").set_index("id")
    title = sessions.loc[session, "title"]
    if sessions.loc[session, "kind"] == "session":
        return f"Section {session} ({title})"
    return title


def location(figure: Figure) -> str:
    """The figure's place in the report: section and paragraph."""
    return f"{section_name(figure.session)}, paragraph {figure.paragraph}"


def anchor(figure: Figure) -> str:
    """The figure's address in the book: published URL if any, else the path."""
    path = f"{BOOK['figures_page']}#{figure.id}"
    return f"{BOOK['base_url'].rstrip('/')}/{path}" if BOOK["base_url"] else path


def _report_reference() -> str:
    return (
        f"{REPORT['author']} ({REPORT['year']}). {REPORT['title']}. "
        f"{REPORT['series']} No. {REPORT['number']}. {REPORT['place']}: {REPORT['publisher']}."
    )


def as_text(figure: Figure) -> str:
    """Plain-text, author-date citation of the figure in the report."""
    return f'{_report_reference()} {location(figure)}: "{figure.quote}"'


def as_markdown(figure: Figure) -> str:
    """Markdown citation of the figure in the report (title in italics, linked)."""
    return (
        f"{REPORT['author']} ({REPORT['year']}). *[{REPORT['title']}]({REPORT['url']})*. "
        f"{REPORT['series']} No. {REPORT['number']}. {REPORT['place']}: {REPORT['publisher']}. "
        f'{location(figure)}: "{figure.quote}"'
    )


def _bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters in a field value."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex_key(figure: Figure) -> str:
    """A BibTeX key for the figure's citation of the report."""
    return f"{REPORT['key']}:{figure.id}"


def as_bibtex(figures: list[Figure]) -> str:
    """BibTeX: one ``@techreport`` per figure, the location and quote in ``note``."""
    entries = []
    for figure in figures:
        note = _bibtex_escape(f"{location(figure)}: ``{figure.quote}''")
        entries.append(
            "\n".join(
                [
                    f"@techreport{{{bibtex_key(figure)},",
                    f"  author = {{{{{REPORT['author']}}}}},",
                    f"  title = {{{REPORT['title']}}},",
                    f"  institution = {{{REPORT['publisher']}}},",
                    f"  address = {{{REPORT['place']}}},",
                    f"  year = {{{REPORT['year']}}},",
                    f"  type = {{{REPORT['series']}}},",
                    f"  number = {{{REPORT['number']}}},",
                    f"  url = {{{REPORT['url']}}},",
                    f"  note = {{{note}}}",
                    "}",
                ]
            )
        )
    return "\n\n".join(entries) + "\n"


def as_csl(figure: Figure) -> dict:
    """CSL-JSON item (what Zotero and pandoc read) for the figure in the report."""
    return {
        "id": bibtex_key(figure),
        "type": "report",
        "title": REPORT["title"],
        "author": [{"literal": REPORT["author"]}],
        "publisher": REPORT["publisher"],
        "publisher-place": REPORT["place"],
        "issued": {"date-parts": [[REPORT["year"]]]},
        "genre": REPORT["series"],
        "number": REPORT["number"],
        "URL": REPORT["url"],
        "note": f'{location(figure)}: "{figure.quote}"',
    }


def as_csl_json(figures: list[Figure]) -> str:
    """CSL-JSON array for one or more figures, pretty-printed."""
    return json.dumps([as_csl(figure) for figure in figures], indent=2, ensure_ascii=False) + "\n"


def book_as_text(figure: Figure) -> str:
    """Plain-text citation of the figure as compiled in this book."""
    return (
        f"{BOOK['author']} ({BOOK['year']}). \"{figure.prose}\" ({figure.label}), figure {figure.id}. "
        f"In: {BOOK['title']}, version {BOOK['version']}. {anchor(figure)}. "
        f"Compiled from {REPORT['number']}, {location(figure)}."
    )


def book_as_bibtex(figure: Figure) -> str:
    """BibTeX ``@misc`` entry for the figure as compiled in this book."""
    fields = [
        f"@misc{{companion:{figure.id},",
        f"  author = {{{{{BOOK['author']}}}}},",
        f"  title = {{{_bibtex_escape(figure.label)}}},",
        f"  howpublished = {{{_bibtex_escape(BOOK['title'])}, version {BOOK['version']}}},",
        f"  year = {{{BOOK['year']}}},",
        f"  note = {{Figure {_bibtex_escape(figure.id)}, {_bibtex_escape(anchor(figure))}; from {REPORT['number']}, {_bibtex_escape(location(figure))}}}",
        "}",
    ]
    return "\n".join(fields) + "\n"


FORMATS = {
    "text": lambda figures: "\n\n".join(as_text(f) for f in figures) + "\n",
    "markdown": lambda figures: "\n\n".join(as_markdown(f) for f in figures) + "\n",
    "bibtex": as_bibtex,
    "csl-json": as_csl_json,
}
