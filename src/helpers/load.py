"""Read the book's tables from data/ as typed pandas DataFrames (validated first).

Types come from ``data/datapackage.json``: dates become timestamps, integers nullable
integers, allowed values categories. Partial dates ('2008-04', '2008') are read by pandas as
the first day of their period, with the text kept in ``date_text``. Every loader validates
the whole package first (once per state of the files) and stops with one message listing
every problem (:class:`helpers.checks.DataError`) when the data is broken.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pandas as pd


def find_book_root(start: Path | None = None) -> Path:
    """The book's top folder: $BOOK_ROOT if set, else the nearest folder above the working
    directory holding ``_config.yml`` and ``data/datapackage.json`` (so a notebook run from
    chapters/ of any copy of the book reads that copy's data), else the folder this package
    was installed from."""
    if os.environ.get("BOOK_ROOT"):
        return Path(os.environ["BOOK_ROOT"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").exists() and (folder / "data" / "datapackage.json").exists():
            return folder
    return Path(__file__).resolve().parents[2]


REPO_ROOT = find_book_root()
DATA_DIR = REPO_ROOT / "data"
BIB_FILE = REPO_ROOT / "references.bib"


def read_datapackage(data_dir: Path | None = None) -> dict:
    """The data package descriptor (``datapackage.json``) as a dict."""
    return json.loads((Path(data_dir or DATA_DIR) / "datapackage.json").read_text(encoding="utf-8"))


def resource_descriptor(name: str, data_dir: Path | None = None) -> dict:
    """The descriptor of one table (resource) of the data package."""
    for resource in read_datapackage(data_dir)["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"data/datapackage.json has no table named {name!r}")


def field_descriptor(resource: str, field: str, data_dir: Path | None = None) -> dict:
    """The descriptor of one field (column) of a table of the data package."""
    fields = resource_descriptor(resource, data_dir)["schema"]["fields"]
    for descriptor in fields:
        if descriptor["name"] == field:
            return descriptor
    raise KeyError(f"table {resource!r} of data/datapackage.json has no field {field!r}")


def field_labels(resource: str, field: str, data_dir: Path | None = None) -> dict[str, str]:
    """The words the book writes for each value of a coded field (its ``x-labels`` in
    datapackage.json), for legends and tables: ``field_labels("claims", "verdict")["qualified"]``."""
    return dict(field_descriptor(resource, field, data_dir)["x-labels"])


def stance_labels(field: str, data_dir: Path | None = None) -> dict[int, str]:
    """The words for each code (1 to 5) of a stance scale (``x-labels`` of a field of
    stance_codes in datapackage.json): ``stance_labels("nato_view")[4] == "adversary"``."""
    return {int(code): label for code, label in field_labels("stance_codes", field, data_dir).items()}


def code_label(code, labels: dict[int, str]) -> str:
    """A stance code with its words, '4 adversary'; '' when the statement has no code on that scale."""
    return "" if pd.isna(code) else f"{int(code)} {labels[int(code)]}"


def _files_signature(data_dir: Path, bib_file: Path) -> tuple:
    files = sorted(data_dir.glob("*.csv")) + [data_dir / "datapackage.json", bib_file]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


@functools.lru_cache(maxsize=8)
def _checked(data_dir: str, bib_file: str, signature: tuple) -> None:
    from helpers.checks import validate

    validate(Path(data_dir), Path(bib_file))


def _typed(name: str, data_dir: Path | None) -> pd.DataFrame:
    """Validate the whole package (once per state of the files), then read one table with types."""
    from helpers.checks import DataError

    data_dir = Path(data_dir or DATA_DIR)
    bib_file = data_dir.parent / "references.bib"
    try:
        _checked(str(data_dir), str(bib_file), _files_signature(data_dir, bib_file))
    except DataError as error:
        raise DataError(error.problems) from None
    resource = resource_descriptor(name, data_dir)
    frame = pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for field in resource["schema"]["fields"]:
        column, kind = field["name"], field["type"]
        if kind == "date":
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
        elif kind == "integer":
            frame[column] = pd.to_numeric(frame[column].replace("", pd.NA)).astype("Int64")
        elif kind == "number":
            frame[column] = pd.to_numeric(frame[column]).astype(float)
        elif kind == "boolean":
            frame[column] = frame[column].str.lower().map({"true": True, "false": False}).astype(bool)
        elif "enum" in field.get("constraints", {}):
            frame[column] = pd.Categorical(frame[column], categories=field["constraints"]["enum"])
    return frame


def partial_dates(text: pd.Series) -> pd.Series:
    """Partial ISO dates ('2008', '2008-04', '2008-04-03') as the first day of their period (pandas
    reads each precision with its own format)."""
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for width, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        mask = text.str.len() == width
        out[mask] = pd.to_datetime(text[mask], format=fmt)
    return out


def _confirmed(frame: pd.DataFrame, include_unconfirmed: bool) -> pd.DataFrame:
    return frame if include_unconfirmed else frame[frame["status"] == "confirmed"]


def load_members(data_dir: Path | None = None) -> pd.DataFrame:
    """NATO's member states, one row each, sorted by accession date then name."""
    members = _typed("nato_members", data_dir)
    return members.sort_values(["accession_date", "country"], ignore_index=True)


def load_events(data_dir: Path | None = None, include_unconfirmed: bool = False) -> pd.DataFrame:
    """Dated events; ``date`` is the first day of the stated period, ``date_text`` the date as written."""
    events = _typed("events", data_dir)
    events["date_text"] = events["date"]
    events["date"] = partial_dates(events["date_text"])
    return _confirmed(events, include_unconfirmed).sort_values(["date", "event_id"], ignore_index=True)


def load_occasions(data_dir: Path | None = None, include_unconfirmed: bool = False) -> pd.DataFrame:
    """The occasions of the sampling frame, sorted by date, with a ``year`` column."""
    occasions = _typed("occasions", data_dir)
    occasions["year"] = occasions["date"].dt.year
    return _confirmed(occasions, include_unconfirmed).sort_values(["date", "occasion_id"], ignore_index=True)


def load_stance_codes(data_dir: Path | None = None) -> pd.DataFrame:
    """Every stance code, one row per statement and coder (A, B, final, and any coder added)."""
    return _typed("stance_codes", data_dir)


def load_statements(
    data_dir: Path | None = None, include_unconfirmed: bool = False, coder: str = "final"
) -> pd.DataFrame:
    """Putin's statements joined with one coder's stance codes (the adjudicated ``final`` codes
    unless another coder is named), sorted by date. A statement that coder did not code keeps
    empty codes."""
    statements = _typed("statements", data_dir)
    codes = _typed("stance_codes", data_dir)
    codes = codes[codes["coder"] == coder]
    if codes.empty and coder != "final":
        known = ", ".join(sorted(set(_typed("stance_codes", data_dir)["coder"])))
        raise KeyError(f"no stance codes from coder {coder!r} in data/stance_codes.csv (coders there: {known})")
    merged = statements.merge(codes, on="statement_id", how="left", validate="one_to_one")
    return _confirmed(merged, include_unconfirmed).sort_values(["date", "statement_id"], ignore_index=True)


def load_documents(data_dir: Path | None = None, include_unconfirmed: bool = False) -> pd.DataFrame:
    """The 1990-91 documents, sorted by date; ``date`` is the first day of the stated period."""
    documents = _typed("documents", data_dir)
    documents["date_text"] = documents["date"]
    documents["date"] = partial_dates(documents["date_text"])
    return _confirmed(documents, include_unconfirmed).sort_values(["date", "document_id"], ignore_index=True)


def load_borders(data_dir: Path | None = None) -> pd.DataFrame:
    """Land borders between Russia and NATO members, in km."""
    return _typed("borders", data_dir)


def load_places(data_dir: Path | None = None) -> pd.DataFrame:
    """Places with coordinates, indexed by place_id."""
    return _typed("places", data_dir).set_index("place_id")


def load_claims(data_dir: Path | None = None) -> pd.DataFrame:
    """Claims made by the source documents, with the book's verdict."""
    return _typed("claims", data_dir)


def load_accounts(data_dir: Path | None = None) -> pd.DataFrame:
    """The rival accounts of Russia's conduct, with proponents, predictions and weak points."""
    return _typed("accounts", data_dir)


def load_event_accounts(data_dir: Path | None = None, include_unconfirmed: bool = False) -> pd.DataFrame:
    """Each reading of a dated event as evidence for, against, or mixed for an account, with the
    event's date and title joined on; unconfirmed readings are left out unless asked for."""
    readings = _typed("event_accounts", data_dir)
    if not include_unconfirmed:
        readings = readings[readings["status"] == "confirmed"]
    events = load_events(data_dir, include_unconfirmed=True)[["event_id", "date", "date_text", "title"]]
    return readings.merge(events, on="event_id", how="left").sort_values(["date", "account_id"]).reset_index(drop=True)


def data_as_of(data_dir: Path | None = None) -> pd.Timestamp:
    """The day the data was last checked against its sources (``x-data-as-of`` in datapackage.json).

    Charts that run "to the present" end here, so the same data always gives the same figure.
    """
    return pd.Timestamp(read_datapackage(data_dir)["x-data-as-of"])


def bib_publishers(bib_file: Path | None = None) -> pd.DataFrame:
    """Key, entry type and publisher (``howpublished``, else publisher, journal or organization;
    '' if none) of every bibliography entry, in file order."""
    from helpers.checks import read_bibliography

    data, problem = read_bibliography(Path(bib_file or BIB_FILE))
    if problem:
        raise ValueError(str(problem))
    rows = []
    for key, entry in data.entries.items():
        fields = {k.lower(): v for k, v in entry.fields.items()}
        publisher = next(
            (fields[k] for k in ("howpublished", "publisher", "journal", "organization") if k in fields), ""
        )
        rows.append({"key": key, "type": entry.type.lower(), "publisher": publisher.replace("{", "").replace("}", "")})
    return pd.DataFrame(rows, columns=["key", "type", "publisher"])


def field_rules(field: dict) -> str:
    """The allowed values of one schema field, in words (for the codebook)."""
    constraints = field.get("constraints", {})
    rules = []
    if constraints.get("required"):
        rules.append("required")
    if constraints.get("unique"):
        rules.append("unique")
    if "enum" in constraints:
        rules.append("one of: " + ", ".join(map(str, constraints["enum"])))
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if high is None and field["type"] == "date" and low is not None:
        high = "today"
    if low is not None and high is not None:
        rules.append(f"from {low} to {high}")
    elif low is not None:
        rules.append(f"{low} or more")
    elif high is not None:
        rules.append(f"up to {high}")
    if "maxLength" in constraints:
        rules.append(f"at most {constraints['maxLength']} characters")
    if "pattern" in constraints and "enum" not in constraints:
        rules.append(f"matches {constraints['pattern']}")
    listing = field.get("x-list")
    if listing:
        rules.append(f"a list separated by '{listing['separator']}'")
        if "item-enum" in listing:
            rules.append("items from: " + ", ".join(listing["item-enum"]))
        if listing.get("references"):
            rules.append(f"each item a key of {listing['references']}")
    if field.get("x-date-precision-field"):
        rules.append(f"written to the precision given in {field['x-date-precision-field']}")
    return "; ".join(rules)


def codebook(data_dir: Path | None = None) -> list[tuple[dict, pd.DataFrame]]:
    """For each table of the data package: its descriptor and a column/type/meaning/rules table."""
    out = []
    for resource in read_datapackage(data_dir)["resources"]:
        rows = [
            {
                "column": f["name"],
                "type": f["type"],
                "meaning": f.get("description", ""),
                "allowed values": field_rules(f),
            }
            for f in resource["schema"]["fields"]
        ]
        out.append((resource, pd.DataFrame(rows)))
    return out
