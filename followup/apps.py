from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Seuranta")

    def ready(self) -> None:
        # register the case-page and placement-page providers
        from core import hooks

        from . import (
            case_page,  # noqa: F401
            records,  # noqa: F401
            reminders,
        )

        # a service that resolves a matter closes its reminder at once, or (the rules
        # marked `later` for it) within moments, in the worker after the commit
        hooks.on_matter_changed(reminders.refresh)
        hooks.on_matter_changed_later(reminders.refresh_later, in_request=True)
