"""make pdf: printable PDFs of the book, made offline with Debian's headless Chromium.

Writes into ``_build/pdf/``:

* ``putin-and-nato.pdf``: the whole book, built with the ``singlehtml`` builder (one page, so
  the table of contents and every cross-reference are links inside the PDF);
* ``putin-and-nato-student.pdf``: the same without the exercises' solutions
  (sphinx-exercise's ``hide_solutions = True``, set in a temporary copy of ``_config.yml``);
* ``seminar-handout.pdf``: the lecturer's page ``chapters/seminar.md`` printed alone, when that
  page exists (otherwise it is skipped with a message).

Everything happens in a temporary copy of the book: the sources in the work tree and
``_static/book.css`` are never touched. The print stylesheet ``scripts/print.css`` is injected
into the built HTML copy just before Chromium prints it.

This module is also a small Sphinx extension, loaded only in those temporary copies (see
``write_config``). It makes two things work that the stock tool chain gets wrong:

* the ``singlehtml`` builder has no handlers for nodes that extensions register for ``html``
  only (sphinx-jupyterbook-latex's ``HiddenCellNode``, myst-nb's hidden-input node), because
  sphinx-exercise registers some nodes for ``singlehtml`` and Sphinx then stops falling back
  to ``html``: the handlers are copied over;
* with ``hide_solutions``, sphinx-exercise drops a gated ``solution-start`` directive but keeps
  everything up to ``solution-end`` (the solution's text and code) on the page: the whole
  gated solution is removed instead.

Run ``book-pdf --help`` (or ``python -m bookscripts.pdf --help``) for the options.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .bookcopy import CHROMIUM_ARGS, REPO, build_book, chromium_path, copy_book, toc_files
from .print_svg import expand_patterns

PRINT_CSS = Path(__file__).resolve().parent / "print.css"
EXTENSION = "bookscripts.pdf"  # this module, by the name Sphinx imports it under
HANDOUT = "chapters/seminar"
OUTPUTS = {"book": "putin-and-nato.pdf", "student": "putin-and-nato-student.pdf", "handout": "seminar-handout.pdf"}
CHROMIUM_FLAGS = ["--headless", *CHROMIUM_ARGS]
STYLE_ID = "book-print-css"


# --- Pure functions (tested in tests/test_outputs.py) -------------------------------------


def inject_print_css(page: str, css: str) -> str:
    """`page` with `css` added as the last stylesheet in <head>, so it wins over the theme's.

    Idempotent: a page that already has the print style gets its contents replaced.
    """
    block = f'<style id="{STYLE_ID}">\n{css}\n</style>\n'
    existing = re.compile(rf'<style id="{STYLE_ID}">.*?</style>\n?', re.S)
    if existing.search(page):
        return existing.sub(lambda _: block, page, count=1)
    if "</head>" not in page:
        raise ValueError("not an HTML page: no </head>")
    return page.replace("</head>", block + "</head>", 1)


def _soup(page: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(page, "html.parser")


def localize_links(page: str, *, docnames: set[str] = frozenset()) -> str:
    """Point the links of a printed page at the page itself, or unlink them.

    On paper (a PDF) only links within the document and to other hosts work. A link to
    ``some/page.html#anchor`` becomes ``#anchor`` when that anchor is on this page (the singlehtml
    builder writes such links for citations), a link to a chapter in `docnames` becomes
    ``#document-<docname>`` when that anchor is on this page, and any other link to a local file
    becomes plain text. Links within the page, to other hosts and ``data:`` links are kept.
    """
    soup = _soup(page)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith(("#", "http://", "https://", "mailto:", "data:")):
            continue
        path, _, fragment = href.partition("#")
        if fragment and fragment in ids:
            link["href"] = "#" + fragment
            continue
        doc = re.sub(r"^(\.\./)+", "", path).removesuffix(".html")
        matches = [d for d in docnames if doc == d or doc.endswith("/" + d) or d.endswith("/" + doc)]
        if not fragment and matches and f"document-{matches[0]}" in ids:
            link["href"] = f"#document-{matches[0]}"
            continue
        link.name = "span"
        link.attrs = {"class": ["book-print-unlinked"]}
    return str(soup)


def append_references(page: str) -> str:
    """Add a "References" list at the end of the article: the full entry of every work cited.

    For a page printed alone (the seminar handout), whose citations would otherwise point at a
    bibliography that is not in the PDF. The entries are the citation links' titles, which
    sphinxcontrib-bibtex fills with the formatted reference.
    """
    soup = _soup(page)
    entries = []
    for link in soup.select(".bibtex-citation a[title]"):
        if link["title"] not in entries:
            entries.append(link["title"])
    if not entries:
        return page
    article = soup.find("article") or soup.body
    section = soup.new_tag("section", attrs={"class": "book-print-references"})
    heading = soup.new_tag("h2")
    heading.string = "References"
    section.append(heading)
    items = soup.new_tag("ul")
    for entry in entries:
        item = soup.new_tag("li")
        item.string = entry
        items.append(item)
    section.append(items)
    article.append(section)
    return str(soup)


def add_contents(page: str, *, cover: str = "") -> str:
    """Add a table of contents (chapters and their sections, as links) to a singlehtml page.

    The chapters come from the theme's navigation tree (with its part captions); each chapter's
    sections are its next-level headings. The contents go before the first chapter, after the
    root page's own text; `cover` (HTML) goes right after the root page's title.
    """
    soup = _soup(page)
    article = soup.find("article") or soup.body
    nav = soup.new_tag("nav", attrs={"class": "book-print-contents", "aria-label": "Contents"})
    heading = soup.new_tag("h2", attrs={"class": "book-print-contents-title"})
    heading.string = "Contents"
    nav.append(heading)
    tree = soup.select_one(".sidebar-tree")
    current = None
    for element in tree.find_all(["p", "a"]) if tree else []:
        if element.name == "p" and "caption" in (element.get("class") or []):
            caption = soup.new_tag("p", attrs={"class": "book-print-contents-part"})
            caption.string = element.get_text(" ", strip=True)
            nav.append(caption)
            current = None
            continue
        if element.name != "a" or not element.get("href", "").startswith("#document-"):
            continue
        if current is None:
            current = soup.new_tag("ol", attrs={"class": "book-print-contents-chapters"})
            nav.append(current)
        item = soup.new_tag("li")
        link = soup.new_tag("a", href=element["href"])
        link.string = element.get_text(" ", strip=True)
        item.append(link)
        anchor = soup.find(id=element["href"][1:])
        chapter = anchor.find_next_sibling("section") if anchor else None
        sections = chapter.find_all("section", recursive=False) if chapter else []
        if sections:
            sub = soup.new_tag("ol", attrs={"class": "book-print-contents-sections"})
            for section in sections:
                title = section.find(re.compile(r"^h[1-6]$"))
                if title is None or not section.get("id"):
                    continue
                entry = soup.new_tag("li")
                sublink = soup.new_tag("a", href="#" + section["id"])
                sublink.string = title.get_text(" ", strip=True).rstrip("¶").strip()
                entry.append(sublink)
                sub.append(entry)
            item.append(sub)
        current.append(item)
    first = article.select_one(".toctree-wrapper")
    if first is not None:
        first.insert_before(nav)
    else:
        article.append(nav)
    if cover:
        title = article.find("h1")
        block = _soup(f'<div class="book-print-cover">{cover}</div>')
        if title is not None:
            title.insert_after(block)
        else:
            article.insert(0, block)
    return str(soup)


def config_for_print(config: dict, *, hide_solutions: bool) -> dict:
    """A copy of the book's _config.yml (as a dict) that loads this module as a Sphinx extension
    (an installed module, so by its name alone, after the book's other extensions)."""
    import copy

    config = copy.deepcopy(config)
    sphinx = config.setdefault("sphinx", {})
    extra = list(sphinx.get("extra_extensions") or [])
    if EXTENSION not in extra:
        extra.append(EXTENSION)
    sphinx["extra_extensions"] = extra
    settings = sphinx.get("config") or {}
    if settings.get("extensions") is not None and EXTENSION not in settings["extensions"]:
        settings["extensions"] = [*settings["extensions"], EXTENSION]  # a list there replaces Jupyter Book's
    settings["hide_solutions"] = bool(hide_solutions)
    sphinx["config"] = settings
    return config


def toc_with(toc: dict, docname: str) -> dict:
    """`toc` with `docname` appended as a last chapter, unless it is already listed."""
    import copy

    if docname in toc_files(toc):
        return toc
    toc = copy.deepcopy(toc)
    if toc.get("parts"):
        toc["parts"][-1].setdefault("chapters", []).append({"file": docname})
    else:
        toc.setdefault("chapters", []).append({"file": docname})
    return toc


# --- Building and printing ----------------------------------------------------------------


def write_config(source: Path, root: Path, *, hide_solutions: bool) -> None:
    import yaml

    original = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    (root / "_config.yml").write_text(
        yaml.safe_dump(config_for_print(original, hide_solutions=hide_solutions), sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


def build(root: Path, builder: str) -> Path:
    """Strict build of the copy at `root` with `builder`; returns the output folder."""
    result = build_book(root, "--builder", builder, timeout=1800)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-8000:] + result.stderr[-8000:])
        raise SystemExit(f"pdf: the strict {builder} build failed (see above)")
    return root / "_build" / builder


def vector_hatches(folder: Path) -> int:
    """Rewrite the hatched charts in a build's _images as plain vectors (print_svg.py), so that
    Chromium prints them sharp instead of as bitmaps; returns how many files changed."""
    changed = 0
    for svg in sorted((folder / "_images").glob("*.svg")):
        text = svg.read_text(encoding="utf-8")
        expanded = expand_patterns(text)
        if expanded != text:
            svg.write_text(expanded, encoding="utf-8")
            changed += 1
    return changed


def print_to_pdf(page: Path, pdf: Path, chromium: str) -> None:
    """Print `page` (a local HTML file) to `pdf` with headless Chromium, offline."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pdf-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=20000",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise SystemExit(f"pdf: Chromium could not print {page}:\n{result.stderr[-3000:]}")


LAZY = re.compile(r'\s+loading=["\']lazy["\']', re.IGNORECASE)


def eager_images(page: str) -> str:
    """`page` with no image loaded lazily: the printer must not wait for images it may skip."""
    return LAZY.sub("", page)


def prepare_page(page: Path, *, docnames: set[str], contents: bool = False, cover: str = "") -> Path:
    """Write `page` ready to print beside it (as print-<name>) and return that file.

    With `contents` (the one-page book), a linked table of contents and the `cover` lines are
    added; without (a page printed alone), the list of works it cites. Every link is then
    pointed inside the page or unlinked, every image loads at once, and the print stylesheet
    is injected.
    """
    text = page.read_text(encoding="utf-8")
    if contents:
        text = add_contents(text, cover=cover)
    else:
        text = append_references(text)
    text = eager_images(localize_links(text, docnames=docnames))
    text = inject_print_css(text, PRINT_CSS.read_text(encoding="utf-8"))
    out = page.with_name("print-" + page.name)
    out.write_text(text, encoding="utf-8")
    return out


def cover_lines(source: Path, edition: str) -> str:
    """HTML for the lines under the title on the first page: full title, authors, version, edition."""
    import yaml

    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    citation = source / "CITATION.cff"
    version = yaml.safe_load(citation.read_text(encoding="utf-8")).get("version", "") if citation.exists() else ""
    parts = [
        f'<p class="book-print-cover-title">{html.escape(str(config.get("title", "")))}</p>',
        f"<p>{html.escape(str(config.get('author', '')))}{', version ' + html.escape(str(version)) if version else ''}. "
        "Printed from the book's sources; text and data CC BY 4.0, code MIT.</p>",
    ]
    if edition == "student":
        parts.append('<p class="book-print-edition">Student edition: the exercises without their solutions.</p>')
    return "".join(parts)


def make_pdfs(source: Path, out: Path, work: Path, only: set[str]) -> list[Path]:
    import yaml

    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("pdf: Chromium is needed to print (apt-get install chromium)")
    root = copy_book(source, work / "book")
    toc = yaml.safe_load((source / "_toc.yml").read_text(encoding="utf-8"))
    made = []

    if only & {"book", "student"}:
        for edition in ("book", "student"):
            if edition not in only:
                continue
            write_config(source, root, hide_solutions=edition == "student")
            print(
                f"pdf: building the {'student edition (no solutions)' if edition == 'student' else 'whole book'} "
                "as one HTML page ...",
                flush=True,
            )
            folder = build(root, "singlehtml")
            kept = work / f"singlehtml-{edition}"
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(folder, kept)
            vector_hatches(kept)
            pdf = out / OUTPUTS[edition]
            page = prepare_page(
                kept / f"{toc['root']}.html",
                docnames=set(toc_files(toc)),
                contents=True,
                cover=cover_lines(source, edition),
            )
            print_to_pdf(page, pdf, chromium)
            made.append(pdf)
            print(f"pdf: wrote {pdf}", flush=True)

    if "handout" in only:
        if not (source / f"{HANDOUT}.md").exists():
            print(f"pdf: skipping the seminar handout: {HANDOUT}.md does not exist yet", flush=True)
        else:
            if HANDOUT not in toc_files(toc):
                print(
                    f"pdf: {HANDOUT}.md is not in _toc.yml; adding it to the temporary copy's table of contents",
                    flush=True,
                )
                (root / "_toc.yml").write_text(
                    yaml.safe_dump(toc_with(toc, HANDOUT), sort_keys=False), encoding="utf-8"
                )
            write_config(source, root, hide_solutions=False)
            print("pdf: building the HTML book for the seminar handout ...", flush=True)
            folder = build(root, "html")
            vector_hatches(folder)
            pdf = out / OUTPUTS["handout"]
            print_to_pdf(prepare_page(folder / f"{HANDOUT}.html", docnames=set(toc_files(toc))), pdf, chromium)
            made.append(pdf)
            print(f"pdf: wrote {pdf}", flush=True)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "_build" / "pdf", help="folder for the PDFs (default: _build/pdf)"
    )
    parser.add_argument(
        "--only",
        default="book,student,handout",
        help="comma-separated subset of: book, student, handout (default: all three)",
    )
    parser.add_argument("--book", type=Path, default=REPO, help="the book to print (default: this repository)")
    parser.add_argument(
        "--keep", type=Path, help="build in this folder and keep it (default: a temporary folder, removed)"
    )
    args = parser.parse_args(argv)
    only = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = only - set(OUTPUTS)
    if unknown:
        parser.error(f"unknown --only value(s): {', '.join(sorted(unknown))}")
    out = args.out.resolve()
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
        made = make_pdfs(args.book.resolve(), out, args.keep.resolve(), only)
    else:
        with tempfile.TemporaryDirectory(prefix="book-pdf-") as work:
            made = make_pdfs(args.book.resolve(), out, Path(work), only)
    print("pdf: done: " + (", ".join(str(p) for p in made) or "nothing was printed"))
    return 0


# --- Sphinx extension (loaded only in the temporary copies made above) -----------------------


def _singlehtml_handlers(app) -> None:
    """Give the singlehtml builder every node handler registered for html only."""
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node_name, pair in handlers.get("html", {}).items():
        single.setdefault(node_name, pair)


def _assets_per_page(app, env, docnames) -> None:
    """Undo jupyter-book's "always" asset policy for singlehtml, which adds MathJax from a CDN.

    The book has no mathematics (and _ext/offline_html.py fails the build on any remote script).
    """
    if app.builder.name == "singlehtml":
        app.registry.html_assets_policy = "per_page"


def setup(app):
    from sphinx.transforms import SphinxTransform
    from sphinx_exercise.directive import SolutionStartDirective
    from sphinx_exercise.nodes import solution_end_node, solution_start_node

    class HideableSolutionStart(SolutionStartDirective):
        """solution-start that leaves a marker when solutions are hidden, so the rest can go too."""

        def run(self):
            result = super().run()
            if self.env.app.config.hide_solutions:
                marker = solution_start_node()
                marker["book_hidden_solution"] = True
                return [marker]
            return result

    class RemoveHiddenGatedSolutions(SphinxTransform):
        """With hide_solutions, remove each gated solution: its start marker up to its solution-end."""

        default_priority = 9  # before sphinx-exercise merges gated solutions (10)

        def apply(self, **kwargs):
            if not self.config.hide_solutions:
                return
            for marker in list(self.document.findall(solution_start_node)):
                if not marker.get("book_hidden_solution") or marker.parent is None:
                    continue
                parent = marker.parent
                start = parent.index(marker)
                end = next(
                    (
                        i
                        for i in range(start + 1, len(parent.children))
                        if isinstance(parent.children[i], solution_end_node)
                    ),
                    None,
                )
                if end is None:
                    continue
                for child in list(parent.children[start : end + 1]):
                    parent.remove(child)

    app.add_directive("solution-start", HideableSolutionStart, override=True)
    app.add_transform(RemoveHiddenGatedSolutions)
    app.connect("builder-inited", _singlehtml_handlers)
    app.connect("env-before-read-docs", _assets_per_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    sys.exit(main())
