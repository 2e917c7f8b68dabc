"""`manage.py evaluate_tagger`: precision and recall of the tagger per entity type, on real
labelled text; the written hard cases are printed apart, as a regression check, not a measure."""

from django.core.management.base import BaseCommand

from kopbal.football.evaluation import WRITTEN, evaluate, load_labelled, report
from kopbal.football.index import get_index, knowledge_index


class Command(BaseCommand):
    help = "Precisie en recall van de tagger op de gelabelde teksten, per soort (clubs, personen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--verbose", "-V", action="store_true", help="Toon elke onterechte en gemiste tag."
        )
        parser.add_argument(
            "--knowledge",
            action="store_true",
            help="Meet met de meegeleverde kennis in plaats van de database.",
        )

    def handle(self, *args, **options):
        index = knowledge_index() if options["knowledge"] else get_index()
        items = load_labelled()
        for split in ("dev", "holdout"):
            chosen = [i for i in items if i["split"] == split]
            self.stdout.write(
                report(
                    evaluate(index, chosen),
                    len(chosen),
                    verbose=options["verbose"],
                    title=f" ({split})",
                )
            )
        self.stdout.write(report(evaluate(index, items), len(items), title=" (alles)"))
        written = load_labelled(WRITTEN)
        self.stdout.write(
            report(
                evaluate(index, written),
                len(written),
                verbose=options["verbose"],
                title=" (geschreven moeilijke gevallen: regressietest, geen meting)",
            )
        )
