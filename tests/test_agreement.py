"""Agreement between coders: Krippendorff's alpha from the krippendorff package, on known inputs."""

import numpy as np
import pandas as pd
import pytest

from helpers.agreement import agreement_table, alpha, bootstrap_interval, disagreements, reliability_data


def _codes(a, b, ukraine_a=None, ukraine_b=None):
    n = len(a)
    ukraine_a = ukraine_a or [None] * n
    ukraine_b = ukraine_b or [None] * n
    rows = []
    for i in range(n):
        rows.append({"statement_id": f"s{i}", "coder": "A", "nato_view": a[i], "ukraine_membership_view": ukraine_a[i]})
        rows.append({"statement_id": f"s{i}", "coder": "B", "nato_view": b[i], "ukraine_membership_view": ukraine_b[i]})
    frame = pd.DataFrame(rows)
    for column in ("nato_view", "ukraine_membership_view"):
        frame[column] = frame[column].astype("Int64")
    return frame


def test_perfect_agreement_is_one_and_the_layout_is_coders_by_statements():
    codes = _codes([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    assert alpha(codes, "nato_view") == pytest.approx(1.0)
    data = reliability_data(codes, "nato_view")
    assert list(data.index) == ["A", "B"] and data.shape == (2, 5)


def test_alpha_matches_krippendorffs_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the two-coder binary example: alpha = 0.095
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    codes = _codes(a, b)
    import krippendorff

    nominal = krippendorff.alpha(
        reliability_data=reliability_data(codes, "nato_view").to_numpy(), level_of_measurement="nominal"
    )
    assert nominal == pytest.approx(0.095, abs=0.001)
    # with two values, the ordinal and nominal metrics coincide
    assert alpha(codes, "nato_view") == pytest.approx(nominal)


def test_ordinal_alpha_punishes_far_disagreements_more_than_near_ones():
    base = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    near = _codes(base, [2, 2, 3, 4, 5, 1, 2, 3, 4, 4])
    far = _codes(base, [5, 2, 3, 4, 5, 1, 2, 3, 4, 1])
    assert alpha(near, "nato_view") > alpha(far, "nato_view")


def test_statements_coded_by_one_coder_only_are_counted_apart():
    codes = _codes([1, 2, 3, 4], [1, 2, 3, 4], ukraine_a=[1, None, 4, 5], ukraine_b=[1, 3, 4, 5])
    table = agreement_table(codes, draws=50).set_index("scale")
    assert table.at["ukraine_membership_view", "coded by both"] == 3
    assert table.at["ukraine_membership_view", "coded by one only"] == 1
    differ = disagreements(codes)
    assert differ[["statement_id", "scale"]].values.tolist() == [["s1", "ukraine_membership_view"]]


def test_the_bootstrap_interval_is_reproducible_and_holds_alpha():
    codes = _codes([1, 2, 3, 4, 5, 2, 3, 4, 1, 5, 3, 2], [1, 2, 4, 4, 5, 2, 3, 3, 1, 5, 2, 2])
    first = bootstrap_interval(codes, "nato_view", draws=300)
    assert first == bootstrap_interval(codes, "nato_view", draws=300)
    assert first[0] <= alpha(codes, "nato_view") <= first[1]
    assert not np.isnan(first[0])
