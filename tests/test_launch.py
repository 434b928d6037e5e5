"""Launching a chapter: the links on each page (Binder, JupyterHub), the Binder environment,
and the JupyterLab settings that open the chapters as notebooks."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import notebook_downloads as nd  # _ext/ (on the path through pytest's pythonpath setting)
import pytest

from bookscripts import lab_settings
from conftest import REPO, build_book, console_scripts, copy_book, notebook_chapters

EXAMPLE = "https://github.com/example-org/putin-and-nato"  # a placeholder, for tests only


@pytest.mark.parametrize(
    "remote, expected",
    [
        ("https://github.com/example-org/putin-and-nato", EXAMPLE),
        ("https://github.com/example-org/putin-and-nato.git", EXAMPLE),
        ("https://github.com/example-org/putin-and-nato/", EXAMPLE),
        ("git@github.com:example-org/putin-and-nato.git", EXAMPLE),
        ("ssh://git@github.com/example-org/putin-and-nato.git", EXAMPLE),
        ("https://someone:secret-token@github.com/example-org/putin-and-nato.git", EXAMPLE),
        ("https://gitlab.com/group/sub/book", "https://gitlab.com/group/sub/book"),
        ("/home/someone/putin-and-nato", None),
        ("../putin-and-nato", None),
        ("file:///srv/git/putin-and-nato.git", None),
        ("https://github.com/", None),
        ("", None),
    ],
)
def test_public_repository_url_keeps_web_addresses_only_and_drops_credentials(remote, expected):
    assert nd.public_repository_url(remote) == expected


def test_binder_link_opens_the_chapter_in_jupyterlab_on_the_branch():
    address = nd.binder_url("https://mybinder.org/", EXAMPLE, "main", "chapters/context.md")
    parts = urlsplit(address)
    assert parts.netloc == "mybinder.org"
    assert parts.path == "/v2/gh/example-org/putin-and-nato/main"
    assert parse_qs(parts.query) == {"urlpath": ["lab/tree/chapters/context.md"]}


def test_binder_link_for_gitlab_and_other_hosts_escapes_the_repository():
    gitlab = urlsplit(nd.binder_url("https://mybinder.org", "https://gitlab.com/group/book", "main", "a.md"))
    assert gitlab.path == "/v2/gl/group%2Fbook/main"
    other = urlsplit(nd.binder_url("https://mybinder.org", "https://git.example.org/book", "dev", "a.md"))
    assert other.path == "/v2/git/https%3A%2F%2Fgit.example.org%2Fbook/dev"


def test_jupyterhub_link_pulls_the_repository_with_nbgitpuller_and_opens_the_chapter():
    address = nd.jupyterhub_url("https://hub.example.edu/", EXAMPLE, "main", "chapters/ukraine.md")
    parts = urlsplit(address)
    assert parts.path == "/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {
        "repo": [EXAMPLE],
        "branch": ["main"],
        "urlpath": ["lab/tree/putin-and-nato/chapters/ukraine.md"],
    }


def test_no_repository_means_no_launch_links_whatever_the_hubs():
    settings = {
        "repository_url": None,
        "binderhub_url": "https://mybinder.org",
        "jupyterhub_url": "https://hub.example.edu",
    }
    assert nd.launch_links(settings, "chapters/context.md") == []
    settings["repository_url"] = EXAMPLE
    assert [label for label, _ in nd.launch_links(settings, "chapters/context.md")] == [
        "Launch on Binder",
        "Launch on JupyterHub",
    ]
    settings["binderhub_url"] = ""
    assert [label for label, _ in nd.launch_links(settings, "chapters/context.md")] == ["Launch on JupyterHub"]


def test_repository_address_comes_from_the_config_else_from_the_git_origin(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    assert nd.launch_settings(root)["repository_url"] is None  # not a git repository
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(
        ["git", "-C", str(root), "remote", "add", "origin", "git@github.com:example-org/putin-and-nato.git"], check=True
    )
    assert nd.launch_settings(root)["repository_url"] == EXAMPLE
    config = root / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('  url: ""', "  url: https://gitlab.com/group/book"),
        encoding="utf-8",
    )
    assert nd.launch_settings(root)["repository_url"] == "https://gitlab.com/group/book"


def test_the_book_without_a_public_repository_offers_the_download_alone(built_book):
    page = (built_book / "chapters" / "context.html").read_text(encoding="utf-8")
    assert "Download this chapter as a notebook" in page
    assert "book-launch" not in page


def test_with_a_repository_every_chapter_links_to_its_own_file_on_binder_and_the_hub(built_book, tmp_path):
    root = copy_book(tmp_path / "book")
    shutil.copytree(built_book.parent / ".jupyter_cache", root / "_build" / ".jupyter_cache")  # same inputs: no re-run
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8").replace('  url: ""', f"  url: {EXAMPLE}")
    config.write_text(text.replace('jupyterhub_url: ""', 'jupyterhub_url: "https://hub.example.edu"'), encoding="utf-8")
    result = build_book(root)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    for chapter in notebook_chapters(REPO):
        page = (root / "_build/html/chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8")
        links = {
            label: href for href, label in re.findall(r'<a class="book-launch" href="([^"]+)"[^>]*>([^<]+)</a>', page)
        }
        binder = urlsplit(links["Launch on Binder"].replace("&amp;", "&"))
        assert binder.path == "/v2/gh/example-org/putin-and-nato/main", chapter.name
        opened = unquote(parse_qs(binder.query)["urlpath"][0]).removeprefix("lab/tree/")
        assert opened == f"chapters/{chapter.name}" and (REPO / opened).exists()
        hub = parse_qs(urlsplit(links["Launch on JupyterHub"].replace("&amp;", "&")).query)
        assert hub["urlpath"] == [f"lab/tree/putin-and-nato/chapters/{chapter.name}"]

    config.write_text(text.replace(f"  url: {EXAMPLE}", '  url: ""'), encoding="utf-8")
    rebuilt = build_book(root)  # an incremental build: the pages must not keep the old links
    assert rebuilt.returncode == 0, rebuilt.stdout[-4000:] + rebuilt.stderr[-4000:]
    assert "book-launch" not in (root / "_build/html/chapters/context.html").read_text(encoding="utf-8")


def _pins(path):
    """name -> version of every 'name==version' line of a lock file (names normalised)."""
    found = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", path.read_text(encoding="utf-8"), flags=re.M)
    return {name.lower().replace("_", "-"): version for name, version in found}


def test_binder_installs_the_pinned_lab_environment_and_the_helpers():
    assert (REPO / "binder/requirements.txt").read_text(encoding="utf-8").split("\n")[
        -2
    ] == "-r ../requirements-lab.txt"
    book, lab = _pins(REPO / "requirements.txt"), _pins(REPO / "requirements-lab.txt")
    assert "jupyterlab" in lab and "jupyterlab" not in book
    assert {name: lab.get(name) for name in book} == book  # the lab lock keeps every pin of the book's lock
    runtime = (REPO / "binder/runtime.txt").read_text(encoding="utf-8").strip()
    version = tuple(int(part) for part in runtime.removeprefix("python-").split("."))
    assert version >= (3, 11), "the pins need Python 3.11 or newer"
    post_build = REPO / "binder/postBuild"
    assert post_build.stat().st_mode & stat.S_IXUSR, "repo2docker runs postBuild only when it is executable"
    script = post_build.read_text(encoding="utf-8")
    assert "pip install --no-deps --no-build-isolation -e ." in script
    assert "\nbook-lab-settings" in script, "postBuild writes the JupyterLab settings with the package's command"
    assert console_scripts()["book-lab-settings"] == "bookscripts.lab_settings:main"


def test_lab_settings_open_markdown_as_notebooks_offline_and_keep_other_settings(tmp_path):
    mine = {lab_settings.PLUGIN: {"defaultViewers": {"csv": "Table"}, "autosave": False}, "other:plugin": {"x": 1}}
    merged = lab_settings.with_book_settings(mine)
    assert merged[lab_settings.PLUGIN]["defaultViewers"] == {
        "csv": "Table",
        "markdown": "Jupytext Notebook",
        "myst": "Jupytext Notebook",
    }
    assert merged[lab_settings.PLUGIN]["autosave"] is False and merged["other:plugin"] == {"x": 1}
    assert merged[lab_settings.NOTIFICATIONS] == {"fetchNews": "false", "checkForUpdates": False}
    assert mine[lab_settings.PLUGIN]["defaultViewers"] == {"csv": "Table"}  # the input is not changed
    assert lab_settings.overrides_file(tmp_path) == tmp_path / "share/jupyter/lab/settings/overrides.json"


def test_jupytext_registers_the_notebook_viewer_lab_settings_name():
    """The viewer name the settings use is the one jupytext's JupyterLab extension declares."""
    labextension = Path(sys.prefix) / "share/jupyter/labextensions/jupyterlab-jupytext"
    assert labextension.is_dir(), "jupytext (a pinned requirement) installs its JupyterLab extension"
    found = any(
        "Jupytext Notebook" in script.read_text(encoding="utf-8", errors="ignore")
        for script in labextension.rglob("*.js")
    )
    assert found, "jupytext's lab extension no longer names a 'Jupytext Notebook' viewer"


def test_make_lab_passes_allow_root_only_when_run_as_root():
    import os

    plan = subprocess.run(
        ["make", "-n", "--no-print-directory", "lab", "-W", "requirements-lab.txt"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    lab_line = next(line for line in plan.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in lab_line) == (os.geteuid() == 0)


def test_lab_lock_pins_the_myst_renderer_and_the_extension_that_honours_cell_tags():
    """Without jupyterlab-myst a chapter shows its directives and roles as raw text in JupyterLab;
    without jupyterlab-hidecell it shows the code of every remove-input cell above its sentence."""
    book, lab = _pins(REPO / "requirements.txt"), _pins(REPO / "requirements-lab.txt")
    for name in ("jupyterlab-myst", "jupyterlab-hidecell"):
        assert name in lab, f"requirements-lab.txt no longer pins {name}"
        assert name not in book, f"{name} is for JupyterLab only and stays out of the book's lock"


def test_make_lab_serves_the_repository_and_opens_on_the_chapters():
    plan = subprocess.run(
        ["make", "-n", "--no-print-directory", "lab", "-W", "requirements-lab.txt"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    lab_line = next(line for line in plan.splitlines() if "jupyter lab" in line)
    assert "--ServerApp.root_dir=." in lab_line, "data/ (edited by the exercises) must be reachable in JupyterLab"
    assert "--LabApp.default_url=/lab/tree/chapters" in lab_line


def _front_matter(text: str) -> str:
    """The YAML front matter of a MyST notebook, its two --- lines included."""
    end = text.index("\n---\n", 4)
    return text[: end + 5]


def test_saving_a_chapter_through_jupytext_keeps_its_front_matter():
    """JupyterLab saves a chapter by writing the notebook back through jupytext, which reads the
    project's settings from pyproject.toml; the front matter must come back as it was (without the
    settings, every save stamps jupytext's version into it)."""
    import jupytext
    from jupytext.config import find_jupytext_configuration_file, load_jupytext_configuration_file

    config_file = find_jupytext_configuration_file(str(REPO / "chapters"))
    assert config_file == str(REPO / "pyproject.toml")
    config = load_jupytext_configuration_file(config_file)
    changed = []
    for chapter in notebook_chapters(REPO):
        text = chapter.read_text(encoding="utf-8")
        saved = jupytext.writes(jupytext.reads(text, fmt="md:myst"), fmt="md:myst", config=config)
        if _front_matter(saved) != _front_matter(text):
            changed.append(chapter.name)
    assert not changed, f"saving these chapters in JupyterLab would rewrite their front matter: {changed}"


def test_saving_a_chapter_through_jupytext_leaves_every_line_as_it_was():
    """A save writes the whole chapter back; a line jupytext writes otherwise (a blank line it adds
    after a fence, a caption it wraps) would turn up as a change in every student's copy."""
    import difflib

    import jupytext
    from jupytext.config import load_jupytext_configuration_file

    config = load_jupytext_configuration_file(str(REPO / "pyproject.toml"))
    changed = {}
    for chapter in notebook_chapters(REPO):
        text = chapter.read_text(encoding="utf-8")
        saved = jupytext.writes(jupytext.reads(text, fmt="md:myst"), fmt="md:myst", config=config)
        if saved != text:
            diff = difflib.unified_diff(text.splitlines(), saved.splitlines(), lineterm="", n=0)
            changed[chapter.name] = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")][:4]
    assert not changed, f"saving these chapters in JupyterLab would change these lines: {changed}"


def test_every_chapter_names_its_kernel_as_jupyterlab_writes_it_on_save():
    """JupyterLab writes the running kernel's spec into the notebook on every save: name, display
    name and language, in that order. A chapter that carries another form changes on its first save."""
    import jupytext
    from ipykernel.kernelspec import KERNEL_NAME, get_kernel_dict

    expected = [("name", KERNEL_NAME), ("display_name", get_kernel_dict()["display_name"]), ("language", "python")]
    other = {}
    for chapter in notebook_chapters(REPO):
        spec = jupytext.reads(chapter.read_text(encoding="utf-8"), fmt="md:myst").metadata.get("kernelspec", {})
        if list(spec.items()) != expected:
            other[chapter.name] = dict(spec)
    assert not other, f"these chapters' kernelspec is not the one JupyterLab writes ({dict(expected)}): {other}"


SOLUTION_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution-(?P<kind>start|end)\}", re.M)


def _solution_cells(notebook) -> tuple[list, list[str]]:
    """The cells between each gated solution's solution-start and solution-end (numbered from 1),
    and the problems in how the solution is split into cells: text of a solution in the same cell
    as a directive stays in view in JupyterLab."""
    inside, problems, solution = False, [], []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "markdown" or not SOLUTION_FENCE.search(cell.source):
            if inside:
                solution.append((number, cell))
            continue
        lines, shared = iter(cell.source.split("\n")), []
        for line in lines:
            found = SOLUTION_FENCE.match(line)
            if found:
                if (found["kind"] == "start") == inside:
                    problems.append(f"cell {number}: solution-{found['kind']} out of turn")
                inside = found["kind"] == "start"
                for option in lines:  # the directive's options, up to its closing fence
                    if option.strip() == found["fence"]:
                        break
            elif inside and line.strip():
                shared.append(line.strip())
        if shared:
            problems.append(f"cell {number}: the solution's text {shared[0][:50]!r} shares a cell with a directive")
    if inside:
        problems.append("a solution-start has no solution-end")
    return solution, problems


LAB_FOLD = re.compile(r"\A(?P<fence>:{3,})\{admonition\}[^\n]*\n:class: dropdown lab-fold\n.*\n(?P=fence)\Z", re.S)


def test_every_cell_of_a_solution_stays_folded_in_jupyterlab_after_run_all():
    """JupyterLab shows sphinx-exercise's gated solutions in full: solution-start renders as an empty
    dropdown, and the solution's cells follow it in view; running a cell shows its output again and
    unfolds a collapsed Markdown cell. So each cell between solution-start and solution-end folds in
    a way that survives "Run all" (see helpers.solutions): a code cell is collapsed
    (jupyter.source_hidden) and starts with the line "# Solution", whose output
    fold_solution_outputs, called by the chapter, folds; a Markdown cell holds its text in one
    dropdown admonition of class lab-fold, which jupyterlab-myst draws closed. No text of the
    solution shares a cell with either directive, which stay in view."""
    import jupytext

    from helpers.solutions import is_solution_cell

    faults, solutions = {}, 0
    for chapter in notebook_chapters(REPO):
        notebook = jupytext.reads(chapter.read_text(encoding="utf-8"), fmt="md:myst")
        cells, problems = _solution_cells(notebook)
        solutions += sum(1 for cell in notebook.cells if "{solution-start}" in cell.source)
        for number, cell in cells:
            first = cell.source.strip().split("\n", 1)[0][:60]
            if cell.cell_type == "code":
                if cell.metadata.get("jupyter", {}).get("source_hidden") is not True:
                    problems.append(f"cell {number} ({first!r}) lacks jupyter.source_hidden")
                if not is_solution_cell(cell.source):
                    problems.append(f"cell {number} ({first!r}) does not start with '# Solution'")
            elif cell.source.strip() and not LAB_FOLD.match(cell.source.strip()):
                problems.append(f"cell {number} ({first!r}) is not one lab-fold dropdown admonition")
        if any(cell.cell_type == "code" for _, cell in cells) and not any(
            "fold_solution_outputs()" in cell.source for cell in notebook.cells if cell.cell_type == "code"
        ):
            problems.append("the chapter has solution code but never calls fold_solution_outputs()")
        if problems:
            faults[chapter.name] = problems
    assert solutions >= 20, f"only {solutions} solutions found; the chapters have more"
    assert not faults, f"solutions that JupyterLab would show after Run all: {faults}"


def _code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_a_chapter_that_shows_code_opens_with_its_imports_in_view_and_imports_nowhere_else():
    """A student reading a chapter in JupyterLab sees first where its functions come from: the first
    code cell begins with all the imports (any setup follows them, or sits in a cell of its own), is
    not folded (hide-input) or removed, and no later cell imports anything. Pages that show no code at all (the landing page, the codebook, the
    lecturer's pages) keep their code out of view."""
    import ast

    import jupytext

    hidden = {"hide-input", "remove-input", "remove-cell"}
    faults, checked = {}, 0
    for chapter in notebook_chapters(REPO):
        cells = _code_cells(jupytext.reads(chapter.read_text(encoding="utf-8"), fmt="md:myst"))
        if all(hidden & set(cell.metadata.get("tags", [])) for cell in cells):
            continue
        checked += 1
        problems = []
        first = cells[0]
        if hidden & set(first.metadata.get("tags", [])):
            problems.append(f"the first code cell is tagged {sorted(hidden & set(first.metadata['tags']))}")
        kinds = [isinstance(node, (ast.Import, ast.ImportFrom)) for node in ast.parse(first.source).body]
        if not kinds or not kinds[0] or kinds != sorted(kinds, reverse=True):  # imports first, then the rest
            problems.append("the first code cell does not begin with all the imports")
        for number, cell in enumerate(cells[1:], start=2):
            imports = [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, (ast.Import, ast.ImportFrom))]
            if imports:
                problems.append(f"code cell {number} imports {ast.unparse(imports[0])!r}")
        if problems:
            faults[chapter.name] = problems
    assert checked >= 8, f"only {checked} chapters show code; the check is looking at the wrong cells"
    assert not faults, f"chapters whose imports are not all in an open first cell: {faults}"
