"""Sphinx extension: author-year citations that name one source each.

sphinxcontrib-bibtex labels a citation "author, year" and adds no letter when one author has
several works in a year, so three NATO texts of 2024 would all read "NATO, 2024". This
extension gives such works the usual suffixes, in date order within the year: "NATO, 2024a",
"NATO, 2024b", ... in the text and in the bibliography alike. Only the parsed copy of
references.bib is changed, never the file.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict

from sphinx.application import Sphinx

BASE_YEAR = re.compile(r"(\d{4}|n\.d\.)")


def author_label(persons: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The author part of a label, as sphinxcontrib-bibtex writes it: one or two names in full,
    three or more as the first name and "et al."."""
    names = tuple(" ".join(parts) for parts in persons)
    return names if len(names) <= 2 else (names[0], "et al.")


def year_suffixes(works: dict[str, tuple[tuple[str, ...], str, str]]) -> dict[str, str]:
    """The year each work should show: {key: (author label, base year, sort key)} in, {key: year} out.

    Works that share an author label and a year get "a", "b", ... in the order of their sort
    key (the date, then the title); "n.d." gets "n.d.-a"; every other year is left as it is.
    """
    groups: dict[tuple, list[str]] = defaultdict(list)
    for key, (author, year, _) in works.items():
        groups[(author, year)].append(key)
    years = {}
    for (_, year), keys in groups.items():
        if len(keys) == 1:
            years[keys[0]] = year
            continue
        ordered = sorted(keys, key=lambda k: (works[k][2], k))
        for letter, key in zip(_letters(), ordered):
            years[key] = f"{year}-{letter}" if year == "n.d." else f"{year}{letter}"
    return years


def _letters():
    """a ... z, then aa, ab, ..."""
    yield from string.ascii_lowercase
    for first in string.ascii_lowercase:
        for second in string.ascii_lowercase:
            yield first + second


def _strip(text: str) -> str:
    return text.replace("{", "").replace("}", "").strip()


def disambiguate(app: Sphinx) -> None:
    domain = app.env.get_domain("cite")
    entries = domain.bibdata.data.entries
    works = {}
    for key, entry in entries.items():
        match = BASE_YEAR.match(_strip(entry.fields.get("year", "")))
        if not match:
            continue
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        if persons:
            author = author_label(
                [tuple(_strip(part) for part in (*person.prelast_names, *person.last_names)) for person in persons]
            )
        else:
            author = (_strip(entry.fields.get("title", key)),)
        sort_key = _strip(entry.fields.get("date", "")) + " " + _strip(entry.fields.get("title", ""))
        works[key] = (author, match.group(1), sort_key)
    for key, year in year_suffixes(works).items():
        entries[key].fields["year"] = year  # idempotent: computed from the base year each build


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("builder-inited", disambiguate, priority=900)  # after sphinxcontrib-bibtex parses
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
