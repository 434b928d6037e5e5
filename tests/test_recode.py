"""A student recodes statements in a copy of the book: the pages follow, or the build stops naming the sentence.

The prose states facts about the codes ("the first statement coded 5 dates from ...", "N of
them come before the invasion"). Those sentences are computed from the data, or asserted by
a cell that stops the build with a message quoting them, so that no edit of the codes can
leave a page silently false.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build_book, copy_book, read_rows, write_rows

RED_LINE_2022 = "st-2022-02-24-address-special-military-operation-red-line"
SOCHI_2002 = "st-2002-05-17-sochi-kuchma-interfax"


def recode(root: Path, codes: dict[str, tuple[str, str]]) -> None:
    """Give the statements in `codes` new final (nato_view, ukraine_membership_view) codes."""
    path = root / "data/stance_codes.csv"
    rows = read_rows(path)
    seen = set()
    for row in rows:
        if row["coder"] == "final" and row["statement_id"] in codes:
            row["nato_view"], row["ukraine_membership_view"] = codes[row["statement_id"]]
            seen.add(row["statement_id"])
    assert seen == set(codes), f"no final codes for {set(codes) - seen}"
    write_rows(path, rows)


def page_text(root: Path, name: str) -> str:
    html = (root / "_build/html/chapters" / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_recoding_2022_and_2002_statements_updates_every_sentence_about_them(tmp_path):
    root = copy_book(tmp_path / "book")
    # 24 February 2022: NATO as an enemy at war, Ukraine's membership only a threat;
    # Sochi, May 2002: NATO as an adversary, Ukraine's membership a cause of war.
    recode(root, {RED_LINE_2022: ("5", "3"), SOCHI_2002: ("4", "5")})
    result = build_book(root)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]

    landing = page_text(root, "index")
    assert "the first to call either a red line or a cause of war dates from 17 May 2002" in landing
    assert "Neither of its two codings puts it this high; the date rests on the final code alone." in landing
    assert "The first statement that treats NATO as an adversary dates from 17 May 2002" in landing

    ukraine = page_text(root, "ukraine")
    assert "The first coded 5, a cause of war, is “absolutely sure that Ukraine" in ukraine
    assert "No statement before it speaks to membership." in ukraine
    assert "so the codes do not say that Putin named membership as a reason for war only once the war" in ukraine

    stance = page_text(root, "putin_stance")
    assert "present NATO as an enemy Russia is at war with, the first from 24 February 2022" in stance
    assert "The first statement coded adversary dates from 17 May 2002" in stance

    context = page_text(root, "context")
    assert "statements present NATO as a party to a war with Russia, the first from 2022" in context


def test_a_recode_that_falsifies_the_landing_summary_stops_the_build_quoting_it(tmp_path):
    root = copy_book(tmp_path / "book")
    # No statement before the invasion calls Ukraine's membership a red line or a cause of war any more.
    recode(
        root,
        {
            "st-2014-07-01-ambassadors-meeting": ("4", "3"),
            "st-2021-06-09-rossiya-interview-kharkov": ("4", "3"),
            "st-2021-11-30-vtb-russia-calling-forum": ("4", "3"),
        },
    )
    result = build_book(root)
    assert result.returncode != 0
    assert (
        "The landing page says Ukraine in NATO became a stated red line 'before the full-scale war'"
        in result.stdout + result.stderr
    )
