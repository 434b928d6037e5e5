"""Sphinx extension: the ``answer`` marker of the seminar kit.

What a student must not see before the session's reveal, or in the student edition of the book
(a verdict, a final code, the key to an activity), is marked in the sources:

* a code cell by the tag ``answer`` (myst-nb gives its cell the class ``tag_answer``);
* Markdown by a MyST div with the class ``answer``::

      :::{div} answer
      ...
      :::

The web book shows everything, unchanged in appearance: the marker is only a class. The
``div`` directive is sphinx-design's when that extension is loaded; the book does not load it
(see ``_config.yml``), so this extension registers a plain one: a container with the given
classes and no style of its own. ``make pdf`` (``scripts/pdf.py``) removes every marked element
from the student edition, and ``make slides`` keeps marked figures off the slides before the
reveal.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx

ANSWER_CLASSES = frozenset({"answer", "tag_answer"})


class Div(Directive):
    """``:::{div} class another-class``: the content in a container with those classes."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"name": directives.unchanged}
    has_content = True

    def run(self):
        try:
            classes = directives.class_option(self.arguments[0]) if self.arguments else []
        except ValueError:
            raise self.error(f'Invalid class attribute value for "div": "{self.arguments[0]}".') from None
        node = nodes.container("\n".join(self.content), classes=classes)
        self.add_name(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def is_answer(node) -> bool:
    """True for an element carrying the ``answer`` marker (a div or a tagged code cell)."""
    return isinstance(node, nodes.Element) and bool(ANSWER_CLASSES & set(node.get("classes", [])))


def setup(app: Sphinx) -> dict:
    if "div" not in directives._directives:  # sphinx-design's, when a chapter loads it, wins
        app.add_directive("div", Div)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
