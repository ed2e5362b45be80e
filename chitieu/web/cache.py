"""Page data kept until the store changes.

The overview aggregates every locality's latest period; with a million facts that is a few
hundred milliseconds of SQL, the same result for every visitor until new documents or
judgements arrive. `PageCache.get(session, key, compute)` returns the stored dict while
`repo_web.data_version(session)` (a handful of index lookups) is unchanged, and computes
it again otherwise, so a page is never staler than the store. Each server process has its
own cache; `CHITIEU_PAGE_CACHE=0` turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy.orm import Session

from chitieu.store.repo_web import data_version

Data = dict[str, Any]


class PageCache:
    def __init__(self, *, enabled: bool = True, size: int = 64) -> None:
        self.enabled = enabled
        self.size = size
        self.hits = self.misses = 0
        self._items: OrderedDict[Hashable, tuple[tuple[Any, ...], Data]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session: Session, key: Hashable, compute: Callable[[], Data]) -> Data:
        """The page dict for `key` (treat it as read-only: it is shared between requests)."""
        if not self.enabled:
            return compute()
        version = data_version(session)
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == version:
                self._items.move_to_end(key)
                self.hits += 1
                return found[1]
        value = compute()
        with self._lock:
            self.misses += 1
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value
