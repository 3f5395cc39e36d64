"""Sobol and Morris sensitivity indices (SALib) of one indicator in one month, from a store.

The store must come from a ``sobol`` or ``morris`` design (its points are then SALib's sample in
SALib's order). Replications of a design point are averaged before the analysis, so the indices
describe the expected indicator; with common random numbers (every point uses the same seeds)
the noise left is small but not zero, and confidence intervals (bootstrap, SALib) show it.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze

from enrolsim.core.errors import InputError
from enrolsim.core.plotting import plt
from enrolsim.experiments.designs import points_matrix
from enrolsim.experiments.store import load


@dataclass
class SensitivityResult:
    """Indices of one indicator in one month: one row a factor."""

    method: str  # "sobol" or "morris"
    indicator: str
    month: str
    table: pd.DataFrame  # sobol: factor, S1, S1_conf, ST, ST_conf; morris: factor, mu, mu_star, mu_star_conf, sigma
    runs: int
    conf_level: float


def sensitivity(
    store: str | Path, indicator: str, month: str | None = None, *, conf_level: float = 0.95, num_resamples: int = 200, seed: int = 0
) -> SensitivityResult:
    """Compute the indices; raise :class:`~enrolsim.core.errors.InputError` when the store cannot give them."""
    data = load(store)
    spec = data.info["spec"]
    kind = spec["design"]["kind"]
    source = str(store)
    if kind not in ("sobol", "morris"):
        raise InputError(source, "design.kind", f"{kind} design: sensitivity indices need a store made with a sobol or morris design")
    kept = data.info.get("indicators", [])
    if indicator not in kept:
        raise InputError("--indicator", "", f"{indicator!r} is not in this store (kept: {', '.join(kept)})")
    unfinished = data.runs[data.runs["status"] != "finished"]
    if len(unfinished):
        ids = ", ".join(str(i) for i in unfinished["run_id"].head(5))
        raise InputError(source, "runs", f"{len(unfinished)} of {len(data.runs)} runs are not finished (e.g. {ids}); run the experiment again to complete them")
    months = sorted(data.series["month"].unique())
    month = months[-1] if month is None else month
    if month not in months:
        raise InputError("--month", "", f"{month!r} is not kept in this store (kept: {months[0]} .. {months[-1]})")
    values = data.at(indicator, month)
    y = values.groupby("point")["value"].mean().sort_index()
    if y.isna().any():
        raise InputError("--indicator", "", f"{indicator} is undefined (NaN) in {month} for {int(y.isna().sum())} design points")
    names = data.factors
    problem = {"num_vars": len(names), "names": names, "bounds": [spec["factors"][n]["range"] for n in names]}
    if kind == "sobol":
        result = sobol_analyze.analyze(
            problem, y.to_numpy(), calc_second_order=spec["design"]["second_order"], num_resamples=num_resamples, conf_level=conf_level, seed=seed
        )
        table = pd.DataFrame({"factor": names, **{k: np.asarray(result[k], dtype=float) for k in ("S1", "S1_conf", "ST", "ST_conf")}})
    else:
        first = data.runs.drop_duplicates("point").sort_values("point")
        x = points_matrix(first[names].to_dict("records"), names)
        result = morris_analyze.analyze(
            problem, x, y.to_numpy(), num_resamples=num_resamples, conf_level=conf_level, num_levels=spec["design"]["levels"], seed=seed
        )
        table = pd.DataFrame({"factor": names, **{k: np.asarray(result[k], dtype=float) for k in ("mu", "mu_star", "mu_star_conf", "sigma")}})
    return SensitivityResult(kind, indicator, month, table, runs=len(data.runs), conf_level=conf_level)


def bar_chart(result: SensitivityResult, path: str | Path) -> None:
    """Horizontal bars with confidence intervals: S1 and ST (Sobol) or mu* (Morris)."""
    table = result.table.iloc[::-1]  # first factor on top
    y = np.arange(len(table))
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * len(table)), dpi=110)
    if result.method == "sobol":
        h = 0.38
        ax.barh(y + h / 2, table["S1"], h, xerr=table["S1_conf"], capsize=3, label="first order (S1)", color="#4c72b0")
        ax.barh(y - h / 2, table["ST"], h, xerr=table["ST_conf"], capsize=3, label="total (ST)", color="#dd8452")
        ax.set_xlabel("Sobol index (share of variance)")
        ax.axvline(0, color="black", linewidth=0.8)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    else:
        ax.barh(y, table["mu_star"], 0.6, xerr=table["mu_star_conf"], capsize=3, color="#4c72b0", label="mu* (mean |elementary effect|)")
        ax.set_xlabel(f"mu* of {result.indicator}")
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_yticks(y, table["factor"], fontsize=8)
    ax.set_title(
        f"{result.method.capitalize()} sensitivity of {result.indicator} in {result.month} ({result.conf_level:.0%} intervals, {result.runs} runs)", fontsize=9
    )
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
