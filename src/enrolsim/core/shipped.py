"""Files that ship inside the package (scenarios, lessons, trials, calibrations, data), found by name.

A wheel installed anywhere carries them (``importlib.resources``), so ``enrolsim run baseline``,
``enrolsim compare baseline extensification`` or ``enrolsim trial jkn_banerjee`` work from any
folder; in the repository the top-level ``scenarios/``, ``trials/``, ``calibrations/`` and ``data/``
are links to the same files. A path on disk always wins over a name.
"""

from importlib.resources import files
from pathlib import Path

from enrolsim.core.errors import InputError

#: Kind of file -> its folder in the package.
FOLDERS = {"scenario": "scenarios", "trial": "trials", "calibration": "calibrations", "data": "data"}


def folder(kind: str) -> Path:
    """The package's folder of ``kind`` files, on disk."""
    return Path(str(files("enrolsim") / FOLDERS[kind]))


def names(kind: str) -> list[str]:
    """The names of the shipped ``kind`` files (``baseline``, ``lessons/classroom``...), sorted."""
    root = folder(kind)
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.yaml"))


def locate(given: str | Path, kind: str, error: type[InputError] = InputError) -> Path:
    """``given`` if it is a file on disk; otherwise the shipped ``kind`` file of that name.

    A name is the file's name without ``.yaml``, with or without its sub-folder (``classroom`` or
    ``lessons/classroom``). A name that is neither raises ``error`` listing the shipped names; a
    path ending in ``.yaml`` that does not exist is returned as given, for the reader to refuse.
    """
    path = Path(given)
    if path.exists() or path.suffix in (".yaml", ".yml"):
        return path
    root = folder(kind)
    exact = root / f"{given}.yaml"
    found = [exact] if exact.is_file() else sorted(root.rglob(f"{path.name}.yaml")) if path.parent == Path(".") else []
    if len(found) == 1:
        return found[0]
    shipped = ", ".join(names(kind))
    raise error(str(given), "", f"no such file, and no shipped {kind} of that name (shipped: {shipped})")
