"""The decision (päätös), its notification (tiedoksianto) and the placement notice."""

from __future__ import annotations

import functools
import operator

import pgtrigger
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    ArrayField,
    BigIntegerRangeField,
    DateRangeField,
    RangeOperators,
)
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Site
from clients.models import Case, CaseRecordQuerySet
from core import law
from core.text import RECORD, TEXT, LimitedTextField
from core.triggers import StrictProtect
from plans.models import ActivationPlan


class AllowanceKind(models.TextChoices):
    KULUKORVAUS = "kulukorvaus", _("Kulukorvaus")
    TOIMINTARAHA = "toimintaraha", _("Toimintaraha (toimeentulotuen asiakas)")


class AllowanceRateQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
        )


class AllowanceRate(models.Model):
    """Daily allowance amounts as dated data: they change by law and by year."""

    kind = models.CharField(_("korvaus"), max_length=20, choices=AllowanceKind.choices)
    amount = models.DecimalField(_("euroa päivältä"), max_digits=6, decimal_places=2)
    valid_from = models.DateField(_("alkaen"))
    valid_until = models.DateField(_("asti"), null=True, blank=True)

    objects = AllowanceRateQuerySet.as_manager()

    class Meta:
        verbose_name = _("korvauksen määrä")
        verbose_name_plural = _("korvausten määrät")
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_from"], name="allowance_rate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} €"


class Outcome(models.TextChoices):
    POSITIVE = "positive", _("Myönteinen")
    PARTLY = "partly", _("Osittain myönteinen")
    NEGATIVE = "negative", _("Kielteinen")


class DecisionKind(models.TextChoices):
    GRANT = "grant", _("Päätös kuntouttavasta työtoiminnasta")
    ENDING = "ending", _("Päätös palvelun päättämisestä")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Luonnos")
    MADE = "made", _("Tehty")
    NOTIFIED = "notified", _("Tiedoksi annettu")
    IN_FORCE = "in_force", _("Voimassa")
    ENDED = "ended", _("Päättynyt")
    REPLACED = "replaced", _("Korvattu uudella")


class DecisionLanguage(models.TextChoices):
    FI = "fi", _("suomi")
    SV = "sv", _("ruotsi")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("maanantai")
    TUESDAY = 2, _("tiistai")
    WEDNESDAY = 3, _("keskiviikko")
    THURSDAY = 4, _("torstai")
    FRIDAY = 5, _("perjantai")
    SATURDAY = 6, _("lauantai")
    SUNDAY = 7, _("sunnuntai")


DEFAULT_LEGAL_BASIS = (
    "Laki kuntouttavasta työtoiminnasta (189/2001) 2, 3, 13 a ja 13 b §; "
    "sosiaalihuoltolaki (1301/2014) 17 ja 45 §."
)


# The decision's content, listed once. DRAFTED is what the worker drafts (the form, the
# API, the copy a replacing decision starts from); FIXED_WHEN_MADE is everything the
# database refuses to change once the decision is made (column names).
DRAFTED = [
    "outcome",
    "site",
    "start_on",
    "end_on",
    "weekdays",
    "hours_per_day",
    "travel_compensation",
    "allowance_kind",
    "reasons",
    "schedule_difference_reason",
    "contact_person",
    "contact_phone",
    "legal_basis",
]
_FOREIGN_KEYS = {
    "ends",
    "site",
    "contact_person",
    "case",
    "plan",
    "decision_maker",
    "authority",
    "replaces",
}
FIXED_WHEN_MADE = [
    f"{name}_id" if name in _FOREIGN_KEYS else name
    for name in [
        *DRAFTED,
        "decided_on",
        "allowance_amount",
        "case",
        "plan",
        "decision_maker",
        "authority",
        "replaces",
        "kind",
        "ends",
        "language",
        "number_year",
        "number_seq",
    ]
]


class DatabaseExclusionConstraint(ExclusionConstraint):
    """Enforced by the database only. The service checks the same rule first, with a
    message that names the decision in force; model validation would evaluate the
    condition on fields a form may not carry."""

    def validate(self, *args, **kwargs) -> None:
        return None


NUMBER_PREFIX = "KT"  # kuntouttava työtoiminta
LIVE_STATUSES = [DecisionStatus.MADE, DecisionStatus.NOTIFIED, DecisionStatus.IN_FORCE]
POSITIVE_OUTCOMES = [Outcome.POSITIVE, Outcome.PARTLY]


class DecisionQuerySet(CaseRecordQuerySet):
    def live_positive(self):
        """Made positive decisions that grant the service (made, notified or in force)."""
        return self.filter(
            kind=DecisionKind.GRANT, outcome__in=POSITIVE_OUTCOMES, status__in=LIVE_STATUSES
        )

    def overlapping(self, start, end):
        return self.filter(start_on__lte=end, end_on__gte=start)

    def occupying(self, site: Site, start, end):
        """Decisions that hold a place at the site during [start, end]."""
        return self.live_positive().overlapping(start, end).filter(site=site)


@pgtrigger.register(
    StrictProtect(
        name="made_decision_is_immutable",
        operation=pgtrigger.Update,
        condition=pgtrigger.Q(old__status__df="draft")
        & functools.reduce(
            operator.or_,
            [pgtrigger.Q(**{f"old__{f}__df": pgtrigger.F(f"new__{f}")}) for f in FIXED_WHEN_MADE],
        ),
    ),
    StrictProtect(
        name="made_decision_stays_made",
        operation=pgtrigger.Update,
        condition=pgtrigger.Q(old__status__df="draft", new__status="draft"),
    ),
    StrictProtect(
        name="decision_not_deleted",
        operation=pgtrigger.Delete,
        condition=pgtrigger.Q(old__status__df="draft"),
    ),
)
class Decision(models.Model):
    """A written administrative decision on kuntouttava työtoiminta.

    Once made it never changes (a database trigger refuses); a change is a new decision
    that replaces the old one, which stays readable."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(
        _("päätöksen laji"), max_length=10, choices=DecisionKind.choices, default=DecisionKind.GRANT
    )
    ends = models.ForeignKey(
        "self",
        verbose_name=_("päätös, jonka mukainen palvelu päätetään"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ended_by",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("korvaa päätöksen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    status = models.CharField(
        _("tila"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    outcome = models.CharField(
        _("ratkaisu"), max_length=10, choices=Outcome.choices, default=Outcome.POSITIVE
    )
    authority = models.ForeignKey(
        Organization,
        verbose_name=_("päättävä viranomainen"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_maker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("päätöksentekijä"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_on = models.DateField(_("päätöspäivä"), null=True, blank=True)
    legal_basis = LimitedTextField(
        _("sovelletut säännökset"), default=DEFAULT_LEGAL_BASIS, max_length=TEXT
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("työtoimintapaikka"),
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
    )
    start_on = models.DateField(_("alkaa"), null=True, blank=True)
    end_on = models.DateField(_("päättyy"), null=True, blank=True)
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name=_("viikonpäivät"),
        default=list,
        blank=True,
    )
    hours_per_day = models.DecimalField(
        _("tunteja päivässä"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    travel_compensation = models.CharField(_("matkakorvaus"), max_length=300, blank=True)
    allowance_kind = models.CharField(
        _("korvaus osallistumispäiviltä"),
        max_length=20,
        choices=AllowanceKind.choices,
        default=AllowanceKind.KULUKORVAUS,
    )
    allowance_amount = models.DecimalField(
        _("korvaus €/päivä"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    reasons = LimitedTextField(
        _("perustelut (tosiasiat ja sovelletut säännökset)"), max_length=RECORD
    )
    schedule_difference_reason = LimitedTextField(
        _("peruste, jos aikataulu poikkeaa suunnitelmasta"),
        blank=True,
        max_length=TEXT,
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lisätietojen antaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_phone = models.CharField(_("puhelin"), max_length=40, blank=True)
    language = models.CharField(
        _("päätöksen kieli"),
        max_length=2,
        default="fi",
        choices=DecisionLanguage.choices,
    )
    plan = models.ForeignKey(
        ActivationPlan,
        verbose_name=_("suunnitelma"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    # the human number (KT-2026-0007): per organiser and year, given when it is made
    number_year = models.PositiveSmallIntegerField(_("päätösnumeron vuosi"), null=True, blank=True)
    number_seq = models.PositiveIntegerField(
        _("päätösnumeron järjestysnumero"), null=True, blank=True
    )
    pdf = models.FileField(_("päätös PDF"), upload_to="decisions/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("päätös")
        verbose_name_plural = _("päätökset")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number_year", "number_seq"],
                name="decision_number_unique_per_organiser_and_year",
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gt=models.F("start_on")),
                name="decision_end_after_start",
                violation_error_message=_("Päättymispäivän on oltava alkamispäivän jälkeen."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__isnull=True)
                | Q(
                    hours_per_day__gte=law.HOURS_PER_DAY_MIN,
                    hours_per_day__lte=law.HOURS_PER_DAY_MAX,
                ),
                name="decision_hours_4_to_8",
                violation_error_message=law.RULE_HOURS_DECISION,
            ),
            models.CheckConstraint(
                condition=Q(weekdays__len__lte=law.DAYS_PER_WEEK_MAX),
                name="decision_at_most_4_days_13b",
                violation_error_message=law.RULE_DAYS_PER_WEEK,
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(decided_on__isnull=False, decision_maker__isnull=False),
                name="made_decision_has_maker_and_date",
            ),
            models.CheckConstraint(  # an ending decision names the decision it ends
                condition=Q(kind=DecisionKind.GRANT, ends__isnull=True)
                | Q(kind=DecisionKind.ENDING, ends__isnull=False, end_on__isnull=False),
                name="ending_decision_names_what_it_ends",
            ),
            # One positive decision in force per case and period: a change is a replacing
            # decision (the old one becomes "replaced" first). Both columns as ranges, so
            # core GiST suffices (no btree_gist).
            DatabaseExclusionConstraint(
                name="one_live_decision_per_case_and_period",
                expressions=[
                    (
                        Func(
                            F("case_id"),
                            F("case_id"),
                            Value("[]"),
                            function="int8range",
                            output_field=BigIntegerRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                    (
                        Func(
                            F("start_on"),
                            F("end_on"),
                            Value("[]"),
                            function="daterange",
                            output_field=DateRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(
                    kind=DecisionKind.GRANT,
                    outcome__in=POSITIVE_OUTCOMES,
                    status__in=LIVE_STATUSES,
                ),
                violation_error_message=_(
                    "Asiakkuudella on jo voimassa myönteinen päätös samalle ajalle: muutos "
                    "tehdään korvaavalla päätöksellä."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Päätös')} {self.number or self.pk} ({self.get_status_display()})"

    @property
    def number(self) -> str:
        """The decision's number people read and quote: KT-2026-0007 (none for a draft)."""
        if self.number_seq is None:
            return ""
        return f"{NUMBER_PREFIX}-{self.number_year}-{self.number_seq:04d}"

    def is_positive(self) -> bool:
        return self.kind == DecisionKind.GRANT and self.outcome != Outcome.NEGATIVE

    def is_ending(self) -> bool:
        return self.kind == DecisionKind.ENDING

    def weekday_labels(self) -> list[str]:
        return [str(Weekday(day).label) for day in sorted(self.weekdays)]


class DecisionCounter(models.Model):
    """The last number given per organiser and year; one row, locked by its upsert."""

    authority = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="decision_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.authority_id} {self.year}: {self.last}"


class Coach(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL_COACH = "individual_coach", _("Yksilövalmentaja")
        WORK_COACH = "work_coach", _("Työvalmentaja")
        WORK_SUPERVISOR = "work_supervisor", _("Työnohjaaja")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="coaches")
    kind = models.CharField(_("valmennus"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nimi"), max_length=200)
    hours = models.DecimalField(_("tunteja"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("valmentaja")
        verbose_name_plural = _("valmentajat")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class NotificationMethod(models.TextChoices):
    HANDED_OVER = "handed_over", _("Luovutettu henkilökohtaisesti")
    POST = "post", _("Kirjeenä postitse")
    E_SERVICE = "e_service", _("Sähköisesti (asiakkaan suostumuksella)")
    SUOMIFI = "suomifi", _("Suomi.fi-viesteillä sähköisesti")
    SUOMIFI_POST = "suomifi_post", _("Suomi.fi-viesteillä tulostettuna kirjeenä")


class Notification(models.Model):
    """Tiedoksianto: how and when the client was notified, and the dates that follow."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="notification")
    method = models.CharField(
        _("tiedoksiantotapa"), max_length=12, choices=NotificationMethod.choices
    )
    sent_on = models.DateField(_("annettu tai lähetetty"))
    received_on = models.DateField(_("katsotaan saaduksi"))
    reconsideration_deadline = models.DateField(_("oikaisuvaatimuksen viimeinen päivä"))
    electronic_consent = models.BooleanField(
        _("asiakas on suostunut sähköiseen tiedoksiantoon"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tiedoksianto")
        verbose_name_plural = _("tiedoksiannot")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.sent_on:%d.%m.%Y}"
