"""The seminar kit: the session plan (``teaching/plan.yml``) and the papers of the session.

The plan is data: the lecturer's guide prints its timetable from it and the session deck takes
its order and its speaker-note minutes from it. :func:`load_plan` stops with one
:class:`PlanError` listing every problem (file, segment, field, what was expected) when the
plan is broken.

The papers (the coding sheet, the claim cards, the 1990-91 extracts, the account cards and
evidence slips, the discussion questions) are read from ``teaching/`` and joined to the rows of
``data/`` they name: the teaching tables hold ids, order and the lecturer's notes, never a copy
of a date, a text or a code. Functions whose names say so return what a student may see
(no verdict, no code, no answer note); the others are for the lecturer's guide. Nothing here
writes to ``teaching/`` or ``data/``.
"""

from __future__ import annotations

import re
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


# --------------------------------------------------------------------------------------------
# The papers of the session: teaching/ joined to data/
# --------------------------------------------------------------------------------------------

TEACHING_DIR = REPO_ROOT / "teaching"
CHAPTERS_DIR = REPO_ROOT / "chapters"
QUESTIONS_FILE = "questions.yml"
ASSESSMENT_FILE = "assessment.yml"


class TeachingError(Exception):
    """The teaching files are broken or name rows that data/ does not hold. The message lists
    every problem found, one per line, each naming the file, the row, the column and what was
    expected."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in teaching/:"
        super().__init__("\n".join([head, *("  " + p for p in self.problems)]))


def _dir(teaching_dir: Path | None) -> Path:
    return Path(teaching_dir or TEACHING_DIR)


def _table(name: str, teaching_dir: Path | None = None) -> pd.DataFrame:
    """A CSV table of teaching/ as text, with the editor line of each row in ``_line``."""
    from helpers.checks import read_raw

    raw = read_raw(_dir(teaching_dir) / name)
    if raw is None:
        raise TeachingError([f"teaching/{name}: the file is missing or empty (expected a header row and data rows)"])
    frame = pd.DataFrame(raw.rows, columns=raw.header).fillna("")
    frame["_line"] = raw.lines
    return frame


def _unknown(frame: pd.DataFrame, file: str, column: str, known, expected: str) -> list[str]:
    """One message per row whose `column` holds a value not in `known`."""
    return [
        f'teaching/{file}, line {line}, column "{column}": "{value}" is not {expected}'
        for line, value in zip(frame["_line"], frame[column])
        if value not in known
    ]


def _raise(problems: list[str]) -> None:
    if problems:
        raise TeachingError(problems)


def _ordered(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = frame.copy()
    frame[column] = pd.to_numeric(frame[column]).astype(int)
    return frame.sort_values(column, kind="stable").reset_index(drop=True)


def date_words(date_text: str) -> str:
    """A date written out at its precision: '1990-02-09' -> '9 February 1990', '1990-02' ->
    'February 1990', '1990' -> '1990'."""
    day = pd.Timestamp(date_text)
    precision = str(date_text).count("-")
    if precision == 2:
        return f"{day.day} {day:%B %Y}"
    if precision == 1:
        return f"{day:%B %Y}"
    return f"{day:%Y}"


def _latex_text(value: str) -> str:
    """BibTeX text as plain text. Rendered with one plain-text backend: render_as("text") would look
    the backend up among every installed distribution's entry points on each call (as the
    bibliography style in _ext/ also avoids)."""
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Text

    return Text.from_latex(str(value)).render(Backend()).strip()


def _bibliography():
    from helpers.checks import read_bibliography
    from helpers.load import BIB_FILE

    data, problem = read_bibliography(BIB_FILE)
    if problem:
        raise ValueError(str(problem))
    return data


def source_document_name(key: str) -> str:
    """A source document (a ``srcdoc-`` entry of references.bib) by its title and where it was
    published, as a student reads it: '“Putin And NATO: A Complex Relationship” (blog essay,
    outlet unknown)'; never its id."""
    entry = _bibliography().entries[key]
    title = _latex_text(entry.fields.get("title", key))
    # the publisher without its parenthetical remarks on what was checked (they are for the bibliography)
    where = re.sub(r"\s*\([^)]*\)", "", _latex_text(entry.fields.get("howpublished", ""))).strip()
    shown = title if title.startswith("[") else f"“{title}”"
    return f"{shown} ({where})" if where else shown


def work_citation(key: str) -> str:
    """A work of references.bib in a line: 'Mearsheimer (2014), “Why the Ukraine Crisis ...”,
    Foreign Affairs'."""
    entry = _bibliography().entries[key]
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_latex_text(" ".join(person.last_names)) for person in people]
    authors = names[0] if len(names) == 1 else " and ".join([", ".join(names[:-1]), names[-1]]) if names else ""
    title = _latex_text(entry.fields.get("title", key))
    venue = next(
        (_latex_text(entry.fields[f]) for f in ("journal", "publisher", "howpublished") if f in entry.fields), ""
    )
    quoted = f"*{title}*" if entry.type.lower() == "book" else f"“{title}”"
    return ", ".join(part for part in (f"{authors} ({entry.fields.get('year', 'n.d.')})", quoted, venue) if part)


# The coding sheet ----------------------------------------------------------------------------

CODING_FILE = "coding_statements.csv"


def _keyed_rows(file: str, column: str, known: pd.Series, teaching_dir: Path | None, what: str) -> pd.DataFrame:
    """A teaching table in its order, after checking that every id in `column` is in `known`
    (the ids of the confirmed `what`s, e.g. "statement" of data/statements.csv)."""
    rows = _table(file, teaching_dir)
    expected = f"the id of a confirmed {what} in data/{what}s.csv (expected a {column} found there)"
    _raise(_unknown(rows, file, column, set(known), expected))
    return _ordered(rows, "order")


def _coding_rows(statements: pd.DataFrame, teaching_dir: Path | None) -> pd.DataFrame:
    return _keyed_rows(CODING_FILE, "statement_id", statements["statement_id"], teaching_dir, "statement")


def coding_sheet(statements: pd.DataFrame | None = None, teaching_dir: Path | None = None) -> pd.DataFrame:
    """The statements students code, in the sheet's order, as a coder sees them (CODEBOOK.md,
    'What a coder sees'): date, venue, text (a quotation or a paraphrase), the Russian original
    where the data has it, and the context. No codes (student-safe)."""
    if statements is None:
        from helpers.load import load_statements

        statements = load_statements()
    rows = _coding_rows(statements, teaching_dir)
    joined = rows[["order", "statement_id"]].merge(statements, on="statement_id", how="left", validate="one_to_one")
    joined["date"] = joined["date"].map(lambda day: f"{day.day} {day:%B %Y}")
    return joined[["order", "statement_id", "date", "venue", "text", "text_ru", "text_kind", "context"]]


def coding_notes(teaching_dir: Path | None = None) -> pd.DataFrame:
    """The lecturer's notes on each statement of the sheet: why it was chosen and which rule it
    tests (guide only)."""
    from helpers.load import load_statements

    rows = _coding_rows(load_statements(), teaching_dir)
    return rows[["order", "statement_id", "why_chosen", "rule_tested"]]


def coding_key(codes: pd.DataFrame | None = None, teaching_dir: Path | None = None) -> pd.DataFrame:
    """The codes of coders A and B and the final codes of the sheet's statements, on both
    scales, with the final rationale (guide and reveal only): one row per statement, columns
    order, statement_id, then ``<scale> <coder>`` for A, B and final, and rationale."""
    from helpers.agreement import SCALES
    from helpers.load import load_stance_codes, load_statements

    codes = load_stance_codes() if codes is None else codes
    rows = _coding_rows(load_statements(), teaching_dir)[["order", "statement_id"]]
    chosen = codes[codes["statement_id"].isin(rows["statement_id"]) & codes["coder"].isin(["A", "B", "final"])]
    wide = chosen.pivot(index="statement_id", columns="coder", values=list(SCALES))
    wide.columns = [f"{scale} {coder}" for scale, coder in wide.columns]
    rationale = chosen[chosen["coder"] == "final"].set_index("statement_id")["rationale"].rename("rationale")
    table = rows.join(wide, on="statement_id").join(rationale, on="statement_id")
    columns = [f"{scale} {coder}" for scale in SCALES for coder in ("A", "B", "final")]
    for column in columns:
        table[column] = table[column].astype("Int64") if column in table else pd.NA
    return table[["order", "statement_id", *columns, "rationale"]]


# The claims of the reveal ----------------------------------------------------------------------


def _reveal_claims(plan: Plan | None, claims: pd.DataFrame | None) -> pd.DataFrame:
    from helpers.load import load_claims

    plan = plan or load_plan()
    claims = load_claims() if claims is None else claims
    missing = [claim for claim in plan.reveal.claims if claim not in set(claims["claim_id"])]
    _raise(
        [
            f'teaching/plan.yml, segment {plan.reveal.id}, field "claims": "{claim}" is not a claim_id of data/claims.csv'
            for claim in missing
        ]
    )
    chosen = claims.set_index("claim_id").loc[list(plan.reveal.claims)].reset_index()
    return chosen


def claim_cards(plan: Plan | None = None, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims the reveal shows, as students receive them before it: the claim and the
    source documents that make it, named by title (student-safe: no verdict, no evidence)."""
    from helpers.checks import split_list

    chosen = _reveal_claims(plan, claims)
    named = chosen["documents"].map(lambda cell: "; ".join(source_document_name(k) for k in split_list(cell)))
    return pd.DataFrame({"claim_id": chosen["claim_id"], "claim": chosen["claim"], "documents_named": named})


def claim_verdicts(plan: Plan | None = None, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The same claims with the book's verdict and its evidence (lecturer and reveal only)."""
    chosen = _reveal_claims(plan, claims)
    return pd.DataFrame(
        {
            "claim_id": chosen["claim_id"],
            "claim": chosen["claim"],
            "verdict": chosen["verdict"].astype(str),
            "evidence": chosen["evidence"],
        }
    )


# The 1990-91 extracts --------------------------------------------------------------------------

EXTRACTS_FILE = "document_extracts.csv"


def _extract_rows(documents: pd.DataFrame, teaching_dir: Path | None) -> pd.DataFrame:
    return _keyed_rows(EXTRACTS_FILE, "document_id", documents["document_id"], teaching_dir, "document")


def document_extracts(documents: pd.DataFrame | None = None, teaching_dir: Path | None = None) -> pd.DataFrame:
    """The 1990-91 records the groups read, in order: date, speaker, where the record is
    published, the passage and the question for the group (student-safe: no reading of it)."""
    if documents is None:
        from helpers.load import load_documents

        documents = load_documents()
    rows = _extract_rows(documents, teaching_dir)
    joined = rows.merge(documents, on="document_id", how="left", validate="one_to_one")
    joined["date"] = joined["date_text"].map(date_words)
    return joined[["order", "document_id", "date", "speaker", "published_in", "key_passage", "question_for_group"]]


def extract_notes(teaching_dir: Path | None = None) -> pd.DataFrame:
    """What each extract shows, its bearing on the readings of 1990 and its caveat (guide only)."""
    from helpers.load import load_documents

    rows = _extract_rows(load_documents(), teaching_dir)
    return rows[["order", "document_id", "what_it_shows", "bearing", "caveat"]]


# The account cards and the evidence slips ------------------------------------------------------

CARDS_FILE = "account_cards.csv"
SLIPS_FILE = "evidence_slips.csv"


def account_cards(teaching_dir: Path | None = None) -> pd.DataFrame:
    """One card per rival account (data/accounts.csv): its claim, one proponent and what it
    predicts (student-safe)."""
    from helpers.checks import split_list
    from helpers.load import load_accounts

    accounts = load_accounts()
    cards = _table(CARDS_FILE, teaching_dir)
    problems = _unknown(
        cards, CARDS_FILE, "account_id", set(accounts["account_id"]), "an account_id of data/accounts.csv"
    )
    _raise(problems)
    joined = cards.merge(accounts, on="account_id", how="left", validate="one_to_one")
    for line, key, proponents in zip(joined["_line"], joined["proponent_key"], joined["proponents"]):
        if key not in split_list(proponents):
            problems.append(
                f'teaching/{CARDS_FILE}, line {line}, column "proponent_key": "{key}" is not one of the '
                "account's proponents in data/accounts.csv (expected a key of its proponents column)"
            )
    _raise(problems)
    joined["proponent"] = joined["proponent_key"].map(work_citation)
    return joined[["card", "account_id", "name", "claim", "proponent", "predicts"]].reset_index(drop=True)


def evidence_slips(teaching_dir: Path | None = None) -> pd.DataFrame:
    """The dated events the groups sort for and against their account: date and what happened
    (data/events.csv, column summary), in slip order (student-safe: no reading of them)."""
    from helpers.load import load_events

    events = load_events()
    slips = _table(SLIPS_FILE, teaching_dir)
    _raise(
        _unknown(
            slips,
            SLIPS_FILE,
            "event_id",
            set(events["event_id"]),
            "the id of a confirmed event in data/events.csv (expected an event_id found there)",
        )
    )
    joined = _ordered(slips, "slip").merge(events, on="event_id", how="left", validate="one_to_one")
    joined["date"] = joined["date_text"].map(date_words)
    return joined[["slip", "event_id", "date", "summary"]].rename(columns={"summary": "what_happened"})


def account_key(teaching_dir: Path | None = None) -> pd.DataFrame:
    """The key to the slips (lecturer only): for each slip and account, the readings recorded in
    data/event_accounts.csv (bearing and status), one row per reading; slips with no reading for
    an account have no row."""
    from helpers.load import load_event_accounts

    slips = evidence_slips(teaching_dir)[["slip", "event_id"]]
    cards = _table(CARDS_FILE, teaching_dir)[["card", "account_id"]]
    readings = load_event_accounts(include_unconfirmed=True)
    chosen = readings.merge(slips, on="event_id").merge(cards, on="account_id")
    chosen["bearing"] = chosen["bearing"].astype(str)
    chosen["status"] = chosen["status"].astype(str)
    return (
        chosen[["slip", "event_id", "card", "account_id", "bearing", "status", "reasoning"]]
        .sort_values(["slip", "card"])
        .reset_index(drop=True)
    )


# The discussion questions ------------------------------------------------------------------------


def _yaml(name: str, teaching_dir: Path | None) -> dict:
    path = _dir(teaching_dir) / name
    if not path.exists():
        raise TeachingError([f"teaching/{name}: the file is missing"])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise TeachingError([f"teaching/{name}: not readable as YAML ({error})"]) from None
    if not isinstance(raw, dict):
        raise TeachingError([f"teaching/{name}: expected a mapping at the top level"])
    return raw


QUESTION_FIELDS = ("number", "title", "concept", "prompt")
EVIDENCE_SIDES = ("for", "against")


def _text_problems(item: dict, keys, where: str) -> list[str]:
    """A problem for each of `keys` whose value in `item` is not non-empty text."""
    return [
        f'{where}, field "{key}": expected text'
        for key in keys
        if not isinstance(item.get(key), str) or not item[key].strip()
    ]


def question_problems(raw: dict, file: str = f"teaching/{QUESTIONS_FILE}") -> list[str]:
    """Every problem of the structure of questions.yml (fields, types, concepts defined)."""
    problems = []
    concepts = raw.get("concepts")
    if not isinstance(concepts, dict) or not all(isinstance(v, str) and v.strip() for v in concepts.values()):
        problems.append(f'{file}, field "concepts": expected a mapping of each concept to its definition')
        concepts = {}
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        return [*problems, f'{file}, field "questions": expected a list of questions']
    for place, question in enumerate(questions, start=1):
        where = f"{file}, question {place}"
        if not isinstance(question, dict):
            problems.append(f"{where}: expected a mapping with {', '.join(QUESTION_FIELDS)}")
            continue
        if question.get("number") != place:
            problems.append(f'{where}, field "number": expected {place}, found {question.get("number")!r}')
        problems += _text_problems(question, ("title", "prompt", "hard", "for_heading", "against_heading"), where)
        if question.get("concept") not in concepts:
            problems.append(
                f'{where}, field "concept": expected one of the concepts defined ({", ".join(concepts)}), '
                f"found {question.get('concept')!r}"
            )
        for side in EVIDENCE_SIDES:
            items = question.get(side)
            if not isinstance(items, list) or not items:
                problems.append(f'{where}, field "{side}": expected a list of evidence items')
                continue
            for number, item in enumerate(items, start=1):
                at = f'{where}, field "{side}", item {number}'
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    problems.append(f"{at}: expected a mapping with text, rows and see")
                    continue
                for key in ("rows", "see"):
                    if not isinstance(item.get(key, []), list):
                        problems.append(f'{at}, field "{key}": expected a list')
                if not item.get("rows") and not item.get("see"):
                    problems.append(f"{at}: expected at least one row of data/ or one place in the book")
    return problems


def question_notes(teaching_dir: Path | None = None) -> list[dict]:
    """The discussion questions with the evidence on both sides and what makes each hard
    (guide only); each question also carries its concept's definition as ``definition``."""
    raw = _yaml(QUESTIONS_FILE, teaching_dir)
    _raise(question_problems(raw))
    return [dict(question, definition=raw["concepts"][question["concept"]]) for question in raw["questions"]]


def concepts(teaching_dir: Path | None = None) -> dict[str, str]:
    """The concepts the discussion ties to, each with its one-sentence definition."""
    raw = _yaml(QUESTIONS_FILE, teaching_dir)
    _raise(question_problems(raw))
    return dict(raw["concepts"])


def discussion_questions(teaching_dir: Path | None = None) -> list[dict]:
    """The discussion questions as students receive them: number, title, concept and prompt
    (student-safe: no evidence notes)."""
    return [{key: question[key] for key in QUESTION_FIELDS} for question in question_notes(teaching_dir)]


# Places in the book ----------------------------------------------------------------------------

_LABEL = re.compile(r"^\(([A-Za-z0-9_.:-]+)\)=\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_INCLUDE = re.compile(r"^```\{include\}\s+(\S+)")


@dataclass(frozen=True)
class Place:
    """A place in a chapter: its page, the id of the element in the built HTML, its heading."""

    doc: str
    anchor: str
    heading: str
    chapter: str

    @property
    def href(self) -> str:
        """The link from another page of chapters/ ('after_cold_war.html#after-cold-war-readings')."""
        return f"{self.doc}.html" + (f"#{self.anchor}" if self.anchor else "")


def _plain_heading(text: str) -> str:
    text = re.sub(r"\{[a-z:]+\}`([^`]*)`", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def _source_lines(path: Path) -> list[str]:
    """A chapter's lines, with the lines of the files it includes in place."""
    lines, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _INCLUDE.match(line)
        if skipping:
            skipping = line.strip() != "```"  # the include directive's options, then its closing fence
        elif match and (path.parent / match.group(1)).exists():
            lines.extend(_source_lines((path.parent / match.group(1)).resolve()))
            skipping = True
        else:
            lines.append(line)
    return lines


def chapter_places(doc: str, chapters_dir: Path | None = None) -> dict[str, Place]:
    """Every place a link can land on in a chapter: its MyST labels and the ids Sphinx gives its
    headings (docutils' make_id of the heading text), each with the heading it stands above."""
    from docutils.nodes import make_id

    path = Path(chapters_dir or CHAPTERS_DIR) / f"{doc}.md"
    if not path.exists():
        return {}
    places, pending, title, fenced = {}, [], "", False
    for line in _source_lines(path):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        label = _LABEL.match(line)
        if label:
            pending.append(label.group(1))
            continue
        heading = _HEADING.match(line)
        if heading:
            text = _plain_heading(heading.group(2))
            title = title or text
            for anchor in [*pending, make_id(text)]:
                places.setdefault(anchor, Place(doc, anchor, text, title))
            pending = []
        elif line.strip() and pending:
            pending = []  # a label above something other than a heading (a figure, a table)
    return {anchor: Place(p.doc, p.anchor, p.heading, title) for anchor, p in places.items()}


def resolve_target(target: str, chapters_dir: Path | None = None) -> Place | None:
    """The place a target names ("docname" or "docname#label-or-heading-id"), or None when the
    chapter has no such label or heading."""
    doc, _, anchor = target.partition("#")
    places = chapter_places(doc, chapters_dir)
    if not places:
        return None
    if not anchor:
        first = next(iter(places.values()))
        return Place(doc, "", first.chapter, first.chapter)
    return places.get(anchor)


def target_problems(targets, where: str, chapters_dir: Path | None = None) -> list[str]:
    """One message per target that lands on no label or heading of its chapter."""
    problems = []
    for target in targets:
        doc, _, anchor = str(target).partition("#")
        if not (Path(chapters_dir or CHAPTERS_DIR) / f"{doc}.md").exists():
            problems.append(f'{where}: "{target}" names no chapter (expected chapters/{doc}.md to exist)')
        elif resolve_target(str(target), chapters_dir) is None:
            problems.append(
                f'{where}: "{target}" lands on nothing in chapters/{doc}.md (expected a MyST label ({anchor})= '
                "above a heading, or a heading whose id is that)"
            )
    return problems


# Every check at once ---------------------------------------------------------------------------


def _schema_problems(teaching_dir: Path) -> list[str]:
    """The teaching tables against teaching/datapackage.json (frictionless), in the book's words."""
    import json

    from frictionless import Package

    from helpers.checks import _translate, read_raw

    descriptor = json.loads((teaching_dir / "datapackage.json").read_text(encoding="utf-8"))
    problems, present = [], []
    for resource in descriptor["resources"]:
        if read_raw(teaching_dir / resource["path"]) is None:
            problems.append(f"teaching/{resource['path']}: the file is missing or empty (expected a header and rows)")
        else:
            present.append(dict(resource, schema=dict(resource["schema"], fieldsMatch="equal")))
    report = Package.from_descriptor(dict(descriptor, resources=present), basepath=str(teaching_dir)).validate()
    by_name = {r["name"]: r for r in present}
    for task in report.tasks:
        resource = by_name[task.name]
        raw = read_raw(teaching_dir / resource["path"])
        for error in task.errors:
            problem = _translate(error.to_descriptor(), resource, raw)
            if problem is not None:
                where = [f"teaching/{problem.file}"]
                if problem.line is not None:
                    where.append(f"line {problem.line}")
                if problem.column:
                    where.append(f'column "{problem.column}"')
                problems.append(", ".join(where) + ": " + problem.message)
    return problems


def _data_texts(data_dir: Path | None = None) -> dict[str, str]:
    """Every row of data/ that evidence may name, by its id, as one text of all its cells
    (confirmed rows only where the table has a status)."""
    directory = Path(data_dir or DATA_DIR)
    texts = {}
    for file, key in (
        ("statements.csv", "statement_id"),
        ("events.csv", "event_id"),
        ("documents.csv", "document_id"),
        ("claims.csv", "claim_id"),
        ("accounts.csv", "account_id"),
        ("borders.csv", "border_id"),
    ):
        frame = pd.read_csv(directory / file, dtype=str, keep_default_na=False)
        if "status" in frame:
            frame = frame[frame["status"] == "confirmed"]
        for _, row in frame.iterrows():
            texts[row[key]] = " ".join(row.to_numpy())
    return texts


def _normal(text: str) -> str:
    for fancy, simple in {"’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "–": "-", "—": "-"}.items():
        text = text.replace(fancy, simple)
    return " ".join(text.replace('"', " ").replace("'", "'").lower().split())


def quoted_words(text: str) -> list[str]:
    """The words a text puts in double quotes ("..." or “...”)."""
    return [m.strip(" .,;:") for m in re.findall(r"[\"“]([^\"”]+)[\"”]", text)]


def evidence_problems(
    questions: list[dict], data_dir: Path | None = None, chapters_dir: Path | None = None
) -> list[str]:
    """Each evidence item's rows exist in data/, its places exist in the book, and every quotation
    in it is found in one of the rows or chapters it names."""
    texts = _data_texts(data_dir)
    chapter_text: dict[str, str] = {}
    problems = []
    for question in questions:
        for side in EVIDENCE_SIDES:
            for number, item in enumerate(question.get(side) or [], start=1):
                where = f'teaching/{QUESTIONS_FILE}, question {question["number"]}, field "{side}", item {number}'
                rows, places = item.get("rows") or [], item.get("see") or []
                for row in rows:
                    if row not in texts:
                        problems.append(
                            f'{where}, field "rows": "{row}" is not the id of a confirmed row of data/ '
                            "(expected a statement, event, document, claim, account or border id)"
                        )
                problems += target_problems(places, f'{where}, field "see"', chapters_dir)
                sources = [texts.get(row, "") for row in rows]
                for place in places:
                    doc = place.partition("#")[0]
                    path = Path(chapters_dir or CHAPTERS_DIR) / f"{doc}.md"
                    if doc not in chapter_text and path.exists():
                        chapter_text[doc] = _normal("\n".join(_source_lines(path)))
                    sources.append(chapter_text.get(doc, ""))
                found = _normal(" ".join(sources))
                for words in quoted_words(item["text"]):
                    if _normal(words) not in found:
                        problems.append(
                            f'{where}: the quotation "{words}" is in none of the rows and chapters the item names '
                            "(expected its words in one of them)"
                        )
    return problems


def teaching_problems(teaching_dir: Path | None = None, data_dir: Path | None = None) -> list[str]:
    """Every problem in teaching/: the tables against their schema, the ids they name against
    data/, the session plan and the places it shows, the discussion questions and their
    evidence, the assessment and its quiz. Empty when all is well."""
    teaching_dir = _dir(teaching_dir)
    problems = _schema_problems(teaching_dir)
    if problems:
        return problems
    for check in (coding_sheet, document_extracts, account_cards, evidence_slips):
        try:
            check(teaching_dir=teaching_dir)
        except TeachingError as error:
            problems += error.problems
    try:
        plan = load_plan(teaching_dir / "plan.yml", data_dir)
    except PlanError as error:
        problems += error.problems
    else:
        for segment in plan.segments:
            problems += target_problems(segment.show, f'teaching/plan.yml, segment {segment.id}, field "show"')
    try:
        raw = _yaml(QUESTIONS_FILE, teaching_dir)
    except TeachingError as error:
        problems += error.problems
    else:
        structure = question_problems(raw)
        problems += structure or evidence_problems(raw["questions"], data_dir)
    try:
        raw = _yaml(ASSESSMENT_FILE, teaching_dir)
    except TeachingError as error:
        problems += error.problems
    else:
        structure = assessment_problems(raw)
        problems += structure or quiz_problems(raw["quiz"], data_dir)
    problems += class_code_problems(teaching_dir / "class_codes_example.csv", teaching_dir=teaching_dir)
    return problems


def check_teaching(teaching_dir: Path | None = None, data_dir: Path | None = None) -> None:
    """Raise :class:`TeachingError` listing every problem in teaching/, or return None."""
    _raise(teaching_problems(teaching_dir, data_dir))


# A class's codes ---------------------------------------------------------------------------------

CLASS_RESOURCE = "class_codes_example"


class ClassCodesError(TeachingError):
    """A class's codes file is broken; the message lists every problem, one per line."""

    def __init__(self, problems: list[str]):
        super().__init__(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the class's codes:"
        Exception.__init__(self, "\n".join([head, *("  " + p for p in self.problems)]))


CLASS_COLUMNS = ("statement_id", "coder", "nato_view", "ukraine_membership_view", "rationale")


def class_code_problems(
    path: Path, statements: pd.DataFrame | None = None, teaching_dir: Path | None = None
) -> list[str]:
    """Every problem of a class's codes file, one line each naming the file, the line, the
    column and what was expected: the columns and types of teaching/datapackage.json
    (frictionless), every statement a confirmed row of data/statements.csv, and no coder named
    as one of the book's own (A, B, final)."""
    import json

    from frictionless import Resource, Schema

    from helpers.agreement import BOOK_CODERS
    from helpers.checks import _translate, read_raw

    path = Path(path)
    name = path.name
    if not path.exists():
        return [f"{path}: no such file (expected a CSV file with the columns {', '.join(CLASS_COLUMNS)})"]
    raw = read_raw(path)
    if raw is None or not raw.rows:
        return [f"{name}: the file has no rows of codes (expected a header and one row per coder and statement)"]
    descriptor = json.loads((_dir(teaching_dir) / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == CLASS_RESOURCE)
    schema = dict(resource["schema"], fieldsMatch="equal")
    report = Resource(path=name, basepath=str(path.parent.resolve()), schema=Schema.from_descriptor(schema)).validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problem = _translate(error.to_descriptor(), dict(resource, path=name), raw)
            if problem is not None:
                where = [name] + ([f"line {problem.line}"] if problem.line else [])
                where += [f'column "{problem.column}"'] if problem.column else []
                problems.append(", ".join(where) + ": " + problem.message)
    if statements is None:
        from helpers.load import load_statements

        statements = load_statements()
    known = set(statements["statement_id"])
    for line, row in zip(raw.lines, raw.rows):
        statement = row.get("statement_id", "")
        if statement and statement not in known:
            problems.append(
                f'{name}, line {line}, column "statement_id": "{statement}" is not the id of a confirmed statement '
                "in data/statements.csv (copy the ids from the template)"
            )
        if row.get("coder", "") in BOOK_CODERS:
            problems.append(
                f'{name}, line {line}, column "coder": "{row["coder"]}" is a coder of the book itself '
                "(expected a student's short name, such as s01)"
            )
    return problems


def load_class_codes(path: Path, statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """A class's codes, checked (:func:`class_code_problems`), as data/stance_codes.csv types
    them: codes as nullable integers, an empty Ukraine code as <NA>."""
    problems = class_code_problems(path, statements)
    if problems:
        raise ClassCodesError(problems)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in ("nato_view", "ukraine_membership_view"):
        frame[column] = pd.to_numeric(frame[column].replace("", pd.NA)).astype("Int64")
    return frame[list(CLASS_COLUMNS)]


# The assessment ----------------------------------------------------------------------------------

RUBRIC_BANDS = (("first", "A first-class answer"), ("two_one", "A 2:1 answer"), ("pass", "A pass answer"))
MATCHES = ("equals", "contains")


def assessment_problems(raw: dict, file: str = f"teaching/{ASSESSMENT_FILE}") -> list[str]:
    """Every problem of the structure of assessment.yml (essays with a rubric, a numbered quiz
    whose every question has an answer and checks)."""
    problems = []
    for key in ("bands", "habits"):
        if not isinstance(raw.get(key), str):
            problems.append(f'{file}, field "{key}": expected text')
    essays = raw.get("essays")
    if not isinstance(essays, list) or len(essays) < 1:
        problems.append(f'{file}, field "essays": expected a list of essays')
        essays = []
    for place, essay in enumerate(essays, start=1):
        where = f"{file}, essay {place}"
        if not isinstance(essay, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        problems += _text_problems(essay, ("title", "level", "brief"), where)
        if not isinstance(essay.get("words"), int):
            problems.append(f'{where}, field "words": expected a whole number')
        for key, _ in RUBRIC_BANDS:
            if not isinstance(essay.get(key), list) or not all(isinstance(x, str) for x in essay.get(key) or [None]):
                problems.append(f'{where}, field "{key}": expected a list of what such an answer contains')
        problems += target_problems(essay.get("see") or [], f'{where}, field "see"')
    quiz = raw.get("quiz")
    if not isinstance(quiz, list) or not quiz:
        return [*problems, f'{file}, field "quiz": expected a list of questions']
    for place, item in enumerate(quiz, start=1):
        where = f"{file}, quiz question {place}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping with n, question, answer and checks")
            continue
        if item.get("n") != place:
            problems.append(f'{where}, field "n": expected {place}, found {item.get("n")!r}')
        problems += _text_problems(item, ("question", "answer"), where)
        checks = item.get("checks")
        if not isinstance(checks, list) or not checks:
            problems.append(f'{where}, field "checks": expected at least one check against data/')
            continue
        for number, check in enumerate(checks, start=1):
            ok = (
                isinstance(check, dict)
                and isinstance(check.get("file"), str)
                and isinstance(check.get("key"), dict)
                and len(check["key"]) == 1
                and isinstance(check.get("column"), str)
                and check.get("match") in MATCHES
                and isinstance(check.get("value"), str)
            )
            if not ok:
                problems.append(
                    f"{where}, check {number}: expected file, key (one column: value), column, match "
                    f"({' or '.join(MATCHES)}) and value (text)"
                )
    return problems


def assessment(teaching_dir: Path | None = None) -> dict:
    """The assessment (essays with rubrics, the quiz with answers and checks), its structure
    checked (guide only; the handout prints the essay titles)."""
    raw = _yaml(ASSESSMENT_FILE, teaching_dir)
    _raise(assessment_problems(raw))
    return raw


def essay_titles(teaching_dir: Path | None = None) -> list[dict]:
    """The essays as students receive them: number, level, words and title (student-safe)."""
    return [
        {key: essay[key] for key in ("number", "level", "words", "title")}
        for essay in assessment(teaching_dir)["essays"]
    ]


def quiz_problems(quiz: list[dict], data_dir: Path | None = None) -> list[str]:
    """Each quiz answer checked against data/: one message per failed check, quoting the
    question, so that an edit of the data that falsifies an answer names it."""
    directory = Path(data_dir or DATA_DIR)
    tables: dict[str, pd.DataFrame] = {}
    problems = []
    for item in quiz:
        for check in item["checks"]:
            file = check["file"]
            if file not in tables:
                path = directory / file
                tables[file] = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else None
            table = tables[file]
            (column_key, key), column = next(iter(check["key"].items())), check["column"]
            said = f'The quiz\'s question {item["n"]} ("{item["question"]}") has the answer "{item["answer"]}"; '
            if table is None or column_key not in table or column not in table:
                problems.append(said + f"data/{file} has no column {column_key!r} or {column!r} to check it against")
                continue
            rows = table[table[column_key] == key]
            if rows.empty:
                problems.append(said + f"data/{file} has no row {key} any more")
                continue
            cell = rows.iloc[0][column]
            value = check["value"]
            holds = cell == value if check["match"] == "equals" else _normal(value) in _normal(cell)
            if not holds:
                expected = f'"{value}"' if check["match"] == "equals" else f'text containing "{value}"'
                problems.append(
                    said + f'with the data as it now is, data/{file}, row {key}, column {column} is "{cell}", '
                    f"not {expected}. Edit the question or the data."
                )
    return problems


# The guide's blocks --------------------------------------------------------------------------------


def link(target: str, chapters_dir: Path | None = None) -> str:
    """A Markdown link to a place in the book, from a page of chapters/, named by its chapter
    and heading: '[The debate: who reads the record how (After the Cold War, 1990 to 2004)](...)'.
    Raises TeachingError when the place does not exist (so a computed page cannot link to
    nothing)."""
    place = resolve_target(target, chapters_dir)
    if place is None:
        raise TeachingError(target_problems([target], "a link", chapters_dir))
    text = place.chapter if not place.anchor or place.heading == place.chapter else f"{place.heading} ({place.chapter})"
    return f"[{text}]({place.href})"


def segment_markdown(segment: Segment) -> str:
    """One segment of the plan as the guide prints it: its minutes, what to show (links that land
    on the place), what to ask, what to expect and what to cut."""
    parts = [f"**Minutes {segment.start} to {segment.end}** ({segment.minutes} minutes, {segment.kind})."]
    if segment.show:
        parts.append("**Show:**\n\n" + "\n".join(f"- {link(target)}" for target in segment.show))
    if segment.ask:
        parts.append("**Ask:**\n\n" + "\n".join(f"- {item}" for item in segment.ask))
    if segment.expect:
        parts.append("**Expect:**\n\n" + "\n".join(f"- {item}" for item in segment.expect))
    if segment.cut:
        parts.append(f"**If time runs short:** {segment.cut}")
    return "\n\n".join(parts)
