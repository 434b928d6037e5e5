"""Small, pure computations on the book's tables. Each takes DataFrames and returns new ones."""

from __future__ import annotations

import pandas as pd


def members_on(members: pd.DataFrame, day) -> pd.DataFrame:
    """NATO members whose accession date is on or before `day`."""
    return members[members["accession_date"] <= pd.Timestamp(day)]


def members_joined_after(members: pd.DataFrame, day) -> pd.DataFrame:
    """Members that joined strictly after `day`."""
    return members[members["accession_date"] > pd.Timestamp(day)]


def enlargement_waves(members: pd.DataFrame) -> pd.DataFrame:
    """One row per accession date: how many states joined, which, and the running total.

    Columns: accession_date, wave (the year, as a label), joined, countries, total_members,
    former_eastern_bloc (how many of that wave were in the Warsaw Pact or the Soviet Union).
    """
    bloc = members["former_warsaw_pact"] | members["former_soviet_union"]
    waves = (
        members.assign(former_eastern_bloc=bloc)
        .groupby("accession_date", sort=True)
        .agg(
            joined=("iso3", "size"),
            countries=("country", lambda names: ", ".join(sorted(names))),
            former_eastern_bloc=("former_eastern_bloc", "sum"),
        )
        .reset_index()
    )
    waves["total_members"] = waves["joined"].cumsum()
    waves["wave"] = waves["accession_date"].dt.year.astype(str)
    waves["former_eastern_bloc"] = waves["former_eastern_bloc"].astype(int)
    return waves[["accession_date", "wave", "joined", "countries", "former_eastern_bloc", "total_members"]]


def members_over_time(members: pd.DataFrame, end) -> pd.DataFrame:
    """A step series of the member count: one row per accession date, plus a final row at `end`."""
    waves = enlargement_waves(members)[["accession_date", "total_members"]].rename(columns={"accession_date": "date"})
    last = pd.DataFrame({"date": [pd.Timestamp(end)], "total_members": [waves["total_members"].iloc[-1]]})
    return pd.concat([waves, last], ignore_index=True)


def former_eastern_bloc(members: pd.DataFrame) -> pd.DataFrame:
    """Members that were once in the Warsaw Pact or were republics of the Soviet Union."""
    return members[members["former_warsaw_pact"] | members["former_soviet_union"]]
