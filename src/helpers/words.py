"""Values written out in words for the page: partial dates, lists and labels made from ids."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from helpers.load import field_descriptor


@functools.cache
def _capitals(data_dir: Path | None) -> dict[str, str]:
    """Words of a claim id that the page writes with capitals (names, places, months and
    acronyms): ``x-capitals`` of claims.claim_id in datapackage.json, by their lower case."""
    return {word.lower(): word for word in field_descriptor("claims", "claim_id", data_dir)["x-capitals"]}


def date_as_written(date_text: str) -> str:
    """A date at the precision it was written to (an event's ``date_text``), for prose and labels.

    '2008-04-03' -> '3 Apr 2008', '2008-01' -> 'Jan 2008', '2008' -> '2008'.
    """
    day = pd.Timestamp(date_text)  # '2008-01' and '2008' name the first day of their period
    precision = date_text.count("-")
    if precision == 2:
        return f"{day.day} {day:%b %Y}"
    if precision == 1:
        return f"{day:%b %Y}"
    return f"{day:%Y}"


def in_words(items) -> str:
    """Join labels as prose: ['001', '002', '003'] -> '001, 002 and 003' ('' for none)."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def claim_label(claim_id: str, data_dir: Path | None = None) -> str:
    """A short, readable label for a claim, built from its claim_id, with the names and acronyms
    the data package lists (``x-capitals`` of claims.claim_id) written as it lists them.

    'kosovo-1999-no-un-mandate' -> 'Kosovo 1999 no UN mandate'.
    """
    capitals = _capitals(data_dir)
    text = " ".join(capitals.get(word, word) for word in claim_id.split("-"))
    return text[0].upper() + text[1:]
