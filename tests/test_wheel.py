"""The package works outside its repository: a wheel built from the source, installed in a fresh
virtual environment and used from an empty folder runs the baseline, compares shipped scenarios by
name and serves the classroom app (issue 12, "Works from a wheel").

The fresh environment has only the wheel installed. Its dependencies (numpy, Mesa, ...) are read
from the test environment's site-packages through a path file, which adds that folder to the path
without running its own path files, so the test environment's editable install of enrolsim is not
visible: ``import enrolsim`` can only find the wheel. The dependencies' data files (Jupyter's
``etc/`` and ``share/`` folders, which Solara reads) are copied as their installation would have
put them. This avoids downloading the dependencies again.
"""

import http.client
import shutil
import site
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel built from this checkout; returns its bin folder."""
    build = tmp_path_factory.mktemp("build")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, build / name)
    shutil.copytree(REPO / "src", build / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wheels = build / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(build)], check=True)
    (wheel,) = wheels.glob("enrolsim-*.whl")
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / "bin"
    python = bin_dir / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True, capture_output=True, text=True)
    own_site = Path(purelib.stdout.strip())
    (own_site / "borrowed_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    for data in ("etc", "share"):  # what installing the dependencies puts beside site-packages
        if (Path(sys.prefix) / data).is_dir():
            shutil.copytree(Path(sys.prefix) / data, env_dir / data, dirs_exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    return bin_dir


def run(bin_dir: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "enrolsim"), *args], cwd=folder, capture_output=True, text=True, timeout=600)


def test_the_wheel_is_what_runs(installed: Path, tmp_path: Path):
    found = subprocess.run([installed / "python", "-c", "import enrolsim; print(enrolsim.__file__)"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert str(REPO) not in found.stdout and "site-packages" in found.stdout, found.stdout


def test_run_without_a_scenario_runs_the_shipped_baseline(installed: Path, tmp_path: Path):
    done = run(installed, tmp_path, "run", "--months", "6", "--agents", "2000", "--out", "out")
    assert done.returncode == 0, done.stderr
    assert "Baseline" in done.stdout
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"timeseries.csv", "summary.json", "active_by_segment.png"}


def test_compare_shipped_scenarios_by_name(installed: Path, tmp_path: Path):
    done = run(
        installed, tmp_path, "compare", "baseline", "extensification", "--replications", "1", "--agents", "2000", "--months", "6", "--executor", "serial"
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "results" / "compare" / "report.html").stat().st_size > 0
    assert "Extensification" in (tmp_path / "results" / "compare" / "comparison.csv").read_text(encoding="utf-8")


def test_a_name_that_is_not_shipped_is_refused_with_the_names_that_are(installed: Path, tmp_path: Path):
    done = run(installed, tmp_path, "run", "nosuch")
    assert done.returncode == 2
    assert done.stderr.startswith("enrolsim: nosuch: no such file, and no shipped scenario") and "lessons/classroom" in done.stderr
    assert not (tmp_path / "results").exists()


def test_app_serves_its_default_lesson(installed: Path, tmp_path: Path):
    pytest.importorskip("solara")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([installed / "enrolsim", "app", "--port", str(port)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, status = time.monotonic() + 120, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/")
                status = connection.getresponse().status
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200, f"no page (server exit {server.poll()})"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Classroom" in output or "classroom" in output.lower(), output
