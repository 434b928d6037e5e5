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
import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from helpers.words import date_as_written

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


# Taller charts whose axis labels and legends are as large as the rest of the text, for chapters
# whose charts carry long labels: ``use_book_style(LARGER_TEXT)``.
LARGER_TEXT = {"figure.figsize": (6.4, 4.8), "axes.labelsize": 12, "legend.fontsize": 11}


def use_book_style(changes: dict | None = None) -> None:
    """Apply the book's matplotlib style (call once at the top of a chapter), with `changes`
    (matplotlib rcParams, e.g. :data:`LARGER_TEXT`) on top of it."""
    mpl.rcParams.update(BOOK_STYLE)
    mpl.rcParams.update(changes or {})


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


def phone_sized(
    fig: plt.Figure, width: float = 5.0, height: float = 3.6, text: float = 13, title: float | None = None
) -> plt.Figure:
    """Shrink a chart's canvas and enlarge its text, so it stays legible when a phone shows it 350 px wide.

    Tick labels, axis labels and annotations get size `text`; titles `title` (default ``text + 1``).
    The book's default (6.4 x 4.2 in at 12 pt) reads well on a laptop; this is for busy charts.
    """
    fig.set_size_inches(width, height)
    for ax in fig.axes:
        ax.tick_params(labelsize=text)
        ax.xaxis.label.set_fontsize(text)
        ax.yaxis.label.set_fontsize(text)
        ax.title.set_fontsize(text + 1 if title is None else title)
        for label in ax.texts:
            label.set_fontsize(text)
    return fig


def label_point(ax: plt.Axes, text: str, point, colour: str, *, at=None, fontsize: float = 9.5) -> None:
    """Write `text` in `colour` at `point` (x, y in data coordinates), or at `at` with a thin
    line from there to `point` when the label must stand elsewhere."""
    at = point if at is None else at
    arrow = {"arrowstyle": "-", "color": colour, "linewidth": 0.8} if point != at else None
    ax.annotate(text, point, xytext=at, textcoords="data", fontsize=fontsize, color=colour, arrowprops=arrow)


FIVE_YEARS = pd.Timedelta(days=5 * 365)  # default gap between step labels


def step_chart(
    series: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    ylabel: str,
    annotate: pd.DataFrame | None = None,
    label: str | None = None,
    min_label_gap: pd.Timedelta = FIVE_YEARS,
) -> plt.Figure:
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
            ax.annotate(
                row.text,
                (getattr(row, x), getattr(row, y)),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=9,
                color=INK,
            )
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


HATCHES = ["", "//", "\\\\", "xx", "--", "||", "++", "/"]  # line hatches: dotted ones bloat the SVG


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
) -> plt.Figure:
    """Vertical bars, one group per row of `table`, stacked by default; a legend names each part.

    The parts are told apart by colour and by the first four hatches of :data:`HATCHES`.
    `label_every` labels only every n-th bar (for a long run of years); `headroom` multiplies
    the height of the tallest bar to leave room for the legend above the bars.
    """
    fig, ax = plt.subplots()
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


VERDICT_LABELS = {
    "confirmed": "Confirmed",
    "qualified": "Qualified (true with caveats)",
    "contested": "Contested",
    "contradicted": "Contradicted",
    "unverified": "Unverified",
}


def verdict_chart(verdicts: pd.DataFrame, *, title: str) -> plt.Figure:
    """Stacked bars of verdicts per source document (the table :func:`helpers.compute.verdicts_by_document`
    makes), the legend below the bars so it never hides them."""
    table = verdicts.reset_index(drop=True).assign(document=[d.removeprefix("srcdoc-") for d in verdicts.index])
    fig = bar_chart(
        table,
        x="document",
        ys=list(verdicts.columns),
        labels=[VERDICT_LABELS[v] for v in verdicts.columns],
        title=title,
        ylabel="Claims made",
    )
    ax = fig.axes[0]
    ax.set_xlabel("Source document")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=10)
    fig.set_size_inches(6.4, 4.8)  # a narrower figure keeps the text legible on a phone
    return fig


# Ordinal stance scales (1 to 5) use cividis, a sequential map designed to read the same with
# colour-vision deficiencies; each code also has its own marker shape.
STANCE_MARKERS = {1: "o", 2: "s", 3: "D", 4: "^", 5: "X"}


def stance_colours(levels: int = 5) -> dict[int, str]:
    """One cividis colour per stance code 1..levels, light to dark reversed so 5 is darkest."""
    cmap = mpl.colormaps["cividis"]
    return {code: mpl.colors.to_hex(cmap(0.92 - 0.85 * (code - 1) / (levels - 1))) for code in range(1, levels + 1)}


def stance_timeline(
    statements: pd.DataFrame, *, column: str, labels: dict[int, str], title: str, ylabel: str
) -> plt.Figure:
    """Each statement as a point: date across, its stance code up, colour and shape by code."""
    colours = stance_colours(len(labels))
    fig, ax = plt.subplots(figsize=(8, 4.8))
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
    ax.set_yticks(list(labels), [f"{code} {label}" for code, label in labels.items()])
    ax.set_ylim(0.5, len(labels) + 0.5)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
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
) -> plt.Figure:
    """Lines with markers, one per column in `ys`, each in its own colour, marker and dash."""
    fig, ax = plt.subplots()
    styles = ["-", "--", ":", "-."]
    markers = ["o", "s", "D", "^"]
    for i, (column, label) in enumerate(zip(ys, labels)):
        ax.plot(
            table[x],
            table[column],
            linestyle=styles[i % 4],
            marker=markers[i % 4],
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
) -> plt.Figure:
    """Horizontal bars with their values written at the end: for a few labelled quantities."""
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(table) + 1.5))
    ax.barh(table[y], table[x], color=colour)
    ax.invert_yaxis()
    for position, value in enumerate(table[x]):
        ax.annotate(
            value_format.format(value),
            (value, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
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
    ax.set_xticks([j + 0.5 for j in range(matrix.shape[1])], col_labels)
    ax.set_yticks([i + 0.5 for i in range(matrix.shape[0])], row_labels, fontsize=9)
    ax.xaxis.tick_top()
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_title(title, pad=28)
    return fig


def europe_map(
    boundaries: dict,
    groups: dict[str, str],
    colours: dict[str, str],
    *,
    title: str,
    extent: tuple[float, float, float, float] = (-25, 60, 34, 72),
    hatches: dict[str, str] | None = None,
    points: pd.DataFrame | None = None,
) -> plt.Figure:
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
            ax.add_patch(
                mpl.patches.Polygon(
                    ring, closed=True, facecolor=face, edgecolor="white", linewidth=0.5, hatch=hatches.get(group, "")
                )
            )
    handles = [
        mpl.patches.Patch(facecolor=colour, edgecolor=MUTED, hatch=hatches.get(group, ""), label=group)
        for group, colour in colours.items()
    ]
    if points is not None:
        for point in points.itertuples():
            ax.plot(point.lon, point.lat, marker="o", color=INK, markersize=4)
            ax.annotate(
                point.name, (point.lon, point.lat), xytext=(4, 3), textcoords="offset points", fontsize=8, color=INK
            )
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect(1 / math.cos(math.radians(55)))
    ax.set_axis_off()
    ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=True, facecolor="white", framealpha=0.9)
    ax.set_title(title)
    return fig


# --------------------------------------------------------------------------------------------
# Timelines of events
# --------------------------------------------------------------------------------------------

MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]


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


def event_strip(
    events: pd.DataFrame, *, title: str, width: int = 30, size: tuple = (4.4, 10.5), fontsize: float = 9.5
) -> plt.Figure:
    """Many events on a date axis running down the page, each labelled 'Mon YYYY: title'.

    Dates are to scale, so gaps show. Colour (the Okabe-Ito cycle) and marker shape both show
    the category, so the chart reads in greyscale too. Labels are pushed apart
    (:func:`spread_labels`) so that none overlaps, with a thin line to each marker; markers of
    the same category within a few weeks of each other are nudged sideways so that none hides
    another. The figure is narrow on purpose: it then shrinks little on a phone screen.
    """
    kinds = events["category"].cat.categories
    categories = [c for c in kinds if (events["category"] == c).any()]
    style = {c: (CYCLE[i], MARKERS[i]) for i, c in enumerate(categories)}
    y = events["date"].map(decimal_year).tolist()
    labels = [textwrap.fill(f"{day:%b %Y}: {text}", width) for day, text in zip(events["date"], events["title"])]
    low, high = min(y) - 0.4, max(y) + 0.4
    fig, ax = plt.subplots(figsize=size)
    fig.subplots_adjust(left=0.14, right=0.99, top=0.9, bottom=0.02)
    years_per_inch = (high - low) / (size[1] * 0.88)
    line_height = fontsize * 1.2 / 72  # inches
    heights = [((label.count("\n") + 1) * line_height + 0.07) * years_per_inch for label in labels]
    centres = spread_labels(y, heights)
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
    bottom = max(max(centres) + heights[-1] / 2, high)
    ax.set_ylim(bottom, min(min(centres) - heights[0] / 2, low))
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


MEMBERSHIP_STEPS = {"application": ("o", CYCLE[0], "Ukraine's own step"), "summit": ("s", CYCLE[1], "NATO summit")}


def membership_timeline(
    steps: pd.DataFrame, *, title: str, styles: dict[str, tuple[str, str, str]] = MEMBERSHIP_STEPS
) -> plt.Figure:
    """A few events, one row each, oldest at the top, date across; for a path of steps.

    `styles` gives each category its (marker, colour, legend label): by default applications
    are blue circles and summits orange squares. Each label gives the date as written
    (:func:`helpers.words.date_as_written`) and the event's title, wrapped to short lines so
    the chart stays legible on a phone; labels sit right of the marker in the first half of
    the period and left of it in the second, so none runs off the chart. Unlike
    :func:`event_strip`, which draws many events to scale down the page, every event here
    gets its own row.
    """
    fig, ax = plt.subplots(figsize=(5.6, 1.0 * len(steps) + 1.2))
    middle = steps["date"].min() + (steps["date"].max() - steps["date"].min()) / 2
    for position, (_, row) in enumerate(steps.iterrows()):
        marker, colour, _ = styles[row["category"]]
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
    for marker, colour, label in styles.values():
        ax.plot([], [], marker=marker, color=colour, markeredgecolor=INK, linestyle="", markersize=11, label=label)
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
