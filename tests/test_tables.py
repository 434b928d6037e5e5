import re

import pandas as pd

from helpers.tables import lookup_table


def test_lookup_table_escapes_and_marks_filter_column():
    table = pd.DataFrame({"year": [2000, 2007], "text": ["<b>why not?</b>", None]})
    out = lookup_table(table, caption="Statements & years", filter_column="year", filter_label="Year")
    assert 'data-filter-column="0" data-filter-label="Year"' in out
    assert "&lt;b&gt;why not?&lt;/b&gt;" in out and "<caption>Statements &amp; years</caption>" in out
    assert out.count("<tr>") == 3 and '<th scope="col" style="text-align: left">text</th>' in out


def test_lookup_table_aligns_every_cell_left_in_the_cell_itself():
    """JupyterLab right-aligns table cells in its own stylesheet; only a style on the cell beats it."""
    out = lookup_table(pd.DataFrame({"year": [2000], "venue": ["Kremlin"]}), caption="c")
    cells = re.findall(r"<t[dh]\b[^>]*>", out)
    assert len(cells) == 4 and all('style="text-align: left"' in cell for cell in cells), cells
