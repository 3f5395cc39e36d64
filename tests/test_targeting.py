"""Micro-targeting (issue 3, "Show" 3): more active recruits for the same outreach, predicted only from what the agency can see.

- ``scenarios/micro_targeting.yaml`` against ``scenarios/perisai_6000.yaml``: the same Perisai corps and
  contacts, sent by predicted uptake instead of evenly, keep more recruits active (paired seeds).
- ``AgencyView`` refuses every worker column outside ``OBSERVABLE`` (literacy, trust, perceived risk
  among them); ``predicted_uptake`` gives the same answer whatever the hidden columns hold; and in a
  running model the prediction is only ever handed an ``AgencyView``, whose hidden columns can be
  scrambled without changing it.
"""

import dataclasses
import sys

import numpy as np
import pytest

import enrolsim
import enrolsim.actions.targeting as targeting
from conftest import SCENARIOS, small
from enrolsim.actions.targeting import OBSERVABLE, AgencyView, predicted_uptake, village_factor
from enrolsim.core.codes import Payer, Scheme, Segment, Status
from enrolsim.world.workers import Workers
from worlds import mock_model, put

WORKER_COLUMNS = tuple(f.name for f in dataclasses.fields(Workers))
HIDDEN = tuple(name for name in WORKER_COLUMNS if name not in OBSERVABLE)
MT = "strategies.micro_targeting."
PERISAI = "strategies.extensification.perisai."


# --- same budget, more active recruits ------------------------------------------------------------

MICRO_SEEDS = tuple(range(1, 21))  # the gain is a few per cent against a seed's 5%: 10 seeds were too few (below)


def _dump_without(scenario: enrolsim.Scenario, *keys: str) -> dict:
    data = scenario.model_dump(mode="json")
    for key in keys:
        *parents, leaf = key.split(".")
        node = data
        for p in parents:
            node = node[p]
        node.pop(leaf)
    return data


def test_micro_targeting_scenario_differs_from_even_outreach_only_in_the_targeting():
    even = enrolsim.load_scenario(SCENARIOS / "perisai_6000.yaml")
    micro = enrolsim.load_scenario(SCENARIOS / "micro_targeting.yaml")
    assert micro.strategies.micro_targeting.enabled and not even.strategies.micro_targeting.enabled
    assert micro.strategies.micro_targeting.start == micro.strategies.extensification.perisai.start
    keys = ("name", "description", "strategies.micro_targeting")
    assert _dump_without(micro, *keys) == _dump_without(even, *keys)


def test_micro_targeting_keeps_more_recruits_active_than_even_outreach_for_the_same_outreach():
    """50,000 agents, 2017-2020, seeds 1-20, the same seed for both scenarios.

    The measure is Perisai recruits active and still collected by their agent (persons), averaged over
    the last twelve months and summed over the seeds. Measured when written: micro-targeting x1.056
    (x0.97 to x1.15 by seed; 9 of 10 seeds higher); the final month alone x1.06. The gain is a few
    per cent, not more: the prediction is made from a year of self-paid registrations per village,
    a few per village at this size. (At 30,000 agents and seeds 1-3 the sign is not reliable: seed 1
    gave x0.90.) The corps are the same size (agent-months within 1%), so contacts are the same; the
    commission differs a little because it is a share of what recruits pay.

    Since issue 13's third-party payers the gain had gone (x1.005, a strict expected failure); the 2026-11-29
    recalibration (steady and irregular payers, smaller third-party programmes) brought it back: x1.049 (x0.97
    to x1.12 by seed, 7 of 10 higher), the final month x1.045. It depends on programmes and peer effects
    (docs/validation.md). After the refit of 2026-11-29 (tenth session) seeds 1-10 gave x1.02 over the last year but
    x0.994 in the final month; seeds 1-20 give x1.039 and x1.021, seeds 1-30 x1.029 and x1.016 (x0.91-1.17 by seed).
    """
    size = {"population.agents": 50_000, "months": 48}
    even = [enrolsim.simulate(enrolsim.load_scenario(SCENARIOS / "perisai_6000.yaml", size), s).timeseries for s in MICRO_SEEDS]
    micro = [enrolsim.simulate(enrolsim.load_scenario(SCENARIOS / "micro_targeting.yaml", size), s).timeseries for s in MICRO_SEEDS]

    def pooled(runs, metric) -> float:
        return float(sum(metric(ts) for ts in runs))

    last_year = lambda ts: ts["perisai_recruits_active"].iloc[-12:].mean()  # noqa: E731
    ratio = pooled(micro, last_year) / pooled(even, last_year)
    per_seed = np.round([last_year(m) / last_year(e) for m, e in zip(micro, even, strict=True)], 3)
    assert ratio > 1.01, f"micro-targeting / even outreach, active recruits over the last year: x{ratio:.3f} (by seed {per_seed})"
    final = lambda ts: ts["perisai_recruits_active"].iloc[-1]  # noqa: E731
    assert pooled(micro, final) > pooled(even, final)

    # The same outreach: the same corps (so the same contacts), a commission of the same order.
    agent_months = pooled(micro, lambda ts: ts["perisai_agents"].sum()) / pooled(even, lambda ts: ts["perisai_agents"].sum())
    assert abs(agent_months - 1) < 0.01, agent_months
    commission = pooled(micro, lambda ts: ts["cost_perisai"].sum()) / pooled(even, lambda ts: ts["cost_perisai"].sum())
    assert 0.9 < commission < 1.15, commission
    # Micro-targeting adds its analytics, every month from its start; even outreach has none.
    unit = enrolsim.load_scenario(SCENARIOS / "micro_targeting.yaml").strategies.micro_targeting.unit_cost
    for ts in micro:
        started = ts["month"] >= "2018-02"
        assert (ts.loc[started, "cost_micro_targeting"] == unit).all() and (ts.loc[~started, "cost_micro_targeting"] == 0).all()
    assert all((ts["cost_micro_targeting"] == 0).all() for ts in even)


# --- the agency sees only what it can observe -------------------------------------------------------


def stepped_micro_targeting(start: str, agents: int, months: int, seed: int) -> enrolsim.EnrolmentModel:
    """micro_targeting.yaml with Perisai and targeting from ``start``, stepped ``months`` months."""
    scenario = small(
        enrolsim.load_scenario(SCENARIOS / "micro_targeting.yaml"),
        {PERISAI + "start": start, MT + "start": start},
        agents=agents,
        months=months,
    )
    model = enrolsim.EnrolmentModel(params=scenario, rng=seed)
    for _ in range(scenario.months):
        model.step()
    return model


@pytest.fixture(scope="module")
def targeted_model() -> enrolsim.EnrolmentModel:
    """A micro-targeting model after 14 months (Perisai and targeting from 2017-02), with registrations on record."""
    return stepped_micro_targeting("2017-02", agents=10_000, months=14, seed=5)


def scrambled(workers: Workers, seed: int = 0) -> Workers:
    """A copy of ``workers`` whose hidden columns are shuffled, and literacy, trust and perceived risk made up afresh."""
    rng = np.random.default_rng(seed)
    changed = {name: rng.permutation(getattr(workers, name)) for name in HIDDEN}
    for name in ("literacy", "trust_settled", "perceived_risk_settled"):
        changed[name] = rng.random(workers.size).astype(np.float32)
    return dataclasses.replace(workers, **changed)


def test_what_the_agency_cannot_see(targeted_model):
    assert {"literacy", "trust_settled", "perceived_risk_settled"} <= set(HIDDEN)
    view = AgencyView(targeted_model.workers)
    for name in ("trust", "perceived_risk", "drift"):  # the current values, and the village drift behind them
        with pytest.raises(AttributeError, match=name):
            getattr(view, name)
    assert set(OBSERVABLE) <= set(WORKER_COLUMNS), "OBSERVABLE names a column the workers do not have"


@pytest.mark.parametrize("column", HIDDEN)
def test_agency_view_refuses_hidden_columns(targeted_model, column: str):
    view = AgencyView(targeted_model.workers)
    with pytest.raises(AttributeError, match=column):
        getattr(view, column)
    assert not hasattr(view, column)


@pytest.mark.parametrize("column", OBSERVABLE)
def test_agency_view_gives_observable_columns(targeted_model, column: str):
    assert getattr(AgencyView(targeted_model.workers), column) is getattr(targeted_model.workers, column)


def test_prediction_is_the_same_whatever_the_hidden_columns_hold(targeted_model):
    model = targeted_model
    n, month = model.village_sizes.size, model.month
    truth = predicted_uptake(AgencyView(model.workers), n, month)
    assert truth.shape == (n,) and np.isfinite(truth).all() and (truth > 0).all()
    assert truth.std() > 0, "a flat prediction would make this test vacuous"
    for seed in range(3):
        np.testing.assert_array_equal(predicted_uptake(AgencyView(scrambled(model.workers, seed)), n, month), truth)


def test_prediction_does_follow_the_observable_records(targeted_model):
    """Not vacuous: the agency's own records move the prediction."""
    model = targeted_model
    w, n, month = model.workers, model.village_sizes.size, model.month
    truth = predicted_uptake(AgencyView(w), n, month)
    uncovered = np.flatnonzero(w.status != Status.ACTIVE)
    status = w.status.copy()
    status[uncovered[: uncovered.size // 2]] = Status.ACTIVE
    assert not np.array_equal(predicted_uptake(AgencyView(dataclasses.replace(w, status=status)), n, month), truth)
    recent = np.full_like(w.enrolled_month, month)
    assert not np.array_equal(predicted_uptake(AgencyView(dataclasses.replace(w, enrolled_month=recent)), n, month), truth)


def test_a_running_model_hands_the_prediction_only_an_agency_view(monkeypatch):
    """``predicted_uptake`` wrapped wherever the package refers to it: every call gets an ``AgencyView``;
    the uncovered counts the model hands it are those the view gives; and scrambling the hidden
    columns behind that view (even through its private reference) changes nothing."""
    real = targeting.predicted_uptake
    calls: list[int] = []

    def guarded(view, n_villages, month, uncovered=None, prior_weight=10.0):
        assert type(view) is AgencyView, type(view)
        result = real(view, n_villages, month, uncovered, prior_weight)
        # Counted from the view alone (the uncovered counts too), with the hidden columns scrambled: the same.
        np.testing.assert_array_equal(real(AgencyView(scrambled(view._workers, month)), n_villages, month, None, prior_weight), result)
        calls.append(month)
        return result

    patched = 0
    for name, module in list(sys.modules.items()):
        if (name == "enrolsim" or name.startswith("enrolsim.")) and getattr(module, "predicted_uptake", None) is real:
            monkeypatch.setattr(module, "predicted_uptake", guarded)
            patched += 1
    assert patched >= 1  # enrolsim.actions.targeting, whose monthly prediction calls it

    stepped_micro_targeting("2017-03", agents=5_000, months=8, seed=2)
    # At most once a month (cached), only from the lever's start, and in most months: at this small
    # scale a month in which no corps makes a contact (contacts round to whole agents) asks nothing.
    assert calls == sorted(set(calls)), calls
    assert set(calls) <= set(range(2, 8)) and len(calls) >= 4, calls


def test_outreach_is_even_unless_micro_targeting_has_started():
    scenario = small(
        enrolsim.load_scenario(SCENARIOS / "micro_targeting.yaml"),
        {PERISAI + "start": None, MT + "start": "2017-03"},
        agents=5_000,
        months=4,
    )
    model = enrolsim.EnrolmentModel(params=scenario, rng=1)
    for _ in range(3):  # the lever starts as the third month (2017-03) is simulated
        assert not model.lever_on("micro_targeting") and village_factor(model) is None
        model.step()
    assert model.lever_on("micro_targeting")
    factor = village_factor(model)
    np.testing.assert_allclose(factor, targeting.monthly_prediction(model) ** scenario.strategies.micro_targeting.sharpness)
    even = enrolsim.EnrolmentModel(params=small(enrolsim.load_scenario(SCENARIOS / "perisai_6000.yaml"), agents=5_000), rng=1)
    assert village_factor(even) is None


def test_the_prediction_reads_the_twelve_months_before_this_one_and_weighs_its_prior_in_persons(monkeypatch):
    """One village's only self-paid BPU registrant, enrolled 12 months before the month asked, counts; 13 months
    before, not. And the prior's weight is 25,000 persons at every size: in worker agents, 25,000 / represents."""
    model = mock_model(agents=2_000)
    w, n, month = model.workers, model.village_sizes.size, 20
    row, other = np.flatnonzero(w.village == 0)[:2]
    put(model, [row], segment=Segment.INFORMAL.value, status=Status.ACTIVE.value, scheme=Scheme.BPU.value, payer=Payer.SELF.value, enrolled_month=month - 12)
    put(model, [other], segment=Segment.INFORMAL.value)  # an uncovered neighbour: the village's rate is 1 registrant per 1
    with np.errstate(invalid="ignore"):  # no prior: the villages with nobody uncovered read 0 / 0
        counted = predicted_uptake(AgencyView(w), n, month, prior_weight=0.0)
        w.enrolled_month[row] = month - 13
        assert counted[0] == 1.0 and predicted_uptake(AgencyView(w), n, month, prior_weight=0.0)[0] == 0
    weight = []
    real = targeting.predicted_uptake
    monkeypatch.setattr(targeting, "predicted_uptake", lambda *args: weight.append(args[4]) or real(*args))
    targeting.monthly_prediction(model)
    assert weight == [pytest.approx(targeting.PRIOR_PERSONS / model.represents)]
