"""enrolsim.world."""
