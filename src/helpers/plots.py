"""The book's chart style, and one function that turns a chart into an accessible figure.

Every chart in the book is drawn with :func:`use_book_style` in force and shown with
:func:`show_figure`, which writes the figure the way Our World in Data does: the chart (with
alt text), a caption naming the source and licence, and a link to download the exact data
drawn, as CSV. The output is plain HTML with the image and the CSV embedded, so a page needs
no other file and no network, and the same data gives byte-identical output.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision
# deficiencies and in greyscale when paired with the book's markers and line styles.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CYCLE = [PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "sky", "purple", "black", "yellow")]
INK = "#222222"
MUTED = "#666666"

DATA_LICENCE = "CC BY 4.0"

BOOK_STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
    "figure.figsize": (6.4, 4.2),  # narrow enough that text stays legible when a phone scales it down
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "svg.hashsalt": "putin-nato-book",  # stable ids inside the SVG
    "svg.fonttype": "path",
}


def use_book_style() -> None:
    """Apply the book's matplotlib style (call once at the top of a chapter)."""
    mpl.rcParams.update(BOOK_STYLE)


def figure_svg(fig: plt.Figure) -> str:
    """The figure as SVG text with no date or tool stamp, so equal figures give equal bytes."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def csv_data_uri(data: pd.DataFrame) -> str:
    """A data: URI holding `data` as UTF-8 CSV, for a download link that needs no server."""
    encoded = base64.b64encode(data.to_csv(index=False, lineterminator="\n").encode("utf-8")).decode("ascii")
    return f"data:text/csv;charset=utf-8;base64,{encoded}"


def figure_html(fig: plt.Figure, *, alt: str, title: str, caption: str, source: str, data: pd.DataFrame, csv_name: str) -> str:
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


def step_chart(series: pd.DataFrame, *, x: str, y: str, title: str, ylabel: str, annotate: pd.DataFrame | None = None,
               label: str | None = None, min_label_gap: pd.Timedelta = pd.Timedelta(days=5 * 365)) -> plt.Figure:
    """A step line of a running count (e.g. members over time), optionally labelling some steps.

    `annotate` has the columns of `series` plus ``text``: one label per step to write on the
    chart. A label closer than `min_label_gap` to the previous one is merged into it
    ("2017-24"), so labels never overlap.
    """
    fig, ax = plt.subplots()
    ax.step(series[x], series[y], where="post", color=PALETTE["blue"], linewidth=2.2, label=label)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, series[y].max() * 1.15)
    if annotate is not None:
        for row in merge_close_labels(annotate, x=x, min_gap=min_label_gap).itertuples():
            ax.annotate(getattr(row, "text"), (getattr(row, x), getattr(row, y)), xytext=(0, 8),
                        textcoords="offset points", ha="center", fontsize=9, color=INK)
    return fig


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


def bar_chart(table: pd.DataFrame, *, x: str, ys: list[str], labels: list[str], title: str, ylabel: str, stacked: bool = True) -> plt.Figure:
    """Vertical bars, one group per row of `table`, stacked by default; a legend names each part."""
    fig, ax = plt.subplots()
    bottom = pd.Series(0, index=table.index, dtype=float)
    hatches = ["", "//", "\\\\", "xx"]  # line hatches: dotted ones bloat the SVG
    for i, (column, label) in enumerate(zip(ys, labels)):
        ax.bar(table[x], table[column], bottom=bottom if stacked else None, color=CYCLE[i], label=label,
               hatch=hatches[i % len(hatches)], edgecolor="white", linewidth=0.5)
        if stacked:
            bottom = bottom + table[column]
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper right")
    return fig


# Ordinal stance scales (1 to 5) use cividis, a sequential map designed to read the same with
# colour-vision deficiencies; each code also has its own marker shape.
STANCE_MARKERS = {1: "o", 2: "s", 3: "D", 4: "^", 5: "X"}


def stance_colours(levels: int = 5) -> dict[int, str]:
    """One cividis colour per stance code 1..levels, light to dark reversed so 5 is darkest."""
    cmap = mpl.colormaps["cividis"]
    return {code: mpl.colors.to_hex(cmap(0.92 - 0.85 * (code - 1) / (levels - 1))) for code in range(1, levels + 1)}


def stance_timeline(statements: pd.DataFrame, *, column: str, labels: dict[int, str], title: str, ylabel: str) -> plt.Figure:
    """Each statement as a point: date across, its stance code up, colour and shape by code."""
    colours = stance_colours(len(labels))
    fig, ax = plt.subplots(figsize=(8, 4.8))
    coded = statements.dropna(subset=[column])
    for code, label in labels.items():
        rows = coded[coded[column] == code]
        ax.scatter(rows["date"], rows[column].astype(float), s=70, color=colours[code], marker=STANCE_MARKERS[code],
                   edgecolor=INK, linewidth=0.6, label=f"{code} {label}", zorder=3)
    ax.set_yticks(list(labels), [f"{code} {label}" for code, label in labels.items()])
    ax.set_ylim(0.5, len(labels) + 0.5)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    return fig


def line_chart(table: pd.DataFrame, *, x: str, ys: list[str], labels: list[str], title: str, ylabel: str,
               yticks: dict[int, str] | None = None) -> plt.Figure:
    """Lines with markers, one per column in `ys`, each in its own colour, marker and dash."""
    fig, ax = plt.subplots()
    styles = ["-", "--", ":", "-."]
    markers = ["o", "s", "D", "^"]
    for i, (column, label) in enumerate(zip(ys, labels)):
        ax.plot(table[x], table[column], linestyle=styles[i % 4], marker=markers[i % 4], color=CYCLE[i], label=label, linewidth=2)
    if yticks:
        ax.set_yticks(list(yticks), [f"{k} {v}" for k, v in yticks.items()])
        ax.set_ylim(min(yticks) - 0.3, max(yticks) + 0.3)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if len(ys) > 1:
        ax.legend(loc="upper left")
    return fig


def barh_chart(table: pd.DataFrame, *, y: str, x: str, title: str, xlabel: str, colour: str = PALETTE["blue"],
               value_format: str = "{:,.0f}") -> plt.Figure:
    """Horizontal bars with their values written at the end: for a few labelled quantities."""
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(table) + 1.5))
    ax.barh(table[y], table[x], color=colour)
    ax.invert_yaxis()
    for position, value in enumerate(table[x]):
        ax.annotate(value_format.format(value), (value, position), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlim(0, table[x].max() * 1.15)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return fig


def matrix_chart(matrix: pd.DataFrame, *, row_labels: list[str], col_labels: list[str], title: str) -> plt.Figure:
    """A grid of filled (True) and empty (False) cells, e.g. which document makes which claim."""
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(matrix) + 1.8))
    for i, (_, row) in enumerate(matrix.iterrows()):
        for j, value in enumerate(row):
            ax.add_patch(mpl.patches.Rectangle((j + 0.1, i + 0.1), 0.8, 0.8,
                                               facecolor=PALETTE["blue"] if value else "white", edgecolor=MUTED, linewidth=0.8))
    ax.set_xlim(0, matrix.shape[1])
    ax.set_ylim(matrix.shape[0], 0)
    ax.set_xticks([j + 0.5 for j in range(matrix.shape[1])], col_labels)
    ax.set_yticks([i + 0.5 for i in range(matrix.shape[0])], row_labels, fontsize=9)
    ax.xaxis.tick_top()
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_title(title, pad=28)
    return fig


def europe_map(boundaries: dict, groups: dict[str, str], colours: dict[str, str], *, title: str,
               extent: tuple[float, float, float, float] = (-25, 60, 34, 72), hatches: dict[str, str] | None = None,
               points: pd.DataFrame | None = None) -> plt.Figure:
    """Countries filled by group (iso3 -> group name); a legend lists the groups in `colours` order.

    A plain longitude/latitude map with the aspect set for 55 degrees north, which keeps
    Europe's shapes recognisable without a projection library. `points` (name, lat, lon) are
    marked and labelled.
    """
    import math

    from helpers.geo import polygons

    hatches = hatches or {}
    fig, ax = plt.subplots(figsize=(8, 7))
    for feature in boundaries["features"]:
        group = groups.get(feature["properties"]["iso3"])
        face = colours.get(group, "#eeeeee")
        for ring in polygons(feature):
            ax.add_patch(mpl.patches.Polygon(ring, closed=True, facecolor=face, edgecolor="white", linewidth=0.5,
                                             hatch=hatches.get(group, "")))
    handles = [mpl.patches.Patch(facecolor=colour, edgecolor=MUTED, hatch=hatches.get(group, ""), label=group)
               for group, colour in colours.items()]
    if points is not None:
        for point in points.itertuples():
            ax.plot(point.lon, point.lat, marker="o", color=INK, markersize=4)
            ax.annotate(point.name, (point.lon, point.lat), xytext=(4, 3), textcoords="offset points", fontsize=8, color=INK)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect(1 / math.cos(math.radians(55)))
    ax.set_axis_off()
    ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=True, facecolor="white", framealpha=0.9)
    ax.set_title(title)
    return fig
