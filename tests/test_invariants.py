"""Invariants over random valid scenarios (issue 2, "Show" 4; docs/architecture.md "Tests that mean something").

Hypothesis draws scenarios within the schema's bounds (segment shares, probabilities, contract
lengths, JHT rules, start month, seed; 500-3000 agents, 3-12 months) and the model is stepped month
by month. After every month:

- every worker is in exactly one valid status, segment and scheme;
- persons are conserved: active workers + inactive + withdrawn + never registered == labour force;
  active workers split exactly by segment and by who pays (PU + BPU); the agency's active adds the
  Jakon and PMI stocks; BPU splits into self-paid and third-party; registered = active + inactive
  accounts that hold a balance;
- no negative counts, flows, balances or unpaid months; literacy, trust and perceived risk stay
  in [0, 1] (float32 columns: 1e-6 slack);
- employer ids are -1 or a real employer; wage earners have one, nobody else does; an active PU
  participant works for a registered employer that registered them; an active participant is PU
  or BPU; casual flags only on contract workers and informal workers between casual contracts;
- a closed (withdrawn) or never-opened account holds no JHT balance;
- no fixed-term contract has run past its end without being ended or renewed;
- the counts kept from move to move (peer groups' sizes and active members) equal a recount.

Half of the drawn scenarios also switch on a few strategy levers (Perisai agents, platforms,
local governments, outreach, sponsors, enforcement, retention, rules), from the start or later,
and half go through a labour-market shock.

Within the month, two shortcuts rest on what the moves cannot do, each checked in real scenarios:
voluntary enrolment draws from the pool listed earlier in the month, and the formal-share hire
looks for workers between casual contracts only among those who were before the month's moves.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import enrolsim
from conftest import SCENARIOS, time_limit
from enrolsim import model as model_module
from enrolsim.actions.outreach import uncovered_pool
from enrolsim.core.codes import SEGMENT_NAMES, ExitCause, Payer, Scheme, Segment, Status
from enrolsim.indicators import INDICATORS
from enrolsim.processes import labour_market as labour_market_module
from enrolsim.processes import voluntary_enrolment as enrolment
from enrolsim.processes.formal_jobs import hold_formal_share
from enrolsim.processes.voluntary_enrolment import voluntary_enrolment
from enrolsim.world.workers import NO_END

FLOAT_SLACK = 1e-6  # float32 columns
STOCKS = ("active_workers", "inactive", "withdrawn", "never_registered")
FLOWS = [name for name, (unit, _) in INDICATORS.items() if unit.endswith("/month")]

probability = st.floats(0.0, 1.0, allow_nan=False)
small_probability = st.floats(0.0, 0.3, allow_nan=False)


@st.composite
def shares(draw, zero: tuple[str, ...] = ()) -> dict[str, float]:
    """Six non-negative shares summing to 1 (``zero`` segments get none)."""
    raw = [0.0 if s in zero else draw(st.floats(0.0, 1.0)) for s in SEGMENT_NAMES]
    if sum(raw) < 1e-3:
        raw = [0.0 if s in zero else 1.0 for s in SEGMENT_NAMES]
    total = sum(raw)
    return {s: v / total for s, v in zip(SEGMENT_NAMES, raw, strict=True)}


@st.composite
def scenarios(draw) -> tuple[enrolsim.Scenario, int]:
    """A random valid scenario and seed."""
    inactive = draw(probability)
    rule = draw(st.sampled_from(["one_month", "five_years", "age_56"]))
    regimes = [{"start": "2015-09", "rule": rule, "waiting_months": draw(st.integers(0, 24)), "membership_months": draw(st.integers(0, 120))}]
    if draw(st.booleans()):
        regimes.append({"start": f"20{draw(st.integers(10, 30))}-{draw(st.integers(1, 12)):02d}", "rule": draw(st.sampled_from(["one_month", "age_56"]))})
        regimes.sort(key=lambda r: r["start"])
    overrides = {
        "start": f"{draw(st.integers(2010, 2030))}-{draw(st.integers(1, 12)):02d}",
        "months": draw(st.integers(3, 12)),
        "population.agents": draw(st.integers(500, 3000)),
        "population.segment_shares": draw(shares()),
        "population.literacy_mean": draw(st.floats(0.01, 0.99)),
        "population.trust_mean": draw(st.floats(0.01, 0.99)),
        "population.initial_bpu_active_share": draw(probability),
        "population.initial_inactive_share": inactive,
        "population.initial_withdrawn_share": draw(st.floats(0.0, 1.0 - inactive)),
        "population.villages_per_district": draw(st.integers(1, 20)),
        "population.labour_force_growth": draw(st.floats(-0.1, 0.2)),
        "labour_market.permanent_job_loss": draw(small_probability),
        "labour_market.contract_months_mean": draw(st.floats(1, 60)),
        "labour_market.casual_share": draw(probability),
        "labour_market.casual_months_mean": draw(st.floats(1, 12)),
        "labour_market.contract_renewal": draw(probability),
        "labour_market.contract_to_permanent": draw(probability),
        "labour_market.job_finding": draw(probability),
        "labour_market.informal_exit": draw(small_probability),
        "labour_market.platform_exit": draw(small_probability),
        "labour_market.casual_renewal": draw(probability),
        "labour_market.casual_share_new": draw(probability),
        "labour_market.recall": draw(probability),
        "labour_market.casual_search": draw(probability),
        "labour_market.formal_employment": draw(st.sampled_from(["sakernas", "growth"])),
        "labour_market.hire_shares": draw(shares(zero=("unemployed",))),
        "labour_market.entrant_shares": draw(shares()),
        "employers.mean_size": draw(st.floats(1, 200)),
        "employers.registered_share": draw(probability),
        "employers.partial_share": draw(probability),
        "employers.partial_worker_share": draw(probability),
        "employers.registration_rate": draw(small_probability),
        "employers.full_compliance_rate": draw(small_probability),
        "employers.arrears_probability": draw(probability),
        "employers.arrears_cure": draw(probability),
        "employers.arrears_months_to_inactive": draw(st.integers(1, 6)),
        "employers.closure_rate": draw(small_probability),
        "employers.partial_drift": draw(small_probability),
        "enrolment.base_logit": draw(st.floats(-10, 0)),
        "enrolment.completion_unassisted": draw(probability),
        "contributions.bpu_miss_probability": draw(probability),
        "contributions.bpu_miss_again": draw(probability),
        "contributions.payment_ease": draw(probability),
        "contributions.unpaid_months_to_inactive": draw(st.integers(1, 6)),
        "contributions.jht_return": draw(st.floats(-0.5, 0.5)),
        "jht.regimes": regimes,
        "jht.withdrawal_probability": draw(probability),
        "jht.claim_window_months": draw(st.integers(1, 24)),
        "jht.background_probability": draw(small_probability),
        "jht.resign_to_withdraw": draw(small_probability),
        "jht.balance_half": draw(st.floats(0, 2e7)),
        "third_party_payers.renewal": draw(probability),
        "third_party_payers.scale": draw(st.floats(0, 5)),
        "construction_projects.months_mean": draw(st.floats(1, 60)),
        "migrant_workers.months_covered": draw(st.integers(1, 36)),
        "accidents.mortality": draw(st.floats(0, 0.1)),
        "accidents.fatal_share": draw(probability),
        "accidents.trust_per_claim_seen": draw(probability),
        "accidents.risk_per_uninsured_seen": draw(probability),
        "accidents.perceived_risk_decay": draw(probability),
        "literacy.decay": draw(small_probability),
        "literacy.peer_learning": draw(probability),
        "literacy.campaign_reach": draw(probability),
        "literacy.campaign_gain": draw(probability),
    }
    if draw(st.booleans()):
        overrides.update(draw(strategy_levers(overrides["start"])))
    if draw(st.booleans()):  # a shock over the run: jobs lost and closed, work informalised, incomes cut
        year, month = (int(x) for x in overrides["start"].split("-"))
        overrides["shocks"] = [
            {
                "start": overrides["start"],
                "end": f"{year + 1}-{month:02d}",
                "job_loss_multiplier": draw(st.floats(1, 5)),
                "informalisation": draw(small_probability),
                "income_multiplier": draw(st.floats(0.5, 1)),
            }
        ]
    if draw(st.booleans()):  # dated events within the run: a pandemic whose end resumes the furloughed, and JKP
        year, month = (int(x) for x in overrides["start"].split("-"))
        first = year * 12 + month - 1 + draw(st.integers(0, 2))
        last = first + draw(st.integers(0, overrides["months"] - 1))
        start, end = (f"{m // 12}-{m % 12 + 1:02d}" for m in (first, last))
        overrides["events.covid"] = [
            {
                "start": start,
                "end": end,
                "recovery_from": start,
                "spread_months": draw(st.integers(1, 3)),
                "furloughed": draw(st.floats(0, 5e6)),
                "furlough_months_mean": draw(st.floats(1, 12)),
                "laid_off": draw(st.floats(0, 2e6)),
                "out_of_work": draw(st.floats(0, 3e6)),
                "arrears_multiplier": draw(st.floats(1, 5)),
                "arrears_cure_multiplier": draw(st.floats(0, 1)),
            }
        ]
        overrides["events.job_loss_benefit"] = [{"start": start, "end": end, "take_up": draw(probability), "jht_claim_factor": draw(probability)}]
    scenario = enrolsim.with_overrides(enrolsim.Scenario(), overrides)
    return scenario, draw(st.integers(0, 2**32 - 1))


@st.composite
def strategy_levers(draw, start: str) -> dict[str, object]:
    """A few strategy levers switched on, from the start or from a later month."""
    year, month = (int(x) for x in start.split("-"))
    later = f"{year + 1 if month > 6 else year}-{(month + 5) % 12 + 1:02d}"
    when = lambda: draw(st.sampled_from([None, start, later]))  # noqa: E731
    e = "strategies.extensification"
    i = "strategies.intensification"
    levers = {
        f"{e}.perisai": {"start": when(), "agents_initial": draw(st.floats(0, 2000)), "agents_target": draw(st.floats(0, 6000))},
        f"{e}.platforms": {
            "start": when(),
            "mode": draw(st.sampled_from(["none", "promotion", "default_enrolment", "payroll_deduction", "copayment"])),
            "regulatory_pressure": draw(probability),
        },
        f"{e}.local_government": {
            "start": when(),
            "subsidy_budget": draw(st.floats(0, 2e12)),
            "licence_conditioning": draw(small_probability),
            "outreach_reach": draw(small_probability),
            "service_point_ease": draw(probability),
        },
        f"{e}.ecosystems": {"start": when(), "village": draw(st.floats(0, 1e6)), "vulnerable": draw(st.floats(0, 1e6))},
        f"{e}.sertakan": {"start": when(), "sponsored_per_month": draw(st.floats(0, 1e6)), "months_paid": draw(st.integers(1, 24))},
        f"{e}.nyalakan": {"start": when(), "rate": draw(small_probability)},
        f"{e}.payment_channels": {"start": when(), "extra_ease": draw(probability)},
        f"{i}.audits": {"start": when(), "rate": draw(probability)},
        f"{i}.arrears_collection": {"start": when(), "rate": draw(probability)},
        f"{i}.retention": {"start": when(), "reminder_coverage": draw(probability), "jht_education_reach": draw(small_probability)},
        "strategies.law_enforcement": {"start": when(), "inspection_rate": draw(small_probability)},
        "strategies.micro_targeting": {"start": when(), "enabled": draw(st.booleans())},
        "strategies.rules": {"start": when(), "bpu_price_multiplier": draw(st.floats(0, 10)), "bpu_jht_required": draw(st.booleans())},
    }
    chosen = draw(st.lists(st.sampled_from(sorted(levers)), min_size=1, max_size=6, unique=True))
    return {key: levers[key] for key in chosen}


def check_workers(model: enrolsim.EnrolmentModel) -> None:
    """Invariants of the worker and employer columns after a month."""
    w, e = model.workers, model.employers
    month = model.month  # already advanced past the month just simulated

    assert np.isin(w.status, [s.value for s in Status]).all(), "a worker outside every status"
    assert np.isin(w.segment, [s.value for s in Segment]).all()
    assert np.isin(w.scheme, [s.value for s in Scheme]).all()
    assert np.isin(w.payer, [p.value for p in Payer]).all()

    assert np.isfinite(w.jht_balance).all() and (w.jht_balance >= 0).all(), "negative or NaN JHT balance"
    assert (w.months_unpaid >= 0).all()
    assert (w.months_unpaid < model.params.contributions.unpaid_months_to_inactive).all(), "a run of unpaid months left unlapsed"
    assert (w.contribution_months >= 0).all()
    assert (w.income >= 0).all()
    for name, column in (("literacy", w.literacy), ("trust", model.drift.all_trust()), ("perceived_risk", model.drift.all_perceived_risk())):
        assert np.isfinite(column).all(), name
        assert column.min() >= -FLOAT_SLACK and column.max() <= 1 + FLOAT_SLACK, f"{name} outside [0, 1]: {column.min()}..{column.max()}"

    closed = (w.status == Status.WITHDRAWN) | (w.status == Status.NEVER)
    assert (w.jht_balance[closed] == 0).all(), "a closed or never-opened account holds a JHT balance"
    assert (w.contribution_months[w.status == Status.NEVER] == 0).all()

    assert ((w.employer >= -1) & (w.employer < e.size)).all(), "employer id out of range"
    wage = (w.segment == Segment.PERMANENT) | (w.segment == Segment.CONTRACT)
    assert (w.employer[wage] >= 0).all(), "a wage earner without an employer"
    assert (w.employer[~wage] == -1).all(), "a worker outside wage work with an employer"
    assert (w.employer[w.employer_registered] >= 0).all()

    active = w.status == Status.ACTIVE
    pu = active & (w.scheme == Scheme.PU)
    assert wage[pu].all(), "an active PU participant who is not a wage earner"
    assert w.employer_registered[pu].all(), "an active PU participant not registered by the employer"
    assert e.registered[w.employer[pu]].all(), "an active PU participant of an unregistered employer"
    lapsed = e.lapsed(model.params.employers.arrears_months_to_inactive)
    assert not lapsed[w.employer[pu]].any(), "an active PU participant of an employer long in arrears"
    assert np.isin(w.scheme[active], [Scheme.PU.value, Scheme.BPU.value]).all(), "an active participant neither PU nor BPU"
    casual_ok = (w.segment == Segment.CONTRACT) | (w.segment == Segment.INFORMAL)
    assert casual_ok[w.casual].all(), "a casual flag outside contract work and the informal work between contracts"

    assert (model.pu_rate == model.pu_rates_by_class()[w.risk]).all(), "a PU contribution rate out of step with the risk class"
    n_groups = model.village_sizes.size * len(Segment)
    assert (w.group == w.village * len(Segment) + w.segment).all(), "a peer group out of step with the segment"
    assert (w.group_sizes(n_groups) == np.bincount(w.group, minlength=n_groups)).all(), "kept group sizes drifted"
    assert (w.active_in_group(n_groups) == np.bincount(w.group[active], minlength=n_groups)).all(), "kept active counts drifted"

    contract = w.segment == Segment.CONTRACT
    assert (w.contract_end[contract] >= month).all(), "a fixed-term contract ran past its end"
    assert (w.contract_end[w.segment == Segment.PERMANENT] == NO_END).all()


def check_indicators(values: dict[str, float], model: enrolsim.EnrolmentModel) -> None:
    """Invariants of one month's indicators (persons), recounted from the model's columns where they are stocks."""
    w = model.workers
    lf = values["labour_force"]
    tol = 1e-9 * lf
    p = model.params.population  # the month recorded is the one before model.month (step counts it after recording)
    assert abs(lf - p.labour_force * (1 + p.labour_force_growth) ** ((model.month - 1) / 12)) <= tol, "the labour force does not grow as set"
    # Each stock recounted from the status column (withdrawn is computed as what the others leave, so
    # conservation alone would hold by construction); then persons are conserved because statuses are.
    r = lf / w.size
    counted = (("active_workers", Status.ACTIVE), ("inactive", Status.INACTIVE), ("withdrawn", Status.WITHDRAWN), ("never_registered", Status.NEVER))
    for stock, status in counted:
        assert abs(values[stock] - np.count_nonzero(w.status == status) * r) <= tol, f"{stock} is not the count of {status.name} workers"
    assert abs(sum(values[s] for s in STOCKS) - lf) <= tol, "persons not conserved"
    holding = np.count_nonzero((w.status == Status.INACTIVE) & (w.jht_balance > 0)) * lf / w.size  # persons per agent of the month recorded
    assert abs(values["registered"] - (values["active"] + holding)) <= tol, "registered is not active plus inactive accounts holding a balance"
    assert abs(sum(values[f"active_{s}"] for s in SEGMENT_NAMES) - values["active_workers"]) <= tol, "segments do not add up to active workers"
    assert abs(values["active_pu"] + values["active_bpu"] - values["active_workers"]) <= tol, "schemes do not add up"
    # active_bpu_self is computed as active_bpu less the third parties: recount both from the payer column.
    bpu = (w.status == Status.ACTIVE) & (w.scheme == Scheme.BPU)
    third = np.isin(w.payer, [Payer.LOCAL_GOVERNMENT, Payer.SPONSOR, Payer.PROGRAMME])
    assert abs(values["active_bpu_third_party"] - np.count_nonzero(bpu & third) * r) <= tol, "third-party payers miscounted"
    assert abs(values["active_bpu_self"] - np.count_nonzero(bpu & ~third) * r) <= tol, "self-paying BPU participants miscounted"
    assert abs(values["active_workers"] + values["active_jakon"] + values["active_pmi"] - values["active"]) <= tol, "the agency's active"
    assert values["active_jakon"] >= 0 and values["active_pmi"] >= 0
    assert abs(values["coverage"] * lf - values["active"]) <= tol  # Jakon counts projects, so coverage may pass 1
    for name, value in values.items():
        if name == "registrations_per_active":  # undefined (NaN) before a year has passed
            assert np.isnan(value) or value >= 0
            continue
        assert np.isfinite(value), name
        assert value >= 0, f"{name} is negative: {value}"


def count_active_and_suspended(model) -> tuple[int, int]:
    """Active rows, and inactive rows still in the job their employer's arrears (or a furlough) suspended."""
    w = model.workers
    suspended = (w.status == Status.INACTIVE) & (w.leave_cause == ExitCause.ARREARS) & (w.employer >= 0)
    return int(np.count_nonzero(w.status == Status.ACTIVE)), int(np.count_nonzero(suspended))


@settings(max_examples=15, deadline=None)
@given(scenarios())
def test_invariants_hold_every_month(drawn):
    scenario, seed = drawn
    with time_limit(120):  # a hang (as tiny probabilities once caused) fails instead of stalling the suite
        model = enrolsim.EnrolmentModel(params=scenario, rng=seed)
        start_lf = model.workers.size * model.represents
        assert abs(start_lf - scenario.population.labour_force) <= 1e-6 * start_lf
        for _ in range(scenario.months):
            active, suspended = count_active_and_suspended(model)
            model.step()
            check_workers(model)
            check_indicators(model.indicators, model)
            # Every move in or out of active, and of the suspended by arrears, is counted where it happens.
            f, (active_now, suspended_now) = model.flows, count_active_and_suspended(model)
            assert active_now - active == f.new_registrations + f.reactivations + f.resumptions - f.lapses, "active rows moved uncounted"
            assert suspended_now - suspended == f.arrears_lapses - f.resumptions - f.suspensions_ended, "suspended rows moved uncounted"


@settings(max_examples=15, deadline=None)
@given(scenarios())
def test_timeseries_is_whole_and_consistent(drawn):
    """``simulate`` returns one row per month, in calendar order, with every indicator and the labour force growing as set."""
    scenario, seed = drawn
    with time_limit(120):
        ts = enrolsim.simulate(scenario, seed=seed).timeseries
    assert list(ts.columns) == ["month", *INDICATORS]
    assert len(ts) == scenario.months
    assert ts["month"].iloc[0] == scenario.start
    assert ts["month"].is_monotonic_increasing and ts["month"].is_unique
    assert not ts.drop(columns="registrations_per_active").isna().any().any()
    p = scenario.population
    expected = p.labour_force * (1 + p.labour_force_growth) ** (np.arange(len(ts)) / 12)
    assert np.allclose(ts["labour_force"], expected, rtol=1e-9)
    stocks = ts[list(STOCKS)].sum(axis=1)
    assert np.allclose(stocks, ts["labour_force"], rtol=1e-9)
    assert (ts[FLOWS] >= 0).all().all()


@pytest.mark.parametrize("name", ["combined_70m", "extensification", "baseline"])
def test_the_months_pool_holds_every_candidate_for_voluntary_enrolment(name, monkeypatch):
    """Voluntary enrolment draws from the pool outreach listed earlier in the month: sound only while
    workers between the listing and enrolment only ever become active (and change no segment)."""
    checked = []

    def checking(model: enrolsim.EnrolmentModel) -> None:
        w = model.workers
        pool = uncovered_pool(model).rows
        now = np.flatnonzero(((w.segment == Segment.INFORMAL) | (w.segment == Segment.PLATFORM)) & (w.status != Status.ACTIVE))
        assert np.array_equal(pool[w.status[pool] != Status.ACTIVE], now), "a candidate outside the month's pool"
        checked.append(model.month)
        voluntary_enrolment(model)

    processes = tuple(checking if p is voluntary_enrolment else p for p in model_module.PROCESSES)
    monkeypatch.setattr(model_module, "PROCESSES", processes)
    scenario = enrolsim.load_scenario(SCENARIOS / f"{name}.yaml", {"population.agents": 6000, "months": 36})
    model = enrolsim.EnrolmentModel(scenario, rng=3)
    for _ in range(36):
        model.step()
    assert len(checked) == 36


@pytest.mark.parametrize("name", ["history", "combined_70m"])
def test_the_formal_share_hire_finds_everyone_between_casual_contracts_among_those_before_the_moves(name, monkeypatch):
    """``hold_formal_share`` looks for workers between casual contracts only among those who were before
    the month's moves (``_change_work``): sound only while the moves never put anyone there."""
    checked = []

    def checking(model: enrolsim.EnrolmentModel, were_between: np.ndarray | None = None) -> None:
        assert were_between is not None
        assert np.array_equal(model.workers.between_casual_contracts(were_between), model.workers.between_casual_contracts())
        checked.append(model.month)
        hold_formal_share(model, were_between)

    monkeypatch.setattr(labour_market_module, "hold_formal_share", checking)
    scenario = enrolsim.load_scenario(SCENARIOS / f"{name}.yaml", {"population.agents": 6000, "months": 90})
    model = enrolsim.EnrolmentModel(scenario, rng=5)
    for _ in range(90):  # history: through the COVID months, when workers are moved into informal work
        model.step()
    assert len(checked) == 90


@pytest.mark.parametrize(("ease_effect", "literacy_effect", "trust_effect"), [(1.5, 2.5, 1.5), (-1.0, -2.0, -1.5)])
def test_the_enrolment_ceilings_bound_every_candidates_probability(ease_effect, literacy_effect, trust_effect):
    """Thinning is exact only if no worker's probability exceeds the ceilings it is drawn under:
    also with negative effects, and with service points in some districts only."""
    overrides = {
        "population.agents": 4000,
        "months": 14,
        "enrolment.ease_effect": ease_effect,
        "enrolment.literacy_effect": literacy_effect,
        "enrolment.trust_effect": trust_effect,
        "strategies.extensification.local_government": {"start": "2015-09", "service_point_ease": 0.8},
    }
    scenario = enrolsim.with_overrides(enrolsim.load_scenario(SCENARIOS / "baseline.yaml"), overrides)
    model = enrolsim.EnrolmentModel(scenario, rng=2)
    for _ in range(scenario.months):
        model.step()
    model.district_extra_ease[::2] = 0.0  # service points in half the districts only: the district term differs
    w, c = model.workers, scenario.enrolment
    rows = uncovered_pool(model).rows
    others, literacy_top = enrolment._bounds(model)
    group_bound = others + c.peer_effect * model.peer_active_share.astype(np.float64)
    tight = group_bound[w.group[rows]] + c.literacy_effect * w.literacy[rows]
    p = enrolment.enrolment_probability(model, rows).astype(np.float64)
    assert (np.log(p / (1 - p)) <= tight).all(), "a worker's probability above the candidate's ceiling"
    assert tight.max() <= group_bound.max() + literacy_top
