from django.db import migrations

from plans.plan_types import ensure_plan_types


def add_plan_types(apps, schema_editor):
    ensure_plan_types(apps.get_model("plans", "PlanType"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(add_plan_types, migrations.RunPython.noop)]
