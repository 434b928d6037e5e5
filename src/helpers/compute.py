"""Small, pure computations on the book's tables. Each takes DataFrames and returns new ones."""

from __future__ import annotations

import re

import pandas as pd

from helpers.data import split_list


def members_on(members: pd.DataFrame, day) -> pd.DataFrame:
    """NATO members whose accession date is on or before `day`."""
    return members[members["accession_date"] <= pd.Timestamp(day)]


def members_joined_after(members: pd.DataFrame, day) -> pd.DataFrame:
    """Members that joined strictly after `day`."""
    return members[members["accession_date"] > pd.Timestamp(day)]


def state_on(table: pd.DataFrame, day) -> pd.Series:
    """The row of a table of changes (one row per ``date``, sorted) in force on `day`:
    the last row dated on or before `day`."""
    return table[table["date"] <= pd.Timestamp(day)].iloc[-1]


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


def verdicts_by_document(claims: pd.DataFrame, documents: list[str]) -> pd.DataFrame:
    """Documents x verdicts: how many of each document's claims got each verdict (zeros kept).

    A claim made by several documents counts once for each; the columns follow the order of
    the verdict categories.
    """
    long = claims.assign(document=claims["documents"].map(split_list)).explode("document")
    table = pd.crosstab(long["document"], long["verdict"].astype(str))
    return table.reindex(index=documents, columns=list(claims["verdict"].cat.categories), fill_value=0)


def events_per_year(events: pd.DataFrame) -> pd.DataFrame:
    """Events per calendar year and category: one row per year from the first to the last
    (years without events included, as zeros), one column per category, in category order."""
    counts = pd.crosstab(events["date"].dt.year.rename("year"), events["category"])
    years = range(counts.index.min(), counts.index.max() + 1)
    categories = list(events["category"].cat.categories)
    counts = counts.reindex(index=years, columns=categories, fill_value=0)
    return counts.rename_axis(columns=None).reset_index()


def last_event_before_accession(members: pd.DataFrame, events: pd.DataFrame, category: str) -> pd.DataFrame:
    """For each member, the last event of `category` naming it in ``actors`` before it joined.

    Columns: country, iso3, event_id, event_date, summary, accession_date, and days from the
    event to accession. Members that no such event names are left out.
    """
    of_kind = events[events["category"] == category]
    actor_lists = of_kind["actors"].map(split_list)
    rows = []
    for member in members.itertuples():
        names_it = pd.Series([member.iso3 in actors for actors in actor_lists], index=actor_lists.index, dtype=bool)
        named = of_kind[names_it & (of_kind["date"] < member.accession_date)]
        if named.empty:
            continue
        event = named.iloc[-1]
        rows.append(
            {
                "country": member.country,
                "iso3": member.iso3,
                "event_id": event["event_id"],
                "event_date": event["date"],
                "summary": event["summary"],
                "accession_date": member.accession_date,
                "days": (member.accession_date - event["date"]).days,
            }
        )
    return pd.DataFrame(
        rows, columns=["country", "iso3", "event_id", "event_date", "summary", "accession_date", "days"]
    )


# Kinds of publisher, each with the words in a bibliography entry's publisher that mark it.
# The first kind whose pattern matches wins; a publisher matching none is news media.
# Matched without regard to case, except "Archive", which keeps its capital so that a news page
# "archived" elsewhere stays news; short names are whole words, so that "CIA" does not match
# "Associated Press" nor "Court" "Courier".
PUBLISHER_KINDS = {
    "Official texts and records": (
        r"\bNATO\b|Kremlin|President of Russia|President of the Republic|United Nations|Government|"
        r"Ministry|State Department|Department of State|White House|Congressional|"
        r"Council of the European Union|Ausw\u00e4rtiges Amt|\bFDFA\b|Rechtbank|\bCourt\b|Parliament|"
        r"Bundestag|USEUCOM|Embassy|\bCIA\b|America\.gov|official|Text reproduced"
    ),
    "Research, archives and reference": (
        r"(?-i:Archive)|Library|Foreign Affairs|Survival|Russia Matters|in Documents|European Sources|Acronym|"
        r"EUvsDisinfo|GeoNames|Natural ?Earth|University Press|\bJournal of\b|Jamestown|Institute|"
        r"Council on Foreign Relations|Center for Strategic|International Affairs|Brookings|Routledge|"
        r"Wikipedia"
    ),
}


def publisher_kind(key: str, publisher: str) -> str:
    """Sort one source by its publisher: one of the five secondary texts the book checks
    (keys 'srcdoc-...'), an official text (governments, the Kremlin, NATO, the UN), research
    and reference works, or news media (the rest: agencies, newspapers, broadcasters)."""
    if key.startswith("srcdoc-"):
        return "Secondary texts under review"
    for kind, pattern in PUBLISHER_KINDS.items():
        if re.search(pattern, publisher, re.IGNORECASE):
            return kind
    return "News media"


def frame_per_year(occasions: pd.DataFrame) -> pd.DataFrame:
    """Per year of the frame: how many occasions there are, and on how many Putin is read
    mentioning NATO (yes), read in full without a mention (no), or not read in full (unknown).

    Columns: year, occasions, mention_nato, no_mention, not_known.
    """
    counts = pd.crosstab(occasions["year"], occasions["nato_mentioned"].astype(str))
    counts = counts.reindex(columns=["yes", "no", "unknown"], fill_value=0)
    table = counts.rename(columns={"yes": "mention_nato", "no": "no_mention", "unknown": "not_known"})
    table.insert(0, "occasions", table.sum(axis=1))
    table.columns.name = None
    return table.reset_index()
