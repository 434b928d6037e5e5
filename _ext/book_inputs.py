"""Sphinx extension: never serve a stale chapter from the execution cache.

jupyter-cache keys a notebook on its code cells alone, so on its own an edit to data/ or
src/helpers/ would leave every cached output (numbers, figures) as it was. This extension
fingerprints those inputs (file names and contents) and, when the fingerprint differs from
the one recorded beside the cache:

* empties the execution cache, so every notebook is executed afresh, and
* asks Sphinx to re-read every page, so the new outputs reach the HTML.

Every chapter reads data/ through src/helpers/, so every chapter depends on both.

An edit to the book's own Sphinx extensions (``_ext/``) or to its static files (``_static/``: the
style sheet and scripts) changes how pages are written but not what the chapters compute: it
re-reads and rewrites every page and keeps the execution cache. Sphinx alone would not notice a
changed style sheet: with no page out of date it stops before copying the static files, and each
page links the style sheet with a checksum of it, so every page has to be written again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

INPUTS = ("data", "src/helpers", "references.bib")
# How pages are written, not what the chapters compute: an edit rewrites the pages, keeps the cache.
PAGE_WRITERS = ("_ext", "_static")
STAMP = "book-inputs.sha256"


def fingerprint(root: Path, inputs: tuple[str, ...] = INPUTS) -> str:
    """SHA-256 over the relative path and bytes of every input file, in a stable order."""
    digest = hashlib.sha256()
    for entry in inputs:
        path = root / entry
        files = (
            sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            if path.is_dir()
            else [path]
        )
        for file in files:
            if file.exists():
                digest.update(file.relative_to(root).as_posix().encode())
                digest.update(b"\0")
                digest.update(file.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()


def _cache_dir(app: Sphinx) -> Path:
    configured = getattr(app.config, "nb_execution_cache_path", "") or ""
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def refresh_if_inputs_changed(app: Sphinx, env, docnames: list[str]) -> None:
    root = Path(app.srcdir)
    current = fingerprint(root)
    cache = _cache_dir(app)
    stamp = cache / STAMP
    recorded = stamp.read_text().strip() if stamp.exists() else None
    if recorded != current:
        if cache.exists():
            logger.info("[book_inputs] data/ or src/helpers/ changed: emptying the execution cache")
            shutil.rmtree(cache)
        cache.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current + "\n")
    writers = fingerprint(root, PAGE_WRITERS)
    if (getattr(env, "book_inputs_fingerprint", None), getattr(env, "book_writers_fingerprint", None)) != (
        current,
        writers,
    ):
        for docname in sorted(env.found_docs):
            if docname not in docnames:
                docnames.append(docname)
        env.book_inputs_fingerprint = current
        env.book_writers_fingerprint = writers


def setup(app: Sphinx) -> dict:
    app.connect("env-before-read-docs", refresh_if_inputs_changed)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
