"""``comparison.xlsx``: the comparison's tables as one Excel workbook, for teams that pass figures around in Excel.

One sheet a table, headers in the report's language: the results in the target month, every year
end (``comparison.csv``), the trajectories (``trajectories.csv``), the paired per-replication
values behind the intervals, the assumptions with their sources, and each scenario's levers with
their dotted key and the value in words. Cells hold numbers as numbers (shown with thousands
separators or as percentages, never rounded); an empty cell is a value that does not exist (the
reference's cost per additional participant), ``inf`` an interval without an upper bound. Seeds
are 63-bit and written as text, because a spreadsheet's numbers would round them.
"""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from enrolsim.analysis.comparison import Comparison, assumption_rows
from enrolsim.analysis.lever_words import group_name, meaning, value_words
from enrolsim.texts import column, source_words, text, unit_name

WIDEST = 48  # characters: long texts wrap rather than widen a column further


def sheets(c: Comparison) -> dict[str, pd.DataFrame]:
    """The workbook's sheets by name (in the report's language), in order."""
    lang = c.plan.lang
    table = c.table_in(lang)
    target = table[c.table["is_target_date"].to_numpy()].reset_index(drop=True)
    per_replication = c.per_replication_in(lang)
    seed = column("seed", lang)
    per_replication[seed] = per_replication[seed].map(str)  # 63-bit: as a spreadsheet number it would be rounded
    return {
        text(lang, "sheet_target"): target,
        text(lang, "sheet_years"): table,
        text(lang, "sheet_trajectories"): c.trajectories_in(lang),
        text(lang, "sheet_replications"): per_replication,
        text(lang, "sheet_assumptions"): _assumptions(c, lang),
        text(lang, "sheet_levers"): _levers(c, lang),
    }


def _assumptions(c: Comparison, lang: str) -> pd.DataFrame:
    t = lambda key: text(lang, key)  # noqa: E731
    rows = [
        {
            t("col_parameter"): r["key"],
            t("col_lever"): group_name(r["key"], lang) or "",
            t("col_setting"): meaning(r["key"], lang),
            t("col_unit"): unit_name(r["unit"], lang),
            t("col_range"): r["range"],
            t("col_default"): _cell(r["default"]),
            t("col_source"): source_words(r["source"], lang),
        }
        for r in assumption_rows(c.plan)
    ]
    return pd.DataFrame(rows, columns=[t(k) for k in ("col_parameter", "col_lever", "col_setting", "col_unit", "col_range", "col_default", "col_source")])


def _levers(c: Comparison, lang: str) -> pd.DataFrame:
    t = lambda key: text(lang, key)  # noqa: E731
    rows = []
    for info in c.plan.scenarios:
        for key, value in {**info.levers, **info.other}.items():
            rows.append(
                {
                    t("col_scenario"): info.name,
                    t("col_file"): info.file,
                    t("col_parameter"): key,
                    t("col_lever"): group_name(key, lang) or "",
                    t("col_setting"): meaning(key, lang),
                    t("col_value"): _cell(value),
                    t("col_value_words"): value_words(key, value, lang),
                }
            )
    columns = [t(k) for k in ("col_scenario", "col_file", "col_parameter", "col_lever", "col_setting", "col_value", "col_value_words")]
    return pd.DataFrame(rows, columns=columns)


def _cell(value: Any) -> Any:
    """A setting's value as a cell: numbers and text as they are, lists and nulls as JSON text."""
    return value if isinstance(value, int | float | str) and not isinstance(value, bool) else json.dumps(value, ensure_ascii=False)


def _number_format(series: pd.Series, english: str) -> str | None:
    """How a numeric column is shown: shares as percentages, large values with thousands separators, the rest as Excel's General."""
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return None
    if "share" in english:
        return "0.0%"
    finite = series[np.isfinite(series.astype(float))].abs()
    return "#,##0" if len(finite) and finite.max() >= 1000 else None


def _style(sheet: Worksheet, frame: pd.DataFrame, english: list[str]) -> None:
    """Header row frozen and filtered; widths from the contents; number formats by column."""
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    for j, (name, header) in enumerate(zip(english, frame.columns, strict=True), start=1):
        letter = get_column_letter(j)
        width = max([len(str(header)), *(len(str(v)) for v in frame[header].head(200))], default=8)
        sheet.column_dimensions[letter].width = min(width + 2, WIDEST)
        fmt = _number_format(frame[header], name)
        if fmt:
            for cell in sheet[letter][1:]:
                cell.number_format = fmt


def write_workbook(c: Comparison, path: Path) -> Path:
    """Write ``comparison.xlsx`` to ``path`` (openpyxl; one sheet a table)."""
    english = {
        text(c.plan.lang, "sheet_target"): list(c.table.columns),
        text(c.plan.lang, "sheet_years"): list(c.table.columns),
        text(c.plan.lang, "sheet_replications"): list(c.per_replication.columns),
    }
    tables = sheets(c)  # before the file is opened: a failure here leaves no half-written workbook behind
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False, inf_rep="inf")
            _style(writer.sheets[name], frame, english.get(name, [str(col) for col in frame.columns]))
    return path
