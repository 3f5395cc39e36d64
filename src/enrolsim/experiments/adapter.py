"""The model as a plain function of named parameters returning named outcomes.

This is the shape other exploratory-modelling and sensitivity tools expect: EMA Workbench's
``Model(name, function=...)`` calls the function with one keyword argument per uncertainty or
lever and reads a dictionary of outcomes; SALib's ``problem`` + ``model(X)`` loop calls it once per
sample row. Parameter names are scenario key paths; since dots cannot appear in Python
identifiers, ``enrolment__literacy_effect`` (double underscore) means ``enrolment.literacy_effect``.

With EMA Workbench::

    from ema_workbench import Model, RealParameter, ScalarOutcome, perform_experiments
    from enrolsim.experiments import make_model_function

    model = Model("enrolsim", function=make_model_function(
        "scenarios/baseline.yaml", settings={"population.agents": 20_000}, outcomes=["active", "coverage"]))
    model.uncertainties = [RealParameter("enrolment__literacy_effect", 0.5, 5.0),
                           RealParameter("contributions__payment_ease", 0.0, 1.0)]
    model.outcomes = [ScalarOutcome("active"), ScalarOutcome("coverage")]
    experiments, outcomes = perform_experiments(model, 100)

With SALib::

    from SALib.sample import sobol as sample
    from SALib.analyze import sobol
    f = make_model_function(outcomes=["coverage"], settings={"population.agents": 20_000, "months": 60})
    problem = {"num_vars": 2, "names": ["enrolment.literacy_effect", "jht.withdrawal_probability"],
               "bounds": [[0.5, 5.0], [0.01, 0.1]]}
    X = sample.sample(problem, 64, calc_second_order=False)
    Y = np.array([f(**dict(zip(problem["names"], row)))["coverage"] for row in X])
    sobol.analyze(problem, Y, calc_second_order=False)

For many runs, with replications, a store and resumption, use an experiment file instead.
"""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from enrolsim.indicators import INDICATORS
from enrolsim.run import simulate
from enrolsim.scenario.loading import load_scenario, with_overrides
from enrolsim.scenario.schema import Scenario


def make_model_function(
    scenario: str | Path | Scenario | None = None,
    *,
    settings: dict[str, Any] | None = None,
    outcomes: Sequence[str] | None = None,
    month: str | None = None,
    seed: int = 0,
) -> Callable[..., dict[str, float]]:
    """A function ``f(**params) -> {outcome: value}`` running ``scenario`` with ``params`` applied.

    ``scenario`` is a file, a :class:`Scenario` or ``None`` for the built-in defaults (the
    baseline); ``settings`` are fixed overrides; ``outcomes`` the indicators returned (default:
    all) at ``month`` (``"YYYY-MM"``, default: the last simulated month). A ``seed`` keyword in a
    call overrides the default seed for that call.
    """
    if scenario is None:
        base = Scenario()
    elif isinstance(scenario, Scenario):
        base = scenario
    else:
        base = load_scenario(scenario)
    base = with_overrides(base, settings or {}, source="settings") if settings else base
    names = list(outcomes) if outcomes is not None else list(INDICATORS)
    unknown = [n for n in names if n not in INDICATORS]
    if unknown:
        raise ValueError(f"unknown outcomes {unknown}; expected indicators from enrolsim.indicators.INDICATORS")

    def model_function(**params: Any) -> dict[str, float]:
        run_seed = int(params.pop("seed", seed))
        overrides = {key.replace("__", "."): _plain(value) for key, value in params.items()}
        run_scenario = with_overrides(base, overrides, source="parameters") if overrides else base
        frame = simulate(run_scenario, seed=run_seed).timeseries
        row = frame.iloc[-1] if month is None else frame.loc[frame["month"] == month].iloc[0]
        return {name: float(row[name]) for name in names}

    return model_function


def model_function(**params: Any) -> dict[str, float]:
    """The baseline (built-in defaults) as a function: ``model_function(**{"enrolment.literacy_effect": 3.0})``.

    Returns every indicator in the last simulated month. ``seed=`` sets the seed (default 0).
    See :func:`make_model_function` for another scenario, fixed settings or fewer outcomes.
    """
    return make_model_function()(**params)


def _plain(value: Any) -> Any:
    """numpy scalars (as SALib and EMA Workbench pass them) to Python numbers for validation."""
    return value.item() if hasattr(value, "item") else value
