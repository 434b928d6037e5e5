"""Exercise solutions that stay folded in JupyterLab until a student opens them.

In the web book each solution is a drop-down (sphinx-exercise's gated ``solution-start`` and
``solution-end``), closed until a reader clicks it. JupyterLab shows the cells between those two
markers as ordinary cells, and shows a cell's output again every time the cell runs, so after
"Run all" a solution would stand open. Two folds keep it closed there, and the book removes both,
since its own drop-down already folds the whole solution:

* the solution's words are in a MyST admonition with the classes ``dropdown`` and ``lab-fold``,
  which jupyterlab-myst draws closed (the book's ``lab_folds`` extension keeps the content and
  drops the admonition);
* the output of a solution's code cell, a cell whose first line is ``# Solution``, is wrapped by
  :func:`fold_solution_outputs` in an HTML ``<details>`` element that JupyterLab draws closed.
  The wrapper is an extra ``text/html`` version of each output; the book keeps the original, a
  Markdown output by its MIME priority (``nb_mime_priority_overrides`` in ``_config.yml``) and an
  HTML one by :func:`unfold_html`.
"""

from __future__ import annotations

import base64
import html
import re

LAB_FOLD_CLASS = "lab-fold"
MARKER = "# Solution"
SUMMARY = "▸ Show the solution's output"
# JupyterLab's styles hide a summary's disclosure triangle; this brings it back
_SUMMARY_TAG = '<summary style="display: list-item; cursor: pointer">'
_WRAPPED = re.compile(
    rf'\A\s*<details class="{LAB_FOLD_CLASS}"><summary[^>]*>[^<]*</summary>\n(?P<inner>.*)\n</details>\s*\Z', re.S
)


def _as_html(data: dict) -> str:
    """An HTML rendering of a display's MIME bundle, richest form first."""
    if "text/html" in data:
        return data["text/html"]
    if "text/markdown" in data:
        from markdown_it import MarkdownIt

        return MarkdownIt("commonmark").enable("table").render(data["text/markdown"])
    if "image/svg+xml" in data:
        return data["image/svg+xml"]
    for kind in ("image/png", "image/jpeg"):
        if kind in data:
            encoded = data[kind] if isinstance(data[kind], str) else base64.b64encode(data[kind]).decode()
            return f'<img src="data:{kind};base64,{encoded.strip()}" alt="">'
    return f"<pre>{html.escape(str(data.get('text/plain', '')))}</pre>"


def folded_bundle(data: dict) -> dict:
    """`data`, the MIME bundle of one output, with its ``text/html`` form folded in a
    ``<details>`` element; every other form is kept as it was.

    >>> folded_bundle({"text/markdown": "**4**"})["text/html"].startswith('<details class="lab-fold">')
    True
    """
    inner = _as_html(data)
    return {
        **data,
        "text/html": f'<details class="{LAB_FOLD_CLASS}">{_SUMMARY_TAG}{SUMMARY}</summary>\n{inner}\n</details>',
    }


def unfold_html(text: str) -> str:
    """`text` without the wrapper :func:`folded_bundle` puts round an output's HTML; any other
    HTML is returned unchanged.

    >>> unfold_html(folded_bundle({"text/html": "<p>x</p>"})["text/html"])
    '<p>x</p>'
    """
    match = _WRAPPED.match(text)
    return match["inner"] if match else text


def is_solution_cell(source: str) -> bool:
    """True for the code of a solution cell: its first line is the comment ``# Solution``."""
    lines = source.lstrip().splitlines()
    return bool(lines) and lines[0].strip() == MARKER


class _SolutionFolder:
    """IPython hooks: while a solution cell runs, its displays are held back; when it ends,
    each is published again with its folded HTML form."""

    def __init__(self, shell):
        self.shell = shell
        self.held = None  # the shell's own display publisher while a solution cell runs

    def pre_run_cell(self, info) -> None:
        if is_solution_cell(getattr(info, "raw_cell", "") or ""):
            from IPython.core.displaypub import CapturingDisplayPublisher

            self.held, self.shell.display_pub = self.shell.display_pub, CapturingDisplayPublisher()

    def post_run_cell(self, result) -> None:
        if self.held is None:
            return
        captured, self.shell.display_pub, self.held = self.shell.display_pub, self.held, None
        for output in captured.outputs:
            self.shell.display_pub.publish(folded_bundle(output["data"]), metadata=output["metadata"])


def fold_solution_outputs(shell=None) -> None:
    """From now on in this kernel, fold the output of every solution cell (first line
    ``# Solution``) so that JupyterLab shows it closed until clicked. Calling it again does
    nothing more; outside IPython it does nothing."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None or getattr(shell, "_book_solution_folder", None) is not None:
        return
    folder = _SolutionFolder(shell)
    shell._book_solution_folder = folder
    shell.events.register("pre_run_cell", folder.pre_run_cell)
    shell.events.register("post_run_cell", folder.post_run_cell)
