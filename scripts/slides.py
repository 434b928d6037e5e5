"""make slides: the reveal.js decks of the seminar, built from the book's own computed figures.

Two decks go into ``_build/slides/`` (with an ``index.html`` linking both):

* ``session.html``, the session deck, in the order of ``teaching/plan.yml`` (``session.py``
  writes it; that module's docstring says what is on it);
* ``chapters.html``, the chapter decks, described below.

For the chapter decks it reads the executed chapters as the strict book build writes them (HTML), in _toc.yml order,
and takes from each chapter that has at least one figure:

* its title;
* the bullets under its "Summary" heading;
* its figures, exactly as ``helpers.plots.figures.show_figure`` wrote them (the SVG image with its alt
  text, title, caption and source line), leaving out any figure inside an exercise's solution;
* the list under its "Discussion questions" heading (a question that opens with a bold
  sentence shows that sentence on the slide; the whole item, with its arguments, goes in the
  speaker notes).

``chapters.html`` has a title slide; per chapter a summary slide, one slide
per figure and a questions slide; and a closing slide on citing and reusing the material.
Every slide has speaker notes naming the chapter to cite (and, on the summary slide, the works
the chapter cites). Chapters with no figure yet are skipped.

reveal.js is installed from the npm registry at the exact version ``REVEAL_VERSION`` and its
``dist/`` and notes plugin are copied beside the deck, so the folder works offline, opened
from disk. The page template is ``slides/deck.html``; the stylesheets are ``slides/deck.css``
(chapter decks, 1280 x 720) and ``slides/session.css`` (session deck, 1920 x 1080).

Without ``--html`` the book is first built strictly into a temporary copy; with
``--html _build/html`` an existing build is used (``make slides`` builds in a copy that starts
from the last build's execution cache). ``book-slides --help`` (or ``python -m bookscripts.slides --help``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from .pdf import HANDOUT, LECTURER_ONLY, REPO, build, copy_book, toc_files

REVEAL_VERSION = "5.2.1"
TEMPLATE_DIR = REPO / "slides"
SEMINAR_MINUTES = 90
MAX_BULLETS = 4  # per slide: more are split over several slides
MAX_CHARS = 520  # of text per slide (about eleven lines at the deck's type size)
REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)


@dataclass
class Figure:
    src: str
    alt: str
    title: str
    caption: str
    source: str

    @property
    def tall(self) -> bool:
        """True when the image is about as tall as it is wide or taller (it then goes beside its caption)."""
        size = svg_size(self.src)
        return size is not None and size[1] >= 0.9 * size[0]


def svg_size(src: str) -> tuple[float, float] | None:
    """(width, height) of an SVG given as a base64 data: URI, from its root element; None if unknown."""
    import base64

    prefix = "data:image/svg+xml;base64,"
    if not src.startswith(prefix):
        return None
    head = base64.b64decode(src[len(prefix) : len(prefix) + 4000].encode("ascii")[: (4000 // 4) * 4]).decode(
        "utf-8", "replace"
    )
    root = re.search(r"<svg\b[^>]*>", head)
    if root is None:
        return None
    width = re.search(r'\bwidth="([\d.]+)', root.group(0))
    height = re.search(r'\bheight="([\d.]+)', root.group(0))
    return (float(width.group(1)), float(height.group(1))) if width and height else None


@dataclass
class Question:
    lead: str  # HTML shown on the slide
    full: str  # HTML of the whole item, for the speaker notes


@dataclass
class Chapter:
    docname: str
    title: str
    number: str = ""  # the book's chapter number, when its part is numbered
    summary: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)


# --- Reading a built chapter ----------------------------------------------------------------


def _soup(text: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html.parser")


def _text(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split()).replace(" ¶", "").rstrip("¶").strip()


def _clean_inline(tag) -> str:
    """The inner HTML of `tag` for a slide: links to the book's other pages become plain text."""
    tag = _soup(str(tag)).find(tag.name)
    for link in tag.find_all("a"):
        href = link.get("href", "")
        if not href.startswith(("http://", "https://")):
            link.unwrap()
    for span in tag.select("span.pre"):
        span.unwrap()
    for code in tag.find_all("code"):
        code.attrs = {}
    for para in tag.find_all("p"):
        para.unwrap()
    return " ".join(tag.decode_contents().split())


def _section_list(article, heading_text: str):
    """The first list directly under the heading whose text is `heading_text` (any level)."""
    for heading in article.find_all(re.compile(r"^h[1-6]$")):
        if _text(heading).lower() == heading_text.lower():
            section = heading.parent
            for child in section.find_all(["ul", "ol"], recursive=False):
                return child
            following = heading.find_next(["ul", "ol"])
            return following if following is not None and following.find_parent("section") is section else None
    return None


def _question(item) -> Question:
    """The question to show on the slide, and the whole item for the notes.

    An item that opens with a bold or italic question ("**Was there a promise?** For: ...")
    shows that question alone; otherwise an item whose first sentence is a question shows that
    sentence; otherwise the whole item is shown.
    """
    full = _clean_inline(item)
    holder = item.find("p") or item
    first = next((node for node in holder.children if not (isinstance(node, str) and not node.strip())), None)
    if getattr(first, "name", None) in ("strong", "em", "b", "i") and (
        first.name in ("strong", "b") or _text(first).endswith("?")
    ):
        return Question(lead=_clean_inline(first), full=full)
    text = _text(item)
    mark = text.find("?")
    if 0 < mark < len(text) - 1 and mark < 220:
        return Question(lead=html.escape(text[: mark + 1]), full=full)
    return Question(lead=full, full=full)


# The answer marker (see _ext/answers.py): a div or a whole code cell, or only a cell's output
ANSWER_SELECTOR = ".answer, .tag_answer, .tag_answer-output > .cell_output"


def is_marked(tag) -> bool:
    """True when `tag` (a built page's element) is an answer or lies inside one."""
    if tag.select_one(ANSWER_SELECTOR) is not None:
        return True
    if tag.find_parent(class_=["answer", "tag_answer"]) is not None:
        return True
    output = tag if "cell_output" in (tag.get("class") or []) else tag.find_parent(class_="cell_output")
    return output is not None and "tag_answer-output" in (output.parent.get("class") or [])


def read_figure(tag) -> Figure | None:
    """A figure of a built page: a ``figure.book-figure`` as ``helpers.plots.show_figure`` writes
    it (image, title, caption, source line), or a numbered Sphinx figure (``<figure id="fig-...">``,
    its number and caption as the title), which may hold a book figure; None without an image."""
    classes = set(tag.get("class") or [])
    inner = tag if "book-figure" in classes else tag.select_one("figure.book-figure")
    number = tag.select_one(".caption-number") if inner is not tag else None
    holder = inner if inner is not None else tag
    image = holder.find("img")
    if image is None or not image.get("src"):
        return None
    if inner is not None:
        title = inner.select_one(".book-figure-title")
        source = inner.select_one(".book-figure-source")
        if source is not None:
            for download in source.select("a[download]"):
                download.decompose()
        captions = [
            p
            for p in inner.select("figcaption p")
            if not set(p.get("class") or []) & {"book-figure-title", "book-figure-source"}
        ]
        figure = Figure(
            src=image["src"],
            alt=image.get("alt", ""),
            title=_text(title) if title else "",
            caption=" ".join(_text(p) for p in captions),
            source=_text(source) if source else "",
        )
    else:
        text = tag.select_one("figcaption .caption-text") or tag.find("figcaption")
        figure = Figure(
            src=image["src"], alt=image.get("alt", ""), title="", caption=_text(text) if text else "", source=""
        )
    if number is not None:
        figure.title = f"{_text(number)} {figure.title}".strip()
    return figure


def figures_in(region, *, answers: bool = True) -> list[Figure]:
    """The figures in `region` (a tag; itself included when it is a figure), outermost first, in
    page order, leaving out any inside an exercise's solution and, without `answers`, any that
    carries the answer marker."""
    candidates = ([region] if region.name == "figure" else []) + region.find_all("figure")
    found = []
    for tag in candidates:
        if any(parent in candidates for parent in tag.parents):
            continue  # a book figure inside a numbered figure: the outer one is read
        if tag.find_parent(class_="solution") is not None:
            continue  # a solution's figure would give the answer away
        if not answers and is_marked(tag):
            continue
        figure = read_figure(tag)
        if figure is not None:
            found.append(figure)
    return found


def extract_chapter(page: str, docname: str) -> Chapter:
    """Title, summary, figures, discussion questions and cited works of one built chapter page."""
    soup = _soup(page)
    article = soup.find("article") or soup.body or soup
    for link in article.select("a.headerlink"):
        link.decompose()
    h1 = article.find("h1")
    number = ""
    if h1 is not None and h1.select_one(".section-number") is not None:
        number = _text(h1.select_one(".section-number")).rstrip(".")
    for label in article.select(".section-number"):  # "1.5. Summary" in a numbered part
        label.decompose()
    chapter = Chapter(docname=docname, title=_text(h1) if h1 else docname, number=number)
    for figure in figures_in(article):
        chapter.figures.append(figure)
    summary = _section_list(article, "Summary")
    if summary is not None:
        chapter.summary = [_clean_inline(item) for item in summary.find_all("li", recursive=False)]
    questions = _section_list(article, "Discussion questions")
    if questions is not None:
        chapter.questions = [_question(item) for item in questions.find_all("li", recursive=False)]
    for link in article.select(".bibtex-citation a[title]"):
        if link["title"] not in chapter.cited:
            chapter.cited.append(link["title"])
    return chapter


def inline_image(src: str, base: Path) -> str:
    """An SVG image address as a data: URI: the book serves charts as files under _images/,
    the deck embeds them so that it is one folder with no link back into the book."""
    if src.startswith("data:"):
        return src
    import base64

    data = (base / src).read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def read_chapters(html_dir: Path, docnames: list[str]) -> list[Chapter]:
    """The chapters (in the given order) whose built page exists and has at least one figure.

    The seminar kit's pages (the lecturer's guide, the class-coding notebook, the handout) are
    not chapters: they are left out.
    """
    chapters = []
    for docname in docnames:
        page = html_dir / f"{docname}.html"
        if docname in (HANDOUT, *LECTURER_ONLY) or not page.exists():
            continue
        chapter = extract_chapter(page.read_text(encoding="utf-8"), docname)
        for figure in chapter.figures:
            figure.src = inline_image(figure.src, page.parent)
        if chapter.figures:
            chapters.append(chapter)
    return chapters


# --- Writing the deck ---------------------------------------------------------------------


@dataclass
class Book:
    title: str
    author: str
    version: str
    year: str
    lang: str = "en"

    def cite_chapter(self, chapter: Chapter) -> str:
        version = f", version {self.version}" if self.version else ""
        number = f"chapter {chapter.number}, " if chapter.number else ""
        return (
            f"{number}“{chapter.title}”, in {self.author} ({self.year}), <em>{self.title}</em>{version}, "
            f"chapter file <code>{chapter.docname}.md</code>."
        )


def read_book(root: Path) -> Book:
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    citation = root / "CITATION.cff"
    cff = yaml.safe_load(citation.read_text(encoding="utf-8")) if citation.exists() else {}
    released = str(cff.get("date-released", "") or "")
    return Book(
        title=str(config.get("title", "")),
        author=str(config.get("author", "")),
        version=str(cff.get("version", "") or ""),
        year=released[:4] or str(config.get("copyright", "")),
        lang=str((config.get("sphinx", {}).get("config", {}) or {}).get("language", "en") or "en"),
    )


def _chunks(items: list, size: int = MAX_BULLETS, chars: int = MAX_CHARS, length=None) -> list[list]:
    """`items` split over as few slides as needed, with at most `size` items and about `chars`
    characters of text on each; when the same number of slides can share them evenly, they do
    (5 short bullets -> 3 + 2, not 4 + 1)."""
    if not items:
        return [[]]
    length = length or (lambda item: len(re.sub(r"<[^>]+>", "", str(item))))
    greedy, count = [[]], 0
    for item in items:
        if greedy[-1] and (len(greedy[-1]) >= size or count + length(item) > chars):
            greedy.append([])
            count = 0
        greedy[-1].append(item)
        count += length(item)
    even = -(-len(items) // len(greedy))
    balanced = [items[i : i + even] for i in range(0, len(items), even)]
    fits = len(balanced) == len(greedy) and all(len(c) == 1 or sum(length(i) for i in c) <= chars for c in balanced)
    return balanced if fits else greedy


def _part(title: str, number: int, total: int) -> str:
    return title if total == 1 else f"{title} ({number}/{total})"


def _notes(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs if p)
    return f'<aside class="notes">{body}</aside>'


def render_slides(book: Book, chapters: list[Chapter]) -> str:
    """The <section> elements of the deck."""
    esc = html.escape
    slides = []
    per_chapter = SEMINAR_MINUTES // max(len(chapters), 1)
    contents = "".join(
        f"<li>{esc(chapter.number + '. ' if chapter.number else '')}{esc(chapter.title)}</li>" for chapter in chapters
    )
    slides.append(
        '<section class="title-slide">'
        f"<h1>{esc(book.title)}</h1>"
        f'<p class="subtitle">A {SEMINAR_MINUTES}-minute seminar: the book’s figures and discussion questions</p>'
        f'<ul class="contents">{contents}</ul>'
        f'<p class="byline">{esc(book.author)}{", version " + esc(book.version) if book.version else ""}. '
        "Every chart is computed from the book’s cited data tables.</p>"
        + _notes(
            f"{len(chapters)} chapter(s): about {per_chapter} minutes each. A suggested rhythm per chapter: "
            "the summary (5 minutes), the figures (a few minutes each: ask what the chart shows before "
            "explaining it), then the discussion questions for the rest.",
            "Press S for this speaker view, F for full screen, Esc for an overview of all slides; "
            "Alt+click (Ctrl+click on Linux) zooms into a chart and back.",
        )
        + "</section>"
    )
    for chapter in chapters:
        label = f"Chapter {esc(chapter.number)} · " if chapter.number else ""
        kicker = f'<p class="kicker">{label}{esc(chapter.title)}</p>'
        cite = "Cite as: " + book.cite_chapter(chapter)
        cited = ""
        if chapter.cited:
            cited = (
                "Works this chapter cites:</p><ul>"
                + "".join(f"<li>{esc(entry)}</li>" for entry in chapter.cited)
                + "</ul><p>"
            )
        summary_parts = _chunks(chapter.summary)
        for part, bullets in enumerate(summary_parts, start=1):
            # A chapter without a "Summary" section still opens with a slide of its title.
            heading = _part("Summary", part, len(summary_parts)) if bullets else chapter.title
            items = f"<ul>{''.join(f'<li>{item}</li>' for item in bullets)}</ul>" if bullets else ""
            slides.append(
                f'<section class="summary-slide" data-chapter="{esc(chapter.docname)}">'
                f"{kicker}<h2>{esc(heading)}</h2>{items}" + _notes(cite, cited) + "</section>"
            )
        for figure in chapter.figures:
            layout = "figure-slide tall" if figure.tall else "figure-slide"
            slides.append(
                f'<section class="{layout}" data-chapter="{esc(chapter.docname)}">{kicker}'
                f'<h2 class="visually-hidden">{esc(figure.title)}</h2>'
                '<figure class="book-figure">'
                f'<img src="{esc(figure.src, quote=True)}" alt="{esc(figure.alt, quote=True)}">'
                f"<figcaption><p>{esc(figure.caption)}</p>"
                f'<p class="book-figure-source">{esc(figure.source)}</p></figcaption></figure>'
                + _notes(f"What the chart shows (its alt text): {esc(figure.alt)}", esc(figure.source), cite)
                + "</section>"
            )
        if chapter.questions:
            question_parts = _chunks(chapter.questions, length=lambda q: len(re.sub(r"<[^>]+>", "", q.lead)))
            start = 1
            for part, questions in enumerate(question_parts, start=1):
                items = "".join(f"<li>{q.lead}</li>" for q in questions)
                notes = "".join(f"<li>{q.full}</li>" for q in questions)
                slides.append(
                    f'<section class="questions-slide" data-chapter="{esc(chapter.docname)}">{kicker}'
                    f"<h2>{esc(_part('Discussion questions', part, len(question_parts)))}</h2>"
                    f'<ol start="{start}">{items}</ol>'
                    f'<aside class="notes"><p>The questions in full, with arguments on each side:</p><ol start="{start}">{notes}</ol>'
                    f"<p>{cite}</p></aside></section>"
                )
                start += len(questions)
    slides.append(
        '<section class="closing-slide">'
        "<h2>Cite and reuse</h2>"
        f"<p>{esc(book.author)} ({esc(book.year)}). <em>{esc(book.title)}</em>"
        f"{'. Version ' + esc(book.version) if book.version else ''}.</p>"
        "<p>Text, data and figures: CC BY 4.0. Code: MIT. Every figure names the data table it was drawn from; "
        "each chapter runs as a notebook, so students can change the data and redraw the charts.</p>"
        + _notes("Point students to the chapters as notebooks (make lab) for the exercises.")
        + "</section>"
    )
    return "\n".join(slides)


def render_deck(book: Book, chapters: list[Chapter], template: str) -> str:
    esc = html.escape
    return Template(template).substitute(
        lang=esc(book.lang),
        title=esc(f"{book.title}: seminar slides"),
        description=esc(f"Seminar slides from {book.title}: its figures and discussion questions."),
        reveal_version=REVEAL_VERSION,
        slides=render_slides(book, chapters),
        stylesheet="deck.css",
        width=1280,
        height=720,
        margin=0.02,
    )


class _AssetParser:
    """Collects the addresses that <script>, <link>, <img>, <source>, <iframe> and <video> load."""

    TAGS = {
        "script": "src",
        "link": "href",
        "img": "src",
        "source": "src",
        "iframe": "src",
        "video": "src",
        "audio": "src",
    }

    def __init__(self, text: str):
        from html.parser import HTMLParser

        found = self.found = []
        tags = self.TAGS

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                wanted = tags.get(tag)
                for name, value in attrs:
                    if name == wanted and value:
                        found.append((tag, value))

        Parser().feed(text)


def remote_assets(text: str) -> list[tuple[str, str]]:
    """(tag, address) of every script, stylesheet, image or media the page would load from another host."""
    return [(tag, value) for tag, value in _AssetParser(text).found if REMOTE.match(value)]


def missing_local_assets(text: str, folder: Path) -> list[str]:
    """Local addresses (not data: URIs) that the page loads but that are not in `folder`."""
    missing = []
    for _, value in _AssetParser(text).found:
        if REMOTE.match(value) or value.startswith("data:"):
            continue
        if not (folder / value.split("#")[0].split("?")[0]).exists():
            missing.append(value)
    return missing


# --- reveal.js from the npm registry --------------------------------------------------------


def install_reveal(prefix: Path) -> Path:
    """reveal.js REVEAL_VERSION installed under `prefix` (once) with npm; returns its package folder."""
    package = prefix / "node_modules" / "reveal.js"
    manifest = package / "package.json"
    if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("version") == REVEAL_VERSION:
        return package
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("slides: npm is needed to install reveal.js from the npm registry (apt-get install npm)")
    prefix.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(prefix),
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--no-save",
            "--loglevel=error",
            f"reveal.js@{REVEAL_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not manifest.exists():
        raise SystemExit(f"slides: npm could not install reveal.js@{REVEAL_VERSION}:\n{result.stdout}{result.stderr}")
    installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if installed != REVEAL_VERSION:
        raise SystemExit(f"slides: npm installed reveal.js {installed}, not the pinned {REVEAL_VERSION}")
    return package


def copy_reveal(package: Path, dest: Path, theme: str = "white") -> None:
    """Copy what the deck loads into `dest`: reveal.js's core, one theme with its font, two plugins.

    Only the "white" theme is copied: some other themes import web fonts from another host.
    """
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "dist" / "theme").mkdir(parents=True)
    for name in ("reset.css", "reveal.css", "reveal.js"):
        shutil.copy2(package / "dist" / name, dest / "dist" / name)
    shutil.copy2(package / "dist" / "theme" / f"{theme}.css", dest / "dist" / "theme" / f"{theme}.css")
    shutil.copytree(
        package / "dist" / "theme" / "fonts" / "source-sans-pro", dest / "dist" / "theme" / "fonts" / "source-sans-pro"
    )
    for plugin in ("notes", "zoom"):
        shutil.copytree(
            package / "plugin" / plugin, dest / "plugin" / plugin, ignore=shutil.ignore_patterns("*.map", "*.esm.js")
        )
    shutil.copy2(package / "LICENSE", dest / "LICENSE")


# --- Command line -------------------------------------------------------------------------


def make_deck(book_root: Path, html_dir: Path, out: Path, npm_prefix: Path) -> tuple[Path, list[Chapter]]:
    """The chapter decks (one deck, a part per chapter with figures) as ``out/chapters.html``."""
    import yaml

    toc = yaml.safe_load((book_root / "_toc.yml").read_text(encoding="utf-8"))
    chapters = read_chapters(html_dir, toc_files(toc))
    if not chapters:
        raise SystemExit(f"slides: no chapter in {html_dir} has a figure; is the book built?")
    book = read_book(book_root)
    deck = render_deck(book, chapters, (TEMPLATE_DIR / "deck.html").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(install_reveal(npm_prefix), out / "reveal")
    shutil.copy2(TEMPLATE_DIR / "deck.css", out / "deck.css")
    return _write_checked(out / "chapters.html", deck), chapters


def make_session_deck(book_root: Path, html_dir: Path, out: Path, npm_prefix: Path):
    """The session deck, in the order of teaching/plan.yml, as ``out/session.html``; returns
    (its path, its slides)."""
    from helpers.teaching import load_plan

    from .session import render_session

    deck, slides = render_session(
        read_book(book_root), load_plan(), html_dir, (TEMPLATE_DIR / "deck.html").read_text(encoding="utf-8")
    )
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "reveal" / "dist" / "reveal.js").exists():
        copy_reveal(install_reveal(npm_prefix), out / "reveal")
    shutil.copy2(TEMPLATE_DIR / "session.css", out / "session.css")
    return _write_checked(out / "session.html", deck), slides


def _write_checked(page: Path, deck: str) -> Path:
    page.write_text(deck, encoding="utf-8")
    problems = [f"remote {tag}: {value}" for tag, value in remote_assets(deck)]
    problems += [f"missing file: {value}" for value in missing_local_assets(deck, page.parent)]
    if problems:
        raise SystemExit(f"slides: {page.name} would not work offline:\n  " + "\n  ".join(problems))
    return page


INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Seminar slides</title>
<style>body { font: 20px/1.5 "Source Sans Pro", "DejaVu Sans", sans-serif; max-width: 42em; margin: 3em auto; padding: 0 1em; }</style>
</head><body><h1>Seminar slides</h1><ul>
<li><a href="session.html">The session deck</a>: the 90-minute seminar in the order of its plan, for the lecturer to project
(press S for the speaker notes with each segment's minutes).</li>
<li><a href="chapters.html">The chapter decks</a>: each chapter's summary, figures and discussion questions.</li>
</ul></body></html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, default=REPO, help="the book's sources (default: this repository)")
    parser.add_argument(
        "--html",
        type=Path,
        help="an existing strict HTML build of the book to read (default: build one in a temporary copy first)",
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "_build" / "slides", help="output folder (default: _build/slides)"
    )
    parser.add_argument(
        "--npm-prefix",
        type=Path,
        default=REPO / "_build" / "slides-npm",
        help="where npm installs reveal.js (default: _build/slides-npm)",
    )
    args = parser.parse_args(argv)
    book_root = args.book.resolve()
    out, prefix = args.out.resolve(), args.npm_prefix.resolve()

    def make(html_dir: Path):
        return make_deck(book_root, html_dir, out, prefix), make_session_deck(book_root, html_dir, out, prefix)

    if args.html:
        (chapter_deck, chapters), (session, slides) = make(args.html.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="book-slides-") as work:
            print("slides: building the book strictly in a temporary copy ...", flush=True)
            root = copy_book(book_root, Path(work) / "book")
            cache = book_root / "_build" / ".jupyter_cache"
            if cache.is_dir():
                shutil.copytree(cache, root / "_build" / ".jupyter_cache")
            (chapter_deck, chapters), (session, slides) = make(build(root, "html"))
    (out / "index.html").write_text(INDEX, encoding="utf-8")
    per_segment: dict[str, int] = {}
    for slide in slides:
        per_segment[slide.segment] = per_segment.get(slide.segment, 0) + 1
    print(f"slides: the session deck, {len(slides)} slides: " + ", ".join(f"{k} {v}" for k, v in per_segment.items()))
    figures = sum(len(chapter.figures) for chapter in chapters)
    print(f"slides: the chapter decks, {len(chapters)} chapter(s), {figures} figure(s)")
    print(f"slides: open file://{session} (S: speaker notes, F: full screen; works offline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
