"""The classroom app's side-by-side view and session settings, without a browser (issue 17).

Setting B is the levers in force with one lever changed; its model (the twin) has the same seed
and is stepped with the first, so the two are at the same month and differ only through that
lever. Also: the slider positions come from the schema's ranges, and ``enrolsim app
--session-timeout`` refuses a bad value in one line.
"""

import numpy as np
import pytest

from conftest import run_cli
from enrolsim.app.controls import BY_KEY, CONTROLS, control_words
from enrolsim.app.sliders import position, slider_values

solara = pytest.importorskip("solara")
pytest.importorskip("ipyvuetify")


def test_slider_positions_cover_the_schema_range_with_the_value_in_force():
    for control in CONTROLS:
        if control.kind == "choice":
            continue
        lo, hi = control.bounds
        values = slider_values(control)
        assert values[0] == lo and values[-1] == hi and values == sorted(values), control.key
        assert len(values) <= 201, control.key
    target = BY_KEY["strategies.extensification.perisai.agents_target"]
    assert slider_values(target)[:10] == [0, 1, 2, 3, 5, 10, 20, 30, 50, 100]
    with_typed = slider_values(target, 42)
    assert position(with_typed, 42) == 8 and len(with_typed) == len(slider_values(target)) + 1  # a typed value is a position too
    subsidy = slider_values(BY_KEY["strategies.extensification.local_government.subsidy_budget"])
    assert (
        subsidy[:3] == [0, 1e6, 2e6]
        and control_words(BY_KEY["strategies.extensification.local_government.subsidy_budget"], 5e9, "en") == "Rp5.0 billion a year"
    )
    assert slider_values(BY_KEY["jht.regimes.0.waiting_months"]) == list(range(121))
    assert slider_values(BY_KEY["strategies.law_enforcement.inspection_rate"])[:3] == [0, 0.005, 0.01]


def test_side_by_side_steps_two_models_with_one_lever_apart():
    from mesa.visualization.utils import force_update

    from enrolsim.app import page as app
    from enrolsim.app import session

    session.start_afresh()
    _, rc = solara.render(app.Page(), handle_error=False)
    try:
        session.show_side_by_side(True, "strategies.extensification.perisai.agents_target")
        target = BY_KEY["strategies.extensification.perisai.agents_target"]
        assert session.commit_b(target, "30")
        assert session.message.value == session.Message("ok", "perisai_target", "", "30", side="B")
        model = session.current_model.value
        twin = model.twin
        assert twin is not None and model.month == twin.month == 0
        assert model.params.strategies.extensification.perisai.agents_target == 0
        assert twin.params.strategies.extensification.perisai.agents_target == 30
        for _ in range(4):
            model.step()
            force_update()
        assert model.month == twin.month == 4
        charts = rc.find(solara.widgets.HTML, attributes={"class": "enrolsim-charts", "style": "display: contents"}).widgets
        assert len(charts) == 2 and all(c.unsafe_innerHTML.count("Months shown: 4 (2017-01 to 2017-04)") == 3 for c in charts)
        a, b = (np.array(m.datacollector.model_vars["active"]) for m in (model, twin))
        assert (a != b).any()  # B recruits with its Perisai corps
        # a bad value for B is refused; nothing restarts
        assert not session.commit_b(target, "-3")
        assert session.message.value.kind == "error" and session.message.value.side == "B" and "between 0 and 1000000" in session.message.value.problem
        assert session.current_model.value is model and model.month == 4
        # off: the first model goes on alone, where it was
        session.show_side_by_side(False)
        assert session.current_model.value is model and model.twin is None and model.month == 4
        model.step()
        force_update()
        (charts,) = rc.find(solara.widgets.HTML, attributes={"class": "enrolsim-charts", "style": "display: contents"}).widgets
        assert charts.unsafe_innerHTML.count("Months shown: 5 (2017-01 to 2017-05)") == 3
    finally:
        rc.close()
        session.start_afresh()


@pytest.mark.parametrize(("value", "problem"), [("0", "0 is not between 1 and 1440"), ("half", "'half' is not a whole number")])
def test_a_bad_session_timeout_is_refused_in_one_line(value, problem):
    result = run_cli(["app", "--session-timeout", value, "--port", "1"])
    assert result.code == 2
    assert "--session-timeout" in result.err_lines[-1] and problem in result.err_lines[-1]
