from django.db import migrations

from followup.defaults import ensure_defaults


def create(apps, schema_editor):
    ensure_defaults(
        apps.get_model("followup", "EvaluationForm"),
        apps.get_model("followup", "EvaluationItem"),
        apps.get_model("followup", "CapacityDomain"),
    )


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
