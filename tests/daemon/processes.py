"""Running `python -m tracker …` in real processes for the daemon tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
PROBLEMS = ("Traceback", "database is locked")


def tracker_env(database_url: str, data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a tracker process: ours, minus any TRACKER_* of the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["TRACKER_DATABASE_URL"] = database_url
    env["TRACKER_DATA_DIR"] = str(data_dir)
    env.update({f"TRACKER_{name.upper()}": value for name, value in settings.items()})
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_cli(
    env: dict[str, str], *args: str, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run one `python -m tracker` command to the end."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Daemon:
    """A `tracker daemon` process with its output going to files."""

    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path
    _files: tuple[IO[bytes], IO[bytes]]

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        """Everything it wrote so far, stdout then stderr."""
        out = self.stdout.read_text(encoding="utf-8", errors="replace")
        err = self.stderr.read_text(encoding="utf-8", errors="replace")
        return f"--- stdout of {self.pid} ---\n{out}\n--- stderr of {self.pid} ---\n{err}"

    def close(self) -> None:
        """Kill it if it still runs (test teardown), and close its files."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        for file in self._files:
            file.close()


def start_daemon(env: dict[str, str], logs: Path, name: str, *args: str) -> Daemon:
    """Start `python -m tracker daemon` with stdout and stderr in `logs/<name>.out|.err`."""
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / f"{name}.out", logs / f"{name}.err"
    out, err = out_path.open("wb"), err_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "daemon", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=err,
    )
    return Daemon(process, out_path, err_path, (out, err))


def owner_pid(owner: str) -> int:
    """The process id in a lease owner, `host:pid:random`.

    >>> owner_pid("box:4242:a1b2c3d4")
    4242
    """
    return int(owner.rsplit(":", 2)[-2])
