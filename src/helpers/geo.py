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
    """
    lat, lon = places.at[origin, "lat"], places.at[origin, "lon"]
    capitals = places[places["kind"] == "capital"]
    by_country = nearest_by_country(lat, lon, territory)
    rows = []
    for day in sorted(members["accession_date"].unique()):
        current = members[members["accession_date"] <= day]
        reachable = by_country[by_country.index.isin(current["iso3"])]
        member_capitals = capitals[capitals["country_iso3"].isin(current["iso3"])]
        distances = member_capitals.apply(lambda c: great_circle_km(lat, lon, c["lat"], c["lon"]), axis=1)
        rows.append(
            {
                "date": pd.Timestamp(day),
                "nearest_territory_km": round(reachable.min()) if len(reachable) else None,
                "nearest_territory": reachable.idxmin() if len(reachable) else None,
                "nearest_capital_km": round(distances.min()) if len(distances) else None,
                "nearest_capital": member_capitals.loc[distances.idxmin(), "name"] if len(distances) else None,
            }
        )
    return pd.DataFrame(rows)
