"""Settings in words for policy readers (issue 17): every lever of the schema has words in both languages, values read in their units."""

import pytest

from enrolsim.analysis.lever_words import group_name, lever_keys, meaning, schema_rows, setting_words, value_words
from enrolsim.texts import LEVER_GROUPS, LEVER_NAMES_ID, in_unit, money, percent, plain


def test_every_lever_of_the_schema_has_an_indonesian_name_and_none_is_stale():
    keys = [key for key in lever_keys() if not key.endswith(".start")]  # every lever's start is named once (LEVER_START)
    assert len(keys) > 70
    assert sorted(set(keys) - set(LEVER_NAMES_ID)) == [], "levers without an Indonesian name in texts/levers.py"
    assert sorted(set(LEVER_NAMES_ID) - set(keys)) == [], "names in texts/levers.py of levers the schema no longer has"
    for key in lever_keys():
        assert meaning(key, "id") != meaning(key, "en") or key.endswith("bpu_price_multiplier"), key
        assert meaning(key, "en") == (schema_rows()[key]["meaning"] if not key.endswith(".start") else "Starts")


def test_every_lever_group_has_a_name_in_both_languages():
    sections = {key.rsplit(".", 1)[0] for key in lever_keys()}
    for lang in ("en", "id"):
        assert set(LEVER_GROUPS[lang]) == sections, lang
        assert all(group_name(f"{section}.start", lang) for section in sections)
    assert group_name("literacy.campaign_reach", "en") is None


@pytest.mark.parametrize(
    ("key", "value", "en", "id"),
    [
        ("strategies.extensification.local_government.subsidy_budget", 1e12, "Rp1.0 trillion a year", "Rp1,0 triliun per tahun"),
        ("strategies.extensification.perisai.agents_target", 6000.0, "6,000 agents", "6.000 agen"),
        ("strategies.extensification.perisai.agents_target", 1.0, "1 agent", "1 agen"),
        ("strategies.extensification.perisai.commission_rate", 0.075, "7.5%", "7,5%"),
        ("strategies.law_enforcement.inspection_rate", 0.02, "2% a month", "2% per bulan"),
        ("strategies.extensification.platforms.partnership_cost", 5e7, "Rp50 million a month", "Rp50 juta per bulan"),
        ("strategies.extensification.platforms.mode", "payroll_deduction", "deduction from earnings", "potong pendapatan"),
        ("strategies.extensification.perisai.start", "2018-02", "February 2018", "Februari 2018"),
        ("strategies.extensification.perisai.start", None, "from the start of the run", "sejak awal simulasi"),
        ("strategies.micro_targeting.enabled", True, "yes", "ya"),
        ("strategies.rules.bpu_price_multiplier", 1.5, "\u00d71.5", "\u00d71,5"),
        ("strategies.extensification.sertakan.months_paid", 12, "12 months", "12 bulan"),
        ("strategies.law_enforcement.targeting", "risk", "by risk of non-compliance", "menurut risiko ketidakpatuhan"),
    ],
)
def test_values_in_their_units(key, value, en, id):
    assert value_words(key, value, "en") == en
    assert value_words(key, value, "id") == id


def test_a_setting_line_and_a_list_of_rules():
    line = setting_words("strategies.extensification.perisai.agents_target", 6000, "en")
    assert line == "Perisai agents \u2014 Agents the agency aims to have: 6,000 agents"
    assert (
        setting_words("strategies.extensification.perisai.agents_target", 6000, "id") == "Agen Perisai \u2014 Jumlah agen yang ingin dicapai BPJS: 6.000 agen"
    )
    rules = [{"start": "2015-09", "rule": "one_month", "waiting_months": 1}, {"start": "2022-05", "rule": "age_56"}]
    words = value_words("jht.regimes", rules, "en")
    assert words.startswith("(1) First month the rule applies: September 2015, Which withdrawal rule: one month after leaving work, ")
    assert "; (2) First month the rule applies: May 2022, Which withdrawal rule: only at age 56" in words
    assert "Aturan pencairan: hanya pada usia 56" in value_words("jht.regimes", rules, "id")


def test_number_words():
    assert plain(6000.0, "en") == "6,000" and plain(0.075, "id") == "0,075" and plain(1234.5, "id") == "1.234,5"
    assert percent(0.005, "en") == "0.5%" and percent(1 / 3, "en") == "33.333%"
    assert money(2.5e9, "en") == "Rp2.5 billion" and money(35_000, "id") == "Rp35.000" and money(3e6, "en") == "Rp3.0 million"
    assert in_unit(7, "widgets", "en") == "7 widgets"  # a unit without words: after the number, as it is


def test_every_unit_of_the_schema_has_an_indonesian_name() -> None:
    from enrolsim.scenario.parameters import parameter_rows
    from enrolsim.texts import source_words, unit_name

    left = {row["unit"] for row in parameter_rows()} - {"YYYY-MM"}
    left = {unit for unit in left if "|" not in unit or unit == "agents | full"}  # a choice's values are a file's words
    assert sorted(unit for unit in left if unit_name(unit, "id") == unit and unit not in ("log", "log-odds", "rupiah")) == []
    assert unit_name("persons/month", "en") == "persons/month"
    assert unit_name("persons/month", "id") == "orang per bulan"
    assert source_words("assumption; Blumenstock et al. 2018", "id") == "asumsi; Blumenstock et al. 2018"
    assert source_words("assumption; Blumenstock et al. 2018", "en") == "assumption; Blumenstock et al. 2018"
    assert source_words("Inpres 2/2021", "id") == "Inpres 2/2021"
