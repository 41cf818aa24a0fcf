from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Raportit")

    def ready(self) -> None:
        from core import hooks

        from . import rollups

        # a write re-computes the touched cases' rollup rows after it commits, in the
        # worker (the request does not pay for it; with the broker down, not in the
        # request either: it could wait on the nightly rebuild's lock, which repairs it)
        hooks.on_matter_changed_later(rollups.on_matter_changed, in_request=False)
