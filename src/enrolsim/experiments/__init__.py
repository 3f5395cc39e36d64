"""Many runs: experiment files, designs, executors and a resumable Parquet store.

In a notebook::

    from enrolsim.experiments import load, load_experiment, run_experiment

    experiment = load_experiment("experiments/registration_x_payment_ease.yaml",
                                 {"settings.population.agents": 20_000})
    run_experiment(experiment, "results/sweep", executor="processes", workers=4)
    data = load("results/sweep")
    data.runs                      # one row a run: run_id, point, replication, seed, factors, status
    data.series                    # one row a run and month: run_id, month, indicators
    data.tidy()                    # long: factors, month, indicator, value

On the command line: ``enrolsim experiment FILE --out STORE`` (see ``docs/experiments.md``).
"""

from enrolsim.core.errors import ExperimentError
from enrolsim.experiments.adapter import make_model_function, model_function
from enrolsim.experiments.experiment import Experiment, load_experiment
from enrolsim.experiments.runner import run_experiment
from enrolsim.experiments.runs import RunReport, RunSpec, execute
from enrolsim.experiments.spec import ExperimentSpec, replication_seeds
from enrolsim.experiments.store import ExperimentData, Store, load

__all__ = [
    "Experiment",
    "ExperimentData",
    "ExperimentError",
    "ExperimentSpec",
    "RunReport",
    "RunSpec",
    "Store",
    "execute",
    "load",
    "load_experiment",
    "make_model_function",
    "model_function",
    "replication_seeds",
    "run_experiment",
]
