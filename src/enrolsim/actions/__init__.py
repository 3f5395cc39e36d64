"""enrolsim.actions."""
