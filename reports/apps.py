from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Raportit")

    def ready(self) -> None:
        from core import hooks

        from . import rollups

        # a write re-computes the touched cases' rollup rows after it commits, in the
        # worker (the request does not pay for it)
        hooks.on_matter_changed_later(rollups.on_matter_changed)
