from django.core.management.base import BaseCommand

from kopbal.stats.counter import flush_views


class Command(BaseCommand):
    help = "Schrijft de gebufferde weergaven nu weg (Redis of dit proces)."

    def handle(self, *args, **options):
        written = flush_views()
        self.stdout.write(f"{written} weergaven weggeschreven.")
