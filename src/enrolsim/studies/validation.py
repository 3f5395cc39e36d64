"""Observed against simulated: every figure of a calibration's targets, with chance and parameter uncertainty apart.

A scenario (``calibrated`` by default) is run with ``seeds`` replication seeds and, with an ensemble
of parameter sets, with each of ``sets`` sets drawn from it by weight. For every target of the
calibration file the table gives the observed value, the simulated mean, the chance interval (5-95%
of the seeds' spread with the parameters held) and the parameter interval (5-95% of the sets' means),
and the relative error of the mean. Runs go through the experiment runner (any executor) into a
temporary store.

``enrolsim validate`` (:func:`prepare_validation`, :func:`run_validation`) runs the history
(``scenarios/history.yaml``: 2014-2026 with the events of 2020-2025) with sets drawn from the calibrated
ensemble (``scenarios/calibrated_ensemble.csv``) and reads every point of ``data/`` against it
(``analysis/validation_tables.py``), year by year and against the 2026 target, and writes the tables, a
figure and a report (``analysis/validation_report.py``), in English or Bahasa Indonesia (``lang``). Every
check runs before any run or file.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from enrolsim.analysis.statistics import uncertainty_apart
from enrolsim.analysis.validation_report import ValidationResult, write_validation
from enrolsim.analysis.validation_tables import history_table, observed_points, outlook, point_table
from enrolsim.core.errors import InputError, ScenarioError
from enrolsim.core.files import check_output_folder
from enrolsim.core.months import format_month, parse_month
from enrolsim.core.shipped import folder, locate
from enrolsim.core.strict import check_target, field_bounds, is_whole
from enrolsim.experiments.experiment import Experiment, build_experiment
from enrolsim.experiments.runner import run_experiment
from enrolsim.experiments.spec import PARAMETER_SET_FACTOR, ExperimentSpec
from enrolsim.experiments.store import load
from enrolsim.scenario.loading import load_scenario
from enrolsim.scenario.schema import Scenario
from enrolsim.studies.calibration import simulated
from enrolsim.studies.calibration_spec import Calibration, load_calibration
from enrolsim.studies.compare import check_language
from enrolsim.studies.parameter_sets import draw_parameter_sets
from enrolsim.texts import text


def validation_runs(
    scenario: str | Path,
    *,
    seeds: int,
    agents: int,
    months: int | None = None,
    parameter_sets: str | Path | None = None,
    sets: int | None = None,
    seed: int = 2019,
    executor: str = "processes",
    workers: int | None = None,
    drawn: list[dict[str, float]] | None = None,
    progress: bool | None = False,
) -> pd.DataFrame:
    """Every run's monthly indicators (a ``run_id``, ``parameter_set`` and ``replication`` column each).

    ``drawn``: parameter sets already drawn (instead of drawing ``sets`` from ``parameter_sets``).
    """
    path = load_path(scenario)
    base = load_scenario(path)
    if drawn is None:
        drawn = draw_parameter_sets(parameter_sets, sets, seed, [(str(path), base)]) if parameter_sets is not None else []
    settings = {"population.agents": agents, **({"months": months} if months is not None else {})}
    spec = ExperimentSpec(
        name=f"validation: {base.name}"[:200],
        scenario=str(path),
        settings=settings,
        factors={PARAMETER_SET_FACTOR: {"levels": list(range(len(drawn)))}} if drawn else {},
        replications=seeds,
        seed=seed,
        parameter_sets=drawn,
    )
    with tempfile.TemporaryDirectory(prefix="enrolsim-validation-") as scratch:
        place = Path(scratch)
        experiment: Experiment = build_experiment(spec, "validation", place)
        report = run_experiment(experiment, place / "store", executor=executor, workers=workers, progress=progress)
        if report.failed:
            raise RuntimeError("validation: " + report.failure(kept=False))  # its store is a temporary folder, gone with the error
        data = load(place / "store")
    runs = data.runs[["run_id", "replication", *([PARAMETER_SET_FACTOR] if drawn else [])]]
    frame = data.series.merge(runs, on="run_id")
    if PARAMETER_SET_FACTOR not in frame:
        frame[PARAMETER_SET_FACTOR] = 0
    return frame


def load_path(scenario: str | Path) -> Path:
    """The scenario file behind a path or a shipped name."""
    return locate(scenario, "scenario", ScenarioError).resolve()


def target_table(cal: Calibration, runs: pd.DataFrame) -> pd.DataFrame:
    """One row a target: observed, simulated mean, chance and parameter intervals, relative error."""
    per_run = []
    for (run_set, _), series in runs.groupby([PARAMETER_SET_FACTOR, "run_id"]):
        per_run.append((run_set, simulated(cal, series.drop(columns=[PARAMETER_SET_FACTOR, "replication"]))))
    sets = np.array([s for s, _ in per_run])
    values = np.array([v for _, v in per_run])  # runs x targets
    rows = []
    for i, t in enumerate(cal.spec.targets):
        apart = uncertainty_apart("simulated", values[:, i], sets)
        mean = float(values[:, i].mean())
        rows.append(
            {
                "target": cal.target_label(i),
                "model": "+".join(t.model),
                "how": t.how,
                "weight": cal.weights[i],
                "observed": cal.observed[i],
                "simulated": mean,
                "standard_error": float(values[:, i].std(ddof=1) / np.sqrt(len(values))) if len(values) > 1 else float("nan"),
                **apart,
                "relative_error": mean / cal.observed[i] - 1,
            }
        )
    return pd.DataFrame(rows)


def validate(
    calibration: str | Path,
    scenario: str | Path = "calibrated",
    **options: object,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The target table and the runs behind it (see :func:`validation_runs` for the options)."""
    cal = load_calibration(calibration)
    runs = validation_runs(scenario, **options)  # type: ignore[arg-type]
    return target_table(cal, runs), runs


# -- enrolsim validate ----------------------------------------------------------------------------

ENSEMBLE = "calibrated_ensemble.csv"  # in the shipped scenarios: the calibration's ensemble.csv, copied
CALIBRATION = "bpjstk_2014_2019"  # whose targets are the fitted points
DEFAULTS = {"sets": 8, "seeds": 4, "agents": 20_000, "seed": 2019, "target": 70e6}


@dataclass
class ValidationPlan:
    """A validated ``enrolsim validate``: nothing has run or been written yet."""

    scenario: Path
    loaded: Scenario
    ensemble: str
    drawn: list[dict[str, float]]
    seeds: int
    agents: int
    months: int | None
    seed: int
    target: float
    by: str
    out: Path | None
    points: pd.DataFrame
    lang: str = "en"

    def scenario_argument(self) -> str:
        """The scenario as the command line finds it anywhere: a shipped one by its name (``history``), another by its path."""
        shipped = folder("scenario").resolve()
        if self.scenario.resolve().is_relative_to(shipped):
            return self.scenario.resolve().relative_to(shipped).with_suffix("").as_posix()
        return str(self.scenario)

    @property
    def shipped_ensemble(self) -> bool:
        """Whether the ensemble is the shipped one (the default of ``--parameter-sets``)."""
        return Path(self.ensemble).resolve() == (folder("scenario") / ENSEMBLE).resolve()

    def ensemble_name(self, lang: str = "en") -> str:
        """The ensemble as a reader elsewhere finds it, in ``lang``: the shipped one by its place in the project, not this machine's path."""
        return text(lang, "val_shipped", file=f"scenarios/{ENSEMBLE}") if self.shipped_ensemble else self.ensemble

    def command(self) -> str:
        """The command that reproduces this validation (on another machine too: the shipped ensemble is the default)."""
        ensemble = [] if self.shipped_ensemble else [f"--parameter-sets {self.ensemble}"]
        parts = [f"enrolsim validate {self.scenario_argument()}", *ensemble, f"--sets {len(self.drawn)}", f"--seeds {self.seeds}"]
        parts += [f"--agents {self.agents}", *([f"--months {self.months}"] if self.months is not None else []), f"--seed {self.seed}"]
        parts += [f"--target {self.target:.0f}", f"--by {self.by}", *([f"--out {self.out}"] if self.out is not None else [])]
        return " ".join(parts + ([f"--lang {self.lang}"] if self.lang != "en" else []))


def prepare_validation(
    scenario: str | Path = "history",
    *,
    parameter_sets: str | Path | None = None,
    sets: int | None = None,
    seeds: int = DEFAULTS["seeds"],
    agents: int = DEFAULTS["agents"],
    months: int | None = None,
    seed: int = DEFAULTS["seed"],
    target: float = DEFAULTS["target"],
    by: str | None = None,
    out: str | Path | None = None,
    lang: str = "en",
) -> ValidationPlan:
    """Check everything of a validation; raise :class:`InputError` naming the file or option (nothing is written).

    ``lang`` is the language of the report, the figure and the CSV headers: ``en`` or ``id`` (Bahasa Indonesia).
    """
    check_language(lang)
    for option, value, lo, hi in (("--seeds", seeds, 1, 1000), ("--seed", seed, 0, 2**63 - 1)):
        if not is_whole(value) or not lo <= value <= hi:
            raise InputError(option, "", f"{value!r} is not a whole number between {lo} and {hi}")
    for option, value, key in (("--agents", agents, "population.agents"), ("--months", months, "months")):
        lo, hi = field_bounds(Scenario, tuple(key.split(".")))
        if value is not None and (not is_whole(value) or not lo <= value <= hi):
            raise InputError(option, "", f"{value!r} is not a whole number between {lo} and {hi}")
    check_target(target)
    path = load_path(scenario)
    loaded = load_scenario(path, {"population.agents": agents, **({"months": months} if months is not None else {})})
    first, last = loaded.start_month, loaded.start_month + loaded.months - 1
    if not any(m % 12 == 11 for m in range(first, last + 1)):  # the history is read year by year, at each December
        raise InputError("--months", "", f"{loaded.months} months from {format_month(first)} reach no December; the history is read at each year's end")
    by = by or format_month(last)
    try:
        inside = first <= parse_month(by) <= last
    except ValueError:
        raise InputError("--by", "", f"{by!r} is not a month written YYYY-MM (e.g. 2026-12)") from None
    if not inside:
        raise InputError("--by", "", f"{by} is not simulated (the run covers {format_month(first)} .. {format_month(last)})")
    ensemble = Path(parameter_sets) if parameter_sets is not None else folder("scenario") / ENSEMBLE
    if not ensemble.is_file():
        raise InputError("--parameter-sets", "", f"{ensemble}: no such file (copy a calibration's ensemble.csv to scenarios/{ENSEMBLE}, or name one)")
    drawn = draw_parameter_sets(ensemble, sets, seed, [(str(path), loaded)])  # InputError on a bad table, row or --sets
    out_path = Path(out) if out is not None else None
    if out_path is not None:
        check_output_folder(out_path)
    points = observed_points(folder("data"), fitted_targets())
    return ValidationPlan(path, loaded, str(ensemble), drawn, seeds, agents, months, seed, float(target), by, out_path, points, lang)


def fitted_targets() -> set[tuple[str, str, str]]:
    """(indicator, segment, date) of every target of the shipped calibration (the points that were fitted)."""
    return {(t.indicator, t.segment, t.date) for t in load_calibration(CALIBRATION).spec.targets}


def run_validation(plan: ValidationPlan, *, executor: str = "processes", workers: int | None = None, progress: bool | None = None) -> ValidationResult:
    """Run the plan, read every point against the runs, and write the files when the plan has ``out``."""
    runs = validation_runs(
        plan.scenario,
        seeds=plan.seeds,
        agents=plan.agents,
        months=plan.months,
        seed=plan.seed,
        executor=executor,
        workers=workers,
        drawn=plan.drawn,
        progress=progress,
    )
    add = {"labour_force": plan.loaded.population.outside_model}  # Sakernas counts civil servants, military and police
    describe = {
        "scenario": f"{plan.loaded.name} ({plan.scenario.name})",
        "ensemble": plan.ensemble_name(plan.lang),
        "runs": str(runs["run_id"].nunique()),
        "sets": str(len(plan.drawn)),
        "seeds": str(plan.seeds),
        "agents": str(plan.agents),
        "command": plan.command(),
    }
    tables = point_table(plan.points, runs, add=add), history_table(runs), outlook(runs, plan.target, plan.by)
    result = ValidationResult(*tables, runs, describe, lang=plan.lang)
    if plan.out is not None:
        result.files = write_validation(result, plan.out)
    return result
