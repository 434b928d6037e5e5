"""Sphinx extension: every chapter offers itself as a Jupyter notebook to download (and to launch).

For each page whose source is a MyST Markdown notebook, the build writes the same chapter as
``_notebooks/<path>.ipynb`` (converted with jupytext, without outputs: a student runs it) and
puts a small bar at the top of the page with a download link. When ``html_context`` has
``book_repository_url`` (a public Git repository) and ``book_binder_url``, the bar also has a
"Launch" link that opens the chapter in JupyterLab on that BinderHub. Both are plain links: the
page itself needs neither to be reachable.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx

FOLDER = "_notebooks"


def _is_notebook(app: Sphinx, docname: str) -> bool:
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".md" or not path.exists():
        return False
    head = path.read_text(encoding="utf-8")[:800]
    return head.startswith("---") and "kernelspec:" in head


def add_download_bar(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or not _is_notebook(app, pagename):
        return
    target = context["pathto"](f"{FOLDER}/{pagename}.ipynb", 1)
    links = [
        f'<a href="{html.escape(target)}" download>Download this chapter as a notebook (.ipynb)</a>'
    ]
    repository = app.config.html_context.get("book_repository_url", "")
    binder = app.config.html_context.get("book_binder_url", "")
    if repository and binder:
        path = quote(str(Path(app.env.doc2path(pagename, base=False)).as_posix()))
        repo = repository.rstrip("/").removeprefix("https://github.com/")
        links.append(f'<a href="{html.escape(binder.rstrip("/"))}/v2/gh/{html.escape(repo)}/HEAD?urlpath=lab/tree/{path}">'
                     "Launch this chapter in JupyterLab (Binder)</a>")
    bar = ('<nav class="book-notebook-bar" aria-label="Run this chapter">'
           + " · ".join(links)
           + ' <span class="book-notebook-hint">(runs in a fresh kernel once the book\'s requirements are installed: '
             "<code>make lab</code>)</span></nav>")
    context["body"] = bar + context.get("body", "")


def write_notebooks(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import jupytext

    for docname in sorted(app.env.found_docs):
        if not _is_notebook(app, docname):
            continue
        notebook = jupytext.read(app.env.doc2path(docname))
        notebook.metadata.pop("jupytext", None)
        for number, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{number:03d}"  # stable ids: the same chapter gives the same file
        out = Path(app.outdir) / FOLDER / f"{docname}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, out, fmt="ipynb")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", add_download_bar)
    app.connect("build-finished", write_notebooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
