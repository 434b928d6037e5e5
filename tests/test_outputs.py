"""Teaching outputs: the seminar deck (scripts/slides.py) and the printable PDFs (scripts/pdf.py),
imported as ``bookscripts.slides`` and ``bookscripts.pdf``.

The fast tests feed the pure functions small pages made here, with a real figure from
helpers.plots; the slow one (marked ``build``) makes the deck from the strict build of the book.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import answers  # noqa: E402

from bookscripts import pdf, print_svg, slides  # noqa: E402
from conftest import REPO, read_toc  # noqa: E402
from helpers import plots  # noqa: E402

# --- A chapter page as the book's build writes it ---------------------------------------------


def _figure(alt: str, title: str) -> str:
    plots.use_book_style()
    data = pd.DataFrame({"year": [2000, 2010, 2020], "value": [1, 4, 2]})
    fig = plots.step_chart(data, x="year", y="value", title=title, ylabel="Value")
    return plots.figure_html(
        fig,
        alt=alt,
        title=title,
        caption="Members on each day.",
        source="data/test.csv, from a list",
        data=data,
        csv_name="test.csv",
    )


def _chapter_page(*, with_figure: bool = True) -> str:
    figure = (
        _figure('Step chart rising from 1 to 4, then "falling" to 2.', "Values, 2000 to 2020") if with_figure else ""
    )
    solution_figure = _figure("The answer, drawn.", "Answer") if with_figure else ""
    return f"""<!doctype html><html><head><title>t</title></head><body>
<nav class="sidebar-tree"><a href="other.html">Other</a></nav>
<article role="main">
<section id="my-chapter"><h1><span class="section-number">3. </span>My chapter<a class="headerlink" href="#my-chapter">¶</a></h1>
<p>Checked against a list <span class="bibtex-citation">[<a class="reference internal" href="bibliography.html#id2"
 title="NATO. Member countries. 2024.">NATO, 2024</a>]</span>, twice
<span class="bibtex-citation">[<a class="reference internal" href="bibliography.html#id2" title="NATO. Member countries. 2024.">NATO, 2024</a>]</span>.</p>
<div class="cell_output"><div class="output text_html">{figure}</div></div>
<section id="summary"><h2><span class="section-number">3.1. </span>Summary<a class="headerlink" href="#summary">¶</a></h2>
<ul class="simple">
<li><p>Growth came in steps; see <a class="reference internal" href="other.html">the other chapter</a>.</p></li>
<li><p>Every number comes from <code class="docutils literal notranslate"><span class="pre">data/test.csv</span></code>.</p></li>
</ul></section>
<section id="discussion-questions"><h2>Discussion questions<a class="headerlink" href="#discussion-questions">¶</a></h2>
<ol class="arabic">
<li><p><strong>Was it a turning point?</strong> <em>For:</em> the largest step. <em>Against:</em> it was planned.</p></li>
<li><p>Does a count of states say anything about <strong>power</strong>?</p></li>
<li><p><em>Was there a promise in 1990?</em> Evidence for: the records. Evidence against: no treaty.</p></li>
<li><p>Is it fair? Some say yes, <em>others</em> say no.</p></li>
</ol></section>
<section id="exercises"><h2>Exercises</h2>
<div class="solution dropdown admonition"><p class="admonition-title">Solution</p>
<section id="solution-content"><div class="cell_output">{solution_figure}</div></section></div>
</section>
</section></article></body></html>"""


def test_extract_chapter_takes_title_figures_summary_questions_and_citations():
    chapter = slides.extract_chapter(_chapter_page(), "chapters/mine")
    assert chapter.title == "My chapter" and chapter.number == "3"
    assert len(chapter.figures) == 1, "the figure inside the solution is left out"
    figure = chapter.figures[0]
    assert figure.alt == 'Step chart rising from 1 to 4, then "falling" to 2.'
    assert figure.src.startswith("data:image/svg+xml;base64,")
    assert figure.title == "Values, 2000 to 2020" and figure.caption == "Members on each day."
    assert figure.source == "Source: data/test.csv, from a list. Licence: CC BY 4.0."
    assert chapter.summary == [
        "Growth came in steps; see the other chapter.",
        "Every number comes from <code>data/test.csv</code>.",
    ]
    assert [q.lead for q in chapter.questions] == [
        "Was it a turning point?",
        "Does a count of states say anything about <strong>power</strong>?",
        "Was there a promise in 1990?",
        "Is it fair?",
    ]
    assert chapter.questions[3].full == "Is it fair? Some say yes, <em>others</em> say no."
    assert "<em>Against:</em> it was planned." in chapter.questions[0].full
    assert chapter.cited == ["NATO. Member countries. 2024."]


def test_a_chapter_without_summary_or_questions_still_gives_its_figures():
    page = _chapter_page().replace("</span>Summary<a", "</span>Recap<a").replace("Discussion questions<a", "Talk<a")
    chapter = slides.extract_chapter(page, "chapters/mine")
    assert chapter.summary == [] and chapter.questions == [] and len(chapter.figures) == 1


def test_read_chapters_keeps_toc_order_and_skips_chapters_without_figures(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "b.html").write_text(_chapter_page(), encoding="utf-8")
    (tmp_path / "chapters" / "a.html").write_text(_chapter_page().replace("My chapter", "Chapter A"), encoding="utf-8")
    (tmp_path / "chapters" / "empty.html").write_text(_chapter_page(with_figure=False), encoding="utf-8")
    chapters = slides.read_chapters(
        tmp_path, ["chapters/index", "chapters/b", "chapters/empty", "chapters/a", "chapters/unwritten"]
    )
    assert [c.docname for c in chapters] == ["chapters/b", "chapters/a"]


def test_chunks_split_long_lists_evenly():
    assert [len(part) for part in slides._chunks(list(range(5)))] == [3, 2]
    assert [len(part) for part in slides._chunks(list(range(4)))] == [4]
    assert [len(part) for part in slides._chunks(list(range(9)))] == [3, 3, 3]
    assert slides._chunks([]) == [[]]
    long = ["x" * 300] * 3
    assert [len(part) for part in slides._chunks(long)] == [1, 1, 1], "long bullets get a slide each"
    assert [len(part) for part in slides._chunks(["x" * 200] * 5)] == [2, 2, 1]


def _deck() -> str:
    chapter = slides.extract_chapter(_chapter_page(), "chapters/mine")
    book = slides.Book(title="A book", author="Us", version="0.1.0", year="2026")
    return slides.render_deck(book, [chapter], (REPO / "slides" / "deck.html").read_text(encoding="utf-8"))


def test_deck_has_title_summary_figure_questions_and_closing_slides_with_notes():
    deck = _deck()
    kinds = re.findall(r'<section class="([a-z]+)-slide"', deck)
    assert kinds == ["title", "summary", "figure", "questions", "closing"]
    assert deck.count('<aside class="notes">') == len(kinds)
    assert 'alt="Step chart rising from 1 to 4, then &quot;falling&quot; to 2."' in deck
    assert "Source: data/test.csv, from a list. Licence: CC BY 4.0." in deck
    assert "Cite as: chapter 3, “My chapter”, in Us (2026)" in deck
    assert '<p class="kicker">Chapter 3 · My chapter</p>' in deck
    assert "NATO. Member countries. 2024." in deck  # the works the chapter cites, in the notes
    assert 'slideNumber: "c/t"' in deck and "RevealNotes" in deck
    assert "download=" not in deck, "the CSV download link stays in the book"
    assert "$" not in re.sub(r"data:[^\"]+", "", deck).replace("$$", ""), "every template field is filled"


def test_remote_and_missing_assets_are_found(tmp_path):
    assert slides.remote_assets(_deck()) == []
    page = (
        '<script src="https://cdn.example.org/reveal.js"></script><link rel="stylesheet" href="//fonts.example.org/a.css">'
        '<img src="data:image/png;base64,AAAA" alt="x"><img src="local.png" alt="y"><a href="https://example.org">ok</a>'
    )
    assert slides.remote_assets(page) == [
        ("script", "https://cdn.example.org/reveal.js"),
        ("link", "//fonts.example.org/a.css"),
    ]
    assert slides.missing_local_assets(page, tmp_path) == ["local.png"]
    (tmp_path / "local.png").write_bytes(b"")
    assert slides.missing_local_assets(page, tmp_path) == []


# --- Print: the stylesheet, the links, the contents -------------------------------------------

PAGE = "<html><head><title>t</title></head><body><article><h1>T</h1></article></body></html>"


def test_print_css_is_injected_last_in_head_and_only_once():
    once = pdf.inject_print_css(PAGE, "pre { white-space: pre-wrap; }")
    assert once.index('<style id="book-print-css">') < once.index("</head>")
    twice = pdf.inject_print_css(once, "pre { color: red; }")
    assert twice.count('id="book-print-css"') == 1 and "color: red" in twice and "pre-wrap" not in twice
    with pytest.raises(ValueError):
        pdf.inject_print_css("<p>no head</p>", "p {}")


def test_print_stylesheet_wraps_code_and_hides_the_navigation():
    css = pdf.PRINT_CSS.read_text(encoding="utf-8")
    assert "@page" in css and "white-space: pre-wrap" in css
    assert ".sidebar-drawer" in css and ".book-notebook-bar" in css


def test_localize_links_keeps_in_page_and_external_links_and_unlinks_other_files():
    page = (
        '<html><head></head><body><span id="document-chapters/b"></span><p id="id2">entry</p>'
        '<a href="chapters/index.html#id2">cite</a><a href="b.html">chapter b</a><a href="../_notebooks/x.ipynb">nb</a>'
        '<a href="#id2">in page</a><a href="https://example.org/">web</a><a href="data:text/csv;base64,AA">csv</a></body></html>'
    )
    out = pdf.localize_links(page, docnames={"chapters/index", "chapters/b"})
    assert '<a href="#id2">cite</a>' in out
    assert '<a href="#document-chapters/b">chapter b</a>' in out
    assert '<span class="book-print-unlinked">nb</span>' in out
    assert '<a href="#id2">in page</a>' in out and '<a href="https://example.org/">web</a>' in out
    assert 'href="data:text/csv;base64,AA"' in out


def test_add_contents_lists_parts_chapters_and_sections_as_links():
    page = """<html><head></head><body>
<div class="sidebar-tree"><p class="caption"><span class="caption-text">The book</span></p>
<ul><li><a class="reference internal" href="#document-chapters/a">Chapter A</a></li></ul></div>
<article><section id="root"><h1>Book<a class="headerlink" href="#root">¶</a></h1><p>Intro.</p>
<div class="toctree-wrapper compound"><span id="document-chapters/a"></span><section id="chapter-a"><h2>Chapter A</h2>
<section id="first"><h3>First part<a class="headerlink" href="#first">¶</a></h3></section>
<section id="second"><h3>Second part</h3></section></section></div></section></article></body></html>"""
    out = pdf.add_contents(page, cover="<p>By us</p>")
    nav = out[re.search(r'<nav [^>]*class="book-print-contents"', out).start() : out.index("</nav>")]
    assert "The book" in nav and '<a href="#document-chapters/a">Chapter A</a>' in nav
    assert '<a href="#first">First part</a>' in nav and '<a href="#second">Second part</a>' in nav
    assert out.index("book-print-contents") < out.index("toctree-wrapper")
    assert out.index("</h1>") < out.index('<div class="book-print-cover"><p>By us</p></div>') < out.index("Intro.")


def test_append_references_lists_each_cited_work_once():
    out = pdf.append_references(_chapter_page(with_figure=False))
    assert out.count("<li>NATO. Member countries. 2024.</li>") == 1
    assert pdf.append_references(PAGE) == PAGE


def test_config_for_print_adds_the_extension_and_hides_solutions_without_touching_the_original():
    original = {
        "title": "B",
        "sphinx": {
            "extra_extensions": ["sphinx_exercise"],
            "local_extensions": {"book_inputs": "_ext"},
            "config": {"html_theme": "furo"},
        },
    }
    student = pdf.config_for_print(original, hide_solutions=True)
    assert student["sphinx"]["extra_extensions"] == ["sphinx_exercise", "bookscripts.pdf"]
    assert student["sphinx"]["local_extensions"] == {"book_inputs": "_ext"}
    assert student["sphinx"]["config"] == {"html_theme": "furo", "hide_solutions": True}
    assert (
        pdf.config_for_print(student, hide_solutions=False)["sphinx"]["extra_extensions"]
        == student["sphinx"]["extra_extensions"]
    ), "the extension is added once"
    assert (
        original["sphinx"]["extra_extensions"] == ["sphinx_exercise"]
        and "hide_solutions" not in original["sphinx"]["config"]
    )
    assert importlib.import_module(pdf.EXTENSION) is pdf and callable(pdf.setup), "Sphinx can import it by that name"
    # The book's _config.yml lists its extensions, which replaces Jupyter Book's list: the module joins it.
    listed = {"sphinx": {"config": {"extensions": ["myst_nb", "book_inputs"]}}}
    printed = pdf.config_for_print(listed, hide_solutions=False)
    assert printed["sphinx"]["config"]["extensions"] == ["myst_nb", "book_inputs", pdf.EXTENSION]
    assert listed["sphinx"]["config"]["extensions"] == ["myst_nb", "book_inputs"]


def test_toc_with_appends_a_missing_page_once():
    toc = {"root": "chapters/index", "parts": [{"caption": "Book", "chapters": [{"file": "chapters/a"}]}]}
    added = pdf.toc_with(toc, "chapters/seminar")
    assert pdf.toc_files(added) == ["chapters/index", "chapters/a", "chapters/seminar"]
    assert pdf.toc_with(added, "chapters/seminar") is added
    assert pdf.toc_files(toc) == ["chapters/index", "chapters/a"]


def test_hidden_gated_solutions_leave_nothing_behind(tmp_path):
    """sphinx-exercise's hide_solutions keeps a gated solution's body; scripts/pdf.py removes it."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.md").write_text(
        "# Page\n\n```{exercise}\n:label: ex-one\n\nHow many?\n```\n\n"
        "```{solution-start} ex-one\n```\n\nThe SECRET answer.\n\n```{solution-end}\n```\n\nAfter the solution.\n",
        encoding="utf-8",
    )

    def build(hide: bool) -> str:
        (source / "conf.py").write_text(
            f"extensions = ['myst_parser', 'sphinx_exercise', {pdf.EXTENSION!r}]\nhide_solutions = {hide}\n",
            encoding="utf-8",
        )
        out = tmp_path / f"out-{hide}"
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "singlehtml", "-q", "-W", "-E", str(source), str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return (out / "index.html").read_text(encoding="utf-8")

    assert "SECRET" in build(False)
    student = build(True)
    assert "SECRET" not in student and "How many?" in student and "After the solution." in student


def test_toc_without_leaves_out_the_lecturers_pages_and_empty_parts():
    toc = {
        "root": "chapters/index",
        "parts": [
            {"caption": "Book", "chapters": [{"file": "chapters/a"}]},
            {"caption": "Teaching", "chapters": [{"file": "chapters/seminar"}, {"file": "chapters/class_coding"}]},
            {"caption": "Both", "chapters": [{"file": "chapters/handout"}, {"file": "chapters/seminar"}]},
        ],
    }
    student = pdf.toc_without(toc, pdf.LECTURER_ONLY)
    assert pdf.toc_files(student) == ["chapters/index", "chapters/a", "chapters/handout"]
    assert [part["caption"] for part in student["parts"]] == ["Book", "Both"]
    assert "chapters/seminar" in pdf.toc_files(toc), "the original is untouched"
    with pytest.raises(ValueError):
        pdf.toc_without(toc, ["chapters/index"])


def test_labels_in_finds_targets_and_label_options():
    assert pdf.page_title("---\ntitle: x\n---\n\n(lab)=\n# Lecturer's guide: one session\n\n## Part\n") == (
        "Lecturer's guide: one session"
    )
    text = "(seminar-plan)=\n## Plan\n\n```{exercise}\n:label: ex-one\n```\n\n```{figure} a.svg\n:name: fig-a\n```\n(not a label)= x\n"
    assert pdf.labels_in(text) == {"seminar-plan", "ex-one", "fig-a"}


def test_read_figure_takes_a_numbered_sphinx_figure_and_a_book_figure_inside_one():
    inner = _figure("Bars.", "Counts")
    page = (
        '<article><section id="s"><h2>S</h2>'
        f'<figure class="align-default" id="fig-counts"><div class="cell_output">{inner}</div>'
        '<figcaption><p><span class="caption-number">Fig. 2 </span><span class="caption-text">Counts</span></p>'
        "</figcaption></figure>"
        '<figure class="align-default" id="fig-plain"><img alt="A map." src="map.svg">'
        '<figcaption><p><span class="caption-number">Fig. 3 </span><span class="caption-text">The map</span></p>'
        '</figcaption></figure><div class="answer"><figure class="book-figure"><img src="x.svg" alt="Key.">'
        "<figcaption><p>Key</p></figcaption></figure></div></section></article>"
    )
    soup = slides._soup(page)
    found = slides.figures_in(soup.find("section"))
    assert [f.title for f in found] == ["Fig. 2 Counts", "Fig. 3", "Key".replace("Key", "")]
    assert found[0].alt == "Bars." and found[0].caption == "Members on each day." and found[1].caption == "The map"
    assert len(slides.figures_in(soup.find("section"), answers=False)) == 2, "the answer's figure is left out"


PAGE_WITH_ANSWERS = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---

# Page

Before. See {doc}`guide` and {ref}`guide-plan`.

:::{div} answer
The SECRET verdict.
:::

:::{div} answer
A second SECRET.
:::

After.

```{code-cell} ipython3
:tags: [answer]
print('HIDDEN code')
```

Between.

```{code-cell} ipython3
:tags: [answer-output]
shown_code_marker = 'printed answer'.upper()
print(shown_code_marker)
```
"""


def _sphinx_page(folder, settings: str, pages: dict[str, str]) -> str:
    """Build `pages` (name -> MyST text) with the book's answer marker and this print extension."""
    folder.mkdir()
    for name, text in pages.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    (folder / "conf.py").write_text(
        f"extensions = ['myst_nb', 'sphinx_exercise', 'answers', {pdf.EXTENSION!r}]\n"
        "myst_enable_extensions = ['colon_fence']\nnb_execution_mode = 'force'\n" + settings,
        encoding="utf-8",
    )
    out = folder / "_out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-E", str(folder), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "_ext"), os.environ.get("PYTHONPATH", "")])},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return (out / "index.html").read_text(encoding="utf-8")


def test_the_student_edition_removes_marked_answers_and_references_to_left_out_pages(tmp_path):
    """A marked div and a tagged code cell are removed from the tree (their text is not in the
    page); a reference to a page left out of the edition prints as plain text."""
    guide = "(guide-plan)=\n# Guide\n\nThe plan.\n"
    web = _sphinx_page(
        tmp_path / "web",
        "",
        {"index": PAGE_WITH_ANSWERS.replace("# Page\n", "# Page\n\n```{toctree}\nguide\n```\n"), "guide": guide},
    )
    assert (
        "SECRET verdict" in web
        and "HIDDEN code" in web
        and "PRINTED ANSWER" in web
        and 'class="answer' in web
        and "tag_answer" in web
    )
    student = _sphinx_page(
        tmp_path / "student",
        "remove_answers = True\nbook_left_out_docs = {'guide': 'The guide'}\nbook_left_out_labels = {'guide-plan': 'The guide'}\n",
        {"index": PAGE_WITH_ANSWERS},
    )
    assert "SECRET" not in student and "HIDDEN" not in student
    assert "Before." in student and "After." in student and "Between." in student
    assert "shown_code_marker" in student and "PRINTED ANSWER" not in student, "answer-output: the code stays"
    assert student.count(answers.LEFT_OUT_NOTE) == 3, "one note for the two adjacent divs, one for each cell"
    assert "guide.html" not in student and "See The guide and The guide." in re.sub(r"<[^>]+>", "", student)


def test_a_show_target_gives_the_figures_and_small_tables_of_its_section(tmp_path):
    """A plan's "doc#label" lands on the section the label stands at the top of; the answer's
    figure is left out before the reveal, and pandas' default index is dropped from a table."""
    from bookscripts import session

    figure = _figure("Bars rising.", "Counts")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "doc.html").write_text(
        '<html><body><article><section id="heading-id"><span id="my-label"></span><h2>'
        '<span class="section-number">2.1. </span>The part<a class="headerlink" href="#x">¶</a></h2>'
        f'<div class="cell">{figure}</div><div class="cell tag_answer">{_figure("The key.", "Key")}</div>'
        "<table><tr><th></th><th>kind</th><th>n</th></tr><tr><th>0</th><td>a</td><td>1</td></tr>"
        "<tr><th>1</th><td>b</td><td>2</td></tr></table>"
        '<div class="cell tag_answer-output"><div class="cell_input">code</div><div class="cell_output">'
        "<table><tr><th>code</th></tr><tr><td>4</td></tr></table></div></div></section></article></body></html>",
        encoding="utf-8",
    )
    before = session.shown_at(tmp_path, "doc#my-label", answers=False)
    assert before.title == "The part" and [f.alt for f in before.figures] == ["Bars rising."]
    assert before.figures[0].src.startswith("data:image/svg+xml;base64,")
    assert before.tables == [
        "<table><tr><th>kind</th><th>n</th></tr><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>"
    ]
    after = session.shown_at(tmp_path, "doc#heading-id", answers=True)
    assert [f.alt for f in after.figures] == ["Bars rising.", "The key."]
    assert len(after.tables) == 2, "the output marked as an answer is shown after the reveal"
    with pytest.raises(SystemExit, match="no element with id"):
        session.shown_at(tmp_path, "doc#missing", answers=True)


# --- The deck from the real book --------------------------------------------------------------


@pytest.mark.build
def test_deck_from_the_built_book_works_offline(built_book, tmp_path_factory):
    if shutil.which("npm") is None:
        pytest.skip(
            "npm is not installed, so reveal.js cannot be installed from the npm registry "
            "(apt-get install npm; CI has it)"
        )
    work = tmp_path_factory.mktemp("slides")
    book_root = built_book.parent.parent
    index, chapters = slides.make_deck(book_root, built_book, work / "deck", work / "npm")
    assert chapters, "at least one chapter with a figure"
    deck = index.read_text(encoding="utf-8")
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for value in re.findall(rf'<{tag}\b[^>]*\b{attribute}="([^"]*)"', deck):
            assert not re.match(r"(https?:)?//", value), f"<{tag}> loads {value} from another host"
            if not value.startswith("data:"):
                assert (index.parent / value).is_file(), f"<{tag}> loads {value}, which is not in the deck's folder"
    figures = re.findall(r'<figure class="book-figure"><img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', deck)
    assert figures and all(len(alt) > 20 for alt in figures)
    assert sum(len(c.figures) for c in chapters) == len(figures)
    assert (index.parent / "reveal" / "dist" / "reveal.js").is_file()
    assert f"reveal.js {slides.REVEAL_VERSION}" in deck


# --- Printing: hatched charts as vectors, and the whole book end to end ------------------------

HATCHED = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
 <g id="patch_1"><path d="M 10 10 L 150 10 L 150 90 L 10 90 z" clip-path="url(#axes)"
   style="fill: url(#h1); stroke: #ffffff; stroke-width: 0.5"/></g>
 <g id="patch_2"><path d="M 160 10 L 190 10 L 190 90 z" style="fill: #0072b2"/></g>
 <defs>
  <clipPath id="axes"><rect x="0" y="0" width="200" height="100"/></clipPath>
  <pattern id="h1" patternUnits="userSpaceOnUse" x="0" y="0" width="72" height="72">
   <rect x="0" y="0" width="73" height="73" fill="#e69f00"/>
   <path d="M -36 36 L 36 -36 M 0 72 L 72 0" style="fill: #ffffff; stroke: #ffffff; stroke-width: 1.0"/>
  </pattern>
 </defs>
</svg>"""


def test_expand_patterns_redraws_a_hatched_shape_as_clipped_vectors():
    out = print_svg.expand_patterns(HATCHED)
    assert "url(#h1)" not in out
    assert 'fill="#e69f00"' in out  # the pattern's background fills the shape's box
    clip = re.search(r'<clipPath id="print-hatch-1"><path d="M 10 10 L 150 10 L 150 90 L 10 90 z"', out)
    assert clip, "the shape itself clips its hatching"
    hatching = re.search(r'<path d="([^"]+)" style="fill: #ffffff; stroke: #ffffff; stroke-width: 1.0"', out)
    assert hatching and hatching.group(1).count("M") == 2 * 3 * 2  # 2 moves a tile, 3 x 2 tiles cover x 10-150, y 10-90
    assert "M 108 108 L 180 36" in hatching.group(1)  # the tile at (144, 72): its first line moved from (-36, 36)
    assert 'style="fill: #0072b2"' in out and 'clip-path="url(#axes)"' in out  # the rest as it was


def test_expand_patterns_leaves_other_svgs_alone():
    without_patterns = HATCHED.split("<defs>")[0] + "</svg>"
    assert print_svg.expand_patterns(without_patterns) == without_patterns
    transformed = HATCHED.replace('x="0" y="0" width="72"', 'x="0" y="0" patternTransform="rotate(45)" width="72"')
    assert "url(#h1)" in print_svg.expand_patterns(transformed)  # a pattern it does not know stays a pattern
    with pytest.raises(ValueError):
        print_svg.path_points("m 10 10 l 5 5")


def test_print_pages_load_every_image_at_once():
    assert (
        pdf.eager_images('<img src="a.svg" alt="A" loading="lazy"><img src="b.svg">')
        == '<img src="a.svg" alt="A"><img src="b.svg">'
    )


def test_the_printed_book_has_every_chart_sharp(browser, tmp_path):
    """make pdf end to end (the whole book): every chart on the one-page book resolves and loads
    in Chromium, no chart keeps a pattern fill (which Chromium would print as a bitmap), and the
    PDF is written."""
    made = pdf.make_pdfs(REPO, tmp_path / "out", tmp_path / "work", {"book"})
    assert made and made[0].stat().st_size > 100_000 and made[0].read_bytes().startswith(b"%PDF")
    folder = tmp_path / "work" / "singlehtml-book"
    page = folder / f"{read_toc(REPO)['root']}.html"
    printed = page.with_name("print-" + page.name)
    sources = re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', printed.read_text(encoding="utf-8"))
    assert len(sources) > 10
    for source in sources:
        assert source.startswith("data:") or (printed.parent / source).is_file(), (
            f"{source} does not resolve from {printed.name}"
        )
    for svg in (folder / "_images").glob("*.svg"):
        assert not re.search(r"fill:\s*url\(#", svg.read_text(encoding="utf-8")), f"{svg.name} still has a pattern fill"
    view = browser.new_page()
    try:
        view.goto(printed.as_uri())
        view.wait_for_load_state("load")
        broken = view.evaluate(
            "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
        )
    finally:
        view.close()
    assert broken == [], f"images that do not load on the printed page: {broken}"
