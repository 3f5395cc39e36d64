"""The central set of a calibration: the best sets run again, and chosen by the calibration file's checks.

The search's best on its few replications is partly the luck of its seeds. With ``budget.recheck``
= K, the K best sets of the ensemble are run again at seeds 1..``recheck_seeds`` (the runs
``tests/test_calibrated.py`` makes), and the central set is the one with the least loss among those
that meet every ``checks`` tolerance (the least loss of all, said in ``summary.json``, if none
does). With K = 0 it is the search's best (``calibration_outputs.write_outputs``).
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from enrolsim.core.errors import InputError
from enrolsim.experiments.experiment import Experiment
from enrolsim.studies.calibration import loss, points_experiment, read_back
from enrolsim.studies.calibration_spec import Calibration


def recheck_experiment(cal: Calibration, sets: pd.DataFrame) -> Experiment:
    """The experiment that runs ``sets`` (rows of the ensemble) again at seeds 1..``budget.recheck_seeds``.

    Seeds 1, 2, ... rather than the search's spawned seeds: they are the seeds of
    ``tests/test_calibrated.py``, so the set chosen is the one the test finds meeting the tolerances.
    The parameters are the ensemble's, rounded as ``calibrated.yaml`` writes them.
    """
    points = [{k: float(row[k]) for k in cal.spec.parameters} for _, row in sets.iterrows()]
    return points_experiment(cal, "recheck", points, list(range(1, cal.spec.budget.recheck_seeds + 1)))


def check_errors(cal: Calibration, values: np.ndarray) -> dict[str, float]:
    """Each check's worst miss for the simulated ``values``: the largest relative error beyond ``within``
    (or the distance outside ``between``), 0 where every figure it selects is within it, and infinite
    where one is not a number (a ratio with nobody to divide by): no tolerance is met by a missing value."""
    return {check.name: max(0.0, *(check.miss(cal.observed[i], float(values[i])) for i in cal.checked(check))) for check in cal.spec.checks}


@dataclass
class Recheck:
    """What the recheck found: a row a rechecked set (``table``) and each set's mean simulated targets."""

    table: pd.DataFrame
    values: dict[int, np.ndarray]  # by the ensemble's set number

    @property
    def central(self) -> pd.Series:
        """The row of the central set."""
        return self.table[self.table["central"]].iloc[0]


def recheck(cal: Calibration, sets: pd.DataFrame, out: Path, executor: str = "processes", workers: int | None = None, scheduler: str | None = None) -> Recheck:
    """Run the ``budget.recheck`` best rows of ``sets`` (the ensemble, best first; fewer if it has fewer) again.

    The table's columns: ``set``, the search's ``loss``, ``rechecked_loss`` (at seeds
    1..``recheck_seeds``), ``seeds`` (those that ran), each check's worst miss (``miss: NAME``, 0 when
    met), ``meets`` (every check met, on every seed) and ``central`` (``choose_central``). The runs
    are kept in a run store ``out/recheck/HASH-Nseeds``, one for each list of sets and number of
    seeds: an interrupted recheck continues, and a search continued with more candidates, whose best
    sets have changed, rechecks them in a store of their own.
    """
    from enrolsim.experiments.runner import run_experiment

    chosen = sets.head(cal.spec.budget.recheck).reset_index(drop=True)
    experiment = recheck_experiment(cal, chosen)
    n = cal.spec.budget.recheck_seeds
    store = out / "recheck" / f"{experiment.digest()}-{n}seeds"
    run_experiment(experiment, store, executor=executor, workers=workers, scheduler=scheduler)  # a bar on a terminal
    values, seeds = read_back(cal, store)
    rows, by_set = [], {}
    for i, row in chosen.iterrows():
        if i not in values:  # every seed failed (errors in the store's failed/ folder)
            continue
        misses = check_errors(cal, values[i])
        complete = seeds.get(i, 0) == n  # a set with a failed seed is averaged over fewer: it cannot be central unless none is complete
        by_set[int(row["set"])] = values[i]
        rows.append({"set": int(row["set"]), "loss": float(row["loss"]), "rechecked_loss": loss(cal, values[i]), "seeds": seeds.get(i, 0),
                     **{f"miss: {name}": miss for name, miss in misses.items()}, "meets": complete and not any(misses.values())})  # fmt: skip
    if not rows:
        raise InputError(str(store), "", "every rechecked run failed; nothing to choose from (see the store's failed/ folder)")
    return Recheck(choose_central(pd.DataFrame(rows), seeds=n, source=str(store)), by_set)


def choose_central(table: pd.DataFrame, seeds: int | None = None, source: str = "recheck") -> pd.DataFrame:
    """``table`` with a ``central`` column: the least ``rechecked_loss`` among the rows that ``meets`` every
    check; if none does (a tolerance the data cannot meet must not leave no central set), among those
    that ran all ``seeds`` (a column of the table), else among all. A loss that is not a number never
    wins; ``source`` names the store in the error when every loss is one."""
    pool = table[np.isfinite(table["rechecked_loss"])]
    if pool.empty:
        raise InputError(source, "", "no rechecked set has a finite loss; nothing to choose from")
    complete = pool[pool["seeds"] == seeds] if seeds is not None and "seeds" in pool else pool
    for candidates in (pool[pool["meets"]], complete, pool):
        if not candidates.empty:
            return table.assign(central=table.index == candidates["rechecked_loss"].idxmin())
    raise AssertionError("unreachable: pool is not empty")
