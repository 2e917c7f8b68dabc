"""RAAL La Louvière left the old Stade du Tivoli in the summer of 2025: its Jupiler Pro League
home is the new stadium beside it, the Easi Arena (opened June 2025). Changes only the row as
0002 shipped it; a stadium an editor already corrected is left alone.
"""

from django.db import migrations

OLD, NEW = "Stade du Tivoli", "Easi Arena"


def forwards(apps, schema_editor):
    Club = apps.get_model("football", "Club")
    Club.objects.filter(slug="raal-la-louviere", stadium=OLD).update(stadium=NEW)


class Migration(migrations.Migration):
    dependencies = [("football", "0003_newsroom_permissions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
