"""Sphinx extension: serve each chart as its own image file instead of inside the page.

helpers.plots.figures.figure_html embeds a chart's SVG in the notebook output as a data: URI, so a
notebook is self-contained. In the HTML book that would make every chapter page carry all
its charts before the first paint. Before a page is written, this extension moves each
embedded SVG into ``_images/figure-<hash>.svg`` (named by its content, so equal charts give
equal files and rebuilds are deterministic) and points the <img> at it; the browser then
fetches charts lazily as the reader scrolls.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from sphinx.application import Sphinx

EMBEDDED_SVG = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')


def image_name(svg: bytes) -> str:
    """The file name for a chart: 'figure-' and the first 16 hex digits of its SHA-256."""
    return f"figure-{hashlib.sha256(svg).hexdigest()[:16]}.svg"


def move_embedded_svgs(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body") or ""
    if "data:image/svg+xml;base64," not in body:
        return
    folder = Path(app.outdir) / "_images"
    # Relative to the file this page is written to. (Not pathto: the one-page builder writes the
    # root document, chapters/index, to chapters/index.html but resolves resources from the root.)
    page_folder = Path(app.builder.get_outfilename(pagename)).parent

    def to_file(match: re.Match) -> str:
        svg = base64.b64decode(match.group(1))
        name = image_name(svg)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        if not target.exists():
            target.write_bytes(svg)
        return f'src="{Path(os.path.relpath(target, page_folder)).as_posix()}"'

    context["body"] = EMBEDDED_SVG.sub(to_file, body)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", move_embedded_svgs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
