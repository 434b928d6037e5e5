"""Where the words on a chart go: labels that never overlap, labels joined to their points,
labels written from a table, and dated marks.

A table of labels has a ``text`` column and may say, row by row, where each label stands
relative to its point: ``dx`` and ``dy`` (points) and ``ha`` (horizontal alignment). A missing
column, or an empty cell, leaves that label where the chart puts its labels by default.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers.plots.style import INK, MUTED


def row_value(row: dict, column: str, default):
    """`row[column]`, or `default` when the row has no such column or the cell is empty."""
    value = row.get(column)
    return default if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def label_point(ax: plt.Axes, text: str, point, colour: str, *, at=None, fontsize: float = 9.5) -> None:
    """Write `text` in `colour` at `point` (x, y in data coordinates), or at `at` with a thin
    line from there to `point` when the label must stand elsewhere."""
    at = point if at is None else at
    arrow = {"arrowstyle": "-", "color": colour, "linewidth": 0.8} if point != at else None
    ax.annotate(text, point, xytext=at, textcoords="data", fontsize=fontsize, color=colour, arrowprops=arrow)


def write_labels(
    ax: plt.Axes,
    labels: pd.DataFrame,
    *,
    x: str,
    y: str,
    fontsize: float = 9,
    dx: float = 0,
    dy: float = 8,
    ha: str = "center",
) -> None:
    """Write each row's ``text`` at its (`x`, `y`), offset by `dx`, `dy` points and aligned `ha`,
    unless the row's own ``dx``, ``dy`` or ``ha`` says otherwise."""
    for row in labels.to_dict("records"):
        ax.annotate(
            row["text"],
            (row[x], row[y]),
            xytext=(row_value(row, "dx", dx), row_value(row, "dy", dy)),
            textcoords="offset points",
            ha=row_value(row, "ha", ha),
            fontsize=fontsize,
            color=INK,
        )


def note_points(ax: plt.Axes, notes: pd.DataFrame, colours: dict[str, str], *, fontsize: float = 9.5) -> None:
    """:func:`label_point` for each row of `notes`: ``text`` at (``x``, ``y``), coloured as the
    line its ``line`` names in `colours` (ink if none), standing at (``at_x``, ``at_y``) if given."""
    for row in notes.to_dict("records"):
        at_x, at_y = row_value(row, "at_x", None), row_value(row, "at_y", None)
        at = None if at_x is None else (at_x, at_y)
        colour = colours.get(row_value(row, "line", None), INK)
        label_point(ax, row["text"], (row["x"], row["y"]), colour, at=at, fontsize=fontsize)


def mark_dates(ax: plt.Axes, marks: pd.DataFrame, *, fontsize: float = 10, dx: float = -4) -> None:
    """A dotted vertical line at each ``date`` of `marks`, behind the data, with its ``text``
    (if any) written left of the line: at the top of the chart, or centred on ``y`` when the
    row gives one."""
    for row in marks.to_dict("records"):
        ax.axvline(row["date"], color=MUTED, linestyle=":", linewidth=1.2, zorder=1)
        text = row_value(row, "text", "")
        if not text:
            continue
        y = row_value(row, "y", None)
        ax.annotate(
            text,
            (row["date"], 0.99 if y is None else y),
            xycoords=("data", "axes fraction") if y is None else "data",
            xytext=(row_value(row, "dx", dx), 0),
            textcoords="offset points",
            ha="right",
            va="top" if y is None else "center",
            fontsize=fontsize,
            color=MUTED,
        )


def merge_close_labels(labels: pd.DataFrame, *, x: str, min_gap: pd.Timedelta) -> pd.DataFrame:
    """Merge labels that fall within `min_gap` of the first of their run: '2017', '2020' -> '2017-20'.

    The merged label sits at the last point of its run (the top of a rising step line).
    """
    groups, start = [], None
    for position, value in enumerate(labels[x]):
        if start is None or value - start >= min_gap:
            start = value
            groups.append([])
        groups[-1].append(position)
    rows = []
    for members in groups:
        last = labels.iloc[members[-1]].copy()
        first_text, last_text = labels.iloc[members[0]]["text"], last["text"]
        if len(members) > 1:
            last["text"] = f"{first_text}-{str(last_text)[-2:]}"
        rows.append(last)
    return pd.DataFrame(rows).reset_index(drop=True)


def decimal_year(day: pd.Timestamp) -> float:
    """2004-07-02 -> 2004.5: a date as a number, for a date axis drawn in plain numbers."""
    return day.year + (day.day_of_year - 1) / (366 if day.is_leap_year else 365)


def spread_labels(wanted: list[float], heights: list[float]) -> list[float]:
    """Label centres as close to `wanted` (sorted) as possible, with no two labels overlapping.

    Overlapping labels are merged into a block centred on the mean of what its labels wanted,
    and blocks are merged until none overlap. ``spread_labels([0, 0.5], [1, 1]) == [-0.25, 0.75]``.
    """
    blocks = [[i] for i in range(len(wanted))]

    def place(block):
        offsets, total = [], 0.0
        for i in block:
            offsets.append(total + heights[i] / 2)
            total += heights[i]
        top = sum(wanted[i] - offset for i, offset in zip(block, offsets)) / len(block)
        return top, total, [top + offset for offset in offsets]

    merged = True
    while merged:
        merged = False
        for k in range(len(blocks) - 1):
            top, total, _ = place(blocks[k])
            if top + total > place(blocks[k + 1])[0]:
                blocks[k : k + 2] = [blocks[k] + blocks[k + 1]]
                merged = True
                break
    centres = {}
    for block in blocks:
        centres.update(zip(block, place(block)[2]))
    return [centres[i] for i in range(len(wanted))]
