from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0017_access_log_without_redundant_key_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                models.F("municipality"),
                models.OrderBy(models.F("opened_on"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="case_by_municipality_newest",
            ),
        ),
    ]
