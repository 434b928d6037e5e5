"""The seminar kit's session plan (``teaching/plan.yml``), read and checked.

The plan is data: the lecturer's guide prints its timetable from it and the session deck takes
its order and its speaker-note minutes from it. :func:`load_plan` stops with one
:class:`PlanError` listing every problem (file, segment, field, what was expected) when the
plan is broken. Nothing here writes to ``teaching/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from helpers.load import DATA_DIR, REPO_ROOT

PLAN_FILE = REPO_ROOT / "teaching" / "plan.yml"
KINDS = ("vote", "lecture", "activity", "reveal", "discussion", "slack", "close")
LIST_FIELDS = ("show", "ask", "expect", "claims")


@dataclass(frozen=True)
class Segment:
    """One segment of the session: what it is, when it runs, what to show, ask and expect."""

    id: str
    title: str
    minutes: int
    start: int
    kind: str
    show: tuple[str, ...] = ()
    ask: tuple[str, ...] = ()
    expect: tuple[str, ...] = ()
    cut: str = ""
    claims: tuple[str, ...] = ()

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class Plan:
    """The whole session: its title, length and segments in order (plus the raw file)."""

    title: str
    total_minutes: int
    segments: tuple[Segment, ...]
    raw: dict

    def segment(self, segment_id: str) -> Segment:
        for segment in self.segments:
            if segment.id == segment_id:
                return segment
        raise KeyError(f"the plan has no segment {segment_id!r}")

    @property
    def reveal(self) -> Segment:
        """The one segment at which verdicts and codes are first shown."""
        return next(segment for segment in self.segments if segment.kind == "reveal")


class PlanError(Exception):
    """The session plan is broken. The message lists every problem found, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the session plan:"
        super().__init__("\n".join([head, *("  " + p for p in self.problems)]))


class _Problems(list):
    def add(self, file: str, where: str, message: str) -> None:
        self.append(f"{file}, {where}: {message}")


def _claim_ids(data_dir: Path) -> set[str]:
    return set(pd.read_csv(Path(data_dir) / "claims.csv", usecols=["claim_id"], dtype=str)["claim_id"])


def plan_problems(raw, *, file: str = "teaching/plan.yml", claim_ids: set[str] | None = None) -> list[str]:
    """Every problem of a plan read from YAML (`raw`), each naming the segment and the field."""
    problems = _Problems()
    if not isinstance(raw, dict):
        problems.add(file, "top level", "expected a mapping with title, total_minutes and segments")
        return problems
    for key, kind in (("title", str), ("total_minutes", int), ("segments", list)):
        if not isinstance(raw.get(key), kind) or isinstance(raw.get(key), bool):
            problems.add(file, f'field "{key}"', f"expected {kind.__name__}, found {raw.get(key)!r}")
    if problems:
        return problems
    seen: set[str] = set()
    total = 0
    for number, segment in enumerate(raw["segments"], start=1):
        where = f"segment {number}"
        if not isinstance(segment, dict):
            problems.add(file, where, "expected a mapping with id, title, minutes and kind")
            continue
        where = f"segment {number} ({segment.get('id', 'no id')})"
        for key in ("id", "title"):
            if not isinstance(segment.get(key), str) or not segment.get(key).strip():
                problems.add(file, f'{where}, field "{key}"', "expected text")
        if segment.get("id") in seen:
            problems.add(file, f'{where}, field "id"', "expected an id used by no other segment")
        seen.add(segment.get("id"))
        minutes = segment.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
            problems.add(file, f'{where}, field "minutes"', f"expected a whole number above 0, found {minutes!r}")
        else:
            total += minutes
        if segment.get("kind") not in KINDS:
            problems.add(
                file, f'{where}, field "kind"', f"expected one of {', '.join(KINDS)}, found {segment.get('kind')!r}"
            )
        for key in LIST_FIELDS:
            value = segment.get(key, [])
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                problems.add(file, f'{where}, field "{key}"', "expected a list of texts")
        for target in segment.get("show", []) or []:
            if isinstance(target, str) and target.count("#") != 1:
                problems.add(file, f'{where}, field "show"', f'expected "docname#anchor", found {target!r}')
        for claim in segment.get("claims", []) or []:
            if claim_ids is not None and claim not in claim_ids:
                problems.add(
                    file, f'{where}, field "claims"', f"expected a claim_id of data/claims.csv, found {claim!r}"
                )
        if segment.get("claims") and segment.get("kind") != "reveal":
            problems.add(file, f'{where}, field "claims"', "expected claims on the reveal segment only")
    reveals = [s for s in raw["segments"] if isinstance(s, dict) and s.get("kind") == "reveal"]
    if len(reveals) != 1:
        problems.add(file, "segments", f"expected exactly one segment of kind reveal, found {len(reveals)}")
    if not problems and total != raw["total_minutes"]:
        problems.add(file, 'field "total_minutes"', f"the segments' minutes sum to {total}, not {raw['total_minutes']}")
    return problems


def load_plan(path: Path | None = None, data_dir: Path | None = None) -> Plan:
    """The session plan, checked, with each segment's start minute computed from the order."""
    path = Path(path or PLAN_FILE)
    file = f"teaching/{path.name}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PlanError([f"{file}: not readable as YAML ({error})"]) from None
    problems = plan_problems(raw, file=file, claim_ids=_claim_ids(data_dir or DATA_DIR))
    if problems:
        raise PlanError(problems)
    segments, start = [], 0
    for segment in raw["segments"]:
        fields = {key: tuple(segment.get(key) or ()) for key in LIST_FIELDS}
        segments.append(
            Segment(
                id=segment["id"],
                title=segment["title"],
                minutes=segment["minutes"],
                start=start,
                kind=segment["kind"],
                cut=segment.get("cut", "") or "",
                **fields,
            )
        )
        start += segment["minutes"]
    return Plan(title=raw["title"], total_minutes=raw["total_minutes"], segments=tuple(segments), raw=raw)


def timetable(plan: Plan) -> pd.DataFrame:
    """The plan as a table: one row per segment with its start, end and minutes."""
    return pd.DataFrame(
        {
            "start": [s.start for s in plan.segments],
            "end": [s.end for s in plan.segments],
            "minutes": [s.minutes for s in plan.segments],
            "segment": [s.title for s in plan.segments],
            "kind": [s.kind for s in plan.segments],
        }
    )
