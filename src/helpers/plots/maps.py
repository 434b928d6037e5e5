"""The map of Europe: countries filled by group, places marked and named, and enlarged panels
in which small states are named."""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.patheffects as patheffects
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.path import Path

from helpers.geo import polygons
from helpers.plots.labels import row_value
from helpers.plots.style import INK, MUTED, WIDE, figure_size, new_figure

MAP_LATITUDE = 55  # the map's aspect is set for this latitude (a plain longitude/latitude map)

Zoom = tuple[str, tuple[float, float, float, float]]  # a panel's title and its (west, east, south, north)


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]]))) / 2


def inner_point(feature: dict, *, grid: int = 40) -> tuple[float, float]:
    """A point well inside a country's largest polygon, where its name can stand: of a grid of
    points inside the polygon, the one farthest from its outline (at the map's aspect). Unlike
    the centroid, it falls inside a curved country such as Croatia."""
    ring = np.asarray(max(polygons(feature), key=_ring_area), dtype=float)
    xs = np.linspace(ring[:, 0].min(), ring[:, 0].max(), grid)
    ys = np.linspace(ring[:, 1].min(), ring[:, 1].max(), grid)
    candidates = np.column_stack([axis.ravel() for axis in np.meshgrid(xs, ys)])
    candidates = candidates[Path(ring).contains_points(candidates)]
    if not len(candidates):  # a sliver narrower than the grid: its first vertex
        return float(ring[0, 0]), float(ring[0, 1])
    stretch = 1 / math.cos(math.radians(float(ring[:, 1].mean())))
    gaps = np.hypot(candidates[:, None, 0] - ring[None, :, 0], (candidates[:, None, 1] - ring[None, :, 1]) * stretch)
    best = candidates[int(np.argmax(gaps.min(axis=1)))]
    return float(best[0]), float(best[1])


def _fill(ax: plt.Axes, boundaries: dict, groups: dict, colours: dict, hatches: dict, linewidth: float) -> None:
    for feature in boundaries["features"]:
        group = groups.get(feature["properties"]["iso3"])
        for ring in polygons(feature):
            ax.add_patch(
                mpl.patches.Polygon(
                    ring,
                    closed=True,
                    facecolor=colours.get(group, "#eeeeee"),
                    edgecolor="white",
                    linewidth=linewidth,
                    hatch=hatches.get(group, ""),
                )
            )


def _name_states(ax: plt.Axes, boundaries: dict, labels: pd.DataFrame, extent, fontsize: float) -> None:
    """Write each row of `labels` (iso3, text; optional at_lon, at_lat) whose country has its inner
    point inside `extent`: on that point, or at (at_lon, at_lat) with a line to it."""
    west, east, south, north = extent
    features = {feature["properties"]["iso3"]: feature for feature in boundaries["features"]}
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    for row in labels.to_dict("records"):
        feature = features.get(row["iso3"])
        if feature is None:
            continue
        lon, lat = inner_point(feature)
        if not (west < lon < east and south < lat < north):
            continue
        at = (row_value(row, "at_lon", lon), row_value(row, "at_lat", lat))
        ax.annotate(
            row["text"],
            (lon, lat),
            xytext=at,
            textcoords="data",
            ha="center",
            va="center",
            fontsize=fontsize,
            fontweight="bold",
            color=INK,
            path_effects=halo,
            arrowprops=None if at == (lon, lat) else {"arrowstyle": "-", "color": INK, "linewidth": 0.9},
            annotation_clip=False,
        )


def europe_map(
    boundaries: dict,
    groups: dict[str, str],
    colours: dict[str, str],
    *,
    title: str,
    extent: tuple[float, float, float, float] = (-25, 60, 34, 72),
    hatches: dict[str, str] | None = None,
    points: pd.DataFrame | None = None,
    legend_below: bool = False,
    text: float | None = None,
    width: float = WIDE,
    aspect: float = 8 / 7,
    zooms: Sequence[Zoom] = (),
    labels: pd.DataFrame | None = None,
) -> plt.Figure:
    """Countries filled by group (iso3 -> group name); a legend lists the groups in `colours` order.

    A plain longitude/latitude map with the aspect set for 55 degrees north, which keeps
    Europe's shapes recognisable without a projection library. `points` (name, lat, lon) are
    marked and named on a white halo, each label `dx`, `dy` points from its place and aligned
    `ha` when the table has those columns (4, 3 and left otherwise). The legend sits in the
    lower left corner, or under the map in three columns if `legend_below`. `text` sets the
    legend's size, names one point smaller and the title one point larger (9 and 8 points
    and the house title by default).

    `zooms` adds a row of enlarged panels under the map, one per (title, (west, east, south,
    north)), side by side at widths that give them one height; the map outlines each area.
    In them the countries of `labels` (iso3, text; optional at_lon and at_lat, where the name
    stands with a line to its country) are named, so that states too small to see on the map
    can be told apart; names and panel titles are two points smaller than the legend. The row
    adds its own height to the figure's.
    """
    hatches = hatches or {}
    size = 9 if text is None else text
    if zooms:
        fig, ax, panels = _map_and_panels(width, aspect, [extent for _, extent in zooms])
    else:
        fig, ax = new_figure(width, aspect)
        panels = []
    _fill(ax, boundaries, groups, colours, hatches, 0.5)
    handles = [
        mpl.patches.Patch(facecolor=colour, edgecolor=MUTED, hatch=hatches.get(group, ""), label=group)
        for group, colour in colours.items()
    ]
    if points is not None:
        halo = [patheffects.withStroke(linewidth=3, foreground="white")]
        for point in points.to_dict("records"):
            dy = row_value(point, "dy", 3)
            ax.plot(point["lon"], point["lat"], marker="o", color=INK, markersize=5, markeredgecolor="white")
            ax.annotate(
                point["name"],
                (point["lon"], point["lat"]),
                xytext=(row_value(point, "dx", 4), dy),
                textcoords="offset points",
                ha=row_value(point, "ha", "left"),
                va="top" if dy < 0 else "bottom",
                fontsize=8 if text is None else text - 1,
                color=INK,
                path_effects=halo,
            )
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect(1 / math.cos(math.radians(MAP_LATITUDE)))
    ax.set_axis_off()
    for panel, (name, (west, east, south, north)) in zip(panels, zooms):
        ax.add_patch(
            mpl.patches.Rectangle((west, south), east - west, north - south, fill=False, edgecolor=INK, linewidth=1.2)
        )
        _fill(panel, boundaries, groups, colours, hatches, 0.9)
        panel.set_xlim(west, east)
        panel.set_ylim(south, north)
        panel.set_aspect(_stretch(south, north))
        panel.set_xticks([])
        panel.set_yticks([])
        panel.grid(False)
        for spine in panel.spines.values():
            spine.set_visible(True)
            spine.set_color(INK)
        panel.set_title(name, loc="left", fontsize=size - 2, fontweight="bold")
        if labels is not None:
            _name_states(panel, boundaries, labels, (west, east, south, north), size - 2)
    legend_options = {"handles": handles, "fontsize": size}
    if legend_below:
        anchor = {"bbox_to_anchor": (0.5, 0.0)}
        if panels:  # under the panels, the figure's lowest row
            anchor = {"bbox_to_anchor": (0.5, -0.01), "bbox_transform": fig.transFigure}
        ax.legend(
            **legend_options,
            **anchor,
            loc="upper center",
            ncol=3,
            frameon=False,
            handlelength=2.0,
            handleheight=1.3,
            columnspacing=1.0,
        )
    else:
        ax.legend(**legend_options, loc="lower left", frameon=True, facecolor="white", framealpha=0.9)
    ax.set_title(title, **({} if text is None else {"fontsize": text + 1}))
    return fig


def _map_and_panels(width: float, aspect: float, extents: list) -> tuple[plt.Figure, plt.Axes, list[plt.Axes]]:
    """A figure with the map's axes on top and, under it, one axes per extent, side by side at
    widths that give them one height and together fill the figure's width."""
    inches, map_height = figure_size(width, aspect)
    gap = 0.1  # inches between panels, and between the map and the panels
    ratios = [(east - west) / ((north - south) * _stretch(south, north)) for west, east, south, north in extents]
    row = (inches - gap * (len(extents) - 1)) / sum(ratios)  # the panels' height
    fig = plt.figure(figsize=(inches, round(map_height + gap + row, 3)))
    total = map_height + gap + row
    ax = fig.add_axes((0, (row + gap) / total, 1, map_height / total))
    panels, left = [], 0.0
    for ratio in ratios:
        panels.append(fig.add_axes((left / inches, 0, ratio * row / inches, row / total)))
        left += ratio * row + gap
    return fig, ax, panels


def _stretch(south: float, north: float) -> float:
    """How much taller than wide a degree is drawn at the middle latitude of a panel."""
    return 1 / math.cos(math.radians((south + north) / 2))
