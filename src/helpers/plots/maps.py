"""The map of Europe: countries filled by group, and places marked and named."""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.patheffects as patheffects
import matplotlib.pyplot as plt
import pandas as pd

from helpers.geo import polygons
from helpers.plots.labels import row_value
from helpers.plots.style import INK, MUTED, WIDE, new_figure


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
) -> plt.Figure:
    """Countries filled by group (iso3 -> group name); a legend lists the groups in `colours` order.

    A plain longitude/latitude map with the aspect set for 55 degrees north, which keeps
    Europe's shapes recognisable without a projection library. `points` (name, lat, lon) are
    marked and named on a white halo, each label `dx`, `dy` points from its place and aligned
    `ha` when the table has those columns (4, 3 and left otherwise). The legend sits in the
    lower left corner, or under the map in three columns if `legend_below`. `text` sets the
    legend's size, names one point smaller and the title one point larger (9 and 8 points
    and the house title by default).
    """
    hatches = hatches or {}
    fig, ax = new_figure(width, aspect)
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
    ax.set_aspect(1 / math.cos(math.radians(55)))
    ax.set_axis_off()
    size = 9 if text is None else text
    if legend_below:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=3,
            fontsize=size,
            frameon=False,
            handlelength=2.0,
            handleheight=1.3,
            columnspacing=1.0,
        )
    else:
        ax.legend(handles=handles, loc="lower left", fontsize=size, frameon=True, facecolor="white", framealpha=0.9)
    ax.set_title(title, **({} if text is None else {"fontsize": text + 1}))
    return fig
