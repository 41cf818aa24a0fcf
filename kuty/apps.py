from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KutyConfig(AppConfig):
    name = "kuty"
    verbose_name = _("Järjestelmä")
