"""enrolsim: an agent-based simulation of enrolment in Indonesia's employment social security.

Quick use::

    import enrolsim
    scenario = enrolsim.load_scenario("scenarios/baseline.yaml")
    result = enrolsim.simulate(scenario, seed=1)
    result.timeseries[["month", "active"]]
"""

from enrolsim._version import __version__
from enrolsim.model import EnrolmentModel
from enrolsim.run import Result, simulate
from enrolsim.scenario.loading import load_scenario, with_overrides
from enrolsim.scenario.schema import Scenario

__all__ = ["EnrolmentModel", "Result", "Scenario", "__version__", "compare", "load_scenario", "simulate", "with_overrides"]


def __getattr__(name: str) -> object:
    """``enrolsim.compare`` is imported on first use (it brings plotting and statistics along)."""
    if name == "compare":
        from enrolsim.studies.compare import compare

        return compare
    raise AttributeError(f"module 'enrolsim' has no attribute {name!r}")
