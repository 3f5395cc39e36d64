"""The comparison's files: ``comparison.csv``, ``trajectories.csv``, ``comparison.xlsx``, figures, ``report.html``, ``report.md``.

The report is built once as a list of blocks (headings, paragraphs, lists, tables, figures, code)
and rendered twice: to one self-contained HTML file (inline CSS from ``report_template.html``,
figures embedded as base64 ``data:`` URIs, no scripts, nothing fetched) and to Markdown that
refers to the PNG files beside it. The two differ where their readers do: an ``("alt", html,
markdown)`` block names settings in words for the policy reader of ``report.html`` (no dotted keys)
and by their scenario keys for the analyst reading ``report.md``. The answer and the results table
come first, so that the first printed page of ``report.html`` is the summary. All files are made in
a staging folder inside ``OUT`` and moved into place only when every one exists.
"""

import base64
import html
import json
import platform
from datetime import UTC, datetime
from pathlib import Path
from string import Template
from typing import Any

from enrolsim._version import __version__
from enrolsim.analysis.comparison import PAYER_COSTS, Comparison, assumption_rows
from enrolsim.analysis.figures import write_figures
from enrolsim.analysis.lever_words import group_name, meaning, value_words
from enrolsim.analysis.workbook import write_workbook
from enrolsim.core.files import staged_folder
from enrolsim.core.months import parse_month
from enrolsim.texts import DOMAIN_FIGURES, NOTES, month_name, number, persons, rupiah, share, source_words, text, unit_name
from enrolsim.world.labour_data import labour_force_growth

TEMPLATE = Path(__file__).with_name("report_template.html")
TABLES = ("comparison.csv", "trajectories.csv", "comparison.xlsx")
REPORTS = ("report.html", "report.md")

Block = tuple[Any, ...]


def write_outputs(c: Comparison) -> list[Path]:
    """Write every file of the comparison into ``c.plan.out``; return their paths."""
    out = c.plan.out
    assert out is not None
    with staged_folder(out) as staging:
        lang = c.plan.lang
        c.table_in(lang).to_csv(staging / "comparison.csv", index=False)
        c.trajectories_in(lang).to_csv(staging / "trajectories.csv", index=False)
        write_workbook(c, staging / "comparison.xlsx")
        figures = write_figures(c, staging)
        blocks = document(c)
        (staging / "report.html").write_text(render_html(blocks, c, staging), encoding="utf-8")
        (staging / "report.md").write_text(render_markdown(blocks), encoding="utf-8")
        names = [*TABLES, *(f.name for f in figures), *REPORTS]
    return [out / name for name in names]


# -- the document --------------------------------------------------------------------------------


def _with_interval(mean: float, low: float, high: float, fmt) -> str:
    """``mean`` and, on a second line, ``[low – high]`` (a line break in HTML, a space in Markdown)."""
    return f"{fmt(mean)}\n[{fmt(low)} \u2013 {fmt(high)}]"


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _settings(settings: dict[str, Any], lang: str, none: str) -> Block:
    """Scenario settings: a table in words (lever, setting, value) for HTML, ``key = value (words)`` lines for Markdown."""
    if not settings:
        return ("ul", [none]) if none else ("p", "")
    rows = [[group_name(key, lang) or "", meaning(key, lang), value_words(key, value, lang)] for key, value in settings.items()]
    headers = [text(lang, "col_lever"), text(lang, "col_setting"), text(lang, "col_value")]
    lines = [f"{key} = {_value(value)} ({value_words(key, value, lang)})" for key, value in settings.items()]
    return ("alt", ("settings", headers, rows), ("ul", lines))


def _assumption_in_words(row: dict[str, Any], lang: str) -> list[str]:
    """An assumption row for HTML: the lever's name and the setting's meaning instead of its dotted key."""
    return [group_name(row["key"], lang) or "", meaning(row["key"], lang), unit_name(row["unit"], lang), source_words(row["source"], lang)]


def document(c: Comparison) -> list[Block]:
    """The report as blocks, in the comparison's language."""
    plan, lang = c.plan, c.plan.lang
    t = lambda key, **kw: text(lang, key, **kw)  # noqa: E731
    by = month_name(plan.by, lang)
    target = persons(plan.target, lang)
    reference = plan.reference.name
    rows = c.at_target_date()
    n = int(rows["replications"].iloc[0])
    agents = plan.reference.scenario.population.agents
    blocks: list[Block] = [
        ("h1", t("title")),
        (
            "meta",
            t(
                "meta",
                version=__version__,
                n=n,
                k=len(plan.scenarios),
                agents=number(agents, lang),
                start=month_name(plan.first_month, lang),
                end=month_name(plan.last_month, lang),
            ),
        ),
        ("h2", t("question_heading")),
        ("question", t("question", target=target, month=by)),
        ("h2", t("answer_heading")),
    ]
    # The answer first: which scenarios reach the target in most runs, and what they cost (a reader forwarding the report
    # to a director reads this line and perhaps no other).
    reaching = rows[rows["target_share"] >= 0.5]
    if reaching.empty:
        answers = [t("answer_none", target=target, month=by)]
    else:
        names = "; ".join(
            t("answer_reaching", scenario=r["scenario"], share=share(r["target_share"], lang), cost=rupiah(r["programme_cost_mean"], lang))
            for _, r in reaching.iterrows()
        )
        answers = [t("answer_some", target=target, month=by, start=month_name(plan.first_month, lang), names=names)]
    for _, row in rows.iterrows():
        line = t(
            "answer_line",
            scenario=row["scenario"],
            active=persons(row["active_mean"], lang),
            month=by,
            low=persons(row["active_p5"], lang),
            high=persons(row["active_p95"], lang),
            share=share(row["target_share"], lang),
        )
        answers.append(line)
    blocks.append(("ul", answers))

    blocks.append(("h2", t("results_heading", month=by)))
    blocks.append(("p", t("results_note", n=n, reference=reference, start=month_name(plan.first_month, lang), month=by)))
    mp = lambda v: persons(v, lang)  # noqa: E731
    rp = lambda v: rupiah(v, lang)  # noqa: E731
    headers = [
        t("col_scenario"),
        t("col_active"),
        t("col_diff", reference=reference),
        t("col_cost", start=month_name(plan.first_month, lang)),
        t("col_cost_diff", reference=reference),
        t("col_cpa", month=by),
        t("col_target", target=target),
        t("col_ratio"),
        t("col_jht", start=month_name(plan.first_month, lang)),
    ]
    table_rows = []
    for i, row in rows.iterrows():
        if i == 0:
            diff = cost_diff = cpa = text(lang, "not_applicable")
        else:
            diff = _with_interval(row["active_diff_mean"], row["active_diff_p5"], row["active_diff_p95"], mp)
            cost_diff = rp(row["cost_diff_mean"])  # the numerator of the cost per additional participant
            cpa = _with_interval(row["cost_per_additional_active"], row["cost_per_additional_active_p5"], row["cost_per_additional_active_p95"], rp)
            note = NOTES[lang][row["cost_per_additional_active_note"]]
            if row["cost_per_additional_active_note"] in ("no_gain", "unclear_gain", "saves"):  # "some_no_gain": an open upper bound
                cpa = note if row["cost_per_additional_active_note"] != "saves" else f"{cpa}\n({note})"
        table_rows.append(
            [
                row["scenario"],
                _with_interval(row["active_mean"], row["active_p5"], row["active_p95"], mp),
                diff,
                rp(row["programme_cost_mean"]),
                cost_diff,
                cpa,
                share(row["target_share"], lang),
                _with_interval(
                    row["registrations_per_active_mean"], row["registrations_per_active_p5"], row["registrations_per_active_p95"], lambda v: number(v, lang, 2)
                ),
                mp(row["jht_withdrawals_mean"]),
            ]
        )
    blocks.append(("table", headers, table_rows, True))
    blocks.append(("p", t("cpa_rules")))
    # The programme cost split by purse, in a small table of its own (the results table keeps to an A4 page's width).
    blocks.append(("h3", t("payers_heading")))
    blocks.append(("p", t("payers_note", start=month_name(plan.first_month, lang), month=by)))
    payer_headers = [t("col_scenario"), t("col_cost_districts"), t("col_cost_agency"), t("col_cost_total")]
    payer_rows = [[row["scenario"], *(rp(row[f"{name}_mean"]) for name in PAYER_COSTS), rp(row["programme_cost_mean"])] for _, row in rows.iterrows()]
    blocks.append(("table", payer_headers, payer_rows, True))
    recovered = [f"{row['scenario']} {rp(row['recovered_arrears_rupiah_mean'])}" for _, row in rows.iterrows() if row["recovered_arrears_rupiah_mean"] > 0]
    if recovered:  # money the levers bring in, beside what they cost (comparison.csv has it for every scenario)
        blocks.append(("p", t("recovered", start=month_name(plan.first_month, lang), items="; ".join(recovered))))

    blocks.append(("h2", t("scenarios_heading"), "new-page"))
    for info in plan.scenarios:
        blocks.append(("h3", info.name))
        if info.scenario.description:
            blocks.append(("p", info.scenario.description))
        blocks.append(("p", f"{t('file')}: {info.file}"))
        blocks.append(("p", t("levers") + ":"))
        blocks.append(_settings(info.levers, lang, t("no_levers")))
        if info.other:
            blocks.append(("p", t("other_changes", reference=reference) + ":"))
            blocks.append(_settings(info.other, lang, ""))

    blocks.append(("h3", t("years_heading")))
    years = c.table.pivot(index="scenario", columns="date", values="active_mean").loc[[info.name for info in plan.scenarios]]
    year_rows = [[name, *(mp(v) for v in values)] for name, values in years.iterrows()]
    blocks.append(("table", [t("col_scenario"), *(month_name(d, lang) for d in years.columns)], year_rows, True))

    blocks.append(("h2", t("figures_heading")))
    blocks += [
        ("figure", "trajectories.png", t("cap_trajectories")),
        ("figure", "segments.png", t("cap_segments", month=by)),
        ("figure", "cost_effectiveness.png", t("cap_ce", reference=reference)),
        ("figure", "funnel.png", t("cap_funnel", month=by)),
    ]

    blocks.append(("h2", t("assumptions_heading")))
    blocks.append(("p", t("assumptions_intro")))
    assumptions = assumption_rows(plan)
    if assumptions:
        in_words = ("table", [t("col_lever"), t("col_setting"), t("col_unit"), t("col_source")], [_assumption_in_words(r, lang) for r in assumptions])
        with_keys = (
            "table",
            [t("col_parameter"), t("col_meaning"), t("col_unit"), t("col_source")],
            [[r["key"], r["meaning"], unit_name(r["unit"], lang), source_words(r["source"], lang)] for r in assumptions],
        )
        blocks.append(("alt", in_words, with_keys))
    blocks.append(("h3", t("domain_heading")))
    blocks.append(("ul", [f"{fact} ({source})" for fact, source in DOMAIN_FIGURES[lang]]))
    blocks.append(("h3", t("caveats_heading")))
    scenario = plan.reference.scenario
    at_start = scenario.population.labour_force / agents  # the labour force grows; the agents do not
    per_agent = at_start * labour_force_growth(scenario.population, scenario.start_month, parse_month(plan.by))
    words = {"agents": number(agents, lang), "per_agent": number(per_agent, lang), "by": plan.by, "at_start": number(at_start, lang)}
    blocks.append(("p", t("caveats", **words)))

    blocks.append(("h2", t("reproduce_heading")))
    blocks.append(("p", t("reproduce_intro")))
    blocks.append(("code", plan.command()))
    blocks.append(("p", t("reproduce_python")))
    # the guard: the runs go to a pool of processes, which import a script again (without it a script's runs all fail)
    blocks.append(("code", f'import enrolsim\n\nif __name__ == "__main__":\n    {plan.python_call()}'))
    seeds = [int(s) for s in c.per_replication.drop_duplicates("replication")["seed"]]
    blocks.append(
        (
            "ul",
            [
                f"{t('version')}: {__version__}",
                f"{t('python')}: {platform.python_version()}",
                f"{t('seed')}: {plan.seed}",
                f"{t('seeds')}: {', '.join(str(s) for s in seeds)}",
                f"{t('digests')}: {', '.join(f'{info.file} {info.scenario.digest()}' for info in plan.scenarios)}",
                t("store", store=plan.out / "store" if plan.out is not None else "-"),
                f"{t('generated')}: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            ],
        )
    )
    return blocks


# -- rendering -----------------------------------------------------------------------------------


def _cell(content: str, numeric: bool) -> str:
    shown = html.escape(content).replace("\n", "<br>")
    return f'<td class="num">{shown}</td>' if numeric else f"<td>{shown}</td>"


def render_html(blocks: list[Block], c: Comparison, folder: Path) -> str:
    """One self-contained HTML page: inline CSS, images as data URIs from ``folder``."""
    e = html.escape
    parts: list[str] = []
    title = ""
    for block in blocks:
        if block[0] == "alt":
            block = block[1]  # the policy reader's version
        kind = block[0]
        if kind == "h1":
            title = block[1]
            parts.append(f"<h1>{e(block[1])}</h1>")
        elif kind in ("h2", "h3"):
            css = f' class="{block[2]}"' if len(block) > 2 else ""
            parts.append(f"<{kind}{css}>{e(block[1])}</{kind}>")
        elif kind == "meta":
            parts.append(f'<p class="meta">{e(block[1])}</p>')
        elif kind == "question":
            parts.append(f'<p class="question">{e(block[1])}</p>')
        elif kind == "p" and block[1]:
            parts.append(f"<p>{e(block[1])}</p>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block[1]) + "</ul>")
        elif kind == "table":
            head = "".join(f"<th>{e(h)}</th>" for h in block[1])
            numeric = len(block) > 3 and block[3]  # the columns after the first hold numbers
            body = "".join("<tr>" + "".join(_cell(text, numeric and j > 0) for j, text in enumerate(row)) + "</tr>" for row in block[2])
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif kind == "settings":  # lever, setting, value: the lever named once for its rows
            head = "".join(f"<th>{e(h)}</th>" for h in block[1])
            shown, body = None, ""
            for group, what, value in block[2]:
                lever = "" if group == shown else e(group)
                shown = group
                body += f"<tr><td>{lever}</td><td>{e(what)}</td><td><b>{e(value)}</b></td></tr>"
            parts.append(f'<table class="settings"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
        elif kind == "figure":
            data = base64.b64encode((folder / block[1]).read_bytes()).decode("ascii")
            parts.append(f'<figure><img src="data:image/png;base64,{data}" alt="{e(block[2])}"><figcaption>{e(block[2])}</figcaption></figure>')
        elif kind == "code":
            parts.append(f"<pre><code>{e(block[1])}</code></pre>")
    template = Template(TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(lang=c.plan.lang, version=e(__version__), title=e(title), body="\n".join(parts))


def render_markdown(blocks: list[Block]) -> str:
    """The same report in Markdown; figures refer to the PNG files beside it."""
    lines: list[str] = []
    cell = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    for block in blocks:
        if block[0] == "alt":
            block = block[2]  # the analyst's version, with the scenario keys
        kind = block[0]
        if kind == "h1":
            lines += [f"# {block[1]}", ""]
        elif kind == "h2":
            lines += [f"## {block[1]}", ""]
        elif kind == "h3":
            lines += [f"### {block[1]}", ""]
        elif kind == "meta":
            lines += [f"*{block[1]}*", ""]
        elif kind == "question":
            lines += [f"> {block[1]}", ""]
        elif kind == "p" and block[1]:
            lines += [block[1], ""]
        elif kind == "ul":
            lines += [*(f"- {item}" for item in block[1]), ""]
        elif kind == "table":
            lines.append("| " + " | ".join(cell(h) for h in block[1]) + " |")
            lines.append("|" + "---|" * len(block[1]))
            lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in block[2]]
            lines.append("")
        elif kind == "figure":
            lines += [f"![{block[2]}]({block[1]})", "", f"*{block[2]}*", ""]
        elif kind == "code":
            lines += ["```", block[1], "```", ""]
    return "\n".join(lines)
