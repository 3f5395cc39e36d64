"""The experiment store: a folder that fills up run by run and can be resumed.

Layout::

    STORE/
      experiment.json        spec, its hash, package version, the model's fingerprint, resolved base scenarios, seeds
      experiment.yaml        the spec again, for people
      runs.parquet           one row a run: run_id, point, replication, seed, factor values,
                             status (pending | finished | failed), error, wall_time_s
      series/run-0000042.parquet   kept indicators of finished run 42, one row a month
      failed/run-0000042.json      error and traceback of failed run 42

A run's series file is the proof it finished: it is written to a hidden temporary file and moved
into place with ``os.replace`` (atomic on one file system), and its run record (seed, wall time,
when) travels in the file's Parquet metadata, so a run is either wholly there or not at all.
``runs.parquet`` is a summary rewritten every few seconds and at the end; after a crash the run
files are the truth, and :func:`load` and a resumed experiment read them, not the summary. A store is
continued only by the model that made it (``experiments/fingerprint.py``): the same spec on changed rules
would mix two models' runs.
"""

import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import yaml

from enrolsim._version import __version__
from enrolsim.core.errors import ExperimentError
from enrolsim.experiments.fingerprint import model_fingerprint, refuse_another_model

if TYPE_CHECKING:
    from enrolsim.experiments.experiment import Experiment
    from enrolsim.experiments.runs import RunOutcome

FORMAT = 1
META_KEY = b"enrolsim.run"
SPEC_FILE = "experiment.json"
#: experiment.json's key of the model that made the runs (experiments/fingerprint.py); stores made before it have none.
MODEL_KEY = "model_fingerprint"


def run_file(run_id: int) -> str:
    """File name of a run's series (and failure record, with ``.json``)."""
    return f"run-{run_id:07d}"


class Store:
    """A store folder bound to one experiment (by hash)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.series_dir = self.path / "series"
        self.failed_dir = self.path / "failed"
        self._last_summary = 0.0
        self._records: dict[int, dict[str, Any]] | None = None  # read once, then kept up to date by write()

    # -- opening -------------------------------------------------------------------------------
    def check(self, experiment: "Experiment") -> bool:
        """Whether ``experiment`` can use this folder; ``True`` if it already holds this experiment.

        Writes nothing. Raises :class:`ExperimentError` if the folder holds another experiment
        or something that is not a store.
        """
        if self.path.exists() and not self.path.is_dir():
            raise ExperimentError(str(self.path), "", "is a file, not a store folder")
        spec_file = self.path / SPEC_FILE
        if not spec_file.exists():
            if self.path.exists() and any(self.path.iterdir()):
                raise ExperimentError(str(self.path), "", "is not empty and holds no experiment.json; choose a new --out folder")
            return False
        stored = self.info()
        if stored.get("spec_hash") != experiment.digest():
            raise ExperimentError(
                str(self.path),
                "experiment.json",
                f"holds experiment {stored.get('name')!r} with hash {stored.get('spec_hash')}, but {experiment.source} now has hash "
                f"{experiment.digest()} (the spec or a scenario changed); use a new --out folder, or delete this one to start again",
            )
        refuse_another_model(
            stored.get(MODEL_KEY),
            str(self.path),
            SPEC_FILE,
            "was made by another version of the model",
            "continuing it would mix two models' runs; use a new --out folder, or delete this one to start again",
        )
        stored_replications = stored.get("replications", experiment.spec.replications)
        if experiment.spec.replications < stored_replications:
            raise ExperimentError(
                str(self.path),
                "replications",
                f"the store holds {stored_replications} replications and {experiment.source} asks for {experiment.spec.replications}; "
                f"ask for {stored_replications} or more (only the new ones run), or use a new --out folder",
            )
        return True

    def create(self, experiment: "Experiment", plan: pd.DataFrame, grown: dict[str, Any] | None = None) -> None:
        """Make the folder and write the spec and the plan (all runs pending).

        ``grown``: the ``experiment.json`` of the store this one grows (more replications): its creation time and the
        model that made its runs are kept (none if it recorded none), since the earlier runs stay."""
        self.path.mkdir(parents=True, exist_ok=True)
        self.series_dir.mkdir(exist_ok=True)
        self.failed_dir.mkdir(exist_ok=True)
        spec = experiment.spec.model_dump(mode="json")
        info = {
            "format": FORMAT,
            "name": experiment.spec.name,
            "spec_hash": experiment.digest(),
            "enrolsim_version": __version__,
            MODEL_KEY: model_fingerprint() if grown is None else grown.get(MODEL_KEY),
            "created": datetime.now(UTC).isoformat(timespec="seconds") if grown is None else grown.get("created"),
            "source": experiment.source,
            "runs": experiment.n_runs,
            "replications": experiment.spec.replications,
            "factors": experiment.factor_names,
            "indicators": experiment.indicators(),
            "seeds": experiment.seeds,
            "spec": spec,
            "scenarios": {name: s.model_dump(mode="json") for name, s in experiment.bases.items()},
        }
        _atomic_bytes(self.path / SPEC_FILE, (json.dumps(info, indent=1) + "\n").encode())
        _atomic_bytes(self.path / "experiment.yaml", yaml.safe_dump(spec, sort_keys=False, allow_unicode=True).encode())
        _atomic_table(self.path / "runs.parquet", pa.Table.from_pandas(plan, preserve_index=False))

    def recorded_model(self) -> str | None:
        """The fingerprint of the model that made the runs (``experiments/fingerprint.py``); none in a store made before."""
        return self.info().get(MODEL_KEY)

    def info(self) -> dict[str, Any]:
        """Contents of ``experiment.json``."""
        try:
            return json.loads((self.path / SPEC_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ExperimentError(str(self.path), SPEC_FILE, f"cannot be read ({exc})") from None

    def clean(self) -> None:
        """Remove temporary files left by a process killed while writing."""
        for folder in (self.path, self.series_dir, self.failed_dir):
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)

    # -- writing runs --------------------------------------------------------------------------
    def write(self, outcome: "RunOutcome", seed: int) -> None:
        """Record a finished or failed run, atomically."""
        name = run_file(outcome.run_id)
        record = {
            "run_id": outcome.run_id,
            "seed": seed,
            "wall_time_s": outcome.wall_time,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "enrolsim_version": __version__,
        }
        if outcome.ok:
            table = pa.Table.from_pandas(outcome.table, preserve_index=False)
            table = table.replace_schema_metadata({META_KEY: json.dumps(record).encode()})
            _atomic_table(self.series_dir / f"{name}.parquet", table)
            (self.failed_dir / f"{name}.json").unlink(missing_ok=True)
        else:
            record |= {"error": outcome.error, "traceback": outcome.traceback}
            _atomic_bytes(self.failed_dir / f"{name}.json", (json.dumps(record, indent=1) + "\n").encode())
        if self._records is not None:
            status = "finished" if outcome.ok else "failed"
            self._records[outcome.run_id] = {"status": status, "error": outcome.error, "wall_time_s": outcome.wall_time}

    # -- reading -------------------------------------------------------------------------------
    def finished_ids(self) -> set[int]:
        """Runs whose series file is in place."""
        return {int(p.stem.split("-")[1]) for p in self.series_dir.glob("run-*.parquet")}

    def records(self) -> dict[int, dict[str, Any]]:
        """Run id -> status, error, wall time, read from the run files themselves (once per Store)."""
        if self._records is not None:
            return self._records
        records: dict[int, dict[str, Any]] = {}
        for p in self.failed_dir.glob("run-*.json"):
            data = json.loads(p.read_text(encoding="utf-8"))
            records[data["run_id"]] = {"status": "failed", "error": data["error"], "wall_time_s": data["wall_time_s"]}
        for p in self.series_dir.glob("run-*.parquet"):
            meta = json.loads(pq.read_schema(p).metadata[META_KEY])
            records[meta["run_id"]] = {"status": "finished", "error": "", "wall_time_s": meta["wall_time_s"]}
        self._records = records
        return records

    def plan(self) -> pd.DataFrame:
        """``runs.parquet`` without the status columns: which runs the experiment has."""
        runs = pd.read_parquet(self.path / "runs.parquet")
        return runs.drop(columns=[c for c in ("status", "error", "wall_time_s") if c in runs.columns])

    def runs(self, plan: pd.DataFrame | None = None) -> pd.DataFrame:
        """The plan with each run's current status, error and wall time."""
        plan = self.plan() if plan is None else plan
        records = self.records()
        runs = plan.copy()
        runs["status"] = [records.get(i, {}).get("status", "pending") for i in runs["run_id"]]
        runs["error"] = [records.get(i, {}).get("error", "") for i in runs["run_id"]]
        runs["wall_time_s"] = [records.get(i, {}).get("wall_time_s", float("nan")) for i in runs["run_id"]]
        return runs

    def write_summary(self, plan: pd.DataFrame, *, force: bool = False, every: float = 5.0) -> None:
        """Rewrite ``runs.parquet`` from the run files (at most every ``every`` seconds unless forced)."""
        now = time.monotonic()
        if not force and now - self._last_summary < every:
            return
        self._last_summary = now
        _atomic_table(self.path / "runs.parquet", pa.Table.from_pandas(self.runs(plan), preserve_index=False))

    def series(self) -> pd.DataFrame:
        """All finished runs' series stacked: run_id, month, one column per kept indicator."""
        files = sorted(self.series_dir.glob("run-*.parquet"))
        if not files:
            columns = ["run_id", "month", *self.info().get("indicators", [])]
            return pd.DataFrame({c: pd.Series(dtype="int64" if c == "run_id" else "float64" if c != "month" else "object") for c in columns})
        table = ds.dataset([str(f) for f in files], format="parquet").to_table()
        return table.to_pandas().sort_values(["run_id", "month"], kind="stable").reset_index(drop=True)


@dataclass
class ExperimentData:
    """What a store holds, as pandas DataFrames (see :func:`load`)."""

    info: dict[str, Any]  # experiment.json: spec, hash, version, base scenarios, seeds
    runs: pd.DataFrame  # one row a run: run_id, point, replication, seed, factors..., status, error, wall_time_s
    series: pd.DataFrame  # one row a finished run and month: run_id, month, indicators...

    @property
    def factors(self) -> list[str]:
        """Factor column names."""
        return list(self.info.get("factors", []))

    def tidy(self) -> pd.DataFrame:
        """Long table: run_id, point, replication, seed, factors..., month, indicator, value."""
        keys = ["run_id", "point", "replication", "seed", *self.factors]
        long = self.series.melt(id_vars=["run_id", "month"], var_name="indicator", value_name="value")
        return self.runs[keys].merge(long, on="run_id").sort_values(["run_id", "indicator", "month"], kind="stable").reset_index(drop=True)

    def at(self, indicator: str, month: str) -> pd.DataFrame:
        """One row a finished run: its factors and ``indicator`` in ``month`` (column ``value``)."""
        picked = self.series.loc[self.series["month"] == month, ["run_id", indicator]].rename(columns={indicator: "value"})
        keys = ["run_id", "point", "replication", "seed", *self.factors]
        return self.runs[keys].merge(picked, on="run_id").sort_values("run_id").reset_index(drop=True)


def load(store: str | Path) -> ExperimentData:
    """Read a store into DataFrames: ``.runs`` (one row a run), ``.series`` (one row a run and month).

    Works on a store still being filled or left by an interrupted experiment: statuses come from
    the run files, not from the ``runs.parquet`` summary.

    >>> data = load("results/registration_x_payment_ease")        # doctest: +SKIP
    >>> data.at("coverage", "2026-12").groupby("contributions.payment_ease")["value"].mean()  # doctest: +SKIP
    """
    s = Store(store)
    if s.path.is_file():  # e.g. the store's experiment.json itself, or an experiment's YAML
        raise ExperimentError(str(s.path), "", "is a file; expected a store folder (the --out of enrolsim experiment)")
    if not (s.path / SPEC_FILE).exists():
        raise ExperimentError(str(s.path), "", "is not an experiment store (no experiment.json)")
    return ExperimentData(info=s.info(), runs=s.runs(), series=s.series())


def _atomic_table(path: Path, table: pa.Table) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _atomic_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
