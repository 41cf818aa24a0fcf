"""Service-need assessment, client plan, employment plan, activation plan and signatures."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from clients.models import Case, CaseRecordQuerySet
from core import law
from core.text import RECORD, TEXT, LimitedTextField
from rulesets.models import BenefitKind


class Assessment(models.Model):
    """Service-need assessment (palvelutarpeen arviointi)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assessments")
    started_on = models.DateField(_("aloitettu"))
    completed_on = models.DateField(_("valmistunut"), null=True, blank=True)
    summary = LimitedTextField(_("yhteenveto"), max_length=RECORD)
    capacity_assessment = LimitedTextField(
        _("työ- ja toimintakyvyn arvio"), blank=True, max_length=RECORD
    )
    work_ability_team_consulted = models.BooleanField(_("työkykytiimiä konsultoitu"), default=False)
    work_ability_team_statement = LimitedTextField(
        _("työkykytiimin kannanotto"), blank=True, max_length=TEXT
    )
    conclusion = LimitedTextField(_("johtopäätös"), blank=True, max_length=TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("palvelutarpeen arviointi")
        verbose_name_plural = _("palvelutarpeen arvioinnit")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="assessment_completed_after_start",
                violation_error_message=_("Valmistumispäivä ei voi olla ennen aloituspäivää."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('palvelutarpeen arviointi')} {self.started_on:%d.%m.%Y}"

    def clean(self) -> None:
        # an assessment belongs to the case: it cannot start or end before the case opened
        if not self.case_id:
            return
        opened = self.case.opened_on
        errors = {}
        for field in ("started_on", "completed_on"):
            day = getattr(self, field)
            if day and day < opened:
                errors[field] = _(
                    "%(field)s: päivä ei voi olla ennen kuin asiakkuus avattiin (%(opened)s)."
                ) % {
                    "field": capfirst(self._meta.get_field(field).verbose_name),
                    "opened": f"{opened.day}.{opened.month}.{opened.year}",
                }
        if errors:
            raise ValidationError(errors)


class ClientPlan(models.Model):
    """Client plan (asiakassuunnitelma) with its goals."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="client_plans")
    drawn_up_on = models.DateField(_("laadittu"))
    goals = LimitedTextField(_("tavoitteet"), max_length=TEXT)
    review_on = models.DateField(_("tarkistetaan viimeistään"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("asiakassuunnitelma")
        verbose_name_plural = _("asiakassuunnitelmat")
        ordering = ["-drawn_up_on", "-pk"]

    def __str__(self) -> str:
        return f"{_('asiakassuunnitelma')} {self.drawn_up_on:%d.%m.%Y}"


class EmploymentPlan(models.Model):
    """Employment plan (työllistymissuunnitelma): must exist before any decision."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="employment_plans")
    drawn_up_on = models.DateField(_("laadittu"))
    employment_authority = models.ForeignKey(
        Organization,
        verbose_name=_("työvoimaviranomainen"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Organization.Kind.EMPLOYMENT_AUTHORITY},
    )
    authority_contact = models.CharField(_("yhteyshenkilö"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("työllistymissuunnitelma")
        verbose_name_plural = _("työllistymissuunnitelmat")
        ordering = ["-drawn_up_on", "-pk"]

    def __str__(self) -> str:
        return f"{_('työllistymissuunnitelma')} {self.drawn_up_on:%d.%m.%Y}"


class PlanType(models.Model):
    """Kinds of joint plan, kept as data: the law is moving (HE 109/2025)."""

    code = models.SlugField(_("tunnus"), unique=True)
    name_fi = models.CharField(_("nimi suomeksi"), max_length=200)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=200)
    name_en = models.CharField(_("nimi englanniksi"), max_length=200)
    active = models.BooleanField(_("käytössä"), default=True)

    class Meta:
        verbose_name = _("suunnitelmatyyppi")
        verbose_name_plural = _("suunnitelmatyypit")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return getattr(self, f"name_{(get_language() or 'fi')[:2]}", self.name_fi)


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Luonnos")
    SIGNED = "signed", _("Allekirjoitettu")
    IN_FORCE = "in_force", _("Voimassa")
    RENEWED = "renewed", _("Uusittu")
    INTERRUPTED = "interrupted", _("Keskeytynyt")
    ENDED = "ended", _("Päättynyt")


class Party(models.TextChoices):
    EMPLOYMENT_AUTHORITY = "employment_authority", _("Työvoimaviranomainen")
    MUNICIPALITY = "municipality", _("Kunta")
    CLIENT = "client", _("Asiakas")


class InterruptionEvent(models.TextChoices):
    WORK = "work", _("Työ")
    BUSINESS = "business", _("Yritystoiminta")
    STUDIES = "studies", _("Päätoimiset opinnot")


class ActivationPlanQuerySet(CaseRecordQuerySet):
    def awaiting_signature_of(self, party: str):
        signed = Signature.objects.filter(plan=OuterRef("pk"), party=party)
        return self.filter(state=PlanState.DRAFT).exclude(Exists(signed))


class ActivationPlan(models.Model):
    """Activation plan / multi-sector employment plan, signed by all three parties.

    Contents 1–4 always; items 1–6 when kuntouttava työtoiminta is included."""

    KUTY_ITEMS = [
        "kuty_goal",
        "days_per_week",
        "hours_per_day",
        "start_on",
        "length_months",
        "support_and_guidance",
        "other_services",
        "assessment_due_on",
    ]
    CONTENTS = [
        "education_and_work_history",
        "earlier_services_effect",
        "earlier_plans_realised",
        "measures",
    ]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="activation_plans")
    plan_type = models.ForeignKey(
        PlanType, verbose_name=_("suunnitelman tyyppi"), on_delete=models.PROTECT
    )
    version = models.PositiveSmallIntegerField(_("versio"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("edellinen versio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewal",
    )
    state = models.CharField(
        _("tila"), max_length=12, choices=PlanState.choices, default=PlanState.DRAFT
    )
    # contents 1–4
    education_and_work_history = LimitedTextField(
        _("1. Koulutus- ja työhistoria"), blank=True, max_length=RECORD
    )
    earlier_services_effect = LimitedTextField(
        _("2. Arvio aiempien julkisten työvoimapalvelujen vaikuttavuudesta"),
        blank=True,
        max_length=RECORD,
    )
    earlier_plans_realised = LimitedTextField(
        _("3. Arvio aiempien suunnitelmien toteutumisesta"),
        blank=True,
        max_length=RECORD,
    )
    measures = LimitedTextField(_("4. Toimenpiteet"), blank=True, max_length=RECORD)
    # kuntouttava työtoiminta, items 1–6
    includes_kuty = models.BooleanField(_("sisältää kuntouttavaa työtoimintaa"), default=True)
    kuty_goal = LimitedTextField(
        _("1. Työtoiminnan tavoite, kuvaus ja paikka"), blank=True, max_length=RECORD
    )
    days_per_week = models.PositiveSmallIntegerField(_("2. Päiviä viikossa"), null=True, blank=True)
    hours_per_day = models.DecimalField(
        _("2. Tunteja päivässä"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    start_on = models.DateField(_("3. Alkamispäivä"), null=True, blank=True)
    length_months = models.PositiveSmallIntegerField(
        _("3. Jakson pituus (kk)"), null=True, blank=True
    )
    support_and_guidance = LimitedTextField(_("4. Tuki ja ohjaus"), blank=True, max_length=RECORD)
    other_services = LimitedTextField(
        _("5. Muut sosiaali-, terveys-, kuntoutus- ja koulutuspalvelut"),
        blank=True,
        max_length=RECORD,
    )
    assessment_due_on = models.DateField(
        _("6. Vaikutukset arvioidaan ja jatkosta päätetään viimeistään"), null=True, blank=True
    )
    # interruption
    interruption_event = models.CharField(
        _("keskeytyksen syy"), max_length=10, choices=InterruptionEvent.choices, blank=True
    )
    event_on = models.DateField(
        _("työ, yritystoiminta tai opinnot alkoivat"), null=True, blank=True
    )
    hearing_on = models.DateField(_("asiakasta kuultu"), null=True, blank=True)
    hearing_summary = LimitedTextField(_("kuulemisen sisältö"), blank=True, max_length=TEXT)
    interrupted_on = models.DateField(_("keskeytynyt"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivationPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivointisuunnitelma")
        verbose_name_plural = _("aktivointisuunnitelmat")
        ordering = ["-version", "-pk"]
        indexes = [  # the TE officer's queue: drafts, newest first, a page at a time
            models.Index(
                models.F("updated_at").desc(),
                models.F("id").desc(),
                condition=Q(state="draft"),
                name="plan_drafts_newest_first",
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_unique"),
            models.CheckConstraint(
                condition=Q(days_per_week__isnull=True)
                | Q(
                    days_per_week__gte=law.DAYS_PER_WEEK_MIN,
                    days_per_week__lte=law.DAYS_PER_WEEK_MAX,
                ),
                name="plan_days_per_week_13b",
                violation_error_message=law.RULE_DAYS_PER_WEEK,
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__isnull=True)
                | Q(hours_per_day__gte=law.HOURS_PER_DAY_MIN),
                name="plan_hours_per_day_13b",
                violation_error_message=law.RULE_HOURS_MIN,
            ),
            models.CheckConstraint(
                condition=Q(length_months__isnull=True)
                | Q(
                    length_months__gte=law.PERIOD_MIN_MONTHS,
                    length_months__lte=law.PERIOD_MAX_MONTHS,
                ),
                name="plan_period_13b",
                violation_error_message=law.RULE_PERIOD,
            ),
            models.CheckConstraint(
                condition=~Q(state="interrupted")
                | Q(hearing_on__isnull=False, interrupted_on__isnull=False, event_on__isnull=False),
                name="plan_interruption_heard",
                violation_error_message=_("Keskeytys vaatii kuulemisen ja tapahtuman päivän."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_type} v{self.version}"

    @property
    def end_on(self):
        if self.start_on and self.length_months:
            return law.period_end(self.start_on, self.length_months)
        return None

    def missing_items(self) -> list[str]:
        """Labels of the contents the law requires that are still empty."""
        required = self.CONTENTS + (self.KUTY_ITEMS if self.includes_kuty else [])
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in required
            if getattr(self, name) in (None, "")
        ]

    def is_editable(self) -> bool:
        return self.state == PlanState.DRAFT and not self.signatures.exists()

    def is_in_force_on(self, day) -> bool:
        return self.state == PlanState.IN_FORCE or (
            self.state == PlanState.SIGNED and self.start_on and self.start_on <= day
        )


class Signature(models.Model):
    """One party's signature on a plan, recorded with date and who recorded it."""

    plan = models.ForeignKey(ActivationPlan, on_delete=models.PROTECT, related_name="signatures")
    party = models.CharField(_("osapuoli"), max_length=25, choices=Party.choices)
    signer_name = models.CharField(_("allekirjoittaja"), max_length=200)
    signed_on = models.DateField(_("allekirjoituspäivä"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kirjaaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)

    class Meta:
        verbose_name = _("allekirjoitus")
        verbose_name_plural = _("allekirjoitukset")
        ordering = ["recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "party"], name="one_signature_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.signer_name}"


class ClientBenefitQuerySet(CaseRecordQuerySet):
    def on(self, day) -> ClientBenefitQuerySet:
        return self.filter(Q(end_on__isnull=True) | Q(end_on__gte=day), start_on__lte=day)

    def overlapping(self, start, end) -> ClientBenefitQuerySet:
        return self.filter(Q(end_on__isnull=True) | Q(end_on__gte=start), start_on__lte=end)


class ClientBenefit(models.Model):
    """A benefit the client gets for a period (the first seed's "Etuudet"): it decides
    the plan type (rulesets) and where the absence notice goes (Kela's TT3, the fund's
    notice); the expense compensation names the decision that grants it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="benefits")
    kind = models.CharField(_("etuus"), max_length=30, choices=BenefitKind.choices)
    fund = models.CharField(
        _("työttömyyskassa"),
        max_length=200,
        blank=True,
        help_text=_("Ansiopäivärahan maksava työttömyyskassa."),
    )
    start_on = models.DateField(_("alkaen"))
    end_on = models.DateField(_("asti"), null=True, blank=True)
    granted_by = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("myöntävä päätös"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="granted_benefits",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ClientBenefitQuerySet.as_manager()

    class Meta:
        verbose_name = _("etuus")
        verbose_name_plural = _("etuudet")
        ordering = ["start_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="benefit_period_order",
                violation_error_message=_("Etuuden päättymispäivä on ennen alkamispäivää."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="earnings_related") | ~Q(fund=""),
                name="earnings_related_has_fund",
                violation_error_message=_(
                    "Ansiopäivärahalle on kirjattava työttömyyskassa: poissaoloista "
                    "ilmoitetaan kassan lomakkeella."
                ),
            ),
        ]

    def __str__(self) -> str:
        end = f"{self.end_on:%-d.%-m.%Y}" if self.end_on else ""
        return f"{self.get_kind_display()} {self.start_on:%-d.%-m.%Y}–{end}"
