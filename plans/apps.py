from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Suunnitelmat")

    def ready(self) -> None:
        from . import case_page  # noqa: F401 - registers the plans' case-page provider
