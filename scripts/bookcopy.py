"""What the build scripts, the benchmark and the tests share: a copy of the book, its strict
build, its table of contents, and Debian's Chromium.

    from bookscripts.bookcopy import REPO, STRICT, copy_book, build_book, toc_files, read_toc, notebook_chapters
    from bookscripts.bookcopy import CHROMIUM_ARGS, chromium_path
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STRICT = ["--warningiserror", "--nitpick", "--keep-going"]
COPY_IGNORE = (".git", ".venv", "_build", "__pycache__", ".pytest_cache", "bench", "*.egg-info", ".ipynb_checkpoints")

CHROMIUM = "/usr/bin/chromium"  # Debian's package; $BOOK_CHROMIUM names another binary
# Headless Chromium as root, on a machine whose only network is the local one.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def copy_book(source: Path, dest: Path) -> Path:
    """Copy the book's sources (no build, no virtual environment, no git) to `dest`; return it."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*COPY_IGNORE))
    return dest


def jupyter_book() -> str:
    """The jupyter-book command of the running environment."""
    found = Path(sys.executable).parent / "jupyter-book"
    return str(found) if found.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def build_book(root: Path, *extra: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run the strict build of the book at `root` (extra arguments after the strict flags),
    with its own helpers first on the path; the output is captured."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "BOOK_ROOT": str(root)}
    return subprocess.run(
        [jupyter_book(), "build", str(root), *STRICT, *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def toc_files(toc: dict) -> list[str]:
    """Every file named in a jb-book _toc.yml (as a dict), in order, nested sections included."""
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def notebook_chapters(root: Path = REPO) -> list[Path]:
    """The chapters of the book at `root` that are notebooks (MyST Markdown with a kernelspec), sorted."""
    return sorted(p for p in (root / "chapters").glob("*.md") if "kernelspec" in p.read_text(encoding="utf-8")[:600])


def read_toc(root: Path = REPO) -> dict:
    """The _toc.yml of the book at `root`."""
    import yaml

    return yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))


def chromium_path() -> str | None:
    """Debian's Chromium (or the binary $BOOK_CHROMIUM names, or another Chromium on PATH),
    or None when there is none."""
    configured = os.environ.get("BOOK_CHROMIUM")
    candidates = (
        [configured]
        if configured
        else [CHROMIUM, *(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))]
    )
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None
