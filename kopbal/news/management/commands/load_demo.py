from django.core.management.base import BaseCommand

from kopbal.news.demo.loader import load_demo


class Command(BaseCommand):
    help = "Laadt de demo-inhoud (de seed-pagina en demo-reacties); een tweede keer doet niets."

    def handle(self, *args, **options):
        load_demo(out=self.stdout.write)
