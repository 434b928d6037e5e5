"""make pdf: printable PDFs of the book and the seminar kit, made offline with Debian's headless Chromium.

Writes into ``_build/pdf/``:

* ``putin-and-nato.pdf``: the whole book, built with the ``singlehtml`` builder (one page, so
  the table of contents and every cross-reference are links inside the PDF);
* ``putin-and-nato-student.pdf``: the student edition, the book without what would give the
  seminar's activities away: without the lecturer's pages (``chapters/seminar``, the lecturer's
  guide, and ``chapters/class_coding``, the notebook of the class's codes), without the
  exercises' solutions (sphinx-exercise's ``hide_solutions = True``), and without every element
  that carries the ``answer`` marker (a code cell tagged ``answer``, a cell's output tagged
  ``answer-output``, a ``:::{div} answer`` block), which ``_ext/answers.py`` removes from the
  document tree when the copy's configuration sets ``remove_answers``, so that its text is not
  in the PDF at all, and replaces with a one-line note;
* ``seminar-handout.pdf``: the student handout, ``chapters/handout.md`` printed alone (A4, for
  printing in black and white);
* ``lecturers-guide.pdf``: the lecturer's guide, ``chapters/seminar.md`` printed alone, with the
  expected answers and the verdicts.

A page that does not exist yet is skipped with a message. Everything happens in a temporary
copy of the book: the sources in the work tree and ``_static/book.css`` are never touched. The
copy starts from the work tree's execution cache (``_build/.jupyter_cache``, after ``make book``)
when there is one, so the chapters are not run again; jupyter-cache matches notebooks by their
code, and ``_ext/book_inputs.py`` empties a cache made from other data. The print stylesheet
``scripts/print.css`` is injected into the built HTML copy just before Chromium prints it.

This module is also a small Sphinx extension, loaded only in those temporary copies (see
``write_config``). It makes things work that the stock tool chain gets wrong or does not do:

* the ``singlehtml`` builder has no handlers for nodes that extensions register for ``html``
  only (sphinx-jupyterbook-latex's ``HiddenCellNode``, myst-nb's hidden-input node), because
  sphinx-exercise registers some nodes for ``singlehtml`` and Sphinx then stops falling back
  to ``html``: the handlers are copied over;
* with ``hide_solutions``, sphinx-exercise drops a gated ``solution-start`` directive but keeps
  everything up to ``solution-end`` (the solution's text and code) on the page: the whole
  gated solution is removed instead;
* a reference to a page left out of the edition (or to a label on one) is printed as plain
  text instead of failing the strict build.

Run ``book-pdf --help`` (or ``python -m bookscripts.pdf --help``) for the options.
"""

from __future__ import annotations

import argparse
import html
import posixpath
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
GUIDE = "chapters/seminar"  # the lecturer's guide
CLASS_CODES = "chapters/class_coding"  # the lecturer's notebook of the class's codes
HANDOUT = "chapters/handout"  # the student handout
LECTURER_ONLY = (GUIDE, CLASS_CODES)  # left out of the student edition
OUTPUTS = {
    "book": "putin-and-nato.pdf",
    "student": "putin-and-nato-student.pdf",
    "handout": "seminar-handout.pdf",
    "guide": "lecturers-guide.pdf",
}
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


def config_for_print(
    config: dict,
    *,
    hide_solutions: bool,
    remove_answers: bool = False,
    left_out: dict[str, str] | None = None,
    left_out_labels: dict[str, str] | None = None,
) -> dict:
    """A copy of the book's _config.yml (as a dict) that loads this module as a Sphinx extension
    (an installed module, so by its name alone, after the book's other extensions).

    `remove_answers` removes every element with the ``answer`` marker; `left_out` maps the pages
    left out of this edition to their titles and `left_out_labels` the labels defined on them to
    their page's title: a reference to one is then printed as plain text (its own words, or the
    page's title)."""
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
    for key, value in (
        ("remove_answers", bool(remove_answers)),
        ("book_left_out_docs", dict(sorted((left_out or {}).items()))),
        ("book_left_out_labels", dict(sorted((left_out_labels or {}).items()))),
    ):
        if value:
            settings[key] = value
        else:
            settings.pop(key, None)
    sphinx["config"] = settings
    return config


def toc_without(toc: dict, docnames) -> dict:
    """`toc` (a jb-book _toc.yml as a dict) without the files in `docnames`; a part left with no
    chapter is dropped. The root cannot be left out."""
    import copy

    drop = set(docnames)
    if toc["root"] in drop:
        raise ValueError(f"the root page {toc['root']} cannot be left out")
    toc = copy.deepcopy(toc)

    def keep(entries):
        kept = []
        for entry in entries or []:
            if entry.get("file") in drop:
                continue
            if entry.get("sections"):
                entry["sections"] = keep(entry["sections"])
            kept.append(entry)
        return kept

    if toc.get("parts"):
        for part in toc["parts"]:
            part["chapters"] = keep(part.get("chapters"))
        toc["parts"] = [part for part in toc["parts"] if part["chapters"]]
    if "chapters" in toc:
        toc["chapters"] = keep(toc["chapters"])
    return toc


LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$|^:(?:label|name):\s*(\S+)\s*$", re.MULTILINE)


def page_title(text: str) -> str:
    """The title of a MyST page: its first level-one heading (or '' when it has none)."""
    match = re.search(r"^# (.+?)\s*$", text, re.MULTILINE)
    return match.group(1) if match else ""


def labels_in(text: str) -> set[str]:
    """The labels a MyST page defines: ``(label)=`` targets and ``:label:`` or ``:name:`` options."""
    return {first or second for first, second in LABEL.findall(text)}


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


def write_config(source: Path, root: Path, *, hide_solutions: bool, **options) -> None:
    import yaml

    original = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    (root / "_config.yml").write_text(
        yaml.safe_dump(
            config_for_print(original, hide_solutions=hide_solutions, **options), sort_keys=False, allow_unicode=True
        ),
        encoding="utf-8",
    )


def write_toc(root: Path, toc: dict) -> None:
    import yaml

    (root / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def seed_cache(root: Path, cache: Path | None) -> bool:
    """Copy an execution cache (a ``.jupyter_cache`` folder) into the copy at `root`, so that its
    build does not run the chapters again; returns whether there was one."""
    if cache is None or not (cache / "global.db").exists():
        return False
    target = root / "_build" / ".jupyter_cache"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(cache, target)
    return True


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


def prepare_page(
    page: Path,
    *,
    docnames: set[str],
    contents: bool = False,
    cover: str = "",
    page_class: str = "",
    references: bool = True,
) -> Path:
    """Write `page` ready to print beside it (as print-<name>) and return that file.

    With `contents` (the one-page book), a linked table of contents and the `cover` lines are
    added; without (a page printed alone), the list of works it cites, unless `references` is
    false (the handout, whose reading list names every work it cites). Every link is then
    pointed inside the page or unlinked, every image loads at once, and the print stylesheet
    is injected. `page_class` is added to the <html> element (the print stylesheet styles the
    handout by it).
    """
    text = page.read_text(encoding="utf-8")
    if page_class:
        text = re.sub(r"<html\b", f'<html data-print="{page_class}"', text, count=1)
    if contents:
        text = add_contents(text, cover=cover)
    elif references:
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
        parts.append(
            "<p class=\"book-print-edition\">Student edition: without the lecturer's guide, the exercises' "
            "solutions and the answers to the seminar's activities (the verdicts on the claims, the final codes "
            "of the statements, the key to the accounts).</p>"
        )
    return "".join(parts)


def _page_exists(source: Path, docname: str) -> bool:
    return any((source / f"{docname}{suffix}").exists() for suffix in (".md", ".ipynb"))


def make_pdfs(source: Path, out: Path, work: Path, only: set[str], html: Path | None = None) -> list[Path]:
    """Print the PDFs named in `only` (keys of OUTPUTS) from the book at `source` into `out`,
    building in `work`. With `html` (a strict HTML build of the same sources), the handout and
    the guide are printed from a copy of it and its execution cache seeds the other builds."""
    import yaml

    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("pdf: Chromium is needed to print (apt-get install chromium)")
    root = copy_book(source, work / "book")
    cache = (html.parent / ".jupyter_cache") if html is not None else (source / "_build" / ".jupyter_cache")
    if seed_cache(root, cache):
        print("pdf: starting from the execution cache of the last build", flush=True)
    toc = yaml.safe_load((source / "_toc.yml").read_text(encoding="utf-8"))
    made = []

    def done(pdf: Path) -> None:
        made.append(pdf)
        print(f"pdf: wrote {pdf}", flush=True)

    pages = {"handout": (HANDOUT, "the student handout"), "guide": (GUIDE, "the lecturer's guide")}
    wanted = [key for key in ("handout", "guide") if key in only]
    present = []
    for key in wanted:
        docname, what = pages[key]
        if not _page_exists(source, docname):
            print(f"pdf: skipping {what}: {docname}.md does not exist yet", flush=True)
        elif html is not None and not (html / f"{docname}.html").exists():
            print(f"pdf: skipping {what}: {docname}.html is not in the given build", flush=True)
        else:
            present.append(key)
    if present:
        if html is not None:
            folder = work / "html"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(html, folder)
        else:
            single_toc = toc
            for key in present:
                if pages[key][0] not in toc_files(single_toc):
                    print(f"pdf: {pages[key][0]}.md is not in _toc.yml; adding it to the copy's contents", flush=True)
                    single_toc = toc_with(single_toc, pages[key][0])
            write_toc(root, single_toc)
            write_config(source, root, hide_solutions=False)
            print("pdf: building the HTML book for the handout and the guide ...", flush=True)
            folder = build(root, "html")
        vector_hatches(folder)
        for key in present:
            docname = pages[key][0]
            pdf = out / OUTPUTS[key]
            page = prepare_page(
                folder / f"{docname}.html",
                docnames=set(toc_files(toc)),
                page_class=key,
                references=key != "handout",  # its reading list gives each work: the bibliography's
            )  # entries, with the notes on how each was checked, would add three pages
            print_to_pdf(page, pdf, chromium)
            done(pdf)

    for edition in ("book", "student"):
        if edition not in only:
            continue
        if edition == "student":
            left_out, labels = {}, {}
            for docname in (d for d in LECTURER_ONLY if d in toc_files(toc)):
                for suffix in (".md", ".ipynb"):
                    if (source / f"{docname}{suffix}").exists():
                        text = (source / f"{docname}{suffix}").read_text(encoding="utf-8")
                        left_out[docname] = page_title(text) or docname
                        labels.update(dict.fromkeys(labels_in(text), left_out[docname]))
            edition_toc = toc_without(toc, left_out)
            options = {"remove_answers": True, "left_out": left_out, "left_out_labels": labels}
            what = "the student edition (no lecturer's pages, solutions or answers)"
        else:
            edition_toc, options, what = toc, {}, "the whole book"
        write_toc(root, edition_toc)
        write_config(source, root, hide_solutions=edition == "student", **options)
        print(f"pdf: building {what} as one HTML page ...", flush=True)
        folder = build(root, "singlehtml")
        kept = work / f"singlehtml-{edition}"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(folder, kept)
        vector_hatches(kept)
        pdf = out / OUTPUTS[edition]
        page = prepare_page(
            kept / f"{toc['root']}.html",
            docnames=set(toc_files(edition_toc)),
            contents=True,
            cover=cover_lines(source, edition),
            page_class=edition,
        )
        print_to_pdf(page, pdf, chromium)
        done(pdf)
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
        default=",".join(OUTPUTS),
        help=f"comma-separated subset of: {', '.join(OUTPUTS)} (default: all four)",
    )
    parser.add_argument(
        "--html",
        type=Path,
        help="an existing strict HTML build of the book (e.g. _build/html): the handout and the guide are "
        "printed from it, and its execution cache is reused (default: build in the temporary copy)",
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
    html = args.html.resolve() if args.html else None
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
        made = make_pdfs(args.book.resolve(), out, args.keep.resolve(), only, html)
    else:
        with tempfile.TemporaryDirectory(prefix="book-pdf-") as work:
            made = make_pdfs(args.book.resolve(), out, Path(work), only, html)
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


def _left_out_reference(app, env, node, contnode):
    """A reference to a page left out of this edition, or to a label on one: plain text."""
    from docutils import nodes

    target = node.get("reftarget", "")
    kind = node.get("reftype", "")
    left_docs = dict(app.config.book_left_out_docs)
    if not left_docs:
        return None
    labels = {name.lower(): title for name, title in dict(app.config.book_left_out_labels).items()}
    path, _, fragment = target.partition("#")
    base = posixpath.dirname(node.get("refdoc", ""))
    doc = posixpath.normpath(posixpath.join(base, path)).removesuffix(".md") if path else ""
    title = None
    if kind in ("doc", "myst"):
        title = left_docs.get(doc) or left_docs.get(path.removeprefix("/").removesuffix(".md"))
    if title is None and kind in ("ref", "numref", "myst"):
        title = labels.get(target.lower()) or (labels.get(fragment.lower()) if not path else None)
    if title is None:
        return None
    if node.get("refexplicit"):
        return contnode
    return nodes.inline("", title, classes=["book-print-unlinked"])


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
    app.add_config_value("book_left_out_docs", {}, "env")  # docname -> title
    app.add_config_value("book_left_out_labels", {}, "env")  # label -> the title of its page
    app.connect("missing-reference", _left_out_reference)
    app.connect("builder-inited", _singlehtml_handlers)
    app.connect("env-before-read-docs", _assets_per_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    sys.exit(main())
