"""The house style sheet and its sizes, the figure helper (deterministic bytes, alt text, caption, the CSV it
offers), the chart functions and the labels they place."""

import base64
import fnmatch
import re
import tomllib

import matplotlib
import matplotlib.dates as mdates
import pandas as pd

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from conftest import REPO  # noqa: E402
from helpers import plots  # noqa: E402


def _figure():
    plots.use_book_style()
    data = pd.DataFrame({"year": [2000, 2010, 2020], "value": [1, 4, 2]})
    fig = plots.step_chart(data, x="year", y="value", title="A test", ylabel="Value")
    return fig, data


def test_same_data_gives_identical_svg_bytes():
    first = plots.figure_svg(_figure()[0])
    second = plots.figure_svg(_figure()[0])
    assert first == second
    assert "<dc:date>" not in first


def test_figure_html_has_alt_caption_source_and_exact_csv():
    fig, data = _figure()
    out = plots.figure_html(
        fig,
        alt='Values "rise" then fall',
        title="Values, 2000 to 2020",
        caption="A measure.",
        source="data/test.csv",
        data=data,
        csv_name="test.csv",
    )
    assert 'alt="Values &quot;rise&quot; then fall"' in out
    assert "<figcaption>" in out and "Source: data/test.csv" in out and "CC BY 4.0" in out
    encoded = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)" download="test.csv"', out).group(1)
    assert base64.b64decode(encoded).decode() == "year,value\n2000,1\n2010,4\n2020,2\n"


def test_palette_is_okabe_ito():
    assert plots.CYCLE[:3] == ["#0072B2", "#E69F00", "#009E73"]


def test_close_labels_are_merged():
    labels = pd.DataFrame(
        {
            "date": pd.to_datetime(["1999-03-12", "2004-03-29", "2017-06-05", "2020-03-27", "2024-03-07"]),
            "total": [19, 26, 29, 30, 32],
            "text": ["1999", "2004", "2017", "2020", "2024"],
        }
    )
    merged = plots.merge_close_labels(labels, x="date", min_gap=pd.Timedelta(days=5 * 365))
    assert list(merged["text"]) == ["1999", "2004", "2017-20", "2024"]
    assert list(merged["total"]) == [19, 26, 30, 32]


def test_decimal_year():
    assert plots.decimal_year(pd.Timestamp("2004-07-02")) == 2004.5  # day 184 of a leap year
    assert plots.decimal_year(pd.Timestamp("2001-01-01")) == 2001.0


def test_spread_labels_moves_only_labels_that_would_overlap():
    assert plots.spread_labels([0, 5], [1, 1]) == [0.0, 5.0]
    assert plots.spread_labels([0, 0.5], [1, 1]) == [-0.25, 0.75]
    # the first two collide, and the block they form then collides with the third
    assert plots.spread_labels([0, 0.5, 1.0], [1, 1, 1]) == [-0.5, 0.5, 1.5]


def test_phone_sized_shrinks_the_canvas_and_enlarges_the_text():
    fig, _ = _figure()
    fig.axes[0].annotate("note", (2010, 4))
    plots.phone_sized(fig)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == plots.figure_size(plots.PHONE, 1.4) == (5.12, 3.657)
    assert ax.yaxis.label.get_fontsize() == 13 and ax.texts[0].get_fontsize() == 13
    assert ax.title.get_fontsize() == 14
    assert ax.yaxis.get_ticklabels()[0].get_fontsize() == 13
    plots.phone_sized(fig, 0.875, 1.4, text=12.5, title=14)
    assert (
        tuple(fig.get_size_inches()) == (5.6, 4.0)
        and ax.title.get_fontsize() == 14
        and ax.texts[0].get_fontsize() == 12.5
    )


def test_label_point_draws_a_line_only_when_the_label_stands_apart():
    fig, ax = plt.subplots()
    plots.label_point(ax, "here", (1, 2), "#0072B2")
    plots.label_point(ax, "there", (1, 2), "#D55E00", at=(3, 4))
    here, there = ax.texts
    assert here.get_text() == "here" and here.xy == (1, 2) and here.arrow_patch is None
    assert there.xy == (1, 2) and there.xyann == (3, 4) and there.arrow_patch is not None
    assert here.get_fontsize() == 9.5 and there.get_color() == "#D55E00"
    plt.close(fig)


def _legend_labels(fig):
    return [text.get_text() for text in fig.axes[0].get_legend().get_texts()]


def _timeline_events():
    events = pd.DataFrame(
        {
            "date_text": ["2008-01", "2008-04-03", "2010"],
            "title": ["Request for a MAP", "Bucharest summit", "Non-bloc law"],
            "category": pd.Categorical(["application", "summit", "application"], categories=["summit", "application"]),
        }
    )
    events["date"] = pd.to_datetime(["2008-01-01", "2008-04-03", "2010-01-01"])
    return events


def test_event_strip_labels_every_event_and_each_category_once():
    plots.use_book_style()
    fig = plots.event_strip(_timeline_events(), title="Events")
    texts = [text.get_text() for text in fig.axes[0].texts]
    assert texts == ["Jan 2008: Request for a MAP", "Apr 2008: Bucharest summit", "Jan 2010: Non-bloc law"]
    assert _legend_labels(fig) == ["summit", "application"]  # category order, colour and shape each
    plt.close(fig)


def test_membership_timeline_writes_dates_at_their_precision():
    plots.use_book_style()
    fig = plots.membership_timeline(
        _timeline_events(), title="Steps", labels={"application": "Ukraine's own step", "summit": "NATO summit"}
    )
    texts = [text.get_text() for text in fig.axes[0].texts]
    assert texts == ["Jan 2008\nRequest for a MAP", "3 Apr 2008\nBucharest summit", "2010\nNon-bloc law"]
    assert [text.get_horizontalalignment() for text in fig.axes[0].texts] == ["left", "left", "right"]
    assert _legend_labels(fig) == ["Ukraine's own step", "NATO summit"]
    assert tuple(fig.get_size_inches()) == (5.6, 3 * 1.0 + 1.2)  # an inch per step
    plt.close(fig)


def test_events_per_year_chart_hides_empty_bars_and_hatches_each_kind():
    plots.use_book_style()
    per_year = pd.DataFrame({"year": [2000, 2001, 2002], "summit": [1, 0, 2], "military": [0, 0, 1]})
    fig = plots.events_per_year_chart(per_year, title="Events")
    ax = fig.axes[0]
    assert [[bar.get_visible() for bar in bars] for bars in ax.containers] == [
        [True, False, True],
        [False, False, True],
    ]
    assert [bars[0].get_hatch() for bars in ax.containers] == ["", "//"]
    assert _legend_labels(fig) == ["summit", "military"]
    assert ax.get_xlim() == (1999, 2003)
    plt.close(fig)


def test_verdict_chart_names_documents_and_verdicts():
    plots.use_book_style()
    verdicts = pd.DataFrame({"confirmed": [2, 1], "qualified": [0, 1]}, index=["srcdoc-000", "srcdoc-001"])
    fig = plots.verdict_chart(verdicts, title="Verdicts")
    ax = fig.axes[0]
    assert _legend_labels(fig) == ["Confirmed", "Qualified (true with caveats)"]  # the data package's words
    assert [patch.get_x() + patch.get_width() / 2 for patch in ax.containers[0]] == [0, 1]
    assert [label.get_text() for label in ax.get_xticklabels() if label.get_text()] == ["000", "001"]
    assert tuple(fig.get_size_inches()) == (6.4, 4.8) and ax.get_xlabel() == "Source document"
    plt.close(fig)


def test_use_book_style_applies_changes_on_top_of_the_house_style():
    with matplotlib.rc_context():  # leave the other tests the style they expect
        plots.use_book_style(plots.LARGER_TEXT)
        assert tuple(matplotlib.rcParams["figure.figsize"]) == (6.4, 4.8)
        assert matplotlib.rcParams["axes.labelsize"] == 12 and matplotlib.rcParams["legend.fontsize"] == 11
        assert matplotlib.rcParams["font.size"] == 12 and matplotlib.rcParams["font.family"] == ["DejaVu Sans"]
        assert plots.HOUSE_SIZE == (6.4, 4.2)  # the house style itself is unchanged
        plots.use_book_style()
        assert tuple(matplotlib.rcParams["figure.figsize"]) == (6.4, 4.2)


def test_bar_chart_can_label_every_nth_bar_and_leave_room_for_the_legend():
    table = pd.DataFrame({"year": [str(y) for y in range(2000, 2011)], "a": [1] * 11, "b": [2] * 11})
    fig = plots.bar_chart(
        table, x="year", ys=["a", "b"], labels=["A", "B"], title="t", ylabel="n", label_every=5, headroom=2.0
    )
    ax = fig.axes[0]
    shown = [tick.get_text() for tick in ax.get_xticklabels() if tick.get_visible()]
    assert shown == ["2000", "2005", "2010"]
    assert ax.get_ylim()[1] == 6.0  # stacked height 3, doubled


# ---- the style sheet and the sizes derived from it ---------------------------------------------


def test_the_style_sheet_is_found_by_name_and_sets_the_house_style():
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        plt.style.use("helpers.plots.book")  # as a reader's own notebook would
        assert tuple(matplotlib.rcParams["figure.figsize"]) == plots.HOUSE_SIZE == (6.4, 4.2)
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == plots.CYCLE
        assert matplotlib.rcParams["svg.hashsalt"] == "putin-nato-book"
        assert matplotlib.rcParams["axes.labelcolor"] == plots.INK == "#222222"
    assert set(plots.PALETTE.values()) == set(plots.CYCLE) and plots.PALETTE["vermillion"] == "#D55E00"


def test_every_data_file_of_the_package_is_declared_for_the_wheel():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    package_dir = REPO / "src" / "helpers" / "plots"
    files = [path.name for path in package_dir.iterdir() if path.is_file() and path.suffix not in {".py", ".pyc"}]
    assert "book.mplstyle" in files
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in declared["helpers.plots"]) for name in files)


def test_figure_size_derives_every_shape_from_the_house_size():
    with matplotlib.rc_context():
        plots.use_book_style()
        assert plots.figure_size() == (6.4, 4.2)
        assert plots.figure_size(plots.WIDE, 5 / 3) == (8.0, 4.8)
        assert plots.figure_size(aspect=plots.TALL) == (6.4, 4.8)
        assert plots.figure_size(0.5) == (3.2, 2.1)  # the house shape, smaller
        assert plots.figure_size(plots.WIDE, rows=4) == (8.0, 4 * 0.5 + 1.5)
        matplotlib.rcParams["figure.figsize"] = (10, 5)  # a different house size moves every shape with it
        assert plots.figure_size(plots.WIDE, 5 / 3) == (12.5, 7.5)
        assert plots.figure_size(0.7, rows=2, row_height=1, margin=0) == (7.0, 2.0)


# ---- what the chapters ask of the charts -------------------------------------------------------


def _steps():
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["1991-12-26", "1999-03-12", "2004-03-29", "2025-01-01"]),
            "near": [1000, 700, 600, 600],
            "far": [1500, 1100, 900, 900],
        }
    )


def test_step_chart_draws_several_lines_with_a_legend_and_labels_joined_to_their_points():
    plots.use_book_style()
    series = _steps()
    notes = pd.DataFrame(
        [
            {"line": "far", "x": series["date"][1], "y": 1100, "text": "1999: far"},
            {"line": "near", "x": series["date"][1], "y": 700, "at_x": series["date"][0], "at_y": 300, "text": "moved"},
        ]
    )
    fig = plots.step_chart(
        series,
        x="date",
        y=["near", "far"],
        labels=["Near", "Far"],
        legend_loc="lower left",
        notes=notes,
        title="t",
        ylabel="km",
        headroom=1.2,
        aspect=1.6,
    )
    ax = fig.axes[0]
    near, far = ax.get_lines()
    assert (near.get_color(), near.get_linestyle()) == (plots.PALETTE["blue"], "-")
    assert (far.get_color(), far.get_linestyle()) == (plots.PALETTE["vermillion"], "--")
    assert _legend_labels(fig) == ["Near", "Far"] and ax.get_legend()._loc == 3  # lower left
    assert ax.get_ylim() == (0, 1500 * 1.2) and tuple(fig.get_size_inches()) == (6.4, 4.0)
    here, moved = ax.texts
    assert here.get_color() == plots.PALETTE["vermillion"] and here.arrow_patch is None
    assert moved.get_color() == plots.PALETTE["blue"] and moved.arrow_patch is not None
    plt.close(fig)


def test_step_labels_can_be_moved_one_by_one_and_dates_marked():
    plots.use_book_style()
    series = _steps()
    labels = series.iloc[:3].assign(text=["Norway", "Poland", "Baltic states"])
    labels.loc[0, ["dx", "dy", "ha"]] = (-6, 6, "left")
    marks = pd.DataFrame({"date": pd.to_datetime(["2014-03-18", "2022-02-24"]), "text": ["", "war"], "y": [None, 650]})
    fig = plots.step_chart(
        series, x="date", y="near", annotate=labels, title="t", ylabel="km", marks=marks, year_step=8, label_size=10
    )
    ax = fig.axes[0]
    first, second, third, war = ax.texts
    assert (first.get_text(), first.xyann, first.get_horizontalalignment()) == ("Norway", (-6, 6), "left")
    assert (second.xyann, second.get_horizontalalignment(), second.get_fontsize()) == ((0, 8), "center", 10)
    assert war.get_text() == "war" and war.xy[1] == 650 and war.get_color() == plots.MUTED
    dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert len(dotted) == 2  # a line for each mark, a label only where there is text
    ax.set_xlim(pd.Timestamp("1990-01-01"), pd.Timestamp("2030-01-01"))
    shown = [day.year for day in mdates.num2date(ax.get_xticks()) if 1990 <= day.year <= 2030]
    assert shown == [1992, 2000, 2008, 2016, 2024]  # one tick every eight years
    plt.close(fig)


def test_stance_timeline_wraps_its_codes_and_labels_its_marks_at_the_top():
    plots.use_book_style()
    statements = pd.DataFrame({"date": pd.to_datetime(["2001-01-01", "2020-01-01"]), "view": [1, 2]})
    labels = {1: "Ukraine's own affair", 2: "a red line"}
    marks = pd.DataFrame({"date": pd.to_datetime(["2014-03-18"]), "text": ["Crimea annexed"]})
    fig = plots.stance_timeline(
        statements, column="view", labels=labels, title="t", ylabel="", label_width=15, marks=marks, aspect=1.4
    )
    ax = fig.axes[0]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["1 Ukraine's own\naffair", "2 a red line"]
    (mark,) = ax.texts
    assert mark.get_text() == "Crimea annexed" and mark.xy[1] == 0.99 and mark.get_verticalalignment() == "top"
    assert tuple(fig.get_size_inches()) == plots.figure_size(plots.WIDE, 1.4)
    plt.close(fig)


def test_barh_chart_highlights_the_bars_asked_for():
    plots.use_book_style()
    table = pd.DataFrame({"label": ["a", "b", "c"], "minutes": [10.0, 5.0, 2.5]})
    fig = plots.barh_chart(table, y="label", x="minutes", title="t", xlabel="min", highlight=[False, True, False])
    bars = fig.axes[0].patches
    assert [bar.get_hatch() for bar in bars] == [None, "//", None]
    assert matplotlib.colors.to_hex(bars[1].get_facecolor()) == plots.PALETTE["vermillion"].lower()
    assert matplotlib.colors.to_hex(bars[0].get_facecolor()) == plots.PALETTE["blue"].lower()
    assert tuple(fig.get_size_inches()) == (8.0, 3 * 0.5 + 1.5)
    plt.close(fig)


def test_matrix_chart_text_size_and_width():
    plots.use_book_style()
    matrix = pd.DataFrame({"d1": [True, False], "d2": [True, True]})
    fig = plots.matrix_chart(matrix, row_labels=["r1", "r2"], col_labels=["1", "2"], title="t", width=0.7, text=12)
    ax = fig.axes[0]
    assert {tick.get_fontsize() for tick in ax.get_yticklabels()} == {12}
    assert {tick.get_fontsize() for tick in ax.get_xticklabels()} == {13}
    assert tuple(fig.get_size_inches()) == (4.48, 2 * 0.38 + 1.8)
    plt.close(fig)


def test_europe_map_names_its_points_where_asked_and_can_put_the_legend_below():
    plots.use_book_style()
    square = {"type": "Polygon", "coordinates": [[[20, 50], [30, 50], [30, 60], [20, 60], [20, 50]]]}
    boundaries = {"features": [{"properties": {"iso3": "POL"}, "geometry": square}]}
    points = pd.DataFrame(
        {
            "name": ["Warsaw", "Kyiv"],
            "lat": [52.2, 50.4],
            "lon": [21.0, 30.5],
            "dx": [6, -6],
            "dy": [-4, 8],
            "ha": ["left", "right"],
        }
    )
    fig = plots.europe_map(
        boundaries, {"POL": "2004"}, {"2004": "#009E73"}, title="t", points=points, legend_below=True, text=16
    )
    ax = fig.axes[0]
    warsaw, kyiv = ax.texts
    assert (warsaw.xyann, warsaw.get_horizontalalignment(), warsaw.get_verticalalignment()) == ((6, -4), "left", "top")
    assert (kyiv.xyann, kyiv.get_horizontalalignment(), kyiv.get_verticalalignment()) == ((-6, 8), "right", "bottom")
    (title,) = [text for text in ax.get_children() if isinstance(text, matplotlib.text.Text) and text.get_text() == "t"]
    assert warsaw.get_fontsize() == 15 and title.get_fontsize() == 17
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["2004"] and legend._ncols == 3 and not legend.get_frame_on()
    assert legend.get_texts()[0].get_fontsize() == 16
    plt.close(fig)


def _crowded_events():
    """Twenty events within one year, then a few years apart: the labels cannot stand at their dates."""
    dates = [*pd.date_range("1990-01-15", periods=20, freq="17D"), *pd.to_datetime(["1994-06-01", "1999-03-12"])]
    events = pd.DataFrame(
        {
            "date": dates,
            "title": [
                f"Event number {i} with a title long enough to wrap onto a second line" for i in range(len(dates))
            ],
            "category": pd.Categorical(["diplomacy", "summit"] * (len(dates) // 2), categories=["diplomacy", "summit"]),
        }
    )
    return events


def test_event_strip_labels_never_overlap_where_events_crowd():
    plots.use_book_style()
    fig = plots.event_strip(_crowded_events(), title="Events")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in fig.axes[0].texts]
    overlapping = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert not overlapping, f"labels {overlapping} overlap"
    assert fig.get_size_inches()[1] > plots.figure_size(0.7, 0.42)[1], "the figure grew to hold the labels"
    assert all(float(tick).is_integer() for tick in fig.axes[0].get_yticks()), "ticks fall on whole years"
    plt.close(fig)


def test_barh_chart_and_step_chart_write_their_words_at_the_sizes_asked():
    plots.use_book_style()
    table = pd.DataFrame({"kind": ["News media", "Research"], "n": [12, 3]})
    fig = plots.barh_chart(table, y="kind", x="n", title="t", xlabel="Sources", text=12)
    ax = fig.axes[0]
    assert {t.get_fontsize() for t in ax.texts} == {12} and ax.xaxis.label.get_fontsize() == 12
    assert {t.get_fontsize() for t in ax.get_yticklabels()} == {12}
    plt.close(fig)
    series = pd.DataFrame({"date": pd.to_datetime(["2000-01-01", "2010-01-01"]), "n": [1, 2]})
    notes = pd.DataFrame({"line": ["n"], "x": [series["date"][0]], "y": [1], "text": ["a note"]})
    marks = pd.DataFrame({"date": [series["date"][1]], "text": ["a mark"]})
    fig = plots.step_chart(
        series, x="date", y="n", title="t", ylabel="n", notes=notes, marks=marks, note_size=11, mark_size=12
    )
    sizes = {t.get_text(): t.get_fontsize() for t in fig.axes[0].texts}
    assert sizes == {"a note": 11, "a mark": 12}
    plt.close(fig)


def test_inner_point_stands_inside_a_curved_country():
    # A "C" whose centroid falls in its hollow, as Croatia's does in Bosnia.
    ring = [[0, 0], [10, 0], [10, 2], [3, 2], [3, 8], [10, 8], [10, 10], [0, 10], [0, 0]]
    feature = {"geometry": {"type": "Polygon", "coordinates": [ring]}}
    lon, lat = plots.inner_point(feature)
    assert matplotlib.path.Path(ring).contains_point((lon, lat))
    assert lon < 3, "the most room for a name is in the upright of the C"


def _square(west, south, size=1):
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_europe_map_enlarges_small_states_in_panels_and_names_them():
    plots.use_book_style()
    boundaries = {
        "features": [
            {"properties": {"iso3": "LUX"}, "geometry": _square(6, 49.5, 0.5)},
            {"properties": {"iso3": "MNE"}, "geometry": _square(19, 42.5, 0.6)},
            {"properties": {"iso3": "POL"}, "geometry": _square(15, 50, 5)},
        ]
    }
    groups = {"LUX": "1949", "MNE": "2017", "POL": "1999"}
    colours = {"1949": "#0072B2", "1999": "#56B4E9", "2017": "#F0E442"}
    zooms = [("Benelux", (5, 7, 49, 51)), ("Western Balkans", (18, 21, 42, 44))]
    labels = pd.DataFrame(
        {"iso3": ["LUX", "MNE", "POL"], "text": ["Luxembourg", "Montenegro", "Poland"], "at_lon": [5.5, None, None]}
    )
    labels["at_lat"] = [49.3, None, None]
    fig = plots.europe_map(
        boundaries,
        groups,
        colours,
        title="t",
        extent=(-10, 40, 35, 70),
        legend_below=True,
        text=16,
        zooms=zooms,
        labels=labels,
    )
    main, benelux, balkans = fig.axes
    frames = [p for p in main.patches if isinstance(p, matplotlib.patches.Rectangle) and not p.get_fill()]
    assert [(f.get_x(), f.get_y(), f.get_width(), f.get_height()) for f in frames] == [(5, 49, 2, 2), (18, 42, 3, 2)]
    assert (benelux.get_xlim(), benelux.get_ylim()) == ((5, 7), (49, 51))
    assert benelux.get_title(loc="left") == "Benelux" and balkans.get_title(loc="left") == "Western Balkans"
    (luxembourg,) = benelux.texts
    (montenegro,) = balkans.texts
    assert luxembourg.get_text() == "Luxembourg" and luxembourg.xyann == (5.5, 49.3) and luxembourg.arrow_patch
    assert montenegro.get_text() == "Montenegro" and montenegro.arrow_patch is None  # on the country itself
    assert montenegro.get_fontsize() == 14 and not main.texts, "Poland is big enough: named in no panel"
    fig.canvas.draw()
    heights = {round(ax.get_window_extent().height) for ax in (benelux, balkans)}
    assert len(heights) == 1, f"the panels share one height, not {heights}"
    assert main.get_window_extent().y0 > benelux.get_window_extent().y1, "the panels stand under the map"
    plt.close(fig)
