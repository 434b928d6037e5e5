"""The figure helper (deterministic bytes, alt text, caption, the CSV it offers) and the chart functions."""

import base64
import re

import matplotlib
import pandas as pd

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

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
    assert tuple(fig.get_size_inches()) == (5.0, 3.6)
    assert ax.yaxis.label.get_fontsize() == 13 and ax.texts[0].get_fontsize() == 13
    assert ax.title.get_fontsize() == 14
    assert ax.yaxis.get_ticklabels()[0].get_fontsize() == 13
    plots.phone_sized(fig, 5.6, 4.6, text=12.5, title=14)
    assert (
        tuple(fig.get_size_inches()) == (5.6, 4.6)
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
    fig = plots.membership_timeline(_timeline_events(), title="Steps")
    texts = [text.get_text() for text in fig.axes[0].texts]
    assert texts == ["Jan 2008\nRequest for a MAP", "3 Apr 2008\nBucharest summit", "2010\nNon-bloc law"]
    assert [text.get_horizontalalignment() for text in fig.axes[0].texts] == ["left", "left", "right"]
    assert _legend_labels(fig) == ["Ukraine's own step", "NATO summit"]
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
    assert _legend_labels(fig) == ["Confirmed", "Qualified (true with caveats)"]
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
        assert plots.BOOK_STYLE["figure.figsize"] == (6.4, 4.2)  # the house style itself is unchanged


def test_bar_chart_can_label_every_nth_bar_and_leave_room_for_the_legend():
    table = pd.DataFrame({"year": [str(y) for y in range(2000, 2011)], "a": [1] * 11, "b": [2] * 11})
    fig = plots.bar_chart(
        table, x="year", ys=["a", "b"], labels=["A", "B"], title="t", ylabel="n", label_every=5, headroom=2.0
    )
    ax = fig.axes[0]
    shown = [tick.get_text() for tick in ax.get_xticklabels() if tick.get_visible()]
    assert shown == ["2000", "2005", "2010"]
    assert ax.get_ylim()[1] == 6.0  # stacked height 3, doubled
