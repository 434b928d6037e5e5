"""The environment make sets up: the book's packages and commands, installed from this folder,
and a virtual environment that a copied checkout does not share with the original."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, console_scripts

# What `make setup` reads: with these, `make -n` shows what it would do in a folder.
SETUP_FILES = ["Makefile", "pyproject.toml", "requirements.txt", "requirements-lab.txt", "scripts/lab_settings.py"]
STAMP = ".venv/.installed"


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


def light_checkout(root: Path) -> Path:
    """The files make setup depends on, in `root`, with an environment made there (its stamp)."""
    for name in SETUP_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, root / name)
    (root / ".venv").mkdir()
    (root / STAMP).write_text(f"{root}\n", encoding="utf-8")  # as make setup writes it
    return root


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


def test_make_setup_leaves_the_environment_of_its_own_folder_alone(tmp_path):
    root = light_checkout(tmp_path / "book")
    assert "venv" not in plan(root, "setup"), "an up-to-date environment made in this folder is kept"


def test_a_copied_checkout_gets_its_own_environment(tmp_path):
    """`cp -a` copies the environment too, whose commands and editable install point at the
    original folder; make setup in the copy makes it anew (emptied) and records the copy."""
    original = light_checkout(tmp_path / "original")
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(original), str(copy)], check=True)
    assert (copy / STAMP).stat().st_mtime >= (copy / "pyproject.toml").stat().st_mtime, "the copied stamp is current"
    steps = plan(copy, "setup").splitlines()
    assert "python3 -m venv --clear .venv" in steps, "the copy's environment is made anew:\n" + "\n".join(steps)
    assert ".venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e ." in steps
    assert f"echo '{copy}' > {STAMP}" in steps
    assert "python3 -m venv --clear .venv" in plan(copy, "slides").splitlines(), "so is it before make slides"


@pytest.mark.parametrize("stamp", ["", "/somewhere/else\n"], ids=["unrecorded", "other-folder"])
def test_an_environment_made_for_an_unknown_or_other_folder_is_made_anew(tmp_path, stamp):
    root = light_checkout(tmp_path / "book")
    (root / STAMP).write_text(stamp, encoding="utf-8")
    steps = plan(root, "setup")
    assert "-m venv --clear .venv" in steps and f"echo '{root}' > {STAMP}" in steps
