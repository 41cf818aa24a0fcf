"""The law as dated data: rule sets with an effective date (DESIGN.md "The law").

The numbers and texts that change with legislation — 13 b § limits, the region's day
limit, the plan types and who signs each, the legal basis and its decision texts in
Finnish and Swedish, the allowance rates, the service's own name and organiser — are a
rule set an administrator edits (with history, django-pghistory). A plan, a decision or
a week is judged by the rule set in force on its own date (`rulesets.engine.rules_on`).
docs/law.md lists which law each rule set encodes and how to add the next change.
"""

from __future__ import annotations

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization


class BenefitKind(models.TextChoices):
    """The client's benefits (the first seed's "Etuudet"): they decide the plan type and
    which absence notice goes where."""

    LABOUR_MARKET_SUBSIDY = "labour_market_subsidy", _("Työmarkkinatuki (Kela)")
    BASIC_ALLOWANCE = "basic_allowance", _("Peruspäiväraha (Kela)")
    EARNINGS_RELATED = "earnings_related", _("Ansiopäiväraha (työttömyyskassa)")
    SOCIAL_ASSISTANCE = "social_assistance", _("Toimeentulotuki")
    EXPENSE_COMPENSATION = "expense_compensation", _("Kulukorvaus")
    ACTIVITY_ALLOWANCE = "activity_allowance", _("Toimintaraha")
    TRAVEL_COSTS = "travel_costs", _("Matkakulujen korvaus")


class Signatory(models.TextChoices):
    """The parties who sign a plan (the same values as plans.models.Party)."""

    EMPLOYMENT_AUTHORITY = "employment_authority", _("Työvoimaviranomainen")
    MUNICIPALITY = "municipality", _("Kunta")
    CLIENT = "client", _("Asiakas")


class OrganiserKind(models.TextChoices):
    WELLBEING_COUNTY = "wellbeing_county", _("Hyvinvointialue")
    MUNICIPALITY = "municipality", _("Kunta")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    obj_field=pghistory.ObjForeignKey(on_delete=models.DO_NOTHING, db_constraint=False),
    append_only=True,
)
class RuleSet(models.Model):
    """The rules in force from `effective_from` until the next rule set's date.

    A rule set without a region is national; a region's own set (its day limit, say)
    applies to it from its date, until a later set — its own or national — follows."""

    region = models.ForeignKey(
        Organization,
        verbose_name=_("alue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_sets",
        limit_choices_to={"kind": Organization.Kind.REGION},
        help_text=_("Tyhjä: koko maan sääntö."),
    )
    effective_from = models.DateField(_("voimassa alkaen"))
    name = models.CharField(_("nimi"), max_length=200)
    statutes = models.CharField(
        _("säädökset (Finlex)"),
        max_length=500,
        help_text=_("Säädösten numerot ja pykälät, joihin sääntö perustuu."),
    )
    # the service itself: its name, legal basis and organiser are data (issue 26, 5.)
    service_name_fi = models.CharField(_("palvelun nimi suomeksi"), max_length=200)
    service_name_sv = models.CharField(_("palvelun nimi ruotsiksi"), max_length=200)
    service_name_en = models.CharField(_("palvelun nimi englanniksi"), max_length=200)
    organiser_kind = models.CharField(_("järjestäjä"), max_length=20, choices=OrganiserKind.choices)
    legal_basis_fi = models.TextField(_("päätöksen sovelletut säännökset suomeksi"))
    legal_basis_sv = models.TextField(_("päätöksen sovelletut säännökset ruotsiksi"))
    # 13 b §
    period_min_months = models.PositiveSmallIntegerField(_("jakso vähintään (kk)"))
    period_max_months = models.PositiveSmallIntegerField(_("jakso enintään (kk)"))
    days_week_min = models.PositiveSmallIntegerField(_("päiviä viikossa vähintään"))
    days_week_max = models.PositiveSmallIntegerField(_("päiviä viikossa enintään"))
    hours_day_min = models.PositiveSmallIntegerField(_("tunteja päivässä vähintään"))
    hours_day_max = models.PositiveSmallIntegerField(_("tunteja päivässä enintään"))
    # the region's rule (DOMAIN.md: 178 days in any 12 months)
    day_limit = models.PositiveSmallIntegerField(_("osallistumispäiviä enintään 12 kuukaudessa"))
    # the allowance rates (€/participation day)
    expense_compensation_eur = models.DecimalField(
        _("kulukorvaus €/päivä"), max_digits=5, decimal_places=2
    )
    activity_allowance_eur = models.DecimalField(
        _("toimintaraha €/päivä"), max_digits=5, decimal_places=2
    )
    # Kela: the absence notice at least every this many days
    notice_interval_days = models.PositiveSmallIntegerField(
        _("poissaoloilmoitus Kelalle vähintään (päivän välein)"), default=14
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sääntökokonaisuus")
        verbose_name_plural = _("sääntökokonaisuudet")
        ordering = ["-effective_from", "region_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "effective_from"],
                nulls_distinct=False,
                name="one_rule_set_a_day_per_region",
                violation_error_message=_("Alueella on jo sääntö samasta päivästä alkaen."),
            ),
            models.CheckConstraint(
                condition=Q(
                    period_min_months__gte=1, period_max_months__gte=F("period_min_months")
                ),
                name="rule_set_period_order",
                violation_error_message=_(
                    "Jakson vähimmäispituus ei voi ylittää enimmäispituutta."
                ),
            ),
            models.CheckConstraint(
                condition=Q(days_week_min__gte=1, days_week_max__gte=F("days_week_min"))
                & Q(days_week_max__lte=7),
                name="rule_set_days_order",
                violation_error_message=_(
                    "Päiviä viikossa on 1–7, vähimmäismäärä enintään enimmäismäärä."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hours_day_min__gte=1, hours_day_max__gte=F("hours_day_min"))
                & Q(hours_day_max__lte=12),
                name="rule_set_hours_order",
                violation_error_message=_(
                    "Tunteja päivässä: vähimmäismäärä enintään enimmäismäärä, enintään 12."
                ),
            ),
            models.CheckConstraint(
                condition=Q(day_limit__gte=1, day_limit__lte=366),
                name="rule_set_day_limit_range",
                violation_error_message=_("Päiväraja on 1–366 päivää 12 kuukaudessa."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from:%-d.%-m.%Y})"

    def service_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "fi")[:2]
        return getattr(self, f"service_name_{language}", "") or self.service_name_fi

    def legal_basis(self, language: str | None = None) -> str:
        """The decision's legal-basis text in the decision's language (sv, else fi)."""
        return self.legal_basis_sv if (language or "")[:2] == "sv" else self.legal_basis_fi

    def allowance_rate(self, kind: str):
        """€ per participation day of the allowance `kind` ('kulukorvaus'/'toimintaraha')."""
        if kind == "toimintaraha":
            return self.activity_allowance_eur
        return self.expense_compensation_eur


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    obj_field=pghistory.ObjForeignKey(on_delete=models.DO_NOTHING, db_constraint=False),
    append_only=True,
)
class PlanTypeRule(models.Model):
    """A plan type the rule set allows, for which clients, and who signs it."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="plan_types")
    order = models.PositiveSmallIntegerField(_("järjestys"), default=1)
    code = models.SlugField(
        _("suunnitelmatyypin tunnus"),
        help_text=_("Suunnitelmatyypin tunnus (aktivointisuunnitelma: activation)."),
    )
    name_fi = models.CharField(_("nimi suomeksi"), max_length=200)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=200)
    name_en = models.CharField(_("nimi englanniksi"), max_length=200)
    statute = models.CharField(_("säädös"), max_length=200)
    for_benefits = ArrayField(
        models.CharField(max_length=30, choices=BenefitKind.choices),
        verbose_name=_("asiakkaan etuus"),
        blank=True,
        default=list,
        help_text=_("Tyhjä: kaikille asiakkaille. Muuten vain näitä etuuksia saaville."),
    )
    signatories = ArrayField(
        models.CharField(max_length=25, choices=Signatory.choices),
        verbose_name=_("allekirjoittajat"),
        default=list,
    )

    class Meta:
        verbose_name = _("suunnitelmatyyppi ja allekirjoittajat")
        verbose_name_plural = _("suunnitelmatyypit ja allekirjoittajat")
        ordering = ["rule_set", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "code"], name="plan_type_once_a_rule_set"),
            models.CheckConstraint(
                condition=Q(signatories__len__gte=1),
                name="plan_type_has_signatories",
                violation_error_message=_("Suunnitelmalla on oltava allekirjoittajat."),
            ),
        ]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        language = (language or get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi

    def fits(self, benefits: set[str]) -> bool:
        return not self.for_benefits or bool(set(self.for_benefits) & benefits)
