"""The computations on small tables whose answers are known exactly."""

import pandas as pd
import pytest

from helpers.compute import (
    border_with_russia_over_time,
    claims_matrix,
    enlargement_waves,
    events_per_year,
    former_eastern_bloc,
    last_event_before_accession,
    members_joined_after,
    members_on,
    members_over_time,
    publisher_kind,
    stance_trajectory,
    state_on,
    statements_per_year,
    verdicts_by_document,
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
    statements = pd.DataFrame(
        {
            "date": pd.to_datetime(["2000-03-05", "2000-06-01", "2007-02-10", "2022-02-24"]),
            "venue_type": ["interview", "speech", "speech", "address"],
            "nato_view": pd.array([1, 2, 4, 5], dtype="Int64"),
            "ukraine_membership_view": pd.array([pd.NA, 1, pd.NA, 5], dtype="Int64"),
        }
    )
    trajectory = stance_trajectory(statements, "nato_view", window=2)
    assert list(trajectory["year"]) == [2000, 2007, 2022]
    assert list(trajectory["mean_code"]) == [1.5, 4.0, 5.0]
    assert list(trajectory["rolling_mean"]) == [1.5, 2.75, 4.5]
    assert list(stance_trajectory(statements, "ukraine_membership_view")["statements"]) == [1, 1]
    counts = statements_per_year(statements)
    assert counts.loc[counts["year"] == 2000, ["interview", "speech"]].values.tolist() == [[1, 1]]


def test_claims_matrix():
    claims = pd.DataFrame(
        {
            "claim_id": ["a", "b"],
            "documents": ["srcdoc-000;srcdoc-002", "srcdoc-001"],
            "verdict": ["contested", "confirmed"],
        }
    )
    matrix = claims_matrix(claims, ["srcdoc-000", "srcdoc-001", "srcdoc-002"])
    assert matrix.loc["a"].tolist() == [True, False, True, "contested"]
    assert matrix.loc["b", "srcdoc-001"]


def test_state_on_takes_the_last_change_on_or_before_the_day():
    changes = pd.DataFrame({"date": pd.to_datetime(["1949-04-04", "1999-03-12", "2004-03-29"]), "km": [1000, 600, 500]})
    assert state_on(changes, "1999-03-11")["km"] == 1000
    assert state_on(changes, "1999-03-12")["km"] == 600
    assert state_on(changes, pd.Timestamp("2030-01-01"))["km"] == 500


def _events(rows):
    events = pd.DataFrame(rows, columns=["event_id", "date", "category", "actors", "summary"])
    events["date"] = pd.to_datetime(events["date"])
    events["category"] = pd.Categorical(
        events["category"], categories=["diplomacy", "summit", "enlargement", "application"]
    )
    return events


def test_events_per_year_counts_every_year_and_every_category():
    events = _events(
        [
            ("a", "2000-03-01", "summit", "", ""),
            ("b", "2000-06-01", "diplomacy", "", ""),
            ("c", "2002-01-01", "summit", "", ""),
        ]
    )
    per_year = events_per_year(events)
    assert list(per_year.columns) == ["year", "diplomacy", "summit", "enlargement", "application"]
    assert per_year.values.tolist() == [[2000, 1, 1, 0, 0], [2001, 0, 0, 0, 0], [2002, 0, 1, 0, 0]]


def test_last_event_before_accession(members):
    events = _events(
        [
            ("madrid-1997", "1997-07-08", "summit", "CCC;RUS", "CCC invited"),
            ("prague-2002", "2002-11-21", "summit", "DDD;EEE", "DDD and EEE invited"),
            ("istanbul-2004", "2004-06-28", "summit", "DDD", "after DDD joined"),
            ("letter-2001", "2001-05-01", "application", "EEE", "EEE applies"),
        ]
    )
    invited = last_event_before_accession(members, events, "summit")
    assert list(invited["iso3"]) == ["CCC", "DDD", "EEE"]
    assert list(invited["event_id"]) == ["madrid-1997", "prague-2002", "prague-2002"]
    assert list(invited["days"]) == [612, 494, 494]
    applied = last_event_before_accession(members, events, "application")
    assert applied[["iso3", "event_id"]].values.tolist() == [["EEE", "letter-2001"]]
    assert last_event_before_accession(members, events, "diplomacy").empty


def test_verdicts_by_document_counts_each_document_of_a_claim():
    claims = pd.DataFrame(
        {
            "claim_id": ["a", "b", "c"],
            "documents": ["srcdoc-000;srcdoc-001", "srcdoc-001", "srcdoc-001"],
            "verdict": pd.Categorical(
                ["confirmed", "contested", "confirmed"], categories=["confirmed", "qualified", "contested"]
            ),
        }
    )
    table = verdicts_by_document(claims, ["srcdoc-000", "srcdoc-001", "srcdoc-002"])
    assert list(table.columns) == ["confirmed", "qualified", "contested"]
    assert table.values.tolist() == [[1, 0, 0], [2, 0, 1], [0, 0, 0]]


def test_publisher_kind_first_matching_kind_wins():
    assert publisher_kind("srcdoc-003", "NATO") == "Secondary texts under review"
    assert publisher_kind("nato-2008", "NATO (official website)") == "Official texts and records"
    assert (
        publisher_kind("nsa-2017", "National Security Archive, George Washington University")
        == "Research, archives and reference"
    )
    assert publisher_kind("kremlin-lib", "Presidential Library of the Kremlin") == "Official texts and records"
    assert publisher_kind("reuters-2024", "Reuters") == "News media"
    assert publisher_kind("misc", "") == "News media"


def test_publisher_kind_ignores_case_but_not_word_edges():
    assert publisher_kind("kremlin-2010", "President of Russia (kremlin.ru)") == "Official texts and records"
    assert publisher_kind("crs-2021", "Congressional Research Service (In Focus brief)") == "Official texts and records"
    assert publisher_kind("hill-2013", "Brookings Institution Press") == "Research, archives and reference"
    assert publisher_kind("finkel-2012", "Journal of Democracy") == "Research, archives and reference"
    # "CIA" inside "Associated", a newspaper called a Journal and a news page kept in an archive stay news
    assert publisher_kind("ap-2022", "Associated Press") == "News media"
    assert publisher_kind("wsj-2024", "The Wall Street Journal") == "News media"
    assert publisher_kind("tmt-2008", "The Moscow Times (archive)") == "News media"


def test_frame_per_year_counts_each_answer_and_keeps_absent_ones_at_zero():
    from helpers.compute import frame_per_year

    occasions = pd.DataFrame({"year": [2001, 2001, 2001, 2003], "nato_mentioned": ["yes", "unknown", "yes", "unknown"]})
    table = frame_per_year(occasions)
    assert table.columns.tolist() == ["year", "occasions", "mention_nato", "no_mention", "not_known"]
    assert table.values.tolist() == [[2001, 3, 2, 0, 1], [2003, 1, 0, 0, 1]]
