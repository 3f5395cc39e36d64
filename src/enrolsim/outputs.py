"""Writing a run's files so that a folder holds either a complete result or nothing new."""

import json
import os
import shutil
import tempfile
from pathlib import Path

from enrolsim.core.errors import InputError
from enrolsim.core.plotting import active_by_segment
from enrolsim.run import Result

RUN_FILES = ("timeseries.csv", "summary.json", "active_by_segment.png")


def check_output_folder(out: Path, option: str = "--out") -> None:
    """Refuse, before any work, an output folder that cannot be made: it or a parent is a file."""
    for place in (out, *out.parents):
        if place.exists():
            if not place.is_dir():
                what = "is a file" if place == out else f"is under {place}, which is a file"
                raise InputError(option, "", f"{out} {what}; expected a folder")
            if not os.access(place, os.W_OK):
                raise InputError(option, "", f"{place} is not writable")
            return


def write_run(result: Result, out: Path) -> list[Path]:
    """Write ``timeseries.csv``, ``summary.json`` and ``active_by_segment.png`` into ``out``.

    Files are made in a temporary folder beside ``out`` and moved in only when all exist, so an
    error part-way leaves ``out`` as it was.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        result.timeseries.to_csv(staging / "timeseries.csv", index=False)
        (staging / "summary.json").write_text(json.dumps(result.summary(), indent=2) + "\n", encoding="utf-8")
        active_by_segment(result.timeseries, staging / "active_by_segment.png", f"{result.scenario.name}, seed {result.seed}")
        out.mkdir(exist_ok=True)
        for name in RUN_FILES:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in RUN_FILES]
