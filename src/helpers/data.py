"""Read the book's tables from data/, check them, and return typed pandas DataFrames.

Every table is described in ``data/datapackage.json`` (a Frictionless Data Package). The
``frictionless`` library checks types, required values, allowed values, patterns, unique ids
and cross-table keys against that schema; this module adds the checks a schema cannot say:

* a ``date`` written to the precision stated in ``date_precision`` (YYYY-MM-DD, YYYY-MM, YYYY);
* dates within range (not before the table's minimum, not in the future);
* every item of a ';'-separated list allowed (chapters, actors) and every source key an entry
  of ``references.bib``.

All problems in all tables are collected and reported together, each as one line naming the
file, the line a person can find in an editor, the column, the bad value and what was expected.
Nothing here ever writes to ``data/``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from dataclasses import dataclass
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

DATE_FORMATS = {"day": (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"), "month": (r"\d{4}-\d{2}", "YYYY-MM"), "year": (r"\d{4}", "YYYY")}
TYPE_HINTS = {
    "date": "a date written YYYY-MM-DD",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "string": "text",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell, row, column or file of the data."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file if self.file.endswith(".bib") else f"data/{self.file}"]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f'{"entry" if self.file.endswith(".bib") else "column"} "{self.column}"')
        return ", ".join(where) + ": " + self.message


class DataError(Exception):
    """The data in data/ broke its schema. The message lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in data/:"
        super().__init__("\n".join([head, *("  " + str(p) for p in self.problems)]))


# --------------------------------------------------------------------------------------------
# Reading the package and the bibliography
# --------------------------------------------------------------------------------------------

def read_datapackage(data_dir: Path | None = None) -> dict:
    """The data package descriptor (``datapackage.json``) as a dict."""
    return json.loads((Path(data_dir or DATA_DIR) / "datapackage.json").read_text(encoding="utf-8"))


BIB_KEY = r"\s*@\w+\s*\{\s*([^,\s]+)\s*,"  # the start of a BibTeX entry, '@misc{key,'; group 1 is the key


def read_source_keys(bib_file: Path | None = None) -> set[str]:
    """The citation keys defined in the book's BibTeX file."""
    text = Path(bib_file or BIB_FILE).read_text(encoding="utf-8")
    return set(re.findall("^" + BIB_KEY, text, flags=re.M))


def bib_publishers(bib_file: Path | None = None) -> pd.DataFrame:
    """Key and publisher (the ``howpublished`` field, '' if none) of every bibliography entry, in file order."""
    text = Path(bib_file or BIB_FILE).read_text(encoding="utf-8")
    rows = []
    for entry in re.split(r"\n(?=@\w+\s*\{)", text):
        key = re.match(BIB_KEY, entry)
        publisher = re.search(r"howpublished\s*=\s*\{(.*)\},?\s*$", entry, flags=re.M)
        if key:
            rows.append({"key": key.group(1), "publisher": publisher.group(1) if publisher else ""})
    return pd.DataFrame(rows, columns=["key", "publisher"])


def resource_descriptor(name: str, data_dir: Path | None = None) -> dict:
    """The descriptor of one table (resource) of the data package."""
    for resource in read_datapackage(data_dir)["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"data/datapackage.json has no table named {name!r}")


def stance_labels(field: str, data_dir: Path | None = None) -> dict[int, str]:
    """The words for each code (1 to 5) of a stance scale (``x-labels`` of a field of
    stance_codes in datapackage.json): ``stance_labels("nato_view")[4] == "adversary"``."""
    fields = resource_descriptor("stance_codes", data_dir)["schema"]["fields"]
    labels = next(f["x-labels"] for f in fields if f["name"] == field)
    return {int(code): label for code, label in labels.items()}


def code_label(code, labels: dict[int, str]) -> str:
    """A stance code with its words, '4 adversary'; '' when the statement has no code on that scale."""
    return "" if pd.isna(code) else f"{int(code)} {labels[int(code)]}"


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

def _constraint_expectation(field: dict, note: str) -> str:
    """Say in words what a field's failed constraint expected."""
    match = re.match(r'constraint "(\w+)"', note or "")
    name = match.group(1) if match else ""
    constraints = field.get("constraints", {})
    if name == "enum":
        return "expected one of: " + ", ".join(map(str, constraints["enum"]))
    if name == "pattern":
        return f"expected text matching {constraints['pattern']}"
    if name == "required":
        return "a value is required here"
    if name in ("minimum", "maximum"):
        word = "at least" if name == "minimum" else "at most"
        return f"expected {word} {constraints[name]}"
    if name in ("minLength", "maxLength"):
        word = "at least" if name == "minLength" else "at most"
        return f"expected {word} {constraints[name]} characters"
    return f"breaks the constraint {note}"


def _frictionless_problems(resource: dict, data_dir: Path) -> list[Problem]:
    """Check one table against its schema with frictionless; translate each error."""
    from frictionless import Resource, Schema

    path = data_dir / resource["path"]
    file = resource["path"]
    if not path.exists():
        return [Problem(file, None, None, "the file is missing (expected a CSV file described in datapackage.json)")]
    if not path.read_text(encoding="utf-8").strip():
        return [Problem(file, None, None, "the file is empty (expected a header row and data rows)")]
    descriptor = {k: v for k, v in resource.items() if k != "schema"}
    schema = {k: v for k, v in resource["schema"].items() if k != "foreignKeys"}
    schema["fieldsMatch"] = "equal"  # columns are matched by name, and all must be there
    checked = Resource(
        path=resource["path"],
        basepath=str(data_dir),
        schema=Schema.from_descriptor(schema),
        format="csv",
        encoding=descriptor.get("encoding", "utf-8"),
    )
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    report = checked.validate()
    problems = []
    for error in report.flatten(["type", "rowNumber", "fieldName", "cell", "note", "message"]):
        kind, line, column, cell, note, message = error
        field = fields.get(column or "", {})
        if kind == "missing-label":
            expected = ", ".join(fields)
            problems.append(Problem(file, 1, column, f"the column is missing from the header (expected columns: {expected})"))
        elif kind == "extra-label":
            problems.append(Problem(file, 1, column, "is not a column of this table (see datapackage.json)"))
        elif kind in ("duplicate-label", "blank-label", "incorrect-label"):
            problems.append(Problem(file, 1, column, f"bad header: {note or message}"))
        elif kind == "type-error":
            hint = TYPE_HINTS.get(field.get("type", ""), field.get("type", ""))
            problems.append(Problem(file, line, column, f'"{cell}" is not valid (expected {hint})'))
        elif kind == "constraint-error":
            shown = f'"{cell}"' if cell not in (None, "") else "the empty value"
            problems.append(Problem(file, line, column, f"{shown} is not allowed ({_constraint_expectation(field, note)})"))
        elif kind == "unique-error":
            other = re.search(r"position (\d+)", note or "")
            first = f" (first used on line {other.group(1)})" if other else ""
            problems.append(Problem(file, line, column, f'"{cell}" is a duplicate id{first}; expected each value once'))
        elif kind == "primary-key":
            if not any(fields[k].get("constraints", {}).get("unique") for k in resource["schema"].get("primaryKey", [])):
                problems.append(Problem(file, line, None, f"duplicate primary key ({note})"))
        elif kind == "missing-cell":
            problems.append(Problem(file, line, column, "the row has too few cells (is a comma missing?)"))
        elif kind == "extra-cell":
            problems.append(Problem(file, line, None, "the row has more cells than the header (is a comma unquoted?)"))
        elif kind == "blank-row":
            problems.append(Problem(file, line, None, "the row is blank (expected data or no line at all)"))
        else:
            problems.append(Problem(file, line, column, message))
    return problems


def _split(value) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return []
    return str(value).split(";")


def _raw_rows(resource: dict, data_dir: Path) -> pd.DataFrame | None:
    """The table's cells as text, indexed by the line number of each row in the file."""
    path = data_dir / resource["path"]
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        return None
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    raw.index = raw.index + 2  # header is line 1
    return raw


def _extra_problems(resource: dict, raw: pd.DataFrame, source_keys: set[str], today: dt.date) -> list[Problem]:
    """Checks the schema language cannot express: date precision and range, list items, source keys."""
    problems = []
    file = resource["path"]
    for field in resource["schema"]["fields"]:
        name = field["name"]
        if name not in raw.columns:
            continue
        listing = field.get("x-list")
        precision_field = field.get("x-date-precision-field")
        for line, value in raw[name].items():
            if precision_field and precision_field in raw.columns and value:
                precision = raw.at[line, precision_field]
                if precision in DATE_FORMATS:
                    pattern, shown = DATE_FORMATS[precision]
                    if not re.fullmatch(pattern, value):
                        problems.append(Problem(file, line, name, f'"{value}" does not match its precision "{precision}" (expected {shown})'))
                        continue
                    try:
                        start = _period_start(value)
                    except ValueError:
                        problems.append(Problem(file, line, name, f'"{value}" is not a real date (expected {shown})'))
                        continue
                    if start.date() > today:
                        problems.append(Problem(file, line, name, f'"{value}" is in the future (expected a date up to {today.isoformat()})'))
            if field.get("type") == "date" and value:
                try:
                    day = dt.date.fromisoformat(value)
                except ValueError:
                    continue  # frictionless reports it
                if day > today:
                    problems.append(Problem(file, line, name, f'"{value}" is in the future (expected a date up to {today.isoformat()})'))
            if listing:
                items = _split(value)
                if listing.get("references") == "references.bib":
                    for key in items:
                        if key not in source_keys:
                            problems.append(Problem(file, line, name, f'unknown source key "{key}" (expected a key of references.bib)'))
                if "item-enum" in listing:
                    for item in items:
                        if item not in listing["item-enum"]:
                            problems.append(Problem(file, line, name, f'"{item}" is not allowed (expected one or more of: {", ".join(listing["item-enum"])}, separated by ";")'))
                if "item-pattern" in listing:
                    for item in items:
                        if not re.fullmatch(listing["item-pattern"].strip("^$"), item) and item not in listing.get("item-enum-extra", []):
                            problems.append(Problem(file, line, name, f'"{item}" is not an ISO 3166-1 alpha-3 code or one of {", ".join(listing["item-enum-extra"])}'))
    return problems


def _foreign_key_problems(resource: dict, raw: pd.DataFrame, tables: dict[str, pd.DataFrame | None]) -> list[Problem]:
    problems = []
    for fk in resource["schema"].get("foreignKeys", []):
        (column,) = fk["fields"]
        target = fk["reference"]["resource"]
        (target_column,) = fk["reference"]["fields"]
        other = tables.get(target)
        if other is None or column not in raw.columns or target_column not in other.columns:
            continue
        known = set(other[target_column])
        for line, value in raw[column].items():
            if value and value not in known:
                problems.append(Problem(resource["path"], line, column, f'"{value}" is not a {target_column} of {target}.csv'))
    return problems


UNCONFIRMED_NOTE = re.compile(r"not confirmed|unknown", re.I)


def bibliography_problems(bib_file: Path) -> list[Problem]:
    """Check every entry of the BibTeX file names a source fully, or says what is unknown.

    Each entry needs a title; an author or a publisher (``howpublished``); a year (``n.d.``
    allowed) and an ISO ``date`` unless the year is ``n.d.``; and a ``url``, or else a ``note``
    saying the address (or the source) is not confirmed or unknown. A key may be defined once.
    """
    text = Path(bib_file).read_text(encoding="utf-8")
    problems, seen = [], {}
    for match in re.finditer(r"^\s*@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)^\}", text, flags=re.M | re.S):
        key, body = match.group(2), match.group(3)
        line = text.count("\n", 0, match.start()) + 1
        fields = {m.group(1).lower(): m.group(2).strip() for m in re.finditer(r"^\s*(\w+)\s*=\s*(.*?),?\s*$", body, flags=re.M)}
        name = Path(bib_file).name
        if key in seen:
            problems.append(Problem(name, line, key, f"the key is defined twice (first on line {seen[key]}); expected each key once"))
        seen.setdefault(key, line)
        if "title" not in fields:
            problems.append(Problem(name, line, key, "no title (expected a title field)"))
        if "author" not in fields and "howpublished" not in fields:
            problems.append(Problem(name, line, key, "no author or publisher (expected author or howpublished)"))
        year = fields.get("year", "").strip("{}")
        if not year:
            problems.append(Problem(name, line, key, "no year (expected a year, or n.d. when unknown)"))
        elif year != "n.d." and "date" not in fields:
            problems.append(Problem(name, line, key, "no date (expected date = {YYYY-MM-DD}, {YYYY-MM} or {YYYY})"))
        if "url" not in fields and not UNCONFIRMED_NOTE.search(fields.get("note", "")):
            problems.append(Problem(name, line, key, "no url and no note saying it is not confirmed (never invent one: say so in note)"))
    return problems


def find_problems(data_dir: Path | None = None, bib_file: Path | None = None, today: dt.date | None = None) -> list[Problem]:
    """Check every table of the data package; return all problems found (empty when clean)."""
    data_dir = Path(data_dir or DATA_DIR)
    bib_file = Path(bib_file or (data_dir.parent / "references.bib"))
    today = today or dt.date.today()
    package = read_datapackage(data_dir)
    source_keys = read_source_keys(bib_file)
    problems: list[Problem] = bibliography_problems(bib_file)
    tables = {}
    for resource in package["resources"]:
        problems += _frictionless_problems(resource, data_dir)
        tables[resource["name"]] = _raw_rows(resource, data_dir)
    for resource in package["resources"]:
        raw = tables[resource["name"]]
        if raw is None:
            continue
        problems += _extra_problems(resource, raw, source_keys, today)
        problems += _foreign_key_problems(resource, raw, tables)
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.message))


def validate(data_dir: Path | None = None, bib_file: Path | None = None) -> None:
    """Raise :class:`DataError` listing every problem in data/, or return None when all is well."""
    problems = find_problems(data_dir, bib_file)
    if problems:
        raise DataError(problems)


# --------------------------------------------------------------------------------------------
# Loading typed tables
# --------------------------------------------------------------------------------------------

def _period_start(value: str) -> pd.Timestamp:
    """First day of the period a partial ISO date names: '2008' -> 2008-01-01, '2008-04' -> 2008-04-01."""
    parts = value.split("-")
    year, month, day = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
    return pd.Timestamp(dt.date(year, month, day))


def _files_signature(data_dir: Path, bib_file: Path) -> tuple:
    files = sorted(data_dir.glob("*.csv")) + [data_dir / "datapackage.json", bib_file]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


@functools.lru_cache(maxsize=8)
def _checked(data_dir: str, bib_file: str, signature: tuple) -> None:
    validate(Path(data_dir), Path(bib_file))


def _typed(name: str, data_dir: Path | None) -> pd.DataFrame:
    """Validate the whole package (once per state of the files), then read one table with types."""
    data_dir = Path(data_dir or DATA_DIR)
    bib_file = data_dir.parent / "references.bib"
    try:
        _checked(str(data_dir), str(bib_file), _files_signature(data_dir, bib_file))
    except DataError as error:
        raise DataError(error.problems) from None
    resource = resource_descriptor(name, data_dir)
    frame = pd.read_csv(data_dir / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8")
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


def load_members(data_dir: Path | None = None) -> pd.DataFrame:
    """NATO's member states, one row each, sorted by accession date then name."""
    members = _typed("nato_members", data_dir)
    return members.sort_values(["accession_date", "country"], ignore_index=True)


def load_events(data_dir: Path | None = None, include_unconfirmed: bool = False) -> pd.DataFrame:
    """Dated events; ``date`` is the first day of the stated period, ``date_text`` the date as written."""
    events = _typed("events", data_dir)
    events["date_text"] = events["date"]
    events["date"] = events["date_text"].map(_period_start)
    if not include_unconfirmed:
        events = events[events["status"] == "confirmed"]
    return events.sort_values(["date", "event_id"], ignore_index=True)


def load_statements(data_dir: Path | None = None, include_unconfirmed: bool = False) -> pd.DataFrame:
    """Putin's statements joined with their stance codes, sorted by date."""
    statements = _typed("statements", data_dir)
    codes = _typed("stance_codes", data_dir)
    merged = statements.merge(codes, on="statement_id", how="left", validate="one_to_one")
    if not include_unconfirmed:
        merged = merged[merged["status"] == "confirmed"]
    return merged.sort_values(["date", "statement_id"], ignore_index=True)


def load_borders(data_dir: Path | None = None) -> pd.DataFrame:
    """Land borders between Russia and NATO members, in km."""
    return _typed("borders", data_dir)


def load_places(data_dir: Path | None = None) -> pd.DataFrame:
    """Places with coordinates, indexed by place_id."""
    return _typed("places", data_dir).set_index("place_id")


def load_claims(data_dir: Path | None = None) -> pd.DataFrame:
    """Claims made by the source documents, with the book's verdict."""
    return _typed("claims", data_dir)


def split_list(value: str) -> list[str]:
    """The items of a ';'-separated cell ('' gives an empty list)."""
    return _split(value)


def data_as_of(data_dir: Path | None = None) -> pd.Timestamp:
    """The day the data was last checked against its sources (``x-data-as-of`` in datapackage.json).

    Charts that run "to the present" end here, so the same data always gives the same figure.
    """
    return pd.Timestamp(read_datapackage(data_dir)["x-data-as-of"])


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
    if "minimum" in constraints or "maximum" in constraints:
        rules.append(f"from {constraints.get('minimum', '')} to {constraints.get('maximum', 'today' if field['type'] == 'date' else '')}".replace("from  to", "up to"))
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
        rows = [{"column": f["name"], "type": f["type"], "meaning": f.get("description", ""), "allowed values": field_rules(f)}
                for f in resource["schema"]["fields"]]
        out.append((resource, pd.DataFrame(rows)))
    return out
