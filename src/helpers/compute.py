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


def border_with_russia_over_time(borders: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Total length of NATO's land border with Russia after each change, in km.

    One row per accession date on which a state bordering Russia joined (the founding included):
    date, joined (names), added_km, total_km.
    """
    lengths = borders.groupby("nato_country_iso3")["length_km"].sum()
    neighbours = members[members["iso3"].isin(lengths.index)].copy()
    neighbours["added_km"] = neighbours["iso3"].map(lengths)
    steps = (
        neighbours.groupby("accession_date", sort=True)
        .agg(joined=("country", lambda names: ", ".join(sorted(names))), added_km=("added_km", "sum"))
        .reset_index()
        .rename(columns={"accession_date": "date"})
    )
    steps["total_km"] = steps["added_km"].cumsum()
    return steps


def statements_per_year(statements: pd.DataFrame, by: str = "venue_type") -> pd.DataFrame:
    """Count of statements per calendar year and `by` column: a year x category table, zeros filled."""
    table = pd.crosstab(statements["date"].dt.year.rename("year"), statements[by].astype(str))
    return table.reset_index()


def stance_trajectory(statements: pd.DataFrame, column: str = "nato_view", window: int = 3) -> pd.DataFrame:
    """Yearly mean of a stance code and its rolling mean over `window` years with statements.

    Rows with no code in `column` (e.g. a statement silent on Ukraine) are left out.
    Columns: year, statements, mean_code, rolling_mean.
    """
    coded = statements.dropna(subset=[column])
    yearly = (
        coded.groupby(coded["date"].dt.year.rename("year"))[column]
        .agg(statements="size", mean_code="mean")
        .reset_index()
    )
    yearly["mean_code"] = yearly["mean_code"].astype(float).round(2)
    yearly["rolling_mean"] = yearly["mean_code"].rolling(window, min_periods=1).mean().round(2)
    return yearly


def claims_matrix(claims: pd.DataFrame, documents: list[str]) -> pd.DataFrame:
    """Claims x documents: True where the document makes the claim; plus the verdict column."""
    rows = {}
    for claim in claims.itertuples():
        made_by = set(str(claim.documents).split(";"))
        rows[claim.claim_id] = {doc: doc in made_by for doc in documents}
    matrix = pd.DataFrame.from_dict(rows, orient="index")[documents]
    matrix["verdict"] = claims.set_index("claim_id")["verdict"].astype(str)
    return matrix
