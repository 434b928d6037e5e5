"""Numbered figures: every chart in the chapters is a Sphinx figure with a label, a number and a
title, cited by number from the prose; in the built book each fills the text column.

A chart cell's metadata (``mystnb: figure: name, caption, caption_before``) makes myst-nb wrap
the cell's output, the HTML figure that helpers.plots.show_figure writes, in a Sphinx figure.
The fast tests read the chapters' sources; the ``build`` test reads the strictly built book; the
``browser`` test looks at the charts in Chromium at a phone's, a laptop's and a projector's width.
"""

from __future__ import annotations

import re
from collections import Counter

import jupytext
import pytest
from bs4 import BeautifulSoup

from bookscripts.local_server import serve
from browser_support import page_at
from conftest import REPO, read_toc, toc_files

LABEL = re.compile(r"^fig-[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMREF = re.compile(r"\{numref\}`(?:[^`<]*<)?(fig-[a-z0-9-]+)>?`")
SOLUTION = re.compile(r"```\{solution-start\}.*?```\{solution-end\}", re.S)


def chapter_files() -> list[str]:
    return [name for name in toc_files(read_toc(REPO)) if (REPO / f"{name}.md").is_file()]


def figure_cells() -> list[tuple[str, dict, str]]:
    """(chapter, figure options, source) of every code cell that shows a chart."""
    cells = []
    for name in chapter_files():
        notebook = jupytext.read(REPO / f"{name}.md")
        for cell in notebook.cells:
            if cell.cell_type == "code" and "show_figure(" in cell.source:
                cells.append((name, cell.metadata.get("mystnb", {}).get("figure", {}), cell.source))
    return cells


FIGURES = figure_cells()


def test_every_chart_is_a_numbered_figure_with_a_label_and_a_title():
    assert len(FIGURES) > 20, "the chapters' charts were not found"
    problems = []
    for chapter, options, source in FIGURES:
        where = f"{chapter}: {options.get('name') or source.splitlines()[0]}"
        if not LABEL.match(str(options.get("name", ""))):
            problems.append(f"{where}: no label of the form fig-name (mystnb: figure: name)")
        caption = str(options.get("caption", ""))
        if not caption.strip():
            problems.append(f"{where}: no title (mystnb: figure: caption)")
        if re.search(r"\d", caption):  # the title is static text: a year or a count in it could go stale
            problems.append(f"{where}: the title {caption!r} states a number; numbers belong in the computed caption")
        if options.get("caption_before") is not True:
            problems.append(f"{where}: the number and title must stand above the chart (caption_before: true)")
        # myst-nb wraps each output of the cell in its own figure: one output, or the label repeats
        if source.count("show_figure(") != 1 or "display(" in source:
            problems.append(f"{where}: a figure cell must show one chart and display nothing else")
    assert not problems, "\n".join(problems)


def test_figure_labels_are_unique_across_the_book():
    names = Counter(options.get("name") for _, options, _ in FIGURES)
    assert not [name for name, n in names.items() if n > 1], names


def test_every_figure_outside_a_solution_is_cited_by_number_in_its_chapter():
    uncited = []
    for name in chapter_files():
        text = (REPO / f"{name}.md").read_text(encoding="utf-8")
        cited = set(NUMREF.findall(SOLUTION.sub("", text)))
        in_solutions = "".join(SOLUTION.findall(text))
        for chapter, options, source in FIGURES:
            if chapter == name and source not in in_solutions and options.get("name") not in cited:
                uncited.append(f"{chapter}: {options.get('name')}")
    assert not uncited, "figures that no sentence cites by number ({numref}`fig-...`):\n" + "\n".join(uncited)


def _numbered(soup) -> list:
    return soup.select("article .cell_output > figure[id^='fig-']")


@pytest.mark.build
def test_built_figures_are_numbered_once_through_the_book_and_cited_by_their_number(built_book):
    numbers, problems = {}, []
    for name in toc_files(read_toc(REPO)):
        page = built_book / f"{name}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for figure in _numbered(soup):
            inner = figure.select("figure.book-figure")
            caption = figure.find("figcaption", recursive=False)
            number = caption.select_one(".caption-number") if caption else None
            if len(inner) != 1 or not inner[0].find("img", alt=True):
                problems.append(f"{name}#{figure['id']}: holds {len(inner)} chart(s) with alt text, not one")
            if caption is None or figure.find(True) is not caption:
                problems.append(f"{name}#{figure['id']}: the number and title are not above the chart")
            if number is None:
                problems.append(f"{name}#{figure['id']}: no number")
                continue
            numbers[figure["id"]] = number.get_text(strip=True)
        for link in soup.select("article a.reference .std-numref"):
            target = link.parent["href"].rpartition("#")[2]
            if link.get_text(strip=True) != numbers.get(target, link.get_text(strip=True)):
                problems.append(f"{name}: a citation of {target} reads {link.get_text()!r}, not {numbers[target]!r}")
    assert not problems, "\n".join(problems)
    assert list(numbers.values()) == [f"Figure {n}" for n in range(1, len(numbers) + 1)], (
        "figures are numbered in one sequence through the book, in the order of the table of contents"
    )
    assert set(numbers) == {options["name"] for _, options, _ in FIGURES}


# The chart fills the text column at a phone's, a laptop's and a projector's width.
WIDTHS = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}, {"width": 1920, "height": 1080}]
FIGURE_PAGES = sorted({chapter for chapter, _, _ in FIGURES})
MEASURE = """() => [...document.querySelectorAll("article .cell_output > figure[id^='fig-']")].map(figure => {
  const img = figure.querySelector("img"), text = figure.querySelector(":scope > figcaption .caption-text");
  const title = figure.querySelector(".book-figure-title");
  return {id: figure.id, shown: figure.getClientRects().length > 0, column: figure.parentElement.getBoundingClientRect().width,
          figure: figure.getBoundingClientRect().width, image: img.getBoundingClientRect().width,
          number: figure.querySelector(".caption-number").textContent.trim(),
          stop: text ? getComputedStyle(text, "::before").content : "",
          titleShown: title ? getComputedStyle(title).display !== "none" : false};
})"""


@pytest.fixture(scope="module")
def served(built_book):
    with serve(built_book) as base_url:
        yield base_url


@pytest.mark.browser
@pytest.mark.parametrize("viewport", WIDTHS, ids=[str(v["width"]) for v in WIDTHS])
@pytest.mark.parametrize("chapter", FIGURE_PAGES)
def test_charts_fill_the_text_column_under_their_number(served, browser, chapter, viewport):
    with page_at(browser, f"{served}{chapter}.html", served, viewport) as tab:
        found = tab.evaluate(MEASURE)
    assert found, f"{chapter}: no numbered figure"
    problems = []
    for figure in found:
        if not figure["shown"]:
            continue  # inside an exercise's solution, folded away
        if abs(figure["image"] - figure["column"]) > 1 or abs(figure["figure"] - figure["column"]) > 1:
            problems.append(
                f"{figure['id']}: chart {figure['image']:.0f} px wide in a {figure['column']:.0f} px column"
            )
        if not re.fullmatch(r"Figure \d+", figure["number"]) or figure["stop"] != '". "':
            problems.append(f"{figure['id']}: the caption does not begin 'Figure N. ' ({figure['number']!r})")
        if figure["titleShown"]:
            problems.append(f"{figure['id']}: the chart's own title line repeats the numbered title")
    assert not problems, f"{chapter} at {viewport['width']} px:\n" + "\n".join(problems)
