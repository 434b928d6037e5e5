"""Nothing a student receives shows an answer: checked on the built outputs, against the data.

One module fixture runs ``make pdf`` (the handout, the student edition and the lecturer's guide)
and ``make slides`` (the session deck) once, on the strict build of the book. Then the text of
the handout PDF, of the student edition PDF and of every slide before the reveal (its speaker
notes included) must not show:

* a verdict of ``data/claims.csv`` with its claim (a verdict word beside the claim's words or
  id, or a sentence saying a claim is rated so), nor any sentence of a claim's ``evidence``;
* a final code of ``data/stance_codes.csv`` given as the code of a statement of the coding
  sheet;
* lecturer-only text: a sentence of the plan's ``expect`` fields or of the teaching tables'
  guide columns.

The handout must also hold no unexplained id (``srcdoc-001``, ``st-2014-...``). And the
lecturer's guide PDF, made from the same build, must hold all three kinds of answer, so the
checks are shown to find what they look for. The text of a PDF comes from ``pdftotext``
(Debian's poppler-utils).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import answers
import pytest

from bookscripts import pdf, slides
from helpers import teaching
from helpers.data import load_claims, load_stance_codes, stance_labels

pytestmark = pytest.mark.build

VERDICTS = ("confirmed", "qualified", "contested", "contradicted", "unverified")
VERDICT = re.compile(r"\b(" + "|".join(VERDICTS) + r")\b")
# "confirmed, qualified, contested, contradicted or unverified": the list to choose from, not a verdict
MENU = re.compile(r"\b(?:" + "|".join(VERDICTS) + r")(?:\W+(?:or|and)?\W*(?:" + "|".join(VERDICTS) + r")){2,}\b")
NOT_A_VERDICT = re.compile(r"\bnot (?:yet )?confirmed\b|\bshare confirmed\b")  # "site name not confirmed"
# A sentence that gives a verdict without the claim's words: "the book rates the story qualified",
# "the book's verdict on the claim is contested", "gives the claim the verdict contested".
_V = "(?:" + "|".join(VERDICTS) + ")"
STATED = re.compile(
    rf"\b(?:rates?|rated)\b[^.;]{{0,200}}?[\"'*]?\b{_V}\b|\bverdict (?:on|of) [^.;]{{0,80}}? is\W+{_V}\b"
    rf"|\bthe verdict\W+{_V}\b|\bis\W+{_V}\W+the verdict\b"
)
# "change the verdict of ... to confirmed": an exercise's what-if, not the book's verdict
WHAT_IF = re.compile(rf"\bchange[^.;]{{0,160}}?\bto\W+{_V}\b(?:[^.;]{{0,120}}?\bto\W+{_V}\b)?")
WINDOW = 240  # characters after a claim (or a statement) in which its verdict (or code) would be shown


def normal(text: str) -> str:
    """Lower case, one space between words, straight quotes and dashes."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[‐‑‒–—]", "-", text)
    return " ".join(text.lower().split())


def sentences(text: str, shortest: int = 50) -> list[str]:
    """The sentences of `text` at least `shortest` characters long, normalised."""
    parts = re.split(r"(?<=[.!?;:])\s+(?=[A-Z(\"“'])", text or "")
    return [normal(p).rstrip(".;:") for p in parts if len(normal(p)) >= shortest]


def _near(text: str, needle: str, before: int = 60, after: int = WINDOW):
    for match in re.finditer(re.escape(needle), text):
        yield text[max(0, match.start() - before) : match.end() + after]


def verdict_problems(text: str, claims) -> list[str]:
    text = normal(text)
    problems = []
    for row in claims.itertuples():
        for needle in (normal(row.claim).rstrip("."), row.claim_id):
            for window in _near(text, needle):
                shown = VERDICT.findall(MENU.sub(" ", NOT_A_VERDICT.sub(" ", WHAT_IF.sub(" ", window))))
                if shown:
                    problems.append(f"{row.claim_id}: the verdict {shown[0]!r} beside the claim: ...{window}...")
                    break
        for sentence in sentences(row.evidence, 60):
            if sentence in text:
                problems.append(f"{row.claim_id}: a sentence of its evidence: {sentence[:90]}...")
    for match in STATED.finditer(text):
        problems.append(f"a verdict stated: ...{text[max(0, match.start() - 80) : match.end() + 20]}...")
    return problems


def code_problems(text: str, sheet, codes) -> list[str]:
    """A final code shown as the code of a statement of the coding sheet."""
    text = normal(text)
    labels = [
        normal(label) for scale in ("nato_view", "ukraine_membership_view") for label in stance_labels(scale).values()
    ]
    named = "|".join(map(re.escape, labels))
    coded = re.compile(
        rf"\bcoded? (?:as )?[1-5]\b|\b[1-5] \(?(?:{named})\b"
        r"|\b(?:nato|ukraine's membership) [1-5]\s+[1-5]"
    )
    final = codes[codes["coder"] == "final"].set_index("statement_id")
    problems = []
    for row in sheet.itertuples():
        # its id, its words, or its date as the sheet gives it (a table may break "17 May 2002" after the month)
        needles = [row.statement_id, normal(row.text)[:60], " ".join(normal(row.date).split()[:2])]
        for needle in needles:
            for window in _near(text, needle, before=0):
                found = coded.search(window)
                if found:
                    code = final.loc[row.statement_id, "nato_view"]
                    problems.append(
                        f"statement {row.order} (final NATO code {code}): {found.group(0)!r} in ...{window}..."
                    )
                    break
    return problems


def lecturer_sentences() -> list[str]:
    """The sentences only the lecturer's guide may hold: the plan's expect fields and the teaching
    tables' guide columns."""
    plan = teaching.load_plan()
    texts = [item for segment in plan.segments for item in segment.expect]
    for table, columns in (
        (teaching.coding_notes(), ("why_chosen", "rule_tested")),
        (teaching.extract_notes(), ("what_it_shows", "bearing", "caveat")),
    ):
        for column in columns:
            texts += [str(value) for value in table[column].dropna()]
    found = []
    for text in texts:
        found += sentences(text, 60)
    return sorted(set(found))


def lecturer_text_problems(text: str, lecturer: list[str]) -> list[str]:
    text = normal(text)
    return [f"lecturer-only text: {sentence[:100]}..." for sentence in lecturer if sentence in text]


ID = re.compile(r"\bsrcdoc-\d+|\bst-\d{4}-")


def pdf_text(path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


# --- The checks on small texts: each finds what it looks for ---------------------------------------


def test_the_checks_find_a_verdict_a_code_and_lecturer_text():
    claims = load_claims()
    row = claims[claims["claim_id"] == "1990-assurances-broken"].iloc[0]
    assert verdict_problems(f"Claim: {row.claim} Verdict: {row.verdict}.", claims)
    assert verdict_problems("The book rates the claim contested.", claims)
    first_evidence = sentences(row.evidence, 60)[0]
    assert verdict_problems(first_evidence.capitalize() + ".", claims)
    menu = f"{row.claim} Which verdict: confirmed, qualified, contested, contradicted or unverified?"
    assert not verdict_problems(menu, claims), "the list to choose from is not a verdict"
    what_if = f"Change the verdict of the claim whose claim_id is {row.claim_id} to confirmed and redraw the chart."
    assert not verdict_problems(what_if, claims), "an exercise's what-if is not the book's verdict"
    sheet = teaching.coding_sheet()
    codes = load_stance_codes()
    statement = sheet.iloc[2]
    assert code_problems(f"“{statement.text}” coded 2 (wary partner)", sheet, codes)
    assert code_problems(f"{statement.statement_id} NATO 2 2 2", sheet, codes)
    assert not code_problems(f"“{statement.text}” NATO code: ____", sheet, codes)
    assert code_problems(f"{statement.order} {statement.date} 2 (wary partner) / 2 (wary partner)", sheet, codes)
    lecturer = lecturer_sentences()
    assert lecturer and lecturer_text_problems("Notes. " + lecturer[0] + ". More.", lecturer)


# --- The built outputs ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(built_book, tmp_path_factory):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed, so reveal.js cannot be installed (apt-get install npm)")
    work = tmp_path_factory.mktemp("outputs")
    root = built_book.parent.parent
    made = pdf.make_pdfs(root, work / "pdf", work / "work", {"handout", "guide", "student"}, html=built_book)
    deck, _ = slides.make_session_deck(root, built_book, work / "slides", work / "npm")
    return {path.name: path for path in made}, deck


@pytest.fixture(scope="module")
def checks():
    return load_claims(), teaching.coding_sheet(), load_stance_codes(), lecturer_sentences()


def _all_problems(text: str, checks) -> list[str]:
    claims, sheet, codes, lecturer = checks
    return verdict_problems(text, claims) + code_problems(text, sheet, codes) + lecturer_text_problems(text, lecturer)


def _made(outputs, key: str):
    made, _ = outputs
    name = pdf.OUTPUTS[key]
    if name not in made:
        pytest.skip(f"{name} was not made (its page does not exist yet)")
    return made[name]


def test_the_handout_shows_no_answer_and_no_bare_id(outputs, checks):
    text = pdf_text(_made(outputs, "handout"))
    problems = _all_problems(text, checks)
    problems += [f"an unexplained id: {m.group(0)}..." for m in ID.finditer(text)]
    assert not problems, "\n".join(problems)


def test_the_student_edition_shows_no_answer(outputs, checks):
    text = pdf_text(_made(outputs, "student"))
    assert normal(answers.LEFT_OUT_NOTE) in normal(text), "the marked answers are replaced by the note"
    assert "solution to exercise" not in normal(text), "the exercises' solutions are left out"
    problems = _all_problems(text, checks)
    assert not problems, "\n".join(problems)


def test_no_slide_before_the_reveal_shows_an_answer(outputs, checks):
    from bs4 import BeautifulSoup

    _, deck = outputs
    sections = BeautifulSoup(deck.read_text(encoding="utf-8"), "html.parser").select(".slides > section")
    first_answer = next(i for i, s in enumerate(sections) if s.get("data-answer"))
    reveal = teaching.load_plan().reveal.id
    assert sections[first_answer].get("data-segment") == reveal, "the first answer is in the reveal"
    before = " ".join(s.get_text(" ", strip=True) for s in sections[:first_answer])
    assert any(s.get("class") == ["claim-slide"] for s in sections[:first_answer]), "the claim cards come first"
    problems = _all_problems(before, checks)
    assert not problems, "\n".join(problems)
    _, _, _, lecturer = checks
    whole = " ".join(s.get_text(" ", strip=True) for s in sections)
    assert not lecturer_text_problems(whole, lecturer), "what the plan expects stays in the guide"


def test_the_lecturers_guide_holds_the_answers(outputs, checks):
    """The same checks find the verdicts, the codes and the lecturer's notes in the guide."""
    text = pdf_text(_made(outputs, "guide"))
    plan = teaching.load_plan()
    claims, sheet, codes, lecturer = checks
    reveal = claims[claims["claim_id"].isin(plan.reveal.claims)]
    assert verdict_problems(text, reveal), "the guide gives the reveal's verdicts"
    assert code_problems(text, sheet, codes), "the guide gives the final codes of the sheet"
    assert lecturer_text_problems(text, lecturer), "the guide holds what the plan expects"


def test_the_pre_reading_shows_no_answer(built_book, checks):
    """Each section the handout sends students to before the session (its pre-reading list) holds
    no element marked as an answer and no verdict of the claims the reveal shows."""
    from bs4 import BeautifulSoup

    from bookscripts.session import _region

    text = (built_book.parent.parent / "chapters" / "handout.md").read_text(encoding="utf-8")
    start = text.index("## Before the session")
    labels = re.findall(r"\{ref\}`([^`]+)`", text[start : text.index("\n## ", start + 1)])
    assert len(labels) >= 4, "the pre-reading names its sections"
    claims, _, _, _ = checks
    reveal = claims[claims["claim_id"].isin(teaching.load_plan().reveal.claims)]
    pages = {
        path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in built_book.glob("chapters/*.html")
    }
    problems = []
    for label in labels:
        found = [(path, _region(soup, label)) for path, soup in pages.items() if soup.find(id=label) is not None]
        assert len(found) == 1, f"the label {label} is on one page"
        path, region = found[0]
        marked = region.select(slides.ANSWER_SELECTOR)
        if marked:
            problems.append(
                f"{path.name}#{label}: an element marked as an answer: {marked[0].get_text(' ', strip=True)[:120]}"
            )
        problems += [f"{path.name}#{label}: {p}" for p in verdict_problems(region.get_text(" ", strip=True), reveal)]
    assert not problems, "\n".join(problems)


def page_texts(path) -> list[str]:
    """The text of each page of a PDF (pdftotext separates pages with a form feed)."""
    text = pdf_text(path)
    return text.split("\f")[:-1] if "\f" in text else [text]


def nearly_blank_pages(pages: list[str], share: float = 0.25) -> list[int]:
    """The pages (numbered from 1) holding less than `share` of the median page's text."""
    sizes = sorted(len(" ".join(page.split())) for page in pages)
    median = sizes[len(sizes) // 2]
    return [number for number, page in enumerate(pages, 1) if len(" ".join(page.split())) < share * median]


def test_the_handout_has_no_nearly_blank_page(outputs):
    pages = page_texts(_made(outputs, "handout"))
    assert len(pages) > 1
    assert not nearly_blank_pages(pages), f"nearly blank pages of {len(pages)}: {nearly_blank_pages(pages)}"


def test_the_blank_page_check_finds_a_nearly_empty_last_page():
    full = "word " * 600
    assert nearly_blank_pages([full, full, full, "Heading one entry"]) == [4]
    assert not nearly_blank_pages([full, full, full[:2000]])
