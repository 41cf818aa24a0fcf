from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Suunnitelmat")

    def ready(self) -> None:
        # register the case-page provider and the phase guards
        from . import benefits_page, case_page, records, services  # noqa: F401
