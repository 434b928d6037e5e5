"""Tables a reader looks things up in: plain HTML, filterable in the browser by one column."""

from __future__ import annotations

import html

import pandas as pd


def lookup_table(
    table: pd.DataFrame, *, caption: str, filter_column: str | None = None, filter_label: str | None = None
) -> str:
    """HTML for `table` with a caption; `_static/table-filter.js` adds a drop-down on `filter_column`.

    Cells are escaped text; the header cells are the column names as given. Each cell is aligned
    left in its own style attribute, as the book's stylesheet aligns it: JupyterLab's stylesheet
    right-aligns the cells of a notebook's HTML output, and an attribute is the one rule it does not
    override.
    """
    esc = html.escape
    attributes = ""
    if filter_column is not None:
        position = list(table.columns).index(filter_column)
        attributes = (
            f' data-filter-column="{position}" data-filter-label="{esc(filter_label or filter_column, quote=True)}"'
        )
    left = ' style="text-align: left"'
    head = "".join(f'<th scope="col"{left}>{esc(str(column))}</th>' for column in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td{left}>{esc('' if pd.isna(value) else str(value))}</td>" for value in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return (
        f'<div class="book-lookup-wrap"><table class="book-lookup"{attributes}>'
        f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def show_table(table: pd.DataFrame, **kwargs) -> None:
    """Display :func:`lookup_table` in a notebook."""
    from IPython.display import HTML, display

    display(HTML(lookup_table(table, **kwargs)))
