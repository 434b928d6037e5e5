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
classes and no style of its own. A code cell tagged ``answer-output`` marks its output alone: the
student still sees the code. With the setting ``remove_answers`` (which ``make pdf`` sets for
the student edition) every marked element is removed from the document tree, so its text is
not in the output, and replaced by a short note; ``make slides`` keeps marked figures and tables
off the slides before the reveal.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx

ANSWER_CLASSES = frozenset({"answer", "tag_answer"})
OUTPUT_ANSWER_CLASS = "tag_answer-output"  # a code cell whose output alone is the answer
LEFT_OUT_NOTE = "Left out of the student edition: an answer to one of the seminar's activities."


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
    """True for an element carrying the ``answer`` marker: a div, a code cell tagged ``answer``,
    or the output of a code cell tagged ``answer-output`` (whose code stays)."""
    if not isinstance(node, nodes.Element):
        return False
    if ANSWER_CLASSES & set(node.get("classes", [])):
        return True
    parent = node.parent
    return (
        "cell_output" in node.get("classes", [])
        and isinstance(parent, nodes.Element)
        and OUTPUT_ANSWER_CLASS in parent.get("classes", [])
    )


def remove_answers(doctree) -> int:
    """Remove every element with the ``answer`` marker from `doctree`, each run of adjacent ones
    replaced by one short note; returns how many were removed."""
    marked = list(doctree.findall(is_answer))
    outermost = [node for node in marked if not any(is_answer(parent) for parent in _ancestors(node))]
    for node in outermost:
        parent = node.parent
        index = parent.index(node)
        before = parent.children[index - 1] if index > 0 else None
        if isinstance(before, nodes.paragraph) and "book-print-left-out" in before.get("classes", []):
            parent.remove(node)
        else:
            note = nodes.paragraph("", "", nodes.emphasis(text=LEFT_OUT_NOTE), classes=["book-print-left-out"])
            parent.replace(node, note)
    return len(outermost)


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _remove_answers(app, doctree, docname) -> None:
    if app.config.remove_answers:
        remove_answers(doctree)


def setup(app: Sphinx) -> dict:
    if "div" not in directives._directives:  # sphinx-design's, when a chapter loads it, wins
        app.add_directive("div", Div)
    app.add_config_value("remove_answers", False, "env")  # set by make pdf for the student edition
    app.connect("doctree-resolved", _remove_answers)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
