"""Real loopback servers for the alert tests: an SMTP server and a JSON webhook receiver.

`smtp_server()` runs aiosmtpd on 127.0.0.1 and keeps every message it accepts, parsed;
`webhook_server(behaviour)` runs a `ThreadingHTTPServer` that records every POST and answers
as told (ok, fail then ok, hang, unauthorized, flaky). Both pick a free port, wait on a
`Condition` rather than sleeping, and close every socket and thread when their block ends.
`apprise_mailto_url()` and `apprise_json_url()` give the Apprise URLs that reach them, and
`refusing_port()` a port where nothing listens, for "connection refused".
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from enum import StrEnum
from http.server import BaseHTTPRequestHandler
from typing import Any, Generic, Protocol, TypeVar
from urllib.parse import urlencode

import apprise
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.support import LoopbackServer

HOST = "127.0.0.1"
SENDER = "tracker@example.org"
T = TypeVar("T")


class Endpoint(Protocol):
    """Where a server listens: `SmtpServer` and `WebhookServer` both are one."""

    @property
    def host(self) -> str: ...

    @property
    def port(self) -> int: ...


class _Inbox(Generic[T]):
    """A thread-safe list that tests can wait on."""

    def __init__(self) -> None:
        self._items: list[T] = []
        self._changed = threading.Condition()

    def add(self, item: T) -> None:
        with self._changed:
            self._items.append(item)
            self._changed.notify_all()

    def items(self) -> list[T]:
        with self._changed:
            return list(self._items)

    def wait_for(self, count: int, timeout: float) -> list[T]:
        """All items once at least `count` arrived; `TimeoutError` if they do not in time."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._items) >= count, timeout):
                raise TimeoutError(
                    f"expected {count} within {timeout} s, got {len(self._items)}: {self._items!r}"
                )
            return list(self._items)


# -- SMTP --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mail:
    """One message as the SMTP server accepted it, decoded."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    login: str | None  # the user name given with AUTH; None when the client did not log in
    message: EmailMessage
    subject: str  # RFC 2047 decoded
    text: str | None  # the text/plain part, decoded; None when there is none
    html: str | None  # the text/html part, decoded; None when there is none


def parse_mail(envelope: Envelope, login: str | None) -> Mail:
    """Decode what the client sent (`policy.default` gives an `EmailMessage`).

    SMTP ends lines with CRLF; the decoded text and HTML end them with "\\n", as Python does.
    """
    raw = (envelope.original_content or b"").replace(b"\r\n", b"\n")
    message = BytesParser(_class=EmailMessage, policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return Mail(
        mail_from=envelope.mail_from or "",
        rcpt_tos=tuple(envelope.rcpt_tos),
        login=login,
        message=message,
        subject=str(message.get("Subject", "")),
        text=None if text is None else str(text.get_content()),
        html=None if html is None else str(html.get_content()),
    )


class _Handler:
    """aiosmtpd handler: accept every message and keep it."""

    def __init__(self, inbox: _Inbox[Mail]) -> None:
        self.inbox = inbox

    async def handle_DATA(self, _server: SMTP, session: Session, envelope: Envelope) -> str:
        login = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
        self.inbox.add(parse_mail(envelope, None if login is None else login.decode()))
        return "250 Message accepted for delivery"


def accept_any_login(
    _server: SMTP, _session: Session, _envelope: Envelope, _mechanism: str, auth_data: object
) -> AuthResult:
    """Any user name and password will do (AUTH LOGIN and PLAIN)."""
    return AuthResult(success=True, auth_data=auth_data)


class _Connections:
    """The SMTP connections still open, so teardown can let clients say QUIT first."""

    def __init__(self) -> None:
        self.open: set[asyncio.BaseTransport] = set()
        self.changed = threading.Condition()

    def opened(self, transport: asyncio.BaseTransport) -> None:
        with self.changed:
            self.open.add(transport)

    def closed(self, transport: asyncio.BaseTransport) -> None:
        with self.changed:
            self.open.discard(transport)
            self.changed.notify_all()


class _TrackedSMTP(SMTP):
    def __init__(self, *args: Any, connections: _Connections, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections = connections

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._connections.opened(transport)

    def connection_lost(self, error: Exception | None) -> None:
        transport = self.transport
        super().connection_lost(error)
        if transport is not None:
            self._connections.closed(transport)


class _Controller(Controller):
    """aiosmtpd's `Controller` on a socket we bound to port 0: no port race."""

    def __init__(self, handler: _Handler, sock: socket.socket, connections: _Connections) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(
            handler,
            hostname=host,
            port=port,
            authenticator=accept_any_login,
            auth_require_tls=False,  # offer AUTH LOGIN/PLAIN on plain connections
        )
        self._sock = sock
        self.connections = connections

    def factory(self) -> SMTP:
        return _TrackedSMTP(self.handler, connections=self.connections, **self.SMTP_kwargs)

    def _create_server(self) -> Any:
        return self.loop.create_server(self._factory_invoker, sock=self._sock)

    def close_connections(self, *, patience: float) -> None:
        """Give clients `patience` seconds to hang up, then close what is left."""
        with self.connections.changed:
            self.connections.changed.wait_for(lambda: not self.connections.open, patience)
            left = list(self.connections.open)
        for transport in left:
            self.loop.call_soon_threadsafe(transport.close)
        with self.connections.changed:
            self.connections.changed.wait_for(lambda: not self.connections.open, patience)


class _DropLoginDataNotice(logging.Filter):
    """aiosmtpd warns "Session.login_data is deprecated" on every AUTH, by itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


class SmtpServer:
    """The running SMTP server, as tests see it."""

    def __init__(self, host: str, port: int, inbox: _Inbox[Mail]) -> None:
        self.host = host
        self.port = port
        self._inbox = inbox

    @property
    def messages(self) -> list[Mail]:
        """The messages received so far, in order of arrival."""
        return self._inbox.items()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Mail]:
        """All messages, once at least `count` arrived; `TimeoutError` if not within `timeout`."""
        return self._inbox.wait_for(count, timeout)


@contextmanager
def smtp_server() -> Iterator[SmtpServer]:
    """Run an SMTP server on 127.0.0.1 for the block; it is stopped, sockets closed, after.

    It accepts any sender and recipient, without AUTH or with AUTH LOGIN/PLAIN and any
    credentials, over plain connections (no TLS).
    """
    inbox: _Inbox[Mail] = _Inbox()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    quiet = _DropLoginDataNotice()
    aiosmtpd_log = logging.getLogger("mail.log")
    aiosmtpd_log.addFilter(quiet)
    try:
        sock.bind((HOST, 0))
        controller = _Controller(_Handler(inbox), sock, _Connections())
        controller.start()
        try:
            yield SmtpServer(HOST, controller.port, inbox)
        finally:
            controller.close_connections(patience=2.0)
            controller.stop()
    finally:
        sock.close()
        aiosmtpd_log.removeFilter(quiet)


def apprise_mailto_url(
    server: Endpoint,
    to: str = "me@example.org",
    *,
    sender: str = SENDER,
    user: str | None = None,
    password: str | None = None,
) -> str:
    """An Apprise `mailto://` URL that delivers to `server` over plain SMTP.

    `mode=insecure` means no TLS at all (no STARTTLS); `user`/`password` make Apprise log in.

    >>> from types import SimpleNamespace
    >>> apprise_mailto_url(SimpleNamespace(host="127.0.0.1", port=2525))
    'mailto://127.0.0.1:2525?mode=insecure&from=tracker%40example.org&to=me%40example.org'
    """
    auth = f"{user}:{password}@" if user and password else ""
    query = urlencode({"mode": "insecure", "from": sender, "to": to})
    return f"mailto://{auth}{server.host}:{server.port}?{query}"


# -- webhook -----------------------------------------------------------------------------------


class Behaviour(StrEnum):
    """How the webhook receiver answers."""

    OK = "ok"  # 200
    FAIL_THEN_OK = "fail_then_ok"  # 500 for the first `failures` requests, then 200
    HANG = "hang"  # reads the request, never answers; the connection closes at teardown
    UNAUTHORIZED = "unauthorized"  # 401 always
    FLAKY = "flaky"  # 500 on every `every`-th request (3rd, 6th, ...), else 200


@dataclass(frozen=True, slots=True)
class Posted:
    """One POST as the webhook receiver saw it, and what it answered."""

    path: str
    headers: dict[str, str]  # lower-case names
    raw: bytes
    body: Any  # the JSON body, parsed; None when it was not JSON
    status: int | None  # None: never answered (hang)


class _WebhookServer(LoopbackServer):
    daemon_threads = False  # server_close() joins every handler: nothing outlives a test
    block_on_close = True

    def __init__(self, behaviour: Behaviour, *, failures: int, every: int) -> None:
        super().__init__(HOST, _WebhookHandler)
        self.behaviour = behaviour
        self.failures = failures
        self.every = every
        self.stop = threading.Event()  # wakes handlers that hang
        self.inbox: _Inbox[Posted] = _Inbox()
        self.count = 0

    def next_status(self) -> int | None:
        """The answer to the next request, by behaviour and request number (from 1)."""
        with self.lock:
            self.count += 1
            n = self.count
        match self.behaviour:
            case Behaviour.OK:
                return 200
            case Behaviour.FAIL_THEN_OK:
                return 500 if n <= self.failures else 200
            case Behaviour.HANG:
                return None
            case Behaviour.UNAUTHORIZED:
                return 401
            case Behaviour.FLAKY:
                return 500 if n % self.every == 0 else 200


class _WebhookHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5  # an idle keep-alive connection ends after this; clients close theirs first
    server: _WebhookServer

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        status = self.server.next_status()
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.inbox.add(Posted(self.path, headers, raw, body, status))
        if status is None:
            self.server.stop.wait(60)  # teardown sets it; 60 s bounds a broken teardown
            self.close_connection = True  # hang up without a word
            return
        answer = json.dumps({"status": status}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


class WebhookServer:
    """The running webhook receiver, as tests see it."""

    def __init__(self, server: _WebhookServer) -> None:
        self._server = server
        self.host, self.port = server.server_address[:2]
        self.behaviour = server.behaviour

    def url(self, path: str = "/hook") -> str:
        return f"http://{self.host}:{self.port}{path}"

    @property
    def requests(self) -> list[Posted]:
        """The POSTs received so far, in order of arrival."""
        return self._server.inbox.items()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Posted]:
        """All POSTs, once at least `count` arrived; `TimeoutError` if not within `timeout`."""
        return self._server.inbox.wait_for(count, timeout)


@contextmanager
def webhook_server(
    behaviour: Behaviour | str = Behaviour.OK, *, failures: int = 3, every: int = 3
) -> Iterator[WebhookServer]:
    """Run the receiver on 127.0.0.1 for the block; every handler has ended when it exits.

    Args:
        behaviour: how to answer, a `Behaviour` or its value ("ok", "hang", ...).
        failures: how many requests `fail_then_ok` answers with 500 before it answers 200.
        every: `flaky` answers 500 to request number `every`, `2 * every`, ... and 200 otherwise.
    """
    server = _WebhookServer(Behaviour(behaviour), failures=failures, every=every)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield WebhookServer(server)
    finally:
        server.stop.set()
        server.shutdown()
        thread.join()
        server.server_close()
    assert not server.errors, f"the webhook server failed: {server.errors!r}"


def apprise_json_url(server: Endpoint, path: str = "/hook", **params: str) -> str:
    """Apprise's `json://` URL for `server` (plain HTTP); `params` go in the query, e.g. rto="1".

    >>> from types import SimpleNamespace
    >>> apprise_json_url(SimpleNamespace(host="127.0.0.1", port=8080), rto="1")
    'json://127.0.0.1:8080/hook?rto=1'
    """
    query = f"?{urlencode(params)}" if params else ""
    return f"json://{server.host}:{server.port}{path}{query}"


@contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound, never listening, for the block."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        yield sock.getsockname()[1]


# -- what Apprise reports ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Observed:
    """What one `Apprise.notify()` call to one URL reported, as plain values."""

    ok: bool  # bool(result)
    status: str  # result.status.name: SUCCESS, FAILURE, TIMEOUT, NOMATCH, ...
    service_status: str | None  # result.results[0].status.name; None when nothing was sent
    timeout_count: int
    logs: tuple[tuple[str, str], ...]  # (level, message) of every captured log entry
    seconds: float  # wall clock for the call

    @property
    def messages(self) -> list[str]:
        return [message for _level, message in self.logs]


def observe(url: str, body: str = "body", title: str = "title", **notify: Any) -> Observed:
    """Send one notification to `url` with a fresh `Apprise` and keep what it reported.

    `notify` goes to `Apprise.notify` (e.g. `timeout=1`, `body_format="html"`). A URL that
    `Apprise.add` refuses gives status NOMATCH: nothing was loaded, nothing sent.
    """
    sender = apprise.Apprise()
    sender.add(url)
    started = time.monotonic()
    with sender.notify(body, title=title, **notify) as result:
        seconds = time.monotonic() - started
        return Observed(
            ok=bool(result),
            status=result.status.name,
            service_status=result.results[0].status.name if result.results else None,
            timeout_count=result.timeout_count,
            logs=tuple((entry.level, entry.message) for entry in result.logs()),
            seconds=seconds,
        )
