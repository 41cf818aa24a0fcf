from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from clients.forms import DateInput
from clients.models import Phase
from core import law, text
from core.forms import FactDatesMixin

from .models import (
    ActivationPlan,
    Assessment,
    ClientBenefit,
    ClientPlan,
    EmploymentPlan,
    InterruptionEvent,
    Party,
    PlanType,
)


class AssessmentForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("started_on", "completed_on")

    class Meta:
        model = Assessment
        fields = [
            "started_on",
            "completed_on",
            "summary",
            "capacity_assessment",
            "work_ability_team_consulted",
            "work_ability_team_statement",
            "conclusion",
        ]
        widgets = {"started_on": DateInput, "completed_on": DateInput}


class ClientPlanForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("drawn_up_on",)

    class Meta:
        model = ClientPlan
        fields = ["drawn_up_on", "goals", "review_on"]
        widgets = {"drawn_up_on": DateInput, "review_on": DateInput}


class EmploymentPlanForm(FactDatesMixin, forms.ModelForm):
    fact_dates = ("drawn_up_on",)

    class Meta:
        model = EmploymentPlan
        fields = ["drawn_up_on", "employment_authority", "authority_contact"]
        widgets = {"drawn_up_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employment_authority"].queryset = Organization.objects.filter(
            kind=Organization.Kind.EMPLOYMENT_AUTHORITY
        )


class ActivationPlanForm(forms.ModelForm):
    """Items 2 and 3 are checked against 13 b § as the user saves (and again in the service)."""

    class Meta:
        model = ActivationPlan
        fields = [
            "plan_type",
            *ActivationPlan.CONTENTS,
            "includes_kuty",
            *ActivationPlan.KUTY_ITEMS,
        ]
        widgets = {
            "start_on": DateInput,
            "assessment_due_on": DateInput,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in [
                    *ActivationPlan.CONTENTS,
                    "kuty_goal",
                    "support_and_guidance",
                    "other_services",
                ]
            },
        }

    def fieldsets(self) -> list[tuple[str, list]]:
        """Two numbered lists (the plan's contents 1–4, the work activity's 1–6): each in
        its own fieldset whose legend tells them apart."""
        return [
            (_("Suunnitelman sisältö, kohdat 1–4"), [self[n] for n in ActivationPlan.CONTENTS]),
            (
                _("Kuntouttava työtoiminta, kohdat 1–6"),
                [self[n] for n in ("includes_kuty", *ActivationPlan.KUTY_ITEMS)],
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_type"].queryset = PlanType.objects.filter(active=True)
        self.fields["days_per_week"].help_text = law.RULE_DAYS_PER_WEEK
        self.fields["hours_per_day"].help_text = law.RULE_HOURS_MIN
        self.fields["length_months"].help_text = law.RULE_PERIOD

    def clean(self):
        data = super().clean()
        checks = [
            ("days_per_week", law.validate_days_per_week),
            ("hours_per_day", law.validate_hours_per_day),
            ("length_months", law.validate_period_months),
        ]
        for name, check in checks:
            if data.get(name) is not None:
                try:
                    check(data[name])
                except ValidationError as error:
                    self.add_error(None, error)
        return data


class SignForm(forms.Form):
    party = forms.ChoiceField(label=_("Osapuoli"), choices=Party.choices)
    signer_name = forms.CharField(label=_("Allekirjoittajan nimi"), max_length=200)
    signed_on = forms.DateField(label=_("Allekirjoituspäivä"), widget=DateInput)

    def __init__(self, *args, parties: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        # only the parties this user may sign for (a TE officer never sees "Kunta")
        self.fields["party"].choices = [(p, Party(p).label) for p in parties]


class InterruptionForm(forms.Form):
    interruption_event = forms.ChoiceField(label=_("Mikä alkoi"), choices=InterruptionEvent.choices)
    event_on = forms.DateField(label=_("Alkamispäivä"), widget=DateInput)
    hearing_on = forms.DateField(label=_("Asiakasta kuultu"), widget=DateInput, required=False)
    hearing_summary = forms.CharField(
        label=_("Kuulemisen sisältö"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=text.TEXT,
    )
    interrupted_on = forms.DateField(label=_("Katsotaan keskeytyneeksi"), widget=DateInput)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Siirrä vaiheeseen"),
        choices=[(value, label) for value, label in Phase.choices if value != Phase.CLOSED],
    )
    reason = forms.CharField(
        label=_("Syy"),
        max_length=500,
        help_text=_(
            "Kirjaukset siirtävät asiakkuutta eteenpäin itse; kirjaa, miksi siirrät käsin."
        ),
    )


class ClientBenefitForm(forms.ModelForm):
    """A benefit of the client for a period; the expense compensation names its decision
    (set when the decision is made, so not asked here)."""

    class Meta:
        model = ClientBenefit
        fields = ["kind", "fund", "start_on", "end_on"]
        widgets = {"start_on": DateInput, "end_on": DateInput}
