from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkabilityConfig(AppConfig):
    name = "workability"
    verbose_name = _("Työkyvyn tuki")

    def ready(self) -> None:
        from . import (
            case_page,  # noqa: F401 - the case page's work panel
            records,  # noqa: F401 - declares the kinds
            report,
        )

        report.register()
