"""Command line: check every table in data/ and the seminar kit in teaching/ (``make validate``).

    python -m helpers.validate [DATA_DIR] [--stale-build DIR]

Exits 0 when the data is clean, 1 with one line per problem otherwise. The teaching files
beside DATA_DIR (``teaching/``, when there is one) are checked once the data is clean: their
tables against ``teaching/datapackage.json``, the ids they name against the data, the session
plan, the discussion questions and the quiz (:func:`helpers.teaching.teaching_problems`).
Reads only.
With ``--stale-build DIR`` (how ``make book`` calls it), a failed check also removes the
previous build in DIR, so an old book cannot pass for one built from the data as it is now.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from helpers.checks import find_problems
from helpers.load import DATA_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.validate", description="Check every table in data/.")
    parser.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    parser.add_argument("--stale-build", type=Path, help="a built book to remove when the data has problems")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not (args.data_dir / "datapackage.json").exists():
        print(f"{args.data_dir}: no datapackage.json here (expected the book's data folder)", file=sys.stderr)
        return 2
    problems = find_problems(args.data_dir)
    if problems:
        if args.stale_build and args.stale_build.exists():
            shutil.rmtree(args.stale_build)
            print(
                f"The book was not built: the data has problems. The previous build ({args.stale_build}) "
                "was removed so that it cannot pass for a current one.",
                file=sys.stderr,
            )
        elif args.stale_build:
            print("The book was not built: the data has problems.", file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in data/:", file=sys.stderr)
        for problem in problems:
            print("  " + str(problem), file=sys.stderr)
        return 1
    print("data/ is valid: every table matches data/datapackage.json and every source key is in references.bib")
    teaching_dir = args.data_dir.resolve().parent / "teaching"
    if (teaching_dir / "datapackage.json").exists():
        from helpers.teaching import teaching_problems

        problems = teaching_problems(teaching_dir, args.data_dir)
        if problems:
            if args.stale_build and args.stale_build.exists():
                shutil.rmtree(args.stale_build)
                print(
                    f"The previous build ({args.stale_build}) was removed: the seminar kit has problems.",
                    file=sys.stderr,
                )
            print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in teaching/:", file=sys.stderr)
            for problem in problems:
                print("  " + problem, file=sys.stderr)
            return 1
        print(
            "teaching/ is valid: its tables match teaching/datapackage.json, every id it names is a row of data/ "
            "and every place it shows is in the book"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
