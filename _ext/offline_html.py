"""Sphinx extension: the built book must load nothing from another host.

Before each HTML page is written, every script and stylesheet the page will load is checked;
one whose address names a host (``http://``, ``https://`` or ``//``) is reported as a warning,
which the strict build (``-W``) turns into an error. This catches, for example, MathJax from a
CDN, which Sphinx adds to any page with an equation (the book has none), or a theme or
extension that starts loading a remote script after an upgrade.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
REMOTE = ("http://", "https://", "//")


def _address(asset) -> str:
    return str(getattr(asset, "filename", asset) or "")


def check_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for kind in ("script_files", "css_files"):
        for asset in context.get(kind, []):
            address = _address(asset)
            if address.startswith(REMOTE):
                logger.warning(
                    "%s: would load %s from another host; the book must work offline "
                    "(vendor the file into _static/ or remove what adds it)",
                    pagename,
                    address,
                    type="offline_html",
                    location=pagename,
                )


def setup(app: Sphinx) -> dict:
    # Run after the extensions (mathjax, thebe, ...) that add assets in their own handlers.
    app.connect("html-page-context", check_assets, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
