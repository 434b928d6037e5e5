"""The seminar kit's session plan: read, checked, and timed from the file."""

import pytest
import yaml

from helpers.teaching import PLAN_FILE, PlanError, load_plan, plan_problems, timetable


@pytest.fixture
def raw_plan():
    return yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))


def test_the_plan_fills_the_session_and_its_segments_follow_each_other():
    plan = load_plan()
    table = timetable(plan)
    assert table["minutes"].sum() == plan.total_minutes
    assert table["start"].iloc[0] == 0 and table["end"].iloc[-1] == plan.total_minutes
    assert (table["start"].iloc[1:].to_numpy() == table["end"].iloc[:-1].to_numpy()).all()
    assert plan.reveal.kind == "reveal" and plan.reveal.claims


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda r: r["segments"][0].update(minutes=r["segments"][0]["minutes"] + 1), "minutes sum to"),
        (lambda r: r["segments"][1].update(kind="lecturette"), 'field "kind": expected one of'),
        (lambda r: r["segments"][1].update(minutes=0), 'field "minutes": expected a whole number above 0'),
        (lambda r: r["segments"][2].update(id=r["segments"][1]["id"]), "used by no other segment"),
        (lambda r: r["segments"][1].update(show=["after_cold_war"]), 'expected "docname#anchor"'),
        (lambda r: r["segments"][1].update(claims=["1990-assurances-broken"]), "on the reveal segment only"),
        (
            lambda r: [s.update(kind="activity") for s in r["segments"] if s["kind"] == "reveal"],
            "exactly one segment of kind reveal",
        ),
    ],
)
def test_a_broken_plan_is_refused_naming_the_segment_and_field(raw_plan, edit, expected):
    edit(raw_plan)
    problems = plan_problems(raw_plan, claim_ids=None)
    assert any(expected in problem for problem in problems), problems


def test_a_claim_the_data_does_not_hold_stops_the_load_with_one_message(tmp_path, raw_plan):
    reveal = next(s for s in raw_plan["segments"] if s["kind"] == "reveal")
    reveal["claims"] = [*reveal["claims"], "no-such-claim"]
    path = tmp_path / "plan.yml"
    path.write_text(yaml.safe_dump(raw_plan), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert str(caught.value).startswith("1 problem in the session plan:")
    assert "no-such-claim" in str(caught.value) and "reveal" in str(caught.value)
