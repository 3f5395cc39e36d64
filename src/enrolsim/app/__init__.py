"""enrolsim.app.page."""
