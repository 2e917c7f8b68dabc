"""Requests through kopbal/wsgi.py's application, cache front included, as gunicorn sends them."""

from dataclasses import dataclass

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

    chunks = application(environ, start_response)
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return WSGIResponse(captured["status"], captured["headers"], body)
