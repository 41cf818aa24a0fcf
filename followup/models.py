"""Follow-up and closure: evaluations on the region's uniform form, the client's own
capacity self-assessment (Kykyviisari-compatible), plan reviews and feedback
discussions, and the closure with its next path (DOMAIN.md, phases 7–8)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from clients.models import Attachment, Case, CaseRecordQuerySet
from core.text import TEXT, LimitedTextField
from placements.models import Placement


def _in_case_period(case: Case, day, field: str) -> None:
    """A record of a case is dated on or after the case opened, and not in the future."""
    if day is None or case is None:
        return
    if day < case.opened_on:
        raise ValidationError(
            {
                field: _("Päivä ei voi olla ennen asiakkuuden alkua (%(day)s).")
                % {"day": case.opened_on.strftime("%-d.%-m.%Y")}
            }
        )
    if day > timezone.localdate():
        raise ValidationError({field: _("Päivä ei voi olla tulevaisuudessa.")})


class Translated(models.Model):
    """A name kept as data in the three languages of the interface."""

    name = models.CharField(_("nimi (suomi)"), max_length=200)
    name_sv = models.CharField(_("nimi (ruotsi)"), max_length=200)
    name_en = models.CharField(_("nimi (englanti)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(get_language() or "fi") or self.name


class EvaluationForm(models.Model):
    """The region's uniform evaluation form, one version of it. A revision is a new
    version; every evaluation keeps the version it was written on."""

    version = models.PositiveSmallIntegerField(_("versio"), unique=True)
    introduced_on = models.DateField(_("käytössä alkaen"), default=timezone.localdate)
    active = models.BooleanField(_("käytössä"), default=True)

    class Meta:
        verbose_name = _("arviointilomake")
        verbose_name_plural = _("arviointilomakkeet")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_active_evaluation_form"
            )
        ]

    def __str__(self) -> str:
        return _("Arviointilomake, versio %(version)s") % {"version": self.version}


class EvaluationItem(Translated):
    form = models.ForeignKey(EvaluationForm, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("järjestys"))
    code = models.SlugField(_("tunniste"), max_length=40)

    class Meta:
        verbose_name = _("arvioitava asia")
        verbose_name_plural = _("arvioitavat asiat")
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="evaluation_item_code_unique")
        ]


class EvaluationKind(models.TextChoices):
    START = "start", _("Alkuarviointi")
    INTERIM = "interim", _("Väliarviointi")
    FINAL = "final", _("Loppuarviointi")


class AuthorRole(models.TextChoices):
    SUPERVISOR = "supervisor", _("Työtoiminnan ohjaaja")
    SOCIAL_WORKER = "social_worker", _("Sosiaalityöntekijä")
    TOGETHER = "together", _("Ohjaaja ja sosiaalityöntekijä yhdessä")


class Evaluation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evaluations")
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("työtoimintajakso"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    form = models.ForeignKey(EvaluationForm, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("arviointi"), max_length=10, choices=EvaluationKind.choices)
    evaluated_on = models.DateField(_("päivämäärä"), default=timezone.localdate)
    author_role = models.CharField(_("arvioija"), max_length=20, choices=AuthorRole.choices)
    summary = LimitedTextField(_("sanallinen arvio"), blank=True, max_length=TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("arviointi")
        verbose_name_plural = _("arvioinnit")
        ordering = ["evaluated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.evaluated_on:%-d.%-m.%Y}"

    def clean(self) -> None:
        if self.case_id:
            _in_case_period(self.case, self.evaluated_on, "evaluated_on")


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(EvaluationItem, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("arvio 1–5"))
    comment = models.CharField(_("kommentti"), max_length=500, blank=True)

    class Meta:
        ordering = ["item__position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="one_score_per_item"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="evaluation_score_1_to_5",
                violation_error_message=_("Arvio on 1–5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.score}"


class CapacityDomain(Translated):
    """A domain of the capacity self-assessment (data: the region may revise the list)."""

    code = models.SlugField(_("tunniste"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("järjestys"))
    active = models.BooleanField(_("käytössä"), default=True)

    class Meta:
        verbose_name = _("toimintakyvyn osa-alue")
        verbose_name_plural = _("toimintakyvyn osa-alueet")
        ordering = ["position"]


class AssessmentPhase(models.TextChoices):
    START = "start", _("Alku")
    INTERIM = "interim", _("Väli")
    END = "end", _("Loppu")


class CapacityAssessment(models.Model):
    """The client's own assessment of their capacity (Kykyviisari-compatible): the
    domain scores 0–10 (10 = best), not the questionnaire itself (TTL's)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="capacity_assessments")
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("työtoimintajakso"),
        on_delete=models.PROTECT,
        related_name="capacity_assessments",
        null=True,
        blank=True,
    )
    assessed_on = models.DateField(_("päivämäärä"), default=timezone.localdate)
    phase = models.CharField(_("vaihe"), max_length=10, choices=AssessmentPhase.choices)
    helped_by = models.CharField(_("täyttämisessä auttoi"), max_length=200, blank=True)
    sheet = models.ForeignKey(
        Attachment,
        verbose_name=_("tulossivu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("toimintakyvyn itsearvio")
        verbose_name_plural = _("toimintakyvyn itsearviot")
        ordering = ["assessed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} {self.assessed_on:%-d.%-m.%Y}"

    def clean(self) -> None:
        if self.case_id:
            _in_case_period(self.case, self.assessed_on, "assessed_on")


class CapacityScore(models.Model):
    assessment = models.ForeignKey(
        CapacityAssessment, on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.ForeignKey(CapacityDomain, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("pisteet 0–10"))

    class Meta:
        ordering = ["domain__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=Q(score__lte=10),
                name="capacity_score_0_to_10",
                violation_error_message=_("Pisteet ovat 0–10."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"


class ReviewKind(models.TextChoices):
    REVIEW = "review", _("Suunnitelman tarkistus")
    FEEDBACK = "feedback", _("Palautekeskustelu")


class Review(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("tyyppi"), max_length=10, choices=ReviewKind.choices)
    held_on = models.DateField(_("päivämäärä"), default=timezone.localdate)
    participants = models.CharField(_("osallistujat"), max_length=500)
    agreed = LimitedTextField(_("mitä sovittiin"), max_length=TEXT)
    next_review_on = models.DateField(_("seuraava tarkistus"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("suunnitelman tarkistus tai palautekeskustelu")
        verbose_name_plural = _("suunnitelman tarkistukset ja palautekeskustelut")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True)
                | Q(next_review_on__gt=models.F("held_on")),
                name="next_review_after_this",
                violation_error_message=_("Seuraava tarkistus on tämän jälkeen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%-d.%-m.%Y}"

    def clean(self) -> None:
        if self.case_id:
            _in_case_period(self.case, self.held_on, "held_on")


class ClosureReason(models.TextChoices):
    PERIOD_ENDED = "period_ended", _("Jakso päättyi")
    EMPLOYMENT = "employment", _("Työllistyminen")
    STUDIES = "studies", _("Opinnot")
    HEALTH = "health", _("Terveydelliset syyt")
    BENEFIT_CHANGED = "benefit_changed", _("Etuus muuttui")
    MOVED_AWAY = "moved_away", _("Muutto pois")
    CLIENTS_WISH = "clients_wish", _("Asiakkaan toive")
    OTHER = "other", _("Muu")


class NextPath(models.TextChoices):
    """The ten next paths of DOMAIN.md (jatkopolut)."""

    EDUCATION = "education", _("Koulutus")
    OPEN_LABOUR_MARKET = "open_labour_market", _("Avoimet työmarkkinat")
    WORK_ABILITY_EXAMINATION = "work_ability_examination", _("Työkyvyn / terveydentilan tutkimus")
    REHABILITATION = "rehabilitation", _("Kuntoutuspalvelut")
    PAY_SUBSIDISED_WORK = "pay_subsidised_work", _("Palkkatuettu työ")
    PENSION_EXAMINATION = "pension_examination", _("Eläkeselvittely")
    PENSION = "pension", _("Eläke")
    SICK_LEAVE = "sick_leave", _("Sairausloma")
    NEW_KUTY_PERIOD = "new_kuty_period", _("Uusi kuntouttavan työtoiminnan jakso")
    UNEMPLOYED_JOB_SEEKER = "unemployed_job_seeker", _("Takaisin työttömäksi työnhakijaksi")


class Closure(models.Model):
    """Palvelun päättäminen: a planned ending with a next path and a named contact."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="closure")
    closed_on = models.DateField(_("päättymispäivä"), default=timezone.localdate)
    reason = models.CharField(_("päättymisen syy"), max_length=20, choices=ClosureReason.choices)
    reason_other = models.CharField(_("muu syy"), max_length=200, blank=True)
    next_path = models.CharField(_("jatkopolku"), max_length=30, choices=NextPath.choices)
    continuation_plan = LimitedTextField(_("jatkosuunnitelma"), max_length=TEXT)
    contact_person = models.CharField(_("nimetty yhteyshenkilö"), max_length=200)
    contact_details = models.CharField(_("yhteyshenkilön yhteystiedot"), max_length=200, blank=True)
    final_evaluation_done = models.BooleanField(_("loppuarviointi tehty"), default=False)
    self_assessment_done = models.BooleanField(_("loppuvaiheen itsearvio tehty"), default=False)
    not_done_reason = models.CharField(
        _("miksi arviointia tai itsearviota ei tehty"), max_length=500, blank=True
    )
    client_plan_updated = models.BooleanField(_("asiakassuunnitelma päivitetty"), default=False)
    employment_plan_updated = models.BooleanField(
        _("työllistymissuunnitelma päivitetty"), default=False
    )
    pdf = models.FileField(_("yhteenveto PDF"), upload_to="closures/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("palvelun päättäminen")
        verbose_name_plural = _("palvelun päättämiset")
        constraints = [
            models.CheckConstraint(
                condition=~Q(next_path="") & ~Q(contact_person=""),
                name="closure_has_next_path_and_contact",
                violation_error_message=_("Kirjaa jatkopolku ja nimetty yhteyshenkilö."),
            ),
            models.CheckConstraint(
                condition=(Q(final_evaluation_done=True) & Q(self_assessment_done=True))
                | ~Q(not_done_reason=""),
                name="closure_says_why_not_evaluated",
                violation_error_message=_("Kerro, miksi loppuarviointia tai itsearviota ei tehty."),
            ),
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(reason_other=""),
                name="closure_other_reason_named",
                violation_error_message=_("Nimeä muu syy."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_next_path_display()} {self.closed_on:%-d.%-m.%Y}"

    def clean(self) -> None:
        if self.case_id:
            _in_case_period(self.case, self.closed_on, "closed_on")


# --- Reminders: every deadline of the process kept in view (the daily sweep) ---------


class ReminderKind(models.TextChoices):
    PLAN_ASSESSMENT_SOON = (
        "plan_assessment_soon",
        _("Aktivointisuunnitelman arviointipäivä lähestyy"),
    )
    PLAN_ASSESSMENT_OVERDUE = (
        "plan_assessment_overdue",
        _("Aktivointisuunnitelman arviointipäivä on ohitettu"),
    )
    PERIOD_ENDING = (
        "period_ending",
        _("Päätöksen jakso päättyy: uudista aktivointisuunnitelma (13 b §)"),
    )
    DAY_LIMIT_NEAR = "day_limit_near", _("Osallistumispäiviä lähes enimmäismäärä 12 kuukaudessa")
    DAY_LIMIT_PROJECTED = (
        "day_limit_projected",
        _("Enimmäismäärä täyttyy suunnitellulla aikataululla ennen jakson loppua"),
    )
    REVIEW_SOON = "review_soon", _("Suunnitelman tarkistus lähestyy")
    REVIEW_OVERDUE = "review_overdue", _("Suunnitelman tarkistus on myöhässä")
    ATTENDANCE_UNRECORDED = "attendance_unrecorded", _("Läsnäoloja kirjaamatta")
    ABSENCES_IN_ROW = "absences_in_row", _("Selvittämättömiä poissaoloja peräkkäin")
    TT3_DUE = "tt3_due", _("Kelan poissaoloilmoitus (TT3) lähetettävä")
    DECISION_NOT_NOTIFIED = "decision_not_notified", _("Päätös on antamatta tiedoksi")
    CONSENT_EXPIRING = "consent_expiring", _("Suostumus päättyy")
    GRANT_ENDING = "grant_ending", _("Sijaisen käyttöoikeus päättyy")
    ASSESSMENT_LATE = (
        "assessment_late",
        _("Palvelutarpeen arviointi myöhässä (sosiaalihuoltolaki 36 §)"),
    )
    NO_RESPONSIBLE_WORKER = "no_responsible_worker", _("Asiakkuudella ei ole omatyöntekijää")
    CASE_IDLE = "case_idle", _("Asiakkuuteen ei ole kirjattu mitään pitkään aikaan")


class ReminderStatus(models.TextChoices):
    OPEN = "open", _("Avoin")
    DONE = "done", pgettext_lazy("muistutus", "Tehty")
    DISMISSED = "dismissed", _("Ohitettu")
    RESOLVED = "resolved", _("Hoitunut")  # closed by itself: the matter was resolved


class RecipientRole(models.TextChoices):
    WORKER = "worker", _("Omatyöntekijä")
    SUPERVISOR = "supervisor", _("Työtoiminnan ohjaaja")
    EMPLOYMENT_AUTHORITY = "employment_authority", _("Työllisyysviranomaisen yhteyshenkilö")
    SUBSTITUTE = "substitute", _("Sijainen")
    COLLEAGUE = "colleague", _("Kunnan sosiaalityöntekijä")


class AnyOf(models.Func):
    """`value = ANY(array)`: true when the array holds the value."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = models.BooleanField()


class ReminderQuerySet(models.QuerySet):
    def open(self) -> ReminderQuerySet:
        return self.filter(status=ReminderStatus.OPEN)

    def for_user(self, user) -> ReminderQuerySet:
        """The user's own reminders, and only of clients the user may still see: the
        recipients are refreshed by every sweep, and the scope is asked again here."""
        if not user.is_authenticated:
            return self.none()
        # The user's own recipient rows first (a few dozen, by the user's index), as one
        # array PostgreSQL reads before the reminders (`id = ANY(ARRAY(…))`, an InitPlan:
        # so whatever its statistics say, it never asks the scope of the country's other
        # open reminders); then the scope of each: an OR of "case in the visible cases"
        # and "placement in the supervised ones" over all open reminders took 15–30 ms a
        # page, twice (issue 15).
        mine = ArraySubquery(ReminderRecipient.objects.filter(user=user).values("reminder_id"))
        visible = Case.objects.visible_to(user).filter(pk=models.OuterRef("case_id"))
        supervised = Placement.objects.supervised_by(user).filter(
            pk=models.OuterRef("placement_id")
        )
        return self.filter(
            AnyOf(models.F("pk"), mine), models.Exists(visible) | models.Exists(supervised)
        )


class Reminder(models.Model):
    """One due matter of one case: created by the daily sweep (exactly once, by the unique
    key of rule, case and due date), closed by its recipient or by itself."""

    kind = models.CharField(_("muistutus"), max_length=30, choices=ReminderKind.choices)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    due_on = models.DateField(_("määräpäivä"))
    # small facts for the text (a count of days, a projected date): never a name or a hetu
    detail = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("tila"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.OPEN
    )
    dismiss_reason = models.CharField(_("ohittamisen syy"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("luotu"), default=timezone.now)
    # the last sweep (or refresh) that found the matter still due: an open reminder not
    # found by the latest one has closed by itself
    matched_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(_("suljettu"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ReminderRecipient", related_name="reminders"
    )

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("muistutus")
        verbose_name_plural = _("muistutukset")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "case", "due_on"], name="one_reminder_per_rule_case_due"
            ),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismiss_reason=""),
                name="dismissed_reminder_has_reason",
                violation_error_message=_("Kerro, miksi muistutus ohitetaan."),
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="closed_reminder_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "case"], condition=Q(status="open"), name="open_reminders")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%-d.%-m.%Y}"

    def is_overdue(self, today=None) -> bool:
        return self.due_on < (today or timezone.localdate())


class ReminderRecipient(models.Model):
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("rooli"), max_length=20, choices=RecipientRole.choices)
    matched_at = models.DateTimeField(default=timezone.now)  # the last sweep that chose them

    class Meta:
        verbose_name = _("muistutuksen vastaanottaja")
        verbose_name_plural = _("muistutusten vastaanottajat")
        constraints = [
            models.UniqueConstraint(fields=["reminder", "user"], name="one_recipient_row")
        ]
        indexes = [models.Index(fields=["user", "reminder"], name="recipient_user")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ReminderDigest(models.Model):
    """A daily digest e-mail sent: at most one per user per day, whatever reruns."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    reminders = models.PositiveIntegerField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_per_user_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on:%-d.%-m.%Y}"
