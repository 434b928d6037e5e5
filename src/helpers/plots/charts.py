"""One function per kind of chart: steps, bars, lines and a grid. Each returns a figure drawn in
the house style (:mod:`helpers.plots.style`), sized by :func:`~helpers.plots.style.figure_size`,
for :func:`~helpers.plots.figures.show_figure` to show.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from helpers.data import field_labels
from helpers.plots.labels import mark_dates, merge_close_labels, note_points, write_labels
from helpers.plots.style import CYCLE, MUTED, PALETTE, TALL, WIDE, new_figure

FIVE_YEARS = pd.Timedelta(days=5 * 365)  # default gap between step labels

# Step lines in the order of the most distinct pair of the palette first.
STEP_COLOURS = [PALETTE[name] for name in ("blue", "vermillion", "green", "orange")]
LINE_STYLES = ["-", "--", ":", "-."]
LINE_MARKERS = ["o", "s", "D", "^"]
HATCHES = ["", "//", "\\\\", "xx", "--", "||", "++", "/"]  # line hatches: dotted ones bloat the SVG


def every_years(ax, years: int | None) -> None:
    """One tick every `years` years on a date axis (``None`` leaves matplotlib's choice)."""
    if years is not None:
        ax.xaxis.set_major_locator(mdates.YearLocator(years))


def step_chart(
    series: pd.DataFrame,
    *,
    x: str,
    y: str | list[str],
    title: str,
    ylabel: str,
    labels: list[str] | None = None,
    legend_loc: str = "upper left",
    annotate: pd.DataFrame | None = None,
    min_label_gap: pd.Timedelta = FIVE_YEARS,
    label_size: float = 9,
    notes: pd.DataFrame | None = None,
    note_size: float = 9.5,
    marks: pd.DataFrame | None = None,
    mark_size: float = 10,
    headroom: float = 1.15,
    year_step: int | None = None,
    width: float = 1.0,
    aspect: float | None = None,
) -> plt.Figure:
    """Step lines of running counts (e.g. members over time), optionally labelling some steps.

    `y` is one column or several, each its own colour and dash; `labels` names them in a
    legend at `legend_loc`. `annotate` has the columns of `series` plus ``text``: one label
    per step to write on the chart (``dx``, ``dy`` and ``ha`` may move single labels, see
    :mod:`helpers.plots.labels`). A label closer than `min_label_gap` to the previous one is
    merged into it ("2017-24"), so labels never overlap. `notes` are labels joined to points
    (:func:`~helpers.plots.labels.note_points`, their ``line`` naming a column of `y`); `marks`
    are dated dotted lines (:func:`~helpers.plots.labels.mark_dates`). Step labels, notes and
    marks are written at `label_size`, `note_size` and `mark_size` points. The y axis runs from
    0 to `headroom` times the highest value; `year_step` spaces the date ticks.
    """
    ys = [y] if isinstance(y, str) else list(y)
    colours = dict(zip(ys, STEP_COLOURS))
    fig, ax = new_figure(width, aspect)
    for i, column in enumerate(ys):
        ax.step(
            series[x],
            series[column],
            where="post",
            color=colours[column],
            linestyle=LINE_STYLES[i],
            linewidth=2.2,
            label=None if labels is None else labels[i],
        )
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, series[ys].max().max() * headroom)
    if annotate is not None:
        y_column = ys[0]
        write_labels(ax, merge_close_labels(annotate, x=x, min_gap=min_label_gap), x=x, y=y_column, fontsize=label_size)
    if notes is not None:
        note_points(ax, notes, colours, fontsize=note_size)
    if marks is not None:
        mark_dates(ax, marks, fontsize=mark_size)
    every_years(ax, year_step)
    if labels is not None:
        ax.legend(loc=legend_loc)
    return fig


def bar_chart(
    table: pd.DataFrame,
    *,
    x: str,
    ys: list[str],
    labels: list[str],
    title: str,
    ylabel: str,
    stacked: bool = True,
    label_every: int = 1,
    headroom: float = 1.0,
    width: float = 1.0,
    aspect: float | None = None,
) -> plt.Figure:
    """Vertical bars, one group per row of `table`, stacked by default; a legend names each part.

    The parts are told apart by colour and by the first four hatches of :data:`HATCHES`.
    `label_every` labels only every n-th bar (for a long run of years); `headroom` multiplies
    the height of the tallest bar to leave room for the legend above the bars.
    """
    fig, ax = new_figure(width, aspect)
    bottom = pd.Series(0, index=table.index, dtype=float)
    hatches = HATCHES[:4]
    for i, (column, label) in enumerate(zip(ys, labels)):
        ax.bar(
            table[x],
            table[column],
            bottom=bottom if stacked else None,
            color=CYCLE[i],
            label=label,
            hatch=hatches[i % len(hatches)],
            edgecolor="white",
            linewidth=0.5,
        )
        if stacked:
            bottom = bottom + table[column]
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if headroom != 1.0:
        ax.set_ylim(0, float(bottom.max() if stacked else table[ys].max().max()) * headroom)
    if label_every > 1:
        for i, tick in enumerate(ax.get_xticklabels()):
            tick.set_visible(i % label_every == 0)
    elif len(table) > 8:  # many categories: slant the labels so they do not run into each other
        ax.tick_params(axis="x", labelrotation=45)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
            tick.set_rotation_mode("anchor")
    ax.legend(loc="upper right")
    return fig


def events_per_year_chart(per_year: pd.DataFrame, *, title: str) -> plt.Figure:
    """Stacked bars of events per year by category (the table :func:`helpers.compute.events_per_year`
    makes), each category in its own colour and hatch, the legend below the bars.

    Empty bars are hidden, since they add only bytes to the SVG.
    """
    categories = [column for column in per_year.columns if column != "year"]
    fig = bar_chart(per_year, x="year", ys=categories, labels=categories, title=title, ylabel="Events")
    ax = fig.axes[0]
    for bars, hatch in zip(ax.containers, HATCHES):
        for bar in bars:
            bar.set_hatch(hatch)
            bar.set_visible(bar.get_height() > 0)
    handles = [
        mpl.patches.Patch(facecolor=CYCLE[i], edgecolor="white", hatch=HATCHES[i], label=category)
        for i, category in enumerate(categories)
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4)
    ax.set_xlim(per_year["year"].min() - 1, per_year["year"].max() + 1)
    return fig


def verdict_chart(verdicts: pd.DataFrame, *, title: str, labels: dict[str, str] | None = None) -> plt.Figure:
    """Stacked bars of verdicts per source document (the table :func:`helpers.compute.verdicts_by_document`
    makes), the legend below the bars so it never hides them. The legend words are `labels`,
    by default the verdicts' words in the data package (``x-labels`` of claims.verdict)."""
    labels = labels or field_labels("claims", "verdict")
    table = verdicts.reset_index(drop=True).assign(document=[d.removeprefix("srcdoc-") for d in verdicts.index])
    fig = bar_chart(
        table,
        x="document",
        ys=list(verdicts.columns),
        labels=[labels[v] for v in verdicts.columns],
        title=title,
        ylabel="Claims made",
        aspect=TALL,  # taller than the house shape: the text stays legible on a phone
    )
    ax = fig.axes[0]
    ax.set_xlabel("Source document")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=10)
    return fig


def line_chart(
    table: pd.DataFrame,
    *,
    x: str,
    ys: list[str],
    labels: list[str],
    title: str,
    ylabel: str,
    yticks: dict[int, str] | None = None,
    width: float = 1.0,
    aspect: float | None = None,
) -> plt.Figure:
    """Lines with markers, one per column in `ys`, each in its own colour, marker and dash."""
    fig, ax = new_figure(width, aspect)
    for i, (column, label) in enumerate(zip(ys, labels)):
        ax.plot(
            table[x],
            table[column],
            linestyle=LINE_STYLES[i % 4],
            marker=LINE_MARKERS[i % 4],
            color=CYCLE[i],
            label=label,
            linewidth=2,
        )
    if yticks:
        ax.set_yticks(list(yticks), [f"{k} {v}" for k, v in yticks.items()])
        ax.set_ylim(min(yticks) - 0.3, max(yticks) + 0.3)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if len(ys) > 1:
        ax.legend(loc="upper left")
    return fig


def barh_chart(
    table: pd.DataFrame,
    *,
    y: str,
    x: str,
    title: str,
    xlabel: str,
    colour: str = PALETTE["blue"],
    value_format: str = "{:,.0f}",
    highlight: Sequence[bool] | None = None,
    width: float = WIDE,
    row_height: float = 0.5,
    text: float | None = None,
) -> plt.Figure:
    """Horizontal bars with their values written at the end: for a few labelled quantities.

    Bars where `highlight` is true stand out in vermillion with hatching (e.g. a claimed value
    among measured ones). The height grows by `row_height` inches per bar. `text` sets the
    size of the bars' names, the values and the axis label (the house sizes and 9 points for
    the values by default), for a chart that must stay legible on a phone.
    """
    fig, ax = new_figure(width, rows=len(table), row_height=row_height)
    bars = ax.barh(table[y], table[x], color=colour)
    for bar, marked in zip(bars, highlight if highlight is not None else []):
        if marked:
            bar.set_facecolor(PALETTE["vermillion"])
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    ax.invert_yaxis()
    for position, value in enumerate(table[x]):
        ax.annotate(
            value_format.format(value),
            (value, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9 if text is None else text,
        )
    if text is not None:
        ax.tick_params(labelsize=text)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlim(0, table[x].max() * 1.15)
    ax.set_title(title)
    ax.set_xlabel(xlabel, **({} if text is None else {"fontsize": text}))
    return fig


def matrix_chart(
    matrix: pd.DataFrame,
    *,
    row_labels: list[str],
    col_labels: list[str],
    title: str,
    text: float | None = None,
    width: float = WIDE,
) -> plt.Figure:
    """A grid of filled (True) and empty (False) cells, e.g. which document makes which claim.

    Row labels are `text` points (9 by default) and column labels one point larger (the house
    size by default); the height grows by a line of text per row.
    """
    fig, ax = new_figure(width, rows=len(matrix), row_height=0.38, margin=1.8)
    for i, (_, row) in enumerate(matrix.iterrows()):
        for j, value in enumerate(row):
            ax.add_patch(
                mpl.patches.Rectangle(
                    (j + 0.1, i + 0.1),
                    0.8,
                    0.8,
                    facecolor=PALETTE["blue"] if value else "white",
                    edgecolor=MUTED,
                    linewidth=0.8,
                )
            )
    ax.set_xlim(0, matrix.shape[1])
    ax.set_ylim(matrix.shape[0], 0)
    ax.set_xticks(
        [j + 0.5 for j in range(matrix.shape[1])], col_labels, **({} if text is None else {"fontsize": text + 1})
    )
    ax.set_yticks([i + 0.5 for i in range(matrix.shape[0])], row_labels, fontsize=9 if text is None else text)
    ax.xaxis.tick_top()
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_title(title, pad=28)
    return fig
