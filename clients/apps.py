from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = _("Asiakkuudet")

    def ready(self) -> None:
        from . import case_page, records  # noqa: F401 - the case-page provider, the kinds
