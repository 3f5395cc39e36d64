"""Calibration: ``enrolsim calibrate FILE --out DIR`` fits scenario parameters to published figures with Optuna.

A calibration file names a base scenario, fixed settings, the parameters to fit with their bounds,
the targets (rows of a data file such as ``data/bpjstk_sources_2014_2019.csv``, the model indicator
each is compared with and how: the month's value, a year's sum, a sum to date) and the budget. Each
target weighs by its reliability code in the data (A 1, B 0.6, C 0.3, D 0.05; ``calibration_spec.py``).
The search is Optuna's TPE sampler, asked for a batch of candidate parameter sets at a time and
seeded afresh for each batch from the calibration's seed and the batch's number (``batch_sampler``):
a study continued in a new process draws what one uninterrupted process would have drawn, and never
again the candidates of its first batch. Each batch is an experiment run by the batch-experiment
runner (any executor, a resumable Parquet store per batch, common replication seeds), and the loss
of each candidate is told back to the study. The study lives in ``DIR/study.db`` (SQLite), so running the same command again
continues: a batch that was interrupted is finished from its store, and the budget counts every
candidate told. Ctrl-C or SIGTERM while a batch's candidates are being asked takes effect once the
batch is whole (``_signals_held``): a batch cut short would be finished short, and the study would then
draw other candidates than an uninterrupted one. The study records the calibration's digest (``Calibration.digest``: its parameters,
bounds, targets, checks, settings, seed and base scenario, not the number of candidates); a folder
whose study was made by another calibration, or the same file since edited, is refused before anything runs,
and so is one whose candidates another version of the model scored (``experiments/fingerprint.py``).

Loss: the weighted mean of squared relative errors, ``sum w_i ((sim_i - obs_i) / obs_i)^2 / sum w_i``,
with ``sim_i`` the mean over replications. The central set is chosen among the best by
``calibration_recheck.py``; the outputs are written by ``calibration_outputs.py``.
"""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from enrolsim.core.errors import ExperimentError
from enrolsim.core.progress import progress_bar
from enrolsim.experiments.experiment import Experiment
from enrolsim.experiments.fingerprint import model_fingerprint, refuse_another_model
from enrolsim.experiments.spec import Design, ExperimentSpec, Factor, Keep, replication_seeds
from enrolsim.experiments.store import Store
from enrolsim.indicators import INDICATORS
from enrolsim.studies.calibration_spec import Calibration

#: The study's user attribute holding the digest of the calibration that made it.
DIGEST_ATTR = "calibration_digest"
#: The study's user attribute holding the model that scored its candidates (experiments/fingerprint.py).
MODEL_ATTR = "model_fingerprint"


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


def indicators_read(cal: Calibration) -> list[str]:
    names = {"active"} | {n for t in cal.spec.targets for n in t.model}
    return [n for n in INDICATORS if n in names]


def points_experiment(cal: Calibration, label: str, points: list[dict[str, float]], seeds: list[int]) -> Experiment:
    """The experiment that runs candidate parameter sets ``points`` of the base scenario, each with every seed
    (common random numbers), keeping the indicators the targets read: a batch of the search, or the recheck."""
    spec = ExperimentSpec(
        name=f"{cal.spec.name}: {label}",
        scenario="base",
        factors={k: Factor(levels=[p[k] for p in points]) for k in cal.spec.parameters},
        design=Design(kind="grid"),
        replications=len(seeds),
        seed=cal.spec.seed,
        keep=Keep(indicators=indicators_read(cal), months="all"),
    )
    return Experiment(spec, f"{cal.source} ({label})", {"base": cal.base}, points, seeds)


def batch_sampler(seed: int, number: int) -> Any:
    """The TPE sampler that draws batch ``number`` of a search seeded ``seed``.

    A sampler seeded once when the study is opened restarts its random numbers in every process: a
    study continued by running the command again drew its next batch from the numbers its first batch
    had used, and while fewer than TPE's startup candidates were told (drawn at random) it asked for
    the very same candidates again. Seeded by (seed, batch number), each batch's draw depends only on
    the study's record, whichever process makes it.
    """
    import optuna

    return optuna.samplers.TPESampler(seed=int(np.random.SeedSequence([seed, number]).generate_state(1)[0]))


def batch_experiment(cal: Calibration, number: int, points: list[dict[str, float]]) -> Experiment:
    """The experiment that runs one batch of candidates (the search's replication seeds)."""
    return points_experiment(cal, f"batch {number}", points, replication_seeds(cal.spec.seed, cal.spec.budget.replications))


def read_back(cal: Calibration, store: Path) -> tuple[dict[int, np.ndarray], dict[int, int]]:
    """From a run store, read once: each design point's simulated targets (the mean over its finished
    replications) and how many of its replications finished."""
    from enrolsim.experiments.store import load

    data = load(store)
    runs = data.runs.set_index("run_id")
    values: dict[int, list[np.ndarray]] = {}
    for run_id, series in data.series.groupby("run_id"):
        values.setdefault(int(runs.loc[run_id, "point"]), []).append(simulated(cal, series))
    return {point: np.mean(v, axis=0) for point, v in values.items()}, finished_by_point(data.runs)


def finished_by_point(runs: pd.DataFrame) -> dict[int, int]:
    """How many of each design point's runs have the status ``finished`` (a store's plan lists pending and failed ones too)."""
    done = runs[runs["status"] == "finished"]
    return {int(point): int(count) for point, count in done.groupby("point").size().items()}


def check_study(cal: Calibration, out: Path) -> None:
    """Refuse, writing nothing, an ``out`` folder whose ``study.db`` holds a study that ``cal`` cannot continue: one of
    another name, or one whose recorded digest differs from ``cal``'s (its parameters, bounds, targets, checks,
    settings, seed or base scenario changed: its candidates were drawn and scored for another search). A study
    without a digest (made before studies recorded one) is continued only if it has no candidate yet."""
    import optuna
    import sqlalchemy.exc

    db = out / "study.db"
    if not db.exists():
        return
    digest = cal.digest()
    advice = "use a new --out folder (or delete this one to start again)"
    storage = None
    try:
        storage = optuna.storages.RDBStorage(f"sqlite:///{db.resolve()}", skip_table_creation=True)
        names = optuna.study.get_all_study_names(storage)
        others = [name for name in names if name != cal.spec.name]
        if others:
            raise ExperimentError(str(out), "study.db", f"holds a study of a different calibration ({others[0]!r}, not {cal.spec.name!r}); {advice}")
        if not names:
            return
        study = optuna.load_study(study_name=cal.spec.name, storage=storage)
        recorded, made_by = study.user_attrs.get(DIGEST_ATTR), study.user_attrs.get(MODEL_ATTR)
        if recorded is None and not study.get_trials(deepcopy=False):
            return
    except (sqlalchemy.exc.SQLAlchemyError, optuna.exceptions.OptunaError, RuntimeError, KeyError) as exc:
        cause: BaseException = exc
        while cause.__cause__ is not None:
            cause = cause.__cause__
        problem = " ".join(str(getattr(cause, "orig", cause)).split()[:12])  # sqlite's own words
        raise ExperimentError(str(out), "study.db", f"cannot be read as an Optuna study ({problem}); {advice}") from None
    finally:
        if storage is not None:
            storage.engine.dispose()
    if recorded != digest:
        made = f"digest {recorded}" if recorded else "no recorded digest"
        raise ExperimentError(
            str(out),
            "study.db",
            f"holds a study of a different calibration ({made}; {cal.source} now has digest {digest}: its parameters, bounds, targets, "
            f"checks, settings (--agents), seed or base scenario differ); {advice}",
        )
    if made_by is None:  # a study made before the fingerprint was recorded: its stores made since say which model ran them
        made_by = next((f for f in _stores_models(out) if f != model_fingerprint()), None)
    refuse_another_model(
        made_by, str(out), "study.db", "holds candidates scored by another version of the model", f"continuing would rank two models' losses together; {advice}"
    )


def _stores_models(out: Path) -> list[str]:
    """The models recorded by the batch and recheck stores of a calibration folder (those that record one), in folder order."""
    found = []
    for folder in sorted([*out.glob("batches/*"), *out.glob("recheck/*")]):
        try:
            made_by = Store(folder).recorded_model()
        except ExperimentError:
            continue  # a store that cannot be read is refused, with its own words, when it is continued
        if made_by is not None:
            found.append(made_by)
    return found


def run_calibration(cal: Calibration, out: Path, executor: str = "processes", workers: int | None = None, scheduler: str | None = None) -> Any:
    """Run (or continue) the search; return the Optuna study."""
    import optuna

    from enrolsim.experiments.runner import run_experiment

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    check_study(cal, out)
    out.mkdir(parents=True, exist_ok=True)
    storage = f"sqlite:///{(out / 'study.db').resolve()}"
    study = optuna.create_study(study_name=cal.spec.name, storage=storage, load_if_exists=True, direction="minimize")
    if DIGEST_ATTR not in study.user_attrs:  # a new study (check_study let through no other kind)
        study.set_user_attr(MODEL_ATTR, model_fingerprint())  # first: a study killed between the two is still new
        study.set_user_attr(DIGEST_ATTR, cal.digest())
    distributions = {k: optuna.distributions.FloatDistribution(lo, hi, log=k in cal.spec.log_scale) for k, (lo, hi) in cal.spec.parameters.items()}

    def finish(number: int, trials: list[Any]) -> None:
        points = [{k: float(t.params[k]) for k in cal.spec.parameters} for t in trials]
        store = out / "batches" / f"batch-{number:04d}"
        report = run_experiment(batch_experiment(cal, number, points), store, executor=executor, workers=workers, scheduler=scheduler, progress=False)
        values, _ = read_back(cal, store)
        for i, trial in enumerate(trials):
            if i in values:
                sim = values[i]
                trial.set_user_attr("simulated", [float(v) for v in sim])
                study.tell(trial, loss(cal, sim))
            else:  # every replication failed (errors in the batch store's failed/ folder)
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
        del report

    # One bar over the candidates (a search takes minutes; each batch's own bar is off): it moves a batch at a time.
    with progress_bar(cal.spec.budget.trials, f"{cal.spec.name}: candidates", unit="candidate") as advance:
        # An interrupted batch: its candidates were asked but not told; finish them from their store.
        running = [t for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.RUNNING]
        _adopt_unnumbered(study, running)
        for number in sorted({t.user_attrs["batch"] for t in running}):
            trials = sorted((t for t in running if t.user_attrs["batch"] == number), key=lambda t: t.number)
            finish(number, [optuna.trial.Trial(study, t._trial_id) for t in trials])
        while True:
            told = [t for t in study.get_trials(deepcopy=False) if t.state.is_finished()]
            advance(min(len(told), cal.spec.budget.trials))
            left = cal.spec.budget.trials - len(told)
            if left <= 0:
                break
            number = 1 + max([t.user_attrs.get("batch", -1) for t in study.get_trials(deepcopy=False)] or [-1])
            study.sampler = batch_sampler(cal.spec.seed, number)
            trials = []
            with _signals_held():
                for _ in range(min(left, cal.spec.budget.batch)):
                    trial = study.ask(distributions)
                    trial.set_user_attr("batch", number)
                    trials.append(trial)
            finish(number, trials)
    return study


def _adopt_unnumbered(study: Any, running: list[Any]) -> None:
    """A candidate asked but not yet given its batch's number (a SIGKILL between the two) joins its batch.

    It is the last one asked: of the batch still running if there is one, else of the batch after the last.
    Without a number its runs could not be found again, and the study could never be continued.
    """
    import optuna

    unnumbered = [t for t in running if "batch" not in t.user_attrs]
    if not unnumbered:
        return
    numbered = [t.user_attrs["batch"] for t in running if "batch" in t.user_attrs]
    every = [t.user_attrs.get("batch", -1) for t in study.get_trials(deepcopy=False)]
    number = max(numbered) if numbered else 1 + max(every)
    for t in unnumbered:
        optuna.trial.Trial(study, t._trial_id).set_user_attr("batch", number)
        t.user_attrs["batch"] = number


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM wait until the block is done, then go to the handler they would have met.

    The block asks the study for a batch's candidates (seconds): cut short, it leaves a batch of fewer
    candidates, which the next run finishes as it is, so the study goes on from another point than an
    uninterrupted one. Under ``enrolsim`` both signals then interrupt (KeyboardInterrupt); in a script with
    Python's defaults, SIGINT interrupts and SIGTERM ends the process. Only in the main thread (where signals
    are handled) and when both handlers were set from Python; otherwise the block runs as it is. A SIGKILL
    cannot be held: after one there, the continued study is whole but draws other candidates.
    """
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.getsignal(s) for s in held}
    if threading.current_thread() is not threading.main_thread() or any(h is None for h in previous.values()):
        yield
        return
    received: list[int] = []
    for s in held:
        signal.signal(s, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if received:
        handler = previous[signal.Signals(received[0])]
        if callable(handler):
            handler(received[0], None)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(received[0])
