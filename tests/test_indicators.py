"""Indicators (indicators.py) by their definitions, on a hand-built history and on a small real run.

Pins what counts as a registration (new registrations and re-activations: the agency's new
participants; not an employer resuming) and as an exit (every lapse but an employer's arrears); the
calendar-year window of ``registrations_this_year`` and ``registrations_per_active`` (the 5:1:
registrations since January over those registrants still active, a person registering twice
counting twice above and once below; reset each January, undefined with no registrant active);
every stock recounted from the columns; and the monthly flow-stock balance of a real run, exact in
worker agents: change in active = new registrations + re-activations + resumptions - lapses, where
the lapses include every way out of active (retirement and death too); in persons, the agency's
active also moves with its Jakon stock and with the growth of persons per agent, neither a flow.
"""

import math

import numpy as np
import pytest

import enrolsim.processes.accidents
import enrolsim.processes.labour_market
from enrolsim.core.codes import SEGMENT_NAMES, ExitCause, Payer, Scheme, Segment, Status
from enrolsim.indicators import EVENT_INDICATORS, LAID_OFF, RESIGNED, compute
from enrolsim.world.participation import activate, deactivate, resume
from enrolsim.world.workers import MASK_BLOCK
from worlds import mock_model, put

ACTIVE, INACTIVE, NEVER, WITHDRAWN = (s.value for s in (Status.ACTIVE, Status.INACTIVE, Status.NEVER, Status.WITHDRAWN))


def persons_per_agent(model):
    p = model.params.population
    return p.labour_force * (1 + p.labour_force_growth) ** (model.month / 12) / p.agents


def test_new_participants_are_registrations_and_reactivations_and_exits_leave_out_arrears():
    model = mock_model()
    put(model, [3, 4, 5], status=INACTIVE, scheme=Scheme.PU.value, enrolled_month=-20)
    put(model, [6], status=WITHDRAWN)
    put(model, [7, 8, 9], status=ACTIVE, scheme=Scheme.PU.value, enrolled_month=-20)
    w, f = model.workers, model.flows
    activate(w, f, np.array([0, 1, 2, 3, 4, 6]), Scheme.BPU, model.month)  # three never, two inactive, one withdrawn
    resume(w, f, np.array([5]))
    deactivate(w, f, np.array([7]), ExitCause.MOVE)
    deactivate(w, f, np.array([8, 9]), ExitCause.ARREARS)
    model._tally_years()  # what step does before the indicators
    values = compute(model)
    r = persons_per_agent(model)
    assert values["new_registrations"] == pytest.approx(4 * r) and values["new_after_withdrawal"] == pytest.approx(1 * r)
    assert values["reactivations"] == pytest.approx(2 * r)
    assert values["resumptions"] == pytest.approx(1 * r)
    assert values["new_participants"] == pytest.approx(6 * r)
    assert values["lapses"] == pytest.approx(3 * r) and values["arrears_lapses"] == pytest.approx(2 * r)
    assert values["exits"] == pytest.approx(1 * r)
    assert values["registrations_this_year"] == pytest.approx(6 * r)
    # Still active and registered this year: the six just activated (the resumed one keeps its old spell).
    assert values["registrations_per_active"] == pytest.approx(1.0)


def test_the_ratio_counts_registrations_since_january_over_those_registrants_still_active():
    """2017: A and C (Jan), C lapses (Apr), D new (Jun), lapses (Jul), back (Sep): twice, B (Dec). 2018: E resumed (Jan), F (Feb), G (Sep, lapses Nov)."""
    model = mock_model()
    assert model.calendar_month % 12 == 0  # the baseline starts in January
    A, B, C, D, E, F, G = range(7)
    put(model, [E], status=INACTIVE, scheme=Scheme.PU.value, enrolled_month=-20)
    w, f = model.workers, model.flows

    def enrol(*rows):
        return lambda: activate(w, f, np.array(rows), Scheme.BPU, model.month)

    def drop(*rows):
        return lambda: deactivate(w, f, np.array(rows), ExitCause.BPU_LAPSE)

    moves = {0: enrol(A, C), 3: drop(C), 5: enrol(D), 6: drop(D), 8: enrol(D), 11: enrol(B), 12: lambda: resume(w, f, np.array([E])), 13: enrol(F)}
    moves |= {20: enrol(G), 22: drop(G)}
    seen = {}
    for month in range(24):
        model.month = month
        f.reset()
        if month in moves:
            moves[month]()
        model._tally_years()  # what step does before the indicators
        values = compute(model)
        seen[month] = (values["registrations_this_year"] / persons_per_agent(model), values["registrations_per_active"])
    assert seen[0] == pytest.approx((2, 1.0))
    assert seen[4] == pytest.approx((2, 2.0))  # C lapsed: two registrations, one of them still active
    # December 2017: A, C, D, D, B registered; A, D and B still active.
    assert seen[11] == pytest.approx((5, 5 / 3))
    # January 2018: the year starts afresh; E's resumption is no registration, so nobody registered yet.
    assert seen[12][0] == 0 and math.isnan(seen[12][1])
    assert seen[13] == pytest.approx((1, 1.0))  # F
    assert seen[21] == pytest.approx((2, 1.0))  # F and G, both active
    assert seen[23] == pytest.approx((2, 2.0))  # G lapsed in November


def test_in_a_first_year_that_starts_in_july_only_registrations_seen_count_in_the_ratio():
    """Started in July 2017: a worker active since May (an initial active) is not a registrant the model has counted."""
    model = mock_model({"start": "2017-07"})
    put(model, [0], status=ACTIVE, scheme=Scheme.BPU.value, enrolled_month=-2)  # registered in May 2017, before the start
    activate(model.workers, model.flows, np.array([1]), Scheme.BPU, model.month)
    model._tally_years()  # what step does before the indicators
    values = compute(model)
    assert values["registrations_per_active"] == pytest.approx(1.0)  # one registration seen, that registrant active


@pytest.mark.parametrize("agents", [2000, 2 * MASK_BLOCK + 1234])  # one block, and blocks with a partial last one
def test_every_stock_is_a_recount_of_the_columns(agents):
    model = mock_model(agents=agents, quiet=False, blank=False)
    for _ in range(14):
        model.step()
    values, w, e = model.indicators, model.workers, model.employers
    model.month -= 1  # the indicators were computed before the month was counted
    r, p = persons_per_agent(model), model.params.population
    active = w.status == ACTIVE
    n_active = np.count_nonzero(active)
    assert model.jakon > 0 and model.pmi_stock > 0  # the agency's stocks apart from the rows
    assert values["active_workers"] == pytest.approx(n_active * r)
    assert values["active"] == pytest.approx(n_active * r + model.jakon + model.pmi_stock)
    assert (values["active_jakon"], values["active_pmi"]) == pytest.approx((model.jakon, model.pmi_stock))
    assert values["inactive"] == pytest.approx(np.count_nonzero(w.status == INACTIVE) * r)
    assert values["withdrawn"] == pytest.approx(np.count_nonzero(w.status == WITHDRAWN) * r)
    assert values["never_registered"] == pytest.approx(np.count_nonzero(w.status == NEVER) * r)
    holding = np.count_nonzero((w.status == INACTIVE) & (w.jht_balance > 0))
    assert values["registered"] == pytest.approx(values["active"] + holding * r)
    assert values["labour_force"] == pytest.approx(w.size * r)
    assert values["coverage"] == pytest.approx(values["active"] / (w.size * r))
    for s, name in enumerate(SEGMENT_NAMES):
        assert values[f"active_{name}"] == pytest.approx(np.count_nonzero(active & (w.segment == s)) * r), name
    for scheme in (Scheme.PU, Scheme.BPU):
        assert values[f"active_{scheme.name.lower()}"] == pytest.approx(np.count_nonzero(active & (w.scheme == scheme.value)) * r), scheme.name
    third_party = np.isin(w.payer, [Payer.LOCAL_GOVERNMENT, Payer.SPONSOR, Payer.PROGRAMME]) & active
    assert values["active_bpu_third_party"] == pytest.approx(np.count_nonzero(third_party) * r) and np.count_nonzero(third_party) > 0
    assert values["active_bpu_self"] == pytest.approx(np.count_nonzero(active & (w.scheme == Scheme.BPU.value) & ~third_party) * r)
    sizes = np.bincount(w.segment, minlength=len(Segment))
    employed = (w.size - sizes[Segment.UNEMPLOYED]) * r + p.outside_formal
    assert values["informal_share"] == pytest.approx(sizes[[Segment.INFORMAL, Segment.PLATFORM, Segment.CONSTRUCTION]].sum() * r / employed)
    assert values["unemployment_rate"] == pytest.approx(sizes[Segment.UNEMPLOYED] * r / (w.size * r + p.outside_formal))
    registered = e.registered[:-1]
    assert values["employers_partial_share"] == pytest.approx(np.count_nonzero(registered & (e.worker_share[:-1] < 1)) / np.count_nonzero(registered))
    assert values["mean_literacy"] == pytest.approx(float(w.literacy.astype(np.float64).mean()), rel=1e-6)


#: A small real world in which every flow happens: the baseline with more deaths and a shock in 2018.
BUSY = {
    "accidents.mortality": 0.004,
    "shocks": [{"start": "2018-01", "end": "2018-06", "job_loss_multiplier": 2.0, "informalisation": 0.1, "income_multiplier": 0.7}],
}


def test_each_month_active_changes_by_registrations_and_resumptions_less_lapses(monkeypatch):
    """The flow-stock identity, exact in worker agents every month; retirements and deaths of active participants are among the lapses.

    The test counts the active rows that retire or die as it happens, to show that they are the
    lapses of cause ``RETIREMENT`` (the one way out of active that is not a lapse of the account).
    Wage earners suspended by their employer's arrears are a stock of their own: in by arrears lapses,
    out by resumptions and by leaving the job (``suspensions_ended``, the agency's exit, deferred), so
    that the agency's new participants less exits are the change of the active and the suspended.
    """
    replaced_active = [0]
    original = enrolsim.processes.labour_market.replace_with_entrants

    def counting(model, idx, died=False):
        replaced_active[0] += int(np.count_nonzero(model.workers.status[idx] == ACTIVE))
        original(model, idx, died)

    monkeypatch.setattr(enrolsim.processes.labour_market, "replace_with_entrants", counting)
    monkeypatch.setattr(enrolsim.processes.accidents, "replace_with_entrants", counting)
    model = mock_model(BUSY, agents=5000, quiet=False, blank=False)
    w = model.workers
    totals = dict.fromkeys(("new", "reactivations", "resumptions", "lapses", "arrears", "withdrawals", "retired_or_died", "suspensions_ended"), 0)
    pmi, jakon, persons, r_before = model.pmi_stock, model.jakon, None, None

    def suspended() -> int:
        return int(np.count_nonzero((w.status == INACTIVE) & (w.leave_cause == ExitCause.ARREARS) & (w.employer >= 0)))

    for _ in range(36):
        active, suspended_before = np.count_nonzero(w.status == ACTIVE), suspended()
        replaced_active[0] = 0
        r = persons_per_agent(model)
        model.step()
        f, values = model.flows, model.indicators
        if persons is not None:
            # In persons (the agency's count): new participants less exits, resumptions less arrears lapses (both
            # left out of those), the Jakon stock's own change, and the growth of persons per agent on last month's rows.
            change = values["new_participants"] - values["exits"] + (f.resumptions - f.arrears_lapses + f.suspensions_ended) * r
            change += model.jakon - jakon + (r - r_before) * active
            assert values["active"] - persons == pytest.approx(change, rel=1e-9, abs=1e-3)
        persons, r_before, jakon = values["active"], r, model.jakon
        assert np.count_nonzero(w.status == ACTIVE) - active == f.new_registrations + f.reactivations + f.resumptions - f.lapses, model.month
        assert f.exits_by_cause[ExitCause.RETIREMENT] == replaced_active[0]
        assert f.exits_by_cause.sum() == f.lapses and f.exits_by_cause[ExitCause.ARREARS] == f.arrears_lapses
        assert values["new_participants"] == pytest.approx((f.new_registrations + f.reactivations) * r + model.pmi_new)
        assert values["exits"] == pytest.approx((f.lapses - f.arrears_lapses + f.suspensions_ended) * r + model.pmi_left)
        assert suspended() - suspended_before == f.arrears_lapses - f.resumptions - f.suspensions_ended, model.month
        assert model.pmi_stock == pytest.approx(pmi + model.pmi_new - model.pmi_left)
        pmi = model.pmi_stock
        month_flows = (
            f.new_registrations,
            f.reactivations,
            f.resumptions,
            f.lapses,
            f.arrears_lapses,
            f.jht_withdrawals,
            replaced_active[0],
            f.suspensions_ended,
        )
        for key, value in zip(totals, month_flows, strict=True):
            totals[key] += value
    assert all(value > 0 for value in totals.values()), totals  # every term was exercised


def test_every_flow_and_tally_is_counted_in_persons():
    """Each month's flows and event tallies are kept per worker agent (money per person) and reported times the persons
    each agent stands for: a flow left in agents, or divided instead of multiplied, would be 1,000-fold off at the
    baseline's scale. Every flow is set to a distinct count and read back."""
    model = mock_model()
    r = persons_per_agent(model)
    f = model.flows
    plain = ("new_registrations", "reactivations", "resumptions", "lapses", "jht_withdrawals", "accidents", "claims", "deaths")
    money = {"jht_withdrawn_rupiah": "jht_withdrawn_rupiah", "jht_paid_on_exit_rupiah": "jht_paid_on_exit"}
    money |= {"contributions_rupiah": "contributions_rupiah", "claims_rupiah": "claims_rupiah"}
    for k, name in enumerate(plain, start=3):
        setattr(f, name, k)
    for k, (_, name) in enumerate(money.items(), start=1):
        setattr(f, name, k * 1e6)
    f.arrears_lapses, f.new_after_withdrawal = 2, 1
    f.claims_by_cause[:] = np.arange(1, len(ExitCause) + 1)
    for k, key in enumerate(EVENT_INDICATORS.values(), start=1):
        model.event_tallies[key] = 10.0 * k
    model.registrations_this_year = 17
    values = compute(model)
    for k, name in enumerate(plain, start=3):
        assert values[name] == pytest.approx(k * r, rel=1e-12), name
    for k, (indicator, _) in enumerate(money.items(), start=1):
        assert values[indicator] == pytest.approx(k * 1e6 * r, rel=1e-12), indicator
    assert values["arrears_lapses"] == pytest.approx(2 * r) and values["new_after_withdrawal"] == pytest.approx(r)
    assert values["jht_withdrawals_after_resignation"] == pytest.approx(sum(c.value + 1 for c in RESIGNED) * r)
    assert values["jht_withdrawals_after_layoff"] == pytest.approx(sum(c.value + 1 for c in LAID_OFF) * r)
    for k, name in enumerate(EVENT_INDICATORS, start=1):
        assert values[name] == pytest.approx(10.0 * k * r, rel=1e-12), name
    assert values["registrations_this_year"] == pytest.approx(17 * r)


def test_the_ratio_is_undefined_when_no_registrant_of_the_year_is_still_active():
    """Two registrations this year, both lapsed: registrations over none still active is not a number (not infinite)."""
    model = mock_model()
    w, f = model.workers, model.flows
    activate(w, f, np.array([0, 1]), Scheme.BPU, model.month)
    deactivate(w, f, np.array([0, 1]), ExitCause.BPU_LAPSE)
    model._tally_years()
    values = compute(model)
    assert values["registrations_this_year"] > 0 and math.isnan(values["registrations_per_active"])


def test_an_inactive_account_holding_any_balance_is_registered():
    """Registered: the active and the inactive who still hold a JHT balance (half a rupiah counts; an empty one does not)."""
    model = mock_model()
    put(model, [0, 1], status=INACTIVE, scheme=Scheme.PU.value)
    put(model, [0], jht_balance=0.5)
    values = compute(model)
    assert values["registered"] == pytest.approx(values["active"] + persons_per_agent(model))
