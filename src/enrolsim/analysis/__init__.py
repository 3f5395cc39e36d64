"""Analysis of experiment stores (kept apart from running them, as in EMA Workbench)."""

from enrolsim.analysis.sensitivity import SensitivityResult, bar_chart, sensitivity

__all__ = ["SensitivityResult", "bar_chart", "sensitivity"]
