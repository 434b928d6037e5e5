"""The seminar kit: the session plan, the papers joined to data/, the checks that name file, row and
column, the quiz answers against the data, and a class's codes."""

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import read_rows, write_rows
from helpers import teaching
from helpers.data import load_claims, load_documents, load_stance_codes, load_statements
from helpers.teaching import PLAN_FILE, PlanError, load_plan, plan_problems, timetable


@pytest.fixture
def raw_plan():
    return yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))


def test_the_plan_fills_the_session_and_its_segments_follow_each_other():
    plan = load_plan()
    table = timetable(plan)
    assert table["minutes"].sum() == plan.total_minutes
    assert table["start"].iloc[0] == 0 and table["end"].iloc[-1] == plan.total_minutes
    assert (table["start"].iloc[1:].to_numpy() == table["end"].iloc[:-1].to_numpy()).all()
    assert plan.reveal.kind == "reveal" and plan.reveal.claims


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda r: r["segments"][0].update(minutes=r["segments"][0]["minutes"] + 1), "minutes sum to"),
        (lambda r: r["segments"][1].update(kind="lecturette"), 'field "kind": expected one of'),
        (lambda r: r["segments"][1].update(minutes=0), 'field "minutes": expected a whole number above 0'),
        (lambda r: r["segments"][2].update(id=r["segments"][1]["id"]), "used by no other segment"),
        (lambda r: r["segments"][1].update(show=["after_cold_war"]), 'expected "docname#anchor"'),
        (lambda r: r["segments"][1].update(claims=["1990-assurances-broken"]), "on the reveal segment only"),
        (
            lambda r: [s.update(kind="activity") for s in r["segments"] if s["kind"] == "reveal"],
            "exactly one segment of kind reveal",
        ),
    ],
)
def test_a_broken_plan_is_refused_naming_the_segment_and_field(raw_plan, edit, expected):
    edit(raw_plan)
    problems = plan_problems(raw_plan, claim_ids=None)
    assert any(expected in problem for problem in problems), problems


def test_a_claim_the_data_does_not_hold_stops_the_load_with_one_message(tmp_path, raw_plan):
    reveal = next(s for s in raw_plan["segments"] if s["kind"] == "reveal")
    reveal["claims"] = [*reveal["claims"], "no-such-claim"]
    path = tmp_path / "plan.yml"
    path.write_text(yaml.safe_dump(raw_plan), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert str(caught.value).startswith("1 problem in the session plan:")
    assert "no-such-claim" in str(caught.value) and "reveal" in str(caught.value)


# The papers of the session -------------------------------------------------------------------


@pytest.fixture
def teaching_copy(tmp_path):
    """A copy of teaching/ to break."""
    return Path(shutil.copytree(teaching.TEACHING_DIR, tmp_path / "teaching"))


def test_the_teaching_files_are_clean():
    assert teaching.teaching_problems() == []


def test_the_coding_sheet_shows_what_a_coder_sees_and_no_code():
    sheet = teaching.coding_sheet()
    assert list(sheet.columns) == [
        "order", "statement_id", "date", "venue", "text", "text_ru", "text_kind", "context"
    ]  # fmt: skip
    assert sheet["order"].tolist() == list(range(1, len(sheet) + 1))
    statements = load_statements().set_index("statement_id")
    for row in sheet.itertuples():
        assert row.text == statements.at[row.statement_id, "text"]
        assert row.text_ru == statements.at[row.statement_id, "text_ru"]
    codes = set(load_stance_codes()["rationale"])
    assert not codes & set(sheet.to_numpy().ravel()), "a rationale reached the coding sheet"


def test_claim_cards_name_documents_by_title_and_carry_no_verdict():
    cards = teaching.claim_cards()
    assert list(cards.columns) == ["claim_id", "claim", "documents_named"]
    assert cards["claim_id"].tolist() == list(teaching.load_plan().reveal.claims)
    assert not cards["documents_named"].str.contains("srcdoc").any()
    assert cards["documents_named"].str.len().gt(0).all()
    verdicts = teaching.claim_verdicts().set_index("claim_id")
    claims = load_claims().set_index("claim_id")
    for claim_id in cards["claim_id"]:
        assert verdicts.at[claim_id, "verdict"] == str(claims.at[claim_id, "verdict"])
        assert verdicts.at[claim_id, "evidence"] == claims.at[claim_id, "evidence"]


def test_the_extracts_read_their_passages_from_the_documents_table():
    extracts = teaching.document_extracts()
    assert list(extracts.columns) == [
        "order", "document_id", "date", "speaker", "published_in", "key_passage", "question_for_group"
    ]  # fmt: skip
    documents = load_documents().set_index("document_id")
    for row in extracts.itertuples():
        assert row.key_passage == documents.at[row.document_id, "key_passage"]
    assert extracts.loc[0, "date"] == "9 February 1990"


def test_discussion_questions_for_students_hold_no_evidence_and_each_ties_to_a_defined_concept():
    questions = teaching.discussion_questions()
    assert all(set(q) == {"number", "title", "concept", "prompt"} for q in questions)
    defined = teaching.concepts()
    assert {"security dilemma", "credible commitment", "status"} <= set(defined)
    assert {q["concept"] for q in questions} <= set(defined)
    notes = teaching.question_notes()
    assert all(q["for"] and q["against"] for q in notes)


def test_the_account_key_is_read_from_the_readings_of_events():
    key = teaching.account_key()
    slips = teaching.evidence_slips()
    assert set(key["event_id"]) <= set(slips["event_id"])
    assert set(key["bearing"]) <= {"for", "against", "mixed"}
    cards = teaching.account_cards()
    assert cards["proponent"].str.match(r"^\w.* \(\d{4}\), ").all()


def test_an_id_the_data_does_not_hold_is_named_with_file_line_and_column(teaching_copy):
    path = teaching_copy / "coding_statements.csv"
    rows = read_rows(path)
    rows[2]["statement_id"] = "st-2012-04-11-no-such-statement"
    write_rows(path, rows)
    with pytest.raises(teaching.TeachingError) as caught:
        teaching.coding_sheet(teaching_dir=teaching_copy)
    message = str(caught.value)
    assert message.startswith("1 problem in teaching/:")
    assert 'teaching/coding_statements.csv, line 4, column "statement_id": "st-2012-04-11-no-such-statement"' in message


def test_a_table_that_breaks_its_schema_is_refused_in_the_books_words(teaching_copy):
    path = teaching_copy / "document_extracts.csv"
    rows = read_rows(path)
    rows[0]["order"] = "first"
    write_rows(path, rows)
    problems = teaching.teaching_problems(teaching_copy)
    assert (
        'teaching/document_extracts.csv, line 2, column "order": "first" is not valid (expected a whole number)'
        in problems
    )


def test_a_quotation_that_its_sources_do_not_hold_is_refused(teaching_copy):
    path = teaching_copy / "questions.yml"
    text = path.read_text(encoding="utf-8")
    assert '"a direct threat to our' in text
    path.write_text(text.replace('"a direct threat to our', '"a mortal threat to our'), encoding="utf-8")
    problems = teaching.teaching_problems(teaching_copy)
    assert any("question 1" in p and 'the quotation "a mortal threat to our' in p for p in problems), problems


def test_a_place_the_book_does_not_have_is_refused():
    problems = teaching.target_problems(["accounts#no-such-label", "no_such_chapter"], "plan")
    assert problems[0].startswith('plan: "accounts#no-such-label" lands on nothing in chapters/accounts.md')
    assert "names no chapter" in problems[1]
    place = teaching.resolve_target("after_cold_war#after-cold-war-readings")
    assert place.heading == "The debate: who reads the record how"
    assert place.href == "after_cold_war.html#after-cold-war-readings"
    # a heading of a file a chapter includes (the codebook's rules) is found by its id
    assert teaching.resolve_target("codebook#what-the-first-round-of-coding-taught") is not None


@pytest.mark.parametrize("quiz", teaching.assessment()["quiz"], ids=lambda q: f"question-{q['n']}")
def test_every_quiz_answer_holds_against_the_data(quiz):
    assert teaching.quiz_problems([quiz]) == []


def test_an_edit_that_falsifies_a_quiz_answer_names_the_question(tmp_path):
    data = Path(shutil.copytree(teaching.DATA_DIR, tmp_path / "data"))
    rows = read_rows(data / "events.csv")
    for row in rows:
        if row["event_id"] == "ukraine-non-bloc-law-2010":
            row["date"] = "2010-06-03"
    write_rows(data / "events.csv", rows)
    problems = teaching.quiz_problems(teaching.assessment()["quiz"], data)
    assert len(problems) == 1
    assert problems[0].startswith("The quiz's question 7 (\"On what date did Ukraine's parliament adopt")
    assert '"2010-06-03", not "2010-07-01"' in problems[0]


def test_the_essay_titles_for_students_carry_no_rubric():
    titles = teaching.essay_titles()
    assert [t["number"] for t in titles] == [1, 2, 3]
    assert all(set(t) == {"number", "level", "words", "title"} for t in titles)
    assert len({t["level"] for t in titles}) == 3


# A class's codes ----------------------------------------------------------------------------


def test_the_example_class_codes_load_and_a_broken_file_gets_one_line_per_problem(tmp_path):
    codes = teaching.load_class_codes(teaching.TEACHING_DIR / "class_codes_example.csv")
    assert set(codes["statement_id"]) == set(teaching.coding_sheet()["statement_id"])
    assert str(codes["nato_view"].dtype) == "Int64"
    rows = read_rows(teaching.TEACHING_DIR / "class_codes_example.csv")
    rows[0]["nato_view"] = "6"
    rows[1]["coder"] = "final"
    rows[2]["statement_id"] = "st-2002-05-17-typo"
    rows[3]["ukraine_membership_view"] = "three"
    bad = tmp_path / "our-class.csv"
    write_rows(bad, rows)
    with pytest.raises(teaching.ClassCodesError) as caught:
        teaching.load_class_codes(bad)
    lines = str(caught.value).splitlines()
    assert lines[0] == "4 problems in the class's codes:"
    assert '  our-class.csv, line 2, column "nato_view": "6" is not allowed (expected at most 5)' in lines
    assert any('line 3, column "coder": "final" is a coder of the book itself' in line for line in lines)
    assert any('line 4, column "statement_id": "st-2002-05-17-typo" is not the id' in line for line in lines)
    assert any('line 5, column "ukraine_membership_view": "three" is not valid' in line for line in lines)
    assert teaching.class_code_problems(tmp_path / "missing.csv")[0].endswith(
        "no such file (expected a CSV file with the columns statement_id, coder, nato_view, "
        "ukraine_membership_view, rationale)"
    )


# The built pages ------------------------------------------------------------------------------

KIT_PAGES = ("seminar", "handout", "class_coding")


def _ids(page: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))


def _text(page: Path) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return _plain(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _plain(text: str) -> str:
    """Text as the build prints it, without its typography (curly quotes, ellipses, dashes)."""
    for fancy, simple in {"’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "–": "--", "—": "---"}.items():
        text = text.replace(fancy, simple)
    return " ".join(text.split())


def test_every_place_the_plan_shows_is_an_id_of_the_built_page(built_book):
    for segment in teaching.load_plan().segments:
        for target in segment.show:
            doc, _, anchor = target.partition("#")
            page = built_book / "chapters" / f"{doc}.html"
            assert page.exists(), f"segment {segment.id} shows {target}, but the book has no page {doc}.html"
            assert anchor in _ids(page), (
                f"segment {segment.id} shows {target}, but {doc}.html has no element {anchor!r}"
            )


@pytest.mark.parametrize("name", KIT_PAGES)
def test_the_kit_pages_links_land_on_the_places_they_name(built_book, name):
    page = built_book / "chapters" / f"{name}.html"
    hrefs = set(re.findall(r'<a [^>]*href="([^"]+)"', page.read_text(encoding="utf-8")))
    checked = 0
    for href in hrefs:
        if href.startswith(("http:", "https:", "data:", "mailto:")):
            continue
        path, _, anchor = html.unescape(href).partition("#")
        target = (page.parent / path).resolve() if path else page
        assert target.exists(), f"{name}.html links to {href}, which the build does not have"
        if anchor:
            assert anchor in _ids(target), f"{name}.html links to {href}, but {target.name} has no element {anchor!r}"
        checked += 1
    assert checked >= 5, f"{name}.html has only {checked} links into the book"


def test_the_handout_shows_no_answer_no_verdict_and_no_id(built_book):
    text = _text(built_book / "chapters" / "handout.html")
    # what students must work on is there
    for row in teaching.coding_sheet().itertuples():
        assert _plain(row.text)[:60] in text
    for card in teaching.claim_cards().itertuples():
        assert _plain(card.claim)[:60] in text
    # and nothing that answers it
    guide_only = [
        *teaching.claim_verdicts()["evidence"],
        *teaching.coding_key()["rationale"],
        *teaching.coding_notes()["why_chosen"],
        *teaching.extract_notes()[["what_it_shows", "bearing", "caveat"]].to_numpy().ravel(),
        *(item["text"] for q in teaching.question_notes() for side in ("for", "against") for item in q[side]),
        *(
            item
            for essay in teaching.assessment()["essays"]
            for band in ("first", "two_one", "pass")
            for item in essay[band]
        ),
        *(q["question"] for q in teaching.assessment()["quiz"]),
    ]
    # (a note may repeat words students are given, such as an account's prediction: those are not answers)
    given = _plain(
        " ".join(
            str(value)
            for table in (teaching.account_cards(), teaching.evidence_slips(), teaching.coding_sheet())
            for value in table.to_numpy().ravel()
        )
    )
    for note in guide_only:
        for snippet in (_plain(str(note))[:50], _plain(str(note))[-50:]):
            assert snippet in given or snippet not in text, f"the handout shows a lecturer's note: {snippet!r}"
    for reading in teaching.account_key()["reasoning"]:  # a reading may open with the event it reads
        snippet = _plain(reading)[-50:]
        assert snippet not in text, f"the handout shows the key to a slip: {snippet!r}"
    cards = teaching.claim_verdicts()
    for number, row in enumerate(cards.itertuples(), start=1):
        block = text.split(f"Claim {number}.", 1)[1].split("Your verdict", 1)[0]
        assert row.verdict not in block, f"claim card {number} shows its verdict"
    assert "final" not in text.lower().split("reading list")[0], "the handout speaks of final codes"
    ids = set()
    for load, column in (
        (load_statements, "statement_id"),
        (load_documents, "document_id"),
        (load_claims, "claim_id"),
    ):
        ids |= set(load()[column])
    ids |= set(teaching.evidence_slips()["event_id"]) | set(teaching.account_cards()["account_id"])
    shown = sorted(i for i in ids if i in text)
    assert not shown, f"the handout shows ids a student cannot read: {shown}"
    assert not re.search(r"srcdoc-\d", text)


def test_the_handout_source_holds_no_answer_marker():
    source = (teaching.CHAPTERS_DIR / "handout.md").read_text(encoding="utf-8")
    assert not re.search(r"\banswer\b", " ".join(re.findall(r":tags: \[([^\]]*)\]", source)))
    assert "{div} answer" not in source
