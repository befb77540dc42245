"""A small thread-safe least-recently-used cache, for rendered feeds and rendered events."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LRU(Generic[V]):
    """Keeps at most `size` values (0: none), dropping the least recently used first."""

    def __init__(self, size: int) -> None:
        """An empty cache of `size` values."""
        self._size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: Hashable) -> V | None:
        """The value kept under `key`, if any (it becomes the most recently used)."""
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
            return found

    def remember(self, key: Hashable, value: V) -> None:
        """Keep `value` under `key`."""
        if self._size <= 0:
            return
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self._size:
                self._values.popitem(last=False)

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value under `key`, made (outside the lock) and kept on a miss."""
        found = self.peek(key)
        if found is not None:
            return found
        made = make()
        self.remember(key, made)
        return made
