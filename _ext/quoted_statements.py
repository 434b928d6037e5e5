"""Sphinx extension: every quotation of Putin written into the prose matches data/statements.csv.

Chapters quote a statement as plain text, so that the quotation reads the same in the built
book, in the Markdown file and in JupyterLab. Each quotation is marked with an HTML comment
naming its row, which no reader sees::

    <!-- quote st-2014-03-18-crimea-address -->“We are not opposed ...” (Address ..., 18 March 2014)

The marker must not start a line (Markdown would then read it as a block of HTML and set the
quotation apart from its paragraph). When a page is read, the text after each marker must be exactly what
:func:`helpers.quotes.quote` writes for that row (words, venue and date; line breaks in the
prose count as spaces). A mismatch, or a marker naming a row that is not a confirmed
statement, is reported as a warning naming the file, the line and the expected text; the
book's strict build turns it into an error, so an edit of the data cannot leave a quotation
on a page silently different from its row.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

MARKER = re.compile(r"<!--\s*quote\s+(?P<id>[a-z0-9][a-z0-9-]*)\s*-->")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_quotations(text: str, quotations: dict[str, str]) -> list[tuple[int, str]]:
    """(line, message) for every marked quotation in `text` that does not match its row.

    `quotations` maps a statement id to the text :func:`helpers.quotes.quote` gives for it.
    """
    problems = []
    for match in MARKER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        statement_id = match.group("id")
        if text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip() == "":
            problems.append(
                (
                    line,
                    f"the quotation of {statement_id} starts a line, so Markdown reads the marker as a block of HTML "
                    "and the quotation falls out of its paragraph; put it after the words that introduce it",
                )
            )
            continue
        expected = quotations.get(statement_id)
        if expected is None:
            problems.append((line, f"{statement_id!r} is not a confirmed statement in data/statements.csv"))
            continue
        following = _flat(text[match.end() : match.end() + 3 * len(expected) + 200])
        if not following.startswith(_flat(expected)):
            problems.append(
                (line, f"the quotation of {statement_id} does not match data/statements.csv; expected: {expected}")
            )
    return problems


def _quotations() -> dict[str, str]:
    from helpers.data import load_statements
    from helpers.quotes import quote

    statements = load_statements()
    return {statement_id: quote(statements, statement_id) for statement_id in statements["statement_id"]}


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not MARKER.search(source[0]):
        return
    if not hasattr(app.env, "_book_quotations"):
        app.env._book_quotations = _quotations()
    for line, message in check_quotations(source[0], app.env._book_quotations):
        logger.warning(message, location=(docname, line), type="book", subtype="quotation")


def _forget(app: Sphinx, env, docnames) -> None:
    if hasattr(env, "_book_quotations"):
        del env._book_quotations  # read the data afresh on every build


def setup(app: Sphinx) -> dict:
    app.connect("env-before-read-docs", _forget)
    app.connect("source-read", _on_source_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
