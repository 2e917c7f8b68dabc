import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopbal.settings.dev")

django_application = get_wsgi_application()

from kopbal.core.pagecache import CachedPageWSGI  # noqa: E402 - needs settings configured

# Cache hits for anonymous readers are answered here, before Django's request machinery.
application = CachedPageWSGI(django_application)
