"""The book as a whole: it builds strictly, chapters run on their own, the cache is never stale."""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import nbclient
import nbformat
import pytest
from markdown_it import MarkdownIt

from conftest import REPO, build_book, copy_book, notebook_chapters, read_toc, toc_files

CHAPTERS = notebook_chapters(REPO)
GLUE_MIME = "application/papermill.record/text/plain"


def book_files() -> list[str]:
    """The files the table of contents lists."""
    return toc_files(read_toc(REPO))


def run_chapter(notebook_path: Path, workdir: Path) -> tuple[dict[str, str], list[str]]:
    """Execute a notebook in a fresh kernel from `workdir`; return the values it glues and the
    sentences it writes as Markdown outputs (computed prose)."""
    notebook = nbformat.read(notebook_path, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    ).execute()
    glued, prose = {}, []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if GLUE_MIME in data:
                name = output["metadata"]["scrapbook"]["name"]
                glued[name] = data[GLUE_MIME].strip("'\"")
            elif "text/markdown" in data:
                prose.append(data["text/markdown"])
    return glued, prose


def plain(text: str) -> str:
    """Undo the typography the build applies (smart quotes, ellipses, HTML escapes) before comparing."""
    for fancy, simple in {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "–": "--",
        "—": "---",
        "&amp;": "&",
        "&lt;": "<",
        "&gt;": ">",
        "&quot;": '"',
        "&#8217;": "'",
        "&#39;": "'",
    }.items():
        text = text.replace(fancy, simple)
    return re.sub(r"\s+", " ", text)


def test_every_page_in_the_toc_exists():
    for name in book_files():
        assert (REPO / f"{name}.md").exists(), name


def test_book_builds_strictly(built_book):
    for name in book_files():
        assert (built_book / f"{name}.html").exists(), name
    assert not list((built_book / "reports").glob("*.log")) if (built_book / "reports").exists() else True


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_downloaded_chapter_runs_alone_and_matches_the_book(chapter, built_book):
    """The .ipynb a reader downloads from the page runs top to bottom in a fresh kernel and
    gives the numbers printed on the page."""
    downloaded = built_book / "_notebooks" / "chapters" / f"{chapter.stem}.ipynb"
    assert downloaded.exists(), f"no notebook download for {chapter.name}"
    glued, prose = run_chapter(downloaded, built_book.parents[1] / "chapters")
    shown = set(re.findall(r"\{glue(?::\w+)?\}`([A-Za-z0-9_]+)`", chapter.read_text(encoding="utf-8")))
    assert shown or prose, f"{chapter.name} computes no number or sentence into its prose"
    assert shown <= set(glued), (
        f"{chapter.name}: the prose uses glue keys the notebook does not set: {shown - set(glued)}"
    )
    glued = {name: value for name, value in glued.items() if name in shown}
    page = (built_book / "chapters" / f"{chapter.stem}.html").read_text(encoding="utf-8")
    text = plain(re.sub(r"<[^>]+>", "", page))
    for name, value in glued.items():
        assert plain(value) in text, f"{chapter.name}: glued {name}={value!r} not on the built page"
    for markdown in prose:
        # The page shows the Markdown rendered (lists, emphasis, quotations): compare the words, block by block.
        rendered = MarkdownIt("commonmark").render(markdown)
        for block in re.split(r"</(?:p|li|blockquote)>", rendered):
            words = " ".join(plain(html.unescape(re.sub(r"<[^>]+>", "", block))).split())
            assert words[:120] in " ".join(text.split()), (
                f"{chapter.name}: a computed sentence of the notebook is not on the built page: {words[:120]!r}"
            )


def readme_run_command() -> str:
    """The command the README gives a student to run a downloaded chapter: its one code span
    that runs a Jupyter command on an .ipynb file (today `jupyter execute`), as written."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().parse((REPO / "README.md").read_text(encoding="utf-8"))
    spans = [code.content for t in tokens if t.type == "inline" for code in t.children if code.type == "code_inline"]
    found = [span for span in spans if re.search(r"\bjupyter\b", span) and ".ipynb" in span]
    assert len(found) == 1, f"the README should give one command that runs a downloaded chapter, not {found}"
    return found[0]


@pytest.mark.build
def test_the_readme_command_runs_a_downloaded_chapter(built_book, tmp_path):
    """The README's command, run as written from the repository's folder, executes the chapter's
    .ipynb (the build's download) saved in a student's Downloads folder outside the repository."""
    command = readme_run_command()
    notebooks = [word for word in shlex.split(command) if word.endswith(".ipynb")]
    assert len(notebooks) == 1 and notebooks[0].startswith("~/"), (
        f"the README's command should run one notebook from the reader's home folder: {command}"
    )
    home = tmp_path / "home"
    saved = home / notebooks[0].removeprefix("~/")
    assert REPO not in saved.parents
    downloaded = built_book / "_notebooks" / "chapters" / saved.name
    assert downloaded.exists(), f"the README names {saved.name}, which the build does not offer as a download"
    saved.parent.mkdir(parents=True)
    shutil.copyfile(downloaded, saved)
    # A student's shell: their own home, none of the settings the build and the tests use.
    skipped = ("BOOK_ROOT", "PYTHONPATH", "VIRTUAL_ENV", "MPLBACKEND")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in skipped and not name.startswith(("JUPYTER", "IPYTHON", "MPLCONFIG", "XDG_", "PYTEST"))
    }
    env["HOME"] = str(home)
    result = subprocess.run(["sh", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}{result.stderr[-5000:]}"
    notebook = nbformat.read(saved, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    errors = [out for cell in code for out in cell.get("outputs", []) if out.output_type == "error"]
    assert code and not errors, f"{saved.name} raised: {[(e.ename, e.evalue) for e in errors]}"
    assert all(cell.execution_count for cell in code), "--inplace saves the notebook with every code cell run"


def test_editing_data_or_helpers_re_executes_the_chapters_and_an_extension_or_style_edit_rewrites_pages(tmp_path):
    root = copy_book(tmp_path / "book")
    first = build_book(root)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    log = first.stdout + first.stderr
    if (os.cpu_count() or 1) > 1:  # _ext/parallel_execution.py: every chapter runs in the pool, none in myst-nb
        assert log.count("Executing notebook in a pool of") == len(CHAPTERS), log[-4000:]
        assert log.count("Using cached notebook") == len(CHAPTERS)
        assert "Executing notebook using" not in log
    page = root / "_build/html/chapters/enlargement.html"
    assert "NATO has 32 members today" in page.read_text(encoding="utf-8")

    unchanged = build_book(root)
    assert unchanged.returncode == 0
    assert "Executing notebook" not in unchanged.stdout + unchanged.stderr

    members = root / "data/nato_members.csv"
    assert ">7 March 2024<" in page.read_text(encoding="utf-8")  # Sweden, in the members table
    members.write_text(
        members.read_text(encoding="utf-8").replace("SWE,Sweden,2024-03-07", "SWE,Sweden,2024-03-08"), encoding="utf-8"
    )
    after_data_edit = build_book(root)
    assert after_data_edit.returncode == 0, after_data_edit.stdout[-4000:] + after_data_edit.stderr[-4000:]
    assert "Executing notebook" in after_data_edit.stdout + after_data_edit.stderr
    html = page.read_text(encoding="utf-8")
    assert ">8 March 2024<" in html and ">7 March 2024<" not in html

    extension = root / "_ext/accessible_markup.py"  # how pages are written, not what chapters compute
    written = page.stat().st_mtime_ns
    extension.write_text(extension.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    after_extension_edit = build_book(root)
    assert after_extension_edit.returncode == 0
    assert "Executing notebook" not in after_extension_edit.stdout + after_extension_edit.stderr
    assert page.stat().st_mtime_ns > written, "an edit to _ext/ must rewrite the pages"

    # A style-sheet edit alone leaves no page out of date, and Sphinx would then stop before
    # copying _static/: the copy and every page's link to it (with its checksum) must follow.
    style = root / "_static/book.css"
    linked = re.search(r'href="\.\./_static/book\.css\?v=(\w+)"', page.read_text(encoding="utf-8"))
    assert linked, "the page does not link the book's style sheet"
    style.write_text(style.read_text(encoding="utf-8") + "\n.an-edit { color: inherit; }\n", encoding="utf-8")
    after_style_edit = build_book(root)
    assert after_style_edit.returncode == 0
    assert "Executing notebook" not in after_style_edit.stdout + after_style_edit.stderr
    assert ".an-edit" in (root / "_build/html/_static/book.css").read_text(encoding="utf-8")
    assert f"book.css?v={linked.group(1)}" not in page.read_text(encoding="utf-8"), (
        "the pages still link the old style sheet"
    )

    helpers = root / "src/helpers/compute.py"
    helpers.write_text(helpers.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    after_helper_edit = build_book(root)
    assert after_helper_edit.returncode == 0
    assert "Executing notebook" in after_helper_edit.stdout + after_helper_edit.stderr

    # A cell that raises fails the strict build, also when its chapter ran in the pool of workers
    # (two chapters changed, so both go to the pool): myst-nb executes it again and reports it.
    failing, other = root / "chapters/seminar.md", root / "chapters/ukraine.md"
    failing.write_text(
        failing.read_text(encoding="utf-8") + '\n```{code-cell} ipython3\nraise ValueError("a broken cell")\n```\n',
        encoding="utf-8",
    )
    other.write_text(other.read_text(encoding="utf-8") + "\n```{code-cell} ipython3\n1 + 1\n```\n", encoding="utf-8")
    broken = build_book(root)
    log = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert "a broken cell" in log and "seminar" in log


def test_the_book_opens_a_solution_with_one_click_and_keeps_what_the_lab_folds_hold(built_book):
    """The folds that keep solutions closed in JupyterLab (helpers.solutions) are gone from the
    web pages, where the solution's own drop-down folds it, and their content is inside that
    drop-down."""
    folded = [page.name for page in built_book.rglob("*.html") if "lab-fold" in page.read_text(encoding="utf-8")]
    assert not folded, f"pages that still carry the JupyterLab folds: {folded}"
    page = (built_book / "chapters" / "putin_stance.html").read_text(encoding="utf-8")
    solution = page[page.index('class="solution') :]
    solution = solution[: solution.index('<div class="exercise')]  # up to the next exercise
    for words in ("The book's verdict:", "Putin claims that the sites threaten Russia"):
        assert words in html.unescape(re.sub(r"<[^>]+>", "", solution)).replace("’", "'"), words
