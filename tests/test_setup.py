"""The environment make sets up: the book's packages and commands, installed from this folder."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, console_scripts


def plan(root: Path, *target: str) -> str:
    """What make would run in `root` (a dry run: nothing is run)."""
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "PYTHON=python3", *target],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_runs_the_packages_commands_for_slides_pdf_and_lab():
    commands = console_scripts()
    assert commands == {
        "book-slides": "bookscripts.slides:main",
        "book-pdf": "bookscripts.pdf:main",
        "book-lab-settings": "bookscripts.lab_settings:main",
    }
    assert ".venv/bin/book-slides" in plan(REPO, "slides").splitlines()
    assert ".venv/bin/book-pdf" in plan(REPO, "pdf").splitlines()
    assert ".venv/bin/book-lab-settings" in plan(REPO, "lab", "-W", "requirements-lab.txt").splitlines()
    for name, target in commands.items():
        module, function = target.split(":")
        assert callable(getattr(importlib.import_module(module), function)), target
        assert (Path(sys.executable).parent / name).is_file(), f"{name} is not installed: run make setup"


def test_the_installed_packages_are_this_folders_code():
    import bookscripts
    import helpers

    here = Path(__file__).resolve().parents[1]  # the folder these tests are in
    assert Path(bookscripts.__file__).resolve() == here / "scripts" / "__init__.py"
    assert Path(helpers.__file__).resolve() == here / "src" / "helpers" / "__init__.py"


def test_no_code_puts_folders_on_the_import_path_by_hand():
    pattern = re.compile(r"sys\.path\.(insert|append)\(")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("src", "scripts", "_ext", "bench", "tests", "binder", "chapters")
        for path in sorted((REPO / folder).rglob("*"))
        if path.suffix in (".py", ".md", "") and path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, f"imports should come from the installed packages or pytest's pythonpath: {found}"
