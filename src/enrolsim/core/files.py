"""Reading input files and writing output folders, the same way for every kind of file.

Every YAML file a person writes (scenario, experiment, trial, calibration) is read by
:func:`read_mapping`: a missing, unreadable, non-UTF-8, invalid, empty or non-mapping file is refused
with one line naming the file. Every command writes its files through :func:`staged_folder`, so an
output folder holds a complete result or nothing new, and checks the folder with
:func:`check_output_folder` before any work.
"""

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from enrolsim.core.errors import InputError


def read_mapping(path: Path, error: type[InputError] = InputError) -> dict[str, Any]:
    """The top-level mapping of the YAML file ``path``; anything else raises ``error`` naming the file."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(source, "", "no such file") from None
    except IsADirectoryError:
        raise error(source, "", "is a folder; expected a YAML file") from None
    except UnicodeDecodeError as exc:
        raise error(source, "", f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise error(source, "", f"cannot be read ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader that refuses repeated keys
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "unreadable"
        raise error(source, "", f"invalid YAML{where}: {problem}") from None
    if data is None:
        raise error(source, "", "is empty; expected a mapping of keys to values")
    if not isinstance(data, dict):
        raise error(source, "", "expected a mapping of keys to values at the top level")
    return data


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a key written twice in one mapping is an error: PyYAML keeps the last
    silently, so a scenario with ``months: 12`` and later ``months: 24`` would run 24 months unremarked."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is written twice in one mapping", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# YAML 1.1, which PyYAML follows, reads ``1e6``, ``70e6`` and ``1.0e12`` as text: its floats need a dot and a signed
# exponent (``1.0e+12``). Budgets and targets in rupiah and persons are written that way, and as text they reached
# an experiment's store as strings (a factor no longer numeric). Read as YAML 1.2 and every reader expects: numbers.
_UniqueKeyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)


def check_output_folder(out: Path, option: str = "--out") -> None:
    """Refuse, before any work, an output folder that cannot be made: it or a parent is a file, or the nearest folder
    that exists refuses a new folder in it. That last is tried (a folder made and removed at once), not read from the
    permission bits, which say yes to root everywhere, even in /proc or on a read-only file system."""
    out = Path(out)
    for place in (out, *out.parents):
        if place.exists():
            if not place.is_dir():
                what = "is a file" if place == out else f"is under {place}, which is a file"
                raise InputError(option, "", f"{out} {what}; expected a folder")
            try:
                os.rmdir(tempfile.mkdtemp(prefix=".enrolsim-check-", dir=place))
            except OSError as exc:
                raise InputError(option, "", f"{out}: cannot write in {place} ({exc.strerror})") from None
            return


def check_output_file(path: Path, option: str) -> None:
    """Refuse, before any work, a file that cannot be written: it is a folder, or its folder cannot be made."""
    path = Path(path)
    if path.is_dir():
        raise InputError(option, "", f"{path} is a folder; expected a file name")
    check_output_folder(path.parent, option)


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``out``; on success move every file made in it into ``out``.

    An error part-way leaves ``out`` as it was: files appear in ``out`` only when all of them exist.
    Files already in ``out`` with other names are kept (a store, an earlier run's extra files).
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:  # checked before the work (check_output_folder); the place may have changed since
        raise InputError(str(out), "", f"cannot write here ({exc.strerror})") from None
    try:
        yield staging
        out.mkdir(exist_ok=True)
        for made in sorted(staging.iterdir()):
            os.replace(made, out / made.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
