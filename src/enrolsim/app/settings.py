"""Where the classroom app takes its scenario from (set by ``enrolsim app``, read by the page)."""

SCENARIO_ENV = "ENROLSIM_APP_SCENARIO"  # the scenario file ``enrolsim app`` chose, for the page to load
DEFAULT_SCENARIO = "lessons/classroom"  # a shipped scenario: the district of the lessons in docs/teaching/
