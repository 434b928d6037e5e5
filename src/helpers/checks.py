"""Check the book's data package and report every problem, each in one line.

``frictionless`` checks what the schema in ``data/datapackage.json`` says: types, required
values, allowed values, patterns, unique ids, primary keys and the foreign keys between
tables. This module adds only what a schema cannot say:

* a ``date`` written to the precision stated in ``date_precision``, and no date in the future;
* every item of a ';'-separated list allowed (chapters, actors) and every source key an entry
  of ``references.bib`` (read with pybtex);
* no cell holding only spaces, and the passages of a confirmed document filled in;
* every statement coded by both coders, ``A`` and ``B``, and adjudicated (``final``);
* a statement drawn from the frame names an occasion of that date whose transcript mentions NATO.

Each problem names the file, the line a person finds in an editor, the column, the bad value
and what was expected. Nothing here writes to ``data/``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.load import BIB_FILE, DATA_DIR, read_datapackage

DATE_FORMATS = {
    "day": (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
    "month": (r"\d{4}-\d{2}", "YYYY-MM"),
    "year": (r"\d{4}", "YYYY"),
}
TYPE_HINTS = {
    "date": "a date written YYYY-MM-DD",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "string": "text",
}
REQUIRED_CODERS = ("A", "B", "final")
SINGLE_BACKTICK = re.compile(r"(?<!`)`(?!`)")


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
# Reading a table as a person sees it in an editor
# --------------------------------------------------------------------------------------------


@dataclass
class RawTable:
    """A CSV file's cells as text, with the editor line on which each row starts."""

    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]

    def column(self, name: str):
        """(line, value) for every row, '' where the row is short."""
        return [(line, row.get(name, "")) for line, row in zip(self.lines, self.rows)]


def read_raw(path: Path) -> RawTable | None:
    """Read a CSV file with the csv module (UTF-8, with or without a byte-order mark; LF or
    CRLF); rows with too many or too few cells are kept, so other checks still run."""
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8-sig")
    if not text.strip():
        return None
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader)
    rows, lines, start = [], [], reader.line_num + 1
    for cells in reader:
        if cells:
            rows.append(dict(zip(header, cells)))
            lines.append(start)
        start = reader.line_num + 1
    return RawTable(header, rows, lines)


# --------------------------------------------------------------------------------------------
# What frictionless checks, in the book's words
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


def _article(noun: str) -> str:
    """'a statement_id', 'an event_id'."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _translate(error: dict, resource: dict, raw: RawTable | None) -> Problem | None:
    """One frictionless error as a Problem naming the editor line of the row."""
    file = resource["path"]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    kind, column, cell, note = error.get("type"), error.get("fieldName"), error.get("cell"), error.get("note", "")
    row_number = error.get("rowNumber")
    line = row_number
    if raw is not None and row_number is not None and 0 <= row_number - 2 < len(raw.lines):
        line = raw.lines[row_number - 2]
    field = fields.get(column or "", {})
    if kind == "missing-label":
        return Problem(
            file, 1, column, f"the column is missing from the header (expected columns: {', '.join(fields)})"
        )
    if kind == "extra-label":
        return Problem(file, 1, column, "is not a column of this table (see datapackage.json)")
    if kind in ("duplicate-label", "blank-label", "incorrect-label"):
        return Problem(file, 1, column, f"bad header: {note or error.get('message')}")
    if kind == "type-error":
        hint = TYPE_HINTS.get(field.get("type", ""), field.get("type", ""))
        return Problem(file, line, column, f'"{cell}" is not valid (expected {hint})')
    if kind == "constraint-error":
        shown = f'"{cell}"' if cell not in (None, "") else "the empty value"
        return Problem(file, line, column, f"{shown} is not allowed ({_constraint_expectation(field, note)})")
    if kind == "unique-error":
        return Problem(file, line, column, f'"{cell}" is a duplicate id; expected each value once')
    if kind == "primary-key":
        keys = resource["schema"].get("primaryKey", [])
        if len(keys) == 1 and fields[keys[0]].get("constraints", {}).get("unique"):
            return None  # already reported as a unique-error
        return Problem(
            file, line, None, f"a second row for the same {' and '.join(keys)}; expected each combination once"
        )
    if kind == "foreign-key":
        for fk in resource["schema"].get("foreignKeys", []):
            if fk["fields"] == error.get("fieldNames"):
                (name,) = fk["fields"]
                value = raw.rows[row_number - 2].get(name, "") if raw is not None else ""
                target = fk["reference"]["resource"]
                return Problem(
                    file,
                    line,
                    name,
                    f'"{value}" is not {_article(fk["reference"]["fields"][0])} of {target}.csv (expected an id that exists there)',
                )
        return Problem(file, line, None, note or error.get("message", ""))
    if kind == "missing-cell":
        return Problem(file, line, column, "the row has too few cells (is a comma missing?)")
    if kind == "extra-cell":
        return Problem(
            file,
            line,
            None,
            "the row has more cells than the header (is a comma unquoted? quote a value that holds a comma)",
        )
    if kind == "blank-row":
        return Problem(file, line, None, "the row is blank (expected data or no line at all)")
    if kind == "encoding-error":
        return Problem(file, None, None, "the file is not UTF-8 text (save it as CSV UTF-8)")
    return Problem(file, line, column, error.get("message", kind))


def schema_problems(data_dir: Path, raw_tables: dict[str, RawTable | None]) -> list[Problem]:
    """Validate the whole package with frictionless (schemas, primary and foreign keys)."""
    from frictionless import Package

    package = read_datapackage(data_dir)
    problems = []
    present = []
    for resource in package["resources"]:
        path = data_dir / resource["path"]
        if not path.exists():
            problems.append(
                Problem(
                    resource["path"],
                    None,
                    None,
                    "the file is missing (expected a CSV file described in datapackage.json)",
                )
            )
        elif raw_tables.get(resource["name"]) is None:
            problems.append(
                Problem(resource["path"], None, None, "the file is empty (expected a header row and data rows)")
            )
        else:
            present.append(resource)
    names = {r["name"] for r in present}
    descriptor = dict(package, resources=[])
    for resource in present:
        resource = dict(resource, schema=dict(resource["schema"], fieldsMatch="equal"))
        foreign = [fk for fk in resource["schema"].get("foreignKeys", []) if fk["reference"]["resource"] in names]
        resource["schema"]["foreignKeys"] = foreign
        descriptor["resources"].append(resource)
    report = Package.from_descriptor(descriptor, basepath=str(data_dir)).validate()
    by_name = {r["name"]: r for r in present}
    for task in report.tasks:
        resource = by_name.get(task.name)
        if resource is None:
            continue
        for error in task.errors:
            problem = _translate(error.to_descriptor(), resource, raw_tables.get(task.name))
            if problem:
                problems.append(problem)
    return problems


# --------------------------------------------------------------------------------------------
# What a schema cannot say
# --------------------------------------------------------------------------------------------


def period_start(value: str) -> dt.date:
    """First day of the period a partial ISO date names: '2008' -> 2008-01-01, '2008-04' -> 2008-04-01."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _date_problems(file: str, field: dict, raw: RawTable, today: dt.date) -> list[Problem]:
    problems = []
    name = field["name"]
    precision_field = field.get("x-date-precision-field")
    for line, row in zip(raw.lines, raw.rows):
        value = row.get(name, "")
        if not value:
            continue
        if precision_field:
            precision = row.get(precision_field, "")
            if precision not in DATE_FORMATS:
                continue  # frictionless reports the bad precision
            pattern, shown = DATE_FORMATS[precision]
            if not re.fullmatch(pattern, value):
                problems.append(
                    Problem(
                        file, line, name, f'"{value}" does not match its precision "{precision}" (expected {shown})'
                    )
                )
                continue
            try:
                day = period_start(value)
            except ValueError:
                problems.append(Problem(file, line, name, f'"{value}" is not a real date (expected {shown})'))
                continue
        elif field.get("type") == "date":
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                continue  # frictionless reports it
        else:
            continue
        if day > today:
            problems.append(
                Problem(file, line, name, f'"{value}" is in the future (expected a date up to {today.isoformat()})')
            )
    return problems


def _list_problems(file: str, field: dict, raw: RawTable, source_keys: set[str] | None) -> list[Problem]:
    """List items allowed; source keys in the bibliography (unchecked when it cannot be read)."""
    listing = field.get("x-list")
    if not listing:
        return []
    problems = []
    name = field["name"]
    for line, value in raw.column(name):
        items = split_list(value)
        for item in items:
            if listing.get("references") == "references.bib" and source_keys is not None and item not in source_keys:
                problems.append(
                    Problem(file, line, name, f'unknown source key "{item}" (expected a key of references.bib)')
                )
            if "item-enum" in listing and item not in listing["item-enum"]:
                problems.append(
                    Problem(
                        file,
                        line,
                        name,
                        f'"{item}" is not allowed (expected one or more of: {", ".join(listing["item-enum"])}, separated by ";")',
                    )
                )
            if (
                "item-pattern" in listing
                and not re.fullmatch(listing["item-pattern"].strip("^$"), item)
                and item not in listing.get("item-enum-extra", [])
            ):
                problems.append(
                    Problem(
                        file,
                        line,
                        name,
                        f'"{item}" is not an ISO 3166-1 alpha-3 code or one of {", ".join(listing["item-enum-extra"])}',
                    )
                )
    return problems


def _blank_problems(file: str, raw: RawTable) -> list[Problem]:
    """A cell of spaces only passes a 'required' constraint but says nothing: refuse it."""
    problems = []
    for line, row in zip(raw.lines, raw.rows):
        for column, value in row.items():
            if value and not value.strip():
                problems.append(
                    Problem(file, line, column, "the value holds only spaces (expected a value, or nothing at all)")
                )
    return problems


def _confirmed_problems(file: str, field: dict, raw: RawTable) -> list[Problem]:
    """A field marked ``x-required-if-confirmed`` may be empty only on an unconfirmed row."""
    if not field.get("x-required-if-confirmed"):
        return []
    return [
        Problem(
            file,
            line,
            field["name"],
            "the empty value is not allowed on a confirmed row (expected a value, or status = unconfirmed)",
        )
        for line, row in zip(raw.lines, raw.rows)
        if row.get("status") == "confirmed" and not row.get(field["name"], "").strip()
    ]


def coverage_problems(tables: dict[str, RawTable | None]) -> list[Problem]:
    """Every statement has rows for coders A, B and final in stance_codes.csv."""
    statements, codes = tables.get("statements"), tables.get("stance_codes")
    if statements is None or codes is None:
        return []
    coders: dict[str, set[str]] = {}
    for row in codes.rows:
        coders.setdefault(row.get("statement_id", ""), set()).add(row.get("coder", ""))
    problems = []
    for line, statement_id in statements.column("statement_id"):
        missing = [c for c in REQUIRED_CODERS if c not in coders.get(statement_id, set())]
        if missing:
            which = ", ".join(f'"{c}"' for c in missing)
            problems.append(
                Problem(
                    "statements.csv",
                    line,
                    "statement_id",
                    f'"{statement_id}" has no stance code from coder {which} in stance_codes.csv '
                    f"(expected rows for coders A, B and final for every statement)",
                )
            )
    return problems


def frame_problems(tables: dict[str, RawTable | None]) -> list[Problem]:
    """A frame statement names an occasion of its own date (which mentions NATO, if the statement is
    confirmed); an event statement names none."""
    statements, occasions = tables.get("statements"), tables.get("occasions")
    if statements is None or occasions is None:
        return []
    by_id = {row.get("occasion_id", ""): (line, row) for line, row in zip(occasions.lines, occasions.rows)}
    problems = []
    for line, row in zip(statements.lines, statements.rows):
        sample, occasion_id = row.get("sample", ""), row.get("occasion_id", "")
        if sample == "frame" and not occasion_id:
            problems.append(
                Problem(
                    "statements.csv",
                    line,
                    "occasion_id",
                    "the empty value is not allowed (a statement with sample = frame names its occasion)",
                )
            )
        elif sample == "event" and occasion_id:
            problems.append(
                Problem(
                    "statements.csv",
                    line,
                    "occasion_id",
                    f'"{occasion_id}" is given, but sample = event (expected no occasion, or sample = frame)',
                )
            )
        elif sample == "frame" and occasion_id in by_id:
            occasion_line, occasion = by_id[occasion_id]
            if occasion.get("date") != row.get("date"):
                problems.append(
                    Problem(
                        "statements.csv",
                        line,
                        "date",
                        f'"{row.get("date")}" differs from the date of its occasion {occasion_id} ({occasion.get("date")}, occasions.csv line {occasion_line})',
                    )
                )
            if occasion.get("nato_mentioned") != "yes" and row.get("status") == "confirmed":
                problems.append(
                    Problem(
                        "occasions.csv",
                        occasion_line,
                        "nato_mentioned",
                        f'"{occasion.get("nato_mentioned")}" is not possible: statement {row.get("statement_id")} quotes this occasion on NATO (expected yes)',
                    )
                )
    return problems


def venue_problems(tables: dict[str, RawTable | None]) -> list[Problem]:
    """The statements drawn from one occasion give its venue in the same words: the venue of the
    occasion's first statement in the table is the one every later statement must repeat."""
    statements = tables.get("statements")
    if statements is None:
        return []
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for line, row in zip(statements.lines, statements.rows):
        occasion_id, venue = row.get("occasion_id", ""), row.get("venue", "")
        if not occasion_id:
            continue
        if occasion_id not in first:
            first[occasion_id] = (line, venue)
        elif venue != first[occasion_id][1]:
            first_line, first_venue = first[occasion_id]
            problems.append(
                Problem(
                    "statements.csv",
                    line,
                    "venue",
                    f'"{venue}" differs from the venue of another statement of {occasion_id} '
                    f'(line {first_line}: "{first_venue}"); expected one venue string per occasion',
                )
            )
    return problems


def split_list(value) -> list[str]:
    """The items of a ';'-separated cell ('' or a missing value gives an empty list)."""
    if value is None or value != value or str(value) == "":
        return []
    return str(value).split(";")


# --------------------------------------------------------------------------------------------
# The bibliography
# --------------------------------------------------------------------------------------------

UNCONFIRMED_NOTE = re.compile(r"not confirmed|unknown|unconfirmed", re.I)
# The BibLaTeX entry types the book uses, and what each is for. The bibliography style
# (_ext/bibliography_style.py) formats each of them.
ENTRY_TYPES = {
    "online": "a web page (news, transcripts, official pages, think-tank pieces): needs its url",
    "article": "an article in a journal, magazine or newspaper: needs its journal",
    "book": "a book: needs its publisher",
    "incollection": "a part of a book by its own author: needs the book's title and publisher",
    "inbook": "a part of a book by the book's author: needs the book's title and publisher",
    "report": "a report or briefing book: needs its institution and the kind of report (type)",
    "dataset": "a data set: needs its url, or a note saying the address is not confirmed",
    "misc": "a source with no confirmed address that fits no other type: needs a note saying so",
}
SCHOLARLY = {"book", "article", "incollection", "inbook", "report"}  # no ISO date needed: the year is enough
NEWSPAPER = "newspaper"  # entrysubtype of an @article in a newspaper: no volume or pages expected


ENTRY_START = re.compile(r"^[ \t]*@\w+\s*\{\s*([^,\s]+)\s*,", flags=re.M)  # "@misc{key," and its key


def _parse_bibtex(text: str, name: str):
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError

    try:
        return parse_string(text, "bibtex"), None
    except PybtexError as error:
        return None, Problem(name, None, None, f"cannot be read as BibTeX: {error}")


def read_bibliography(bib_file: Path):
    """The BibTeX file parsed by pybtex (``BibliographyData``), or the Problem that stops it."""
    return _parse_bibtex(Path(bib_file).read_text(encoding="utf-8"), Path(bib_file).name)


def bibliography_problems(bib_file: Path) -> list[Problem]:
    """Every entry names its source fully, or says what is unknown.

    Each entry has one of the :data:`ENTRY_TYPES`, a title, an author, editor or publisher, a
    year (``n.d.`` allowed) and, unless it is a scholarly type or the year is ``n.d.``, an ISO
    ``date``. Then, by type: ``@online`` needs its ``url`` (a page whose address is not confirmed
    is ``@misc``, with a note saying so, and a ``@misc`` with a url should be ``@online``);
    ``@article`` its journal, and its volume and pages or a note saying they are not confirmed
    (a newspaper article, ``entrysubtype = {newspaper}``, its date instead); ``@book`` its
    publisher; ``@incollection`` and ``@inbook`` the book's title and publisher; ``@report`` its
    institution and type; ``@dataset`` and ``@misc`` a url or a note saying the address is not
    confirmed. A key may be defined once.
    """
    return _checked_bibliography(bib_file)[0]


def _checked_bibliography(bib_file: Path):
    """The problems of :func:`bibliography_problems`, and the entries parsed by pybtex (each key's
    first entry when a key is defined twice; None when the file cannot be parsed)."""
    name = Path(bib_file).name
    text = Path(bib_file).read_text(encoding="utf-8")
    starts = [(m.start(), m.group(1)) for m in ENTRY_START.finditer(text)]
    problems, first_line, kept = [], {}, []
    for (start, key), (end, _) in zip(starts, starts[1:] + [(len(text), "")]):
        line = text.count("\n", 0, start) + 1
        if key.lower() in first_line:
            message = f"the key is defined twice (first on line {first_line[key.lower()]}); expected each key once"
            problems.append(Problem(name, line, key, message))
        else:
            first_line[key.lower()] = line
            kept.append(text[start:end])
    if problems:  # check the rest with each key's first entry only, so one slip does not hide others
        text = text[: starts[0][0]] + "".join(kept)
    data, problem = _parse_bibtex(text, name)
    if problem:
        return problems + [problem], None
    for key, entry in data.entries.items():
        line = first_line.get(key.lower())  # the line in the file as written
        problems += [Problem(name, line, key, message) for message in _entry_problems(entry)]
    return problems, data


def _entry_problems(entry) -> list[str]:
    """What one parsed entry lacks, each in words (see :func:`bibliography_problems`)."""
    fields = {k.lower(): v for k, v in entry.fields.items()}
    kind = entry.type.lower()
    if kind not in ENTRY_TYPES:
        return [f"the entry type @{kind} is not one the book uses (expected one of @" + ", @".join(ENTRY_TYPES) + ")"]
    problems = []
    if "title" not in fields:
        problems.append("no title (expected a title field)")
    for name in ("title", "note"):
        if SINGLE_BACKTICK.search(fields.get(name, "")):
            problems.append(
                f"a single backtick in the {name}, which prints as a backtick"
                " (expected ‘single’ quotation marks, or ``double'' in LaTeX style)"
            )
    if not entry.persons and not any(
        k in fields for k in ("howpublished", "publisher", "organization", "institution", "journal")
    ):
        problems.append("no author or publisher (expected author, howpublished, publisher or organization)")
    year = fields.get("year", "")
    newspaper = kind == "article" and fields.get("entrysubtype", "").lower() == NEWSPAPER
    if not year:
        problems.append("no year (expected a year, or n.d. when unknown)")
    elif year != "n.d." and "date" not in fields and (kind not in SCHOLARLY or newspaper):
        problems.append("no date (expected date = {YYYY-MM-DD}, {YYYY-MM} or {YYYY})")
    unconfirmed = UNCONFIRMED_NOTE.search(fields.get("note", ""))
    if kind == "online" and "url" not in fields:
        problems.append(
            "an @online entry with no url (expected url = {...}; a page whose address is not confirmed"
            " is @misc, with a note saying so)"
        )
    elif kind == "misc" and "url" in fields:
        problems.append("a @misc entry with a url (expected @online: a source with an address is a web page)")
    elif kind in ("misc", "dataset") and "url" not in fields and not unconfirmed:
        problems.append("no url and no note saying it is not confirmed (never invent one: say so in note)")
    elif kind == "article":
        if "journal" not in fields:
            problems.append("an article with no journal")
        for needed in () if newspaper else ("volume", "pages"):
            if needed not in fields and not unconfirmed:
                message = f"an article with no {needed} and no note saying it is not confirmed"
                problems.append(message + " (expected journal, volume and pages)")
    elif kind == "book" and "publisher" not in fields:
        problems.append("a book with no publisher")
    elif kind in ("incollection", "inbook"):
        for needed in ("booktitle", "publisher"):
            if needed not in fields:
                problems.append(f"an @{kind} entry with no {needed} (expected the book's title and publisher)")
    elif kind == "report":
        for needed in ("institution", "type"):
            if needed not in fields:
                problems.append(f"a report with no {needed} (expected institution and type, e.g. {{Briefing book}})")
    return problems


def read_source_keys(bib_file: Path | None = None) -> set[str]:
    """The citation keys defined in the book's BibTeX file."""
    data, _ = read_bibliography(Path(bib_file or BIB_FILE))
    return set(data.entries.keys()) if data is not None else set()


# --------------------------------------------------------------------------------------------
# Everything at once
# --------------------------------------------------------------------------------------------


def find_problems(
    data_dir: Path | None = None, bib_file: Path | None = None, today: dt.date | None = None
) -> list[Problem]:
    """Check every table of the data package; return all problems found (empty when clean)."""
    data_dir = Path(data_dir or DATA_DIR)
    bib_file = Path(bib_file or (data_dir.parent / "references.bib"))
    today = today or dt.date.today()
    package = read_datapackage(data_dir)
    problems, bibliography = _checked_bibliography(bib_file)
    source_keys = set(bibliography.entries.keys()) if bibliography is not None else None
    tables = {r["name"]: read_raw(data_dir / r["path"]) for r in package["resources"]}
    problems += schema_problems(data_dir, tables)
    for resource in package["resources"]:
        raw = tables[resource["name"]]
        if raw is None:
            continue
        problems += _blank_problems(resource["path"], raw)
        for field in resource["schema"]["fields"]:
            if field["name"] in raw.header:
                problems += _date_problems(resource["path"], field, raw, today)
                problems += _list_problems(resource["path"], field, raw, source_keys)
                problems += _confirmed_problems(resource["path"], field, raw)
    problems += coverage_problems(tables)
    problems += frame_problems(tables)
    problems += venue_problems(tables)
    # A row with too many or too few cells has its values in the wrong columns: report the
    # cell count alone, not every value it shifted.
    ragged = {
        (p.file, p.line)
        for p in problems
        if p.message.startswith(("the row has more cells", "the row has too few cells"))
    }
    problems = [
        p
        for p in problems
        if (p.file, p.line) not in ragged or p.message.startswith(("the row has more", "the row has too few"))
    ]
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.message))


def validate(data_dir: Path | None = None, bib_file: Path | None = None) -> None:
    """Raise :class:`DataError` listing every problem in data/, or return None when all is well."""
    problems = find_problems(data_dir, bib_file)
    if problems:
        raise DataError(problems)
