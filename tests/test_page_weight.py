"""What keeps pages light: no page loads anything for an extension the book does not use, and
the benchmark's server compresses text as static hosts do."""

from __future__ import annotations

import gzip
import re
import urllib.request

import yaml
from jupyter_book.config import get_default_sphinx_config

from bookscripts.bookcopy import REPO
from bookscripts.local_server import html_pages, serve

UNUSED = {"sphinx_thebe", "sphinx_book_theme", "sphinx_design"}


def test_the_extension_list_is_jupyter_books_less_the_unused_ones_plus_the_books_own():
    sphinx = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["sphinx"]
    listed = sphinx["config"]["extensions"]
    assert len(listed) == len(set(listed)), listed
    default = set(get_default_sphinx_config()["extensions"])
    assert default - set(listed) == UNUSED, "the list in _config.yml replaces Jupyter Book's: keep it in step"
    assert set(sphinx["local_extensions"]) <= set(listed), "a local extension must also be named in `extensions`"
    assert {"sphinx_exercise", "sphinxcontrib.bibtex", "sphinxext.opengraph"} <= set(listed)


def test_pages_load_nothing_for_unused_extensions_and_one_viewport(built_book):
    unused = ("thebe", "sphinx-book-theme", "sphinx-design", "design-tabs", "sphinx_design")
    for rel in html_pages(built_book):
        text = (built_book / rel).read_text(encoding="utf-8")
        assert not [name for name in unused if name in text], rel
        assert len(re.findall(r'<meta name="viewport"', text)) == 1, rel
    assert not (built_book / "_static" / "sphinx-thebe.js").exists()


def test_the_compressing_server_sends_the_same_bytes_gzipped(built_book):
    page = built_book / "chapters" / "context.html"
    with serve(built_book, compress=True) as base:
        request = urllib.request.Request(base + "chapters/context.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = response.read()
        assert gzip.decompress(body) == page.read_bytes() and len(body) < page.stat().st_size / 3
        with urllib.request.urlopen(base + "chapters/context.html") as plain:  # a client that does not ask for gzip
            assert plain.headers.get("Content-Encoding") is None and plain.read() == page.read_bytes()
        with urllib.request.urlopen(
            urllib.request.Request(base + "_static/favicon.svg", headers={"Accept-Encoding": "gzip"})
        ) as svg:
            assert gzip.decompress(svg.read()) == (built_book / "_static/favicon.svg").read_bytes()
