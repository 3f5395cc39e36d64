"""Which model made a store's runs: a hash of the code and data files that decide a run's numbers.

A store (or a calibration study) continued by another model would mix two models' runs under one design: the
spec and the scenarios' parameters, which a store's hash covers, can be the same while a rule changed. The
package version does not tell models apart (it moves with releases, not with each change), so a store records
this fingerprint when it is made and refuses to be continued by a model whose fingerprint differs.

It covers the package's modules and data tables but those that only take commands or present results (``cli``,
``app``, ``texts``, ``analysis``): a report's wording may change and a store stay usable; a rule may not. Shipped
scenario files are not in it: a store holds its scenarios' values, which its own hash covers.
"""

import hashlib
from functools import cache
from pathlib import Path

#: The installed package's folder (src/enrolsim in a checkout).
PACKAGE = Path(__file__).resolve().parents[1]
#: Sub-packages that never change a run's numbers.
PRESENTATION = frozenset({"cli", "app", "texts", "analysis"})
#: Files read by a run: the code, and the data tables the events and the labour market read.
SUFFIXES = frozenset({".py", ".csv"})


@cache
def model_fingerprint() -> str:
    """This installed model's fingerprint (computed once a process: about 20 ms)."""
    return fingerprint_of(PACKAGE)


def fingerprint_of(package: Path) -> str:
    """A short hash of every file under ``package`` that decides a run's numbers, by path and content."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        parts = path.relative_to(package).parts
        if path.suffix not in SUFFIXES or parts[0] in PRESENTATION or "__pycache__" in parts or not path.is_file():
            continue
        digest.update("/".join(parts).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
