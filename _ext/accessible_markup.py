"""Sphinx extension: ARIA mends to markup that Sphinx, docutils and myst-nb write, where they write it.

Each mend wraps the HTML translator's own handler for one kind of node, lets it write its tags,
and corrects the attribute an accessibility audit (axe-core, Lighthouse) finds wrong:

* a toctree's caption (the sidebar's part titles) carries ``role="heading"`` without the
  ``aria-level`` that role requires (Sphinx);
* a bibliography entry carries the deprecated ``role="doc-biblioentry"`` inside a
  ``role="list"``, which must hold list items (docutils);
* the toggle of a hidden code cell ("Show code cell source") is a ``<summary>`` whose
  ``aria-label``, "Toggle hidden content", replaces its visible words, so a reader who says
  what they see to a voice control program cannot reach it (myst-nb; WCAG 2.5.3, axe:
  label-content-name-mismatch). Without the label its name is the visible text.
"""

from __future__ import annotations

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx.application import Sphinx

MENDS = {
    "title": ('role="heading">', 'role="heading" aria-level="2">'),
    "citation": ('role="doc-biblioentry"', 'role="listitem"'),
    "cell_toggle": ('<summary aria-label="Toggle hidden content">', "<summary>"),
}


def _mend(translator, start: int, kind: str) -> None:
    """Apply one mend to what the translator wrote from index `start` of its body on."""
    old, new = MENDS[kind]
    for i in range(start, len(translator.body)):
        translator.body[i] = translator.body[i].replace(old, new)


def visit_title(self, node: nodes.title) -> None:
    start = len(self.body)
    type(self).visit_title(self, node)
    _mend(self, start, "title")


def visit_citation(self, node: nodes.citation) -> None:
    start = len(self.body)
    type(self).visit_citation(self, node)
    _mend(self, start, "citation")


def visit_cell_toggle(self, node: HideCodeCellNode) -> None:
    start = len(self.body)
    visit_HideCellInput(self, node)
    _mend(self, start, "cell_toggle")


def _departure(name: str):
    def depart(self, node) -> None:
        getattr(type(self), f"depart_{name}")(self, node)

    return depart


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")  # its handlers for HideCodeCellNode first, then these
    app.add_node(nodes.title, override=True, html=(visit_title, _departure("title")))
    app.add_node(nodes.citation, override=True, html=(visit_citation, _departure("citation")))
    app.add_node(HideCodeCellNode, override=True, html=(visit_cell_toggle, depart_HideCellInput))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
