"""`tracker serve`: the feeds and pages over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import ready


def register(app: typer.Typer) -> None:
    """Add `tracker serve` to the root command."""
    app.command()(serve)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; loopback unless told.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8080,
) -> None:
    """Serve calendar feeds and subscription pages, e.g. `tracker serve --port 8080`.

    Feeds are at /feeds/TOKEN.ics, pages at /s/TOKEN (see `tracker feed url NAME`).
    """
    import uvicorn

    from tracker.web.app import create_app

    rt = ready(ctx)
    host = host or rt.settings.serve_host
    rt.serving_at(host, port)
    print(f"serving on http://{host}:{port} (feeds link to {rt.settings.base_url})")
    uvicorn.run(
        create_app(rt),
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
    )
