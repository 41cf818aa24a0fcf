from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_rollups_by_organiser"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="casefact",
            index=GinIndex(fields=["site_ids"], name="rollup_case_sites"),
        ),
        migrations.AddIndex(
            model_name="placementfact",
            index=models.Index(fields=["site_id", "start_on"], name="rollup_placement_site"),
        ),
    ]
