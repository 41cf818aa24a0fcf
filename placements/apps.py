from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Työtoimintapaikat")

    def ready(self) -> None:
        # register the case-page provider and the hook on made (ending) decisions
        from . import case_page, notices, records, services  # noqa: F401
