"""Sphinx extension: trim what Jupyter Book adds for sphinx-book-theme, and complete the chrome.

Jupyter Book 1.x always loads ``sphinx_thebe`` and ``sphinx_book_theme`` as extensions, even
when the book uses another theme (this book uses Furo) and launch buttons are off. Left alone,
every page then

* asks for ``_static/scripts/sphinx-book-theme.js``, which only that theme ships (a 404 and a
  console error under Furo);
* loads ``sphinx-thebe.js`` and ``sphinx-thebe.css`` and carries a script naming a CDN copy of
  thebe plus a ``text/x-thebe-config`` block pointing at a Binder repository, all unused: the
  book has no live-code buttons;
* repeats the viewport ``<meta>`` (once from Furo, once from docutils);
* loads sphinx-design's stylesheet (55 kB) and tab script on every page, even on the pages
  that use none of its components (every page so far): they are kept only where one is used;
* loads myst-nb's whole stylesheet (43 kB), most of which colours ANSI escape codes in
  tracebacks and terminal output. The book's build fails on any cell error and removes stderr,
  so a page with no such output gets ``mystnb-lean.<hash>.css``: the same rules without those.

This extension removes those from every page and mends what an accessibility audit (axe-core,
Lighthouse) finds in the HTML that Sphinx and docutils write:

* toctree captions carry ``role="heading"`` without the ``aria-level`` that role requires;
* bibliography entries carry the deprecated ``role="doc-biblioentry"`` inside a
  ``role="list"``, which must hold list items;
* code, tables and outputs that scroll sideways (on a phone, most of them) cannot be reached
  with the keyboard: a few lines of script give each one that actually scrolls a tab stop;
* a page without ``<meta name="description">`` gets one (its first paragraph, or the book's
  own description);
* Furo's two ``<aside>`` drawers (site navigation, and the page's contents) are landmarks of
  the same role with no name to tell them apart: each gets an ``aria-label``.

It also writes the root ``index.html`` redirect as a small complete page (language, title, a
link for readers whose browser does not follow the refresh) instead of the bare
``<meta http-equiv>`` line that sphinx-external-toc writes.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

DROP_FILES = ("scripts/sphinx-book-theme.js", "sphinx-thebe.js", "sphinx-thebe.css")
DROP_BODIES = ("THEBE_JS_URL",)
DROP_RAW = ("text/x-thebe-config", "kernelName =")
DUPLICATE_VIEWPORT = re.compile(r'<meta name="viewport" content="width=device-width, initial-scale=1"\s*/?>\s*')
BOOK_DESCRIPTION = (
    "An open, reproducible research book on how Vladimir Putin sees NATO and the question of "
    "Ukraine's membership, built on cited tables of dated events and statements."
)
DESCRIPTION_LENGTH = 155
UNLEVELLED_HEADING = re.compile(r'role="heading"(?![^>]*aria-level)')
# Give every block that scrolls (code, wide tables, outputs) a tab stop, so a keyboard can scroll it.
SCROLL_FOCUS_JS = """(function () {
  "use strict";
  function scrolls(el, style) {
    return (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
           (/auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
  }
  function mark() {
    var main = document.getElementById("furo-main-content") || document.body;
    var all = main.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (!el.hasAttribute("tabindex") && scrolls(el, window.getComputedStyle(el))) {
        el.setAttribute("tabindex", "0");
      }
    }
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(mark, 150); }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("load", mark);
  window.addEventListener("resize", later);
})();"""


def _filename(asset) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _body(asset) -> str:
    return str(getattr(asset, "attributes", {}).get("body", "") or "")


def _keep(asset, drop: tuple[str, ...] = DROP_FILES) -> bool:
    name = _filename(asset).split("?")[0]
    if any(name == dropped or name.endswith("/" + dropped) for dropped in drop):
        return False
    return not any(marker in _body(asset) for marker in DROP_BODIES)


MYSTNB_CSS = re.compile(r"(?:^|/)mystnb\.([0-9a-f]+)\.css$")
ANSI_USED = re.compile(r'class="[^"]*-Color')
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def css_blocks(css: str) -> list[tuple[str, str]]:
    """Split a stylesheet into its top-level blocks, as (prelude, body) pairs: a rule's
    selectors and declarations, or an at-rule and everything inside its braces."""
    blocks, depth, start, prelude = [], 0, 0, ""
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((prelude, css[start:i]))
                start = i + 1
    return blocks


def without_ansi_rules(css: str) -> str:
    """`css` without comments and without the rules whose every selector styles ANSI colour
    classes (``.-Color...``); at-rules are kept, with the same filter applied inside them."""
    out = []
    for prelude, body in css_blocks(COMMENT.sub("", css)):
        if prelude.startswith("@") and "{" in body:
            inner = without_ansi_rules(body)
            if inner.strip():
                out.append(f"{prelude} {{\n{inner}}}\n")
        elif not all("-Color" in selector for selector in prelude.split(",")):
            out.append(f"{prelude} {{{body}}}\n")
    return "".join(out)


def write_lean_mystnb_css(app: Sphinx) -> None:
    """Write mystnb-lean.<hash>.css beside the file myst-nb copies to _static."""
    if app.builder.format != "html":
        return
    from importlib import resources

    import myst_nb.static

    for asset in app.registry.css_files:
        match = MYSTNB_CSS.search(str(asset[0]))
        if match:
            source = resources.files(myst_nb.static).joinpath("mystnb.css").read_text(encoding="utf-8")
            target = Path(app.outdir, "_static", f"mystnb-lean.{match.group(1)}.css")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(without_ansi_rules(source), encoding="utf-8")


def _lean(asset):
    """The same stylesheet asset, pointing at mystnb-lean.<hash>.css if it is myst-nb's."""
    filename = _filename(asset)
    match = MYSTNB_CSS.search(filename)
    if not match:
        return asset
    attributes = {k: v for k, v in asset.attributes.items() if k not in ("rel", "type")}
    lean = filename[: match.start()] + match.group(0).replace("mystnb.", "mystnb-lean.")
    return type(asset)(
        lean,
        priority=asset.priority,
        rel=asset.attributes.get("rel", "stylesheet"),
        type=asset.attributes.get("type", "text/css"),
        **attributes,
    )


DESIGN_FILES = ("sphinx-design.min.css", "design-tabs.js")
DESIGN_USED = re.compile(r'class="[^"]*\bsd-')


def drop_thebe_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Remove the thebe configuration that sphinx_thebe appends to every page's doctree."""
    for node in list(doctree.findall(nodes.raw)):
        if node.get("format") == "html" and any(marker in node.astext() for marker in DROP_RAW):
            node.parent.remove(node)


def _description(doctree) -> str:
    if doctree is None:
        return BOOK_DESCRIPTION
    for paragraph in doctree.findall(nodes.paragraph):
        if paragraph.next_node(nodes.raw) is not None:
            continue
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            if len(text) > DESCRIPTION_LENGTH:
                text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return text
    return BOOK_DESCRIPTION


def mend_html(fragment: str) -> str:
    """ARIA fixes to HTML that Sphinx and docutils write (see the module's docstring)."""
    fragment = UNLEVELLED_HEADING.sub('role="heading" aria-level="2"', fragment)
    return fragment.replace('role="doc-biblioentry"', 'role="listitem"')


ASIDE_LABELS = {"sidebar-drawer": "Site navigation", "toc-drawer": "Contents of this page"}
ASIDE = re.compile(r'<aside class="(sidebar-drawer|toc-drawer)([^"]*)"(?![^>]*aria-label)')


def mend_page(page: str) -> str:
    """ARIA fixes to the whole page that Furo's templates write (see the module's docstring)."""
    return ASIDE.sub(lambda m: f'<aside class="{m.group(1)}{m.group(2)}" aria-label="{ASIDE_LABELS[m.group(1)]}"', page)


def wrap_renderer(app: Sphinx) -> None:
    """Pass every rendered HTML page through mend_page before Sphinx writes it."""
    templates = getattr(app.builder, "templates", None)
    if app.builder.format != "html" or templates is None or getattr(templates, "_book_mended", False):
        return
    render = templates.render

    def render_and_mend(template: str, context: dict) -> str:
        return mend_page(render(template, context))

    templates.render = render_and_mend
    templates._book_mended = True


def trim_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key in ("body", "furo_navigation_tree", "toc"):
        if isinstance(context.get(key), str):
            context[key] = mend_html(context[key])
    drop = DROP_FILES
    if not DESIGN_USED.search(context.get("body", "") or ""):
        drop += DESIGN_FILES
    for kind in ("script_files", "css_files"):
        if kind in context:
            context[kind] = [asset for asset in context[kind] if _keep(asset, drop)]
    if "css_files" in context and not ANSI_USED.search(context.get("body", "") or ""):
        context["css_files"] = [_lean(asset) for asset in context["css_files"]]
    metatags = context.get("metatags", "") or ""
    metatags = DUPLICATE_VIEWPORT.sub("", metatags)
    if 'name="description"' not in metatags:
        metatags += f'<meta name="description" content="{html.escape(_description(doctree))}" />\n'
    context["metatags"] = metatags


REDIRECT = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{description}">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<main>
<p>The book starts at <a href="{target}">{title}</a>.</p>
</main>
</body>
</html>
"""


def write_root_redirect(app: Sphinx, exception) -> None:
    """Write index.html at the root as a complete page redirecting to the book's first page."""
    if exception is not None or "html" not in app.builder.format or app.builder.name != "html":
        return
    root = str(app.config.root_doc)
    if root == "index":
        return
    Path(app.outdir, "index.html").write_text(
        REDIRECT.format(
            lang=html.escape(app.config.language or "en"),
            description=html.escape(BOOK_DESCRIPTION),
            title=html.escape(str(app.config.html_title or app.config.project)),
            target=html.escape(f"{root}.html"),
        ),
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict:
    app.add_js_file(None, body=SCROLL_FOCUS_JS)
    app.connect("builder-inited", wrap_renderer)
    app.connect("builder-inited", write_lean_mystnb_css, priority=900)
    # After sphinx_thebe's own doctree-resolved handler (priority 500) has appended its nodes.
    app.connect("doctree-resolved", drop_thebe_nodes, priority=800)
    # After sphinx_book_theme re-adds its script with a digest, before offline_html checks (900).
    app.connect("html-page-context", trim_page, priority=850)
    # Before sphinx-external-toc writes its bare redirect (it skips an existing index.html).
    app.connect("build-finished", write_root_redirect, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
