"""The house style: the style sheet ``book.mplstyle``, its colours, and the sizes derived from it.

The style sheet is the one place that sets the figure size (``figure.figsize``). A chart of
another shape asks :func:`figure_size` for one: a width in house widths, and a height from an
aspect ratio or from a rule of so much height per row.
"""

from __future__ import annotations

from importlib import resources

import matplotlib as mpl
import matplotlib.pyplot as plt

STYLE = "helpers.plots.book"  # the style sheet book.mplstyle, by the name plt.style.use knows it by
STYLE_FILE = resources.files("helpers.plots") / "book.mplstyle"

_SHEET = mpl.rc_params_from_file(str(STYLE_FILE), use_default_template=False)

CYCLE = _SHEET["axes.prop_cycle"].by_key()["color"]
PALETTE = dict(zip(("blue", "orange", "green", "vermillion", "sky", "purple", "black", "yellow"), CYCLE))
INK = _SHEET["axes.labelcolor"]
MUTED = _SHEET["axes.edgecolor"]
HOUSE_SIZE = tuple(_SHEET["figure.figsize"])

# Shapes, as multiples of the house size.
WIDE = 1.25  # house widths: charts whose tick labels are long (statements' codes, bars' names, a grid)
TALL = 4 / 3  # width / height: room for a legend under the bars, or for larger text
PHONE = 0.8  # house widths: a canvas shrunk, with its text enlarged, by phone_sized
PHONE_ASPECT = 1.4

# Taller charts whose axis labels and legends are as large as the rest of the text, for chapters
# whose charts carry long labels: ``use_book_style(LARGER_TEXT)``.
LARGER_TEXT = {
    "figure.figsize": (HOUSE_SIZE[0], round(HOUSE_SIZE[0] / TALL, 3)),
    "axes.labelsize": 12,
    "legend.fontsize": 11,
}


def use_book_style(changes: dict | None = None) -> None:
    """Apply the book's style sheet (call once at the top of a chapter), with `changes`
    (matplotlib rcParams, e.g. :data:`LARGER_TEXT`) on top of it."""
    plt.style.use([STYLE, changes or {}])


def figure_size(
    width: float = 1.0,
    aspect: float | None = None,
    *,
    rows: int | None = None,
    row_height: float = 0.5,
    margin: float = 1.5,
) -> tuple[float, float]:
    """A figure's size in inches, from the house size in force (``figure.figsize``).

    `width` is in house widths. The height is ``rows * row_height + margin`` inches for a
    chart with one row per item (bars, a grid, a path of steps), else the width over
    `aspect` (width / height), else the house shape at that width.
    """
    house_width, house_height = mpl.rcParams["figure.figsize"]
    inches = house_width * width
    if rows is not None:
        height = rows * row_height + margin
    elif aspect is not None:
        height = inches / aspect
    else:
        height = house_height * width
    return (round(inches, 3), round(height, 3))  # 5.6, not 5.6000000000000005


def new_figure(width: float = 1.0, aspect: float | None = None, **rows) -> tuple[plt.Figure, plt.Axes]:
    """A figure with one axes, sized by :func:`figure_size`."""
    return plt.subplots(figsize=figure_size(width, aspect, **rows))


def phone_sized(
    fig: plt.Figure,
    width: float = PHONE,
    aspect: float | None = PHONE_ASPECT,
    *,
    text: float = 13,
    title: float | None = None,
) -> plt.Figure:
    """Shrink a chart's canvas and enlarge its text, so it stays legible when a phone shows it 350 px wide.

    `width` is in house widths; `aspect` (width / height) gives the height, or ``None`` keeps
    the height the chart was drawn at (a chart with one row per item). Tick labels, axis
    labels and annotations get size `text`; titles `title` (default ``text + 1``). The house
    size reads well on a laptop; this is for busy charts.
    """
    inches, height = figure_size(width, aspect)
    fig.set_size_inches(inches, fig.get_size_inches()[1] if aspect is None else height)
    for ax in fig.axes:
        ax.tick_params(labelsize=text)
        ax.xaxis.label.set_fontsize(text)
        ax.yaxis.label.set_fontsize(text)
        ax.title.set_fontsize(text + 1 if title is None else title)
        for label in ax.texts:
            label.set_fontsize(text)
    return fig
