"""The computations on small tables whose answers are known exactly."""

import pandas as pd
import pytest

from helpers.compute import enlargement_waves, former_eastern_bloc, members_joined_after, members_on, members_over_time


@pytest.fixture
def members():
    return pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE"],
            "country": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"],
            "accession_date": pd.to_datetime(["1949-04-04", "1949-04-04", "1999-03-12", "2004-03-29", "2004-03-29"]),
            "former_warsaw_pact": [False, False, True, False, True],
            "former_soviet_union": [False, False, False, True, False],
            "borders_russia": [True, False, False, True, False],
        }
    )


def test_members_on_includes_the_day_itself(members):
    assert list(members_on(members, "1999-03-12")["iso3"]) == ["AAA", "BBB", "CCC"]
    assert list(members_on(members, "1999-03-11")["iso3"]) == ["AAA", "BBB"]


def test_members_joined_after_is_strict(members):
    assert list(members_joined_after(members, "1999-03-12")["iso3"]) == ["DDD", "EEE"]
    assert len(members_joined_after(members, "1991-12-31")) == 3


def test_former_eastern_bloc_is_warsaw_pact_or_soviet(members):
    assert list(former_eastern_bloc(members)["iso3"]) == ["CCC", "DDD", "EEE"]


def test_enlargement_waves(members):
    waves = enlargement_waves(members)
    assert list(waves["wave"]) == ["1949", "1999", "2004"]
    assert list(waves["joined"]) == [2, 1, 2]
    assert list(waves["total_members"]) == [2, 3, 5]
    assert list(waves["former_eastern_bloc"]) == [0, 1, 2]
    assert waves["countries"].iloc[2] == "Delta, Epsilon"


def test_members_over_time_ends_on_the_given_day(members):
    series = members_over_time(members, end="2026-01-01")
    assert list(series["total_members"]) == [2, 3, 5, 5]
    assert series["date"].iloc[-1] == pd.Timestamp("2026-01-01")
