"""The session deck in a real browser, at the projector's 1920 x 1080.

``make slides`` is run on the strict build of the book; Debian's Chromium (through Playwright)
then opens ``session.html`` at 1920 x 1080 and goes to every slide in turn. On each slide every
visible text node must be drawn at 24 px or more (its computed font size times reveal.js's
scale), and nothing may run off the slide. The speaker notes of each segment's slides must give
the minutes, start and end that ``teaching/plan.yml`` gives that segment, and each segment must
fit its minutes: no more slides than minutes, and notes that can be said in the time.

The checks are plain functions over an open page, so the second half of this file breaks a
copy of the deck (small type, an overflowing slide, a typed minute) and shows that each check
reports it.
"""

from __future__ import annotations

import re
import shutil

import pytest

from bookscripts import slides
from helpers.teaching import load_plan

pytestmark = [pytest.mark.build, pytest.mark.browser]

VIEWPORT = {"width": 1920, "height": 1080}
SMALLEST = 24  # px, at 1920 x 1080

# For the slide on screen: every visible text node with its drawn size, and every element that
# reaches outside the slide.
MEASURE = """() => {
  const slide = Reveal.getCurrentSlide();
  const scale = Reveal.getScale();
  const box = slide.getBoundingClientRect();
  const small = [], outside = [];
  const roots = [slide, ...document.querySelectorAll('.reveal .slide-number')];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const element = node.parentElement;
      if (element.closest('aside.notes, .visually-hidden')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (![...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) continue;
      const size = parseFloat(style.fontSize) * scale;
      if (size < 24) small.push(`${size.toFixed(1)}px: ${node.textContent.trim().slice(0, 60)}`);
    }
  }
  for (const element of slide.querySelectorAll('*')) {
    if (element.closest('aside.notes, .visually-hidden')) continue;
    const r = element.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.left < box.left - 1 || r.top < box.top - 1) {
      outside.push(`<${element.tagName.toLowerCase()}> ${(element.textContent || '').trim().slice(0, 50)}`);
    }
  }
  return {small, outside, width: box.width, height: box.height, scale};
}"""


def slide_problems(tab) -> list[str]:
    """Every slide of the deck open in `tab`: text under 24 px and content off the slide."""
    problems = []
    total = tab.evaluate("() => Reveal.getTotalSlides()")
    for index in range(total):
        tab.evaluate(f"() => Reveal.slide({index})")
        tab.wait_for_timeout(50)
        found = tab.evaluate(MEASURE)
        problems += [f"slide {index + 1}: text drawn at {item}" for item in found["small"]]
        problems += [f"slide {index + 1}: off the slide: {item}" for item in found["outside"]]
    return problems


def note_timing_problems(deck: str, plan) -> list[str]:
    """Slides whose speaker notes do not give their segment's minutes, start and end as the plan does."""
    from bs4 import BeautifulSoup

    problems = []
    sections = BeautifulSoup(deck, "html.parser").select(".slides > section")
    by_id = {segment.id: segment for segment in plan.segments}
    seen = set()
    for number, section in enumerate(sections, start=1):
        segment = by_id.get(section.get("data-segment"))
        if segment is None:
            problems.append(f"slide {number}: no segment of the plan ({section.get('data-segment')!r})")
            continue
        seen.add(segment.id)
        timing = section.select_one("aside.notes .timing")
        expected = (
            f"{segment.minutes} minutes, from minute {segment.start} to minute {segment.end} of {plan.total_minutes}"
        )
        if timing is None or expected not in timing.get_text(" ", strip=True):
            got = timing.get_text(" ", strip=True) if timing is not None else "no timing in the notes"
            problems.append(f"slide {number} ({segment.id}): notes say {got!r}, the plan {expected!r}")
    problems += [f"segment {s.id} has no slide" for s in plan.segments if s.id not in seen]
    return problems


SPOKEN_WORDS_PER_MINUTE = 130  # a lecturer reading notes aloud, unhurried


def pacing_problems(deck: str, plan) -> list[str]:
    """Segments the deck cannot be taught in: more slides than minutes, or speaker notes that
    take longer to say than the segment lasts (at an unhurried speaking pace)."""
    from bs4 import BeautifulSoup

    slides_of, words_of = {}, {}
    for section in BeautifulSoup(deck, "html.parser").select(".slides > section"):
        segment = section.get("data-segment")
        notes = section.select_one("aside.notes")
        slides_of[segment] = slides_of.get(segment, 0) + 1
        words_of[segment] = words_of.get(segment, 0) + (len(notes.get_text(" ").split()) if notes else 0)
    problems = []
    for segment in plan.segments:
        count, words = slides_of.get(segment.id, 0), words_of.get(segment.id, 0)
        if count > segment.minutes:
            problems.append(f"{segment.id}: {count} slides in {segment.minutes} minutes")
        if words / SPOKEN_WORDS_PER_MINUTE > segment.minutes:
            problems.append(f"{segment.id}: {words} words of notes, more than {segment.minutes} minutes to say")
    return problems


@pytest.fixture(scope="module")
def deck(built_book, tmp_path_factory):
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed, so reveal.js cannot be installed (apt-get install npm)")
    out = tmp_path_factory.mktemp("session")
    page, _ = slides.make_session_deck(built_book.parent.parent, built_book, out / "deck", out / "npm")
    return page


def _open(browser, page):
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.goto(page.as_uri())
    tab.wait_for_function("() => window.Reveal && Reveal.isReady()")
    return context, tab


def test_every_slide_is_legible_at_1920_by_1080(browser, deck):
    context, tab = _open(browser, deck)
    try:
        assert tab.evaluate("() => Reveal.getScale()") == pytest.approx(1.0), "the deck is drawn at its own size"
        problems = slide_problems(tab)
    finally:
        context.close()
    assert not problems, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


def test_speaker_notes_give_each_segments_minutes_from_the_plan(deck):
    problems = note_timing_problems(deck.read_text(encoding="utf-8"), load_plan())
    assert not problems, "\n".join(problems)


def test_each_segment_of_the_deck_fits_its_minutes(deck):
    problems = pacing_problems(deck.read_text(encoding="utf-8"), load_plan())
    assert not problems, "\n".join(problems)


def test_the_pacing_check_finds_a_crowded_segment():
    plan = load_plan()
    first = plan.segments[0]
    crowded = "".join(
        f'<section data-segment="{first.id}"><aside class="notes">{"word " * 20}</aside></section>'
        for _ in range(first.minutes + 1)
    )
    deck = f'<div class="slides">{crowded}</div>'
    assert any("slides in" in p for p in pacing_problems(deck, plan))
    talk = f'<div class="slides"><section data-segment="{first.id}"><aside class="notes">'
    talk += "word " * (SPOKEN_WORDS_PER_MINUTE * first.minutes + 1) + "</aside></section></div>"
    assert any("words of notes" in p for p in pacing_problems(talk, plan))


# --- The checks can fail ----------------------------------------------------------------------------


def test_the_checks_report_small_type_overflow_and_a_typed_minute(browser, deck, tmp_path):
    text = deck.read_text(encoding="utf-8")
    broken = deck.with_name("broken.html")
    first_opener = text.index('<section class="opener-slide"')
    small = text[:first_opener] + text[first_opener:].replace(
        '<ul class="asks"><li>', '<ul class="asks"><li style="font-size: 18px">', 1
    )
    long = "<p>" + "A sentence that goes on. " * 400 + "</p>"
    small = small.replace('<p class="lead">', long + '<p class="lead">', 1)
    broken.write_text(small, encoding="utf-8")
    context, tab = _open(browser, broken)
    try:
        problems = slide_problems(tab)
    finally:
        context.close()
    assert any("text drawn at 18.0px" in p for p in problems), problems
    assert any("off the slide" in p and "A sentence that goes on" in p for p in problems), problems
    plan = load_plan()
    first = plan.segments[1]
    typed = re.sub(
        rf'(data-segment="{first.id}".*?)from minute {first.start} ', r"\1from minute 99 ", text, count=1, flags=re.S
    )
    assert note_timing_problems(typed, plan) and not note_timing_problems(text, plan)
