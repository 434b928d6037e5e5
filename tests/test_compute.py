"""The computations on small tables whose answers are known exactly."""

import pandas as pd
import pytest

from helpers.compute import (
    border_with_russia_over_time, claims_matrix, enlargement_waves, former_eastern_bloc, members_joined_after,
    members_on, members_over_time, stance_trajectory, statements_per_year,
)


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


def test_border_with_russia_over_time(members):
    borders = pd.DataFrame({"nato_country_iso3": ["AAA", "DDD", "DDD"], "length_km": [100.0, 50.0, 25.0]})
    steps = border_with_russia_over_time(borders, members)
    assert list(steps["added_km"]) == [100.0, 75.0]
    assert list(steps["total_km"]) == [100.0, 175.0]
    assert list(steps["joined"]) == ["Alpha", "Delta"]


def test_stance_trajectory_and_counts():
    statements = pd.DataFrame({
        "date": pd.to_datetime(["2000-03-05", "2000-06-01", "2007-02-10", "2022-02-24"]),
        "venue_type": ["interview", "speech", "speech", "address"],
        "nato_view": pd.array([1, 2, 4, 5], dtype="Int64"),
        "ukraine_membership_view": pd.array([pd.NA, 1, pd.NA, 5], dtype="Int64"),
    })
    trajectory = stance_trajectory(statements, "nato_view", window=2)
    assert list(trajectory["year"]) == [2000, 2007, 2022]
    assert list(trajectory["mean_code"]) == [1.5, 4.0, 5.0]
    assert list(trajectory["rolling_mean"]) == [1.5, 2.75, 4.5]
    assert list(stance_trajectory(statements, "ukraine_membership_view")["statements"]) == [1, 1]
    counts = statements_per_year(statements)
    assert counts.loc[counts["year"] == 2000, ["interview", "speech"]].values.tolist() == [[1, 1]]


def test_claims_matrix():
    claims = pd.DataFrame({"claim_id": ["a", "b"], "documents": ["srcdoc-000;srcdoc-002", "srcdoc-001"], "verdict": ["contested", "confirmed"]})
    matrix = claims_matrix(claims, ["srcdoc-000", "srcdoc-001", "srcdoc-002"])
    assert matrix.loc["a"].tolist() == [True, False, True, "contested"]
    assert matrix.loc["b", "srcdoc-001"]
