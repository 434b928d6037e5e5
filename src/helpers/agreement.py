"""Agreement between coders on the stance scales: Krippendorff's alpha and its interval.

Alpha comes from the ``krippendorff`` package (ordinal level of measurement); nothing here
re-implements the formula. The interval is a percentile bootstrap over statements: the
statements are drawn again with replacement and alpha is recomputed, a fixed number of
times with a fixed seed, so the same codes always give the same interval. The draws reuse
the package's coincidence matrices, distances and expected coincidences (see
``bootstrap_interval``), so a thousand draws over thousands of statements take a fraction of
a second.
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd

SCALES = ("nato_view", "ukraine_membership_view")


def reliability_data(codes: pd.DataFrame, scale: str, coders: tuple[str, str] = ("A", "B")) -> pd.DataFrame:
    """One row per coder, one column per statement, the codes on one scale (NaN where a coder
    left it empty): the layout ``krippendorff.alpha`` reads."""
    chosen = codes[codes["coder"].isin(coders)]
    values = pd.Series(
        pd.array(chosen[scale], dtype="Float64").to_numpy(dtype=float, na_value=np.nan),
        index=pd.MultiIndex.from_arrays([chosen["coder"], chosen["statement_id"]]),
    )
    # long to wide on a plain float column (a pivot of nullable integers converts column by column)
    return values.unstack("statement_id").reindex(list(coders))


def alpha(codes: pd.DataFrame, scale: str, coders: tuple[str, str] = ("A", "B")) -> float:
    """Krippendorff's alpha for ordinal data between two coders on one scale."""
    data = reliability_data(codes, scale, coders).to_numpy()
    paired = ~np.isnan(data).any(axis=0)
    if paired.sum() < 2 or len(np.unique(data[:, paired])) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal"))


def bootstrap_interval(
    codes: pd.DataFrame,
    scale: str,
    coders: tuple[str, str] = ("A", "B"),
    draws: int = 1000,
    level: float = 0.95,
    seed: int = 20261201,
) -> tuple[float, float]:
    """A percentile bootstrap interval for alpha, resampling statements with replacement.

    Each draw takes as many statements as there are, with replacement, and recomputes alpha
    (draws with fewer than two paired statements, or only one code among them, are skipped).
    The draws are summed, not rebuilt: a statement's share of the coincidence matrix depends
    only on its codes, so the package's matrix is computed once for each distinct pair of codes
    and a draw's matrix is the sum of those, weighted by how often the draw took each pair.
    Alpha then follows from the package's own distances and expected coincidences, with the
    same value for each draw as ``krippendorff.alpha`` on the drawn statements (a test checks
    this), at a cost that grows with the number of draws, not with draws x statements."""
    data = reliability_data(codes, scale, coders).to_numpy()
    data = data[:, ~np.isnan(data).all(axis=0)]
    units = data.shape[1]
    rng = np.random.default_rng(seed)
    samples = [rng.integers(0, units, units) for _ in range(draws)]
    values = _alphas_of_samples(data, samples)
    values = values[~np.isnan(values)]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def _alphas_of_samples(data: np.ndarray, samples: list[np.ndarray]) -> np.ndarray:
    """Ordinal alpha of ``data[:, sample]`` for each sample (NaN where it is undefined)."""
    kd = krippendorff.krippendorff
    domain = np.unique(data[~np.isnan(data)])
    counts = kd._reliability_data_to_value_counts(data, domain)  # statements x codes
    patterns, which = np.unique(counts, axis=0, return_inverse=True)
    which = np.asarray(which).reshape(-1)
    per_pattern = np.stack([kd._coincidences(row[np.newaxis, :]) for row in patterns])  # patterns x V x V
    pairable = patterns.sum(axis=1) >= 2
    size = len(domain)
    weights = np.stack([np.bincount(which[sample], minlength=len(patterns)) for sample in samples])
    matrices = (weights @ per_pattern.reshape(len(patterns), -1)).reshape(-1, size, size)
    paired = weights[:, pairable].sum(axis=1)
    out = np.full(len(samples), np.nan)
    metric = kd._distance_metric("ordinal")
    for number, observed in enumerate(matrices):
        n_v = observed.sum(axis=0)
        if paired[number] < 2 or np.count_nonzero(n_v) < 2:
            continue
        expected = kd._random_coincidences(n_v)
        distances = kd._distances(domain, metric, n_v)
        out[number] = 1 - (observed * distances).sum() / (expected * distances).sum()
    return out


def agreement_table(codes: pd.DataFrame, coders: tuple[str, str] = ("A", "B"), draws: int = 1000) -> pd.DataFrame:
    """Per scale: statements both coders coded, exact agreement, alpha and its 95% interval."""
    rows = []
    for scale in SCALES:
        data = reliability_data(codes, scale, coders)
        both = data.notna().all(axis=0)
        low, high = bootstrap_interval(codes, scale, coders, draws=draws)
        rows.append(
            {
                "scale": scale,
                "coded by both": int(both.sum()),
                "coded by one only": int((data.notna().sum(axis=0) == 1).sum()),
                "same code": int((data.loc[coders[0], both] == data.loc[coders[1], both]).sum()),
                "alpha": alpha(codes, scale, coders),
                "interval low": low,
                "interval high": high,
            }
        )
    return pd.DataFrame(rows)


def disagreements(codes: pd.DataFrame, coders: tuple[str, str] = ("A", "B")) -> pd.DataFrame:
    """Every statement on which the two coders differ on either scale (a code on one side and
    none on the other counts), with both codes and the final one when there is one; by
    statement, then scale. Codes are nullable integers (``<NA>`` where there is none)."""
    wide = codes.pivot(index="statement_id", columns="coder", values=list(SCALES))
    missing = pd.Series(pd.NA, index=wide.index, dtype="Int64")

    def column(scale: str, coder: str) -> pd.Series:
        return wide[(scale, coder)].astype("Int64") if (scale, coder) in wide.columns else missing

    parts = []
    for order, scale in enumerate(SCALES):
        first, second = column(scale, coders[0]), column(scale, coders[1])
        one_only = first.isna() != second.isna()
        differ = one_only | (first.notna() & second.notna() & (first != second)).fillna(False)
        parts.append(
            pd.DataFrame(
                {
                    "statement_id": wide.index[differ],
                    "scale": scale,
                    coders[0]: first[differ].to_numpy(),
                    coders[1]: second[differ].to_numpy(),
                    "final": column(scale, "final")[differ].to_numpy(),
                    "_order": order,
                }
            )
        )
    table = pd.concat(parts, ignore_index=True).sort_values(["statement_id", "_order"], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


SCALE_NAMES = {"nato_view": "how NATO is presented", "ukraine_membership_view": "how Ukraine's membership is presented"}


def alpha_sentence(codes: pd.DataFrame, scale: str, coders: tuple[str, str] = ("A", "B"), draws: int = 1000) -> str:
    """One sentence on how far the coders agree on a scale, for the caption of a stance chart:
    'Two coders, working apart, agree with Krippendorff's alpha = 0.96 (95% interval 0.92 to 1.00)
    on how NATO is presented, over the 90 statements both coded (...)'; the base is stated because
    it includes statements whose wording is not yet confirmed, which the charts leave out."""
    value = alpha(codes, scale, coders)
    low, high = bootstrap_interval(codes, scale, coders, draws=draws)
    both = int((~np.isnan(reliability_data(codes, scale, coders).to_numpy())).all(axis=0).sum())
    return (
        f"Two coders, working separately and each applying the same rules, agree with Krippendorff's alpha = {value:.2f} "
        f"(95% interval {low:.2f} to {high:.2f}) on {SCALE_NAMES.get(scale, scale)}, over the {both} statements "
        "both coded (those whose wording is not yet confirmed included)."
    )


# --------------------------------------------------------------------------------------------
# Any number of coders: a class coding the same statements
# --------------------------------------------------------------------------------------------

BOOK_CODERS = ("A", "B", "final")


def coders_of(codes: pd.DataFrame, exclude: tuple[str, ...] = BOOK_CODERS) -> tuple[str, ...]:
    """The coders of a table of codes in the order they first appear, less the book's own."""
    return tuple(coder for coder in dict.fromkeys(codes["coder"]) if coder not in exclude)


def _matrix(codes: pd.DataFrame, scale: str, coders: tuple[str, ...] | None) -> pd.DataFrame:
    return reliability_data(codes, scale, coders_of(codes) if coders is None else tuple(coders))


def pairable(data: np.ndarray) -> np.ndarray:
    """The statements (columns) that at least two coders coded: the only ones alpha uses."""
    return (~np.isnan(data)).sum(axis=0) >= 2


def alpha_many(codes: pd.DataFrame, scale: str, coders: tuple[str, ...] | None = None) -> float:
    """Krippendorff's alpha (ordinal) over any number of coders (one row per coder, as the
    ``krippendorff`` package takes them); statements fewer than two coders coded are left out,
    as the coefficient requires. NaN when no statement is pairable or every code is
    the same (alpha is then undefined)."""
    data = _matrix(codes, scale, coders).to_numpy()
    usable = data[:, pairable(data)]
    values = usable[~np.isnan(usable)]
    if usable.shape[1] < 1 or len(np.unique(values)) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=usable, level_of_measurement="ordinal"))


def scope_splits(codes: pd.DataFrame, coders: tuple[str, ...] | None = None, scale: str = SCALES[1]) -> pd.DataFrame:
    """The statements that some coders but not all coded on a scale that may be left empty (the
    Ukraine scale): alpha cannot see these disagreements, since it compares codes, not the
    choice to code. One row per such statement with how many coded it and how many left it
    empty."""
    data = _matrix(codes, scale, coders)
    coded = data.notna().sum(axis=0)
    empty = data.isna().sum(axis=0)
    split = (coded > 0) & (empty > 0)
    return pd.DataFrame(
        {"statement_id": data.columns[split], "coded": coded[split].to_numpy(), "left empty": empty[split].to_numpy()}
    ).reset_index(drop=True)


def agreement_with(
    codes: pd.DataFrame, reference: str = "final", coders: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Each coder's agreement with a reference coder (the book's final codes), on the statements
    the coder coded: on the NATO scale the same code and the mean distance in steps; on the
    Ukraine scale whether the coder, like the reference, judged the scale to apply, and the same
    code where both coded it."""
    coders = coders_of(codes) if coders is None else tuple(coders)
    nato, ukraine = SCALES
    ref = codes[codes["coder"] == reference].set_index("statement_id")
    rows = []
    for coder in coders:
        own = codes[codes["coder"] == coder].set_index("statement_id")
        shared = own.index.intersection(ref.index)
        mine, theirs = own.loc[shared], ref.loc[shared]
        nato_both = mine[nato].notna() & theirs[nato].notna()
        same_nato = (mine.loc[nato_both, nato] == theirs.loc[nato_both, nato]).sum()
        steps = (mine.loc[nato_both, nato].astype(float) - theirs.loc[nato_both, nato].astype(float)).abs()
        scope_same = (mine[ukraine].isna() == theirs[ukraine].isna()).sum()
        both = mine[ukraine].notna() & theirs[ukraine].notna()
        rows.append(
            {
                "coder": coder,
                "statements": len(shared),
                "NATO: same code": int(same_nato),
                "NATO: mean steps away": float(steps.mean()) if len(steps) else float("nan"),
                "Ukraine: same choice to code": int(scope_same),
                "Ukraine: coded by both": int(both.sum()),
                "Ukraine: same code": int((mine.loc[both, ukraine] == theirs.loc[both, ukraine]).sum()),
            }
        )
    return pd.DataFrame(rows)


def statement_spread(codes: pd.DataFrame, scale: str, coders: tuple[str, ...] | None = None) -> pd.DataFrame:
    """How the coders split on each statement on one scale: how many coded it, the lowest and
    highest code, the median, and the share who gave the most common code; sorted with the
    widest split first."""
    data = _matrix(codes, scale, coders)
    rows = []
    for statement in data.columns:
        values = data[statement].dropna()
        rows.append(
            {
                "statement_id": statement,
                "coded": len(values),
                "lowest": int(values.min()) if len(values) else pd.NA,
                "highest": int(values.max()) if len(values) else pd.NA,
                "median": float(values.median()) if len(values) else float("nan"),
                "most common share": float(values.value_counts().iloc[0] / len(values))
                if len(values)
                else float("nan"),
            }
        )
    table = pd.DataFrame(rows)
    table["range"] = (table["highest"].astype("Float64") - table["lowest"].astype("Float64")).astype("Float64")
    return table.sort_values(["range", "most common share"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def median_codes(codes: pd.DataFrame, coders: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per statement with the median of the coders' codes on each scale, rounded to a
    whole code (half-way medians go down, as the codebook's rule for two possible readings
    chooses the lower code); empty on the Ukraine scale when at most half the coders coded it."""
    out = {}
    for scale in SCALES:
        data = _matrix(codes, scale, coders)
        median = data.median(axis=0, skipna=True)
        whole = np.floor(median.to_numpy())
        if scale == SCALES[1]:
            whole = np.where(data.notna().sum(axis=0).to_numpy() * 2 > len(data.index), whole, np.nan)
        out[scale] = pd.Series(whole, index=data.columns).astype("Float64").round().astype("Int64")
    frame = pd.DataFrame(out)
    frame.index.name = "statement_id"
    return frame.reset_index()
