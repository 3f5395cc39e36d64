"""A researcher's walk through ``enrolsim calibrate``: continuing, interrupting and reading its outputs.

Each test runs a tiny calibration (two parameters, three targets, two years at 1,000 agents, the
serial executor): a study continued by running the command again must draw new candidates, the very
ones an uninterrupted run draws; Ctrl-C must say one line and lose nothing; no file of an earlier
ensemble may stay beside a new one; calibrated.yaml must say how to run it as it was fitted, and
then give the recheck's figures; fit.png must give every target a readable row and draw each model
month on the day its figures are dated.
"""

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from conftest import REPO, run_cli
from enrolsim.run import simulate
from enrolsim.scenario.loading import load_scenario
from enrolsim.studies.calibration import simulated
from enrolsim.studies.calibration_outputs import fit_figure
from enrolsim.studies.calibration_spec import load_calibration

CALIBRATIONS = REPO / "calibrations"
SERIAL = ["--executor", "serial"]


def _tiny(folder: Path, recheck: int = 2) -> Path:
    """A calibration of the 2014 window cut to 2014-2015 at 1,000 agents; batches of two candidates."""
    spec = {
        "name": "tiny review calibration",
        "scenario": str(CALIBRATIONS / "calibration_2014.yaml"),
        "data": str(REPO / "data" / "bpjstk_sources_2014_2019.csv"),
        "settings": {"population.agents": 1000, "months": 24},
        "parameters": {"enrolment.base_logit": [-8.55, -8.1], "employers.registration_rate": [0.01, 0.0115]},
        "targets": [{"indicator": "active_participants", "date": d, "model": ["active"]} for d in ("2014-10-31", "2015-06-18", "2015-12-31")],
        "checks": [{"name": "totals", "indicators": ["active_participants"], "within": 0.3}],
        "budget": {"trials": 2, "batch": 2, "replications": 1, "best": 2, "ensemble": 6, "recheck": recheck, "recheck_seeds": 2},
        "seed": 7,
    }
    path = folder / "tiny.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def _calibrate(path: Path, out: Path, *options: object):
    result = run_cli(["calibrate", path, "--out", out, *SERIAL, *options])
    assert result.code == 0, result.err
    return result


def _candidates(out: Path) -> pd.DataFrame:
    trials = pd.read_csv(out / "trials.csv")
    return trials[[c for c in trials.columns if "." in c]]


def test_a_continued_search_draws_new_candidates_the_ones_an_uninterrupted_search_draws(tmp_path):
    """The sampler was seeded once a process: run again, it drew its first batch's candidates again."""
    path = _tiny(tmp_path)
    continued, whole = tmp_path / "continued", tmp_path / "whole"
    _calibrate(path, continued, "--trials", 2)
    _calibrate(path, continued, "--trials", 6)
    _calibrate(path, whole, "--trials", 6)
    candidates = _candidates(continued)
    assert len(candidates) == 6 and not candidates.duplicated().any(), candidates
    for name in ("trials.csv", "ensemble.csv", "recheck.csv", "calibrated.yaml"):
        assert (continued / name).read_bytes() == (whole / name).read_bytes(), name


def test_ctrl_c_says_one_line_and_the_same_command_continues_where_it_stopped(tmp_path, monkeypatch):
    """Ctrl-C in the second batch: one line and status 130, not a traceback; run again, the first batch's
    runs are not made again and the study ends as an uninterrupted one."""
    import enrolsim.experiments.runner as runner

    path = _tiny(tmp_path)
    out, whole = tmp_path / "out", tmp_path / "whole"
    real = runner.run_experiment
    stores: list[str] = []

    def interrupted(experiment, store, **options):
        stores.append(Path(store).name)
        if stores == ["batch-0000", "batch-0001"]:  # the first process, in its second batch
            raise KeyboardInterrupt
        return real(experiment, store, **options)

    monkeypatch.setattr(runner, "run_experiment", interrupted)
    stopped = run_cli(["calibrate", path, "--out", out, *SERIAL, "--trials", 4])
    assert stopped.code == 130 and len(stopped.err_lines) == 1 and "Traceback" not in stopped.err, stopped.err
    assert "interrupted" in stopped.err and str(out) in stopped.err and "run the same command again" in stopped.err
    _calibrate(path, out, "--trials", 4)
    rerun = stores[2:]
    assert rerun[:1] == ["batch-0001"] and "batch-0000" not in rerun  # the interrupted batch finished, the first kept
    monkeypatch.setattr(runner, "run_experiment", real)
    _calibrate(path, whole, "--trials", 4)
    assert (out / "trials.csv").read_bytes() == (whole / "trials.csv").read_bytes()


def test_no_file_of_an_earlier_ensemble_stays_beside_a_new_one(tmp_path, monkeypatch):
    """recheck.csv, central_fit.csv, calibrated.yaml and summary.json name sets by their rank in
    ensemble.csv: once the ensemble is rewritten, old ones would name other candidates."""
    path = _tiny(tmp_path)
    out = tmp_path / "out"
    _calibrate(path, out, "--trials", 2)
    assert (out / "recheck.csv").exists() and (out / "central_fit.csv").exists()
    _calibrate(path, out, "--trials", 2, "--recheck", 0)  # the same study, the search's best as the central set
    assert not (out / "recheck.csv").exists() and not (out / "central_fit.csv").exists()
    assert "the search's best" in (out / "calibrated.yaml").read_text(encoding="utf-8").splitlines()[0]

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("enrolsim.studies.calibration_outputs.recheck", stop)
    stopped = run_cli(["calibrate", path, "--out", out, *SERIAL, "--trials", 4])  # more candidates, interrupted in the recheck
    assert stopped.code == 130, stopped.err
    assert len(pd.read_csv(out / "ensemble.csv")) == 4  # the search's outputs are written
    assert not any((out / name).exists() for name in ("calibrated.yaml", "summary.json", "recheck.csv", "central_fit.csv"))


def test_calibrated_yaml_names_the_size_and_seeds_that_give_the_recheck_s_figures(tmp_path):
    path = _tiny(tmp_path)
    out = tmp_path / "out"
    _calibrate(path, out, "--trials", 2)
    text = (out / "calibrated.yaml").read_text(encoding="utf-8")
    found = re.search(r"--agents (\d+) --seed S`, S = 1-(\d+)", text)
    assert found, text.splitlines()[:3]
    agents, seeds = int(found.group(1)), int(found.group(2))
    assert (agents, seeds) == (1000, 2)
    assert yaml.safe_load(text)["name"] == "Calibrated baseline (2014-2015 fit)"  # the window fitted
    cal = load_calibration(path)
    scenario = load_scenario(out / "calibrated.yaml", {"population.agents": agents})
    runs = [simulated(cal, simulate(scenario, seed=seed).timeseries) for seed in range(1, seeds + 1)]
    fit = pd.read_csv(out / "central_fit.csv")
    assert np.allclose(np.mean(runs, axis=0), fit["simulated"], rtol=1e-12)


def _synthetic_fit(cal) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Series of two candidates' runs (a straight line of active participants) and a fit table, for the figure alone."""
    months = [f"{y}-{m:02d}" for y in range(2014, 2020) for m in range(1, 13)]
    series = pd.concat(
        [
            pd.DataFrame({"rank": rank, "run_id": 2 * rank + rep, "month": months, "active": 10e6 + 0.35e6 * np.arange(72) + 1e5 * rep})
            for rank in (0, 1)
            for rep in (0, 1)
        ]
    )
    observed = np.asarray(cal.observed)
    labels = [cal.target_label(i) for i in range(len(observed))]
    fit = pd.DataFrame({"target": labels, "weight": cal.weights, "observed": observed, "simulated": observed})
    fit = fit.assign(band_p05=0.9 * observed, band_p95=1.1 * observed, relative_error=0.0)
    return series, fit


def test_fit_png_gives_every_target_a_row_its_label_does_not_share():
    """With the shipped calibration's fifty targets the labels were drawn over one another."""
    from enrolsim.core.plotting import plt

    cal = load_calibration("bpjstk_2014_2019")
    fig = fit_figure(cal, *_synthetic_fit(cal))
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        axes = fig.axes[1]
        boxes = sorted((label.get_window_extent(renderer) for label in axes.get_yticklabels()), key=lambda box: box.y0)
        assert len(boxes) == len(cal.spec.targets)
        assert all(low.y1 <= high.y0 for low, high in itertools.pairwise(boxes)), "tick labels overlap"
        assert min(box.x0 for box in boxes) >= 0, "a label is cut at the figure's edge"
        assert axes.get_yticklabels()[0].get_text().startswith(cal.target_label(0))  # the file's first target at the top
        assert axes.get_ylim()[0] > axes.get_ylim()[1]
    finally:
        plt.close(fig)


def test_fit_png_draws_a_model_month_on_the_day_its_figures_are_dated():
    """A target dated 2019-12-31 is read from the model's December 2019: the line was drawn at 1 December, a month
    to the left of its observed point, which on a growing series looks like a miss."""
    import matplotlib.dates as mdates

    from enrolsim.core.plotting import plt

    cal = load_calibration("bpjstk_2014_2019")
    series, fit = _synthetic_fit(cal)
    fig = fit_figure(cal, series, fit)
    try:
        line = fig.axes[0].get_lines()[0]
        x = mdates.num2date(np.asarray(mdates.date2num(line.get_xdata())))
        assert (x[-1].year, x[-1].month, x[-1].day) == (2019, 12, 31)
        observed = fig.axes[0].collections[-1].get_offsets()[:, 0]
        assert mdates.date2num(pd.Timestamp("2019-12-31")) in observed
    finally:
        plt.close(fig)


@pytest.mark.parametrize("seeds", [1, 3])
def test_the_central_set_says_its_seeds_in_words(tmp_path, seeds):
    """ "least loss at seeds 1-1" read as a range of one seed."""
    path = _tiny(tmp_path)
    out = tmp_path / "out"
    _calibrate(path, out, "--trials", 2, "--recheck-seeds", seeds)
    chosen = yaml.safe_load((out / "summary.json").read_text(encoding="utf-8"))["central_set"]["chosen_by"]
    assert chosen.startswith("least loss at seed 1 of" if seeds == 1 else "least loss at seeds 1-3 of"), chosen


def test_ctrl_c_while_a_batch_is_asked_for_takes_effect_once_the_batch_is_whole(tmp_path, monkeypatch):
    """Ctrl-C between two asks of a batch left a batch of one candidate, finished as it was when the command
    ran again: the study then drew other candidates than an uninterrupted one."""
    import os
    import signal

    import optuna

    path = _tiny(tmp_path)
    out, whole = tmp_path / "out", tmp_path / "whole"
    real_ask = optuna.Study.ask
    asks = itertools.count(1)

    def ask(study, *args, **kwargs):
        trial = real_ask(study, *args, **kwargs)
        if next(asks) == 3:  # the first candidate of the second batch
            os.kill(os.getpid(), signal.SIGINT)
        return trial

    monkeypatch.setattr(optuna.Study, "ask", ask)
    stopped = run_cli(["calibrate", path, "--out", out, *SERIAL, "--trials", 4])
    assert stopped.code == 130 and len(stopped.err_lines) == 1, stopped.err
    monkeypatch.setattr(optuna.Study, "ask", real_ask)
    _calibrate(path, out, "--trials", 4)
    _calibrate(path, whole, "--trials", 4)
    assert (out / "trials.csv").read_bytes() == (whole / "trials.csv").read_bytes()


def test_a_study_killed_between_asking_a_candidate_and_numbering_it_can_be_continued(tmp_path):
    """A SIGKILL (which cannot be held) right after a candidate was asked left it without its batch's number:
    the next run put its runs in a folder "batch--001", and the outputs failed with a traceback (KeyError:
    'batch') whenever it was among the best candidates."""
    import optuna

    path = _tiny(tmp_path)
    out = tmp_path / "out"
    _calibrate(path, out, "--trials", 2)
    study = optuna.load_study(study_name="tiny review calibration", storage=f"sqlite:///{out / 'study.db'}")
    study.ask({k: optuna.distributions.FloatDistribution(*bounds) for k, bounds in load_calibration(path).spec.parameters.items()})
    result = _calibrate(path, out, "--trials", 4)
    trials = pd.read_csv(out / "trials.csv")
    assert len(trials) == 4 and not _candidates(out).duplicated().any(), result.err
    assert sorted(p.name for p in (out / "batches").iterdir()) == ["batch-0000", "batch-0001", "batch-0002"]


def test_a_sigterm_held_while_a_batch_is_asked_for_reaches_the_handler_it_would_have_met():
    """Held SIGTERM became a KeyboardInterrupt whatever handler was in force (a script's own, or the default
    that ends the process); now it reaches that handler once the batch is whole."""
    import os
    import signal

    from enrolsim.studies.calibration import _signals_held

    met: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: met.append(signum))
    try:
        with _signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            assert met == []  # held while the batch is asked for
        assert met == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)
