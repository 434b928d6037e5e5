"""Shared fixtures: a copy of the book in a temporary folder, and a strict build of it.

The book's build scripts are the installed package ``bookscripts`` (scripts/); the Sphinx
extensions in _ext/ are on the path through pytest's ``pythonpath`` setting (pyproject.toml).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from bookscripts import bookcopy
from bookscripts.bookcopy import REPO, STRICT, build_book, notebook_chapters, read_toc, toc_files  # noqa: F401


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV table of data/, as text."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Write `rows` back to a CSV table, the columns in the order of the first row."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def copy_book(dest: Path) -> Path:
    """Copy the book's sources (no build, no venv, no git) to `dest` and return it."""
    return bookcopy.copy_book(REPO, dest)


def console_scripts() -> dict[str, str]:
    """The commands pyproject.toml installs: name -> module:function."""
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


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
    from bookscripts.bookcopy import chromium_path

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
        from bookscripts.local_server import launch

        instance = launch(playwright)
        yield instance
        instance.close()
