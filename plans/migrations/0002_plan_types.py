from django.db import migrations

PLAN_TYPES = [
    ("aktivointisuunnitelma", "Aktivointisuunnitelma", "Aktiveringsplan", "Activation plan"),
    (
        "monialainen-tyollistymissuunnitelma",
        "Monialainen työllistymissuunnitelma",
        "Sektorövergripande sysselsättningsplan",
        "Multi-sector employment plan",
    ),
]


def add_plan_types(apps, schema_editor):
    PlanType = apps.get_model("plans", "PlanType")
    for code, fi, sv, en in PLAN_TYPES:
        PlanType.objects.update_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(add_plan_types, migrations.RunPython.noop)]
