"""The clubs, people, careers and competitions kopbal ships with (kopbal/football/knowledge.py).

Only creates what is missing; what an editor changed is left alone. Reversing removes nothing:
by then editors may have built on these rows.
"""

from django.db import migrations


def load(apps, schema_editor):
    from kopbal.football.knowledge import load as load_knowledge

    load_knowledge(
        apps.get_model("football", "Competition"),
        apps.get_model("football", "Club"),
        apps.get_model("football", "Person"),
        apps.get_model("football", "CareerSpell"),
    )


class Migration(migrations.Migration):
    dependencies = [("football", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
