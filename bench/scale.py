"""How the book's computations grow with its data: synthetic tables 10 and 100 times the real ones.

``make bench`` runs this as its scale section; ``python bench/scale.py`` runs it alone.

Each size is a copy of data/ in a temporary folder (never data/ itself) whose tables hold the
real rows and then k - 1 relabelled copies of them, so every synthetic row is valid against
data/datapackage.json and validation does its full work rather than stopping at errors:

* every id gets a suffix (``-x7``) that keeps its pattern, so ids and keys stay unique, and
  every reference to an id (a statement's occasion, a stance code's statement, a border's
  member) names the copy of the same number, so foreign keys hold;
* a copied member state gets a three-letter code no real member uses and a numbered name, and
  joins k days after the original (so the series over accession dates grow too);
* source keys, dates of statements and occasions (a frame statement keeps its occasion's date),
  codes, categories and text are the originals, so bib keys exist and the statistics are
  the real ones repeated.

references.bib and the two GeoJSON files are copied as they are: they are not tables of the data
package, so they stay the same size at every scale.

Every step (validation, typed loading, the chapters' computations, chart rendering) is timed
at each size; the report gives the median of a few runs, and the growth factor from one size
to the next (10 is linear growth over a tenfold increase).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import shutil
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

SIZES = (1, 10, 100)
TARGET_SECONDS = 10.0  # validation, loading and the computations at the largest size
COPIED_AS_IS = ("datapackage.json", "europe.geojson", "nato_territory.geojson")


# --------------------------------------------------------------------------------------------
# Synthetic data
# --------------------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def suffixed(value: str, copy: int) -> str:
    """An id of copy `copy` (0 is the original): 'st-2000-03-05-bbc' -> 'st-2000-03-05-bbc-x3'."""
    return value if copy == 0 or not value else f"{value}-x{copy}"


def member_codes(real: set[str]):
    """Three-letter codes no real member uses, in a fixed order."""
    for letters in itertools.product(string.ascii_uppercase, repeat=3):
        code = "".join(letters)
        if code not in real:
            yield code


def scaled_tables(source: Path, factor: int) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """The tables of data/ at `factor` times their size (see the module's docstring)."""
    tables = {path.stem: read_rows(path) for path in sorted(source.glob("*.csv"))}
    members = tables["nato_members"][1]
    codes = member_codes({row["iso3"] for row in members})
    iso3 = {(0, row["iso3"]): row["iso3"] for row in members}
    for copy in range(1, factor):
        for row in members:
            iso3[(copy, row["iso3"])] = next(codes)

    def member(copy: int, code: str) -> str:
        return iso3.get((copy, code), code)  # a non-member (Russia, Ukraine) stays itself

    def later(day: str, copy: int) -> str:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=copy)).isoformat()

    relabel: dict[str, Callable[[dict[str, str], int], dict[str, str]]] = {
        "nato_members": lambda r, k: {
            **r,
            "iso3": member(k, r["iso3"]),
            "country": r["country"] if k == 0 else f"{r['country']} {k}",
            "accession_date": later(r["accession_date"], k),
        },
        "borders": lambda r, k: {
            **r,
            "border_id": suffixed(r["border_id"], k),
            "nato_country_iso3": member(k, r["nato_country_iso3"]),
        },
        "places": lambda r, k: {
            **r,
            "place_id": suffixed(r["place_id"], k),
            "country_iso3": member(k, r["country_iso3"]),
        },
        "events": lambda r, k: {**r, "event_id": suffixed(r["event_id"], k)},
        "occasions": lambda r, k: {**r, "occasion_id": suffixed(r["occasion_id"], k)},
        "statements": lambda r, k: {
            **r,
            "statement_id": suffixed(r["statement_id"], k),
            "occasion_id": suffixed(r["occasion_id"], k),
        },
        "stance_codes": lambda r, k: {**r, "statement_id": suffixed(r["statement_id"], k)},
        "claims": lambda r, k: {**r, "claim_id": suffixed(r["claim_id"], k)},
        "documents": lambda r, k: {**r, "document_id": suffixed(r["document_id"], k)},
        "accounts": lambda r, k: {**r, "account_id": suffixed(r["account_id"], k)},
        "event_accounts": lambda r, k: {
            **r,
            "event_id": suffixed(r["event_id"], k),
            "account_id": suffixed(r["account_id"], k),
        },
    }
    missing = set(tables) - set(relabel)
    if missing:
        raise KeyError(f"no rule to scale {', '.join(sorted(missing))}: add one to bench/scale.py")
    out = {}
    for name, (header, rows) in tables.items():
        out[name] = (header, [relabel[name](row, copy) for copy in range(factor) for row in rows])
    return out


def make_scaled_book(source_root: Path, dest: Path, factor: int) -> Path:
    """A folder holding data/ (the tables at `factor` times their size) and references.bib; returns data/."""
    data = dest / "data"
    data.mkdir(parents=True)
    for name in COPIED_AS_IS:
        shutil.copy2(source_root / "data" / name, data / name)
    shutil.copy2(source_root / "references.bib", dest / "references.bib")
    for name, (header, rows) in scaled_tables(source_root / "data", factor).items():
        write_rows(data / f"{name}.csv", header, rows)
    return data


# --------------------------------------------------------------------------------------------
# The steps timed
# --------------------------------------------------------------------------------------------


def steps(data: Path) -> list[tuple[str, str, Callable[[dict], object]]]:
    """(group, name, function of the loaded tables) for every step timed, in order. The first
    steps load; their results go into the dict later steps read."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers import agreement, checks, compute, geo, load, plots

    bib = data.parent / "references.bib"
    territory_file = data / "nato_territory.geojson"

    def validated(_):
        problems = checks.find_problems(data, bib)
        if problems:  # the synthetic rows must be valid, or this times error reporting
            raise AssertionError(f"{len(problems)} problems in the scaled data, first: {problems[0]}")
        # The loaders validate once per state of the files; mark this state checked, so the
        # loading step below times reading and typing alone.
        load._checked(str(data), str(bib), load._files_signature(data, bib))

    def loaded(t):
        t["members"] = load.load_members(data)
        t["events"] = load.load_events(data)
        t["occasions"] = load.load_occasions(data)
        t["statements"] = load.load_statements(data)
        t["codes"] = load.load_stance_codes(data)
        t["borders"] = load.load_borders(data)
        t["places"] = load.load_places(data)
        t["claims"] = load.load_claims(data)
        t["documents"] = load.load_documents(data)
        t["territory"] = geo.read_nato_territory(territory_file)

    def trajectory(t):
        return [compute.stance_trajectory(t["statements"], column) for column in agreement.SCALES]

    def per_year(t):
        t["frame_per_year"] = compute.frame_per_year(t["occasions"])
        return compute.statements_per_year(t["statements"]), compute.events_per_year(t["events"])

    def border(t):
        t["border_steps"] = compute.border_with_russia_over_time(t["borders"], t["members"])

    def nearest(t):
        t["nearest"] = geo.nearest_nato_over_time(t["members"], t["places"], t["territory"])

    def chart(fig):
        plots.figure_svg(fig)
        plt.close(fig)

    def stance_chart(t):
        labels = load.stance_labels("nato_view", data)
        chart(plots.stance_timeline(t["statements"], column="nato_view", labels=labels, title="t", ylabel="y"))

    def frame_chart(t):
        table = t["frame_per_year"]
        chart(
            plots.bar_chart(
                table.assign(year=table["year"].astype(str)),
                x="year",
                ys=["mention_nato", "no_mention", "not_known"],
                labels=["a", "b", "c"],
                title="t",
                ylabel="y",
                label_every=5,
                headroom=1.7,
            )
        )

    def border_chart(t):
        steps = t["border_steps"]
        chart(
            plots.step_chart(
                steps, x="date", y="total_km", annotate=steps.assign(text=steps["joined"]), title="t", ylabel="km"
            )
        )

    return [
        (
            "validate",
            "validation (helpers.checks: frictionless schemas and keys, then the book's own checks)",
            validated,
        ),
        ("validate", "typed loading of every table (helpers.load)", loaded),
        ("compute", "stance trajectory, both scales (compute.stance_trajectory)", trajectory),
        ("compute", "counts per year: frame, statements, events (compute)", per_year),
        (
            "compute",
            "Krippendorff agreement table, 1,000 bootstrap draws (agreement.agreement_table)",
            lambda t: agreement.agreement_table(t["codes"]),
        ),
        ("compute", "coders' disagreements (agreement.disagreements)", lambda t: agreement.disagreements(t["codes"])),
        ("compute", "border with Russia over time (compute.border_with_russia_over_time)", border),
        (
            "compute",
            "distance to the nearest NATO territory and capital over time (geo.nearest_nato_over_time)",
            nearest,
        ),
        ("chart", "stance timeline as SVG (plots.stance_timeline)", stance_chart),
        ("chart", "frame per year bars as SVG (plots.bar_chart)", frame_chart),
        ("chart", "border step line as SVG (plots.step_chart)", border_chart),
    ]


def time_size(data: Path, repeats: int) -> dict[str, float]:
    """Median seconds of each step on the data in `data`, over `repeats` runs."""
    runs: dict[str, list[float]] = {}
    for _ in range(repeats):
        tables: dict = {}
        for _group, name, function in steps(data):
            start = time.perf_counter()
            function(tables)
            runs.setdefault(name, []).append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in runs.items()}


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

LINEAR = 10.0  # the growth factor of a cost proportional to the data over a tenfold increase
TOLERANCE = 1.25  # a step counts as growing faster than linearly past LINEAR * TOLERANCE (timing noise)


def row_counts(data: Path) -> dict[str, int]:
    return {path.stem: len(read_rows(path)[1]) for path in sorted(data.glob("*.csv"))}


def section(out: Callable[..., None], verdicts: list, repeats: tuple[int, ...] = (3, 3, 2)) -> None:
    """Write the scale section of the benchmark report through `out`, adding its verdicts."""
    workdir = Path(tempfile.mkdtemp(prefix="book-scale-"))
    try:
        folders = {size: make_scaled_book(REPO, workdir / f"x{size}", size) for size in SIZES}
        time_size(folders[1], 1)  # once untimed, so imports and first-call costs count nowhere
        times = {size: time_size(folders[size], runs) for size, runs in zip(SIZES, repeats)}
        counts = {size: row_counts(folders[size]) for size in SIZES}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    groups = {name: group for group, name, _ in steps(REPO / "data")}
    out(f"## Scale: synthetic tables {' and '.join(f'{s}x' for s in SIZES[1:])} the real ones")
    out()
    out(
        "Copies of data/ in a temporary folder whose tables hold the real rows and relabelled copies of them "
        "(new ids, foreign keys pointing at the copy of the same number, copied members joining a few days after "
        "the originals), valid against data/datapackage.json, so validation does its full work. "
        "references.bib and the GeoJSON maps stay as they are. "
        + ", ".join(f"{name} {' / '.join(str(counts[s][name]) for s in SIZES)}" for name in counts[1])
        + f" rows at {' / '.join(f'{s}x' for s in SIZES)}. "
        f"Median of {' / '.join(map(str, repeats))} runs; growth is the time at one size over the time at the one "
        f"before, {LINEAR:.0f} for a cost that grows linearly."
    )
    out()
    header = " | ".join(f"{s}x" for s in SIZES)
    growth_heads = " | ".join(f"growth {a}x to {b}x" for a, b in zip(SIZES, SIZES[1:]))
    out(f"| step | {header} | {growth_heads} | |")
    out("| --- | " + " | ".join("---:" for _ in SIZES) + " | " + " | ".join("---:" for _ in SIZES[1:]) + " | --- |")
    faster = []
    for name in times[1]:
        cells = " | ".join(f"{times[s][name]:.3f} s" for s in SIZES)
        factors = [
            times[b][name] / times[a][name] if times[a][name] > 0 else float("inf") for a, b in zip(SIZES, SIZES[1:])
        ]
        superlinear = factors[-1] > LINEAR * TOLERANCE
        if superlinear:
            faster.append(name)
        flag = "**faster than linear**" if superlinear else "linear or less"
        out(f"| {name} | {cells} | " + " | ".join(f"{f:.1f}" for f in factors) + f" | {flag} |")
    for group, label in (("validate", "validation and loading"), ("compute", "computations"), ("chart", "charts")):
        totals = {s: sum(v for n, v in times[s].items() if groups[n] == group) for s in SIZES}
        factors = [totals[b] / totals[a] for a, b in zip(SIZES, SIZES[1:])]
        out(
            f"| **{label}, total** | "
            + " | ".join(f"{totals[s]:.2f} s" for s in SIZES)
            + " | "
            + " | ".join(f"{f:.1f}" for f in factors)
            + " | |"
        )
    largest = SIZES[-1]
    work = sum(v for n, v in times[largest].items() if groups[n] in ("validate", "compute"))
    out()
    out(
        f"At {largest}x, validation, loading and the computations take {work:.1f} s "
        f"(target < {TARGET_SECONDS:.0f} s); the charts {sum(v for n, v in times[largest].items() if groups[n] == 'chart'):.1f} s more."
    )
    if faster:
        out("Growing faster than linearly from 10x to 100x: " + "; ".join(faster) + ".")
    out()
    verdicts.append((f"{largest}x data validated and computed < {TARGET_SECONDS:.0f} s", work < TARGET_SECONDS))
    verdicts.append((f"no step grows faster than linearly from {SIZES[-2]}x to {largest}x", not faster))


def main() -> int:
    lines: list[str] = []
    verdicts: list = []

    def out(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    section(out, verdicts)
    for name, ok in verdicts:
        out(f"- {'met' if ok else '**not met**'}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
