"""Checkers that drive Debian's Chromium over a built book and list problems.

Every checker is a plain function that takes a browser (and a URL) or an open page and returns
a list of problems as readable strings; an empty list means the page passes. The same
functions check the real pages (tests/test_browser.py) and deliberately broken copies of them.
The local server and the browser launch are ``bookscripts.local_server`` (scripts/), which
the benchmark uses too.
"""

from __future__ import annotations

import contextlib
import functools
import re
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bookscripts.local_server import REFRESH

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Alt texts that say nothing about the picture.
EMPTY_ALT = {
    "image",
    "img",
    "picture",
    "figure",
    "chart",
    "graph",
    "plot",
    "photo",
    "icon",
    "logo",
    "diagram",
    "map",
    "untitled",
    "alt",
    "none",
}
FILENAME_ALT = re.compile(r"^[\w\-. /]+\.(png|jpe?g|gif|svg|webp|avif|bmp)$", re.IGNORECASE)
# Blocks inside which wide content may scroll sideways on a phone without widening the page.
SCROLLERS = "pre, .highlight, table, .table-wrapper, .cell_output, .output, .book-lookup-wrap, .math-wrapper, .math"


def new_context(browser, viewport: dict | None = None, color_scheme: str = "light"):
    """A fresh browser context (no cache, no storage) with the given viewport and colour scheme."""
    return browser.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme, service_workers="block")


def _is_local(url: str, base_url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    base = urlsplit(base_url)
    return parts.scheme == base.scheme and parts.netloc == base.netloc


class PageLog:
    """Everything a page reported while it loaded: console errors, page errors, failed requests."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.route("**/*", self._route)

    def _on_console(self, message) -> None:
        if message.type in ("error", "assert"):
            location = message.location or {}
            where = location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def _on_failed(self, request) -> None:
        if _is_local(request.url, self.base_url):
            self.failed.append(f"{request.url}: {request.failure}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def _route(self, route) -> None:
        url = route.request.url
        if _is_local(url, self.base_url):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def problems(self) -> list[str]:
        found = [f"request to another host: {url}" for url in self.foreign]
        found += [
            f"console error: {text}"
            for text in self.console_errors
            # A request this log aborted for going to another host is reported above already.
            if not ("ERR_BLOCKED_BY_CLIENT" in text and self.foreign)
        ]
        found += [f"page error: {text}" for text in self.page_errors]
        found += [f"failed request: {text}" for text in self.failed]
        return found


def open_page(context, url: str, base_url: str, settle_ms: int = 300, idle: bool = True):
    """Open `url` in `context`, watching it from the first request; return (page, log).

    A meta-refresh redirect is followed, so the page returned is the one a reader ends on.
    With `idle`, wait until the network has been quiet for 500 ms and then `settle_ms` more,
    so that late requests and errors are seen too.
    """
    page = context.new_page()
    log = PageLog(base_url)
    log.watch(page)
    # Read the page first (the local server, not the browser) to know whether it redirects.
    with urllib.request.urlopen(url, timeout=30) as answer:
        refresh = REFRESH.search(answer.read().decode("utf-8", errors="replace"))
    page.goto(url, wait_until="load")
    if refresh:
        page.wait_for_url(urljoin(url, refresh.group(1).strip()), wait_until="load")
    if idle:
        page.wait_for_load_state("networkidle")
    page.wait_for_timeout(settle_ms)  # let late scripts (timers, async handlers) run and report
    page.wait_for_load_state("load")
    return page, log


@contextlib.contextmanager
def page_at(browser, url: str, base_url: str, viewport: dict | None = None, color_scheme: str = "light"):
    """The page at `url`, loaded in a fresh context; closed on exit."""
    context = new_context(browser, viewport, color_scheme)
    try:
        page, _log = open_page(context, url, base_url, settle_ms=200, idle=False)
        yield page
    finally:
        context.close()


def console_and_network_problems(browser, url: str, base_url: str) -> list[str]:
    """Load `url` fresh: console errors, page errors, failed requests, requests to other hosts."""
    context = new_context(browser)
    try:
        page, log = open_page(context, url, base_url)
        # Exercise the chrome a reader would touch: the colour-theme toggle.
        toggles = page.locator("button.theme-toggle:visible")
        if toggles.count():
            toggles.first.click()
            page.wait_for_timeout(100)
        return log.problems()
    finally:
        context.close()


IMAGES_JS = """() => {
  const out = {images: [], figures: []};
  for (const img of document.querySelectorAll('img')) {
    out.images.push({alt: img.getAttribute('alt'), src: (img.getAttribute('src') || '').slice(0, 80),
                     html: img.outerHTML.replace(/src="data:[^"]*"/, 'src="data:…"').slice(0, 160)});
  }
  for (const fig of document.querySelectorAll('figure')) {
    const caption = fig.querySelector(':scope > figcaption');
    out.figures.push({caption: caption ? caption.textContent.trim() : null,
                      html: fig.outerHTML.replace(/src="data:[^"]*"/g, 'src="data:…"').slice(0, 160)});
  }
  return out;
}"""


def image_and_figure_problems(page) -> list[str]:
    """Every <img> needs a meaningful alt text; every <figure> needs a non-empty <figcaption>."""
    found = []
    data = page.evaluate(IMAGES_JS)
    for img in data["images"]:
        alt = img["alt"]
        text = " ".join((alt or "").split())
        src_name = unquote(urlsplit(img["src"]).path.rsplit("/", 1)[-1]) if not img["src"].startswith("data:") else ""
        if alt is None:
            found.append(f"<img> without alt text: {img['html']}")
        elif not text:
            found.append(f"<img> with empty alt text: {img['html']}")
        elif (
            text.lower().strip(".") in EMPTY_ALT
            or FILENAME_ALT.match(text)
            or (src_name and text == src_name)
            or len(text) < 5
        ):
            found.append(f"<img> alt text says nothing ({text!r}): {img['html']}")
    for figure in data["figures"]:
        if figure["caption"] is None:
            found.append(f"<figure> without <figcaption>: {figure['html']}")
        elif not figure["caption"]:
            found.append(f"<figure> with an empty <figcaption>: {figure['html']}")
    return found


# Icon fonts put their glyphs in Unicode's Private Use Area (U+E000 to U+F8FF). The book ships no
# icon font, so such a character in generated content (a ::before or ::after rule, as
# sphinx-exercise's \f303 pencil) is drawn as an empty box.
GLYPHS_JS = """
() => {
  const found = [];
  const pua = /[\\uE000-\\uF8FF]/;
  for (const el of document.querySelectorAll('body *')) {
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== 'none' && content !== 'normal' && pua.test(content)) {
        const code = content.match(pua)[0].codePointAt(0).toString(16).toUpperCase();
        const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        found.push({where: el.tagName.toLowerCase() + cls + pseudo, code});
      }
    }
  }
  return found;
}
"""


def glyph_problems(page) -> list[str]:
    """Generated content that needs an icon font the book does not ship (a Private Use Area
    character in a ::before or ::after rule), which a reader sees as an empty box."""
    found = Counter((item["where"], item["code"]) for item in page.evaluate(GLYPHS_JS))
    return [
        f"icon-font glyph U+{code} in {where} ({count} element(s)); no icon font is shipped"
        for (where, code), count in sorted(found.items())
    ]


def axe_problems(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's audit of the page, its experimental rules included (such as
    label-content-name-mismatch, WCAG 2.5.3): every violation of the given impacts."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    experimental = page.evaluate("axe.getRules(['experimental']).map((rule) => rule.ruleId)")
    assert "label-content-name-mismatch" in experimental, experimental
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in experimental}}
    results = axe.run(page, options=options)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in impacts:
            targets = ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
            found.append(
                f"axe {violation['impact']} {violation['id']}: {violation['help']} "
                f"({len(violation['nodes'])} element(s): {targets})"
            )
    return found


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" or (key == "name" and tag == "a"):
                if value is not None:
                    self.names.add(value)


@functools.lru_cache(maxsize=256)
def _anchors_in(path: str, mtime: float) -> frozenset[str]:
    parser = _Anchors()
    parser.feed(Path(path).read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.names)


LINKS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('a[href], area[href], link[href], img[src], script[src], iframe[src], source[src]')) {
    const attr = el.hasAttribute('href') ? 'href' : 'src';
    out.push({tag: el.tagName.toLowerCase(), raw: el.getAttribute(attr), url: el[attr] || ''});
  }
  return out;
}"""


def link_problems(page, root: Path, base_url: str) -> list[str]:
    """Every internal link, script, stylesheet and image resolves: the file exists under `root`
    and, for a #fragment, the target page has an element with that id (or an <a name>)."""
    found = []
    seen = set()
    for link in page.evaluate(LINKS_JS):
        url = link["url"]
        if not url or not _is_local(url, base_url) or url.startswith(("data:", "blob:", "about:")):
            continue
        if link["raw"].startswith(("javascript:", "mailto:", "tel:")):
            continue
        if url in seen:
            continue
        seen.add(url)
        address, fragment = urldefrag(url)
        rel = unquote(urlsplit(address).path).lstrip("/")
        target = root / rel
        if target.is_dir():
            target = target / "index.html"
        where = f"<{link['tag']}> {link['raw']!r}"
        if not target.is_file():
            found.append(f"{where}: {rel or '/'} does not exist")
            continue
        if fragment and link["tag"] in ("a", "area") and target.suffix == ".html":
            if unquote(fragment) not in _anchors_in(str(target), target.stat().st_mtime):
                found.append(
                    f"{where}: no element with id {unquote(fragment)!r} in {target.relative_to(root).as_posix()}"
                )
    return found


OVERFLOW_JS = """(scrollers) => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const result = {scrollWidth: root.scrollWidth, clientWidth: width, culprits: []};
  const scrolls = (s) => s.overflowX === 'auto' || s.overflowX === 'scroll';
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;            // empty, or visually hidden text
    if (r.right <= width + 1 && r.left >= -1) continue;     // fits
    const style = getComputedStyle(el);
    if (style.position === 'fixed' || style.visibility === 'hidden') continue;
    let excused = false;   // inside a code, table or output block that scrolls on its own, or a drawer off screen
    let boxedBy = null;    // the first other ancestor that scrolls it sideways or cuts it off
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.position === 'fixed' || (scrolls(s) && p.matches(scrollers))) { excused = true; break; }
      if (!boxedBy && s.overflowX !== 'visible') boxedBy = p;
    }
    if (excused) continue;
    const name = (node) => node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
      (typeof node.className === 'string' && node.className.trim() ? '.' + node.className.trim().split(/\\s+/).join('.') : '');
    result.culprits.push(name(el) + ' (' + Math.round(r.left) + ' to ' + Math.round(r.right) + ' px' +
                         (boxedBy ? ', inside ' + name(boxedBy) + ' (overflow-x: ' + getComputedStyle(boxedBy).overflowX + ')' : '') + ')');
  }
  return result;
}"""


def overflow_problems(page) -> list[str]:
    """At the page's viewport (390 px for a phone), nothing may stick out sideways: neither widen
    the page (document.documentElement.scrollWidth > clientWidth + 1), nor make the theme's
    content column scroll sideways (Furo's .content has overflow-x: auto on narrow screens),
    nor be cut off at the edge. Wide code, tables and outputs must scroll inside their own box
    (an ancestor matching SCROLLERS with overflow-x auto or scroll)."""
    result = page.evaluate(OVERFLOW_JS, SCROLLERS)
    culprits = result["culprits"]
    found = []
    if result["scrollWidth"] > result["clientWidth"] + 1:
        found.append(
            f"page is {result['scrollWidth']} px wide in a {result['clientWidth']} px viewport: "
            + ("; ".join(culprits[:8]) or "no single element found")
        )
    elif culprits:
        found.append(
            f"content is wider than the {result['clientWidth']} px viewport (the reader must scroll the page "
            f"sideways or cannot see it): " + "; ".join(culprits[:8])
        )
    return found
