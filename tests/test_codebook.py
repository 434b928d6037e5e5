"""The codebook's "allowed values" column: a range reads as words, whichever bounds the schema gives."""

import pytest

from helpers.data import codebook, field_rules


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ({"type": "number", "constraints": {"minimum": 0}}, "0 or more"),
        ({"type": "integer", "constraints": {"maximum": 5}}, "up to 5"),
        ({"type": "integer", "constraints": {"minimum": 1, "maximum": 5}}, "from 1 to 5"),
        ({"type": "date", "constraints": {"minimum": "2000-01-01"}}, "from 2000-01-01 to today"),
        ({"type": "date", "constraints": {"maximum": "2026-12-31"}}, "up to 2026-12-31"),
        (
            {"type": "number", "constraints": {"required": True, "minimum": -90, "maximum": 90}},
            "required; from -90 to 90",
        ),
    ],
)
def test_a_range_reads_as_words(field, words):
    assert field_rules(field) == words


def test_no_rule_in_the_real_codebook_ends_without_its_value():
    rules = {
        (resource["name"], row["column"]): row["allowed values"]
        for resource, table in codebook()
        for _, row in table.iterrows()
    }
    assert rules[("borders", "length_km")] == "required; 0 or more"
    unfinished = {place: text for place, text in rules.items() if text.rstrip().endswith((" to", " from", ":", ";"))}
    assert not unfinished, unfinished
