from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "national"
    verbose_name = _("Kansalliset palvelut")

    def ready(self) -> None:
        # the made-decision hook (a message queued in the decision's transaction) and
        # the case page's panel of what is still pending
        from . import case_page, services  # noqa: F401
