"""What keeps pages light: myst-nb's stylesheet without its ANSI colours where no page output
needs them, and the benchmark's server compressing text as static hosts do."""

from __future__ import annotations

import gzip
import re
import urllib.request

import trim_assets

from bookscripts.local_server import serve

CSS = """/* a comment */
div.cell { margin: 0; }
div.highlight .-Color-Bold { font-weight: bold; }
div.highlight .-Color[class*=-Red] { color: #e75c58; }
.output, div.highlight .-Color-Faint { opacity: 1; }
@media (prefers-color-scheme: dark) {
  html { --mystnb-source-bg-color: #232629; }
  div.highlight .-Color-Bold { font-weight: bold; }
}
@media print { div.highlight .-Color-Red { color: red; } }
@keyframes fade { 0% { opacity: 0; } 100% { opacity: 1; } }
"""


def test_without_ansi_rules_drops_colour_only_rules_and_keeps_everything_else():
    lean = trim_assets.without_ansi_rules(CSS)
    assert "-Color-Bold" not in lean and "#e75c58" not in lean and "comment" not in lean
    assert "div.cell { margin: 0; }" in lean
    assert ".output, div.highlight .-Color-Faint" in lean  # a rule that also styles something else stays
    assert "--mystnb-source-bg-color" in lean  # inside @media, the other rules stay
    assert "@media print" not in lean  # an at-rule left empty goes
    assert "@keyframes fade" in lean and "100% { opacity: 1; }" in lean


def test_css_blocks_follow_nesting():
    blocks = trim_assets.css_blocks("a { x: 1 } @media print { b { y: 2 } c { z: 3 } } d{}")
    assert [prelude for prelude, _ in blocks] == ["a", "@media print", "d"]
    assert "c { z: 3 }" in blocks[1][1]


def test_built_pages_use_the_lean_stylesheet_and_it_has_every_other_rule(built_book):
    static = built_book / "_static"
    full = next(static.glob("mystnb.*.css"))
    lean = static / full.name.replace("mystnb.", "mystnb-lean.")
    assert lean.exists() and lean.stat().st_size < full.stat().st_size / 3
    assert lean.read_text(encoding="utf-8") == trim_assets.without_ansi_rules(full.read_text(encoding="utf-8"))
    for page in [*built_book.glob("chapters/*.html")]:
        text = page.read_text(encoding="utf-8")
        uses_ansi = re.search(r'class="[^"]*-Color', text)
        assert (full.name in text) == bool(uses_ansi) and (lean.name in text) != bool(uses_ansi), page.name


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
