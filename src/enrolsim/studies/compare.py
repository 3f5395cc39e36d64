"""``enrolsim compare``: check every input, run the scenarios with paired seeds, reduce and write the report.

``compare(["scenarios/baseline.yaml", "scenarios/retention.yaml", ...], replications=20)`` validates
everything first (:func:`prepare`: nothing runs or is written on bad input), runs every scenario with
the same replication seeds (common random numbers) through the experiment runner and store
(``enrolsim.experiments``), then reduces the runs (``analysis.comparison``) and writes the tables,
figures and report (``analysis.report``). The statistics are described in ``analysis/comparison.py``.

**From a month** (``from_month``, ``enrolsim compare --from 2025-01``): strategies compared from where
history stands. Every scenario still runs from its own start with the same seeds; a lever that has not
started draws no random number, so runs of the same seed are identical until the first lever that sets
them apart starts, and the comparison is reported from ``from_month``: the dates, the trajectories, and
the costs and JHT withdrawals summed from that month. :func:`prepare` refuses a lever that sets a
scenario apart from the reference and starts before ``from_month``; after the runs, a scenario whose
runs still differ from the reference's before it (another key that acts earlier) is named in
``Comparison.diverged_before``.

Why not one history run per replication, continued under each scenario from a snapshot: a scenario's
levers and events are built and scheduled when its model is built (institutions registered as Mesa
agents, hooks, Mesa events), so continuing a snapshot under another scenario means re-planning a model
mid-run, and the result is the same as the full run only if every build draws no random number and
creates its agents in the same order. Running from the start is exact by construction; the snapshot would
save the months before ``from_month`` (most of a 2014-2026 history) and is left as an optimisation.
"""

import tempfile
from pathlib import Path
from typing import Any

from enrolsim.analysis.comparison import ComparePlan, Comparison, ScenarioInfo, summarise
from enrolsim.core.errors import InputError, ScenarioError
from enrolsim.core.files import check_output_folder
from enrolsim.core.months import format_month, parse_month
from enrolsim.core.settings import flatten
from enrolsim.core.shipped import locate
from enrolsim.core.strict import check_target, field_bounds, is_whole
from enrolsim.experiments.executors import EXECUTORS
from enrolsim.experiments.experiment import Experiment, build_experiment
from enrolsim.experiments.runner import run_experiment
from enrolsim.experiments.spec import PARAMETER_SET_FACTOR, SCENARIO_FACTOR, ExperimentSpec
from enrolsim.experiments.store import Store, load
from enrolsim.scenario.loading import load_scenario
from enrolsim.scenario.schema import Scenario
from enrolsim.scenario.strategies import Strategies
from enrolsim.studies.parameter_sets import draw_parameter_sets

DEFAULT_TARGET = 70e6  # the agency's target of active participants for the end of 2026 (docs/domain.md)
DEFAULT_SEED = 42  # the root seed of experiments/strategy_comparison.yaml: the same runs
DEFAULT_REPLICATIONS = 10
LANGS = ("en", "id")
STORE_FOLDER = "store"


# -- preparing: every check before anything runs or is written --------------------------------


def check_language(lang: str) -> None:
    """Refuse a report language other than :data:`LANGS` (``--lang``: compare's and validate's)."""
    if lang not in LANGS:
        raise InputError("--lang", "", f"{lang!r} is not a language of the report (expected en or id)")


def prepare(
    scenarios: list[str | Path],
    *,
    replications: int = DEFAULT_REPLICATIONS,
    target: float = DEFAULT_TARGET,
    by: str | None = None,
    agents: int | None = None,
    months: int | None = None,
    seed: int = DEFAULT_SEED,
    lang: str = "en",
    out: str | Path | None = None,
    executor: str = "processes",
    workers: int | None = None,
    parameter_sets: str | Path | None = None,
    sets: int | None = None,
    from_month: str | None = None,
) -> ComparePlan:
    """Validate everything of a comparison; raise :class:`InputError` naming the file or option.

    ``parameter_sets`` names a calibration's ensemble (``ensemble.csv``: a weight and one column per
    parameter); ``sets`` of them (default 8, at most the file's) are drawn by weight and every
    scenario runs with each, with every replication seed.
    """
    check_language(lang)
    if executor not in EXECUTORS:
        raise InputError("--executor", "", f"{executor!r}: expected one of {', '.join(EXECUTORS)}")
    if workers is not None and (not is_whole(workers) or not 1 <= workers <= 4096):
        raise InputError("--workers", "", f"{workers!r} is not a whole number between 1 and 4096")
    for option, value, model, key in (
        ("--replications", replications, ExperimentSpec, "replications"),
        ("--agents", agents, Scenario, "population.agents"),
        ("--months", months, Scenario, "months"),
    ):
        lo, hi = field_bounds(model, tuple(key.split(".")))
        if value is not None and (not is_whole(value) or not lo <= value <= hi):
            raise InputError(option, "", f"{value!r} is not a whole number between {lo} and {hi}")
    if not is_whole(seed) or not 0 <= seed <= 2**63 - 1:
        raise InputError("--seed", "", f"{seed!r} is not a whole number between 0 and 2**63-1")
    check_target(target)
    if by is not None:
        try:
            parse_month(by)
        except ValueError:
            raise InputError("--by", "", f"{by!r} is not a month written YYYY-MM (e.g. 2026-12)") from None
    files = [str(f) for f in scenarios]
    if len(files) < 2:
        raise InputError("SCENARIO", "", f"give at least two scenario files to compare (got {len(files)}); the first is the reference")
    overrides: dict[str, Any] = {}
    if agents is not None:
        overrides["population.agents"] = agents
    if months is not None:
        overrides["months"] = months
    seen: dict[Path, str] = {}
    loaded: list[tuple[str, Path, Scenario]] = []
    for file in files:
        path = locate(file, "scenario", ScenarioError).resolve()
        if path in seen:
            raise InputError(file, "", f"is listed twice (also as {seen[path]}); list each scenario once")
        seen[path] = file
        loaded.append((file, path, load_scenario(file, overrides)))  # ScenarioError names the file and key
    named: dict[str, str] = {}
    for file, _, scenario in loaded:  # the tables, figures and report tell scenarios apart by name
        if scenario.name in named:
            problem = f"{scenario.name!r} is also the name of {named[scenario.name]}; the report tells scenarios by name: give one another name"
            raise InputError(file, "name", problem)
        named[scenario.name] = file
    first_file, _, first = loaded[0]
    for file, _, scenario in loaded[1:]:
        for key in ("start", "months"):
            if getattr(scenario, key) != getattr(first, key):
                raise InputError(
                    file, key, f"{getattr(scenario, key)!r} differs from {first_file} ({getattr(first, key)!r}); compared scenarios must cover the same months"
                )
    start, end = first.start_month, first.start_month + first.months - 1
    by = by or format_month(end)
    if not start <= parse_month(by) <= end:
        raise InputError("--by", "", f"{by} is not simulated (the runs cover {format_month(start)} .. {format_month(end)}; see --months)")
    if from_month is not None:
        _check_from(from_month, start, end, by)
        start = parse_month(from_month)
    dates = sorted({format_month(m) for m in range(start, end + 1) if m % 12 == 11} | {by})
    out_path = Path(out) if out is not None else None
    if out_path is not None:
        check_output_folder(out_path)
    infos = [ScenarioInfo(file, path, scenario, _levers(scenario), _differences(scenario, first)) for file, path, scenario in loaded]
    if from_month is not None:
        _levers_start_from(infos, parse_month(from_month))
    if sets is not None and parameter_sets is None:
        raise InputError("--sets", "", "only applies with --parameter-sets FILE")
    scenarios = [(info.file, info.scenario) for info in infos]
    drawn = draw_parameter_sets(parameter_sets, sets, seed, scenarios) if parameter_sets is not None else []  # the whole table, every row checked
    experiment = _experiment(infos, replications, seed, agents, months, drawn)
    if out_path is not None:
        store = Store(out_path / STORE_FOLDER)
        held = store.info().get("replications") if (store.path / "experiment.json").exists() else None
        if isinstance(held, int) and held > replications:  # fewer than the store holds: use the first ones, run nothing
            experiment = _experiment(infos, held, seed, agents, months, drawn)
        store.check(experiment)  # another comparison's store: refuse now
    file = str(parameter_sets) if parameter_sets is not None else None
    return ComparePlan(infos, experiment, replications, seed, float(target), by, dates, agents, months, lang, out_path, drawn, file, from_month)


def _check_from(from_month: str, start: int, end: int, by: str) -> None:
    """``--from`` is a month of the runs, at or before ``--by``."""
    try:
        month = parse_month(from_month)
    except ValueError:
        raise InputError("--from", "", f"{from_month!r} is not a month written YYYY-MM (e.g. 2025-01)") from None
    if not start <= month <= end:
        raise InputError("--from", "", f"{from_month} is not simulated (the runs cover {format_month(start)} .. {format_month(end)})")
    if parse_month(by) < month:
        raise InputError("--by", "", f"{by} is before --from {from_month}")


def _levers_start_from(infos: list[ScenarioInfo], month: int) -> None:
    """Every lever whose settings set a scenario apart from the reference starts at or after ``month``
    in both (a lever off in one of them is not started there), so the runs agree until then."""
    reference = flatten(infos[0].scenario.strategies.model_dump(mode="json"), "strategies.")
    defaults = flatten(Strategies().model_dump(mode="json"), "strategies.")
    for info in infos[1:]:
        mine = flatten(info.scenario.strategies.model_dump(mode="json"), "strategies.")
        sections = sorted({key.rsplit(".", 1)[0] for key in mine if mine[key] != reference.get(key)})
        for section in sections:
            for settings, name in ((mine, info.file), (reference, infos[0].file)):
                configured = any(settings[k] != defaults.get(k) for k in settings if k.startswith(section + ".") and not k.endswith(".start"))
                start = settings.get(f"{section}.start")
                if configured and (start is None or parse_month(start) < month):
                    raise InputError(
                        name,
                        f"{section}.start",
                        f"{start or 'the start'} is before --from {format_month(month)}, and the lever sets {info.file} apart from"
                        f" {infos[0].file}: the runs would differ before the month they are compared from",
                    )


def _experiment(
    infos: list[ScenarioInfo], replications: int, seed: int, agents: int | None, months: int | None, parameter_sets: list[dict[str, float]]
) -> Experiment:
    """The comparison as an experiment: the factor ``scenario`` (the files) and, with an ensemble, ``parameter_set``."""
    settings: dict[str, Any] = {}
    if agents is not None:
        settings["population.agents"] = agents
    if months is not None:
        settings["months"] = months
    names = " | ".join(info.name for info in infos)
    spec = ExperimentSpec(
        name=f"compare: {names}"[:200],
        description="Written by enrolsim compare: every scenario with the same replication seeds.",
        settings=settings,
        factors={
            SCENARIO_FACTOR: {"levels": [str(info.path) for info in infos]},
            **({PARAMETER_SET_FACTOR: {"levels": list(range(len(parameter_sets)))}} if parameter_sets else {}),
        },
        parameter_sets=parameter_sets,
        design={"kind": "grid"},
        replications=replications,
        seed=seed,
        keep={"indicators": "all", "months": "all"},
    )
    return build_experiment(spec, "enrolsim compare", Path("/"))


def _levers(scenario: Scenario) -> dict[str, Any]:
    """``strategies.*`` keys whose value differs from the schema's default (every lever off)."""
    defaults = flatten(Strategies().model_dump(mode="json"), "strategies.")
    mine = flatten(scenario.strategies.model_dump(mode="json"), "strategies.")
    return {key: value for key, value in mine.items() if value != defaults.get(key)}


def _differences(scenario: Scenario, reference: Scenario) -> dict[str, Any]:
    """Keys outside ``strategies`` (and name, description) whose value differs from ``reference``."""
    skip = ("name", "description", "strategies.")
    mine = flatten(scenario.model_dump(mode="json"))
    theirs = flatten(reference.model_dump(mode="json"))
    return {k: v for k, v in mine.items() if not k.startswith(skip) and k not in skip and v != theirs.get(k)}


# -- running -----------------------------------------------------------------------------------


def compare(
    scenarios: list[str | Path],
    replications: int = DEFAULT_REPLICATIONS,
    *,
    target: float = DEFAULT_TARGET,
    by: str | None = None,
    agents: int | None = None,
    months: int | None = None,
    seed: int = DEFAULT_SEED,
    executor: str = "processes",
    workers: int | None = None,
    out: str | Path | None = None,
    lang: str = "en",
    progress: bool | None = None,
    parameter_sets: str | Path | None = None,
    sets: int | None = None,
    from_month: str | None = None,
) -> Comparison:
    """Run ``scenarios`` with the same seeds and compare them; the first is the reference.

    ``target`` (persons) is checked in month ``by`` (``"YYYY-MM"``, default: the last simulated
    month). ``agents`` and ``months`` override every scenario's population size and horizon.
    With ``out``, the runs are kept in ``out/store`` (a second call with more replications runs
    only the new ones) and ``comparison.csv``, ``trajectories.csv``, the figures, ``report.html``
    and ``report.md`` are written there in ``lang`` (``en`` or ``id``); without it, the runs go
    to a temporary store and only the tables are returned. With ``parameter_sets`` (a calibration's
    ``ensemble.csv``) ``sets`` parameter sets are drawn by weight and each runs with every seed: the
    table then gives parameter and chance intervals apart. With ``from_month`` (``"YYYY-MM"``) the
    comparison is reported from that month (see the module docstring). Bad input raises
    :class:`~enrolsim.core.errors.InputError` before anything runs; failed runs raise ``RuntimeError``.

    >>> c = enrolsim.compare(["scenarios/baseline.yaml", "scenarios/retention.yaml"], 5, agents=5000)  # doctest: +SKIP
    >>> c.at_target_date()[["scenario", "active_mean", "active_diff_mean", "cost_per_additional_active"]]  # doctest: +SKIP
    """
    plan = prepare(
        scenarios,
        replications=replications,
        target=target,
        by=by,
        agents=agents,
        months=months,
        seed=seed,
        lang=lang,
        out=out,
        executor=executor,
        workers=workers,
        parameter_sets=parameter_sets,
        sets=sets,
        from_month=from_month,
    )
    return run_plan(plan, executor=executor, workers=workers, progress=progress)


def run_plan(plan: ComparePlan, *, executor: str = "processes", workers: int | None = None, progress: bool | None = None) -> Comparison:
    """Run a prepared comparison (only the runs its store lacks), summarise it, write its files."""
    with tempfile.TemporaryDirectory(prefix="enrolsim-compare-") as scratch:
        store = plan.out / STORE_FOLDER if plan.out is not None else Path(scratch) / STORE_FOLDER
        report = run_experiment(plan.experiment, store, executor=executor, workers=workers, progress=progress)
        if report.failed:
            raise RuntimeError(report.failure(kept=plan.out is not None))
        comparison = summarise(plan, load(store))
    comparison.run_report = report
    if plan.out is not None:
        from enrolsim.analysis.report import write_outputs

        comparison.files = write_outputs(comparison)
    return comparison
