from django.db import migrations


def index_sites(apps, schema_editor):
    from accounts.search import document

    Site = apps.get_model("accounts", "Site")
    sites = list(Site.objects.select_related("organization", "municipality"))
    for site in sites:
        site.search_document = document(
            site.name, site.description, " ".join(site.kinds_of_work), site.organization.name,
            site.municipality.name, site.post_office, site.accessibility,
        )
    Site.objects.bulk_update(sites, ["search_document"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_site_search")]
    operations = [migrations.RunPython(index_sites, migrations.RunPython.noop)]
