"""The references page's labels: readable author-year ("World Bank 2017a"),
not pybtex's alpha labels ("[UnitedNationsDoEaSAffairsPDivision17a]").

A Sphinx extension (listed in _config.yml) that registers a pybtex
formatting style, ``companion`` (pybtex's ``unsrt`` with these labels), for
``bibtex_default_style``.
"""

from __future__ import annotations

import re
from collections import Counter
from string import ascii_lowercase

from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle


def author_label(entry) -> str:
    """The entry's authors for a label: a corporate author whole, a person's
    last name; "et al." after the first of more than two."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        return entry.fields.get("organization", entry.key)
    names = [re.sub(r"[{}]", "", " ".join(person.last_names) or str(person)) for person in people]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)


class AuthorYearLabels(BaseLabelStyle):
    """"Author Year", with a, b, ... where two entries would share a label."""

    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        plain = [f"{author_label(entry)} {entry.fields.get('year', 'n.d.')}" for entry in entries]
        counts = Counter(plain)
        used: Counter = Counter()
        for label in plain:
            if counts[label] > 1:
                yield label + ascii_lowercase[used[label]]
                used[label] += 1
            else:
                yield label


class CompanionStyle(UnsrtStyle):
    default_label_style = "companion-author-year"


def setup(app):
    register_plugin("pybtex.style.labels", "companion-author-year", AuthorYearLabels)
    register_plugin("pybtex.style.formatting", "companion", CompanionStyle)
    # sphinxcontrib-bibtex looks up pybtex's plain-text backend for every
    # {cite}; found among the entry points, each look-up reads the metadata
    # of every installed package (5 ms, half a second a build). Registered
    # here - the same class - it is found at once.
    register_plugin("pybtex.backends", "plaintext", PlaintextBackend, force=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
