from django.db import migrations, models


def index(model, table, day):
    return migrations.AddIndex(
        model_name=model,
        index=models.Index(fields=["municipality_id", day], name=f"rollup_{table}_organiser"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_rollups"),
    ]

    operations = [
        index("casefact", "case", "opened_on"),
        index("placementfact", "placement", "start_on"),
        index("attendancemonth", "month", "month"),
        index("attendancegroupmonth", "group", "month"),
        index("capacitychange", "capacity", "assessed_on"),
    ]
