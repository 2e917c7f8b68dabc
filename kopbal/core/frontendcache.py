"""A Wagtail front-end cache backend for the nginx in deploy/: purge by refreshing.

nginx (open source) cannot delete a cached entry, but it can replace one: a request with
the secret `X-Kopbal-Refresh` header bypasses its cache, goes to the app, and the fresh
answer is stored over the old one. kopbal's page cache (kopbal/core/pagecache.py) knows
which URLs showed each purged key and hands them to Wagtail's front-end cache machinery,
which calls this backend.
"""

from __future__ import annotations

import logging
import threading
import urllib.request
from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger(__name__)


class NginxRefreshBackend(BaseBackend):
    def __init__(self, params):
        super().__init__(params)
        self.locations = [loc.rstrip("/") for loc in params["LOCATIONS"]]
        self.secret = params["SECRET"]
        self.timeout = params.get("TIMEOUT", 10)
        self.limit = params.get("MAX_URLS", 50)

    def _refresh(self, location: str, url: str) -> None:
        parts = urlsplit(url)
        target = location + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = urllib.request.Request(  # noqa: S310 - our own nginx, from settings
            target, headers={"Host": parts.netloc, "X-Kopbal-Refresh": self.secret}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except Exception as exc:  # noqa: BLE001 - a stale page for a few seconds, not an error
            logger.warning("nginx-cache niet ververst voor %s: %s", url, exc)

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        """Refresh in the background: the editor's publish must not wait for renders.

        Only the most recent MAX_URLS are refreshed; older ones expire by s-maxage.
        """
        urls = list(urls)[-self.limit :]

        def run() -> None:
            for location in self.locations:
                for url in urls:
                    self._refresh(location, url)

        threading.Thread(target=run, name="kopbal-nginx-refresh", daemon=True).start()
