"""The session deck of ``make slides``: the seminar of ``teaching/plan.yml``, in the plan's order.

The deck follows the plan segment by segment (``helpers.teaching.load_plan``). Each segment
opens with a slide of its title and what to ask; then come

* except in an activity, which runs from the papers, the figures (and small tables) that its
  ``show`` targets point to, taken from the built
  pages: the ``<figure>`` under the target (the book's ``figure.book-figure``, or a numbered
  Sphinx figure), leaving out solutions and, before the reveal, anything with the ``answer``
  marker;
* for the coding activity, the six statements of the coding sheet (``coding_sheet``: date,
  venue, words, the Russian where the data has it, context; no codes);
* for the reveal, first the claim cards without verdicts (``claim_cards``), then the book's
  codes of the six statements (``coding_key``) and the verdicts with their evidence
  (``claim_verdicts``);
* for the discussion, the questions (``discussion_questions``).

Every slide carries ``data-segment``; the slides that show answers carry ``data-answer``, and
none comes before the reveal. Every slide's speaker notes start with its segment's minutes and
its start and end minute, computed from the plan (so the deck and the lecturer's guide cannot
disagree), and add what to cut if time runs short. What the plan expects of the students
(``expect``) stays in the lecturer's guide: a deck is often shared with students afterwards.

The deck is 1920 x 1080 (``slides/session.css``): at that size no text is smaller than 24 px,
which the browser test ``tests/test_slides_browser.py`` checks slide by slide.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from .slides import REVEAL_VERSION, Book, Figure, _chunks, _text, figures_in, inline_image, is_marked

WIDTH, HEIGHT = 1920, 1080
CODING_RULES = "codebook#codebook-rules"  # the segment that shows the coding rules is the coding activity
ASK_CHARS = 560  # text of the asks on one slide
TABLE_ROWS, TABLE_CHARS = 9, 700  # a table larger than this stays in the book (too small to read)
esc = html.escape


@dataclass
class Slide:
    body: str  # the inner HTML of the <section>
    segment: str  # the id of the plan's segment
    kind: str  # opener, figure, table, statement, claim, codes, verdict, question, title
    answer: bool = False  # shows a verdict or a code: only from the reveal on
    notes: list[str] = field(default_factory=list)


@dataclass
class Shown:
    """What one ``show`` target of the plan points to on a built page."""

    target: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


# --- The places the plan shows -----------------------------------------------------------------


def _page(html_dir: Path, doc: str) -> Path:
    for candidate in (html_dir / "chapters" / f"{doc}.html", html_dir / f"{doc}.html"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"slides: the plan shows {doc}, but {doc}.html is not in {html_dir}; is the book built?")


def _region(soup, anchor: str):
    """The element a target's anchor names: a section, a figure, or what a label stands before."""
    element = soup.find(id=anchor)
    if element is None:
        return None
    if element.name in ("section", "figure") or element.find("figure") is not None:
        return element
    following = element.find_next_sibling()
    if following is None or re.match(r"^h[1-6]$", following.name or ""):
        return element.parent  # a label's span at the top of its section
    return following


def _heading(region) -> str:
    heading = region.find(re.compile(r"^h[1-6]$"))
    if heading is None:
        return ""
    for number in heading.select(".section-number"):
        number.decompose()
    return _text(heading)


def _small_table(table) -> str | None:
    rows = table.find_all("tr")
    if not rows or len(rows) > TABLE_ROWS or len(_text(table)) > TABLE_CHARS:
        return None
    grid = [row.find_all(["th", "td"], recursive=False) for row in rows]
    # pandas prints its default index (0, 1, 2, ...) as an unnamed first column: not for a slide
    first = [_text(row[0]) for row in grid if row]
    skip = int(bool(first) and first[0] == "" and all(value == str(i) for i, value in enumerate(first[1:])))
    cells = []
    for row in grid:
        tags = [f"<{cell.name}>{esc(_text(cell))}</{cell.name}>" for cell in row[skip:]]
        cells.append(f"<tr>{''.join(tags)}</tr>")
    caption = table.find("caption")
    head = f"<caption>{esc(_text(caption))}</caption>" if caption is not None else ""
    return f"<table>{head}{''.join(cells)}</table>"


def shown_at(html_dir: Path, target: str, *, answers: bool) -> Shown:
    """The figures and small tables at `target` ("docname#anchor") in the build at `html_dir`."""
    from bs4 import BeautifulSoup

    doc, _, anchor = target.partition("#")
    page = _page(html_dir, doc)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for link in soup.select("a.headerlink"):
        link.decompose()
    region = _region(soup, anchor)
    if region is None:
        raise SystemExit(f"slides: the plan shows {target}, but {page.name} has no element with id {anchor!r}")
    shown = Shown(target=target, title=_heading(region) or anchor)
    shown.figures = figures_in(region, answers=answers)
    for figure in shown.figures:
        figure.src = inline_image(figure.src, page.parent)
    for table in region.find_all("table"):
        if table.find_parent(class_="solution") is not None:
            continue
        if not answers and is_marked(table):
            continue
        small = _small_table(table)
        if small is not None:
            shown.tables.append(small)
    return shown


# --- The slides ---------------------------------------------------------------------------------


def _timing(plan, segment) -> str:
    number = [s.id for s in plan.segments].index(segment.id) + 1
    return (
        f'<p class="timing" data-minutes="{segment.minutes}" data-start="{segment.start}" data-end="{segment.end}">'
        f"{esc(segment.title)}: {segment.minutes} minutes, from minute {segment.start} to minute {segment.end} "
        f"of {plan.total_minutes} (segment {number} of {len(plan.segments)}).</p>"
    )


def _kicker(segment, extra: str = "") -> str:
    text = f"Minute {segment.start} to {segment.end} · {segment.title}"
    return f'<p class="kicker">{esc(text)}{" · " + esc(extra) if extra else ""}</p>'


def _figure_slide(segment, shown: Shown, figure: Figure) -> Slide:
    size = figure.tall
    body = (
        _kicker(segment, shown.title)
        + f'<h2 class="visually-hidden">{esc(figure.title or shown.title)}</h2>'
        + f'<figure class="book-figure{" tall" if size else ""}">'
        + f'<img src="{esc(figure.src, quote=True)}" alt="{esc(figure.alt, quote=True)}">'
        + (f"<figcaption><p>{esc(figure.caption)}</p>" if figure.caption else "<figcaption>")
        + (f'<p class="book-figure-source">{esc(figure.source)}</p>' if figure.source else "")
        + "</figcaption></figure>"
    )
    return Slide(
        body,
        segment.id,
        "figure",
        notes=[f"What the chart shows (its alt text): {esc(figure.alt)}", f"In the book: {esc(shown.target)}."],
    )


def _opener(plan, segment) -> list[Slide]:
    asks = list(segment.ask)
    parts = _chunks(asks, size=3, chars=ASK_CHARS) if asks else [[]]
    slides = []
    for number, part in enumerate(parts, start=1):
        heading = segment.title if len(parts) == 1 else f"{segment.title} ({number}/{len(parts)})"
        items = "".join(f"<li>{esc(ask)}</li>" for ask in part)
        body = _kicker(segment) + f"<h2>{esc(heading)}</h2>"
        if items:
            body += f'<ul class="asks">{items}</ul>'
        elif segment.kind == "slack":
            body += f'<p class="lead">Time in hand: {segment.minutes} minutes.</p>'
        slides.append(Slide(body, segment.id, "opener"))
    return slides


def _statement_slides(segment) -> list[Slide]:
    from helpers.teaching import coding_sheet

    sheet = coding_sheet()
    slides = []
    for row in sheet.itertuples():
        quoted = row.text_kind == "quotation"
        words = (
            f'<blockquote class="statement-text">“{esc(row.text)}”</blockquote>'
            if quoted
            else f'<p class="statement-text"><span class="label">Paraphrase of a report:</span> {esc(row.text)}</p>'
        )
        russian = (
            f'<p class="statement-ru" lang="ru"><span class="label" lang="en">Russian original:</span> {esc(row.text_ru)}</p>'
            if isinstance(row.text_ru, str) and row.text_ru.strip()
            else ""
        )
        body = (
            _kicker(segment, f"statement {row.order} of {len(sheet)}")
            + f"<h2>Statement {row.order}: {esc(row.date)}</h2>"
            + f'<p class="venue">{esc(row.venue)}</p>'
            + words
            + russian
            + f'<p class="context"><span class="label">Context:</span> {esc(row.context)}</p>'
        )
        slides.append(Slide(body, segment.id, "statement"))
    return slides


def _claim_cards(segment) -> list[Slide]:
    from helpers.teaching import claim_cards

    cards = claim_cards()
    slides = []
    for number, card in enumerate(cards.itertuples(), start=1):
        body = (
            _kicker(segment, f"claim {number} of {len(cards)}")
            + "<h2>What verdict would you give?</h2>"
            + f'<blockquote class="claim">{esc(card.claim)}</blockquote>'
            + f'<p class="made-by"><span class="label">Made by:</span> {esc(card.documents_named)}</p>'
        )
        slides.append(Slide(body, segment.id, "claim"))
    return slides


def _code(value) -> str:
    import pandas as pd

    return "–" if value is None or pd.isna(value) else str(int(value))


def _codes_slide(segment) -> Slide:
    from helpers.teaching import coding_key, coding_sheet

    key = coding_key()
    dates = coding_sheet().set_index("statement_id")["date"]
    rows = "".join(
        f"<tr><td>{row['order']}. {esc(dates[row['statement_id']])}</td>"
        + "".join(
            f"<td>{_code(row[f'{scale} {coder}'])}</td>"
            for scale in ("nato_view", "ukraine_membership_view")
            for coder in ("A", "B", "final")
        )
        + "</tr>"
        for _, row in key.iterrows()
    )
    body = (
        _kicker(segment, "the book's codes")
        + "<h2>The six statements: the book's coders and the final codes</h2>"
        + '<table class="codes"><thead><tr><th rowspan="2">Statement</th><th colspan="3">How NATO is presented</th>'
        + '<th colspan="3">Ukraine\'s membership</th></tr><tr>'
        + "<th>A</th><th>B</th><th>final</th>" * 2
        + f"</tr></thead><tbody>{rows}</tbody></table>"
        + '<p class="note">– : the scale left empty (the statement does not speak of Ukraine\'s membership). '
        "The class's own agreement comes from the class-coding notebook.</p>"
    )
    return Slide(body, segment.id, "codes", answer=True, notes=["The final rationale of each code is in the guide."])


def _verdict_slides(segment) -> list[Slide]:
    from helpers.teaching import claim_verdicts

    verdicts = claim_verdicts()
    slides = []
    for number, row in enumerate(verdicts.itertuples(), start=1):
        body = (
            _kicker(segment, f"verdict {number} of {len(verdicts)}")
            + f'<blockquote class="claim">{esc(row.claim)}</blockquote>'
            + f'<p class="verdict">The book\'s verdict: <strong>{esc(row.verdict)}</strong></p>'
            + f'<p class="evidence">{esc(row.evidence)}</p>'
        )
        slides.append(Slide(body, segment.id, "verdict", answer=True))
    return slides


def _question_slides(segment) -> list[Slide]:
    from helpers.teaching import discussion_questions

    slides = []
    for question in discussion_questions():
        body = (
            _kicker(segment, f"question {question['number']} · {question['concept']}")
            + f"<h2>{esc(question['title'])}</h2>"
            + f'<p class="prompt">{esc(question["prompt"])}</p>'
        )
        slides.append(Slide(body, segment.id, "question"))
    return slides


def _shown_slides(plan, segment, html_dir: Path, *, answers: bool) -> tuple[list[Slide], list[str]]:
    slides, pointers, seen = [], [], set()
    for target in segment.show:
        shown = shown_at(html_dir, target, answers=answers)
        new = [f for f in shown.figures if f.src not in seen]
        seen.update(f.src for f in new)
        slides += [_figure_slide(segment, shown, figure) for figure in new]
        for table in shown.tables:
            body = _kicker(segment, shown.title) + f"<h2>{esc(shown.title)}</h2>{table}"
            slides.append(Slide(body, segment.id, "table", answer=answers and plan.reveal.id == segment.id))
        if not new and not shown.tables:
            pointers.append(f"{esc(shown.title)} ({esc(target)})")
    return slides, pointers


def session_slides(plan, html_dir: Path) -> list[Slide]:
    """Every slide of the session, in the plan's order."""
    slides = [
        Slide(
            f"<h1>{esc(plan.title)}</h1>"
            f'<p class="subtitle">A seminar of {plan.total_minutes} minutes</p>'
            '<ol class="agenda">'
            + "".join(f"<li>{esc(s.title)} ({s.minutes} min)</li>" for s in plan.segments if s.kind != "slack")
            + "</ol>",
            plan.segments[0].id,
            "title",
            notes=[
                "The deck follows the session plan (teaching/plan.yml) and the lecturer's guide. Press S for this "
                "speaker view, F for full screen, Esc for an overview; Alt+click (Ctrl+click on Linux) zooms in."
            ],
        )
    ]
    revealed = False
    for segment in plan.segments:
        revealed = revealed or segment.kind == "reveal"
        part = _opener(plan, segment)
        if segment.id == plan.reveal.id:
            part += _claim_cards(segment) + [_codes_slide(segment)] + _verdict_slides(segment)
        if segment.kind == "activity":  # run from the papers: the places it shows go in the notes
            pointers = [f"{esc(shown_at(html_dir, t, answers=True).title)} ({esc(t)})" for t in segment.show]
        else:
            shown, pointers = _shown_slides(plan, segment, html_dir, answers=revealed)
            part += shown
        if CODING_RULES in segment.show:
            part += _statement_slides(segment)
        if segment.kind == "discussion":
            part += _question_slides(segment)
        for slide in part:
            slide.notes.insert(0, _timing(plan, segment))
            if segment.cut:
                slide.notes.append(f"If time runs short: {esc(segment.cut)}")
            if pointers:
                slide.notes.append("In the book (nothing to project from there): " + "; ".join(pointers) + ".")
        slides += part
    slides[0].notes.insert(0, _timing(plan, plan.segments[0]))
    return slides


def render_session(book: Book, plan, html_dir: Path, template: str) -> tuple[str, list[Slide]]:
    slides = session_slides(plan, html_dir)
    sections = []
    for slide in slides:
        notes = "".join(note if note.startswith("<p") else f"<p>{note}</p>" for note in slide.notes)
        answer = ' data-answer="true"' if slide.answer else ""
        sections.append(
            f'<section class="{slide.kind}-slide" data-segment="{esc(slide.segment)}"{answer}>'
            f'{slide.body}<aside class="notes">{notes}</aside></section>'
        )
    deck = Template(template).substitute(
        lang=esc(book.lang),
        title=esc(f"{plan.title}: the session deck"),
        description=esc(f"The slides of the seminar session of {book.title}, in the order of its plan."),
        reveal_version=REVEAL_VERSION,
        slides="\n".join(sections),
        stylesheet="session.css",
        width=WIDTH,
        height=HEIGHT,
        margin=0,
    )
    return deck, slides
