from django.conf import settings
from django.core.management.base import BaseCommand

from kopbal.core.scheduler import publish_due, run_forever


class Command(BaseCommand):
    help = "Publiceert geplande pagina's op hun tijd (gestart door de productieserver)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Eén keer en stoppen.")

    def handle(self, *args, once: bool = False, **options):
        if once:
            publish_due()
        else:
            run_forever(settings.KOPBAL_SCHEDULER_INTERVAL)
