"""enrolsim.studies."""
