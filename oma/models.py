"""The client as an actor: the account a strong sign-in opens, and each sign-in.

A client is a `User` with a `ClientAccount` and no memberships: no staff scope reaches
anything for them, and the middleware keeps them under /oma/. The access log records
their own reads with that user and the purpose `PURPOSE_OWN` (oma.access)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClientAccount(models.Model):
    """One person's way into /oma/, keyed by the personal identity code the strong
    sign-in vouched for; their client records at every registrar are theirs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.PROTECT,
        related_name="client_account",
    )
    hetu = models.CharField(_("henkilötunnus"), max_length=11, unique=True)
    created_at = models.DateTimeField(_("luotu"), default=timezone.now)

    class Meta:
        verbose_name = _("asiakkaan tunnus")
        verbose_name_plural = _("asiakkaiden tunnukset")

    def __str__(self) -> str:
        return self.user.get_full_name() or str(self.pk)


class Identification(models.Model):
    """One strong sign-in: the identification event a client's signature cites."""

    account = models.ForeignKey(
        ClientAccount,
        verbose_name=_("asiakkaan tunnus"),
        on_delete=models.PROTECT,
        related_name="identifications",
    )
    at = models.DateTimeField(_("tunnistettu"), default=timezone.now)
    issuer = models.CharField(_("tunnistuspalvelu"), max_length=300)
    subject = models.CharField(_("tunniste palvelussa"), max_length=255)
    auth_time = models.DateTimeField(_("tunnistautumisaika"), null=True, blank=True)
    token_id = models.CharField(_("tunnisteen yksilöinti"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tunnistautuminen")
        verbose_name_plural = _("tunnistautumiset")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.issuer} {self.at:%Y-%m-%d %H:%M}"


class OwnSignature(models.Model):
    """The client's own signature on a plan, with the sign-in that made it."""

    signature = models.OneToOneField(
        "plans.Signature",
        verbose_name=_("allekirjoitus"),
        on_delete=models.PROTECT,
        related_name="own_signature",
    )
    identification = models.ForeignKey(
        Identification, verbose_name=_("tunnistautuminen"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("asiakkaan oma allekirjoitus")
        verbose_name_plural = _("asiakkaan omat allekirjoitukset")

    def __str__(self) -> str:
        return str(self.signature)


class ClientMessage(models.Model):
    """A reminder sent to the client through a message channel, once per key (a rerun
    of the sweep sends nothing twice)."""

    account = models.ForeignKey(
        ClientAccount, verbose_name=_("asiakkaan tunnus"), on_delete=models.PROTECT
    )
    key = models.CharField(_("aihe"), max_length=100)
    channel = models.CharField(_("kanava"), max_length=40)
    sent_at = models.DateTimeField(_("lähetetty"), default=timezone.now)

    class Meta:
        verbose_name = _("viesti asiakkaalle")
        verbose_name_plural = _("viestit asiakkaille")
        constraints = [
            models.UniqueConstraint(fields=["account", "key"], name="one_message_per_subject")
        ]

    def __str__(self) -> str:
        return self.key
