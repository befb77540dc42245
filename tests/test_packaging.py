from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import tracker

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _fenced_after(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\s*```bash\n(.*?)\n```", README, re.S)
    assert match, f"README has no fenced command after <!-- {marker} -->"
    return match.group(1).strip()


def _tracker_steps(command: str) -> list[list[str]]:
    return [shlex.split(step) for step in command.split("&&") if step.strip().startswith("tracker")]


def test_public_api_is_pinned() -> None:
    assert tracker.__all__ == sorted(tracker.__all__)
    assert tracker.__all__ == ["__version__"]


def test_readme_holds_both_commands_and_ci_runs_the_test_one() -> None:
    main = _fenced_after("main-command")
    tests = _fenced_after("test-command")
    assert "pip install ." in main
    # pip before 23.3 compares extra names unnormalised and warns that lxml lacks `html_clean`
    # (justext asks for it; lxml calls it `html-clean`): both commands start from a current pip.
    for command in (main, tests):
        assert command.startswith("python3 -m venv --upgrade-deps .venv")
    assert main.split("&&")[-1].strip().startswith("tracker")
    assert "pytest" in tests
    assert "mypy" in tests
    assert "hadolint Dockerfile" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci
    assert "CI=true" in ci


def test_docker_image_runs_the_readme_steps() -> None:
    steps = _tracker_steps(_fenced_after("main-command"))
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text(encoding="utf-8")
    assert re.search(
        r'pip install --no-cache-dir --upgrade pip\s*\\\n\s*&& pip install [^\n]*"\.\[postgres\]"',
        dockerfile,
    )
    assert re.search(r"^USER \d+", dockerfile, re.M), "the image must not run as root"
    assert 'VOLUME ["/data"]' in dockerfile
    assert "TRACKER_DATA_DIR=/data" in dockerfile
    assert steps[0] == ["tracker", "db", "upgrade"]
    assert "\ntracker db upgrade\n" in entrypoint
    default = re.search(r"set -- (.+)", entrypoint)
    assert default
    assert ["tracker", *shlex.split(default.group(1))] == steps[-1]


def test_installed_console_script_finds_its_migrations(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("tracker")
    env = {"TRACKER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [str(script), "db", "upgrade"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tracker.sqlite3").is_file()
    assert "upgraded from empty" in result.stdout


def test_every_package_is_shipped() -> None:
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "tracker").rglob("__init__.py")
    }
    assert found <= listed, f"missing from pyproject's packages: {sorted(found - listed)}"


def test_building_the_package_warns_about_nothing(tmp_path: Path) -> None:
    setuptools = pytest.importorskip("setuptools")
    major = int(setuptools.__version__.split(".")[0])
    if major < 77:
        pytest.skip(f"setuptools {setuptools.__version__} predates pyproject's license string")
    source = tmp_path / "source"  # setuptools writes build/ beside the sources: not in the checkout
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in ("tracker", "alembic"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("--wheel-dir", str(tmp_path), str(source)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    warnings = [line for line in output.splitlines() if "warn" in line.lower()]
    assert not [w for w in warnings if "Location" not in w], warnings
    (wheel,) = tmp_path.glob("tracker-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tracker/demo/articles/2026-11-10-film-delay.txt" in names
    assert "tracker/extract/model/weights.json" in names
