"""Distances: known values to within a kilometre or two."""

import pandas as pd
import pytest

from helpers.geo import (
    KMH_PER_MPH,
    SPEED_OF_SOUND_KMH,
    flight_minutes,
    great_circle_km,
    implied_speed,
    nearest_nato_over_time,
    nearest_point_km,
)


def test_great_circle_known_distances():
    # One degree of latitude along a meridian is about 111.2 km.
    assert great_circle_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.01)
    # A quarter of the equator.
    assert great_circle_km(0, 0, 0, 90) == pytest.approx(10007.5, abs=0.5)
    assert great_circle_km(55.7558, 37.6173, 55.7558, 37.6173) == 0


def test_implied_speed():
    speed = implied_speed(600, 5)
    assert speed["km_per_hour"] == pytest.approx(7200)
    assert speed["km_per_second"] == pytest.approx(2.0)
    assert speed["mach"] == pytest.approx(2000 / 343)


def test_flight_minutes_is_the_inverse_of_implied_speed():
    assert flight_minutes(600, 7200) == 5.0
    assert flight_minutes(100, pd.Series([100.0, 50.0])).tolist() == [60.0, 120.0]
    assert flight_minutes(700, implied_speed(700, 7)["km_per_hour"]) == pytest.approx(7)


def test_one_speed_of_sound_for_every_mach_number():
    assert SPEED_OF_SOUND_KMH == pytest.approx(1234.8)
    # covering the distance sound travels in an hour, in an hour, is Mach 1
    assert implied_speed(SPEED_OF_SOUND_KMH, 60)["mach"] == pytest.approx(1)
    assert 621 * KMH_PER_MPH == pytest.approx(999.4026)


def _square(iso, lon, lat):
    ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]
    return {"properties": {"iso3": iso}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_nearest_point_and_nearest_nato_over_time():
    boundaries = {"features": [_square("FAR", 10, 0), _square("NEAR", 2, 0)]}
    km, iso = nearest_point_km(0, 0, boundaries["features"])
    assert iso == "NEAR" and km == pytest.approx(great_circle_km(0, 0, 0, 2))
    members = pd.DataFrame({"iso3": ["FAR", "NEAR"], "accession_date": pd.to_datetime(["1949-04-04", "2004-03-29"])})
    places = pd.DataFrame(
        {
            "place_id": ["origin", "far-cap", "near-cap"],
            "name": ["O", "Far City", "Near City"],
            "country_iso3": ["XXX", "FAR", "NEAR"],
            "kind": ["capital"] * 3,
            "lat": [0.0, 0.5, 0.5],
            "lon": [0.0, 10.5, 2.5],
        }
    ).set_index("place_id")
    table = nearest_nato_over_time(members, places, boundaries, origin="origin")
    assert list(table["nearest_territory"]) == ["FAR", "NEAR"]
    assert list(table["nearest_capital"]) == ["Far City", "Near City"]
    assert table["nearest_territory_km"].iloc[1] == round(great_circle_km(0, 0, 0, 2))


def test_a_country_with_several_features_counts_its_nearest_island():
    # Two features of one member: the mainland far away, an island near (as Denmark and Bornholm).
    territory = {"features": [_square("DNK", 10, 0), _square("DNK", 3, 0), _square("NOR", 6, 0)]}
    members = pd.DataFrame({"iso3": ["DNK", "NOR"], "accession_date": pd.to_datetime(["1949-04-04", "1949-04-04"])})
    places = pd.DataFrame(
        {"place_id": ["origin"], "name": ["O"], "country_iso3": ["XXX"], "kind": ["city"], "lat": [0.0], "lon": [0.0]}
    ).set_index("place_id")
    table = nearest_nato_over_time(members, places, territory, origin="origin")
    assert table["nearest_territory"].iloc[0] == "DNK"
    assert table["nearest_territory_km"].iloc[0] == round(great_circle_km(0, 0, 0, 3))


def test_nearest_nato_over_time_is_the_nearest_among_the_members_of_each_date():
    # Members out of date order, two joining on one day, one with no territory in the file, and
    # two capitals at the same distance (the first in places.csv is named).
    territory = {"features": [_square("AAA", 9, 0), _square("BBB", 5, 0), _square("CCC", 7, 0), _square("DDD", 2, 0)]}
    members = pd.DataFrame(
        {
            "iso3": ["DDD", "AAA", "CCC", "BBB", "EEE"],
            "accession_date": pd.to_datetime(["2004-03-29", "1949-04-04", "1999-03-12", "1999-03-12", "1982-05-30"]),
        }
    )
    places = pd.DataFrame(
        {
            "place_id": ["origin", "a-cap", "e-cap", "c-cap", "b-cap", "d-cap"],
            "name": ["O", "A City", "E City", "C City", "B City", "D City"],
            "country_iso3": ["XXX", "AAA", "EEE", "CCC", "BBB", "DDD"],
            "kind": ["city", "capital", "capital", "capital", "capital", "capital"],
            "lat": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            "lon": [0.0, 9.0, 8.0, 6.0, 6.0, 9.5],
        }
    ).set_index("place_id")
    table = nearest_nato_over_time(members, places, territory, origin="origin")
    assert list(table["date"].dt.year) == [1949, 1982, 1999, 2004]
    assert list(table["nearest_territory"]) == ["AAA", "AAA", "BBB", "DDD"]
    assert list(table["nearest_territory_km"]) == [round(great_circle_km(0, 0, 0, lon)) for lon in (9, 9, 5, 2)]
    # C and B City are both 6 degrees away: C City comes first in places
    assert list(table["nearest_capital"]) == ["A City", "E City", "C City", "C City"]
    assert list(table["nearest_capital_km"]) == [round(great_circle_km(0, 0, 0, lon)) for lon in (9, 8, 6, 6)]


def test_the_shipped_territory_has_every_member_and_bornholm():
    from helpers.data import load_members
    from helpers.geo import read_nato_territory

    territory = read_nato_territory()
    isos = {f["properties"]["iso3"] for f in territory["features"]}
    assert isos == set(load_members()["iso3"])
    denmark = [f for f in territory["features"] if f["properties"]["iso3"] == "DNK"]
    # Bornholm lies between 14.6 and 15.2 degrees east, 54.9 and 55.4 north
    assert any(14.6 < x < 15.2 and 54.9 < y < 55.4 for f in denmark for ring in _rings(f) for x, y in ring)


def _rings(feature):
    from helpers.geo import polygons

    return polygons(feature)
