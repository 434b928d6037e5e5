"""The data in data/: the real tables pass every check, and broken copies fail clearly."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

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

        def edit(self, name, old, new, count=1):
            path = self.dir / name
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


# ---- broken copies: one clear message each, exit code 1 -------------------------------------

def test_malformed_date(broken):
    broken.edit("nato_members.csv", "GRC,Greece,1952-02-18", "GRC,Greece,1952-13-18")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert 'data/nato_members.csv, line 14, column "accession_date": "1952-13-18" is not valid (expected a date written YYYY-MM-DD)' in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_source_key(broken):
    broken.edit("nato_members.csv", "ESP,Spain,1982-05-30,false,false,false,nato-member-countries", "ESP,Spain,1982-05-30,false,false,false,nato-no-such-page")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert 'data/nato_members.csv, line 17, column "source_keys": unknown source key "nato-no-such-page" (expected a key of references.bib)' in result.stderr


def test_duplicate_id(broken):
    broken.edit("nato_members.csv", "ESP,Spain", "BEL,Spain")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert 'data/nato_members.csv, line 17, column "iso3": "BEL" is a duplicate id (first used on line 2); expected each value once' in result.stderr


def test_missing_column(broken):
    path = broken.dir / "nato_members.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["borders_russia"])
    table.to_csv(path, index=False)
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert 'data/nato_members.csv, line 1, column "borders_russia": the column is missing from the header' in result.stderr


def test_empty_file(broken):
    (broken.dir / "nato_members.csv").write_text("", encoding="utf-8")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert "data/nato_members.csv: the file is empty (expected a header row and data rows)" in result.stderr


def test_several_problems_are_reported_together(broken):
    broken.edit("nato_members.csv", "GRC,Greece,1952-02-18", "GRC,Greece,1952-13-18")
    broken.edit("nato_members.csv", "ESP,Spain", "BEL,Spain")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert result.stderr.startswith("2 problems in data/:")


def test_loader_raises_one_data_error_naming_the_problem(broken):
    broken.edit("nato_members.csv", "GRC,Greece,1952-02-18", "GRC,Greece,1952-13-18")
    with pytest.raises(data.DataError) as raised:
        data.load_members(broken.dir)
    assert 'line 14, column "accession_date"' in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_date_not_at_its_stated_precision(broken):
    broken.edit("events.csv", "bucharest-summit-2008,2008-04-03,day", "bucharest-summit-2008,2008-04,day")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert 'column "date": "2008-04" does not match its precision "day" (expected YYYY-MM-DD)' in result.stderr
    assert "data/events.csv, line " in result.stderr


def test_unknown_chapter_key_and_bad_category(broken):
    text = (broken.dir / "events.csv").read_text(encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if l.startswith("bucharest-summit-2008,"))
    broken.edit("events.csv", "Ukraine and Georgia to join,summit,", "Ukraine and Georgia to join,conference,")
    row = text.splitlines()[line - 1]
    chapters = row.split('",')[1].split(",")[0]  # the cell after the quoted summary
    broken.edit("events.csv", f'",{chapters},', f'",{chapters};epilogue,')
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert result.stderr.startswith("2 problems in data/:")
    assert f'data/events.csv, line {line}, column "category": "conference" is not allowed (expected one of: diplomacy, summit,' in result.stderr
    assert f'data/events.csv, line {line}, column "chapters": "epilogue" is not allowed (expected one or more of: context,' in result.stderr


def test_stance_code_for_an_unknown_statement(broken):
    broken.edit("stance_codes.csv", "st-2000-03-05-bbc-frost-interview,", "st-2000-03-06-no-such-statement,")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert 'data/stance_codes.csv, line 2, column "statement_id": "st-2000-03-06-no-such-statement" is not a statement_id of statements.csv' in result.stderr


def test_future_date_is_refused(broken):
    broken.edit("events.csv", "bucharest-summit-2008,2008-04-03,day", "bucharest-summit-2008,2999-04-03,day")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert '"2999-04-03" is in the future' in result.stderr


def test_unconfirmed_rows_stay_out_of_computed_tables(broken):
    broken.edit("events.csv", "2008-04-03,day,Bucharest", "2008-04-03,day,Bucharest")  # the row exists
    path = broken.dir / "events.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[table["event_id"] == "bucharest-summit-2008", "status"] = "unconfirmed"
    table.to_csv(path, index=False)
    events = data.load_events(broken.dir)
    assert "bucharest-summit-2008" not in set(events["event_id"])
    assert "bucharest-summit-2008" in set(data.load_events(broken.dir, include_unconfirmed=True)["event_id"])


# ---- small helpers on the schema and the bibliography ----------------------------------------

def test_stance_labels_read_the_scale_from_the_schema(tmp_path):
    fields = [{"name": "statement_id", "type": "string"},
              {"name": "nato_view", "type": "integer", "x-labels": {"1": "partner", "2": "critic"}}]
    package = {"resources": [{"name": "stance_codes", "schema": {"fields": fields}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert data.stance_labels("nato_view", tmp_path) == {1: "partner", 2: "critic"}
    assert data.stance_labels("nato_view")[5] == "enemy at war"  # the book's own scale


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
    assert publishers.values.tolist() == [["nato-2008", "NATO (official website)"], ["sarotte-2014", ""],
                                          ["reuters-2024", "Reuters"]]
    assert data.read_source_keys(bib) == {"nato-2008", "sarotte-2014", "reuters-2024"}


def test_bibliography_entries_must_be_complete_or_say_what_is_unknown(broken):
    bib = broken.dir.parent / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + """
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
""", encoding="utf-8")
    result = validate_cli(broken.dir)
    assert result.returncode == 1
    assert 'references.bib, line ' in result.stderr
    assert 'entry "made-up-2001-no-address": no url and no note saying it is not confirmed' in result.stderr
    assert 'entry "nato-member-countries": the key is defined twice (first on line 1)' in result.stderr
