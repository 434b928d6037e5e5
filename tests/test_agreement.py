"""Agreement between coders: Krippendorff's alpha from the krippendorff package, on known inputs."""

import numpy as np
import pandas as pd
import pytest

from helpers.agreement import (
    agreement_table,
    agreement_with,
    alpha,
    alpha_many,
    bootstrap_interval,
    disagreements,
    median_codes,
    reliability_data,
    scope_splits,
    statement_spread,
)


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


def test_each_bootstrap_draw_is_the_packages_alpha_of_the_drawn_statements():
    """The summed coincidence matrices give, draw by draw, what krippendorff.alpha gives on the
    drawn columns, including a one-sided scale (statements coded by one coder only), draws with
    a single code (undefined: NaN) and draws with fewer than two paired statements."""
    import krippendorff

    from helpers.agreement import _alphas_of_samples

    codes = _codes(
        [1, 2, 3, 4, 5, 2, 3, 4, 1, 5, 3, 2],
        [1, 2, 4, 4, 5, 2, 3, 3, 1, 5, 2, 2],
        ukraine_a=[1, None, 4, 5, 2, None, 3, 3, None, 5, 4, 1],
        ukraine_b=[1, 3, 4, 5, 2, 2, None, 4, 1, 5, 4, 2],
    )
    rng = np.random.default_rng(7)
    for scale in ("nato_view", "ukraine_membership_view"):
        data = reliability_data(codes, scale).to_numpy()
        data = data[:, ~np.isnan(data).all(axis=0)]
        samples = [rng.integers(0, data.shape[1], data.shape[1]) for _ in range(60)]
        samples += [np.zeros(data.shape[1], dtype=int), np.array([0, 0, 1, 1] + [0] * (data.shape[1] - 4))]
        found = _alphas_of_samples(data, samples)
        for sample, value in zip(samples, found):
            drawn = data[:, sample]
            paired = ~np.isnan(drawn).any(axis=0)
            if paired.sum() < 2 or len(np.unique(drawn[:, paired])) < 2:
                assert np.isnan(value), "an undefined draw is left out"
            else:
                expected = krippendorff.alpha(reliability_data=drawn, level_of_measurement="ordinal")
                assert value == pytest.approx(expected, abs=1e-12)
    assert np.isnan(found[-2]), "a draw of one statement repeated has no alpha"


# Any number of coders ------------------------------------------------------------------------


def _class(rows):
    """Codes from (statement, coder, nato, ukraine) tuples; None for an empty Ukraine code."""
    frame = pd.DataFrame(rows, columns=["statement_id", "coder", "nato_view", "ukraine_membership_view"])
    for column in ("nato_view", "ukraine_membership_view"):
        frame[column] = frame[column].astype("Int64")
    return frame


def test_alpha_over_many_coders_matches_krippendorffs_published_four_coder_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four coders,
    # twelve units, values missing; nominal alpha = 0.743.
    table = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    rows = [
        (f"u{unit:02d}", coder, value, None)
        for coder, values in zip("WXYZ", table)
        for unit, value in enumerate(values)
        if value is not None
    ]
    codes = _class(rows)
    import krippendorff

    from helpers.agreement import _matrix

    data = _matrix(codes, "nato_view", None)
    assert list(data.index) == list("WXYZ") and data.shape == (4, 12)
    nominal = krippendorff.alpha(reliability_data=data.to_numpy(), level_of_measurement="nominal")
    assert nominal == pytest.approx(0.743, abs=0.001)
    # unit 12 has one value only: alpha leaves it out, and so does alpha_many
    ordinal_all = krippendorff.alpha(reliability_data=data.to_numpy(), level_of_measurement="ordinal")
    assert alpha_many(codes, "nato_view") == pytest.approx(ordinal_all)


def test_alpha_over_many_coders_is_the_two_coder_alpha_for_two_and_one_for_perfect_agreement():
    a, b = [1, 2, 3, 4, 5, 2, 3], [1, 3, 3, 4, 4, 2, 3]
    two = _codes(a, b)
    assert alpha_many(two, "nato_view", coders=("A", "B")) == pytest.approx(alpha(two, "nato_view"))
    same = _class([(f"s{i}", c, v, None) for i, v in enumerate([1, 2, 3, 4]) for c in ("x", "y", "z")])
    assert alpha_many(same, "nato_view") == pytest.approx(1.0)
    one_value = _class([(f"s{i}", c, 3, None) for i in range(3) for c in ("x", "y")])
    assert np.isnan(alpha_many(one_value, "nato_view"))


def test_the_book_coders_are_left_out_of_a_class_unless_named():
    codes = _class([("s1", "x", 1, None), ("s1", "y", 2, None), ("s1", "final", 5, None), ("s2", "x", 3, None)])
    from helpers.agreement import coders_of

    assert coders_of(codes) == ("x", "y")


def test_statements_some_coders_left_empty_on_scale_2_are_counted_and_alpha_cannot_see_them():
    codes = _class(
        [
            ("s1", "x", 1, 1),
            ("s1", "y", 1, None),
            ("s1", "z", 1, None),
            ("s2", "x", 4, 3),
            ("s2", "y", 4, 3),
            ("s2", "z", 4, 3),
            ("s3", "x", 2, 4),
            ("s3", "y", 2, 4),
            ("s3", "z", 2, 4),
        ]
    )
    splits = scope_splits(codes)
    assert splits.to_dict("records") == [{"statement_id": "s1", "coded": 1, "left empty": 2}]
    assert alpha_many(codes, "ukraine_membership_view") == pytest.approx(1.0)


def test_each_coders_agreement_with_the_final_codes():
    codes = _class(
        [
            ("s1", "final", 1, None),
            ("s2", "final", 4, 3),
            ("s3", "final", 3, None),
            ("s1", "x", 1, 1),
            ("s2", "x", 4, 3),
            ("s3", "x", 5, None),
            ("s1", "y", 2, None),
            ("s2", "y", 4, 4),
        ]
    )
    table = agreement_with(codes).set_index("coder")
    assert table.loc["x", "statements"] == 3 and table.loc["y", "statements"] == 2
    assert table.loc["x", "NATO: same code"] == 2 and table.loc["y", "NATO: same code"] == 1
    assert table.loc["x", "NATO: mean steps away"] == pytest.approx(2 / 3)
    assert table.loc["x", "Ukraine: same choice to code"] == 2  # s1 coded where final left it empty
    assert table.loc["y", "Ukraine: same choice to code"] == 2
    assert table.loc["x", "Ukraine: same code"] == 1 and table.loc["y", "Ukraine: same code"] == 0


def test_spread_puts_the_widest_split_first_and_medians_take_the_lower_code():
    codes = _class(
        [
            ("calm", "x", 2, None),
            ("calm", "y", 2, None),
            ("calm", "z", 2, 1),
            ("calm", "w", 2, None),
            ("split", "x", 1, 3),
            ("split", "y", 4, 4),
            ("split", "z", 3, 4),
            ("split", "w", 4, 3),
        ]
    )
    spread = statement_spread(codes, "nato_view")
    assert spread["statement_id"].tolist() == ["split", "calm"]
    assert spread.iloc[0][["lowest", "highest"]].tolist() == [1, 4]
    medians = median_codes(codes).set_index("statement_id")
    assert medians.loc["split", "nato_view"] == 3  # median 3.5: the lower code
    assert medians.loc["split", "ukraine_membership_view"] == 3
    assert pd.isna(medians.loc["calm", "ukraine_membership_view"])  # one coder in four coded it
