"""Edward Still left Anderlecht after two matches as interim coach and has been Watford's head
coach since 9 February 2026; Anderlecht dismissed its sporting director Olivier Renard the same
day. 0002 shipped both as Anderlecht's people now. Changes only rows still as 0002 shipped
them: a person an editor already moved is left alone.
"""

from django.db import migrations
from django.db.models import Max

YEAR = 2026


def forwards(apps, schema_editor):
    Club = apps.get_model("football", "Club")
    Person = apps.get_model("football", "Person")
    CareerSpell = apps.get_model("football", "CareerSpell")
    anderlecht = Club.objects.filter(slug="rsc-anderlecht").first()
    if anderlecht is None:
        return
    still = Person.objects.filter(slug="edward-still", current_club=anderlecht).first()
    if still is not None:
        watford, _ = Club.objects.get_or_create(
            slug="watford",
            defaults={
                "name": "Watford",
                "other_names": "Watford FC",
                "city": "Watford",
                "country": "GB-ENG",
            },
        )
        CareerSpell.objects.filter(
            person=still, club=anderlecht, role="coach", to_year__isnull=True
        ).update(to_year=YEAR)
        if not CareerSpell.objects.filter(person=still, club=watford).exists():
            last = CareerSpell.objects.filter(person=still).aggregate(n=Max("sort_order"))["n"]
            CareerSpell.objects.create(
                person=still,
                club=watford,
                role="coach",
                from_year=YEAR,
                sort_order=(last or 0) + 1,
            )
        still.current_club = watford
        still.save()
    renard = Person.objects.filter(slug="olivier-renard", current_club=anderlecht).first()
    if renard is not None:
        CareerSpell.objects.filter(
            person=renard, club=anderlecht, role="director", to_year__isnull=True
        ).update(to_year=YEAR)
        renard.current_club = None
        renard.save()


class Migration(migrations.Migration):
    dependencies = [("football", "0004_raal_stadium")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
