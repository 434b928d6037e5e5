"""The book's charts, in four parts, each importable from here as well:

* :mod:`helpers.plots.style`: the house style (the style sheet ``book.mplstyle``, its palette)
  and the one rule that sizes every figure (:func:`figure_size`);
* :mod:`helpers.plots.figures`: a chart as the book shows it (:func:`show_figure`: the SVG with
  alt text, a caption with source and licence, the data drawn as a CSV download);
* :mod:`helpers.plots.charts`, :mod:`helpers.plots.timelines`, :mod:`helpers.plots.maps`: one
  function per kind of chart;
* :mod:`helpers.plots.labels`: where the words on a chart go.

Every chart in the book is drawn with :func:`use_book_style` in force and shown with
:func:`show_figure`.
"""

from helpers.plots.charts import (
    FIVE_YEARS,
    HATCHES,
    bar_chart,
    barh_chart,
    events_per_year_chart,
    line_chart,
    matrix_chart,
    step_chart,
    verdict_chart,
)
from helpers.plots.figures import DATA_LICENCE, csv_data_uri, figure_html, figure_svg, show_figure
from helpers.plots.labels import (
    decimal_year,
    label_point,
    mark_dates,
    merge_close_labels,
    note_points,
    spread_labels,
    write_labels,
)
from helpers.plots.maps import europe_map, inner_point
from helpers.plots.style import (
    CYCLE,
    HOUSE_SIZE,
    INK,
    LARGER_TEXT,
    MUTED,
    PALETTE,
    PHONE,
    STYLE,
    STYLE_FILE,
    TALL,
    WIDE,
    figure_size,
    new_figure,
    phone_sized,
    use_book_style,
)
from helpers.plots.timelines import (
    MEMBERSHIP_STYLES,
    STANCE_MARKERS,
    event_strip,
    membership_timeline,
    stance_colours,
    stance_timeline,
)

__all__ = [
    "CYCLE",
    "DATA_LICENCE",
    "FIVE_YEARS",
    "HATCHES",
    "HOUSE_SIZE",
    "INK",
    "LARGER_TEXT",
    "MEMBERSHIP_STYLES",
    "MUTED",
    "PALETTE",
    "PHONE",
    "STANCE_MARKERS",
    "STYLE",
    "STYLE_FILE",
    "TALL",
    "WIDE",
    "bar_chart",
    "barh_chart",
    "csv_data_uri",
    "decimal_year",
    "europe_map",
    "inner_point",
    "event_strip",
    "events_per_year_chart",
    "figure_html",
    "figure_size",
    "figure_svg",
    "label_point",
    "line_chart",
    "mark_dates",
    "matrix_chart",
    "membership_timeline",
    "merge_close_labels",
    "new_figure",
    "note_points",
    "phone_sized",
    "show_figure",
    "spread_labels",
    "stance_colours",
    "stance_timeline",
    "step_chart",
    "use_book_style",
    "verdict_chart",
    "write_labels",
]
