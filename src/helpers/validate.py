"""Command line: check every table in data/ and report all problems (``make validate``).

    python -m helpers.validate [DATA_DIR]

Exits 0 when the data is clean, 1 with one line per problem otherwise. Reads only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.data import DATA_DIR, find_problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DATA_DIR
    if not (data_dir / "datapackage.json").exists():
        print(f"{data_dir}: no datapackage.json here (expected the book's data folder)", file=sys.stderr)
        return 2
    problems = find_problems(data_dir)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in data/:", file=sys.stderr)
        for problem in problems:
            print("  " + str(problem), file=sys.stderr)
        return 1
    print("data/ is valid: every table matches data/datapackage.json and every source key is in references.bib")
    return 0


if __name__ == "__main__":
    sys.exit(main())
