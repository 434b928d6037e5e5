"""make bench: how fast the book builds and how light its pages are (a report, not a test).

Measures, on a copy of the book in a temporary folder (so the repository's _build is untouched):

* the cold build (empty execution cache), the rebuild with no change, and the rebuild after a
  one-line text edit in a chapter (strict flags, as `make book` and the tests build);
* each chapter's execution time as a notebook in a fresh kernel (jupytext + nbclient), and the
  cold build against their sum (the build executes chapters side by side, one per core: see
  _ext/parallel_execution.py);
* how validation, loading, the chapters' computations and the charts grow with tables 10 and
  100 times the real ones (bench/scale.py);
* the size of the built site, and each page's weight as Chromium loads it from a local server
  (HTML, CSS, JS, images, fonts, other), summed from the responses by resource type;
* Lighthouse (from the npm registry, installed at run time into bench/.npm) on the landing page
  and the heaviest chapter, mobile form factor: performance, accessibility, best practices, SEO.

Prints the report and writes it to bench/report.md, with each figure against its target.
Lighthouse or Chromium being unavailable is reported, and the rest still runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import scale  # bench/scale.py, beside this file (python puts the script's folder on the path)

from bookscripts.bookcopy import CHROMIUM_ARGS, REPO, build_book, chromium_path, copy_book, notebook_chapters
from bookscripts.local_server import html_pages, launch, redirect_target, serve

HERE = Path(__file__).resolve().parent

LIGHTHOUSE_VERSION = "12.2.3"  # 13.x needs Node 22; Debian's Node here is 20
NPM_PREFIX = HERE / ".npm"
REPORT = HERE / "report.md"
TARGETS = {"cold": 60.0, "nochange": 5.0, "chapter": 5.0, "page": 1_000_000, "cold_over_chapters": 0.8}
EDIT_LINE = "This sentence was added by the benchmark to time a rebuild after a one-line edit."
KINDS = [
    ("document", "HTML"),
    ("stylesheet", "CSS"),
    ("script", "JS"),
    ("image", "images"),
    ("font", "fonts"),
    ("other", "other"),
]
INLINE_IMAGE = re.compile(r"""src=["'](data:image/[^"']+)["']""")


def kb(n: float) -> str:
    return f"{n / 1000:.1f} kB"


def mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**not met**")


def timed_build(root: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = build_book(root)
    return time.perf_counter() - start, result


def executed(result: subprocess.CompletedProcess) -> bool:
    return "Executing notebook" in (result.stdout + result.stderr)


def edit_one_line(chapter: Path) -> None:
    """Add one line of prose after the chapter's title (outside any code cell)."""
    lines = chapter.read_text(encoding="utf-8").splitlines(keepends=True)
    fence = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if i == 0 and stripped == "---":
            continue
        match = re.match(r"^(`{3,}|~{3,}|:{3,})", stripped)
        if match:
            fence = None if fence and stripped.startswith(fence) else (fence or match.group(1))
            continue
        if fence is None and line.startswith("# "):
            lines.insert(i + 1, "\n" + EDIT_LINE + "\n")
            chapter.write_text("".join(lines), encoding="utf-8")
            return
    chapter.write_text("".join(lines) + "\n" + EDIT_LINE + "\n", encoding="utf-8")


def run_chapter(path: Path, root: Path) -> dict:
    """Execute a chapter in a fresh kernel; return total wall time and the code's own time."""
    import jupytext
    import nbclient

    os.environ["BOOK_ROOT"] = str(root)
    os.environ["PYTHONPATH"] = str(root / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")
    notebook = jupytext.read(path)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    try:
        client.execute()
        error = None
    except Exception as exc:  # noqa: BLE001 - a failing chapter is reported, not fatal
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    total = time.perf_counter() - start
    stamps = []
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.status.busy" in timing and "shell.execute_reply" in timing:
            stamps.append((timing["iopub.status.busy"], timing["shell.execute_reply"]))
    code = None
    if stamps:
        parse = lambda s: dt.datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
        code = (parse(stamps[-1][1]) - parse(stamps[0][0])).total_seconds()
    return {"total": total, "code": code, "cells": sum(c.cell_type == "code" for c in notebook.cells), "error": error}


def site_size(html: Path) -> tuple[int, int, list[tuple[int, str]]]:
    files = [p for p in html.rglob("*") if p.is_file()]
    sizes = sorted(((p.stat().st_size, p.relative_to(html).as_posix()) for p in files), reverse=True)
    return sum(s for s, _ in sizes), len(files), sizes[:5]


def page_weights(html: Path, base: str, browser) -> dict[str, dict]:
    """Load each page in a fresh context, let its lazily loaded charts load too, and sum response
    sizes by resource type: what a reader who reads to the end loads."""
    weights = {}
    for rel in html_pages(html):
        context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        page = context.new_page()
        responses = []
        page.on("response", lambda response, seen=responses: seen.append(response))
        page.goto(base + rel, wait_until="load")
        page.wait_for_load_state("networkidle")
        # A reader who reads to the end loads every chart: make the lazy ones load now.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        sums = {label: 0 for _, label in KINDS}
        foreign = 0
        for response in responses:
            if not response.url.startswith(base):
                foreign += 1
                continue
            size = response.headers.get("content-length")
            if size is None:
                try:
                    size = len(response.body())
                except Exception:  # noqa: BLE001 - a body no longer available counts from disk
                    local = html / response.url[len(base) :].split("?")[0].split("#")[0]
                    size = local.stat().st_size if local.is_file() else 0
            kind = response.request.resource_type
            label = dict(KINDS).get(kind, "other")
            sums[label] += int(size)
        inline = 0
        for document in {r.url for r in responses if r.request.resource_type == "document" and r.url.startswith(base)}:
            local = html / document[len(base) :].split("?")[0].split("#")[0]
            if local.is_file():
                inline += sum(len(m) for m in INLINE_IMAGE.findall(local.read_text(encoding="utf-8", errors="replace")))
        context.close()
        target = redirect_target(html / rel)
        weights[rel] = {
            **sums,
            "redirect": target,
            "total": sum(sums.values()),
            "inline_images": inline,
            "requests": len(responses),
            "foreign": foreign,
        }
    return weights


def ensure_lighthouse() -> tuple[Path | None, str]:
    cli = NPM_PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
    manifest = NPM_PREFIX / "node_modules" / "lighthouse" / "package.json"
    if manifest.is_file() and json.loads(manifest.read_text()).get("version") == LIGHTHOUSE_VERSION and cli.is_file():
        return cli, f"lighthouse {LIGHTHOUSE_VERSION} (already in bench/.npm)"
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        return None, "Node.js and npm are not installed (apt-get install nodejs npm)"
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(NPM_PREFIX),
            "--no-audit",
            "--no-fund",
            "--save-exact",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0 or not cli.is_file():
        return None, "npm install lighthouse failed: " + (result.stderr or result.stdout).strip()[-600:]
    return cli, f"lighthouse {LIGHTHOUSE_VERSION} (installed into bench/.npm)"


def run_lighthouse(cli: Path, url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": chromium_path() or "/usr/bin/chromium"}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        shutil.which("node") or "node",
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--form-factor=mobile",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--disable-full-page-screenshot",
        f"--chrome-flags={flags}",
        "--max-wait-for-load=60000",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    if result.returncode != 0 or not out.is_file():
        return {"error": (result.stderr or result.stdout).strip()[-800:] or f"exit code {result.returncode}"}
    data = json.loads(out.read_text(encoding="utf-8"))
    scores = {
        key: (None if cat["score"] is None else round(cat["score"] * 100)) for key, cat in data["categories"].items()
    }
    failing = []
    for key, cat in data["categories"].items():
        if key == "performance":
            continue
        for ref in cat["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{key}: {audit['id']} ({audit['title']})")
    metrics = {
        name: data["audits"][name].get("displayValue", "")
        for name in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
        if name in data["audits"]
    }
    return {
        "scores": scores,
        "failing": failing,
        "metrics": metrics,
        "runtime_error": data.get("runtimeError", {}).get("message"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy of the book")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = parser.parse_args()

    lines: list[str] = []
    out = lambda text="": (print(text, flush=True), lines.append(text))  # noqa: E731
    workdir = Path(tempfile.mkdtemp(prefix="book-bench-"))
    root = copy_book(REPO, workdir / "book")
    html = root / "_build" / "html"
    verdicts: list[tuple[str, bool | None]] = []
    cpu = f"{os.cpu_count()} cores"
    out("# Benchmark report")
    out()
    out(
        f"Run {dt.datetime.now().isoformat(timespec='seconds')} on {platform.node()} ({platform.machine()}, {cpu}, "
        f"Python {platform.python_version()}); a copy of the book in a temporary folder, strict build flags."
    )
    out()

    try:
        # --- Builds -------------------------------------------------------------------------
        out("## Build times")
        out()
        cold, result = timed_build(root)
        if result.returncode != 0:
            out(f"The cold build FAILED after {cold:.1f} s; nothing else can be measured:")
            out("```")
            out((result.stdout[-3000:] + result.stderr[-3000:]).strip())
            out("```")
            return 1
        nochange, again = timed_build(root)
        chapters = notebook_chapters(root)
        edited = chapters[0] if chapters else sorted((root / "chapters").glob("*.md"))[0]
        edit_one_line(edited)
        after_edit, third = timed_build(root)
        out("| build | time | target | | notebooks executed |")
        out("| --- | ---: | ---: | --- | --- |")
        rows = [
            ("cold (empty cache)", cold, TARGETS["cold"], result),
            ("no change", nochange, TARGETS["nochange"], again),
            (f"one-line text edit in chapters/{edited.name}", after_edit, None, third),
        ]
        for name, seconds, target, res in rows:
            ok = None if target is None else seconds < target
            if target is not None:
                verdicts.append((f"{name} build < {target:.0f} s", ok))
            out(
                f"| {name} | {seconds:.1f} s | {'' if target is None else f'< {target:.0f} s'} | {mark(ok)} | "
                f"{'yes' if executed(res) else 'no'} |"
            )
        if third.returncode != 0:
            out()
            out("The rebuild after the edit FAILED: " + (third.stdout[-1500:] + third.stderr[-1500:]).strip())
        out()

        # --- Chapters -----------------------------------------------------------------------
        out("## Chapters in a fresh kernel (jupytext + nbclient)")
        out()
        out("| chapter | code cells | total (kernel start + code) | code alone | target | |")
        out("| --- | ---: | ---: | ---: | ---: | --- |")
        chapter_seconds = []
        for chapter in chapters:
            timing = run_chapter(chapter, root)
            chapter_seconds.append(timing["total"])
            ok = timing["error"] is None and timing["total"] < TARGETS["chapter"]
            verdicts.append((f"chapters/{chapter.name} runs < {TARGETS['chapter']:.0f} s", ok))
            code = "" if timing["code"] is None else f"{timing['code']:.1f} s"
            note = f" (failed: {timing['error']})" if timing["error"] else ""
            out(
                f"| chapters/{chapter.name} | {timing['cells']} | {timing['total']:.1f} s | {code} | "
                f"< {TARGETS['chapter']:.0f} s | {mark(ok)}{note} |"
            )
        out()
        if chapter_seconds:
            ratio = cold / sum(chapter_seconds)
            ok = ratio <= TARGETS["cold_over_chapters"]
            verdicts.append((f"cold build <= {TARGETS['cold_over_chapters']} x the chapters' sum", ok))
            out(
                f"The cold build ({cold:.1f} s) against the sum of the chapters in fresh kernels "
                f"({sum(chapter_seconds):.1f} s): **{ratio:.2f}x** (target <= {TARGETS['cold_over_chapters']}x; "
                f"the build executes the chapters side by side, one per core, {os.cpu_count()} here). {mark(ok)}."
            )
            out()

        # --- Scale --------------------------------------------------------------------------
        scale.section(out, verdicts)

        # --- Site ---------------------------------------------------------------------------
        total, count, biggest = site_size(html)
        out("## Built site")
        out()
        out(
            f"{kb(total)} in {count} files (`_build/html`). Largest: "
            + ", ".join(f"`{name}` {kb(size)}" for size, name in biggest)
            + "."
        )
        out()

        # --- Pages --------------------------------------------------------------------------
        out("## Page weight (Chromium, 390 px viewport, empty cache)")
        out()
        weights: dict[str, dict] = {}
        path = chromium_path()
        if path is None:
            out("Chromium is not installed (apt-get install chromium): page weights and Lighthouse skipped.")
            out()
        else:
            os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            from playwright.sync_api import sync_playwright

            with serve(html) as base, sync_playwright() as playwright:
                browser = launch(playwright)
                try:
                    weights = page_weights(html, base, browser)
                finally:
                    browser.close()
                labels = [label for _, label in KINDS]
                out("| page | " + " | ".join(labels) + " | total | requests | target | |")
                out("| --- | " + " | ".join("---:" for _ in labels) + " | ---: | ---: | ---: | --- |")
                for rel, w in weights.items():
                    ok = w["total"] < TARGETS["page"] and w["foreign"] == 0
                    verdicts.append((f"{rel} weighs < 1 MB", ok))
                    extra = f" ({w['foreign']} request(s) to other hosts)" if w["foreign"] else ""
                    name = f"{rel} (redirects to {w['redirect']}; both counted)" if w["redirect"] else rel
                    out(
                        f"| {name} | " + " | ".join(kb(w[label]) for label in labels) + f" | **{kb(w['total'])}** | "
                        f"{w['requests']} | < 1 MB | {mark(ok)}{extra} |"
                    )
                out()
                inline = {rel: w["inline_images"] for rel, w in weights.items() if w["inline_images"]}
                if inline:
                    out(
                        "Charts are SVG images inlined in the HTML (data: URIs), so their bytes count under HTML: "
                        + ", ".join(f"{rel} {kb(n)}" for rel, n in inline.items())
                        + "."
                    )
                    out()

                # --- Lighthouse -------------------------------------------------------------
                out(f"## Lighthouse (mobile form factor, simulated throttling; CHROME_PATH={path})")
                out()
                if args.no_lighthouse:
                    out("Skipped (--no-lighthouse).")
                else:
                    cli, how = ensure_lighthouse()
                    if cli is None:
                        out(f"Lighthouse could not run: {how}.")
                    else:
                        root_target = "chapters/index.html"
                        chapter_pages = {
                            rel: w["total"]
                            for rel, w in weights.items()
                            if rel.startswith("chapters/") and rel != root_target
                        }
                        heaviest = max(chapter_pages, key=chapter_pages.get) if chapter_pages else None
                        largest_html = (
                            max(chapter_pages, key=lambda rel: weights[rel]["HTML"]) if chapter_pages else None
                        )
                        targets = [("landing page", root_target)] + (
                            [("heaviest chapter", heaviest)] if heaviest else []
                        )
                        if largest_html and largest_html != heaviest:
                            targets.append(("largest HTML", largest_html))
                        out(
                            f"Using {how}. Each page is measured twice: served gzip-compressed, as static hosts "
                            "(GitHub Pages, Netlify, nginx) serve HTML and CSS, which is what the target is for; and "
                            "served uncompressed, the worst case, for comparison."
                        )
                        out()
                        out(
                            "| page | served | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |"
                        )
                        out("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
                        notes = []
                        with serve(html, compress=True) as gzip_base:
                            for label, rel in targets:
                                for served, at in (("gzip", gzip_base), ("uncompressed", base)):
                                    result_lh = run_lighthouse(
                                        cli, at + rel, workdir / f"lighthouse-{Path(rel).stem}-{served}.json"
                                    )
                                    if "error" in result_lh:
                                        out(f"| {label}: {rel} | {served} | could not run | | | | | | | |")
                                        notes.append(f"{rel} ({served}): Lighthouse failed: {result_lh['error']}")
                                        continue
                                    s, m = result_lh["scores"], result_lh["metrics"]
                                    out(
                                        f"| {label}: {rel} | {served} | {s.get('performance')} | {s.get('accessibility')} | "
                                        f"{s.get('best-practices')} | {s.get('seo')} | {m.get('first-contentful-paint', '')} | "
                                        f"{m.get('largest-contentful-paint', '')} | {m.get('total-blocking-time', '')} | "
                                        f"{m.get('cumulative-layout-shift', '')} |"
                                    )
                                    if served == "gzip":
                                        for key in ("accessibility", "best-practices", "seo"):
                                            verdicts.append((f"Lighthouse {key} 100 on {rel}", s.get(key) == 100))
                                        fast = (s.get("performance") or 0) >= 95
                                        verdicts.append(
                                            (
                                                f"Lighthouse mobile performance >= 95 on {rel} (served gzip-compressed)",
                                                fast,
                                            )
                                        )
                                    elif (s.get("performance") or 0) < 95 and rel in weights:
                                        w = weights[rel]
                                        notes.append(
                                            f"{rel}, uncompressed: performance {s.get('performance')}. The first paint waits for "
                                            f"the page's {w['HTML'] / 1000:.0f} kB of HTML and {w['CSS'] / 1000:.0f} kB of "
                                            f"render-blocking CSS on Lighthouse's simulated slow 4G; most of the HTML is the "
                                            f"chapter's own code cells (hidden until asked for) and citation tooltips."
                                        )
                                    if result_lh["failing"]:
                                        notes.append(
                                            f"{rel} ({served}): audits below full marks: "
                                            + "; ".join(result_lh["failing"])
                                        )
                                    if result_lh.get("runtime_error"):
                                        notes.append(
                                            f"{rel} ({served}): Lighthouse runtime error: {result_lh['runtime_error']}"
                                        )
                        out()
                        for note in notes:
                            out(f"- {note}")
                        if notes:
                            out()
                out()

        # --- Verdict ------------------------------------------------------------------------
        out("## Targets")
        out()
        met = sum(1 for _, ok in verdicts if ok)
        out(f"{met} of {len(verdicts)} met.")
        out()
        for name, ok in verdicts:
            out(f"- {mark(ok)}: {name}")
        return 0
    finally:
        REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nWritten to {REPORT.relative_to(REPO)}", flush=True)
        if args.keep:
            print(f"The copy of the book is kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
