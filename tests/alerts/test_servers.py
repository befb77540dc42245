from __future__ import annotations

import logging
import re
import smtplib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import apprise
import pytest

from tests.alerts.servers import (
    SENDER,
    Behaviour,
    apprise_json_url,
    apprise_mailto_url,
    observe,
    refusing_port,
    smtp_server,
    webhook_server,
)

SUBJECT = "Dune: Part Three — date avancée à décembre ✓"
TEXT = "Dune: Part Three moves to 18 December 2026.\nSource: https://example.org/a"
HTML = '<p>Dune: Part Three moves to <b>18 December 2026</b> &amp; café.</p><a href="x">src</a>'
FAILED_500 = "Failed to send JSON POST notification: Internal server error., error=500."
FAILED_401 = "Failed to send JSON POST notification: Verification Failed., error=401."
CONNECTION_ERROR = "A Connection error occurred sending JSON notification to 127.0.0.1."


# -- SMTP --------------------------------------------------------------------------------------


def test_apprise_mailto_delivers_plain_text_with_a_non_ascii_subject() -> None:
    with smtp_server() as server:
        seen = observe(apprise_mailto_url(server), body=TEXT, title=SUBJECT, body_format="text")
        (mail,) = server.wait_for(1)
    assert (seen.ok, seen.status, seen.logs) == (True, "SUCCESS", ())
    assert mail.mail_from == SENDER
    assert mail.rcpt_tos == ("me@example.org",)
    assert mail.login is None  # no user:password in the URL, no AUTH
    assert mail.subject == SUBJECT
    assert mail.message.get_content_type() == "text/plain"
    assert mail.text is not None
    assert mail.text.strip() == TEXT
    assert mail.html is None


def test_apprise_mailto_delivers_html_with_a_plain_alternative() -> None:
    with smtp_server() as server:
        seen = observe(apprise_mailto_url(server), body=HTML, title=SUBJECT, body_format="html")
        (mail,) = server.wait_for(1)
    assert seen.ok
    assert mail.subject == SUBJECT
    assert mail.message.get_content_type() == "multipart/alternative"
    assert mail.html is not None
    assert mail.html.strip() == HTML
    assert mail.text is not None
    assert "18 December 2026 & café." in mail.text  # Apprise converts the HTML to text
    assert "<b>" not in mail.text


def test_apprise_mailto_without_body_format_sends_the_body_as_unescaped_html() -> None:
    body = "a <b>x</b> & y\nline2"
    with smtp_server() as server:
        assert observe(apprise_mailto_url(server), body=body, title=SUBJECT).ok
        (mail,) = server.wait_for(1)
    assert mail.message.get_content_type() == "multipart/alternative"
    assert mail.html == body  # as given: not escaped; pass body_format="text" or escape it
    assert mail.text == "a x & y line2"  # the line break is lost


def test_apprise_mailto_logs_in_when_the_url_has_credentials() -> None:
    with smtp_server() as server:
        url = apprise_mailto_url(server, to="you@example.org", user="bob", password="s3cr:t")
        seen = observe(url, body=TEXT, title=SUBJECT)
        (mail,) = server.wait_for(1)
    assert seen.ok
    assert (mail.login, mail.rcpt_tos) == ("bob", ("you@example.org",))


@pytest.mark.parametrize("mechanism", ["LOGIN", "PLAIN"])
def test_smtp_server_accepts_any_credentials_without_tls(mechanism: str) -> None:
    with smtp_server() as server:
        with smtplib.SMTP(server.host, server.port, timeout=5) as client:
            client.ehlo()
            assert client.has_extn("auth")
            assert not client.has_extn("starttls")
            client.user, client.password = "anyone", "anything"
            authenticate = client.auth_login if mechanism == "LOGIN" else client.auth_plain
            client.auth(mechanism, authenticate)
            client.sendmail("a@example.org", ["b@example.org"], b"Subject: hi\r\n\r\nhello\r\n")
        (mail,) = server.wait_for(1)
    assert (mail.login, mail.subject, mail.text) == ("anyone", "hi", "hello\n")  # CRLF decoded


def test_two_concurrent_sends_both_arrive() -> None:
    with smtp_server() as server:
        start = threading.Barrier(2)

        def send(to: str) -> bool:
            start.wait(5)
            return observe(apprise_mailto_url(server, to=to), body=TEXT, title=to).ok

        targets = ["one@example.org", "two@example.org"]
        with ThreadPoolExecutor(2) as pool:
            sent = list(pool.map(send, targets))
        mails = server.wait_for(2)
    assert sent == [True, True]
    assert sorted((m.rcpt_tos, m.subject) for m in mails) == [((t,), t) for t in targets]


def test_wait_for_gives_up_with_a_timeout_error() -> None:
    with smtp_server() as server, pytest.raises(TimeoutError, match=r"expected 1 .* got 0"):
        server.wait_for(1, timeout=0.05)


# -- webhook: what the receiver records and answers --------------------------------------------


def test_webhook_records_path_headers_and_json_body() -> None:
    with webhook_server("ok") as server:
        seen = observe(apprise_json_url(server, "/alerts/7"), body="Body ✓", title="Títle")
        (posted,) = server.wait_for(1)
    assert seen.ok
    assert posted.path == "/alerts/7"
    assert posted.status == 200
    assert posted.headers["content-type"] == "application/json"
    assert posted.body == {
        "version": "1.0",
        "title": "Títle",
        "message": "Body ✓",
        "attachments": [],
        "type": "info",
    }


@pytest.mark.parametrize(
    ("behaviour", "statuses"),
    [
        ("ok", [200, 200, 200, 200, 200, 200]),
        ("fail_then_ok", [500, 500, 500, 200, 200, 200]),
        ("unauthorized", [401, 401, 401, 401, 401, 401]),
        ("flaky", [200, 200, 500, 200, 200, 500]),
    ],
)
def test_webhook_answers_per_behaviour(behaviour: str, statuses: list[int]) -> None:
    with webhook_server(behaviour) as server:
        url = apprise_json_url(server)
        results = [observe(url).ok for _ in statuses]
        posted = server.wait_for(len(statuses))
    assert [p.status for p in posted] == statuses
    assert results == [status == 200 for status in statuses]


def test_webhook_failures_and_every_are_configurable() -> None:
    with webhook_server(Behaviour.FAIL_THEN_OK, failures=1) as server:
        assert [observe(apprise_json_url(server)).ok for _ in range(2)] == [False, True]
    with webhook_server(Behaviour.FLAKY, every=2) as server:
        assert [observe(apprise_json_url(server)).ok for _ in range(4)] == [True, False] * 2


# -- webhook: what Apprise 2.3 reports, the facts the relay classifies from ---------------------


def test_apprise_reports_success() -> None:
    with webhook_server("ok") as server:
        seen = observe(apprise_json_url(server))
    assert (seen.ok, seen.status, seen.service_status, seen.timeout_count) == (
        True,
        "SUCCESS",
        "SUCCESS",
        0,
    )
    assert seen.logs == ()


def test_apprise_reports_a_500_as_failure_with_error_500() -> None:
    with webhook_server("fail_then_ok") as server:
        seen = observe(apprise_json_url(server))
    assert (seen.ok, seen.status, seen.service_status, seen.timeout_count) == (
        False,
        "FAILURE",
        "FAILURE",
        0,
    )
    assert seen.logs == (("WARNING", FAILED_500),)


def test_apprise_reports_a_401_as_failure_with_error_401() -> None:
    with webhook_server("unauthorized") as server:
        seen = observe(apprise_json_url(server))
    assert (seen.ok, seen.status, seen.service_status, seen.timeout_count) == (
        False,
        "FAILURE",
        "FAILURE",
        0,
    )
    assert seen.logs == (("WARNING", FAILED_401),)
    assert "error=401" in seen.messages[0]


def test_apprise_gives_up_on_a_hanging_server_at_the_call_timeout() -> None:
    with webhook_server("hang") as server:
        seen = observe(apprise_json_url(server), timeout=1)
        (posted,) = server.wait_for(1)
        closing = time.monotonic()
    assert time.monotonic() - closing < 2  # the hung handler does not hold up teardown
    assert posted.status is None
    assert seen.seconds < 3  # 1 s plus Apprise's 0.1 s grace, not forever
    assert (seen.ok, seen.status, seen.service_status, seen.timeout_count) == (
        False,
        "TIMEOUT",
        "TIMEOUT",
        1,
    )
    ((level, message),) = seen.logs  # the time is the deadline it waited to, e.g. 1.100s
    assert level == "ERROR"
    assert re.fullmatch(r"Service 'JSON' did not finish within 1\.1\d\ds\.", message), message


def test_apprise_reports_a_read_timeout_from_the_url_as_a_connection_error() -> None:
    with webhook_server("hang") as server:
        seen = observe(apprise_json_url(server, rto="0.5"))
    assert seen.seconds < 3  # rto= is the socket read timeout; the default is 4 s
    assert (seen.ok, seen.status, seen.service_status, seen.timeout_count) == (
        False,
        "FAILURE",
        "FAILURE",
        0,
    )
    assert seen.logs == (("WARNING", CONNECTION_ERROR),)


def test_apprise_reports_connection_refused_as_a_connection_error() -> None:
    with refusing_port() as port:
        seen = observe(f"json://127.0.0.1:{port}/hook")
    assert (seen.ok, seen.status, seen.service_status, seen.timeout_count) == (
        False,
        "FAILURE",
        "FAILURE",
        0,
    )
    assert seen.logs == (("WARNING", CONNECTION_ERROR),)


@pytest.mark.parametrize(
    ("url", "logged"),
    [
        ("json://", ["Unparseable JSON URL json://..."]),
        ("nosuchschema://host", ["Unparseable URL nosuchschema://host"]),
        (
            "mailto://",
            ["Invalid ~From~ email specified: ", "Could not load E-Mail URL: mailto://..."],
        ),
        (
            "mailto://127.0.0.1?mode=tls",
            [
                "The secure mode specified (tls) is invalid.",
                "Could not load E-Mail URL: mailto://1...1?mode=tls",
            ],
        ),
    ],
)
def test_apprise_add_refuses_an_invalid_url(
    url: str, logged: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    sender = apprise.Apprise()
    with caplog.at_level(logging.WARNING, logger="apprise"):
        added = sender.add(url)
    assert (added, len(sender)) == (False, 0)
    assert [r.getMessage() for r in caplog.records if r.name == "apprise"] == logged
    with sender.notify("body", title="title") as result:  # nothing loaded, nothing sent
        assert (bool(result), result.status.name, len(result.results)) == (False, "NOMATCH", 0)
        assert [e.message for e in result.logs()] == ["There are no service(s) to notify"]


def test_apprise_add_splits_a_url_on_spaces_and_commas() -> None:
    sender = apprise.Apprise()
    assert sender.add("json://127.0.0.1:1/a, json://127.0.0.1:2/b json://127.0.0.1:3/c")
    assert len(sender) == 3  # a channel URL must be checked to be one URL before it is added


def test_apprise_add_accepts_a_port_out_of_range_and_fails_at_send() -> None:
    seen = observe("json://127.0.0.1:99999/hook")
    assert (seen.status, seen.service_status) == ("FAILURE", "FAILURE")
    assert seen.logs == (("WARNING", CONNECTION_ERROR),)  # looks transient; it is not
