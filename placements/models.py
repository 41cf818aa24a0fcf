"""The work placement: a client's period at a site, created by the placement notice.

The supervisor sees a placement only through this model, and only what the notice
shared: never the case, the plans or the decision."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from accounts.models import SUPERVISED_SITE_IDS_SQL, Site, User
from clients.models import Case
from core.text import NOTE, TEXT, LimitedTextField
from decisions.models import LIVE_STATUSES, Decision, Weekday


class PlacementQuerySet(models.QuerySet):
    def supervised_by(self, user: User) -> PlacementQuerySet:
        """Placements at the user's own sites while their decision is live."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            site_id__in=RawSQL(SUPERVISED_SITE_IDS_SQL, [user.pk]),  # noqa: S611 - constant
            decision__status__in=LIVE_STATUSES,
        )

    def summarised_for(self, user: User, month: datetime.date) -> PlacementQuerySet:
        """The placements a supervisor's monthly summary counts: those at their own sites
        while live, and those that ran in the month although their decision has since
        ended (the case closed): the supervisor recorded those days, and the site's totals
        must hold them."""
        if not user.is_authenticated:
            return self.none()
        next_month = (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return self.filter(site_id__in=RawSQL(SUPERVISED_SITE_IDS_SQL, [user.pk])).filter(  # noqa: S611
            Q(decision__status__in=LIVE_STATUSES) | Q(start_on__lt=next_month, end_on__gte=month)
        )

    def visible_to(self, user: User) -> PlacementQuerySet:
        """Supervisors: placements at their own sites; social workers: their cases'."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(pk__in=Placement.objects.supervised_by(user).values("pk"))
            | Q(case__in=Case.objects.workable_by(user))
        )


class Placement(models.Model):
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="placement")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="placements")
    site = models.ForeignKey(
        Site,
        verbose_name=_("työtoimintapaikka"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    client_name = models.CharField(_("asiakas"), max_length=200)
    client_info = LimitedTextField(
        _("asiakkaan tiedot, jotka on sovittu tarpeellisiksi"),
        blank=True,
        help_text=_(
            "Vain se, mitä toteutuspaikka tarvitsee: esim. kieli, tulkki, "
            "terveydelliset rajoitteet, joista asiakkaan kanssa on sovittu."
        ),
        max_length=TEXT,
    )
    start_on = models.DateField(_("alkaa"))
    end_on = models.DateField(_("päättyy"))
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices), verbose_name=_("viikonpäivät")
    )
    hours_per_day = models.DecimalField(_("tunteja päivässä"), max_digits=3, decimal_places=1)
    goals = LimitedTextField(_("tavoitteet"), max_length=TEXT)
    contacts = LimitedTextField(_("yhteyshenkilöt"), max_length=NOTE)
    notice_sent_on = models.DateField(_("ilmoitus lähetetty"))
    notice_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notice_pdf = models.FileField(_("ilmoitus PDF"), upload_to="notices/", blank=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("omaohjaaja"),
        on_delete=models.PROTECT,
        related_name="supervised_placements",
        null=True,
        blank=True,
    )
    orientation_on = models.DateField(_("tutustumiskäynti"), null=True, blank=True)
    agreement_on = models.DateField(_("sopimus tehty"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("työtoimintajakso")
        verbose_name_plural = _("työtoimintajaksot")
        ordering = ["start_on", "client_name"]
        indexes = [  # the directory's free places: a site's current placements only
            models.Index(fields=["site", "end_on", "start_on"], name="placement_site_current")
        ]

    def __str__(self) -> str:
        return f"{self.client_name}, {self.site.name}"

    def weekday_labels(self) -> list[str]:
        return [str(Weekday(day).label) for day in sorted(self.weekdays)]


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Läsnä")
    ABSENT = "absent", _("Poissa")
    NO_SERVICE = "no_service", _("Ei toimintaa")


class AbsenceReason(models.TextChoices):
    """Kela's list for the absence notice (TT3)."""

    OWN_SICKNESS = "own_sickness", _("Oma sairaus")
    CHILD_SICKNESS = "child_sickness", _("Alle 10-vuotiaan lapsen sairaus")
    EMPLOYMENT = "employment", _("Työhaastattelu tai muu työllistymiseen liittyvä syy")
    PUBLIC_OFFICE = "public_office", _("Julkinen luottamustehtävä")
    AGREED_LEAVE = "agreed_leave", _("Sovittu vapaa")
    OTHER = "other", _("Muu tai selvittämätön syy")


class Attendance(models.Model):
    """One mark per client per scheduled day, with the day's work-diary note."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="attendances")
    day = models.DateField(_("päivä"))
    status = models.CharField(_("merkintä"), max_length=12, choices=AttendanceStatus.choices)
    hours = models.DecimalField(_("tunnit"), max_digits=3, decimal_places=1, null=True, blank=True)
    absence_reason = models.CharField(
        _("poissaolon syy"), max_length=20, blank=True, choices=AbsenceReason.choices
    )
    diary = LimitedTextField(_("työpäiväkirja"), blank=True, max_length=NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("läsnäolomerkintä")
        verbose_name_plural = _("läsnäolomerkinnät")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="one_mark_per_client_day"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0, hours__lte=12),
                name="attendance_hours_0_to_12",
            ),
            models.CheckConstraint(
                condition=~Q(status="absent") | ~Q(absence_reason=""),
                name="absence_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="present") | Q(hours__isnull=False),
                name="presence_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement.client_name} {self.day:%d.%m.%Y} {self.status}"


class SiteClosure(models.Model):
    """A day the site holds no activity (besides public holidays)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="closures")
    day = models.DateField(_("päivä"))
    reason = models.CharField(_("syy"), max_length=200)

    class Meta:
        verbose_name = _("sulkupäivä")
        verbose_name_plural = _("sulkupäivät")
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="one_closure_a_day")]

    def __str__(self) -> str:
        return f"{self.site} {self.day:%d.%m.%Y}"


class NoticeKind(models.TextChoices):
    """Where a client's absences go (kela.fi "Poissaoloista ilmoitetaan"): Kela's TT3, the
    unemployment fund's form for a fund member, and the employment authority when the
    absences may lead to interrupting the service."""

    KELA_TT3 = "kela_tt3", _("Kelan ilmoitus poissaolosta (TT3)")
    FUND = "fund", _("Työttömyyskassan ilmoitus poissaolosta")
    EMPLOYMENT_AUTHORITY = (
        "employment_authority",
        _("Ilmoitus työvoimaviranomaiselle keskeyttämisen uhasta (luonnos)"),
    )


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Lähettämättä")
    SENT = "sent", _("Lähetetty")


# Kela: the notice covers at most two weeks (kela.fi lomakkeet: TT 3, "Tarkastelujakso on
# kaksi viikkoa"); the database refuses a longer period (for rows written from now on).
NOTICE_PERIOD_MAX_DAYS = 14


class AbsenceNotice(models.Model):
    """One client's absence notice for one period (at most two weeks) to one recipient:
    Kela's TT3, the fund's notice, or a draft report to the employment authority."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(
        _("ilmoitus"), max_length=25, choices=NoticeKind.choices, default=NoticeKind.KELA_TT3
    )
    recipient = models.CharField(_("vastaanottaja"), max_length=200, blank=True)
    period_start = models.DateField(_("alkaen"))
    period_end = models.DateField(_("asti"))
    sent_on = models.DateField(_("lähetetty"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("poissaoloilmoitus")
        verbose_name_plural = _("poissaoloilmoitukset")
        ordering = ["-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "period_start", "kind"], name="one_notice_a_period_and_kind"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="tt3_period_order"
            ),
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True, sent_by__isnull=True)
                | Q(sent_on__isnull=False, sent_by__isnull=False),
                name="notice_sent_by_someone",
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.period_start:%d.%m.}–{self.period_end:%d.%m.%Y}"
        return f"{self.get_kind_display()} {self.placement.client_name} {period}"

    @property
    def status(self) -> str:
        return NoticeStatus.SENT if self.sent_on else NoticeStatus.DRAFT

    def get_status_display(self) -> str:
        return str(NoticeStatus(self.status).label)
