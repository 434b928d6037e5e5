"""The figure helper: deterministic bytes, alt text, caption, and the CSV it offers."""

import base64
import re

import matplotlib
import pandas as pd

matplotlib.use("Agg")

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
    out = plots.figure_html(fig, alt='Values "rise" then fall', title="Values, 2000 to 2020", caption="A measure.",
                            source="data/test.csv", data=data, csv_name="test.csv")
    assert 'alt="Values &quot;rise&quot; then fall"' in out
    assert "<figcaption>" in out and "Source: data/test.csv" in out and "CC BY 4.0" in out
    encoded = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)" download="test.csv"', out).group(1)
    assert base64.b64decode(encoded).decode() == "year,value\n2000,1\n2010,4\n2020,2\n"


def test_palette_is_okabe_ito():
    assert plots.CYCLE[:3] == ["#0072B2", "#E69F00", "#009E73"]


def test_close_labels_are_merged():
    labels = pd.DataFrame({"date": pd.to_datetime(["1999-03-12", "2004-03-29", "2017-06-05", "2020-03-27", "2024-03-07"]),
                           "total": [19, 26, 29, 30, 32], "text": ["1999", "2004", "2017", "2020", "2024"]})
    merged = plots.merge_close_labels(labels, x="date", min_gap=pd.Timedelta(days=5 * 365))
    assert list(merged["text"]) == ["1999", "2004", "2017-20", "2024"]
    assert list(merged["total"]) == [19, 26, 30, 32]
