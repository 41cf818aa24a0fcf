"""The work-ability support path (työkyvyn tuen asiakaspolku, the second seed).

A path belongs to a client record of the organiser (the social-work registrar) and to
one work-ability team of the health services (työkykytiimi), another registrar. The team
and the other parties reach it only by the client's consent to their organisation
(`workability/scope.py`); each part of the shared plan names the registrar that wrote
it (`registrar`), and health-care documents are referred to, never copied.

One responsible worker holds the client (koppi asiakkaasta): a database constraint
keeps an open path from ever being without one, and a hand-over changes the worker only
when the receiver accepts it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from clients.models import Client, Consent
from core import law
from core.text import NOTE, RECORD, TEXT, LimitedTextField


def _today():
    return timezone.localdate()


# a hand-over not accepted in this many working days reminds both workers
HANDOVER_WORKING_DAYS = int(getattr(settings, "KUTY_HANDOVER_WORKING_DAYS", 5))


class PathPhase(models.TextChoices):
    RECOGNISED = "recognised", _("1. Tuen tarpeen tunnistaminen")
    CLARIFYING = "clarifying", _("2. Tuen tarpeen selvittäminen ja tavoitteet")
    PLANNING = "planning", _("3. Tuen suunnittelu ja yhteistyön koordinointi")
    FOLLOW_UP = "follow_up", _("4. Seuranta ja jatkosuunnitelma")
    ENDED = "ended", _("Päättynyt")


class RecognisedBy(models.TextChoices):
    SOCIAL_WORK = "social_work", _("Sosiaalityö")
    EMPLOYMENT_AUTHORITY = "employment_authority", _("Työvoimaviranomainen")
    SUPERVISOR = "supervisor", _("Työtoiminnan ohjaajan havainnot")
    CLIENT = "client", _("Asiakas itse")


class ReferralKind(models.TextChoices):
    REFERRAL = "referral", _("Lähete työkykytiimiin")
    CONSULTATION = "consultation", _("Konsultaatio tai työparituki")


class Continuation(models.TextChoices):
    EMPLOYMENT_TALKS = "employment_talks", _("Työllistymiskeskustelut jatkuvat")
    SICKNESS_ALLOWANCE = "sickness_allowance", _("Sairauspäiväraha")
    SOCIAL_REHABILITATION = "social_rehabilitation", _("Sosiaalinen kuntoutus")
    KUTY = "kuty", _("Kuntouttava työtoiminta")
    PROFESSIONAL_REHABILITATION = "professional_rehabilitation", _("Ammatillinen kuntoutus")
    PENSION_INVESTIGATION = "pension_investigation", _("Eläkeselvittely")


class SupportPath(models.Model):
    """One client's work-ability support path, its baseline and its responsible worker."""

    client = models.ForeignKey(
        Client, verbose_name=_("asiakas"), on_delete=models.PROTECT, related_name="support_paths"
    )
    team = models.ForeignKey(
        Organization,
        verbose_name=_("työkykytiimi"),
        on_delete=models.PROTECT,
        related_name="support_paths",
        limit_choices_to={"kind": Organization.Kind.WORKABILITY_TEAM},
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("suostumus tietojen vaihtoon työkykytiimin kanssa"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    phase = models.CharField(
        _("vaihe"), max_length=20, choices=PathPhase.choices, default=PathPhase.RECOGNISED
    )
    recognised_by = models.CharField(
        _("tarpeen tunnisti"), max_length=30, choices=RecognisedBy.choices
    )
    recognised_on = models.DateField(_("tunnistettu"), default=_today)
    need = LimitedTextField(_("mitä havaittiin"), max_length=TEXT)
    referral_kind = models.CharField(
        _("lähete vai konsultaatio"), max_length=20, choices=ReferralKind.choices
    )
    initial_meeting_on = models.DateField(_("alkutapaaminen"), null=True, blank=True)
    # the baseline, gathered with the client (lähtötilanteen selvittäminen)
    own_account = LimitedTextField(
        _("asiakkaan oma kuvaus tilanteesta"), blank=True, max_length=TEXT
    )
    job_seeker_view = LimitedTextField(_("oma näkemys työnhakijana"), blank=True, max_length=TEXT)
    health_and_pain = LimitedTextField(
        _("terveys ja kipu asiakkaan kertomana"), blank=True, max_length=TEXT
    )
    economy = LimitedTextField(_("talous"), blank=True, max_length=TEXT)
    safety_net = LimitedTextField(_("turvaverkko"), blank=True, max_length=TEXT)
    everyday_support = LimitedTextField(_("tuen tarve arkeen"), blank=True, max_length=TEXT)
    goals = LimitedTextField(_("tavoitteet"), blank=True, max_length=TEXT)
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastuutyöntekijä"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_support_paths",
    )
    responsible_organization = models.ForeignKey(
        Organization,
        verbose_name=_("vastuutyöntekijän organisaatio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ends_on = models.DateField(_("polku päättyy"), null=True, blank=True)
    continuation = models.CharField(
        _("jatkosuunnitelma"), max_length=30, choices=Continuation.choices, blank=True
    )
    continuation_plan = LimitedTextField(_("jatkosuunnitelman kuvaus"), blank=True, max_length=TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("työkyvyn tuen polku")
        verbose_name_plural = _("työkyvyn tuen polut")
        ordering = ["-recognised_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(ends_on__isnull=True),
                name="one_open_support_path_per_client",
                violation_error_message=_("Asiakkaalla on jo avoin työkyvyn tuen polku."),
            ),
            # koppi asiakkaasta: an open path is never without its responsible worker
            models.CheckConstraint(
                condition=Q(ends_on__isnull=False)
                | Q(responsible_worker__isnull=False, responsible_organization__isnull=False),
                name="open_path_has_responsible_worker",
                violation_error_message=_(
                    "Avoimella työkyvyn tuen polulla on aina vastuutyöntekijä."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(phase="ended") & Q(ends_on__isnull=False) & ~Q(continuation=""))
                | (~Q(phase="ended") & Q(ends_on__isnull=True)),
                name="ended_path_has_date_and_continuation",
                violation_error_message=_(
                    "Päättyneellä polulla on päättymispäivä ja jatkosuunnitelma."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('työkyvyn tuen polku')} {self.recognised_on:%-d.%-m.%Y}"

    def is_open(self) -> bool:
        return self.ends_on is None


class PathRecord(models.Model):
    """A part of the shared plan: written by one registrar, labelled with it."""

    path = models.ForeignKey(SupportPath, on_delete=models.PROTECT, related_name="+")
    registrar = models.ForeignKey(
        Organization,
        verbose_name=_("kirjaaja-organisaatio"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class PathMeeting(PathRecord):
    """A network meeting across organisations (monialainen verkostotapaaminen)."""

    path = models.ForeignKey(SupportPath, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("päivämäärä"))
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("kutsutut organisaatiot"), blank=True, related_name="+"
    )
    participants = LimitedTextField(_("osallistujat"), max_length=NOTE)
    summary = LimitedTextField(_("yhteenveto"), max_length=RECORD)

    class Meta:
        verbose_name = _("verkostotapaaminen")
        verbose_name_plural = _("verkostotapaamiset")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{_('verkostotapaaminen')} {self.held_on:%-d.%-m.%Y}"


class PlanAction(PathRecord):
    """An action of the support plan or one agreed in a network meeting: the owner
    organisation does it by the due date (it is on its members' to-do lists)."""

    path = models.ForeignKey(SupportPath, on_delete=models.PROTECT, related_name="actions")
    meeting = models.ForeignKey(
        PathMeeting,
        verbose_name=_("sovittu verkostotapaamisessa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    description = models.CharField(_("toimenpide"), max_length=300)
    owner = models.ForeignKey(
        Organization,
        verbose_name=_("vastuuorganisaatio"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("määräpäivä"))
    done_on = models.DateField(_("tehty"), null=True, blank=True)

    class Meta:
        verbose_name = _("toimenpide")
        verbose_name_plural = _("toimenpiteet")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class ServiceKind(models.TextChoices):
    KUTY = "kuty", _("Kuntouttava työtoiminta")
    SOCIAL_REHABILITATION = "social_rehabilitation", _("Sosiaalinen kuntoutus")
    PHYSIOTHERAPY = "physiotherapy", _("Fysioterapia")
    OCCUPATIONAL_THERAPY = "occupational_therapy", _("Toimintaterapia")
    MENTAL_HEALTH = "mental_health", _("Mielenterveyspalvelut")
    KELA_REHABILITATION = "kela_rehabilitation", _("Kelan kuntoutus")
    OTHER = "other", _("Muu palvelu")


class ParallelService(PathRecord):
    """A service running in parallel with the path."""

    path = models.ForeignKey(SupportPath, on_delete=models.PROTECT, related_name="services")
    kind = models.CharField(_("palvelu"), max_length=30, choices=ServiceKind.choices)
    provider = models.CharField(_("palvelun antaja"), max_length=200, blank=True)
    starts_on = models.DateField(_("alkaa"), default=_today)
    ends_on = models.DateField(_("päättyy"), null=True, blank=True)

    class Meta:
        verbose_name = _("rinnakkainen palvelu")
        verbose_name_plural = _("rinnakkaiset palvelut")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="parallel_service_ends_after_start",
                violation_error_message=_("Palvelu ei voi päättyä ennen alkamistaan."),
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ContactKind(models.TextChoices):
    CLIENT = "client", _("Yhteydenotto asiakkaan kanssa")
    DOCTOR = "doctor", _("Lääkärin konsultaatio")
    KELA = "kela", _("Kelan konsultaatio")
    EMPLOYMENT_AUTHORITY = "employment_authority", _("Työvoimaviranomaisen konsultaatio")
    BENEFIT_CHANGE = "benefit_change", _("Etuuden muutos (esim. sairauspäiväraha)")


class PathContact(PathRecord):
    """A regular contact or a consultation, recorded as an event with its outcome."""

    path = models.ForeignKey(SupportPath, on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(_("laji"), max_length=30, choices=ContactKind.choices)
    held_on = models.DateField(_("päivämäärä"), default=_today)
    outcome = LimitedTextField(_("tulos"), max_length=TEXT)

    class Meta:
        verbose_name = _("yhteydenotto tai konsultaatio")
        verbose_name_plural = _("yhteydenotot ja konsultaatiot")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%-d.%-m.%Y}"


class HealthDocumentKind(models.TextChoices):
    CARE_PLAN = "care_plan", _("Terveys- ja hoitosuunnitelma")
    B_STATEMENT = "b_statement", _("B-lausunto")
    PTA_PLAN = "pta_plan", _("PTA-suunnitelma")
    OTHER = "other", _("Muu terveydenhuollon asiakirja")


class HealthDocumentRef(PathRecord):
    """A health-care document as the plan refers to it: that it exists, its date, who
    made it and where it is kept. The document itself stays in the health record."""

    path = models.ForeignKey(SupportPath, on_delete=models.PROTECT, related_name="health_documents")
    kind = models.CharField(_("asiakirja"), max_length=20, choices=HealthDocumentKind.choices)
    dated_on = models.DateField(_("päivätty"))
    made_by = models.CharField(_("laatija"), max_length=200)
    kept_in = models.CharField(
        _("säilytetään"),
        max_length=200,
        help_text=_("Esim. terveydenhuollon potilastietojärjestelmä."),
    )

    class Meta:
        verbose_name = _("viittaus terveydenhuollon asiakirjaan")
        verbose_name_plural = _("viittaukset terveydenhuollon asiakirjoihin")
        ordering = ["dated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.dated_on:%-d.%-m.%Y}"


class Handover(models.Model):
    """A hand-over of the responsible worker at a joint: proposed by the current worker,
    in force only when the receiver accepts it."""

    path = models.ForeignKey(SupportPath, on_delete=models.PROTECT, related_name="handovers")
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("luovuttaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastaanottaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organization = models.ForeignKey(
        Organization,
        verbose_name=_("vastaanottajan organisaatio"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = LimitedTextField(_("miksi"), max_length=NOTE)
    proposed_on = models.DateField(_("ehdotettu"), default=_today)
    proposed_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(_("hyväksytty"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("peruttu"), null=True, blank=True)

    class Meta:
        verbose_name = _("vastuutyöntekijän vaihto")
        verbose_name_plural = _("vastuutyöntekijän vaihdot")
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["path"],
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="one_pending_handover_per_path",
                violation_error_message=_("Polulla on jo hyväksymätön vastuutyöntekijän vaihto."),
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(cancelled_at__isnull=True),
                name="handover_accepted_or_cancelled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_worker} → {self.to_worker}"

    def is_pending(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None

    def waiting_days(self, today: datetime.date) -> int:
        """Working days since the proposal (weekends and public holidays not counted)."""
        day, count = self.proposed_on, 0
        while day < today:
            day += datetime.timedelta(days=1)
            if law.is_working_day(day):
                count += 1
        return count

    def is_late(self, today: datetime.date) -> bool:
        return self.is_pending() and self.waiting_days(today) >= HANDOVER_WORKING_DAYS


class RuleKind(models.TextChoices):
    HEALTH_ABSENCES = "health_absences", _("Terveysperusteisia poissaoloja viikoissa")
    PARALLEL_SERVICES = "parallel_services", _("Rinnakkaisia palveluja vähintään")
    CAPACITY_LOW = "capacity_low", _("Itsearvion osa-alue enintään")
    CAPACITY_FALLING = "capacity_falling", _("Itsearvion osa-alue laskenut vähintään")
    REPEATED_PERIOD = "repeated_period", _("Kuntouttavan työtoiminnan jaksoja vähintään")
    BENEFIT_CHANGE = "benefit_change", _("Etuuden muutos viikoissa")


class SuggestedAction(models.TextChoices):
    NETWORK_MEETING = "network_meeting", _("Monialainen verkostotapaaminen")
    REFERRAL = "referral", _("Lähete tai konsultaatio työkykytiimiin")


class IntegrationRule(models.Model):
    """A criterion for tighter integration of services, with the region's threshold
    (data the region edits; a rule without a region applies where the region has none
    of its kind)."""

    region = models.ForeignKey(
        Organization,
        verbose_name=_("alue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organization.Kind.REGION},
    )
    kind = models.CharField(_("kriteeri"), max_length=30, choices=RuleKind.choices)
    threshold = models.PositiveSmallIntegerField(_("raja"))
    weeks = models.PositiveSmallIntegerField(
        _("tarkastelujakso viikkoina"),
        default=8,
        help_text=_("Poissaoloille ja etuuden muutokselle."),
    )
    active = models.BooleanField(_("käytössä"), default=True)

    class Meta:
        verbose_name = _("integraatiokriteeri")
        verbose_name_plural = _("integraatiokriteerit")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"],
                name="one_integration_rule_per_region_kind",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(weeks__gte=1, weeks__lte=104), name="integration_rule_weeks"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.threshold}"


class IntegrationFlag(models.Model):
    """A client who meets the region's criteria for tighter integration: which rules
    fired, with their values and when, and the suggested action."""

    client = models.ForeignKey(
        Client,
        verbose_name=_("asiakas"),
        on_delete=models.PROTECT,
        related_name="integration_flags",
    )
    raised_on = models.DateField(_("merkitty"), default=_today)
    # [{"rule": kind, "value": n, "threshold": n, "on": "yyyy-mm-dd"}]: no names, no hetu
    fired = models.JSONField(_("täyttyneet kriteerit"), default=list)
    suggested = models.CharField(
        _("ehdotettu toimenpide"), max_length=20, choices=SuggestedAction.choices
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cleared_on = models.DateField(_("poistettu"), null=True, blank=True)

    class Meta:
        verbose_name = _("integraatiomerkintä")
        verbose_name_plural = _("integraatiomerkinnät")
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(cleared_on__isnull=True),
                name="one_open_integration_flag_per_client",
            ),
            models.CheckConstraint(condition=~Q(fired=[]), name="integration_flag_names_its_rules"),
        ]

    def __str__(self) -> str:
        return f"{_('integraatiomerkintä')} {self.raised_on:%-d.%-m.%Y}"
