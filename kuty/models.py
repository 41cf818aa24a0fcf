from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """A row written by the periodic heartbeat task: proof that beat and a worker run."""

    created_at = models.DateTimeField(_("aika"), auto_now_add=True, db_index=True)
    hostname = models.CharField(_("työprosessi"), max_length=255)

    class Meta:
        verbose_name = _("sydämenlyönti")
        verbose_name_plural = _("sydämenlyönnit")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.hostname} {self.created_at:%Y-%m-%d %H:%M:%S}"
