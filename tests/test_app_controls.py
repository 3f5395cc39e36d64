"""The classroom app's lever checks, without a browser: odd typed values are refused with one line."""

import math

import pytest

import enrolsim
from enrolsim.app.controls import BY_KEY, CONTROLS, ControlError, apply_control, current_value, format_value, parse
from enrolsim.texts import TEXT, text

CLASSROOM = "scenarios/lessons/classroom.yaml"


@pytest.fixture(scope="module")
def classroom():
    return enrolsim.load_scenario(CLASSROOM)


def test_every_control_has_schema_unit_and_range_and_labels():
    for control in CONTROLS:
        model, name = control.field
        assert name in model.model_fields, control.key
        if control.kind == "choice":
            assert control.choices
            continue
        assert control.unit, control.key
        lo, hi = control.bounds
        assert lo is not None and hi is not None and lo < hi, control.key
        for lang in TEXT:
            assert control.text_key in TEXT[lang], (lang, control.text_key)


def test_both_languages_have_the_same_labels():
    assert set(TEXT["en"]) == set(TEXT["id"])
    assert text("id", "levers_heading") == "Tuas kebijakan"
    assert text("xx", "levers_heading") == "Levers"  # unknown language falls back to English
    assert text("en", "no such label") == "no such label"


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("strategies.extensification.perisai.agents_target", "40", 40.0),
        ("strategies.extensification.perisai.agents_target", " 1_000 ", 1000.0),
        ("strategies.extensification.perisai.commission_rate", "0.1", 0.1),
        ("strategies.extensification.local_government.subsidy_budget", "5e9", 5e9),
        ("strategies.extensification.platforms.mode", "payroll_deduction", "payroll_deduction"),
        ("strategies.extensification.platforms.incentive", "20000", 20000.0),
        ("strategies.law_enforcement.inspection_rate", "0.02", 0.02),
        ("jht.regimes.0.waiting_months", "12", 12),
        ("jht.regimes.0.waiting_months", "0", 0),
        ("strategies.rules.bpu_price_multiplier", "0.5", 0.5),
        ("literacy.campaign_reach", "0.05", 0.05),
    ],
)
def test_good_values_give_a_validated_scenario(classroom, key, typed, value):
    after = apply_control(classroom, key, typed)
    assert current_value(after, key) == value
    assert current_value(classroom, key) != value or key.endswith("waiting_months")  # the original is untouched
    enrolsim.EnrolmentModel(after, rng=1).step()  # and the model runs with it


@pytest.mark.parametrize(
    ("key", "typed", "problem"),
    [
        ("strategies.law_enforcement.inspection_rate", "abc", "'abc' is not a number"),
        ("strategies.law_enforcement.inspection_rate", "7.5", "7.5 is not between 0 and 1"),
        ("strategies.law_enforcement.inspection_rate", "-0.1", "-0.1 is not between 0 and 1"),
        ("strategies.law_enforcement.inspection_rate", "nan", "'nan' is not a finite number"),
        ("strategies.law_enforcement.inspection_rate", "inf", "'inf' is not a finite number"),
        ("strategies.law_enforcement.inspection_rate", "1e999", "'1e999' is not a finite number"),
        ("strategies.law_enforcement.inspection_rate", "", "no value given"),
        ("strategies.law_enforcement.inspection_rate", "0,5", "'0,5' is not a number"),
        ("strategies.extensification.perisai.agents_target", "-3", "-3.0 is not between 0 and 1000000"),
        ("strategies.extensification.local_government.subsidy_budget", "2e15", "2000000000000000.0 is not between 0 and 1000000000000000"),
        ("jht.regimes.0.waiting_months", "1.5", "'1.5' is not a whole number"),
        ("jht.regimes.0.waiting_months", "121", "121 is not between 0 and 120"),
        ("strategies.extensification.platforms.mode", "bribe", "'bribe' is not one of none, promotion"),
        ("strategies.rules.bpu_price_multiplier", "11", "11.0 is not between 0 and 10"),
    ],
)
def test_odd_values_are_refused_with_one_line(classroom, key, typed, problem):
    with pytest.raises(ControlError) as caught:
        apply_control(classroom, key, typed)
    assert problem in caught.value.problem
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(f"control: {key}: ")


def test_parse_kinds():
    assert parse(BY_KEY["jht.regimes.0.waiting_months"], "3.0") == 3
    assert isinstance(parse(BY_KEY["jht.regimes.0.waiting_months"], "3.0"), int)
    assert math.isclose(parse(BY_KEY["literacy.campaign_reach"], "1E-2"), 0.01)
    assert format_value(40.0) == "40"
    assert format_value(0.075) == "0.075"


def test_the_platform_incentive_makes_the_partnership_act_in_the_classroom(classroom):
    """A partnership chosen alone changed nothing in the classroom (platforms join only for an incentive or under
    pressure, and the app set neither); with the incentive slider a class sees partners join, and which platforms join
    depends on the amount (each has its own reluctance)."""
    from enrolsim.institutions.platform import PartnerPlatform

    def run(incentive: str) -> tuple[list[bool], float]:
        scenario = apply_control(
            apply_control(classroom, "strategies.extensification.platforms.mode", "payroll_deduction"),
            "strategies.extensification.platforms.incentive",
            incentive,
        )
        model = enrolsim.EnrolmentModel(scenario, rng=1)
        for _ in range(12):
            model.step()
        joined = [p.joined for p in model.agents_by_type[PartnerPlatform]]
        return joined, float(model.datacollector.get_model_vars_dataframe()["active_platform"].iloc[-1])

    none, active_none = run("0")
    some, active_some = run("10000")  # ride-hailing only (reluctance 0.3 < 10,000 / 30,000)
    every, active_every = run("50000")
    assert (sum(none), sum(some), sum(every)) == (0, 1, 3)
    assert active_none < active_some < active_every
