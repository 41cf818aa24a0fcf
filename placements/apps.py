from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Työtoimintapaikat")

    def ready(self) -> None:
        from . import case_page  # noqa: F401 - registers the placements' case-page provider
