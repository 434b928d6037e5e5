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


def sentence_start(text: str) -> str:
    """`text` with its first letter capitalised and the rest as written, to open a sentence:
    'the Munich speech of 2007' -> 'The Munich speech of 2007' ('' stays '')."""
    return text[:1].upper() + text[1:]


def claim_label(claim_id: str, data_dir: Path | None = None) -> str:
    """A short, readable label for a claim, built from its claim_id, with the names and acronyms
    the data package lists (``x-capitals`` of claims.claim_id) written as it lists them.

    'kosovo-1999-no-un-mandate' -> 'Kosovo 1999 no UN mandate'.
    """
    capitals = _capitals(data_dir)
    return sentence_start(" ".join(capitals.get(word, word) for word in claim_id.split("-")))


# The words of the charge that the West broke a promise over NATO's enlargement, as stems, so that
# each matches every form (assurances, promised, cheated, deceive ...). "Lie" is left out: in English
# "lies" also means "is situated", and the one statement in the data that accuses the West of lying
# (Kazan, 24 October 2024) also says "promising".
BROKEN_PROMISE_WORDS = ("assurance", "promise", "cheat", "deceive")
_BROKEN_PROMISE_STEMS = ("assuranc", "promis", "cheat", "deceiv")


def broken_promise_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements whose English text uses a word of :data:`BROKEN_PROMISE_WORDS` in any form,
    in date order: the book's one word search for the broken-promise charge.

    A word search finds words, not every way of making the charge. The context chapter states its
    result (section "A promise broken"); other chapters cross-reference that section and may call
    this function to check their own sentences.
    """
    pattern = "|".join(_BROKEN_PROMISE_STEMS)
    found = statements["text"].fillna("").str.contains(pattern, case=False, regex=True)
    return statements[found].sort_values("date", kind="stable")
