"""Law enforcement: inspections, warning letters and the prosecutor's office (PP 86/2013).

After up to two warning letters the agency gives the prosecutor's office a power of attorney; the
prosecutor summons, mediates or sues. An inspected employer that is not compliant enters that
ladder; each month on it, it complies with a chance that rises once referred. Inspections also
deter: other unregistered employers of the district register a little more often.
"""

import mesa
import numpy as np

from enrolsim.actions.employers import comply_fully, pay_arrears
from enrolsim.scenario.strategies import Targeting
from enrolsim.state import ModelState

#: Relative chance of being inspected under risk targeting, from what the agency's records show.
RISK_WEIGHTS = {"in_arrears": 3.0, "partial": 2.0, "unregistered": 1.0, "compliant": 0.1}
#: Months on the ladder are counted up to this (a cap, so the int8 stage cannot overflow).
LADDER_TOP = 100
#: ``deterrence`` is the chance per inspection per 100 employers of the district (a rate per 100 units).
DETERRENCE_PER = 100


class EnforcementOffice(mesa.Agent):
    """The agency's compliance and legal function, with the prosecutor's office behind it."""

    model: ModelState

    def __init__(self, model: ModelState) -> None:
        super().__init__(model)
        self.stage = np.zeros(model.employers.size, dtype=np.int8)  # 0 none, 1.. letters sent, beyond: referred

    def step(self) -> None:
        """Inspect, move warned employers along the ladder, and deter the rest of the district."""
        lever = self.model.params.strategies.law_enforcement
        if lever.inspection_rate <= 0:
            return
        self._leave_ladder()
        referred_before = self.stage > lever.warnings_before_referral
        inspected = self._inspect(lever)
        self._ladder(lever)
        self._deter(lever, inspected)
        newly_referred = self.model.employers.firms_in(np.flatnonzero((self.stage > lever.warnings_before_referral) & ~referred_before))
        self.model.ledger.referrals += newly_referred
        self.model.ledger.charge("law_enforcement", newly_referred * lever.referral_cost)

    def _leave_ladder(self) -> None:
        """Units that complied since (registered, declared everyone, paid up) leave the ladder, and are not referred;
        so does the new unit in a closed one's place (``employer_compliance`` lists this month's closures)."""
        closed = self.model.month_cache.get("closed_units")
        if closed is not None:
            self.stage[closed] = 0
        on_ladder = np.flatnonzero(self.stage)
        self.stage[on_ladder[~self._noncompliant(on_ladder)]] = 0

    def _noncompliant(self, units: np.ndarray) -> np.ndarray:
        """Which of ``units`` are unregistered, partly compliant or in arrears (looked up at those units only: at a
        national 1:1 run there are 12 million, a few thousand of them inspected or on the ladder)."""
        e = self.model.employers
        return ~e.registered[units] | (e.worker_share[units] < 1) | (e.arrears[units] > 0)

    def _inspect(self, lever) -> np.ndarray:
        model, e = self.model, self.model.employers
        n = int(model.rng.binomial(e.size, lever.inspection_rate))
        if lever.targeting == Targeting.RANDOM and e.inspection_weight is None:
            inspected = model.rng.choice(e.size, n, replace=False)
        elif lever.targeting == Targeting.RANDOM:  # firm size weighs (employers.sizes.inspection)
            inspected = model.rng.choice(e.size, n, replace=False, p=e.inspection_weight[:-1] / e.inspection_weight[:-1].sum())
        else:
            weight = np.full(e.size, RISK_WEIGHTS["compliant"])
            weight[~e.registered[:-1]] = RISK_WEIGHTS["unregistered"]
            weight[e.registered[:-1] & (e.worker_share[:-1] < 1)] = RISK_WEIGHTS["partial"]
            weight[e.arrears[:-1] > 0] = RISK_WEIGHTS["in_arrears"]
            if e.inspection_weight is not None:
                weight *= e.inspection_weight[:-1]
            inspected = model.rng.choice(e.size, n, replace=False, p=weight / weight.sum())
        found = inspected[self._noncompliant(inspected) & (self.stage[inspected] == 0)]
        self.stage[found] = 1
        firms = e.firms_in(inspected)
        model.ledger.employers_inspected += firms
        model.ledger.charge("law_enforcement", firms * lever.inspection_cost)
        return inspected

    def _ladder(self, lever) -> None:
        model = self.model
        on_ladder = np.flatnonzero(self.stage > 0)
        referred = self.stage[on_ladder] > lever.warnings_before_referral
        p = np.where(referred, lever.sanction_strength, lever.warning_compliance)
        complying = on_ladder[model.rng.random(on_ladder.size) < p]
        model.ledger.recovered_arrears_rupiah += pay_arrears(model, complying)
        comply_fully(model, complying)
        self.stage[complying] = 0
        still = on_ladder[self.stage[on_ladder] > 0]
        self.stage[still] = np.minimum(self.stage[still] + 1, LADDER_TOP)

    def _deter(self, lever, inspected: np.ndarray) -> None:
        model, e = self.model, self.model.employers
        districts = e.district[:-1]
        per_district = np.bincount(districts[inspected], minlength=model.n_districts)
        size = np.maximum(e.district_count, 1)
        chance = np.minimum(lever.deterrence * DETERRENCE_PER * per_district / size, 1.0)[districts]
        candidates = np.flatnonzero(~e.registered[:-1] & (chance > 0))
        joining = candidates[model.rng.random(candidates.size) < chance[candidates]]
        comply_fully(model, joining)
