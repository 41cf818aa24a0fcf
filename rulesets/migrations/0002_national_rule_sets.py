from django.db import migrations

from rulesets.defaults import RULE_SETS, ensure


def add(apps, schema_editor):
    for spec in RULE_SETS:
        ensure(apps.get_model("rulesets", "RuleSet"), apps.get_model("rulesets", "PlanTypeRule"), spec)


class Migration(migrations.Migration):
    dependencies = [("rulesets", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
