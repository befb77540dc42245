"""Run the real web app under uvicorn on 127.0.0.1 in a thread, for the length of a test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from tracker.runtime import Runtime
from tracker.web.app import create_app


@contextmanager
def running(rt: Runtime) -> Iterator[str]:
    """Serve `rt`'s app on a free loopback port; yields the base URL."""
    config = uvicorn.Config(
        create_app(rt), host="127.0.0.1", port=0, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
