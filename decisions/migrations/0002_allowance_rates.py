from django.db import migrations

from decisions.rates import ensure_allowance_rates


def add_rates(apps, schema_editor):
    ensure_allowance_rates(apps.get_model("decisions", "AllowanceRate"))


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(add_rates, migrations.RunPython.noop)]
