"""The built book in a real browser: Debian's Chromium, headless, driven by playwright.

Every HTML page of the built book (the table of contents' pages, the root redirect, search and
the index) is served over http on 127.0.0.1 and must: load with no console error, page error,
failed request or request to another host; give every image a meaningful alt text and every
figure a caption; draw no character from an icon font the book does not ship; pass an axe-core audit, its experimental rules included, with no serious or
critical violation (light and dark colour schemes, desktop and phone widths); have every internal link and #anchor resolve; and
not scroll sideways on a 390 px wide phone.

Each check is a plain function in tests/browser_support.py that returns a list of problems.
The second half of this file proves that each one can fail: it breaks a copy of a built page
in one way at a time and asserts that the right checker reports it (and does not report it on
the unbroken copy).

Without Chromium these tests are skipped (`apt-get install chromium`), unless
BOOK_REQUIRE_BROWSER=1 (CI sets it), when they fail instead.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bookscripts.local_server import html_pages, redirect_target, serve
from browser_support import (
    DESKTOP,
    PHONE,
    axe_problems,
    console_and_network_problems,
    glyph_problems,
    image_and_figure_problems,
    link_problems,
    overflow_problems,
    page_at,
)
from conftest import REPO, read_toc, toc_files

pytestmark = pytest.mark.browser


def toc_pages() -> list[str]:
    """The built HTML page of every file in _toc.yml, the root redirect, search and the index."""
    files = toc_files(read_toc(REPO))
    return ["index.html", *(f"{name}.html" for name in files), "search.html", "genindex.html"]


PAGES = toc_pages()


@pytest.fixture(scope="session")
def site(browser, built_book):
    """(folder, base URL) of the strictly built book, served on 127.0.0.1."""
    with serve(built_book) as base_url:
        yield built_book, base_url


def built_page(site, page: str):
    """(root, base) of the served book, skipping when `page` was not built (the strict-build
    test already fails if a page of the table of contents is missing)."""
    root, base = site
    if not (root / page).is_file():
        pytest.skip(f"{page} is not built")
    return root, base


def _report(page: str, problems: list[str]) -> str:
    return f"{page}: {len(problems)} problem(s):\n  " + "\n  ".join(problems)


# --- The real pages ---------------------------------------------------------------------------


def test_every_built_page_is_checked(site):
    root, _ = site
    unchecked = sorted(set(html_pages(root)) - set(PAGES))
    assert not unchecked, f"built pages that no browser test visits (add them to toc_pages): {unchecked}"


def test_root_redirects_to_the_first_page(site):
    root, _ = site
    index = root / "index.html"
    target = redirect_target(index)
    assert target is not None and (root / target).is_file(), (
        f"index.html should redirect to the book's first page, got {target!r}"
    )
    text = index.read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="[a-z]', text) and "<title>" in text and f'href="{target}"' in text, (
        "the redirect page needs a language, a title and a plain link for browsers that do not follow it"
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_cleanly_and_stays_local(site, browser, page):
    root, base = built_page(site, page)
    problems = console_and_network_problems(browser, base + page, base)
    assert not problems, _report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_images_have_alt_text_and_figures_captions(site, browser, page):
    root, base = built_page(site, page)
    with page_at(browser, base + page, base) as tab:
        problems = image_and_figure_problems(tab)
    assert not problems, _report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_no_glyph_needs_a_missing_icon_font(site, browser, page):
    root, base = built_page(site, page)
    with page_at(browser, base + page, base) as tab:
        problems = glyph_problems(tab)
    assert not problems, _report(page, problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_accessibility_audit(site, browser, page, scheme):
    root, base = built_page(site, page)
    problems = []
    for viewport in (DESKTOP, PHONE):
        with page_at(browser, base + page, base, viewport, scheme) as tab:
            problems += [f"{viewport['width']} px: {p}" for p in axe_problems(tab)]
    assert not problems, _report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_internal_links_and_anchors_resolve(site, browser, page):
    root, base = built_page(site, page)
    with page_at(browser, base + page, base) as tab:
        problems = link_problems(tab, root, base)
    assert not problems, _report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_nothing_overflows_on_a_phone(site, browser, page):
    root, base = built_page(site, page)
    with page_at(browser, base + page, base, PHONE) as tab:
        problems = overflow_problems(tab)
    assert not problems, _report(page, problems)


# --- Each check fails on a deliberately broken copy ---------------------------------------------

# name: (HTML injected into the page's main content, which check, what its report must contain)
BREAKAGES = {
    "foreign-script": (
        '<script src="https://example.invalid/x.js"></script>',
        "network",
        "request to another host: https://example.invalid/x.js",
    ),
    "foreign-image": (
        '<img src="http://example.invalid/chart.png" alt="A chart of NATO membership from another host">',
        "network",
        "request to another host: http://example.invalid/chart.png",
    ),
    "console-error": (
        '<script>console.error("deliberate console error")</script>',
        "network",
        "console error: deliberate console error",
    ),
    "page-error": (
        '<script>throw new Error("deliberate page error")</script>',
        "network",
        "page error: deliberate page error",
    ),
    "missing-file": ('<img src="no-such-picture.png" alt="A picture that is not there">', "network", "failed request:"),
    "img-without-alt": ('<img src="../_static/favicon.svg">', "images", "<img> without alt text"),
    "img-empty-alt": ('<img src="../_static/favicon.svg" alt=" ">', "images", "<img> with empty alt text"),
    "img-alt-image": ('<img src="../_static/favicon.svg" alt="image">', "images", "alt text says nothing ('image')"),
    "img-alt-filename": (
        '<img src="../_static/favicon.svg" alt="favicon.svg">',
        "images",
        "alt text says nothing ('favicon.svg')",
    ),
    "figure-without-caption": (
        '<figure><img src="../_static/favicon.svg" alt="The book\'s emblem, a small square"></figure>',
        "images",
        "<figure> without <figcaption>",
    ),
    "icon-font-glyph": (
        '<style>.deliberate-icon::after { content: "\\f303"; }</style><p class="deliberate-icon">An exercise</p>',
        "glyphs",
        "icon-font glyph U+F303 in p.deliberate-icon::after",
    ),
    "low-contrast": (
        '<p style="color:#c8c8c8;background:#ffffff">Barely legible grey text on white.</p>',
        "axe",
        "color-contrast:",
    ),
    "unlabeled-button": (
        '<button type="button"><svg width="16" height="16" aria-hidden="true"></svg></button>',
        "axe",
        "button-name:",
    ),
    "unlabeled-input": ('<input type="text">', "axe", " label:"),
    # An experimental rule: the accessible name must contain the visible words (WCAG 2.5.3).
    "name-not-the-visible-text": (
        '<details><summary aria-label="Toggle hidden content">Show code cell source</summary>x = 1</details>',
        "axe",
        "label-content-name-mismatch:",
    ),
    "too-wide": (
        '<div style="width:1200px;height:8px;background:#000"></div>',
        "overflow",
        "wider than the 390 px viewport",
    ),
    "page-too-wide": ("<style>.page { min-width: 900px; }</style>", "overflow", "px wide in a 390 px viewport"),
    "broken-link": (
        '<a href="no-such-page.html">a page that does not exist</a>',
        "links",
        "no-such-page.html does not exist",
    ),
    "broken-anchor": (
        '<a href="#no-such-anchor">a section that does not exist</a>',
        "links",
        "no element with id 'no-such-anchor'",
    ),
    "broken-anchor-elsewhere": (
        '<a href="../genindex.html#no-such-anchor">an entry that does not exist</a>',
        "links",
        "no element with id 'no-such-anchor' in genindex.html",
    ),
    "broken-stylesheet": (
        '<link rel="stylesheet" href="../_static/no-such.css">',
        "links",
        "_static/no-such.css does not exist",
    ),
}
# Wide content is allowed inside a block that scrolls on its own: this must NOT be reported.
ALLOWED = {
    "wide-code": (
        '<div class="highlight"><pre>' + "x = 1  # " + "a long line of code " * 30 + "</pre></div>",
        "overflow",
    ),
    "wide-table": (
        '<div class="cell_output"><table><tr>'
        + "<td>a&nbsp;wide&nbsp;cell&nbsp;of&nbsp;data</td>" * 30
        + "</tr></table></div>",
        "overflow",
    ),
}


def _chapter_page() -> str:
    """The first chapter after the landing page (a real page with code, outputs and figures)."""
    return next(page for page in PAGES[2:] if page.startswith("chapters/"))


def _inject(html: str, snippet: str) -> str:
    marker = re.search(r'<article[^>]*id="furo-main-content"[^>]*>', html) or re.search(r"<body[^>]*>", html)
    assert marker, "no place to inject into the page"
    return html[: marker.end()] + "\n" + snippet + "\n" + html[marker.end() :]


@pytest.fixture(scope="session")
def broken_site(site, tmp_path_factory):
    """A copy of the built book with, beside one chapter, one broken copy of it per breakage."""
    root, _ = site
    copy = tmp_path_factory.mktemp("broken") / "html"
    shutil.copytree(root, copy)
    original = _chapter_page()
    html = (copy / original).read_text(encoding="utf-8")
    pages = {"pristine": original}
    for name, (snippet, *_rest) in {**BREAKAGES, **ALLOWED}.items():
        rel = str(Path(original).with_name(f"broken-{name}.html"))
        (copy / rel).write_text(_inject(html, snippet), encoding="utf-8")
        pages[name] = rel
    with serve(copy) as base_url:
        yield copy, base_url, pages


def _check(kind: str, browser, root: Path, base: str, page: str) -> list[str]:
    url = base + page
    if kind == "network":
        return console_and_network_problems(browser, url, base)
    if kind == "overflow":
        with page_at(browser, url, base, PHONE) as tab:
            return overflow_problems(tab)
    with page_at(browser, url, base) as tab:
        if kind == "images":
            return image_and_figure_problems(tab)
        if kind == "axe":
            return axe_problems(tab)
        if kind == "glyphs":
            return glyph_problems(tab)
        if kind == "links":
            return link_problems(tab, root, base)
    raise ValueError(kind)


_PRISTINE: dict[str, list[str]] = {}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_each_check_catches_a_deliberate_breakage(broken_site, browser, name):
    root, base, pages = broken_site
    _snippet, kind, expected = BREAKAGES[name]
    if kind not in _PRISTINE:
        _PRISTINE[kind] = _check(kind, browser, root, base, pages["pristine"])
    before = _PRISTINE[kind]
    assert not any(expected in problem for problem in before), f"the unbroken copy already shows {expected!r}: {before}"
    after = _check(kind, browser, root, base, pages[name])
    assert any(expected in problem for problem in after), (
        f"the {kind} check missed {name}: expected {expected!r} in {after}"
    )


@pytest.mark.parametrize("name", list(ALLOWED))
def test_wide_content_may_scroll_inside_its_own_block(broken_site, browser, name):
    root, base, pages = broken_site
    _snippet, kind = ALLOWED[name]
    assert _check(kind, browser, root, base, pages[name]) == []
