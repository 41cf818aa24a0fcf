"""python manage.py ptv_import <provider id> <PTV organisation id>: the provider's PTV
service locations into the directory (national/ptv.py)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organization
from national import ptv


class Command(BaseCommand):
    help = "Import a provider's PTV service locations (Open API v11) into the directory."

    def add_arguments(self, parser) -> None:
        parser.add_argument("provider", type=int)
        parser.add_argument("ptv_organization")

    def handle(self, *args, provider: int, ptv_organization: str, **options) -> None:
        organization = Organization.objects.filter(pk=provider).first()
        if organization is None:
            raise CommandError(f"No organisation {provider}")
        try:
            channels = ptv.organization_channels(ptv_organization)
        except ptv.Unavailable as failure:
            raise CommandError(f"PTV did not answer: {failure}") from failure
        created, refreshed = ptv.import_channels(organization, channels)
        self.stdout.write(f"created {created}, refreshed {refreshed}")
