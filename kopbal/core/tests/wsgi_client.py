"""Requests through kopbal/wsgi.py's application, cache front included, as the server sends them."""

from dataclasses import dataclass

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory


@dataclass
class WSGIResponse:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


def wsgi_get(path: str, **extra) -> WSGIResponse:
    from kopbal.wsgi import application

    environ = RequestFactory().get(path, **extra).environ
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["headers"] = {}
        for key, value in headers:
            captured["headers"].setdefault(key.lower(), value)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return WSGIResponse(captured["status"], captured["headers"], body)
