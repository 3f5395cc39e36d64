"""What ``enrolsim calibrate`` writes in ``DIR`` once the search is done.

``calibrated.yaml`` (a scenario extending ``baseline.yaml`` with the calibration window and the
central set; copy it to ``scenarios/``), ``ensemble.csv`` (the best candidates with weights: the
parameter uncertainty), ``recheck.csv`` and ``central_fit.csv`` (with a recheck: each rechecked
set's loss and its worst miss in each check; the central set against every target), ``fit.csv`` and
``fit.png`` (the search's best against the data, with the 5-95% band over the best candidates'
replications), ``parameters.csv`` (the best candidates' spread), ``trials.csv`` (every candidate and
its loss) and ``summary.json`` (goodness of fit, and which set is central).
"""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from enrolsim.core.errors import InputError
from enrolsim.core.months import year_of
from enrolsim.core.settings import set_path
from enrolsim.scenario.loading import load_scenario
from enrolsim.scenario.schema import Scenario
from enrolsim.studies.calibration import simulated
from enrolsim.studies.calibration_recheck import recheck
from enrolsim.studies.calibration_spec import Calibration

#: What is written of the central set: removed before the search's outputs are written, so that a recheck that
#: fails or is interrupted (or a run without one) leaves no file of an earlier ensemble beside the new ensemble.csv.
CENTRAL_FILES = ("calibrated.yaml", "recheck.csv", "central_fit.csv", "summary.json")


def best_trials(cal: Calibration, study: Any) -> list[Any]:
    """The best finished candidates, best first."""
    import optuna

    done = [t for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.COMPLETE]
    return sorted(done, key=lambda t: t.value)[: cal.spec.budget.best]


def best_runs(cal: Calibration, out: Path, trials: list[Any]) -> pd.DataFrame:
    """Series of every replication of the best candidates, read back from their batch stores."""
    from enrolsim.experiments.store import load

    frames = []
    for rank, t in enumerate(trials):
        store = out / "batches" / f"batch-{t.user_attrs['batch']:04d}"
        data = load(store)
        runs = data.runs
        # the candidate's point in its batch: the one whose factor values are its parameters
        match = np.ones(len(runs), dtype=bool)
        for k, v in t.params.items():
            match &= np.isclose(runs[k].astype(float), v, rtol=0, atol=1e-12)
        ids = set(runs.loc[match, "run_id"])
        part = data.series[data.series["run_id"].isin(ids)].copy()
        part.insert(0, "rank", rank)
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def ensemble(cal: Calibration, study: Any) -> pd.DataFrame:
    """The approximate posterior: the ``budget.ensemble`` best candidates, each with a weight.

    The weight is a tempered likelihood of the loss ``L`` (a weighted mean of squared relative errors):
    ``exp(-(L - L_best) / (2 L_best))``, normalised; a candidate with twice the best loss weighs
    ``e^-1/2`` as much. It keeps the parameter uncertainty the data leave (several sets fit about as
    well) without pretending to the exactness of a full Bayesian calibration (docs/validation.md).
    """
    import optuna

    done = sorted((t for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.COMPLETE), key=lambda t: t.value)
    kept = done[: cal.spec.budget.ensemble]
    losses = np.array([t.value for t in kept])
    weights = np.exp(-(losses - losses[0]) / (2 * max(losses[0], 1e-12)))
    table = pd.DataFrame([{"set": i, "loss": t.value, **{k: _round(t.params[k]) for k in cal.spec.parameters}} for i, t in enumerate(kept)])
    table.insert(2, "weight", weights / weights.sum())
    return table


def calibrated_scenario(cal: Calibration, params: dict[str, float], baseline: Scenario) -> dict[str, Any]:
    """A scenario dictionary extending ``baseline.yaml``: the window's differences and the fitted values."""
    base = cal.base.model_dump(mode="json")
    ref = baseline.model_dump(mode="json")
    diff = _diff(base, ref)
    diff.get("population", {}).pop("agents", None)
    if not diff.get("population"):
        diff.pop("population", None)
    for key, value in params.items():
        set_path(diff, key, _round(value))
    first, last = cal.base.start_month, cal.base.start_month + cal.base.months - 1
    name = f"Calibrated baseline ({year_of(first)}-{year_of(last)} fit)"  # the window fitted, not always 2014-2019
    head = {"extends": "baseline.yaml", "name": name, "description": f"Fitted by enrolsim calibrate ({cal.spec.name})."}
    diff.pop("name", None)
    diff.pop("description", None)
    return {**head, **diff}


def _round(value: float) -> float:
    return float(f"{value:.4g}")


def _diff(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in a.items():
        if isinstance(value, dict) and isinstance(b.get(key), dict):
            sub = _diff(value, b[key])
            if sub:
                out[key] = sub
        elif value != b.get(key):
            out[key] = value
    return out


def write_outputs(cal: Calibration, study: Any, out: Path, executor: str = "processes", workers: int | None = None, scheduler: str | None = None) -> list[Path]:
    """Write trials.csv, parameters.csv, fit.csv, fit.png and ensemble.csv (the search), then recheck.csv and
    central_fit.csv (with a recheck, run with the executor options), calibrated.yaml and summary.json.

    The search's outputs come first: a recheck that fails or is interrupted leaves them written.
    """
    import optuna

    trials = best_trials(cal, study)
    if not trials:
        raise InputError(str(out), "", "no candidate finished; nothing to write")
    best, sets = trials[0], ensemble(cal, study)
    for name in CENTRAL_FILES:  # those of an earlier ensemble, whose set numbers now name other candidates
        (out / name).unlink(missing_ok=True)
    files, fit_table = _write_search(cal, study, trials, out)
    (path := out / "ensemble.csv").write_text(sets.to_csv(index=False), encoding="utf-8")
    files.append(path)
    central, central_files = _central_set(cal, sets, out, executor=executor, workers=workers, scheduler=scheduler)
    files += central_files
    baseline = load_scenario("baseline")
    scenario = calibrated_scenario(cal, central["parameters"], baseline)
    head = (
        f"# Written by `enrolsim calibrate {Path(cal.source).stem}`: set {central['set']} of its ensemble.csv"
        f" (shipped as scenarios/calibrated_ensemble.csv), {central['chosen_by']}.\n"
        f"# {_reproduce(cal)}\n"
    )
    text = head + "# See docs/validation.md for the command and the fit.\n" + yaml.safe_dump(scenario, sort_keys=False)
    (path := out / "calibrated.yaml").write_text(text, encoding="utf-8")
    files.append(path)
    summary = {
        "calibration": cal.spec.name,
        "source": cal.source,
        "candidates_finished": sum(1 for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.COMPLETE),
        "agents": cal.base.population.agents,
        "replications": cal.spec.budget.replications,
        "best_loss": best.value,
        "rmse_relative": float(np.sqrt(best.value)),
        "max_abs_relative_error": float(fit_table["relative_error"].abs().max()),
        "best_parameters": dict(best.params),
        "central_set": central,
        "fit": json.loads(fit_table.to_json(orient="records")),
    }
    (path := out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    files.append(path)
    return files


def _reproduce(cal: Calibration) -> str:
    """How to run calibrated.yaml as it was fitted: the file leaves the number of agents to the baseline's
    (a scenario's size is the user's choice), so the size of the fit and the recheck's seeds are said here."""
    agents, budget = cal.base.population.agents, cal.spec.budget
    fitted = f"Fitted at {agents} agents"
    if budget.recheck == 0:
        return f"{fitted}."
    runs = f"`enrolsim run calibrated.yaml --agents {agents} --seed S`, S = {_seeds(budget.recheck_seeds)}"
    return f"{fitted}: {runs}, are the runs of recheck.csv and central_fit.csv."


def _seeds(n: int) -> str:
    """Seeds 1..n in words: "1" or "1-8"."""
    return "1" if n == 1 else f"1-{n}"


def _write_search(cal: Calibration, study: Any, trials: list[Any], out: Path) -> tuple[list[Path], pd.DataFrame]:
    """trials.csv (every candidate), parameters.csv (the best candidates' spread), fit.csv and fit.png (the
    search's best against the data, with the band over the best candidates' replications)."""
    files, best = [], trials[0]
    rows = [
        {"number": t.number, "batch": t.user_attrs.get("batch"), "state": t.state.name, "loss": t.value, **t.params} for t in study.get_trials(deepcopy=False)
    ]
    (path := out / "trials.csv").write_text(pd.DataFrame(rows).to_csv(index=False), encoding="utf-8")
    files.append(path)
    spread = []
    for k in cal.spec.parameters:
        vals = np.array([t.params[k] for t in trials])
        lo, hi = cal.spec.parameters[k]
        spread.append({"parameter": k, "best": best.params[k], "mean": vals.mean(), "sd": vals.std(ddof=1) if len(vals) > 1 else 0.0,
                       "min": vals.min(), "max": vals.max(), "low_bound": lo, "high_bound": hi, "of_best": len(vals)})  # fmt: skip
    (path := out / "parameters.csv").write_text(pd.DataFrame(spread).to_csv(index=False), encoding="utf-8")
    files.append(path)
    series = best_runs(cal, out, trials)
    per_run = {(r, run): simulated(cal, s) for (r, run), s in series.groupby(["rank", "run_id"])}
    fit = []
    for i, t in enumerate(cal.spec.targets):
        best_vals = np.array([v[i] for (r, _), v in per_run.items() if r == 0])
        all_vals = np.array([v[i] for v in per_run.values()])
        sim = float(best_vals.mean())
        fit.append({"target": cal.target_label(i), "model": "+".join(t.model), "how": t.how, "weight": cal.weights[i], "observed": cal.observed[i],
                    "simulated": sim, "band_p05": float(np.quantile(all_vals, 0.05)), "band_p95": float(np.quantile(all_vals, 0.95)),
                    "relative_error": sim / cal.observed[i] - 1})  # fmt: skip
    fit_table = pd.DataFrame(fit)
    (path := out / "fit.csv").write_text(fit_table.to_csv(index=False), encoding="utf-8")
    files.append(path)
    files.append(_plot_fit(cal, series, fit_table, out / "fit.png"))
    return files, fit_table


def _central_set(cal: Calibration, sets: pd.DataFrame, out: Path, **executor: Any) -> tuple[dict[str, Any], list[Path]]:
    """The central set (the same keys with or without a recheck; parameters as the ensemble rounds them) and,
    with a recheck, recheck.csv and central_fit.csv (the central set's mean at the recheck's seeds, target by target)."""
    budget = cal.spec.budget
    if budget.recheck == 0:
        row = sets.iloc[0]
        central = {"set": int(row["set"]), "chosen_by": "the search's best (no recheck: no check applied)", "rechecked_loss": None, "meets_every_check": None}
        return {**central, "parameters": {k: float(row[k]) for k in cal.spec.parameters}}, []
    found = recheck(cal, sets, out, **executor)
    (table_path := out / "recheck.csv").write_text(found.table.to_csv(index=False), encoding="utf-8")
    pick = found.central
    values = found.values[int(pick["set"])]
    fit = pd.DataFrame({"target": [cal.target_label(i) for i in range(len(values))], "weight": cal.weights, "observed": cal.observed, "simulated": values})
    fit["relative_error"] = fit["simulated"] / fit["observed"] - 1
    (fit_path := out / "central_fit.csv").write_text(fit.to_csv(index=False), encoding="utf-8")
    row = sets[sets["set"] == pick["set"]].iloc[0]
    met = "meets every check" if pick["meets"] else "no rechecked set meets every check: the least loss"
    central = {
        "set": int(pick["set"]),
        "chosen_by": f"least loss at seed{'s' * (budget.recheck_seeds > 1)} {_seeds(budget.recheck_seeds)} of the {len(found.table)} best sets; {met}",
        "rechecked_loss": float(pick["rechecked_loss"]),
        "meets_every_check": bool(pick["meets"]),
        "parameters": {k: float(row[k]) for k in cal.spec.parameters},
    }
    return central, [table_path, fit_path]


def _plot_fit(cal: Calibration, series: pd.DataFrame, fit: pd.DataFrame, path: Path) -> Path:
    from enrolsim.core.plotting import plt

    fig = fit_figure(cal, series, fit)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


#: Height of one target's row in fit.png's lower panel (inches): its label at 7 points needs about 0.14.
_TARGET_ROW = 0.2


def fit_figure(cal: Calibration, series: pd.DataFrame, fit: pd.DataFrame) -> Any:
    """fit.png: above, active participants of the best candidates against the observed totals; below, every
    target's relative error (the search's best, and the 5-95% band of the best candidates' runs).

    The lower panel grows with the number of targets (one row each, the file's order from the top), so the
    labels of a calibration of fifty targets do not overlap. A model month is drawn at its end, the day the
    month's value stands for: a figure dated 31 December is read from December, drawn on the 31st.
    """
    from enrolsim.core.plotting import plt

    top, bottom = 4.0, 1.2 + _TARGET_ROW * len(fit)
    fig, (ax, bx) = plt.subplots(2, 1, figsize=(11, top + bottom), gridspec_kw={"height_ratios": [top, bottom]})
    active = series.pivot_table(index="month", columns=["rank", "run_id"], values="active") / 1e6
    x = pd.to_datetime(active.index) + pd.offsets.MonthEnd(0)
    best = active.xs(0, axis=1, level="rank").mean(axis=1)
    candidates = series["rank"].nunique()
    ax.fill_between(x, active.quantile(0.05, axis=1), active.quantile(0.95, axis=1), alpha=0.25, label=f"{candidates} best candidates: 5-95% of their runs")
    ax.plot(x, best, label="best candidate (mean of its replications)")
    obs = [(t, cal.observed[i]) for i, t in enumerate(cal.spec.targets) if t.model == ["active"] and t.how == "at"]
    ax.scatter(pd.to_datetime([t.date for t, _ in obs]), [v for _, v in obs], color="black", zorder=3, label="observed")
    ax.set_ylabel("active participants (million)")
    ax.set_title(f"{cal.spec.name}: active participants, simulated against observed", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3)
    y = np.arange(len(fit))
    err_lo = (fit["band_p05"] / fit["observed"] - 1) * 100
    err_hi = (fit["band_p95"] / fit["observed"] - 1) * 100
    bx.hlines(y, err_lo, err_hi, color="C0", alpha=0.5, linewidth=3)
    bx.scatter(fit["relative_error"] * 100, y, color="C0", zorder=3, s=18)
    bx.axvline(0, color="black", linewidth=0.8)
    bx.set_yticks(y, [f"{label} (weight {w:g})" for label, w in zip(fit["target"], fit["weight"], strict=True)], fontsize=7)
    bx.set_ylim(len(fit) - 0.5, -0.5)  # the first target at the top, as in fit.csv
    bx.set_xlabel("simulated / observed - 1 (%)")
    # the marks of the panel above, explained in its title: a legend here would cover a target's row
    bx.set_title(f"every target: relative error (dot: best candidate; bar: 5-95% of the {candidates} best candidates' runs)", fontsize=10)
    bx.grid(alpha=0.3)
    fig.tight_layout()
    return fig
