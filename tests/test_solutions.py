"""Solutions folded for JupyterLab (helpers.solutions) and unfolded in the book (_ext/lab_folds.py)."""

from __future__ import annotations

import base64

import lab_folds  # _ext/ (on the path through pytest's pythonpath setting)
import pytest
from docutils import nodes

from helpers.solutions import LAB_FOLD_CLASS, fold_solution_outputs, folded_bundle, is_solution_cell, unfold_html


def test_an_html_output_is_folded_and_the_book_gets_it_back_unchanged():
    table = "<table>\n<tr><td>1,318 km</td></tr>\n</table>"
    folded = folded_bundle({"text/html": table, "text/plain": "<table>"})
    assert folded["text/html"].startswith(f'<details class="{LAB_FOLD_CLASS}">')
    assert folded["text/html"].endswith("</details>")
    assert folded["text/plain"] == "<table>"
    assert unfold_html(folded["text/html"]) == table


def test_a_markdown_output_keeps_its_markdown_and_gains_a_folded_html_form():
    folded = folded_bundle({"text/markdown": "**The book's verdict:** confirmed."})
    assert folded["text/markdown"] == "**The book's verdict:** confirmed."
    assert "<strong>The book's verdict:</strong> confirmed." in folded["text/html"]
    assert folded["text/html"].startswith("<details")


def test_an_image_output_is_folded_as_an_inline_image():
    png = base64.b64encode(b"\x89PNG fake").decode()
    folded = folded_bundle({"image/png": png, "text/plain": "<Figure>"})
    assert f'src="data:image/png;base64,{png}"' in folded["text/html"]


def test_html_that_was_not_folded_is_left_alone():
    for text in ["<p>x</p>", '<details class="other"><summary>s</summary>\n<p>x</p>\n</details>']:
        assert unfold_html(text) == text


@pytest.mark.parametrize(
    ("source", "expected"),
    [("# Solution\nx = 1", True), ("\n# Solution\n", True), ("x = 1  # Solution", False), ("# Solutions\n", False)],
)
def test_a_solution_cell_is_known_by_its_first_line(source, expected):
    assert is_solution_cell(source) is expected


@pytest.fixture
def shell():
    from IPython.core.displaypub import CapturingDisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.display_pub = CapturingDisplayPublisher()
    yield shell
    InteractiveShell.clear_instance()


def test_in_a_kernel_only_a_solution_cells_outputs_are_folded(shell):
    fold_solution_outputs(shell)
    fold_solution_outputs(shell)  # a second call registers nothing more
    code = "from IPython.display import Markdown, display\ndisplay(Markdown('**{}**'))"
    shell.run_cell(code.format("plain"))
    shell.run_cell("# Solution\n" + code.format("answer"))
    outputs = shell.display_pub.outputs
    assert ["text/html" in output["data"] for output in outputs] == [False, True]
    assert [output["data"]["text/markdown"] for output in outputs] == ["**plain**", "**answer**"]
    assert outputs[1]["data"]["text/html"].count("<details") == 1


def test_a_solution_cell_that_fails_still_gives_the_kernel_its_display_back(shell):
    fold_solution_outputs(shell)
    publisher = shell.display_pub
    shell.run_cell("# Solution\nraise ValueError('a mistake in the solution')")
    assert shell.display_pub is publisher


def test_the_book_drops_both_folds_and_keeps_what_they_hold():
    section = nodes.section()
    admonition = nodes.admonition(
        "",
        nodes.title(text="Show the solution's text"),
        nodes.paragraph(text="The words."),
        classes=["admonition", "dropdown", LAB_FOLD_CLASS],
    )
    other = nodes.admonition("", nodes.title(text="Note"), nodes.paragraph(text="Stays."), classes=["dropdown"])
    output = nodes.raw("", folded_bundle({"text/html": "<p>The table.</p>"})["text/html"], format="html")
    section += [admonition, other, output]
    assert lab_folds.unfold(section) == 2
    assert [type(child) for child in section.children] == [nodes.paragraph, nodes.admonition, nodes.raw]
    assert section.children[0].astext() == "The words."
    assert not section.children[0]["classes"], "the paragraph took the fold's classes"
    assert section.children[2].astext() == "<p>The table.</p>"
    assert lab_folds.unfold(section) == 0
