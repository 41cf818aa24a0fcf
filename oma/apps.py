from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmaConfig(AppConfig):
    """The client's own pages under /oma/ (issue 24): strong sign-in (OpenID Connect),
    the client's own records of every registrar, signing, consents, who processed them."""

    name = "oma"
    verbose_name = _("Oma asiointi")

    def ready(self) -> None:
        from . import records  # noqa: F401 - grants Right.OWN to the kinds a client sees
