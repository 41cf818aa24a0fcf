from django.db import migrations

# the national defaults (workability.flags.DEFAULT_RULES as of this migration); a
# region overrides any of them with its own row
DEFAULTS = (
    ("health_absences", 3, 8),
    ("parallel_services", 3, 8),
    ("capacity_low", 3, 8),
    ("capacity_falling", 2, 8),
    ("repeated_period", 2, 8),
    ("benefit_change", 1, 8),
)


def add(apps, schema_editor):
    Rule = apps.get_model("workability", "IntegrationRule")
    for kind, threshold, weeks in DEFAULTS:
        Rule.objects.get_or_create(
            region=None, kind=kind, defaults={"threshold": threshold, "weeks": weeks}
        )


class Migration(migrations.Migration):
    dependencies = [("workability", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
