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
