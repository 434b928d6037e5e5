"""Charts of dated things: statements by their stance code, many events down the page, and a
path of a few steps with one row each."""

from __future__ import annotations

import math
import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from helpers.plots.charts import every_years
from helpers.plots.labels import decimal_year, mark_dates, spread_labels
from helpers.plots.style import CYCLE, INK, WIDE, new_figure
from helpers.words import date_as_written

# Ordinal stance scales (1 to 5) use cividis, a sequential map designed to read the same with
# colour-vision deficiencies; each code also has its own marker shape.
STANCE_MARKERS = {1: "o", 2: "s", 3: "D", 4: "^", 5: "X"}
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]


def stance_colours(levels: int = 5) -> dict[int, str]:
    """One cividis colour per stance code 1..levels, light to dark reversed so 5 is darkest."""
    cmap = mpl.colormaps["cividis"]
    return {code: mpl.colors.to_hex(cmap(0.92 - 0.85 * (code - 1) / (levels - 1))) for code in range(1, levels + 1)}


def stance_timeline(
    statements: pd.DataFrame,
    *,
    column: str,
    labels: dict[int, str],
    title: str,
    ylabel: str,
    label_width: int | None = None,
    marks: pd.DataFrame | None = None,
    mark_size: float = 10,
    year_step: int | None = None,
    width: float = WIDE,
    aspect: float = 5 / 3,
) -> plt.Figure:
    """Each statement as a point: date across, its stance code up, colour and shape by code.

    The codes' tick labels ('4 adversary') are wrapped to `label_width` characters if given;
    `marks` are dated dotted lines labelled at the top (:func:`~helpers.plots.labels.mark_dates`)
    in `mark_size` points; `year_step` spaces the date ticks.
    """
    colours = stance_colours(len(labels))
    fig, ax = new_figure(width, aspect)
    coded = statements.dropna(subset=[column])
    for code, label in labels.items():
        rows = coded[coded[column] == code]
        ax.scatter(
            rows["date"],
            rows[column].astype(float),
            s=70,
            color=colours[code],
            marker=STANCE_MARKERS[code],
            edgecolor=INK,
            linewidth=0.6,
            label=f"{code} {label}",
            zorder=3,
        )
    ticks = [f"{code} {label}" for code, label in labels.items()]
    ax.set_yticks(list(labels), ticks if label_width is None else [textwrap.fill(t, label_width) for t in ticks])
    ax.set_ylim(0.5, len(labels) + 0.5)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if marks is not None:
        mark_dates(ax, marks, fontsize=mark_size)
    every_years(ax, year_step)
    return fig


def event_strip(
    events: pd.DataFrame,
    *,
    title: str,
    width: float = 0.7,
    aspect: float = 0.42,
    label_width: int = 44,
    fontsize: float = 9.5,
) -> plt.Figure:
    """Many events on a date axis running down the page, each labelled 'Mon YYYY: title'.

    Dates are to scale, so gaps show. Colour (the Okabe-Ito cycle) and marker shape both show
    the category, so the chart reads in greyscale too. Labels (wrapped to `label_width`
    characters) are pushed apart (:func:`~helpers.plots.labels.spread_labels`) so that none
    overlaps, with a thin line to each marker; markers of the same category within a few weeks
    of each other are nudged sideways so that none hides another. The figure is narrow and tall
    on purpose (`width` in house widths, `aspect` width / height): it then shrinks little on a
    phone screen. Where labels crowd near the first or last date the figure grows taller than
    `aspect` gives, rather than squeeze the scale and let labels overlap.
    """
    kinds = events["category"].cat.categories
    categories = [c for c in kinds if (events["category"] == c).any()]
    style = {c: (CYCLE[i], MARKERS[i]) for i, c in enumerate(categories)}
    y = events["date"].map(decimal_year).tolist()
    labels = [textwrap.fill(f"{day:%b %Y}: {text}", label_width) for day, text in zip(events["date"], events["title"])]
    low, high = min(y) - 0.4, max(y) + 0.4
    fig, ax = new_figure(width, aspect)
    size = fig.get_size_inches()
    above, below = 0.1 * size[1], 0.02 * size[1]  # inches for the title and legend, and under the axis
    years_per_inch = (high - low) / (size[1] - above - below)
    line_height = fontsize * 1.2 / 72  # inches
    heights = [((label.count("\n") + 1) * line_height + 0.07) * years_per_inch for label in labels]
    centres = spread_labels(y, heights)
    # Labels pushed apart may run past the first and last dates: the axis then spans them too,
    # and the figure grows by as much, so that a year keeps its height and no label overlaps.
    first, last = min(min(centres) - heights[0] / 2, low), max(max(centres) + heights[-1] / 2, high)
    tall = (last - first) / years_per_inch + above + below
    fig.set_size_inches(size[0], round(tall, 3))
    fig.subplots_adjust(left=0.14, right=0.99, top=1 - above / tall, bottom=below / tall)
    marker = {"s": 70, "edgecolor": INK, "linewidth": 0.5}
    placed = []
    for i, row in enumerate(events.itertuples()):
        colour, shape = style[row.category]
        x = 0.0
        while any(abs(x - px) < 0.05 and abs(y[i] - py) < 0.15 for px, py in placed):
            x += 0.13
        placed.append((x, y[i]))
        ax.scatter(x, y[i], color=colour, marker=shape, zorder=3, **marker)
        ax.plot([x + 0.06, 0.42, 0.62], [y[i], y[i], centres[i]], color="#aaaaaa", linewidth=0.6, zorder=1)
        ax.annotate(
            labels[i], (0.66, centres[i]), va="center", ha="left", fontsize=fontsize, color=INK, linespacing=1.1
        )
    for c in categories:
        colour, shape = style[c]
        ax.scatter([], [], color=colour, marker=shape, label=c, **marker)
    ax.set_xlim(-0.15, size[0] * 0.85 - 0.15)  # one x unit is one inch
    ax.set_ylim(last, first)
    step = 5 if high - low > 8 else 1  # whole years, and none in the room made for labels
    ax.set_yticks(range(math.ceil(low / step) * step, math.floor(high) + 1, step))
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.grid(axis="y")
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(-0.12, 1.0),
        ncol=3,
        fontsize=fontsize,
        handletextpad=0.2,
        columnspacing=0.8,
        borderaxespad=0.2,
    )
    ax.set_title(title, pad=46, loc="left", x=-0.12, fontsize=12)
    return fig


# Marker and colour of each category of step: applications blue circles, summits orange squares.
MEMBERSHIP_STYLES = {"application": ("o", CYCLE[0]), "summit": ("s", CYCLE[1])}


def membership_timeline(
    steps: pd.DataFrame,
    *,
    title: str,
    labels: dict[str, str],
    styles: dict[str, tuple[str, str]] = MEMBERSHIP_STYLES,
    width: float = 0.875,
) -> plt.Figure:
    """A few events, one row each, oldest at the top, date across; for a path of steps.

    `styles` gives each category its (marker, colour) and `labels` its words in the legend.
    Each label gives the date as written (:func:`helpers.words.date_as_written`) and the
    event's title, wrapped to short lines so the chart stays legible on a phone; labels sit
    right of the marker in the first half of the period and left of it in the second, so none
    runs off the chart. Unlike :func:`event_strip`, which draws many events to scale down the
    page, every event here gets its own row, an inch high.
    """
    fig, ax = new_figure(width, rows=len(steps), row_height=1.0, margin=1.2)
    middle = steps["date"].min() + (steps["date"].max() - steps["date"].min()) / 2
    for position, (_, row) in enumerate(steps.iterrows()):
        marker, colour = styles[row["category"]]
        ax.plot(row["date"], position, marker=marker, color=colour, markersize=12, markeredgecolor=INK, zorder=3)
        right = row["date"] <= middle
        label = date_as_written(row["date_text"]) + "\n" + textwrap.fill(row["title"], 27)
        ax.annotate(
            label,
            (row["date"], position),
            xytext=(10 if right else -10, 0),
            textcoords="offset points",
            ha="left" if right else "right",
            va="center",
            fontsize=12.5,
            color=INK,
            linespacing=1.1,
        )
    for category, (marker, colour) in styles.items():
        ax.plot(
            [],
            [],
            marker=marker,
            color=colour,
            markeredgecolor=INK,
            linestyle="",
            markersize=11,
            label=labels[category],
        )
    ax.set_ylim(len(steps) - 0.4, -0.7)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    margin = pd.Timedelta(days=300)
    ax.set_xlim(steps["date"].min() - margin, steps["date"].max() + margin)
    ax.tick_params(axis="x", labelsize=12)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=2, fontsize=12)
    ax.set_title(title, fontsize=14)
    return fig
