"""One figure as the book shows it: the chart (with alt text), a caption naming the source and
licence, and a link to download the exact data drawn, as CSV, the way Our World in Data does.

The output is plain HTML with the image and the CSV embedded, so a page needs no other file and
no network, and the same data gives byte-identical output.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
import pandas as pd

DATA_LICENCE = "CC BY 4.0"


def figure_svg(fig: plt.Figure) -> str:
    """The figure as SVG text with no date or tool stamp, so equal figures give equal bytes."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def csv_data_uri(data: pd.DataFrame) -> str:
    """A data: URI holding `data` as UTF-8 CSV, for a download link that needs no server."""
    encoded = base64.b64encode(data.to_csv(index=False, lineterminator="\n").encode("utf-8")).decode("ascii")
    return f"data:text/csv;charset=utf-8;base64,{encoded}"


def figure_html(
    fig: plt.Figure, *, alt: str, title: str, caption: str, source: str, data: pd.DataFrame, csv_name: str
) -> str:
    """HTML for one figure: image with alt text, caption with source and licence, CSV download.

    `title` says what is shown and over which period; `caption` explains the measure;
    `source` names the data (e.g. "data/nato_members.csv, from NATO's member list");
    `data` is the exact slice that was plotted, offered as `csv_name`.
    """
    svg = base64.b64encode(figure_svg(fig).encode("utf-8")).decode("ascii")
    plt.close(fig)
    esc = html.escape
    return (
        '<figure class="book-figure">'
        f'<img src="data:image/svg+xml;base64,{svg}" alt="{esc(alt, quote=True)}" loading="lazy">'
        "<figcaption>"
        f'<p class="book-figure-title">{esc(title)}</p>'
        f"<p>{esc(caption)}</p>"
        f'<p class="book-figure-source">Source: {esc(source)}. Licence: {DATA_LICENCE}. '
        f'<a href="{csv_data_uri(data)}" download="{esc(csv_name, quote=True)}">Download the data drawn here (CSV, {len(data)} rows)</a></p>'
        "</figcaption></figure>"
    )


def show_figure(fig: plt.Figure, **kwargs) -> None:
    """Display :func:`figure_html` in a notebook (the book renders it as the cell's output)."""
    from IPython.display import HTML, display

    display(HTML(figure_html(fig, **kwargs)))
