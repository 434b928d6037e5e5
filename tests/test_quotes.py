import pandas as pd
import pytest

from helpers.quotes import long_date, quote, sources_of, statement_date


@pytest.fixture
def statements():
    return pd.DataFrame(
        {
            "statement_id": ["st-2007-02-10-munich", "st-2000-03-05-frost"],
            "date": pd.to_datetime(["2007-02-10", "2000-03-05"]),
            "venue": ["Munich Security Conference", "BBC interview"],
            "text": ["NATO expansion ... represents a serious provocation", "Russia could consider joining NATO"],
            "text_kind": ["quotation", "paraphrase"],
            "source_keys": ["kremlin-2007-munich-speech", "a;b"],
        }
    )


def test_quote_and_paraphrase(statements):
    assert (
        quote(statements, "st-2007-02-10-munich")
        == "“NATO expansion ... represents a serious provocation” (Munich Security Conference, 10 February 2007)"
    )
    assert (
        quote(statements, "st-2000-03-05-frost")
        == "Russia could consider joining NATO (paraphrase; BBC interview, 5 March 2000)"
    )
    assert sources_of(statements, "st-2000-03-05-frost") == ["a", "b"]
    assert long_date(pd.Timestamp("2022-02-24")) == "24 February 2022"
    assert statement_date(statements, "st-2000-03-05-frost") == "5 March 2000"


def test_unknown_statement_is_refused(statements):
    with pytest.raises(KeyError, match="not a confirmed statement"):
        quote(statements, "st-2030-01-01-nothing")
    with pytest.raises(KeyError, match="not a confirmed statement"):
        statement_date(statements, "st-2030-01-01-nothing")
    with pytest.raises(KeyError, match="not a confirmed statement"):
        sources_of(statements, "st-2030-01-01-nothing")
