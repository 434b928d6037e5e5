"""The data in data/: the real tables pass every check, and broken copies fail clearly."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_book
from helpers import data

REPO = Path(__file__).resolve().parents[1]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def validate_cli(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.validate", str(data_dir)], capture_output=True, text=True)


@pytest.fixture
def broken(tmp_path):
    """A writable copy of data/ and references.bib; edit a file with `.edit(name, old, new)`."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(REPO / "references.bib", tmp_path / "references.bib")

    class Copy:
        dir = tmp_path / "data"

        def path(self, name):
            """A table of data/, or references.bib beside it."""
            return self.dir.parent / name if name.endswith(".bib") else self.dir / name

        def edit(self, name, old, new, count=1):
            path = self.path(name)
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {name}"
            path.write_text(text.replace(old, new, count), encoding="utf-8")

    return Copy()


# ---- the real data ---------------------------------------------------------------------------


def test_real_data_is_valid_and_validation_writes_nothing():
    before = _digest(REPO / "data")
    result = validate_cli(REPO / "data")
    assert result.returncode == 0, result.stderr
    assert _digest(REPO / "data") == before


def test_members_are_typed_and_complete():
    members = data.load_members()
    assert len(members) == 32
    assert members["iso3"].is_unique
    assert str(members["accession_date"].dtype).startswith("datetime64")
    assert members["borders_russia"].dtype == bool
    assert set(members.loc[members["borders_russia"], "iso3"]) == {"NOR", "POL", "EST", "LVA", "LTU", "FIN"}
    assert members.loc[members["iso3"] == "FIN", "accession_date"].item() == pd.Timestamp("2023-04-04")


def test_every_source_key_resolves_to_the_bibliography():
    keys = data.read_source_keys()
    for resource in data.read_datapackage()["resources"]:
        table = pd.read_csv(REPO / "data" / resource["path"], dtype=str, keep_default_na=False)
        for cell in table.get("source_keys", []):
            assert set(data.split_list(cell)) <= keys, (resource["path"], cell)


# ---- broken copies: one clear message each, exit code 1, no traceback -------------------------
#
# Each case edits a copy of data/ as a student might, and names the message `make validate`
# must print. `{line}` stands for the editor line of the edited row.


def _line_of(copy, name, text):
    lines = copy.path(name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def _first_row(copy, name):
    return (copy.dir / name).read_text(encoding="utf-8").splitlines()[1]


def _rows(copy, name):
    return pd.read_csv(copy.dir / name, dtype=str, keep_default_na=False)


def _write(copy, name, table):
    table.to_csv(copy.dir / name, index=False)


def _malformed_date(c):
    c.edit("nato_members.csv", "GRC,Greece,1952-02-18", "GRC,Greece,1952-13-18")
    return (
        "nato_members.csv",
        "GRC,Greece",
        'column "accession_date": "1952-13-18" is not valid (expected a date written YYYY-MM-DD)',
    )


def _unknown_source_key(c):
    c.edit(
        "nato_members.csv",
        "ESP,Spain,1982-05-30,false,false,false,nato-member-countries",
        "ESP,Spain,1982-05-30,false,false,false,nato-no-such-page",
    )
    return (
        "nato_members.csv",
        "ESP,Spain",
        'column "source_keys": unknown source key "nato-no-such-page" (expected a key of references.bib)',
    )


def _duplicate_id(c):
    c.edit("nato_members.csv", "ESP,Spain", "BEL,Spain")
    return "nato_members.csv", "BEL,Spain", 'column "iso3": "BEL" is a duplicate id; expected each value once'


def _missing_column(c):
    _write(c, "nato_members.csv", _rows(c, "nato_members.csv").drop(columns=["borders_russia"]))
    return "nato_members.csv", None, 'line 1, column "borders_russia": the column is missing from the header'


def _empty_file(c):
    (c.dir / "nato_members.csv").write_text("", encoding="utf-8")
    return "nato_members.csv", None, "data/nato_members.csv: the file is empty (expected a header row and data rows)"


def _date_not_at_precision(c):
    c.edit("events.csv", "bucharest-summit-2008,2008-04-03,day", "bucharest-summit-2008,2008-04,day")
    return (
        "events.csv",
        "bucharest-summit-2008,",
        'column "date": "2008-04" does not match its precision "day" (expected YYYY-MM-DD)',
    )


def _bad_category(c):
    c.edit(
        "events.csv",
        "Ukraine and Georgia will become members; no MAP,summit,",
        "Ukraine and Georgia will become members; no MAP,conference,",
    )
    return (
        "events.csv",
        "bucharest-summit-2008,",
        'column "category": "conference" is not allowed (expected one of: diplomacy, summit,',
    )


def _future_date(c):
    c.edit("events.csv", "bucharest-summit-2008,2008-04-03,day", "bucharest-summit-2008,2999-04-03,day")
    return "events.csv", "bucharest-summit-2008,", 'column "date": "2999-04-03" is in the future'


def _code_for_unknown_statement(c):
    codes = _rows(c, "stance_codes.csv")
    _write(
        c,
        "stance_codes.csv",
        pd.concat([codes, codes.iloc[[0]].assign(statement_id="st-2000-01-02-no-such-statement")]),
    )
    return (
        "stance_codes.csv",
        "st-2000-01-02-no-such-statement",
        'column "statement_id": "st-2000-01-02-no-such-statement" is not a statement_id of statements.csv',
    )


def _statement_without_codes(c):
    table = _rows(c, "statements.csv")
    new = table.iloc[[0]].assign(statement_id="st-2000-01-02-new-statement", sample="event", occasion_id="")
    _write(c, "statements.csv", pd.concat([table, new], ignore_index=True))
    return (
        "statements.csv",
        "st-2000-01-02-new-statement",
        'column "statement_id": "st-2000-01-02-new-statement" has no stance code from coder "A", "B", "final" in stance_codes.csv',
    )


def _statement_without_coder_b(c):
    codes = _rows(c, "stance_codes.csv")
    statement_id = codes.loc[0, "statement_id"]
    _write(c, "stance_codes.csv", codes[~((codes["statement_id"] == statement_id) & (codes["coder"] == "B"))])
    return (
        "statements.csv",
        statement_id + ",",
        f'column "statement_id": "{statement_id}" has no stance code from coder "B" in stance_codes.csv',
    )


def _unquoted_comma(c):
    row = _first_row(c, "nato_members.csv")
    c.edit("nato_members.csv", row, row.replace("Belgium", "Belgium, Kingdom of"))
    return "nato_members.csv", "Belgium, Kingdom of", ": the row has more cells than the header (is a comma unquoted?"


def _only_spaces(c):
    c.edit("nato_members.csv", "ESP,Spain", "ESP,   ")
    return (
        "nato_members.csv",
        "ESP,   ",
        'column "country": the value holds only spaces (expected a value, or nothing at all)',
    )


def _set_first_frame_occasion(c, occasion_id):
    """Give the first statement drawn from the frame another occasion_id; return its statement_id."""
    table = _rows(c, "statements.csv")
    index = table.index[table["sample"] == "frame"][0]
    table.loc[index, "occasion_id"] = occasion_id
    _write(c, "statements.csv", table)
    return table.loc[index, "statement_id"]


def _frame_statement_without_occasion(c):
    statement_id = _set_first_frame_occasion(c, "")
    return (
        "statements.csv",
        statement_id + ",",
        'column "occasion_id": the empty value is not allowed (a statement with sample = frame names its occasion)',
    )


def _unknown_occasion(c):
    statement_id = _set_first_frame_occasion(c, "occ-2001-01-01-no-such-occasion")
    return (
        "statements.csv",
        statement_id + ",",
        'column "occasion_id": "occ-2001-01-01-no-such-occasion" is not an occasion_id of occasions.csv',
    )


def _two_venues_for_one_occasion(c):
    """Respell the venue of the second statement of an occasion that has two."""
    table = _rows(c, "statements.csv")
    framed = table[table["occasion_id"] != ""]
    occasion_id = framed.loc[framed.duplicated("occasion_id"), "occasion_id"].iloc[0]
    first, second = table.index[table["occasion_id"] == occasion_id][:2]
    venue = table.loc[first, "venue"]
    table.loc[second, "venue"] = venue + " (another spelling)"
    _write(c, "statements.csv", table)
    return (
        "statements.csv",
        table.loc[second, "statement_id"] + ",",
        f'column "venue": "{venue} (another spelling)" differs from the venue of another statement of'
        f' {occasion_id} (line {_line_of(c, "statements.csv", table.loc[first, "statement_id"] + ",")}: "{venue}");'
        " expected one venue string per occasion",
    )


def _reading_of_unknown_event(c):
    readings = _rows(c, "event_accounts.csv")
    _write(c, "event_accounts.csv", pd.concat([readings, readings.iloc[[0]].assign(event_id="no-such-event-2001")]))
    return (
        "event_accounts.csv",
        "no-such-event-2001",
        'column "event_id": "no-such-event-2001" is not an event_id of events.csv',
    )


def _reading_with_unknown_bearing(c):
    readings = _rows(c, "event_accounts.csv")
    readings.loc[0, "bearing"] = "supports"
    _write(c, "event_accounts.csv", readings)
    return (
        "event_accounts.csv",
        "supports",
        'column "bearing": "supports" is not allowed (expected one of: for, against, mixed)',
    )


def _online_without_url(c):
    c.edit("references.bib", "  url          = {https://www.nato.int/cps/en/natohq/topics_52044.htm},\n", "")
    return (
        "references.bib",
        "{nato-member-countries,",
        'entry "nato-member-countries": an @online entry with no url (expected url = {...}; a page whose address'
        " is not confirmed is @misc, with a note saying so)",
    )


def _misc_with_url(c):
    c.edit("references.bib", "@online{nato-member-countries,", "@misc{nato-member-countries,")
    return (
        "references.bib",
        "{nato-member-countries,",
        'entry "nato-member-countries": a @misc entry with a url (expected @online: a source with an address is a'
        " web page)",
    )


def _single_backtick_in_title(c):
    c.edit(
        "references.bib", "  title        = {{NATO member countries}},", "  title        = {{NATO `member' countries}},"
    )
    return (
        "references.bib",
        "{nato-member-countries,",
        'entry "nato-member-countries": a single backtick in the title, which prints as a backtick'
        " (expected ‘single’ quotation marks, or ``double'' in LaTeX style)",
    )


def _unknown_entry_type(c):
    c.edit("references.bib", "@online{nato-member-countries,", "@webpage{nato-member-countries,")
    return (
        "references.bib",
        "{nato-member-countries,",
        'entry "nato-member-countries": the entry type @webpage is not one the book uses (expected one of @online,'
        " @article, @book, @incollection, @inbook, @report, @dataset, @misc)",
    )


def _article_without_journal(c):
    c.edit("references.bib", "  journal = {The Washington Quarterly},\n", "")
    return (
        "references.bib",
        "{kramer-2009-myth-no-enlargement-pledge,",
        'entry "kramer-2009-myth-no-enlargement-pledge": an article with no journal',
    )


def _article_without_pages_or_note(c):
    c.edit("references.bib", "  pages   = {162--203},\n", "")
    return (
        "references.bib",
        "{trachtenberg-2021-non-extension-assurances,",
        'entry "trachtenberg-2021-non-extension-assurances": an article with no pages and no note saying it is not'
        " confirmed (expected journal, volume and pages)",
    )


def _report_without_institution(c):
    c.edit("references.bib", "  institution  = {National Security Archive, George Washington University},\n", "")
    return (
        "references.bib",
        "{nsarchive-2017-what-gorbachev-heard,",
        'entry "nsarchive-2017-what-gorbachev-heard": a report with no institution (expected institution and type,'
        " e.g. {Briefing book})",
    )


def _chapter_without_booktitle(c):
    c.edit(
        "references.bib",
        "  booktitle    = {Masterpieces of History: The Peaceful End of the Cold War in Europe, 1989},\n",
        "",
    )
    return (
        "references.bib",
        "{openedition-2010-masterpieces-doc120,",
        'entry "openedition-2010-masterpieces-doc120": an @incollection entry with no booktitle (expected the'
        " book's title and publisher)",
    )


def _book_without_publisher(c):
    c.edit("references.bib", "  publisher = {Twelve},\n", "")
    return "references.bib", "{stent-2019-putins-world,", 'entry "stent-2019-putins-world": a book with no publisher'


BAD_INPUTS = {
    "malformed date": _malformed_date,
    "unknown source key": _unknown_source_key,
    "duplicate id": _duplicate_id,
    "missing column": _missing_column,
    "empty file": _empty_file,
    "date not at its precision": _date_not_at_precision,
    "category not allowed": _bad_category,
    "date in the future": _future_date,
    "stance code for an unknown statement": _code_for_unknown_statement,
    "statement with no stance codes": _statement_without_codes,
    "statement not coded by coder B": _statement_without_coder_b,
    "unquoted comma": _unquoted_comma,
    "value of spaces only": _only_spaces,
    "frame statement with no occasion": _frame_statement_without_occasion,
    "statement naming an unknown occasion": _unknown_occasion,
    "one occasion given two venues": _two_venues_for_one_occasion,
    "reading of an unknown event": _reading_of_unknown_event,
    "reading with a bearing not allowed": _reading_with_unknown_bearing,
    "@online entry with no url": _online_without_url,
    "@misc entry with a url": _misc_with_url,
    "single backtick in a bibliography title": _single_backtick_in_title,
    "entry type the book does not use": _unknown_entry_type,
    "@article with no journal": _article_without_journal,
    "@article with no volume and no note": _article_without_pages_or_note,
    "@report with no institution": _report_without_institution,
    "@incollection with no booktitle": _chapter_without_booktitle,
    "@book with no publisher": _book_without_publisher,
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_refused_with_one_clear_message(broken, case):
    name, row_text, expected = BAD_INPUTS[case](broken)
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("1 problem in data/:"), result.stderr
    if row_text is not None:
        where = f"{name if name.endswith('.bib') else 'data/' + name}, line {_line_of(broken, name, row_text)}"
        expected = where + ("" if expected.startswith(":") else ", ") + expected
    assert expected in result.stderr, result.stderr


def test_several_problems_are_reported_together(broken):
    _malformed_date(broken)
    _duplicate_id(broken)
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert result.stderr.startswith("2 problems in data/:")


def test_a_file_saved_by_excel_is_accepted(broken):
    for path in broken.dir.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = validate_cli(broken.dir)
    assert result.returncode == 0, result.stderr
    assert len(data.load_statements(broken.dir)) == len(data.load_statements())


def test_loader_raises_one_data_error_naming_the_problem(broken):
    _malformed_date(broken)
    with pytest.raises(data.DataError) as raised:
        data.load_members(broken.dir)
    assert 'column "accession_date"' in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_unconfirmed_rows_stay_out_of_computed_tables(broken):
    table = _rows(broken, "events.csv")
    table.loc[table["event_id"] == "bucharest-summit-2008", "status"] = "unconfirmed"
    _write(broken, "events.csv", table)
    events = data.load_events(broken.dir)
    assert "bucharest-summit-2008" not in set(events["event_id"])
    assert "bucharest-summit-2008" in set(data.load_events(broken.dir, include_unconfirmed=True)["event_id"])


def test_make_book_stops_on_bad_data_and_removes_the_old_build(tmp_path):
    root = copy_book(tmp_path / "book")
    (root / "_build" / "html").mkdir(parents=True)
    (root / "_build" / "html" / "index.html").write_text("an old build", encoding="utf-8")
    path = root / "data" / "nato_members.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("GRC,Greece,1952-02-18", "GRC,Greece,1952-13-18"), encoding="utf-8"
    )
    env = {**os.environ, "BOOK_ROOT": str(root)}
    # The running environment counts as set up for this copy (its stamp names the copy's folder), so make
    # installs nothing: a stamp naming no folder or another would make the running environment anew.
    stamp = tmp_path / "installed"
    stamp.write_text(str(root.resolve()), encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "book", f"VENV={Path(sys.executable).parent.parent}", f"STAMP={stamp}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert not (root / "_build" / "html").exists()
    assert "Traceback" not in result.stdout + result.stderr
    assert "please report" not in (result.stdout + result.stderr).lower()
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert ours[-1].endswith('column "accession_date": "1952-13-18" is not valid (expected a date written YYYY-MM-DD)')
    assert "jupyter-book" not in result.stdout  # the build never started
    imported = subprocess.run(
        [sys.executable, "-c", "import helpers; print(helpers.__file__)"], cwd=tmp_path, capture_output=True, text=True
    ).stdout.strip()
    assert Path(imported).is_relative_to(REPO), f"make in the copy re-installed the running environment: {imported}"


# ---- small helpers on the schema and the bibliography ----------------------------------------


def test_stance_labels_read_the_scale_from_the_schema(tmp_path):
    fields = [
        {"name": "statement_id", "type": "string"},
        {"name": "nato_view", "type": "integer", "x-labels": {"1": "partner", "2": "critic"}},
    ]
    package = {"resources": [{"name": "stance_codes", "schema": {"fields": fields}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert data.stance_labels("nato_view", tmp_path) == {1: "partner", 2: "critic"}
    assert data.stance_labels("nato_view")[5] == "enemy at war"  # the book's own scale


def test_field_labels_give_the_words_of_a_coded_field():
    verdicts = data.field_labels("claims", "verdict")
    enum = data.field_descriptor("claims", "verdict")["constraints"]["enum"]
    assert list(verdicts) == enum  # one word for every verdict, in the schema's order
    assert verdicts["qualified"] == "Qualified (true with caveats)"
    with pytest.raises(KeyError, match="no field 'verdicts'"):
        data.field_descriptor("claims", "verdicts")


def test_field_rules_write_a_one_sided_range_in_words():
    def rules(kind, **constraints):
        return data.field_rules({"name": "x", "type": kind, "constraints": constraints})

    assert rules("number", required=True, minimum=0) == "required; 0 or more"
    assert rules("integer", maximum=5) == "up to 5"
    assert rules("integer", minimum=1, maximum=5) == "from 1 to 5"
    assert rules("date", minimum="1949-04-04") == "from 1949-04-04 to today"


def test_code_label():
    labels = {1: "partner", 4: "adversary"}
    assert data.code_label(4, labels) == "4 adversary"
    assert data.code_label(4.0, labels) == "4 adversary"
    assert data.code_label(pd.NA, labels) == ""
    assert data.code_label(float("nan"), labels) == ""


def test_bib_publishers_and_source_keys(tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text(
        "@misc{nato-2008,\n  title = {Bucharest},\n  howpublished = {NATO (official website)},\n  year = {2008}\n}\n\n"
        "@book{sarotte-2014,\n  title = {Not One Inch},\n  year = {2014}\n}\n"
        "@misc{ reuters-2024 ,\n  howpublished = {Reuters}\n}\n",
        encoding="utf-8",
    )
    publishers = data.bib_publishers(bib)
    assert publishers.values.tolist() == [
        ["nato-2008", "misc", "NATO (official website)"],
        ["sarotte-2014", "book", ""],
        ["reuters-2024", "misc", "Reuters"],
    ]
    assert data.read_source_keys(bib) == {"nato-2008", "sarotte-2014", "reuters-2024"}


def test_bibliography_entries_must_be_complete_or_say_what_is_unknown(broken):
    bib = broken.dir.parent / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + """
@misc{made-up-2001-no-address,
  author       = {{Somebody}},
  title        = {A page},
  year         = {2001},
  date         = {2001-01-01}
}

@misc{nato-member-countries,
  title        = {Twice},
  howpublished = {NATO},
  year         = {2024},
  date         = {2024},
  url          = {https://www.nato.int/}
}
""",
        encoding="utf-8",
    )
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert "references.bib, line " in result.stderr
    assert 'entry "made-up-2001-no-address": no url and no note saying it is not confirmed' in result.stderr
    assert 'entry "nato-member-countries": the key is defined twice (first on line 1)' in result.stderr


def test_a_newspaper_article_needs_its_date_not_a_volume_or_pages(tmp_path):
    from helpers.checks import bibliography_problems

    bib = tmp_path / "references.bib"
    article = "@article{{{key},\n  author = {{Kennan, George F.}},\n  title = {{A Fateful Error}},\n  journal = {{The New York Times}},\n{extra}  year = {{1997}}\n}}\n\n"
    bib.write_text(
        article.format(key="dated", extra="  entrysubtype = {newspaper},\n  date = {1997-02-05},\n")
        + article.format(key="undated", extra="  entrysubtype = {newspaper},\n")
        + article.format(key="journal-article", extra=""),
        encoding="utf-8",
    )
    problems = [(p.line, p.column, p.message) for p in bibliography_problems(bib)]
    assert problems == [
        (10, "undated", "no date (expected date = {YYYY-MM-DD}, {YYYY-MM} or {YYYY})"),
        (
            18,
            "journal-article",
            "an article with no volume and no note saying it is not confirmed (expected journal, volume and pages)",
        ),
        (
            18,
            "journal-article",
            "an article with no pages and no note saying it is not confirmed (expected journal, volume and pages)",
        ),
    ]
