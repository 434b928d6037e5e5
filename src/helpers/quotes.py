"""Quoting Putin from data/statements.csv, always with date and venue."""

from __future__ import annotations

import pandas as pd


def long_date(day: pd.Timestamp) -> str:
    """'10 February 2007' (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def statement_date(statements: pd.DataFrame, statement_id: str) -> str:
    """The date of one confirmed statement, written out: '2 October 2025'."""
    return long_date(_statement(statements, statement_id)["date"])


def _statement(statements: pd.DataFrame, statement_id: str) -> pd.Series:
    """The row of one confirmed statement; KeyError naming the id if it is not in the table."""
    rows = statements[statements["statement_id"] == statement_id]
    if rows.empty:
        raise KeyError(f"{statement_id!r} is not a confirmed statement in data/statements.csv")
    return rows.iloc[0]


def quote(statements: pd.DataFrame, statement_id: str) -> str:
    """A statement as prose: a quotation in curly quotes, or a paraphrase, with venue and date.

    '“...” (Munich Conference on Security Policy, 10 February 2007)'. Only confirmed statements
    are in the table that :func:`helpers.data.load_statements` returns, so an unconfirmed one
    raises KeyError here instead of reaching the page.
    """
    row = _statement(statements, statement_id)
    where = f"{row['venue']}, {long_date(row['date'])}"
    if row["text_kind"] == "quotation":
        return f"“{row['text']}” ({where})"
    return f"{row['text']} (paraphrase; {where})"


def sources_of(statements: pd.DataFrame, statement_id: str) -> list[str]:
    """The source keys of one statement, for a citation next to the quotation."""
    return str(_statement(statements, statement_id)["source_keys"]).split(";")
