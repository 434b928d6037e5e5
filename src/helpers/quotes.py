"""Quoting Putin from data/statements.csv, always with date and venue."""

from __future__ import annotations

import pandas as pd


def long_date(day: pd.Timestamp) -> str:
    """'10 February 2007' (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def quote(statements: pd.DataFrame, statement_id: str) -> str:
    """A statement as prose: a quotation in curly quotes, or a paraphrase, with venue and date.

    '“...” (Munich Conference on Security Policy, 10 February 2007)'. Only confirmed statements
    are in the table that :func:`helpers.data.load_statements` returns, so an unconfirmed one
    raises KeyError here instead of reaching the page.
    """
    rows = statements[statements["statement_id"] == statement_id]
    if rows.empty:
        raise KeyError(f"{statement_id!r} is not a confirmed statement in data/statements.csv")
    row = rows.iloc[0]
    where = f"{row['venue']}, {long_date(row['date'])}"
    if row["text_kind"] == "quotation":
        return f"“{row['text']}” ({where})"
    return f"{row['text']} (paraphrase; {where})"


def sources_of(statements: pd.DataFrame, statement_id: str) -> list[str]:
    """The source keys of one statement, for a citation next to the quotation."""
    row = statements[statements["statement_id"] == statement_id].iloc[0]
    return str(row["source_keys"]).split(";")
