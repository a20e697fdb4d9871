"""The answer cache: a key is computed once, also by concurrent requests; old entries go."""

from __future__ import annotations

import threading
import time

from corridor.web.api import ResultCache


def test_concurrent_requests_for_one_key_compute_it_once():
    cache = ResultCache(8)
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.2)
        return b"x", "text/plain", {}

    out = []
    threads = [threading.Thread(target=lambda: out.append(cache.get_or_compute("k", compute))) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(out) == 10 and all(o == (b"x", "text/plain", {}) for o in out)


def test_least_recently_used_entries_are_dropped_and_failures_not_kept():
    cache = ResultCache(2)
    for k in "abc":
        cache.get_or_compute(k, lambda k=k: (k.encode(), "t", {}))
    assert cache.get_or_compute("a", lambda: (b"again", "t", {}))[0] == b"again"

    def fail():
        raise ValueError("no")

    for _ in range(2):
        try:
            cache.get_or_compute("f", fail)
        except ValueError:
            pass
    assert cache.get_or_compute("f", lambda: (b"ok", "t", {}))[0] == b"ok"
