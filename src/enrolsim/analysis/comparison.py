"""A scenario comparison reduced to tables: paired differences, intervals, cost per additional active participant, target odds.

``studies.compare`` runs every scenario with the same replication seeds (common random numbers)
through the experiment runner and store; :func:`summarise` reduces the store's runs to tables:

- ``Comparison.table`` (``comparison.csv``): one row a scenario and date (each 31 December of the
  horizon and the ``by`` month), with means and 5%-95% intervals of active participants (total, by
  segment, by scheme), the paired difference from the first scenario, cumulative programme cost and
  its split by who pays it (:data:`PAYERS`), cost per additional active participant, the share of
  replications at or above the target, the registration-to-active ratio, cumulative JHT withdrawals
  and the retention funnel stocks.
- ``Comparison.trajectories``: active participants a month, mean and interval, per scenario.
- ``Comparison.per_replication``: the values behind the table, one row a scenario, replication
  and date (for other statistics, e.g. :func:`unpaired_interval`).

Statistical choices (also stated in the report):

- **Interval**: the 5th and 95th percentiles of the replications (numpy's linear interpolation).
  It describes run-to-run chance in the model, not uncertainty in its parameters; with few
  replications it is close to the range of the replications.
- **Paired difference**: replication *r* of a scenario minus replication *r* of the first
  scenario, which used the same seed; mean and percentiles of those differences. Common random
  numbers make these intervals much narrower than differences between independent runs would be
  (:func:`unpaired_interval` computes the latter on the same runs, for comparison).
- **Cost per additional active participant** (:func:`cost_per_additional`): the point value is
  the mean additional cumulative programme cost divided by the mean additional active
  participants (a ratio of means, stable when single replications gain little). Its interval is
  the 5%-95% percentile of the same ratio computed per replication, where a replication with no
  additional participant (difference <= 0) counts as infinitely expensive, so the upper bound is
  infinite when more than about 5% of replications gained nothing. When the mean gain is zero or
  negative, or cannot be told from zero (within 1.645 standard errors of the paired differences'
  mean, one-sided 95%, with two replications or more), no cost per participant is given (NaN) and the
  note column says why: a cost per participant of a gain that may be none would read as a bargain.
- **Target**: the share of replications whose active participants in the month are at or above
  the target (the agency counts its targets at year end).
- **From a month** (``ComparePlan.from_month``): the runs start at the scenarios' start (a shared
  history) and the comparison is reported from that month: dates and trajectories from it, programme
  costs and JHT withdrawals summed from it (so cost per additional participant counts only what was
  spent from it); differences in active participants are stocks, the same whenever counted from.
- **Who pays** (:data:`PAYERS`, docs/ODD.md 7.10.15): the programme cost is split between the district
  budgets (APBD: the district governments' lever) and the agency (BPJS Ketenagakerjaan, or the national
  government: every other lever), each the sum of its levers' ``cost_<line>`` indicators over the same
  months as the programme cost; the two add up to it. It is a reading of the model's cost lines, not budget data.
"""

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

# The statistics live in analysis/statistics.py; interval and unpaired_interval are named here for callers of this module.
from enrolsim.analysis.statistics import HIGH, LOW, cost_per_additional, interval, stat, uncertainty_apart, unpaired_interval  # noqa: F401
from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.months import format_month
from enrolsim.experiments.experiment import Experiment
from enrolsim.experiments.runs import RunReport
from enrolsim.experiments.spec import PARAMETER_SET_FACTOR, SCENARIO_FACTOR
from enrolsim.experiments.store import ExperimentData
from enrolsim.levers import COST_LINES, LEVERS
from enrolsim.scenario.parameters import parameter_rows
from enrolsim.scenario.schema import Scenario
from enrolsim.texts import NOTES, column

ACTIVE = ("active", *(f"active_{s}" for s in SEGMENT_NAMES), "active_pu", "active_bpu", "active_jakon")
STOCKS = ("registered", "inactive", "withdrawn")  # the retention funnel besides active
#: Monthly flows summed from the start (or ``--from``): recovered arrears are money the agency collects back, shown
#: beside the programme cost, not netted from it (what a lever costs and what it brings in are read apart).
CUMULATIVE = ("programme_cost", "jht_withdrawals", "jht_withdrawn_rupiah", "recovered_arrears_rupiah")

#: Who pays each lever's cost line (the indicator ``cost_<line>``): each lever says it (``Lever.payer``; docs/ODD.md
#: 7.10.15 gives the reasons). ``districts``: district budgets (APBD); ``agency``: BPJS Ketenagakerjaan, or the
#: national government behind it.
PAYERS: dict[str, str] = {lever.name: lever.payer for lever in LEVERS if lever.has_cost}
#: The payers, in the order of the report's table and of ``comparison.csv`` (``cost_<payer>_mean``).
PAYER_ORDER = ("districts", "agency")
#: The split's cumulative costs, one a payer: ``cost_districts``, ``cost_agency``.
PAYER_COSTS = tuple(f"cost_{payer}" for payer in PAYER_ORDER)


def payer_lines(payer: str, lines: tuple[str, ...] = COST_LINES) -> list[str]:
    """The cost lines ``payer`` pays, of ``lines`` (the levers' cost lines); a line without a payer is refused."""
    unassigned = [line for line in lines if line not in PAYERS]
    if unassigned:
        raise ValueError(f"cost lines without a payer (a lever's Lever.payer): {', '.join(unassigned)}")
    return [line for line in lines if PAYERS[line] == payer]


@dataclass(frozen=True)
class ScenarioInfo:
    """One compared scenario: its file, the validated scenario and what sets it apart."""

    file: str  # as given
    path: Path  # resolved
    scenario: Scenario  # with --agents / --months applied
    levers: dict[str, Any]  # strategies.* keys whose value differs from the schema default
    other: dict[str, Any]  # other keys whose value differs from the first scenario (e.g. jht.regimes)

    @property
    def name(self) -> str:
        """The scenario's ``name``."""
        return self.scenario.name


@dataclass
class ComparePlan:
    """A validated comparison, ready to run: nothing has been written yet."""

    scenarios: list[ScenarioInfo]
    experiment: Experiment
    replications: int
    seed: int
    target: float
    by: str
    dates: list[str]
    agents: int | None
    months: int | None
    lang: str
    out: Path | None
    #: Parameter sets drawn from a calibration's ensemble (``--parameter-sets``): each is run with every
    #: replication seed, so chance (seeds) and parameter uncertainty (sets) can be told apart.
    parameter_sets: list[dict[str, float]] = field(default_factory=list)
    parameter_sets_file: str | None = None
    #: The month the comparison is reported from (``--from``); None: from the first simulated month.
    from_month: str | None = None

    @property
    def runs_per_scenario(self) -> int:
        """Replications times parameter sets (at least one)."""
        return self.replications * max(len(self.parameter_sets), 1)

    @property
    def reference(self) -> ScenarioInfo:
        """The first scenario: differences are taken from it."""
        return self.scenarios[0]

    @property
    def seeds(self) -> list[int]:
        """The replication seeds, shared by every scenario."""
        return list(self.experiment.seeds)

    @property
    def first_month(self) -> str:
        """The first month reported: ``from_month``, or the first simulated month."""
        return self.from_month or self.reference.scenario.start

    @property
    def last_month(self) -> str:
        """The last simulated month."""
        s = self.reference.scenario
        return format_month(s.start_month + s.months - 1)

    def command(self) -> str:
        """The ``enrolsim compare`` command that reproduces this comparison."""
        parts = ["enrolsim compare", *(info.file for info in self.scenarios), f"--replications {self.replications}"]
        parts += [f"--target {_target(self.target)}", f"--by {self.by}"]
        if self.from_month is not None:
            parts.append(f"--from {self.from_month}")
        if self.agents is not None:
            parts.append(f"--agents {self.agents}")
        if self.months is not None:
            parts.append(f"--months {self.months}")
        if self.parameter_sets_file is not None:
            parts.append(f"--parameter-sets {self.parameter_sets_file} --sets {len(self.parameter_sets)}")
        parts += [f"--seed {self.seed}", f"--lang {self.lang}"]
        if self.out is not None:
            parts.append(f"--out {self.out}")
        return " ".join(parts)

    def python_call(self) -> str:
        """The equivalent Python call."""
        args = [repr([info.file for info in self.scenarios]), f"replications={self.replications}", f"target={_target(self.target)}", f"by={self.by!r}"]
        if self.from_month is not None:
            args.append(f"from_month={self.from_month!r}")
        if self.agents is not None:
            args.append(f"agents={self.agents}")
        if self.months is not None:
            args.append(f"months={self.months}")
        if self.parameter_sets_file is not None:
            args += [f"parameter_sets={self.parameter_sets_file!r}", f"sets={len(self.parameter_sets)}"]
        args += [f"seed={self.seed}", f"lang={self.lang!r}"]
        if self.out is not None:
            args.append(f"out={str(self.out)!r}")
        return f"enrolsim.compare({', '.join(args)})"


def _target(value: float) -> str:
    """A target as typed: ``70000000`` rather than ``7e+07``."""
    return str(int(value)) if float(value).is_integer() else repr(value)


@dataclass
class Comparison:
    """What :func:`compare` returns: the plan, the tables and what was run and written."""

    plan: ComparePlan
    table: pd.DataFrame  # comparison.csv, English column names
    trajectories: pd.DataFrame  # scenario, month, mean, p5, p95 of active participants
    per_replication: pd.DataFrame  # scenario, replication, seed, date, values behind the table
    run_report: RunReport | None = None
    files: list[Path] = field(default_factory=list)
    #: With ``from_month``: scenarios whose runs differ from the reference's before it (not a shared history).
    diverged_before: list[str] = field(default_factory=list)

    def table_in(self, lang: str) -> pd.DataFrame:
        """``table`` with the headers (and notes) of ``lang``, as written to ``comparison.csv``."""

        table = self.table.copy()
        table["cost_per_additional_active_note"] = table["cost_per_additional_active_note"].map(lambda k: NOTES[lang][k])
        return table.rename(columns={c: column(c, lang) for c in table.columns})

    def trajectories_in(self, lang: str) -> pd.DataFrame:
        """``trajectories`` with the headers of ``lang``, as written to ``trajectories.csv``."""
        names = {"scenario": column("scenario", lang), "month": column("date", lang), "mean": "rerata" if lang == "id" else "mean"}
        return self.trajectories.rename(columns=names)

    def per_replication_in(self, lang: str) -> pd.DataFrame:
        """``per_replication`` with the headers of ``lang`` (the workbook's sheet of paired values)."""
        return self.per_replication.rename(columns={c: column(c, lang) for c in self.per_replication.columns})

    def at_target_date(self) -> pd.DataFrame:
        """The rows of ``table`` in the ``by`` month, one per scenario."""
        return self.table[self.table["is_target_date"]].reset_index(drop=True)


def _arrays(plan: ComparePlan, data: ExperimentData) -> tuple[dict[int, dict[str, np.ndarray]], list[str], list[int], list[int]]:
    """Per scenario index: indicator -> array (runs, months); also months, the runs' ids and seeds.

    A run id pairs a replication and a parameter set (``set * replications + replication``): runs with
    the same id in two scenarios used the same seed and parameters. Only replications ``0..R-1`` that
    finished for every scenario are used (a store may hold more).
    """
    runs = data.runs[(data.runs["status"] == "finished") & (data.runs["replication"] < plan.replications)]
    index_of = {str(info.path): k for k, info in enumerate(plan.scenarios)}
    runs = runs.assign(k=runs[SCENARIO_FACTOR].map(index_of))
    if PARAMETER_SET_FACTOR in runs:
        runs = runs.assign(replication=runs[PARAMETER_SET_FACTOR].astype(int) * plan.replications + runs["replication"])
    per_rep = runs.groupby("replication")["k"].nunique()
    complete = sorted(int(r) for r in per_rep[per_rep == len(plan.scenarios)].index)
    if not complete:
        raise RuntimeError("no replication finished for every scenario")
    runs = runs[runs["replication"].isin(complete)]
    frame = data.series.merge(runs[["run_id", "k", "replication"]], on="run_id").sort_values(["k", "replication", "month"])
    months = sorted(frame["month"].unique())
    n_rep, n_month = len(complete), len(months)
    first = months.index(plan.from_month) if plan.from_month is not None else 0  # flows are summed from here
    arrays: dict[int, dict[str, np.ndarray]] = {}
    for k, part in frame.groupby("k"):
        values = {name: part[name].to_numpy(dtype=float).reshape(n_rep, n_month) for name in (*ACTIVE, *STOCKS, *CUMULATIVE, "registrations_per_active")}
        for payer, name in zip(PAYER_ORDER, PAYER_COSTS, strict=True):  # the programme cost's split, from the levers' own lines
            lines = [f"cost_{line}" for line in payer_lines(payer)]
            values[name] = part[lines].to_numpy(dtype=float).sum(axis=1).reshape(n_rep, n_month)
        for name in (*CUMULATIVE, *PAYER_COSTS):
            values[name] = np.cumsum(np.where(np.arange(n_month) >= first, values[name], 0.0), axis=1)
        arrays[int(k)] = values
    seeds = [plan.seeds[r % plan.replications] for r in complete]
    return arrays, months, complete, seeds


def summarise(plan: ComparePlan, data: ExperimentData) -> Comparison:
    """Reduce a store's runs to the comparison tables (no files written)."""
    arrays, months, replications, seeds = _arrays(plan, data)
    col = {m: i for i, m in enumerate(months)}
    ref = arrays[0]
    rows: list[dict[str, Any]] = []
    per_rep: list[pd.DataFrame] = []
    for k, info in enumerate(plan.scenarios):
        a = arrays[k]
        for date in plan.dates:
            t = col[date]
            row: dict[str, Any] = {
                "scenario": info.name,
                "scenario_file": info.file,
                "date": date,
                "is_target_date": date == plan.by,
                "replications": len(replications),
            }
            for name in ACTIVE:
                row.update(stat(name, a[name][:, t]))
            gain = a["active"][:, t] - ref["active"][:, t]
            row.update(stat("active_diff", gain))
            if plan.parameter_sets:  # chance (seeds) and parameter uncertainty (sets) apart
                sets = np.asarray(replications) // plan.replications
                row.update(uncertainty_apart("active", a["active"][:, t], sets))
                row.update(uncertainty_apart("active_diff", gain, sets))
            row["share_gaining"] = math.nan if k == 0 else float((gain > 0).mean())
            cost, cost_diff = a["programme_cost"][:, t], a["programme_cost"][:, t] - ref["programme_cost"][:, t]
            row.update(stat("programme_cost", cost))
            for name in PAYER_COSTS:  # means add up to programme_cost_mean (percentiles would not)
                row[f"{name}_mean"] = float(a[name][:, t].mean())
            row.update(stat("cost_diff", cost_diff))
            if k == 0:
                point, low, high, note = math.nan, math.nan, math.nan, "reference"
            else:
                point, low, high, note = cost_per_additional(cost_diff, gain)
            row |= {
                "cost_per_additional_active": point,
                "cost_per_additional_active_p5": low,
                "cost_per_additional_active_p95": high,
                "cost_per_additional_active_note": note,
                "target": plan.target,
                "target_share": float((a["active"][:, t] >= plan.target).mean()),
            }
            row.update(stat("registrations_per_active", a["registrations_per_active"][:, t]))
            row.update(stat("jht_withdrawals", a["jht_withdrawals"][:, t]))
            row["jht_withdrawn_rupiah_mean"] = float(a["jht_withdrawn_rupiah"][:, t].mean())
            row["recovered_arrears_rupiah_mean"] = float(a["recovered_arrears_rupiah"][:, t].mean())
            for name in STOCKS:
                row.update(stat(name, a[name][:, t]))
            rows.append(row)
            per_rep.append(
                pd.DataFrame(
                    {
                        "scenario": info.name,
                        "replication": np.asarray(replications) % plan.replications,
                        "parameter_set": np.asarray(replications) // plan.replications,
                        "seed": seeds,
                        "date": date,
                        **{name: a[name][:, t] for name in (*ACTIVE, *STOCKS, *CUMULATIVE, *PAYER_COSTS, "registrations_per_active")},
                        "active_diff": gain,
                        "cost_diff": cost_diff,
                    }
                )
            )
    first = col[plan.from_month] if plan.from_month is not None else 0
    trajectories = []
    for k, info in enumerate(plan.scenarios):
        active = arrays[k]["active"][:, first:]
        low, high = np.quantile(active, [LOW, HIGH], axis=0)
        trajectories.append(pd.DataFrame({"scenario": info.name, "month": months[first:], "mean": active.mean(axis=0), "p5": low, "p95": high}))
    diverged = [info.name for k, info in enumerate(plan.scenarios) if k and not np.array_equal(arrays[k]["active"][:, :first], ref["active"][:, :first])]
    return Comparison(
        plan=plan,
        table=pd.DataFrame(rows),
        trajectories=pd.concat(trajectories, ignore_index=True),
        per_replication=pd.concat(per_rep, ignore_index=True),
        diverged_before=diverged,
    )


# -- for the report ----------------------------------------------------------------------------


def assumption_rows(plan: ComparePlan) -> list[dict[str, Any]]:
    """Schema rows (key, unit, meaning, source) of every parameter of the levers the scenarios use.

    A lever used is a section ``strategies.<group>.<lever>`` with a non-default value in some
    scenario; all its parameters are listed (their defaults shape the result too), except
    ``start``. Other changed keys (e.g. ``jht.regimes``) are listed themselves.
    """
    used_sections: set[str] = set()
    used_keys: set[str] = set()
    for info in plan.scenarios:
        used_sections.update(key.rsplit(".", 1)[0] for key in info.levers)
        used_keys.update(info.other)
    rows = []
    for row in parameter_rows():
        section, _, leaf = row["key"].rpartition(".")
        if (section in used_sections and leaf != "start") or row["key"] in used_keys:
            rows.append(row)
    return rows
