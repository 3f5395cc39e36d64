"""enrolsim.scenario.schema."""
