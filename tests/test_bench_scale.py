"""The benchmark's synthetic tables stay valid as the data grows new tables and columns."""

from __future__ import annotations

import importlib.util

from conftest import REPO
from helpers.checks import find_problems


def load_scale():
    """bench/scale.py, loaded from its file (bench/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_scale", REPO / "bench" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tables_twice_the_size_have_every_table_and_pass_validation(tmp_path):
    scale = load_scale()
    data = scale.make_scaled_book(REPO, tmp_path / "x2", 2)
    real = {path.stem for path in (REPO / "data").glob("*.csv")}
    assert {path.stem for path in data.glob("*.csv")} == real, "every table of data/ needs a rule in bench/scale.py"
    assert find_problems(data, data.parent / "references.bib") == []
    for name in real:
        rows = (data / f"{name}.csv").read_text(encoding="utf-8").count("\n")
        original = (REPO / "data" / f"{name}.csv").read_text(encoding="utf-8").count("\n")
        assert rows - 1 == 2 * (original - 1), name
