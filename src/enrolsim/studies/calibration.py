"""Calibration: ``enrolsim calibrate FILE --out DIR`` fits scenario parameters to published figures with Optuna.

A calibration file names a base scenario, fixed settings, the parameters to fit with their bounds,
the targets (rows of a data file such as ``data/bpjstk_sources_2014_2019.csv``, the model indicator
each is compared with and how: the month's value, a year's sum, a sum to date) and the budget. Each
target weighs by its reliability code in the data (A 1, B 0.6, C 0.3, D 0.05; ``calibration_spec.py``).
The search is Optuna's TPE sampler (seeded), asked for a batch of candidate parameter sets at a
time; each batch is an experiment run by the batch-experiment runner (any executor, a resumable
Parquet store per batch, common replication seeds), and the loss of each candidate is told back to
the study. The study lives in ``DIR/study.db`` (SQLite), so running the same command again
continues: a batch that was interrupted is finished from its store, and the budget counts every
candidate told.

Loss: the weighted mean of squared relative errors, ``sum w_i ((sim_i - obs_i) / obs_i)^2 / sum w_i``,
with ``sim_i`` the mean over replications.

The central set: the search's best on its few replications is partly the luck of its seeds. With
``budget.recheck`` = K, the K best sets of the ensemble are run again at seeds 1..``recheck_seeds``
(the runs ``tests/test_calibrated.py`` makes), and the central set is the one with the least loss
among those that meet every ``checks`` tolerance (the least loss of all, said in ``summary.json``,
if none does). With K = 0 it is the search's best.

Outputs in ``DIR``: ``calibrated.yaml`` (a scenario extending ``baseline.yaml`` with the calibration
window and the central set; copy it to ``scenarios/``), ``ensemble.csv`` (the best candidates with
weights: the parameter uncertainty), ``recheck.csv`` (with a recheck: each rechecked set's loss and
its worst error in each check), ``fit.csv`` and ``fit.png`` (observed against simulated with the
5-95% band over the best candidates' replications), ``parameters.csv`` (the best candidates'
spread), ``trials.csv`` (every candidate and its loss) and ``summary.json`` (goodness of fit).
"""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from enrolsim.core.errors import InputError
from enrolsim.core.settings import set_path
from enrolsim.experiments.experiment import Experiment
from enrolsim.experiments.spec import Design, ExperimentSpec, Factor, Keep, replication_seeds
from enrolsim.indicators import INDICATORS
from enrolsim.scenario.loading import load_scenario
from enrolsim.scenario.schema import Scenario
from enrolsim.studies.calibration_spec import Calibration


def simulated(cal: Calibration, series: pd.DataFrame) -> np.ndarray:
    """Each target's simulated value in one run's series (columns: month and indicators)."""
    ts = series.set_index("month")
    out = []
    for t, scale in zip(cal.spec.targets, cal.scales, strict=True):
        value = ts[t.model].sum(axis=1)
        if t.how == "at":
            out.append(float(value.loc[t.model_month or t.date[:7]]))
        elif t.how == "year_sum":
            out.append(float(value[value.index.str.startswith(t.date[:4])].sum()))
        else:
            months = value.index[value.index.str.startswith(t.date[:4]) & (value.index <= t.date[:7])]
            out.append(float(value.loc[months].sum()))
        out[-1] *= scale
    return np.array(out)


def loss(cal: Calibration, values: np.ndarray) -> float:
    """Weighted mean squared relative error of simulated target values against the data."""
    obs = np.asarray(cal.observed)
    w = np.asarray(cal.weights)
    return float(np.sum(w * ((values - obs) / obs) ** 2) / w.sum())


def _indicators(cal: Calibration) -> list[str]:
    names = {"active"} | {n for t in cal.spec.targets for n in t.model}
    return [n for n in INDICATORS if n in names]


def batch_experiment(cal: Calibration, number: int, points: list[dict[str, float]]) -> Experiment:
    """The experiment that runs one batch of candidates (common replication seeds)."""
    spec = ExperimentSpec(
        name=f"{cal.spec.name}: batch {number}",
        scenario="base",
        factors={k: Factor(levels=[p[k] for p in points]) for k in cal.spec.parameters},
        design=Design(kind="grid"),
        replications=cal.spec.budget.replications,
        seed=cal.spec.seed,
        keep=Keep(indicators=_indicators(cal), months="all"),
    )
    seeds = replication_seeds(cal.spec.seed, cal.spec.budget.replications)
    return Experiment(spec, f"{cal.source} (batch {number})", {"base": cal.base}, points, seeds)


def _mean_by_point(cal: Calibration, store: Path) -> dict[int, np.ndarray]:
    """Each design point's simulated targets, the mean over its replications, read back from a run store."""
    from enrolsim.experiments.store import load

    data = load(store)
    runs = data.runs.set_index("run_id")
    values: dict[int, list[np.ndarray]] = {}
    for run_id, series in data.series.groupby("run_id"):
        values.setdefault(int(runs.loc[run_id, "point"]), []).append(simulated(cal, series))
    return {point: np.mean(v, axis=0) for point, v in values.items()}


def run_calibration(cal: Calibration, out: Path, executor: str = "processes", workers: int | None = None, scheduler: str | None = None) -> Any:
    """Run (or continue) the search; return the Optuna study."""
    import optuna

    from enrolsim.experiments.runner import run_experiment

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    out.mkdir(parents=True, exist_ok=True)
    storage = f"sqlite:///{(out / 'study.db').resolve()}"
    study = optuna.create_study(
        study_name=cal.spec.name, storage=storage, load_if_exists=True, direction="minimize", sampler=optuna.samplers.TPESampler(seed=cal.spec.seed)
    )
    distributions = {k: optuna.distributions.FloatDistribution(lo, hi, log=k in cal.spec.log_scale) for k, (lo, hi) in cal.spec.parameters.items()}

    def finish(number: int, trials: list[Any]) -> None:
        points = [{k: float(t.params[k]) for k in cal.spec.parameters} for t in trials]
        store = out / "batches" / f"batch-{number:04d}"
        report = run_experiment(batch_experiment(cal, number, points), store, executor=executor, workers=workers, scheduler=scheduler, progress=False)
        values = _mean_by_point(cal, store)
        for i, trial in enumerate(trials):
            if i in values:
                sim = values[i]
                trial.set_user_attr("simulated", [float(v) for v in sim])
                study.tell(trial, loss(cal, sim))
            else:  # every replication failed (errors in the batch store's failed/ folder)
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
        del report

    # An interrupted batch: its candidates were asked but not told; finish them from their store.
    running = [t for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.RUNNING]
    for number in sorted({t.user_attrs.get("batch", -1) for t in running}):
        trials = sorted((t for t in running if t.user_attrs.get("batch", -1) == number), key=lambda t: t.number)
        finish(number, [optuna.trial.Trial(study, t._trial_id) for t in trials])
    while True:
        told = [t for t in study.get_trials(deepcopy=False) if t.state.is_finished()]
        left = cal.spec.budget.trials - len(told)
        if left <= 0:
            break
        number = 1 + max([t.user_attrs.get("batch", -1) for t in study.get_trials(deepcopy=False)] or [-1])
        trials = []
        for _ in range(min(left, cal.spec.budget.batch)):
            trial = study.ask(distributions)
            trial.set_user_attr("batch", number)
            trials.append(trial)
        finish(number, trials)
    return study


# -- outputs -------------------------------------------------------------------------------------


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


def recheck_experiment(cal: Calibration, sets: pd.DataFrame) -> Experiment:
    """The experiment that runs ``sets`` (rows of the ensemble) again at seeds 1..``budget.recheck_seeds``.

    Seeds 1, 2, ... rather than the search's spawned seeds: they are the seeds of
    ``tests/test_calibrated.py``, so the set chosen is the one the test finds meeting the tolerances.
    The parameters are the ensemble's, rounded as ``calibrated.yaml`` writes them.
    """
    n = cal.spec.budget.recheck_seeds
    points = [{k: float(row[k]) for k in cal.spec.parameters} for _, row in sets.iterrows()]
    spec = ExperimentSpec(
        name=f"{cal.spec.name}: recheck",
        scenario="base",
        factors={k: Factor(levels=[p[k] for p in points]) for k in cal.spec.parameters},
        design=Design(kind="grid"),
        replications=n,
        seed=cal.spec.seed,
        keep=Keep(indicators=_indicators(cal), months="all"),
    )
    return Experiment(spec, f"{cal.source} (recheck)", {"base": cal.base}, points, list(range(1, n + 1)))


def check_errors(cal: Calibration, values: np.ndarray) -> dict[str, float]:
    """Each check's worst miss for the simulated ``values``: the largest relative error beyond ``within``
    (or the distance outside ``between``), 0 where every figure it selects is within it."""
    return {check.name: max(0.0, *(check.miss(cal.observed[i], float(values[i])) for i in cal.checked(check))) for check in cal.spec.checks}


def recheck(
    cal: Calibration, sets: pd.DataFrame, out: Path, executor: str = "processes", workers: int | None = None, scheduler: str | None = None
) -> pd.DataFrame:
    """Run the ``budget.recheck`` best rows of ``sets`` (the ensemble, best first) again; return a row each.

    Columns: ``set``, the search's ``loss``, ``rechecked_loss`` (at seeds 1..``recheck_seeds``), each
    check's worst miss (``miss: NAME``, 0 when met), ``meets`` (every check met) and ``central``
    (the set chosen: the least rechecked loss among those that meet every check, else the least of
    all). The runs are kept in ``out/recheck`` (a run store: an interrupted recheck continues).
    """
    from enrolsim.experiments.runner import run_experiment

    chosen = sets.head(cal.spec.budget.recheck).reset_index(drop=True)
    store = out / "recheck"
    run_experiment(recheck_experiment(cal, chosen), store, executor=executor, workers=workers, scheduler=scheduler, progress=False)
    values = _mean_by_point(cal, store)
    rows = []
    for i, row in chosen.iterrows():
        if i not in values:  # every seed failed (errors in the store's failed/ folder)
            continue
        misses = check_errors(cal, values[i])
        rows.append({"set": int(row["set"]), "loss": float(row["loss"]), "rechecked_loss": loss(cal, values[i]),
                     **{f"miss: {name}": miss for name, miss in misses.items()}, "meets": not any(misses.values())})  # fmt: skip
    if not rows:
        raise InputError(str(store), "", "every rechecked run failed; nothing to choose from (see the store's failed/ folder)")
    return choose_central(pd.DataFrame(rows))


def choose_central(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with a ``central`` column: the least ``rechecked_loss`` among the rows that ``meets`` every
    check, or among all rows if none does (a tolerance the data cannot meet must not leave no central set)."""
    pool = table[table["meets"]] if table["meets"].any() else table
    return table.assign(central=table.index == pool["rechecked_loss"].idxmin())


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
    head = {"extends": "baseline.yaml", "name": "Calibrated baseline (2014-2019 fit)", "description": f"Fitted by enrolsim calibrate ({cal.spec.name})."}
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
    """Write calibrated.yaml, ensemble.csv, recheck.csv (with a recheck), fit.csv, fit.png, parameters.csv, trials.csv and
    summary.json; the executor options run the recheck."""
    import optuna

    trials = best_trials(cal, study)
    if not trials:
        raise InputError(str(out), "", "no candidate finished; nothing to write")
    best = trials[0]
    files = []
    sets = ensemble(cal, study)
    central: dict[str, Any] = {"set": 0, "chosen_by": "the search's best (no recheck)", "parameters": dict(best.params)}
    if cal.spec.budget.recheck > 0:
        table = recheck(cal, sets, out, executor=executor, workers=workers, scheduler=scheduler)
        (path := out / "recheck.csv").write_text(table.to_csv(index=False), encoding="utf-8")
        files.append(path)
        pick = table[table["central"]].iloc[0]
        row = sets[sets["set"] == pick["set"]].iloc[0]
        met = "meets every check" if pick["meets"] else "no rechecked set meets every check: the least loss"
        central = {
            "set": int(pick["set"]),
            "chosen_by": f"least loss at seeds 1-{cal.spec.budget.recheck_seeds} of the {len(table)} best sets; {met}",
            "rechecked_loss": float(pick["rechecked_loss"]),
            "meets_every_check": bool(pick["meets"]),
            "parameters": {k: float(row[k]) for k in cal.spec.parameters},
        }
    # every candidate
    rows = []
    for t in study.get_trials(deepcopy=False):
        rows.append({"number": t.number, "batch": t.user_attrs.get("batch"), "state": t.state.name, "loss": t.value, **t.params})
    (path := out / "trials.csv").write_text(pd.DataFrame(rows).to_csv(index=False), encoding="utf-8")
    files.append(path)
    # spread of the best
    spread = []
    for k in cal.spec.parameters:
        vals = np.array([t.params[k] for t in trials])
        lo, hi = cal.spec.parameters[k]
        spread.append({"parameter": k, "best": best.params[k], "mean": vals.mean(), "sd": vals.std(ddof=1) if len(vals) > 1 else 0.0,
                       "min": vals.min(), "max": vals.max(), "low_bound": lo, "high_bound": hi, "of_best": len(vals)})  # fmt: skip
    (path := out / "parameters.csv").write_text(pd.DataFrame(spread).to_csv(index=False), encoding="utf-8")
    files.append(path)
    # observed against simulated
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
    # the scenario
    baseline = load_scenario("baseline")
    scenario = calibrated_scenario(cal, central["parameters"], baseline)
    head = f"# Written by `enrolsim calibrate`: set {central['set']} of ensemble.csv, {central['chosen_by']}.\n"
    text = head + "# See docs/validation.md for the command and the fit.\n" + yaml.safe_dump(scenario, sort_keys=False)
    (path := out / "calibrated.yaml").write_text(text, encoding="utf-8")
    files.append(path)
    (path := out / "ensemble.csv").write_text(sets.to_csv(index=False), encoding="utf-8")
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


def _plot_fit(cal: Calibration, series: pd.DataFrame, fit: pd.DataFrame, path: Path) -> Path:
    from enrolsim.core.plotting import plt

    fig, (ax, bx) = plt.subplots(1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [2, 1]})
    active = series.pivot_table(index="month", columns=["rank", "run_id"], values="active") / 1e6
    x = pd.to_datetime(active.index)
    best = active.xs(0, axis=1, level="rank").mean(axis=1)
    ax.fill_between(x, active.quantile(0.05, axis=1), active.quantile(0.95, axis=1), alpha=0.25, label="best candidates, 5-95% of runs")
    ax.plot(x, best, label="best candidate (mean of replications)")
    obs = [(t, cal.observed[i]) for i, t in enumerate(cal.spec.targets) if t.model == ["active"] and t.how == "at"]
    ax.scatter(pd.to_datetime([t.date for t, _ in obs]), [v for _, v in obs], color="black", zorder=3, label="observed")
    ax.set_ylabel("active participants (million)")
    ax.set_title(f"{cal.spec.name}: active participants", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    y = np.arange(len(fit))
    err_lo = (fit["band_p05"] / fit["observed"] - 1) * 100
    err_hi = (fit["band_p95"] / fit["observed"] - 1) * 100
    bx.hlines(y, err_lo, err_hi, color="C0", alpha=0.5)
    bx.scatter(fit["relative_error"] * 100, y, color="C0")
    bx.axvline(0, color="black", linewidth=0.8)
    bx.set_yticks(y, fit["target"], fontsize=7)
    bx.set_xlabel("simulated / observed - 1 (%)")
    bx.set_title("every target (best, 5-95% band)", fontsize=9)
    bx.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
