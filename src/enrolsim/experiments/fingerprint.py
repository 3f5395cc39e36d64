"""Which model made a store's runs: a hash of the code and data files that decide a run's numbers.

A store (or a calibration study) continued by another model would mix two models' runs under one design: the
spec and the scenarios' parameters, which a store's hash covers, can be the same while a rule changed. The
package version does not tell models apart (it moves with releases, not with each change), so a store records
this fingerprint when it is made and refuses to be continued by a model whose fingerprint differs.

It covers the modules of the model's layers (the top-level modules and ``MODEL_PACKAGES``: the rules, the
world, the scenario schema with its defaults, and how experiments seed and run) and the data tables a run reads
(``MODEL_DATA``). Left out: what only takes commands or presents results (``cli``, ``app``, ``texts``,
``analysis``), the study workflows (``studies``: what they change in a run is in the spec the store's hash
covers), and the shipped scenario files, the calibrated ensemble, calibrations, trials and the data tables that
are only targets: a store holds its scenarios' values, and a refit or a new published figure must not refuse it.
"""

import hashlib
from functools import cache
from pathlib import Path

from enrolsim.core.errors import ExperimentError

#: The installed package's folder (src/enrolsim in a checkout).
PACKAGE = Path(__file__).resolve().parents[1]
#: Sub-packages whose modules decide a run's numbers (the layers below ``run`` in pyproject's import-linter contract,
#: with ``experiments``, which draws the seeds and runs the designs).
MODEL_PACKAGES = frozenset({"actions", "core", "events", "experiments", "institutions", "levers", "processes", "scenario", "world"})
#: The data tables a run reads (``world/labour_data.py``, ``world/geography.py``); the others are calibration and
#: validation targets.
MODEL_DATA = ("labour_force.csv", "provinces_2019.csv", "regencies.csv")


@cache
def model_fingerprint() -> str:
    """This installed model's fingerprint (computed once a process: about 20 ms)."""
    return fingerprint_of(PACKAGE)


def model_files(package: Path) -> list[Path]:
    """The files of ``package`` the fingerprint reads, in a fixed order."""
    modules = [*package.glob("*.py"), *(p for name in MODEL_PACKAGES for p in (package / name).glob("*.py"))]
    return sorted(modules + [package / "data" / name for name in MODEL_DATA if (package / "data" / name).is_file()])


def fingerprint_of(package: Path) -> str:
    """A short hash of the model's files under ``package``, by path and content."""
    digest = hashlib.sha256()
    for path in model_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def refuse_another_model(made_by: str | None, where: str, file: str, subject: str, consequence: str) -> None:
    """Refuse to go on with what ``file`` of ``where`` records as made by another model (``made_by``; none recorded: go
    on): "``subject`` (fingerprint X; this one is Y): ``consequence``", one line."""
    if made_by is not None and made_by != model_fingerprint():
        raise ExperimentError(where, file, f"{subject} (fingerprint {made_by}; this one is {model_fingerprint()}): {consequence}")
