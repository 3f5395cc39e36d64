"""enrolsim.core."""
