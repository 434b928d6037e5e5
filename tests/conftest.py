"""Shared fixtures: a copy of the book in a temporary folder, and a strict build of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))  # the book's Sphinx extensions, for unit tests

import bookcopy  # noqa: E402
from bookcopy import REPO, STRICT, notebook_chapters, read_toc, toc_files  # noqa: E402,F401

BIN = Path(sys.executable).parent


def copy_book(dest: Path) -> Path:
    """Copy the book's sources (no build, no venv, no git) to `dest` and return it."""
    return bookcopy.copy_book(REPO, dest)


def build_book(root: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the strict build of the book at `root`, with its own helpers first on the path."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "BOOK_ROOT": str(root)}
    return subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(root), *STRICT, *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A fresh strict build (empty execution cache) of a copy of the book; returns _build/html."""
    root = copy_book(tmp_path_factory.mktemp("book") / "book")
    result = build_book(root)
    assert result.returncode == 0, "strict book build failed:\n" + result.stdout[-6000:] + result.stderr[-6000:]
    return root / "_build" / "html"


# One Chromium for every test that needs a browser (Playwright's sync API allows one at a time).
@pytest.fixture(scope="session")
def chromium() -> str:
    from browser_support import chromium_path

    path = chromium_path()
    if path is None:
        message = "Chromium is not installed: apt-get install chromium (Debian's package; the browser tests drive it headless)"
        if os.environ.get("BOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " [BOOK_REQUIRE_BROWSER=1]", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium):
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        from browser_support import launch

        instance = launch(playwright)
        yield instance
        instance.close()
