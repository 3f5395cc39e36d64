"""District governments: subsidies for vulnerable workers, licence conditioning, outreach, service points.

The district agents act in ``institutions/local_government.py``; this lever creates them, opens the
service points, and keeps the one piece of state they share: which rows the districts pay for.
"""

import numpy as np

from enrolsim.institutions.local_government import LocalGovernment as DistrictGovernment
from enrolsim.institutions.local_government import local_governments_act
from enrolsim.levers.base import Lever
from enrolsim.state import ModelState


class LocalGovernment(Lever):
    """One ``LocalGovernment`` agent per district, acting together once a month."""

    name = "local_government"
    section = "extensification.local_government"
    payer = "districts"  # subsidised JKK + JKM, licence conditioning, village outreach, the districts' service points: APBD

    def __init__(self, strategies) -> None:
        super().__init__(strategies)
        empty = np.zeros(0, dtype=np.int64)
        #: Rows the districts pay for, and their districts, in the order they joined.
        self.subsidised: tuple[np.ndarray, np.ndarray] = (empty, empty)

    def configured(self) -> bool:
        s = self.settings
        return any(v > 0 for v in (s.subsidy_budget, s.licence_conditioning, s.outreach_reach, s.service_point_ease))

    def build(self, model: ModelState) -> None:
        for district in range(model.n_districts):
            DistrictGovernment(model, district)

    def start(self, model: ModelState) -> None:
        model.district_extra_ease[:] += self.settings.service_point_ease

    def act_on_employers(self, model: ModelState) -> None:
        # Licences act on employers; subsidies and outreach come in the same pass, as they always have.
        self.subsidised = local_governments_act(model, self.subsidised)
