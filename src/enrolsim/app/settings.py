"""Where the classroom app takes its scenario from (set by ``enrolsim app``, read by the page)."""

from pathlib import Path

SCENARIO_ENV = "ENROLSIM_APP_SCENARIO"  # the scenario file ``enrolsim app`` chose, for the page to load
DEFAULT_SCENARIO = Path(__file__).resolve().parents[3] / "scenarios" / "lessons" / "classroom.yaml"
