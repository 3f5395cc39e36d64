"""enrolsim: an agent-based simulation of enrolment in Indonesia's employment social security.

Quick use::

    import enrolsim
    scenario = enrolsim.load_scenario("scenarios/baseline.yaml")
    result = enrolsim.simulate(scenario, seed=1)
    result.timeseries[["month", "active"]]
"""

__version__ = "0.1.0"

from enrolsim.loading import load_scenario, with_overrides
from enrolsim.model import EnrolmentModel
from enrolsim.run import Result, simulate
from enrolsim.scenario import Scenario

__all__ = ["EnrolmentModel", "Result", "Scenario", "__version__", "load_scenario", "simulate", "with_overrides"]
