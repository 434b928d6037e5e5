"""Citations: every author-year label in the book names exactly one source."""

from __future__ import annotations

import re
from collections import defaultdict

import citation_labels

from conftest import REPO

CITATION = re.compile(r'class="reference internal" href="[^"]*bibliography\.html#(id\d+)" title="[^"]*">([^<]+)</a>')


def test_author_label_follows_the_citation_style():
    assert citation_labels.author_label([("NATO",)]) == ("NATO",)
    assert citation_labels.author_label([("Savranskaya",), ("Blanton",)]) == ("Savranskaya", "Blanton")
    assert citation_labels.author_label([("A",), ("B",), ("C",)]) == ("A", "et al.")
    assert citation_labels.author_label([("A",), ("B",), ("C",)]) == citation_labels.author_label(
        [("A",), ("D",), ("E",)]
    )


def test_year_suffixes_are_given_in_date_order_only_where_labels_collide():
    works = {
        "madrid": (("NATO",), "2022", "2022-06-29 Madrid Summit Declaration"),
        "applications": (("NATO",), "2022", "2022-05-18 Finland and Sweden submit applications"),
        "concept": (("NATO",), "2022", "2022-06-29 Strategic Concept"),
        "alone": (("NATO",), "2021", "2021-06-14 Brussels"),
        "other-author": (("TASS",), "2022", "2022-01-01 A report"),
        "undated-1": (("Kremlin",), "n.d.", " B"),
        "undated-2": (("Kremlin",), "n.d.", " A"),
    }
    assert citation_labels.year_suffixes(works) == {
        "applications": "2022a",
        "madrid": "2022b",
        "concept": "2022c",
        "alone": "2021",
        "other-author": "2022",
        "undated-2": "n.d.-a",
        "undated-1": "n.d.-b",
    }


def test_year_suffixes_go_on_past_z():
    works = {f"w{n:02d}": (("NATO",), "2024", f"2024-01-{n:02d}") for n in range(1, 29)}
    years = citation_labels.year_suffixes(works)
    assert years["w26"] == "2024z" and years["w27"] == "2024aa" and len(set(years.values())) == 28


def test_every_citation_label_in_the_book_names_one_source(built_book):
    targets = defaultdict(set)
    pages = [*built_book.glob("*.html"), *built_book.glob("chapters/*.html")]
    for page in pages:
        for target, label in CITATION.findall(page.read_text(encoding="utf-8")):
            targets[label.strip()].add(target)
    assert len(targets) > 100, "the book's citations were not found; has the markup changed?"
    shared = {label: sorted(ids) for label, ids in targets.items() if len(ids) > 1}
    assert not shared, f"citation labels that point at more than one source: {shared}"
    assert any(re.search(r", \d{4}[a-z]$", label) for label in targets), (
        "no same-author, same-year works were told apart"
    )


def test_the_build_leaves_the_bibliography_file_as_it_was(built_book):
    assert (built_book.parents[1] / "references.bib").read_bytes() == (REPO / "references.bib").read_bytes()


BIB_OF_EACH_TYPE = r"""
@online{web, author = {{NATO}}, title = {{Finland joins NATO}}, howpublished = {NATO (news release)},
  year = {2023}, date = {2023-04-04}, url = {https://www.nato.int/cps/en/natohq/news_213448.htm}}
@article{journal, author = {Trachtenberg, Marc}, title = {The Assurances}, journal = {International Security},
  volume = {45}, number = {3}, pages = {162--203}, year = {2021}}
@article{paper, author = {Kennan, George F.}, title = {A Fateful Error}, journal = {The New York Times},
  entrysubtype = {newspaper}, volume = {1}, year = {1997}, date = {1997-02-05}, note = {Page not confirmed.}}
@book{book, author = {Sarotte, M. E.}, title = {Not One Inch}, publisher = {Yale University Press},
  address = {New Haven}, year = {2021}}
@report{report, author = {Savranskaya, Svetlana and Blanton, Tom}, title = {What Yeltsin Heard},
  institution = {National Security Archive}, type = {Briefing book}, number = {621}, year = {2018}}
@incollection{part, author = {Baker, James}, title = {Letter to Kohl}, booktitle = {Masterpieces of History},
  publisher = {CEU Press}, year = {2010}}
@dataset{data, author = {{Natural Earth}}, title = {Admin 0}, howpublished = {Natural Earth}, year = {2019},
  note = {URL not confirmed.}}
@misc{other, author = {{G{\"o}tz}}, title = {A Cable}, howpublished = {US Embassy Moscow}, year = {2008}}
"""


def test_the_bibliography_style_writes_author_year_title_where_url_for_each_type():
    from bibliography_style import AuthorDateStyle
    from pybtex.database import parse_string

    entries = parse_string(BIB_OF_EACH_TYPE, "bibtex").entries
    style = AuthorDateStyle()
    text = {key: style.format_entry("", entry).text.render_as("text") for key, entry in entries.items()}
    assert text == {
        "web": "NATO (2023). Finland joins NATO. NATO (news release). https://www.nato.int/cps/en/natohq/news_213448.htm.",
        "journal": "Trachtenberg, Marc (2021). The Assurances. International Security, 45(3), 162–203.",
        "paper": "Kennan, George F. (1997). A Fateful Error. The New York Times. Page not confirmed.",
        "book": "Sarotte, M. E. (2021). Not One Inch. New Haven: Yale University Press.",
        "report": "Savranskaya, Svetlana and Blanton, Tom (2018). What Yeltsin Heard. Briefing book 621. National Security Archive.",
        "part": "Baker, James (2010). Letter to Kohl. In Masterpieces of History. CEU Press.",
        "data": "Natural Earth (2019). Admin 0. Natural Earth. URL not confirmed.",
        "other": "Götz (2008). A Cable. US Embassy Moscow.",
    }
    html = style.format_entry("", entries["web"]).text.render_as("html")
    assert (
        '<a href="https://www.nato.int/cps/en/natohq/news_213448.htm">' in html
        and "Finland joins NATO</span></em>" in html
    )


def test_the_bibliography_is_sorted_by_author_then_year_letter():
    from bibliography_style import AuthorDateStyle
    from pybtex.database import parse_string

    bib = (
        "@online{b, author = {{NATO}}, title = {B}, year = {2024b}, url = {x}}\n"
        "@online{a, author = {{NATO}}, title = {Z}, year = {2024a}, url = {x}}\n"
        '@online{g, author = {G{\\"o}tz, Elias}, title = {G}, year = {2022}, url = {x}}\n'
        "@online{old, author = {{NATO}}, title = {Old}, year = {1999}, url = {x}}\n"
        "@online{z, author = {Zubok, V.}, title = {A}, year = {1990}, url = {x}}\n"
        "@online{und, author = {{NATO}}, title = {Undated}, year = {n.d.}, url = {x}}\n"
    )
    entries = parse_string(bib, "bibtex").entries.values()
    assert [e.key for e in AuthorDateStyle().sort(entries)] == ["g", "old", "a", "b", "und", "z"]


def test_the_bibliography_style_formats_an_entry_once_for_the_list_and_its_tooltip():
    from bibliography_style import AuthorDateStyle
    from pybtex.database import parse_string

    entries = parse_string(BIB_OF_EACH_TYPE, "bibtex").entries
    style = AuthorDateStyle()
    first = style.format_entry("", entries["web"])
    assert style.format_entry("", entries["web"]) is first
    assert style.format_entry("", entries["book"]).text.render_as("text").startswith("Sarotte, M. E. (2021)")
    again = style.format_entry("", entries["web"])
    assert again is not first and again.text.render_as("text") == first.text.render_as("text")
    assert style.format_entry("1", entries["web"]).label == "1"


def test_the_bibliography_needs_no_entry_point_lookup(monkeypatch):
    import bibliography_style
    import pybtex.plugin

    bibliography_style.setup(None)
    bibliography_style._plain.cache_clear()

    def no_lookup(**_selection):
        raise AssertionError("a pybtex plugin was looked up among the installed distributions' entry points")

    monkeypatch.setattr(pybtex.plugin, "entry_points", no_lookup)
    assert bibliography_style._plain('G{\\"o}tz') == "gotz"
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is bibliography_style.PlainText
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "author_date") is bibliography_style.AuthorDateStyle
