"""The view beacon: the reader's browser reports that it showed an article.

Answered without touching the session, the user or a cookie, and without a database
query: the view only goes into the buffer (counter.py). Crawlers, link previews and
prefetches are not counted; one address counts at most KOPBAL_VIEWS_PER_IP_PER_MINUTE views
a minute, so a loop on the beacon cannot push an article up `Meest gelezen`.
"""

from __future__ import annotations

import base64
import re

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kopbal.core.ratelimit import anonymised, client_ip, hit

from .counter import record_view, setting

# 1x1 transparent GIF for the <noscript> pixel.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NOT_READERS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|embedly|preview|lighthouse|"
    r"pingdom|uptime|curl/|wget/|python-requests|httpx|go-http-client",
    re.IGNORECASE,
)
MAX_PAGE_ID = 2**31 - 1


def _counts(request: HttpRequest) -> bool:
    agent = request.headers.get("User-Agent", "")
    if not agent or NOT_READERS.search(agent):
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    limit = setting("KOPBAL_VIEWS_PER_IP_PER_MINUTE", 120)
    return hit("views", anonymised(client_ip(request)), limit, 60)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def view_beacon(request: HttpRequest, page_id: int) -> HttpResponse:
    if 0 < page_id <= MAX_PAGE_ID and _counts(request):
        record_view(page_id)
    if request.method == "POST":
        response = HttpResponse(status=204)
    else:
        response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response
