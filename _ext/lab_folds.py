"""Sphinx extension: remove in the book the folds that keep solutions closed in JupyterLab.

A solution in the book is already one drop-down (sphinx-exercise). Inside it, the chapters carry
two folds meant for JupyterLab alone (see ``helpers.solutions``): the solution's words in an
admonition with the class ``lab-fold``, and the HTML of a solution cell's output wrapped in a
``<details class="lab-fold">`` element. This extension keeps what they hold and drops the folds,
so the reader opens a solution once. The notebooks offered for download keep them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from helpers.solutions import LAB_FOLD_CLASS, unfold_html


def unfold(doctree) -> int:
    """Replace each ``lab-fold`` admonition in `doctree` by its content (its title dropped) and
    strip the fold from each wrapped HTML output; returns how many folds were removed."""
    removed = 0
    for admonition in list(doctree.findall(nodes.Admonition)):
        if LAB_FOLD_CLASS in admonition.get("classes", []):
            body = [child for child in admonition.children if not isinstance(child, nodes.title)]
            admonition["classes"] = []  # replace_self passes the node's classes on to the first child
            admonition.replace_self(body)
            removed += 1
    for raw in list(doctree.findall(nodes.raw)):
        if raw.get("format") == "html":
            text = raw.astext()
            unfolded = unfold_html(text)
            if unfolded != text:
                raw.replace_self(nodes.raw("", unfolded, format="html", classes=raw.get("classes", [])))
                removed += 1
    return removed


def _unfold(app: Sphinx, doctree) -> None:
    unfold(doctree)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _unfold)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
