"""The embedded default that `make run` uses: SQLite, local memory, no services.

The secret key is made once and kept in var/, so sessions survive a restart without the
newcomer having to invent one.
"""

import os
import secrets

from .base import *

VAR_DIR.mkdir(parents=True, exist_ok=True)
_secret_file = VAR_DIR / "secret_key"
if "SECRET_KEY" in os.environ:
    SECRET_KEY = os.environ["SECRET_KEY"]
else:
    if not _secret_file.exists():
        _secret_file.write_text(secrets.token_urlsafe(50))
        _secret_file.chmod(0o600)
    SECRET_KEY = _secret_file.read_text().strip()
