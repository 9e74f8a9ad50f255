"""References point to publishers, and the references page has readable labels."""

from __future__ import annotations

from urllib.parse import urlparse

from pybtex.database import parse_file

from companion import cite
from companion.book.references import AuthorYearLabels
from companion.data.tables import load_table
from companion.paths import repo_root


def _addresses() -> list[tuple[str, str]]:
    """Every address the book shows readers as a source: (where, url)."""
    bibliography = parse_file(repo_root() / "references.bib")
    found = [(f"references.bib {key}", entry.fields["url"]) for key, entry in bibliography.entries.items() if "url" in entry.fields]
    found += [(f"derived_sources.csv {row.source_id}", row.url) for row in load_table("derived_sources").itertuples()]
    found.append(("CITATION.cff report", cite.report_metadata()["url"]))
    return found


def test_every_reference_is_at_a_listed_publisher():
    hosts = set(load_table("publisher_hosts")["host"])
    elsewhere = [f"{where}: {url}" for where, url in _addresses() if urlparse(url).hostname not in hosts]
    assert not elsewhere, "not a publisher's own host (see data/publisher_hosts.csv):\n" + "\n".join(elsewhere)


def test_a_copy_on_a_document_sharing_site_would_fail():
    hosts = set(load_table("publisher_hosts")["host"])
    assert urlparse("https://fdocuments.in/document/x.html").hostname not in hosts
    assert all(reason.strip() for reason in load_table("publisher_hosts")["reason"])


def test_reference_labels_are_author_and_year():
    bibliography = parse_file(repo_root() / "references.bib")
    labels = dict(zip(bibliography.entries, AuthorYearLabels().format_labels(bibliography.entries.values())))
    assert labels["undesa2017coordination15"].startswith("United Nations, Department of Economic and Social Affairs, Population Division 2017")
    assert labels["worldbank2017rpw21"] == "World Bank 2017"
    assert len(set(labels.values())) == len(labels)


def test_the_plain_text_backend_is_found_without_reading_package_metadata(monkeypatch):
    """sphinxcontrib-bibtex asks pybtex for this backend once per {cite}:
    after the extension's setup, pybtex finds it without scanning entry points."""
    import pybtex.plugin
    from pybtex.backends.plaintext import Backend

    from companion.book import references

    references.setup(app=None)

    def no_scanning(**_):
        raise AssertionError("pybtex scanned the installed packages' entry points")

    monkeypatch.setattr(pybtex.plugin, "entry_points", no_scanning)
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is Backend
