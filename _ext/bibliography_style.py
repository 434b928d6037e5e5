"""Sphinx extension: the bibliography as an author-date list.

A pybtex formatting style, registered as ``author_date`` with ``pybtex.plugin.register_plugin``
(the way sphinxcontrib-bibtex documents for a style of one's own) and chosen by
``bibtex_default_style`` in _config.yml. Each entry reads

    Author (Year). Title. Journal, site, publisher or institution. URL. Note.

with a template for each entry type the book uses (``helpers.checks.ENTRY_TYPES``: pybtex's own
styles know no ``@online``, ``@report`` or ``@dataset``). Entries are sorted by the author as the
citation shows it, then by year, then by title, so that "NATO (2024a)" comes before
"NATO (2024b)": the letters are those that ``citation_labels`` gives, in date order.

sphinxcontrib-bibtex formats and sorts the whole bibliography (797 entries) on every build, a
rebuild with no change included, so the style keeps that work small: each entry is formatted
once for the list and its tooltips, the sort keys are rendered with one plain-text backend, and
the plain-text backend is registered by name so that no lookup reads the entry points of every
installed distribution.
"""

from __future__ import annotations

import functools
import unicodedata

import pybtex.plugin
from citation_labels import author_label
from pybtex.backends.plaintext import Backend as PlainText
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.formatting.unsrt import dashify
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, first_of, href, join, names, optional, sentence, tag
from sphinx.application import Sphinx

STYLE_NAME = "author_date"

# One plain-text backend for every sort key. Text.render_as("text") would look the backend up by
# name on each call, and pybtex does that by reading the entry points of every installed
# distribution (14 ms a call on a 2-core machine, against 0.07 ms with this one backend), and
# sorting the bibliography makes some 3,200 calls on every build, a no-change rebuild included.
PLAIN_TEXT = PlainText()


@functools.cache  # names and years recur: 1,393 distinct strings among 3,246 sort-key parts
def _plain(latex: str) -> str:
    """BibTeX text as plain text without accents or case, for sorting: "G{\\"o}tz" -> "gotz"."""
    text = Text.from_latex(latex).render(PLAIN_TEXT)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


class AuthorDateSorting(BaseSortingStyle):
    """Author (as the citation label has it, then every name), year, title."""

    def sorting_key(self, entry):
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        title = _plain(entry.fields.get("title", ""))
        if persons:
            label = author_label([tuple(_plain(x) for x in (*p.prelast_names, *p.last_names)) for p in persons])
        else:
            label = (title,)
        return (label, _plain(entry.fields.get("year", "")), [_plain(str(p)) for p in persons], title)


url = optional[sentence[href(field("url", raw=True))[field("url", raw=True)]]]
note = optional[sentence[field("note")]]
italic_title = sentence[tag("em")[field("title")]]
plain_title = sentence[field("title")]
site = optional[sentence[first_of[field("howpublished"), field("organization"), field("publisher")]]]


class AuthorDateStyle(BaseStyle):
    """Author (Year). Title. Where. URL. Note. One template per entry type of the book."""

    default_name_style = "lastfirst"
    default_label_style = "number"  # unused: the bibliography is a list, the citations author-year
    default_sorting_style = "none"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sort = AuthorDateSorting().sort
        self._last = None

    def format_entry(self, label, entry, bib_data=None):
        """The entry formatted; asked again for the same entry, the same result.

        sphinxcontrib-bibtex formats every entry twice on every build, for the bibliography and
        for the citations' tooltips, one call after the other and with this same style object
        (``bibtex_tooltips_style`` is unset): the second call returns what the first made.
        """
        last = self._last
        if last is not None and last[0] == label and last[1] is entry and last[2] is bib_data:
            return last[3]
        formatted = super().format_entry(label, entry, bib_data)
        self._last = (label, entry, bib_data, formatted)
        return formatted

    def author_year(self):
        authors = first_of[
            optional[names("author", sep="; ", sep2=" and ", last_sep="; and ")],
            optional[names("editor", sep="; ", sep2=" and ", last_sep="; and ")],
            field("organization"),
            field("institution"),
            field("howpublished"),
        ]
        return sentence(add_period=True)[join[authors, " (", field("year"), ")"]]

    def get_article_template(self, e):
        if e.fields.get("entrysubtype", "").lower() == "newspaper":
            where = sentence[tag("em")[field("journal")]]
        else:
            issue = join[field("volume"), optional["(", field("number"), ")"]]
            where = sentence(sep=", ")[
                tag("em")[field("journal")], optional[issue], optional[field("pages", apply_func=dashify)]
            ]
        return toplevel[self.author_year(), plain_title, where, url, note]

    def get_book_template(self, e):
        publisher = sentence(sep=": ")[optional[field("address")], field("publisher")]
        return toplevel[self.author_year(), italic_title, optional[sentence[field("series")]], publisher, url, note]

    def get_incollection_template(self, e):
        book = sentence(sep=" ")["In", tag("em")[field("booktitle")]]
        publisher = sentence(sep=": ")[optional[field("address")], field("publisher")]
        return toplevel[self.author_year(), plain_title, book, optional[sentence[field("pages")]], publisher, url, note]

    get_inbook_template = get_incollection_template

    def get_report_template(self, e):
        kind = sentence(sep=" ")[field("type"), optional[field("number")]]
        return toplevel[self.author_year(), italic_title, kind, sentence[field("institution")], url, note]

    def get_online_template(self, e):
        return toplevel[self.author_year(), italic_title, site, url, note]

    get_dataset_template = get_online_template
    get_misc_template = get_online_template


def setup(app: Sphinx) -> dict:
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorDateStyle)
    # sphinxcontrib-bibtex looks up the plain-text backend by name for every citation it resolves
    # (the tooltip's text), 645 times in a full build. A plugin registered at run time is found in
    # a dictionary; one known only as an entry point costs a read of every installed
    # distribution's entry points. The class is the one the entry point names.
    pybtex.plugin.register_plugin("pybtex.backends", "plaintext", PlainText, force=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
