import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_site_search_documents"), ("clients", "0005_registrars")]

    operations = [
        migrations.AlterField(
            model_name="client",
            name="registrar",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="registered_clients",
                to="accounts.organization",
                verbose_name="rekisterinpitäjä",
            ),
        ),
        migrations.AddConstraint(
            model_name="client",
            constraint=models.UniqueConstraint(
                fields=("registrar", "hetu"),
                name="one_client_record_per_registrar",
                violation_error_message=(
                    "Henkilötunnuksella on jo asiakas tämän rekisterinpitäjän rekisterissä."
                ),
            ),
        ),
    ]
