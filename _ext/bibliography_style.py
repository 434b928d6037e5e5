"""Sphinx extension: the bibliography as an author-date list.

A pybtex formatting style, registered as ``author_date`` with ``pybtex.plugin.register_plugin``
(the way sphinxcontrib-bibtex documents for a style of one's own) and chosen by
``bibtex_default_style`` in _config.yml. Each entry reads

    Author (Year). Title. Journal, site, publisher or institution. URL. Note.

with a template for each entry type the book uses (``helpers.checks.ENTRY_TYPES``: pybtex's own
styles know no ``@online``, ``@report`` or ``@dataset``). Entries are sorted by the author as the
citation shows it, then by year, then by title, so that "NATO (2024a)" comes before
"NATO (2024b)": the letters are those that ``citation_labels`` gives, in date order.
"""

from __future__ import annotations

import unicodedata

import pybtex.plugin
from citation_labels import author_label
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.formatting.unsrt import dashify
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, first_of, href, join, names, optional, sentence, tag
from sphinx.application import Sphinx

STYLE_NAME = "author_date"


def _plain(latex: str) -> str:
    """BibTeX text as plain text without accents or case, for sorting: "G{\\"o}tz" -> "gotz"."""
    text = Text.from_latex(latex).render_as("text")
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
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
