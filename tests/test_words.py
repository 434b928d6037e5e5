"""Values written out in words: known inputs, exact strings."""

import json

import pandas as pd

from helpers.words import broken_promise_statements, claim_label, date_as_written, in_words, sentence_start


def test_date_as_written_keeps_the_precision_of_the_data():
    assert date_as_written("2008-04-03") == "3 Apr 2008"
    assert date_as_written("2014-12-23") == "23 Dec 2014"
    assert date_as_written("2008-01") == "Jan 2008"
    assert date_as_written("2010") == "2010"


def test_in_words_joins_the_last_item_with_and():
    assert in_words([]) == ""
    assert in_words(["001"]) == "001"
    assert in_words(["001", "002"]) == "001 and 002"
    assert in_words(["001", "002", "003"]) == "001, 002 and 003"
    assert in_words([1992, 1993]) == "1992 and 1993"


def test_sentence_start_capitalises_only_the_first_letter():
    assert sentence_start("the Munich speech of 2007") == "The Munich speech of 2007"
    assert sentence_start("in an interview with Bild") == "In an interview with Bild"
    assert sentence_start("") == ""


def test_claim_label_capitalises_names_and_acronyms():
    assert claim_label("kosovo-1999-no-un-mandate") == "Kosovo 1999 no UN mandate"
    assert claim_label("putin-july-2023-nato-reason") == "Putin July 2023 NATO reason"
    assert claim_label("early-2000s-partnership") == "Early 2000s partnership"


def test_claim_label_takes_its_capitals_from_the_data_package(tmp_path):
    fields = [{"name": "claim_id", "type": "string", "x-capitals": ["OSCE", "Minsk"]}]
    package = {"resources": [{"name": "claims", "schema": {"fields": fields}}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert claim_label("osce-minsk-nato-talks", tmp_path) == "OSCE Minsk nato talks"  # NATO is not in this list


def test_broken_promise_statements_finds_every_form_of_the_words_in_date_order():
    statements = pd.DataFrame(
        {
            "statement_id": ["late", "cheated", "early", "missing", "deceit", "other"],
            "date": pd.to_datetime(
                ["2024-10-24", "2010-01-01", "2007-02-10", "2012-01-01", "2025-12-19", "2008-01-01"]
            ),
            "text": [
                "They lied, PROMISING no expansion",
                "Partnership goes on, we were not cheated",
                "What happened to the assurances?",
                None,
                "If they don't deceive us",
                "A serious provocation",
            ],
        }
    )
    found = broken_promise_statements(statements)
    assert list(found["statement_id"]) == ["early", "cheated", "late", "deceit"]
