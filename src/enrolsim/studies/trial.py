"""In-model randomised trials: ``enrolsim trial FILE --out DIR``.

A trial file names a base scenario (with fixed ``settings``), a target group, arms, the month of
the visit, the months of follow-up, replications and a root seed. Each replication is one model
run (seed from ``SeedSequence(seed).spawn``) in which the group's workers are assigned at random to
the arms with the model's own generator (``processes/trial_arms.py``); all arms of a replication
share one world, so differences between arms are paired. Example (``trials/jkn_banerjee.yaml``)::

    name: JKN-style subsidy and assistance trial
    scenario: ../scenarios/baseline.yaml
    settings: {population.agents: 50000}
    group: {segments: [informal], share: 0.1}
    start: "2018-01"
    follow_up: 24
    offer: {visit_logit: 3.0}
    arms:
      - {name: control}
      - {name: information, literacy_gain: 0.1}
      - {name: subsidy_assistance, subsidy_months: 12, assisted: true}
    measure: {during: 12, after: 24}
    replications: 10
    seed: 2021

Outputs in ``DIR``: ``uptake.csv`` (one row per arm and month since the visit: members, mean share
active, standard deviation, 95% interval of the mean, 5th and 95th percentile across
replications), ``uptake_runs.csv`` (every replication), ``comparison.csv`` and ``summary.json``
(each arm at the ``during`` and ``after`` months against control: difference and ratio with 95%
intervals over paired replications) and ``uptake.png``.
"""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from pydantic import Field, field_validator, model_validator

from enrolsim.core.codes import SEGMENT_NAMES
from enrolsim.core.errors import ExperimentError, ScenarioError
from enrolsim.core.files import staged_folder
from enrolsim.core.months import format_month, parse_month
from enrolsim.core.shipped import locate
from enrolsim.core.strict import FlatSettings, Strict, field_bounds
from enrolsim.experiments.experiment import read_spec
from enrolsim.experiments.spec import replication_seeds
from enrolsim.model import EnrolmentModel
from enrolsim.processes.trial_arms import Arm, TrialArms
from enrolsim.scenario.loading import load_scenario, with_overrides
from enrolsim.scenario.schema import Scenario


class ArmSpec(Strict):
    """One arm; every field at its default is the control arm."""

    name: str = Field(min_length=1, description="Arm name (unique)")
    weight: float = Field(1.0, gt=0, le=1000, description="Relative share of the group assigned to this arm")
    literacy_gain: float = Field(0.0, ge=0, le=1, description="Information: literacy gain toward 1")
    subsidy_months: int = Field(0, ge=0, le=240, description="Months of paid contributions from the visit (0: none)")
    assisted: bool = Field(False, description="Help to register: attempts always completed (assisted_completion)")
    default_enrolment: bool = Field(False, description="Enrolled by default unless the member opts out")
    opt_out: float = Field(0.1, ge=0, le=1, description="Share opting out of default enrolment")


class Group(Strict):
    """Who is in the trial."""

    segments: list[str] = Field(default_factory=lambda: ["informal"], min_length=1)
    uncovered: bool = Field(True, description="Only workers not active at the visit")
    income_below: float | None = Field(None, gt=0, le=1e9, description="Only workers earning less than this (rupiah a month)")
    share: float = Field(1.0, gt=0, le=1, description="Share of the group's workers enrolled in the trial")

    @field_validator("segments")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        for name in value:
            if name not in SEGMENT_NAMES:
                raise ValueError(f"{name!r} is not a segment (expected one of: {', '.join(SEGMENT_NAMES)})")
        return value


class Offer(Strict):
    """How members respond to the visit (trial-specific behaviour, on top of the enrolment logit)."""

    visit_logit: float = Field(0.0, ge=-20, le=20, description="Log-odds added by the visit and offer itself")
    free_offer_logit: float = Field(0.0, ge=-20, le=20, description="Log-odds added when the offer is free (beyond the price term)")
    assisted_completion: float = Field(1.0, ge=0, le=1, description="Probability an assisted attempt is completed")


class Measure(Strict):
    """Months since the visit (1 = the end of the visit's month) compared in the summary."""

    during: int = Field(12, ge=1, le=600)
    after: int = Field(24, ge=1, le=600)


class TrialSpec(Strict):
    """The contents of a trial file."""

    name: str
    description: str = ""
    scenario: str = Field(description="Base scenario file, relative to the trial file")
    settings: FlatSettings = Field(default_factory=dict, description="Scenario values fixed for every run (dotted keys or nested)")
    group: Group = Field(default_factory=Group)
    start: str = Field(description="Month of the visit (YYYY-MM), inside the scenario's window")
    follow_up: int = Field(24, ge=1, le=600, description="Months followed from the visit on")
    offer: Offer = Field(default_factory=Offer)
    arms: list[ArmSpec] = Field(min_length=2)
    measure: Measure = Field(default_factory=Measure)
    replications: int = Field(10, ge=1, le=10_000)
    seed: int = Field(0, ge=0, le=2**63 - 1)

    @field_validator("start")
    @classmethod
    def _month(cls, value: str) -> str:
        parse_month(value)
        return value

    @model_validator(mode="after")
    def _checks(self) -> "TrialSpec":
        names = [a.name for a in self.arms]
        if len(set(names)) != len(names):
            raise ValueError(f"arm names must be unique: {names}")
        if "control" not in names:
            raise ValueError("one arm must be called control")
        for key in ("during", "after"):
            if getattr(self.measure, key) > self.follow_up:
                raise ValueError(f"measure.{key} ({getattr(self.measure, key)}) is beyond follow_up ({self.follow_up})")
        return self


class Trial:
    """A validated trial: its spec and the scenario every replication runs."""

    def __init__(self, spec: TrialSpec, source: str, scenario: Scenario) -> None:
        self.spec, self.source, self.scenario = spec, source, scenario
        self.offset = parse_month(spec.start) - scenario.start_month

    def design(self) -> TrialArms:
        """A fresh, unassigned arms object for one run."""
        s = self.spec
        arms = tuple(Arm(**a.model_dump(exclude={"name"}), name=a.name) for a in s.arms)
        return TrialArms(
            arms=arms,
            start=self.offset,
            segments=tuple(SEGMENT_NAMES.index(n) for n in s.group.segments),
            income_below=s.group.income_below,
            share=s.group.share,
            uncovered_only=s.group.uncovered,
            visit_logit=s.offer.visit_logit,
            free_offer_logit=s.offer.free_offer_logit,
            assisted_completion=s.offer.assisted_completion,
        )


def load_trial(path: str | Path, overrides: dict[str, Any] | None = None) -> Trial:
    """Read and validate a trial file and its scenario; one-line :class:`ExperimentError` otherwise.

    ``path`` is a file or the name of a shipped trial (``jkn_banerjee``); ``overrides`` are dotted
    keys of the trial file (``{"settings.population.agents": 5000}``).
    """
    path = locate(path, "trial", ExperimentError)
    source = str(path)
    spec = read_spec(path, TrialSpec, overrides)
    base = load_scenario(path.parent / spec.scenario)
    try:
        scenario = with_overrides(base, spec.settings, source=source) if spec.settings else base
    except ScenarioError as exc:
        raise ExperimentError(source, f"settings.{exc.key}", exc.problem) from None
    offset = parse_month(spec.start) - scenario.start_month
    if offset < 0:
        raise ExperimentError(source, "start", f"{spec.start} is before the scenario's start {scenario.start}")
    _check_window(spec, scenario, offset, source)  # so the months below are within the schema's: blamed on the trial's keys
    scenario = with_overrides(scenario, {"months": offset + spec.follow_up}, source=source)  # the run ends with the follow-up
    return Trial(spec, source, scenario)


def _check_window(spec: TrialSpec, scenario: Scenario, offset: int, source: str) -> None:
    """The run lasts ``offset + follow_up`` months: within the longest run a scenario allows."""
    longest = field_bounds(Scenario, ("months",))[1]
    if longest is None or offset + spec.follow_up <= longest:
        return
    last = format_month(scenario.start_month + int(longest) - 1)
    latest = format_month(scenario.start_month + int(longest) - spec.follow_up)
    if offset < longest:  # the visit fits, the follow-up does not
        raise ExperimentError(
            source,
            "follow_up",
            f"{spec.follow_up} months from {spec.start} go past {last}, the last month a run from the scenario's start {scenario.start} can reach"
            f" ({int(longest)} months): expected at most {int(longest) - offset}, or a start by {latest}",
        )
    raise ExperimentError(
        source,
        "start",
        f"{spec.start} is too late: a run from the scenario's start {scenario.start} lasts at most {int(longest)} months, so with"
        f" follow_up {spec.follow_up} the latest start is {latest}",
    )


def run_replication(trial: Trial, replication: int, seed: int) -> pd.DataFrame:
    """One run: the share of each arm's members active after every month from the visit on."""
    model = EnrolmentModel(trial.scenario, rng=seed)
    model.trial = trial.design()
    rows = []
    for _ in range(trial.scenario.months):
        model.step()
        since = model.month - trial.offset  # 1 after the visit's month
        if since == 1:
            _check_group(trial, model.trial, replication)
        if since >= 1:
            for arm, members, share in model.trial.uptake(model):
                month = format_month(trial.scenario.start_month + model.month - 1)
                rows.append((replication, seed, month, since, arm, members, share))
    return pd.DataFrame(rows, columns=["replication", "seed", "month", "months_since_visit", "arm", "members", "share_active"])


def _check_group(trial: Trial, arms: TrialArms, replication: int) -> None:
    """The target group, evaluated on the workers at the visit (the earliest it can be), selects someone, and every arm
    has a member: an arm without one has no uptake to compare, and its ratio to control would be written as nan."""
    if arms.rows is None or arms.rows.size == 0:
        group = trial.spec.group
        who = f"segments {', '.join(group.segments)}" + (", uncovered" if group.uncovered else "")
        who += f", income below {group.income_below:g}" if group.income_below is not None else ""
        who += f", share {group.share:g}" if group.share < 1 else ""
        raise ExperimentError(
            trial.source,
            "group",
            f"selects nobody in the scenario ({who}: no worker of its {trial.scenario.population.agents} agents at the visit {trial.spec.start},"
            f" replication {replication + 1}): widen the group or raise settings.population.agents",
        )
    members = np.bincount(arms.arm, minlength=len(arms.arms))
    empty = [arm.name for arm, n in zip(arms.arms, members, strict=True) if n == 0]
    if empty:
        raise ExperimentError(
            trial.source,
            "arms",
            f"{empty[0]!r} has no member in replication {replication + 1} (the group has {arms.rows.size} worker agents at the visit"
            f" {trial.spec.start}, shared by weight among {len(arms.arms)} arms): raise settings.population.agents or widen the group",
        )


def run_trial(trial: Trial, on_replication: Any = None) -> pd.DataFrame:
    """Every replication, serially (each is one small model run); a long table."""
    frames = []
    for i, seed in enumerate(replication_seeds(trial.spec.seed, trial.spec.replications)):
        frames.append(run_replication(trial, i, seed))
        if on_replication is not None:
            on_replication(i + 1)
    return pd.concat(frames, ignore_index=True)


def summarise(runs: pd.DataFrame) -> pd.DataFrame:
    """Mean share active by arm and month with the spread across replications."""
    g = runs.groupby(["arm", "months_since_visit", "month"], sort=False)["share_active"]
    table = g.agg(mean="mean", sd="std", n="count", p05=lambda x: x.quantile(0.05), p95=lambda x: x.quantile(0.95)).reset_index()
    table["sd"] = table["sd"].fillna(0.0)
    half = 1.96 * table["sd"] / np.sqrt(table["n"])
    table["ci_low"], table["ci_high"] = table["mean"] - half, table["mean"] + half
    members = runs.groupby(["arm", "months_since_visit"], sort=False)["members"].mean().round(1).to_numpy()
    table.insert(3, "members_mean", members)
    return table


def compare(runs: pd.DataFrame, spec: TrialSpec) -> pd.DataFrame:
    """Each arm against control at the ``during`` and ``after`` months, paired by replication."""
    rows = []
    for label, month in (("during", spec.measure.during), ("after", spec.measure.after)):
        at = runs[runs["months_since_visit"] == month].pivot(index="replication", columns="arm", values="share_active")
        control = at["control"]
        for arm in at.columns:
            diff, ratio = at[arm] - control, at[arm] / control.where(control > 0)
            n = len(at)
            rows.append(
                {
                    "when": label,
                    "months_since_visit": month,
                    "arm": arm,
                    "uptake": at[arm].mean(),
                    "uptake_ci_low": at[arm].mean() - 1.96 * at[arm].std(ddof=1) / np.sqrt(n) if n > 1 else np.nan,
                    "uptake_ci_high": at[arm].mean() + 1.96 * at[arm].std(ddof=1) / np.sqrt(n) if n > 1 else np.nan,
                    "diff_vs_control": diff.mean(),
                    "diff_ci_low": diff.mean() - 1.96 * diff.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan,
                    "diff_ci_high": diff.mean() + 1.96 * diff.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan,
                    "ratio_to_control": at[arm].mean() / control.mean() if control.mean() > 0 else np.nan,
                    "ratio_p05": ratio.quantile(0.05),
                    "ratio_p95": ratio.quantile(0.95),
                }
            )
    order = {a.name: i for i, a in enumerate(spec.arms)}
    frame = pd.DataFrame(rows)
    return frame.sort_values(["months_since_visit", "arm"], key=lambda c: c.map(order) if c.name == "arm" else c).reset_index(drop=True)


def plot_uptake(table: pd.DataFrame, spec: TrialSpec, path: Path) -> None:
    """Save :func:`uptake_figure` as ``path``."""
    from enrolsim.core.plotting import plt

    fig = uptake_figure(table, spec)
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)


def uptake_figure(table: pd.DataFrame, spec: TrialSpec) -> Figure:
    """Share of each arm active by month since the visit, with 95% intervals of the mean."""
    from enrolsim.core.plotting import plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for arm in spec.arms:
        rows = table[table["arm"] == arm.name]
        x = rows["months_since_visit"].to_numpy()
        (line,) = ax.plot(x, 100 * rows["mean"], label=arm.name)
        ax.fill_between(x, 100 * rows["ci_low"], 100 * rows["ci_high"], color=line.get_color(), alpha=0.2, linewidth=0)
    # The lines a reader needs to tie the figure to comparison.csv: where a subsidy stops, and the two months compared.
    ends = sorted({a.subsidy_months for a in spec.arms if a.subsidy_months})
    for end in ends:
        ax.axvline(end + 0.5, color="grey", linestyle=":", linewidth=1, label=f"end of a {end}-month subsidy")
    for i, (when, month) in enumerate((("during", spec.measure.during), ("after", spec.measure.after))):
        ax.axvline(month, color="black", linestyle="--", linewidth=0.8, alpha=0.6, label="months compared (comparison.csv)" if i == 0 else None)
        ax.annotate(f"{when}: month {month}", (month, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -12), textcoords="offset points", fontsize=7)
    ax.set_xlabel(f"months since the visit ({spec.start})")
    ax.set_ylabel("share of the arm's workers active (%)")
    ax.set_title(f"{spec.name}: uptake by arm ({spec.replications} replications, 95% interval of the mean)", fontsize=9)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, frameon=False)  # below: inside, it sat on the lines
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def write_trial(trial: Trial, runs: pd.DataFrame, out: Path) -> list[Path]:
    """Write the tables, the summary and the figure into ``out``."""
    table, comparison = summarise(runs), compare(runs, trial.spec)
    names = ["uptake.csv", "uptake_runs.csv", "comparison.csv", "summary.json", "uptake.png"]
    with staged_folder(out) as staging:
        _write_trial_files(trial, runs, table, comparison, [staging / name for name in names])
    return [out / name for name in names]


def _write_trial_files(trial: Trial, runs: pd.DataFrame, table: pd.DataFrame, comparison: pd.DataFrame, files: list[Path]) -> None:
    table.to_csv(files[0], index=False)
    runs.to_csv(files[1], index=False)
    comparison.to_csv(files[2], index=False)
    summary = {
        "trial": trial.spec.name,
        "source": trial.source,
        "scenario": trial.scenario.name,
        "scenario_hash": trial.scenario.digest(),
        "agents": trial.scenario.population.agents,
        "replications": trial.spec.replications,
        "seed": trial.spec.seed,
        "spec": trial.spec.model_dump(mode="json"),
        "comparison": json.loads(comparison.to_json(orient="records")),
    }
    files[3].write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    plot_uptake(table, trial.spec, files[4])
