"""What kuty hands to national services: each through an outbox row written in the
same transaction as the matter itself, so a broker or network failure loses nothing;
a Celery task sends a row and records the answer (docs/national.md)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Site
from clients.models import Case
from decisions.models import Decision


class Channel(models.TextChoices):
    ELECTRONIC = "electronic", _("Suomi.fi-viestit, sähköisesti")
    PAPER = "paper", _("Suomi.fi-viestit, tulostettu kirje")


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Odottaa lähettämistä")
    SENT = "sent", _("Lähetetty, odottaa toimitustietoa")
    DELIVERED = "delivered", _("Toimitettu")
    FAILED = "failed", _("Epäonnistui, vaatii käsittelyä")


class MessageOutbox(models.Model):
    """A made decision to be served through Suomi.fi Messages. The external id is fixed
    when the row is written, so a retry of a send that went through is answered 409
    (duplicate) by the service and recorded once."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="suomifi_message"
    )
    channel = models.CharField(_("kanava"), max_length=10, choices=Channel.choices)
    external_id = models.CharField(_("ulkoinen tunniste"), max_length=100, unique=True)
    state = models.CharField(
        _("tila"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("yrityksiä"), default=0)
    last_error = models.CharField(_("viimeisin virhe"), max_length=500, blank=True)
    message_id = models.BigIntegerField(_("Suomi.fi-viestin tunniste"), null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("lähetetty"), null=True, blank=True)

    class Meta:
        verbose_name = _("Suomi.fi-viesti")
        verbose_name_plural = _("Suomi.fi-viestit")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["pending", "failed"]) | Q(message_id__isnull=False),
                name="national_message_sent_has_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.external_id} ({self.get_state_display()})"


class ArchiveDocument(models.Model):
    """A document the product issued, rendered as PDF/A with its archive metadata,
    waiting for (or handed to) the archive. One row per document (its external id)."""

    external_id = models.CharField(_("ulkoinen tunniste"), max_length=100, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("asiakirja"), max_length=30)
    record_id = models.PositiveBigIntegerField()
    pdf = models.FileField(_("PDF/A"), upload_to="archive/")
    metadata = models.JSONField(_("arkistointitiedot"))
    state = models.CharField(
        _("tila"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("yrityksiä"), default=0)
    last_error = models.CharField(_("viimeisin virhe"), max_length=500, blank=True)
    archive_id = models.CharField(_("arkiston tunniste"), max_length=200, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("arkistoitu"), null=True, blank=True)

    class Meta:
        verbose_name = _("arkistoitava asiakirja")
        verbose_name_plural = _("arkistoitavat asiakirjat")
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="national_archive_once"),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "failed"]) | ~Q(archive_id=""),
                name="national_archived_has_id",
            ),
        ]

    def __str__(self) -> str:
        return self.external_id


class PtvLink(models.Model):
    """A directory entry linked to its service location in PTV (Palvelutietovaranto):
    the PTV side as last read (its fields mapped, its own update time) and the fields
    that differ from the provider's entry here, reported rather than overwritten."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="ptv_link")
    ptv_id = models.UUIDField(_("PTV-tunniste"), unique=True)
    organization_id = models.UUIDField(_("PTV-organisaatio"))
    url = models.URLField(_("PTV-linkki"), max_length=300)
    services = models.JSONField(_("PTV-palvelut"), default=list)
    ptv_fields = models.JSONField(_("PTV:n tiedot"), default=dict)
    ptv_modified = models.DateTimeField(_("päivitetty PTV:ssä"))
    differences = models.JSONField(_("erot"), default=list)
    checked_at = models.DateTimeField(_("verrattu"), null=True, blank=True)
    last_error = models.CharField(_("viimeisin virhe"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("PTV-linkki")
        verbose_name_plural = _("PTV-linkit")

    def __str__(self) -> str:
        return str(self.ptv_id)


class EventCursor(models.Model):
    """Where the reading of the service's event stream goes on (its continuation token);
    moved only in the transaction that applies the events read."""

    name = models.CharField(max_length=40, unique=True)
    token = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret iCalendar address; a new token revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kalenterisyöte")
        verbose_name_plural = _("kalenterisyötteet")

    def __str__(self) -> str:
        return str(self.user)
