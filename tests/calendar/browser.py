"""Look at a page in headless Debian chromium: its rendered DOM, and a screenshot.

Each call starts chromium as a subprocess with a fresh profile, waits for it with a timeout and
ends what it started (its own process group, by id). When chromium is missing the calling test
skips, or fails under ``CI=true`` (``.ci/run`` installs it with apt-get).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from tests.calendar.tools import skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 60.0
FLAGS = (
    "--headless",
    "--no-sandbox",  # we run as root in a container; the sandbox refuses to start there
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # only the page under test may touch the network
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=2000",  # let the page settle (timers, late layout) before output
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class BrowserError(Exception):
    """Chromium failed, timed out or produced no output."""


def chromium() -> str:
    """The chromium executable; skips the test (fails it under ``CI=true``) when there is none."""
    if os.access(CHROMIUM, os.X_OK):
        return str(CHROMIUM)
    found = shutil.which("chromium")
    if found is None:
        skip_or_fail(f"chromium is not installed ({CHROMIUM}); `apt-get install chromium`")
    return found


def _run(args: list[str], *, timeout: float) -> bytes:
    """Chromium's stdout for one headless run with a throw-away profile."""
    executable = chromium()
    with tempfile.TemporaryDirectory(prefix="tracker-chromium-") as profile:
        command = [executable, *FLAGS, f"--user-data-dir={profile}", *args]
        with subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so its helpers can be ended with it
        ) as process:
            try:
                stdout, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _end_group(process.pid)
                process.communicate()
                raise BrowserError(f"chromium took over {timeout}s: {args}") from None
            finally:
                _end_group(process.pid)  # helpers still writing would break the profile clean-up
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace")[-3000:]
        raise BrowserError(f"chromium exited {process.returncode}: {args}\n{tail}")
    return stdout


def _end_group(pgid: int) -> None:
    """Kill what is left of the process group we started (chromium's own helpers only)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def dump_dom(url: str, *, timeout: float = TIMEOUT) -> str:
    """The page's DOM after scripts ran, serialised as HTML (``--dump-dom``)."""
    return _run(["--dump-dom", url], timeout=timeout).decode("utf-8")


def screenshot(
    url: str, out: Path, *, width: int = 412, height: int = 915, timeout: float = TIMEOUT
) -> Path:
    """Save a PNG of the page at ``width`` x ``height`` (a phone: 412 x 915) to ``out``.

    Returns:
        The absolute path of the PNG.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)  # a stale file must not pass for a new screenshot
    _run([f"--screenshot={out}", f"--window-size={width},{height}", url], timeout=timeout)
    if not out.is_file() or not out.read_bytes().startswith(PNG_MAGIC):
        raise BrowserError(f"chromium wrote no PNG to {out} for {url}")
    return out


def keep_artifact(path: Path, name: str | None = None) -> Path:
    """Copy ``path`` into ``$TRACKER_ARTIFACTS_DIR`` when it is set; return where it is kept.

    Without the variable the file stays where it is (under pytest's tmp dir).
    """
    folder = os.environ.get("TRACKER_ARTIFACTS_DIR")
    if not folder:
        return path
    destination = Path(folder).resolve() / (name or path.name)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, destination)
    return destination
