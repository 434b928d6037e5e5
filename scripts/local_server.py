"""A built book served on 127.0.0.1, and Debian's Chromium launched over it, for the browser
tests and the benchmark.

    from bookscripts.local_server import serve, launch, html_pages, redirect_target

``serve`` is a context manager that serves a folder over http from a thread (optionally
gzip-compressed, as static hosts send text files) and yields its base URL; ``launch`` starts
headless Chromium through Playwright, which never downloads a browser of its own.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from pathlib import Path

from .bookcopy import CHROMIUM_ARGS, chromium_path

# Folders of a built book that hold no pages of its own.
SKIP_DIRS = {
    "_static",
    "_sphinx_design_static",
    "_images",
    "_sources",
    "_downloads",
    "reports",
    ".doctrees",
    ".jupyter_cache",
    "jupyter_execute",
}


def launch(playwright):
    """Headless Chromium from Debian; playwright never downloads a browser of its own."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium is not installed: apt-get install chromium")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt", ".csv", ".ipynb")


class _GzipHandler(_QuietHandler):
    """Serves text files gzip-compressed to a client that accepts it, as static hosts do."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (
            path.suffix not in COMPRESSIBLE
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        import gzip
        import io

        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(folder: Path, compress: bool = False):
    """Serve `folder` over http on 127.0.0.1 (a free port) in a thread; yield the base URL.
    With `compress`, text files go gzip-compressed to clients that accept it."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="book-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def html_pages(root: Path) -> list[str]:
    """Every HTML page of a built book, as paths relative to `root` (posix), sorted."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        if rel.parts[0] in SKIP_DIRS or any(part.startswith(".") for part in rel.parts):
            continue
        pages.append(rel.as_posix())
    return pages


REFRESH = re.compile(
    r"""<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*\d+\s*;\s*url=([^"']+)["']""", re.IGNORECASE
)


def redirect_target(path: Path) -> str | None:
    """The target of a meta-refresh redirect page, or None for an ordinary page."""
    match = REFRESH.search(path.read_text(encoding="utf-8", errors="replace"))
    return match.group(1).strip() if match else None
