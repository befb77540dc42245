"""Run as a separate process: send due alerts in small batches until none is left.

Usage: python relay_worker.py DATABASE_URL OWNER
"""

from __future__ import annotations

import sys

from tracker.alerts.relay import deliver_due
from tracker.runtime import Runtime
from tracker.settings import Settings


def main() -> None:
    url, owner = sys.argv[1], sys.argv[2]
    rt = Runtime(settings=Settings(database_url=url, alert_timeout=5))
    while True:
        report = deliver_due(rt, owner=owner, limit=5)
        if report.sent + report.retrying + report.failed == 0:
            break
    rt.close()


if __name__ == "__main__":
    main()
