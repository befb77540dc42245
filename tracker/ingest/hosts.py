"""Per-host rules for fetching: which addresses may be contacted, and how many requests at once."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address; False for loopback, private, link-local….

    IPv6 addresses that embed an IPv4 one (mapped, 6to4, Teredo) are judged by it too.

    >>> [is_public_address(a) for a in ("93.184.216.34", "127.0.0.1", "10.1.2.3", "::1")]
    [True, False, False, False]
    >>> [is_public_address(a) for a in ("169.254.169.254", "::ffff:192.168.0.1", "100.64.0.1")]
    [False, False, False]
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
    return ip.is_global and not ip.is_multicast


def first_non_public_address(host: str, port: int) -> str | None:
    """Resolve `host` and return the first of its addresses that is not public, if any.

    Raises:
        OSError: the name does not resolve (`socket.gaierror`).
    """
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = str(sockaddr[0])
        if not is_public_address(address):
            return address
    return None


class HostLimiter:
    """Lets at most `limit` threads at a time hold a slot for any one host.

    Other threads wait their turn. `active` and `waiting` report the current counts, and
    `wait_until` lets an observer (a progress display, a test) wait for them to change.
    """

    def __init__(self, limit: int) -> None:
        """Allow `limit` (at least 1) requests per host at once."""
        self._limit = max(limit, 1)
        self._changed = threading.Condition()
        self._active: Counter[str] = Counter()
        self._waiting: Counter[str] = Counter()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of `host`'s slots for the length of the block, waiting for one if needed."""
        with self._changed:
            self._waiting[host] += 1
            self._changed.notify_all()
            self._changed.wait_for(lambda: self._active[host] < self._limit)
            self._waiting[host] -= 1
            self._active[host] += 1
            self._changed.notify_all()
        try:
            yield
        finally:
            with self._changed:
                self._active[host] -= 1
                self._changed.notify_all()

    def active(self, host: str) -> int:
        """Slots of `host` held now."""
        with self._changed:
            return self._active[host]

    def waiting(self, host: str) -> int:
        """Threads waiting now for a slot of `host`."""
        with self._changed:
            return self._waiting[host]

    def wait_until(self, predicate: Callable[[], bool], *, timeout: float) -> bool:
        """Wait until `predicate()` (which may call `active` and `waiting`) holds, or time out."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout)
