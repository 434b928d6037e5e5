"""The markup of every built page: a description for search engines, and the ARIA mends that
_ext/accessible_markup.py and _templates/page.html make to what Sphinx, docutils, myst-nb and
Furo write (the browser tests audit the same pages with axe-core)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from bookscripts.local_server import html_pages


class _Tags(HTMLParser):
    """The start tags of a page, as (tag, attributes) pairs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


@pytest.fixture(scope="module")
def pages(built_book):
    return {rel: tags(built_book / rel) for rel in html_pages(built_book)}


def is_redirect(found) -> bool:
    return any(t == "meta" and (a.get("http-equiv") or "").lower() == "refresh" for t, a in found)


def test_every_page_has_one_description_of_its_own_words(pages, built_book):
    for rel, found in pages.items():
        descriptions = [a.get("content") or "" for t, a in found if t == "meta" and a.get("name") == "description"]
        assert len(descriptions) == 1 and len(descriptions[0].strip()) >= 40, f"{rel}: {descriptions}"
    chapter = dict(pages)["chapters/context.html"]
    text = next(a["content"] for t, a in chapter if t == "meta" and a.get("name") == "description")
    assert text.startswith("Vladimir Putin has talked about NATO"), text  # the page's first lines
    bibliography = next(a["content"] for t, a in pages["chapters/bibliography.html"] if a.get("name") == "description")
    assert bibliography.startswith("Every source the book") and "Aytekin" not in bibliography


def test_toctree_captions_have_a_heading_level_and_citations_are_list_items(pages):
    for rel, found in pages.items():
        if is_redirect(found):
            continue
        headings = [a for _t, a in found if a.get("role") == "heading"]
        assert headings and all(a.get("aria-level") for a in headings), rel
        assert not [a for _t, a in found if a.get("role") == "doc-biblioentry"], rel
    entries = [a for t, a in pages["chapters/bibliography.html"] if "citation" in (a.get("class") or "").split()]
    assert entries and all(a.get("role") == "listitem" for a in entries)


def test_both_drawers_are_named_apart(pages):
    for rel, found in pages.items():
        if is_redirect(found):
            continue
        asides = {(a.get("class") or "").split()[0]: a.get("aria-label") for t, a in found if t == "aside"}
        assert asides == {"sidebar-drawer": "Site navigation", "toc-drawer": "Contents of this page"}, rel


def test_hidden_cell_toggles_are_named_by_their_visible_words(built_book):
    """myst-nb labels each toggle "Toggle hidden content", hiding the words a reader sees
    ("Show code cell source"); without that label, the visible words are its name."""
    toggles = 0
    for rel in html_pages(built_book):
        html = (built_book / rel).read_text(encoding="utf-8")
        for summary in re.findall(r"<summary\b[^>]*>.*?</summary>", html, flags=re.S):
            if "admonition-title" not in summary:
                continue
            toggles += 1
            assert "aria-label" not in summary.split(">", 1)[0], f"{rel}: {summary[:120]}"
            assert "Show code cell" in summary, f"{rel}: {summary[:120]}"
    assert toggles >= 9, f"only {toggles} hidden-cell toggles found; the book hides the code of many cells"
