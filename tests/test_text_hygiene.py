"""The text a reader sees in the data speaks of the sources, not of how the book was researched.

The codebook prints the descriptions of data/datapackage.json, the bibliography prints every
entry's title and note, and the chapters print cells of data/*.csv (notes, evidence, reasoning,
context and the like). None of them may carry the words of the research process: first-person
remarks ("my searches"), the searching itself ("not returned", "stored copy", "the searches"),
pointers to papers a reader does not have ("see report", a file such as NOTES.md, a commit hash)
or remarks about the book's own drafts ("the first edition read"). Provenance is written in the
reader's terms instead: "consulted in X's copy", "the part of the page available", "URL not
confirmed".

Quotations (``text``, ``text_ru``, ``key_passage``) are Putin's or a document's own words and are
not checked; neither are ids, keys, addresses and coded values (string columns with a pattern or
a list of allowed values). Web addresses are removed from the text before it is checked.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from helpers.checks import read_bibliography

REPO = Path(__file__).resolve().parents[1]

QUOTATION_COLUMNS = {"text", "text_ru", "key_passage"}

# Words of the research process, each with the name a failure message gives it.
PROCESS_WORDS = {
    "first person 'my'": r"\bmy\b",
    "'search'": r"\bsearch(?:es|ed|ing)?\b",
    "'stored'": r"\bstored\b",
    "'not returned'": r"\bnot (?:itself )?returned\b",
    "'returned by/only/but'": r"\breturned (?:by|only|but)\b",
    "'see report'": r"\bsee (?:the )?report\b",
    "'from memory'": r"\bfrom memory\b",
    "the book's own edition": r"\bfirst edition read\b|\b(?:first|earlier|previous) edition of (?:this|the) book\b",
    "'records/reports read'": r"\b(?:records|reports|texts) read\b(?! as\b)",
    "'corpus'": r"\bcorpus\b",
    "'not captured'": r"\bnot captured\b",
    "'task brief'": r"\btask brief\b|\bthe task's\b",
    "'in the excerpt'": r"\b(?:in|by) the excerpts?\b(?! seen| consulted)",
    "'not reached'": r"\b(?:wording|passage|transcript|text)s? (?:was |were )?not reached\b|\bnot reached in\b",
    "a file name": r"\b[\w-]+\.(?:md|py|ipynb|txt|log)\b",
    "a commit hash": r"\b[0-9a-f]{40}\b",
    "'session'": r"\bsessions?\b",
}

# Uses of the same words in the world's sense, removed before the text is checked.
ALLOWED = [
    # Putin's words quoted inside a note or a coder's rationale
    r"\bI said to my colleagues\b",
    r"\bsearches for 'provocations\b",
    # sittings of a body, a forum or a broadcast
    r"\b(?:plenary|closed|extraordinary|NSDC|Council|Valdai|Club|question|Q\\?&A)\s+sessions?\b",
    r"\bquestion[- ]and[- ]answer sessions?\b",
    r"\b(?:[XVI]+|\d+(?:st|nd|rd|th)|second|seventh|eighth|ninth|tenth)\s+(?:Q\\?&A\s+)?session\b",
    r"\b(?:previous|last) session (?:was|before)\b",
    r"\bno record of the session\b",
    r"\bpart of the session\b",
    r"\breport of the session\b",
    r"\bthe session (?:closed the summit|stuck)\b",
    r"\bthe sessions were held annually\b",
    r"\bValdai session of \d",
    r"\bthe Valdai session at which\b",
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{4})? session\b",
    # web archives whose names look like file names
    r"\barchive\.(?:md|ph|is|li|today)\b",
    # the data package's own documents, which the codebook points to
    r"\bdata/(?:README|CODEBOOK|VERDICTS)\.md\b",
]

URL = re.compile(r"\b(?:https?://|www\.)\S+")
_ALLOWED = re.compile("|".join(ALLOWED), re.IGNORECASE)
_WORDS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in PROCESS_WORDS.items()}


def process_words(text: str) -> list[str]:
    """'word: …context…' for each process word in `text` (addresses and allowed uses removed)."""
    clean = _ALLOWED.sub(" ", URL.sub(" ", text))
    found = []
    for name, pattern in _WORDS.items():
        for match in pattern.finditer(clean):
            context = clean[max(0, match.start() - 50) : match.end() + 50].replace("\n", " ")
            found.append(f"{name} ({match.group(0)!r}): ...{context}...")
    return found


def _checked_columns(resource: dict) -> list[str]:
    """The free-text columns of a table: strings with no pattern or value list, quotations aside."""
    return [
        field["name"]
        for field in resource["schema"]["fields"]
        if field.get("type", "string") == "string"
        and field["name"] not in QUOTATION_COLUMNS
        and not {"pattern", "enum"} & set(field.get("constraints", {}))
    ]


def _descriptions(node, where: str):
    """(place, text) for every title and description in the data package."""
    if isinstance(node, dict):
        label = node.get("name", "")
        for key, value in node.items():
            place = f"{where}/{label}" if label else where
            if key in ("title", "description") and isinstance(value, str):
                yield f"{place} {key}", value
            else:
                yield from _descriptions(value, place)
    elif isinstance(node, list):
        for item in node:
            yield from _descriptions(item, where)


def hygiene_problems(root: Path) -> list[str]:
    """Every process word in the reader-facing text of `root`'s data/ and references.bib."""
    problems = []
    package = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for place, text in _descriptions(package, "data/datapackage.json"):
        problems += [f"{place}: {hit}" for hit in process_words(text)]
    for resource in package["resources"]:
        columns = _checked_columns(resource)
        id_column = resource["schema"]["fields"][0]["name"]
        with (root / "data" / resource["path"]).open(newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=1):
                for column in columns:
                    for hit in process_words(row.get(column) or ""):
                        where = f"data/{resource['path']}, row {number} ({row[id_column]}), column {column}"
                        problems.append(f"{where}: {hit}")
    bibliography, problem = read_bibliography(root / "references.bib")
    assert problem is None, problem
    for key, entry in bibliography.entries.items():
        for field in ("title", "note"):
            for hit in process_words(entry.fields.get(field, "")):
                problems.append(f"references.bib, entry {key}, {field}: {hit}")
    return problems


# ---- the real data --------------------------------------------------------------------------


def test_reader_facing_text_has_no_process_words():
    problems = hygiene_problems(REPO)
    assert not problems, f"{len(problems)} process word(s):\n" + "\n".join(problems)


def test_the_checked_columns_are_the_free_text_ones():
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    columns = {resource["name"]: set(_checked_columns(resource)) for resource in package["resources"]}
    assert {"notes", "context", "venue", "outlet"} <= columns["statements"]
    assert {"nato_evidence", "notes", "title"} <= columns["occasions"]
    assert "evidence" in columns["claims"] and "reasoning" in columns["event_accounts"]
    assert "rationale" in columns["stance_codes"]
    assert not {"text", "text_ru", "source_keys", "statement_id", "status"} & columns["statements"]


# ---- words in the world's sense pass, process words fail -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Valdai Discussion Club plenary session (18th annual meeting), Sochi",
        "the closed NATO-Russia Council session on the summit's last day",
        "Report of the eighth Q\\&A session (3 December 2009)",
        "'We had a meeting overnight ... I said to my colleagues: we must start'",
        "NATO 'always needs an external enemy' and searches for 'provocations'",
        "Left NATO's integrated military command in 1966 and returned in 2009.",
        "Publisher and year of the first edition (I. B. Tauris, 2012) confirmed",
        "a listing at tapesearch.com; abstract at https://example.org/search?q=nato&id=" + "a" * 40,
        "No NATO passage in the excerpts consulted; full text not read",
        "The book's English paraphrase of Wprost's Polish report.",
    ],
)
def test_words_in_the_worlds_sense_pass(text):
    assert process_words(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Kremlin copy was NOT returned by any of my searches.", "first person 'my'"),
        ("The Kremlin copy was NOT returned by any of my searches.", "'search'"),
        ("The Kremlin copy was NOT returned by any of my searches.", "'not returned'"),
        ("Author not given in the stored copy.", "'stored'"),
        ("Flight-time passage not seen; see report.", "'see report'"),
        ("The wording (from memory) was not seen.", "'from memory'"),
        ("the first edition read the transcript as", "the book's own edition"),
        ("with no city named in the reports read.", "'records/reports read'"),
        ("searched pages corpus for the occasion", "'corpus'"),
        ("Headline not captured; bracketed title is descriptive.", "'not captured'"),
        ("the addressee (per the task brief)", "'task brief'"),
        ("its date was not shown in the excerpt.", "'in the excerpt'"),
        ("the Kremlin's own English wording was not reached.", "'not reached'"),
        ("containing the passage quoted in NOTES.md.", "a file name"),
        ("Seen in the file (commit 0330453f94121b6121a43f8bacffc8002786d677).", "a commit hash"),
        ("Not put in the table during this session.", "'session'"),
    ],
)
def test_process_words_are_found(text, word):
    assert any(hit.startswith(word + " (") for hit in process_words(text)), process_words(text)


# ---- a copy with a process word planted is refused, naming the place -------------------------


@pytest.fixture
def book_copy(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(REPO / "references.bib", tmp_path / "references.bib")
    return tmp_path


def _plant(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_planted_process_word_is_reported_with_its_place(book_copy):
    _plant(
        book_copy / "data" / "nato_members.csv",
        "and returned in 2009.",
        "and returned in 2009 (my searches).",
    )
    _plant(
        book_copy / "references.bib",
        "Annex I: Memorandum on Security Assurances",
        "Annex I, seen in a stored copy: Memorandum on Security Assurances",
    )
    _plant(
        book_copy / "data" / "datapackage.json",
        "Caveats, and where the text or date was checked.",
        "Caveats, and where the text or date was checked (see report).",
    )
    problems = "\n".join(hygiene_problems(book_copy))
    assert "data/nato_members.csv, row 4 (FRA), column notes: first person 'my'" in problems
    assert "data/nato_members.csv, row 4 (FRA), column notes: 'search'" in problems
    assert "references.bib, entry un-1994-budapest-memorandum, note: 'stored'" in problems
    assert "data/datapackage.json/putin-nato-book-data/occasions/notes description: 'see report'" in problems


def test_a_process_word_in_a_quotation_is_not_reported(book_copy):
    statements = book_copy / "data" / "statements.csv"
    with statements.open(newline="", encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    _plant(statements, first["text"], first["text"] + " My searches.")
    assert hygiene_problems(book_copy) == hygiene_problems(REPO)
