"""Distances on the globe and the map of Europe, from data/places.csv, data/europe.geojson (the map)
and data/nato_territory.geojson (every NATO member's territory, islands included, for distances)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
SPEED_OF_SOUND_M_S = 343  # in air at sea level (20 °C): Mach 1 in this book
SPEED_OF_SOUND_KMH = SPEED_OF_SOUND_M_S * 3.6
KMH_PER_MPH = 1.609344  # an international mile is exactly 1.609344 km

# NATO's own round figures for Russia's land border, from before Finland joined: its 2016 fact
# sheet "Russia's top five myths about NATO" (nato-2016-russia-top-five-myths in references.bib),
# restated with the count of neighbours by EUvsDisinfo in 2019 (euvsdisinfo-2019-nato-closing-in-borders).
NATO_RUSSIA_LAND_BORDER_KM = 20_000  # "just over" 20,000 km: Russia's whole land border
NATO_SHARED_BORDER_KM = 1_215  # the part shared with NATO members at the time
RUSSIA_LAND_NEIGHBOURS = 14  # states with a land border with Russia


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_between(places: pd.DataFrame, a: str, b: str) -> float:
    """Great-circle distance in km between two places of data/places.csv, by place_id."""
    return great_circle_km(places.at[a, "lat"], places.at[a, "lon"], places.at[b, "lat"], places.at[b, "lon"])


def implied_speed(distance_km: float, minutes: float) -> dict[str, float]:
    """The speed needed to cover `distance_km` in `minutes`: km/h, km/s and Mach (at 343 m/s)."""
    km_per_hour = distance_km / (minutes / 60)
    km_per_second = km_per_hour / 3600
    return {
        "km_per_hour": km_per_hour,
        "km_per_second": km_per_second,
        "mach": km_per_second * 1000 / SPEED_OF_SOUND_M_S,
    }


def flight_minutes(distance_km: float, km_per_hour: float) -> float:
    """Minutes to cover `distance_km` at a steady `km_per_hour` (launch, climb and descent ignored).

    The inverse of :func:`implied_speed`; works on numbers or on pandas Series of speeds.
    """
    return distance_km / km_per_hour * 60


def read_boundaries(path: Path | None = None) -> dict:
    """The Natural Earth country boundaries shipped in data/europe.geojson (a GeoJSON dict)."""
    from helpers.data import DATA_DIR

    return json.loads(Path(path or DATA_DIR / "europe.geojson").read_text(encoding="utf-8"))


def read_nato_territory(path: Path | None = None) -> dict:
    """The territory of every NATO member at Natural Earth's 1:50m scale, islands included
    (Bornholm, Svalbard, Gotland, the Åland Islands, Greenland and the Faroes), from
    data/nato_territory.geojson: what "the nearest NATO territory" is measured against."""
    from helpers.data import DATA_DIR

    return json.loads(Path(path or DATA_DIR / "nato_territory.geojson").read_text(encoding="utf-8"))


def polygons(feature: dict) -> list[list[list[float]]]:
    """The outer rings of a GeoJSON Polygon or MultiPolygon feature, as lists of [lon, lat]."""
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def _vertices(features: list[dict]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    lons, lats, isos = [], [], []
    for feature in features:
        for ring in polygons(feature):
            for x, y in ring:
                lons.append(x)
                lats.append(y)
                isos.append(feature["properties"]["iso3"])
    return np.radians(lats), np.radians(lons), isos


def _haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    phi1, lmb1 = math.radians(lat), math.radians(lon)
    a = np.sin((lats - phi1) / 2) ** 2 + math.cos(phi1) * np.cos(lats) * np.sin((lons - lmb1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def nearest_point_km(lat: float, lon: float, features: list[dict]) -> tuple[float, str]:
    """Distance in km from a point to the nearest boundary vertex of any of `features`, and its iso3.

    At Natural Earth's 1:50m scale a coast or border has a vertex every few km, so this is
    accurate to that scale.
    """
    lats, lons, isos = _vertices(features)
    if not isos:
        return math.inf, ""
    distances = _haversine_km(lat, lon, lats, lons)
    best = int(np.argmin(distances))
    return float(distances[best]), isos[best]


def nearest_by_country(lat: float, lon: float, territory: dict) -> pd.Series:
    """The distance in km from a point to the nearest vertex of each country's territory, by iso3
    (all of a country's features together: Denmark with Bornholm, Greenland and the Faroes)."""
    lats, lons, isos = _vertices(territory["features"])
    distances = pd.Series(_haversine_km(lat, lon, lats, lons), index=isos)
    return distances.groupby(level=0).min()


def nearest_nato_over_time(
    members: pd.DataFrame, places: pd.DataFrame, territory: dict, origin: str = "moscow"
) -> pd.DataFrame:
    """For each enlargement date: distance from `origin` to the nearest NATO territory and capital.

    `territory` holds every member's territory (:func:`read_nato_territory`). Columns: date,
    nearest_territory_km, nearest_territory (iso3), nearest_capital_km, nearest_capital
    (place name).

    Members only join, so the nearest territory (or capital) on a date is the nearer of the one
    on the previous date and those of the states joining that day: one pass over the members in
    order of accession, not a search of every member on every date. Of two at the same distance
    the one first in iso3 order (a capital: first in `places`) is kept.
    """
    lat, lon = places.at[origin, "lat"], places.at[origin, "lon"]
    territory_km = nearest_by_country(lat, lon, territory).to_dict()
    joined = members[["iso3", "accession_date"]].sort_values("accession_date", kind="stable")
    capitals = places[places["kind"] == "capital"]
    capitals = capitals.assign(
        position=range(len(capitals)),
        km=[great_circle_km(lat, lon, a, b) for a, b in zip(capitals["lat"], capitals["lon"])],
    )
    capitals_of: dict[str, list[tuple]] = {}
    for capital in capitals.itertuples():
        capitals_of.setdefault(capital.country_iso3, []).append((capital.km, capital.position, capital.name))
    best_territory = best_capital = None  # (km, tie-break, name)
    rows = []
    dates = joined["accession_date"].tolist()
    for i, (iso3, day) in enumerate(zip(joined["iso3"], dates)):
        if iso3 in territory_km:
            candidate = (territory_km[iso3], iso3, iso3)
            best_territory = candidate if best_territory is None else min(best_territory, candidate)
        for candidate in capitals_of.get(iso3, []):
            best_capital = candidate if best_capital is None else min(best_capital, candidate)
        if i + 1 < len(dates) and dates[i + 1] == day:
            continue  # another state joins the same day
        rows.append(
            {
                "date": pd.Timestamp(day),
                "nearest_territory_km": round(best_territory[0]) if best_territory else None,
                "nearest_territory": best_territory[2] if best_territory else None,
                "nearest_capital_km": round(best_capital[0]) if best_capital else None,
                "nearest_capital": best_capital[2] if best_capital else None,
            }
        )
    return pd.DataFrame(
        rows, columns=["date", "nearest_territory_km", "nearest_territory", "nearest_capital_km", "nearest_capital"]
    )
