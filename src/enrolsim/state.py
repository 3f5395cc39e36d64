"""``ModelState``: what the monthly processes, the levers and the institutions may read and write.

``EnrolmentModel`` (``model.py``) builds the world and steps it; everything below it in the
package's layers (``processes/``, ``levers/``, ``institutions/``, ``actions/``) is written against
this class instead of the model itself, so that none of them imports the module that imports them
(``docs/architecture.md``). It holds the world (workers, employers, villages), the month's tallies,
the rules in force, and the hooks through which levers, dated events and shocks change the processes:
each hook starts neutral (no extra ease, miss factors of 1, prices unchanged), so a run with no lever,
no event and no shock reads the status quo. The events' hooks are listed in docs/ODD.md 7.16.
"""

from collections import deque
from collections.abc import Mapping
from typing import Any, Protocol

import mesa
import numpy as np

from enrolsim.core.codes import Payer, Segment
from enrolsim.core.months import parse_month
from enrolsim.scenario.schema import JhtRegime, Scenario
from enrolsim.world.drift import VillageDrift
from enrolsim.world.employers import Employers
from enrolsim.world.geography import geography_of
from enrolsim.world.labour_data import labour_force_growth
from enrolsim.world.population import Villages
from enrolsim.world.regions import RegionLookup
from enrolsim.world.tallies import Flows, Ledger
from enrolsim.world.workers import Workers


class LeverSettings(Protocol):
    """What the state needs of a lever: its schema section's start month."""

    start: str | None


class LeverHandle(Protocol):
    """A lever as the state sees it (``levers.base.Lever``): its name and its settings."""

    name: str
    settings: LeverSettings


#: The events' monthly counts (``ModelState.event_tallies``): furloughed workers (a stock), wage-subsidy
#: recipients paid and rupiah, JKP claims, recipients and rupiah, contributions waived or deferred (rupiah).
EVENT_TALLIES = ("furloughed", "bsu_recipients", "bsu_rupiah", "jkp_claims", "jkp_recipients", "jkp_rupiah", "relief_rupiah")


class ModelState(mesa.Model):
    """The state of one simulated world, and the derived quantities every rule needs.

    ``rng`` seeds the model's one generator (``self.rng``, Mesa's); nothing else draws random
    numbers. ``month`` counts the months simulated (month 0 is the first); the calendar month is
    ``calendar_month``.
    """

    # --- the world (built by EnrolmentModel) ------------------------------------------------
    params: Scenario
    workers: Workers
    employers: Employers
    villages: Villages
    drift: VillageDrift  # trust and perceived risk, kept per village (world/drift.py)
    #: Village v's workers are rows village_first_row[v] : village_first_row[v + 1] (rows never move).
    village_first_row: np.ndarray
    village_sizes: np.ndarray  # workers in each village (at least 1)
    #: Each worker's PU contribution rate (JKK by risk class, JKM, JHT) as a share of the declared wage.
    pu_rate: np.ndarray
    n_districts: int
    #: Local labour markets: the map's provinces, or the uniform grid's one region (the whole country). Rows
    #: are in village order and a province's districts are consecutive, so region r's workers are rows
    #: region_first_row[r] : region_first_row[r + 1] (set by EnrolmentModel with village_first_row).
    n_regions: int
    district_region: np.ndarray  # each district's region (intp)
    region_first_row: np.ndarray
    region_lookup: RegionLookup | None  # region_of's tables; None where some region is short (a small run)
    region_first_village: np.ndarray
    #: Each district's expected share of the labour force on the map (world/geography.py), by which national
    #: figures (Perisai agents, local-government places) are shared out; None on the uniform grid (equal shares).
    district_share: np.ndarray | None
    #: Employer units changed this month (registered, complied, fell into or out of arrears); their
    #: workers follow once, in the levers' turn (actions/employers.py).
    employer_changes: np.ndarray

    @property
    def pmi_stock(self) -> float:
        """Migrant workers abroad covered now (persons)."""
        return float(self.pmi_by_month.sum())

    # --- levers -----------------------------------------------------------------------------
    levers: Mapping[str, LeverHandle]  # every lever of the registry, by name
    started_levers: set[str]  # names of the levers that have started (and are configured)

    def __init__(self, params: Scenario | None, rng: int | None) -> None:
        super().__init__(rng=rng)
        self.params = params if params is not None else Scenario()
        self.month = 0
        geography = geography_of(self.params)
        self.n_districts = geography.n_districts  # uniform grid or the map (world/geography.py)
        self.district_share = geography.district_weight if geography.kind == "map" else None
        self.geography = geography
        self.n_regions = geography.n_provinces if geography.kind == "map" else 1
        self.district_region = geography.district_province.astype(np.intp) if self.n_regions > 1 else np.zeros(self.n_districts, dtype=np.intp)
        if np.any(np.diff(self.district_region) < 0):
            raise ValueError("a province's districts must be consecutive")
        villages = np.repeat(self.district_region, geography.villages_per_district)
        self.region_first_village = np.searchsorted(villages, np.arange(self.n_regions + 1))
        self.flows = Flows()
        self.ledger = Ledger.empty(())
        # Young entrants who took a row this month or last and look for work in the next matching, with the kind of work
        # each looks for (processes/labour_market.py).
        self.waiting_entrants = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int8))
        self.month_cache: dict[object, object] = {}  # values computed once a month, cleared by step
        self.indicators: dict[str, float] = {}  # this month's indicators (indicators.compute)
        self.peer_active_share = np.zeros(0, dtype=np.float32)  # by peer group, set at the start of each month
        self.levers = {}
        self.started_levers = set()
        self.trial: Any = None  # the in-model randomised trial (processes.trial_arms), None otherwise
        self.jht_rule: JhtRegime = self.params.jht.regimes[0]
        # Hooks of the levers (neutral until a lever starts)
        self.extra_ease = 0.0  # registration ease added nationally (service points)
        self.district_extra_ease = np.zeros(self.n_districts, dtype=np.float32)  # by district (local governments' service points)
        self.extra_payment_ease = 0.0
        self.retention_miss_factor = 1.0
        self.bpu_price_multiplier = 1.0
        self.bpu_jht_required = False
        s = self.params.strategies.extensification
        #: Relative chance of a missed BPU month by who collects (Payer): agents and platforms cut it, payers never miss.
        self.payer_miss_factor = np.zeros(len(Payer), dtype=np.float32)
        self.payer_miss_factor[[Payer.SELF, Payer.PERISAI, Payer.PLATFORM]] = (1.0, 1 - s.perisai.collection_effect, 1 - s.platforms.deduction_effect)
        self.perisai_collected = np.zeros(self.n_districts)  # contributions collected by each district's Perisai corps this month
        self.last_bpu_payments = 0  # BPU contributions paid this month (worker agents)
        self.bpu_own_payers = (0, 0)  # active BPU participants paying for themselves, and of them those with unpaid months running
        self.perisai_recruits_total = 0.0  # persons recruited by Perisai agents since the start (an indicator)
        # The labour market (by region: a worker takes and leaves jobs of their own region) and the agency's other schemes
        self.vacancies_by_region = np.zeros((self.n_regions, len(Segment)))  # open jobs by region and segment, in worker agents (below 0: a debt, whole_jobs)
        self.casual_vacancies_by_region = np.zeros(self.n_regions)  # of the open contract jobs, how many are casual (below 0: a debt, jobs.hire)
        #: Wage earners who left a job this month: (month, rows) per call of ``leave_work``, read by the JKP claims
        #: (``events/job_loss_benefit.py``) and cleared by ``step``; the JHT claim window reads ``left_job_month``.
        self.leavers: list[tuple[int, np.ndarray]] = []
        #: Wage earners who resigned to take their JHT, by the month they may claim: (month, rows).
        self.resigned_to_withdraw: deque[tuple[int, np.ndarray]] = deque()
        self.registration_rate = self.params.employers.registration_rate  # in force now (scheduled changes)
        self.jakon = 0.0  # live construction-project registrations (persons), set by processes.construction_projects
        self.jakon_new = 0.0  # project registrations this month (persons)
        self.pmi_by_month = np.zeros(self.params.migrant_workers.months_covered)  # covered placements by month of placement (persons)
        self.pmi_new = self.pmi_left = 0.0  # placements covered and covers ended this month (persons)
        self.registrations_this_year = 0  # new participants among the workers since January (worker agents)
        self.payer_programmes: list[np.ndarray] = []  # rows each running third-party programme pays for
        # Hooks of the events (neutral until one runs; docs/ODD.md 7.16)
        self.running_events: list[Any] = []  # events.Event instances between their begin and end
        self.hook_factors: dict[str, dict[Any, float]] = {}  # each multiplicative hook's factors, by the event that set it
        self.claim_multiplier = 1.0  # on the chance to claim JHT (and to resign in order to): a rush
        self.earnings_multiplier = 1.0  # on incomes, composed into income_multiplier (a pandemic's lost hours)
        self.registration_multiplier = 1.0  # on employers' registration rate (instructions, licences, a wage subsidy ahead)
        self.arrears_multiplier = 1.0  # on employers' monthly chance to fall into arrears (a crisis)
        self.arrears_cure_multiplier = 1.0  # on employers' monthly chance to pay their arrears (relief, a subsidy's cut-off)
        self.relief_discount = 0.0  # share of the JKK and JKM contributions waived (PU and BPU: PP 49/2020)
        self.jp_deferred = 0.0  # share of the JP contribution deferred (PP 49/2020)
        #: Month to which each worker row draws the JKP job-loss benefit (None until JKP exists); while
        #: drawing it a worker claims JHT at ``jkp_claim_factor`` times the usual chance.
        self.jkp_until: np.ndarray | None = None
        self.jkp_claim_factor = 1.0
        self.third_party_renewal_multiplier = 1.0  # on the January renewal of third-party programmes (budget cuts)
        self.third_party_new_multiplier = 1.0  # on the persons new third-party programmes take on (budget cuts)
        self.third_party_extra_persons = 0.0  # persons added to this budget year's new third-party programmes (instructions)
        #: This month's counts of the events, in worker agents and rupiah per person (indicators.py scales
        #: them): zeroed at the start of the events' turn, so a month without events reads zeros.
        self.event_tallies: dict[str, float] = dict.fromkeys(EVENT_TALLIES, 0.0)
        # Hooks of the shocks (neutral at 1, 0 and 1)
        self.job_loss_multiplier = 1.0
        self.informalisation_rate = 0.0  # monthly share of wage earners moving to informal work
        self.income_multiplier = 1.0

    # --- local labour markets --------------------------------------------------------------------

    @property
    def vacancies(self) -> np.ndarray:
        """Open jobs by segment in the whole country: on the uniform grid the one region's row itself (writable),
        on the map their sum over provinces (a copy: write ``vacancies_by_region``)."""
        by_region = self.vacancies_by_region
        return by_region[0] if self.n_regions == 1 else by_region.sum(axis=0)

    @property
    def casual_vacancies(self) -> float:
        """Open casual jobs in the whole country (worker agents)."""
        return float(self.casual_vacancies_by_region.sum())

    @casual_vacancies.setter
    def casual_vacancies(self, value: float) -> None:
        if self.n_regions != 1:
            raise AttributeError("on the map, set casual_vacancies_by_region")
        self.casual_vacancies_by_region[0] = value

    def region_of(self, rows: np.ndarray) -> np.ndarray:
        """The region of each of ``rows`` (intp): ``np.searchsorted(region_first_row, rows, side="right") - 1``.

        A month asks this of every row it moves, several times over (245,000 rows at a million
        workers), and a binary search among 35 bounds costs 10-15 ns a row at scattered rows. Regions
        are long runs of rows, so a block of rows shorter than any region holds at most one region's
        start: the region of the block's first row, plus one past the next region's start, is two
        lookups in small tables (:class:`RegionLookup`), twice as fast.
        """
        if self.n_regions == 1:
            return np.zeros(rows.size, dtype=np.intp)
        if self.region_lookup is None:
            return np.searchsorted(self.region_first_row, rows, side="right") - 1
        return self.region_lookup.of(rows)

    def count_by_region(self, rows: np.ndarray, codes: np.ndarray, n_codes: int = len(Segment)) -> np.ndarray:
        """How many of ``rows`` have each code (``codes``, one a row) in each region: regions x codes (int64)."""
        if self.n_regions == 1:
            return np.bincount(codes, minlength=n_codes)[None, :]
        return np.bincount(self.region_of(rows) * n_codes + codes, minlength=self.n_regions * n_codes).reshape(self.n_regions, n_codes)

    def segment_sizes_by_region(self) -> np.ndarray:
        """Workers in each segment of each region: regions x segments."""
        return self.workers.segment_sizes_in(self.region_first_village, self.region_first_row)

    def region_shares(self, shares: np.ndarray) -> np.ndarray:
        """Segment shares of each region (regions x segments) from national ``shares``: the province's on the map
        (scaled as its starting shares are, ``Geography.shares_by_province``), the national ones in the one region."""
        shares = np.asarray(shares, dtype=np.float64)
        if self.n_regions == 1:
            return (shares / shares.sum())[None, :]
        return self.geography.shares_by_province(shares)

    # --- incomes: the shocks' multiplier times the events' -----------------------------------

    @property
    def income_multiplier(self) -> float:
        """Multiplier on incomes read by the processes: the shocks' (set by the model) times the events' ``earnings_multiplier``."""
        return self._shock_income * self.earnings_multiplier

    @income_multiplier.setter
    def income_multiplier(self, value: float) -> None:
        self._shock_income = value

    # --- time -------------------------------------------------------------------------------

    @property
    def calendar_month(self) -> int:
        """Absolute month number of the month being (or about to be) simulated."""
        return self.params.start_month + self.month

    @property
    def represents(self) -> float:
        """Persons per worker agent this month: the labour force grows, the agents do not."""
        p = self.params.population
        return p.labour_force * labour_force_growth(p, self.params.start_month, self.calendar_month) / p.agents

    # --- levers -----------------------------------------------------------------------------

    def lever_on(self, name: str) -> bool:
        """Whether the lever ``name`` has started (and is configured to do something)."""
        return name in self.started_levers

    def lever_start_offset(self, name: str) -> int:
        """Model month in which lever ``name`` starts."""
        start = self.levers[name].settings.start
        return 0 if start is None else max(0, parse_month(start) - self.params.start_month)

    # --- prices -----------------------------------------------------------------------------

    def pu_rates_by_class(self) -> np.ndarray:
        """PU contribution rate (JKK + JKM + JHT) of each occupational risk class, float32."""
        c = self.params.contributions
        return np.asarray(c.jkk_rates, dtype=np.float32) + np.float32(c.jkm_rate + c.jht_rate)

    def bpu_package_price(self, waived: bool = False) -> float:
        """Monthly BPU contribution for JKK and JKM (the package without JHT), less what a relief waives
        (``waived``: only what the relief waives)."""
        c = self.params.contributions
        jkk = min(max(c.bpu_jkk_rate * c.bpu_declared_income, c.bpu_jkk_min), c.bpu_jkk_max)
        full = (jkk + c.bpu_jkm) * self.bpu_price_multiplier
        return full * self.relief_discount if waived else full * (1 - self.relief_discount)

    def bpu_takes_jht(self, idx: np.ndarray) -> np.ndarray:
        """Which of ``idx`` pay for JHT too (all of them when the rules require it)."""
        return np.ones(idx.size, dtype=bool) if self.bpu_jht_required else self.workers.bpu_jht[idx]

    def bpu_prices(self) -> tuple[np.float32, np.float32]:
        """The two monthly BPU contributions, as charged (float32): JKK + JKM, and with JHT too."""
        c = self.params.contributions
        package = np.float32(self.bpu_package_price())
        return package, package + np.float32(c.bpu_jht_rate * c.bpu_declared_income * self.bpu_price_multiplier)

    def bpu_price(self, idx: np.ndarray, takes_jht: np.ndarray | None = None) -> np.ndarray:
        """Monthly BPU contribution of each worker in ``idx``: JKK + JKM, plus JHT if taken
        (``takes_jht``, when the caller has already looked it up)."""
        without, with_jht = self.bpu_prices()
        return np.where(self.bpu_takes_jht(idx) if takes_jht is None else takes_jht, with_jht, without)
