from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Päätökset")

    def ready(self) -> None:
        from . import case_page, records  # noqa: F401 - the case-page provider, the kinds
