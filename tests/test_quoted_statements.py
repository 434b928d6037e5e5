"""Quotations written into the prose must match their rows in data/statements.csv."""

from __future__ import annotations

from quoted_statements import check_quotations

from conftest import build_book, copy_book, read_rows, write_rows

ROW = "st-2021-12-23-annual-press-conference"
QUOTATIONS = {ROW: "“We want to ensure our security.” (Annual news conference, Moscow, 23 December 2021)"}


def test_a_matching_quotation_passes_even_when_the_prose_wraps_it():
    text = f"He said: <!-- quote {ROW} -->“We want to ensure\nour security.” (Annual news conference,\nMoscow, 23 December 2021) in reply."
    assert check_quotations(text, QUOTATIONS) == []


def test_a_changed_word_or_date_is_reported_with_its_line_and_the_expected_text():
    text = f"One line.\nHe said: <!-- quote {ROW} -->“We want to ensure our safety.” (Annual news conference, Moscow, 23 December 2021)"
    [(line, message)] = check_quotations(text, QUOTATIONS)
    assert line == 2
    assert ROW in message and QUOTATIONS[ROW] in message
    dated = text.replace("our safety", "our security").replace("23 December", "24 December")
    assert len(check_quotations(dated, QUOTATIONS)) == 1


def test_a_marker_that_starts_a_line_is_reported():
    text = f"He said:\n<!-- quote {ROW} -->“We want to ensure our security.” (Annual news conference, Moscow, 23 December 2021)"
    [(line, message)] = check_quotations(text, QUOTATIONS)
    assert line == 2 and "starts a line" in message


def test_a_marker_naming_no_confirmed_statement_is_reported():
    [(line, message)] = check_quotations("He said <!-- quote st-1999-01-01-nothing -->“Words.”", QUOTATIONS)
    assert line == 1 and "is not a confirmed statement" in message


def test_editing_a_quoted_statement_in_the_data_stops_the_build_naming_the_page(tmp_path):
    root = copy_book(tmp_path / "book")
    path = root / "data/statements.csv"
    rows = read_rows(path)
    [row] = [row for row in rows if row["statement_id"] == ROW]
    row["text"] = row["text"].replace("We want to ensure our security", "We want to ensure our safety")
    write_rows(path, rows)
    result = build_book(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "negotiations.md" in output and f"the quotation of {ROW} does not match data/statements.csv" in output
