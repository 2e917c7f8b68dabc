from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kopbal.news.importer import ImportError_, decode, import_page


class Command(BaseCommand):
    help = "Importeert een paginadump in het formaat van de seed (kop, door, lead, ...)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pad naar het tekstbestand")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        try:
            text = decode(path.read_bytes())
            result = import_page(text, progress=lambda msg: self.stdout.write(msg))
        except ImportError_ as exc:
            raise CommandError(f"Niets geïmporteerd: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} artikels aangemaakt, {len(result.skipped)} bestonden al."
            )
        )
        for item in result.not_imported:
            self.stderr.write(self.style.WARNING(f"Niet geïmporteerd: {item}"))
